/**
 * The pure parts of the benchmark: statistics, the type-token resolver the flat program uses, and the
 * synthetic ALB config of the scaling runs. No timing happens here, so tests can check all of it.
 */

/** A resource class as the SDKs generate it: constructible, and carrying its type token. */
export type ResourceClass = (new (name: string, args?: Record<string, unknown>, opts?: object) => unknown) & { __pulumiType?: string };

/**
 * The SDK class for a type token: `aws:lb/loadBalancer:LoadBalancer` -> `aws.lb.LoadBalancer`,
 * `random:index/randomId:RandomId` -> `random.RandomId` (module `index` is the package root).
 * `packages` maps a package name to its imported module. The class must declare that same token, so a
 * module whose SDK namespace differs from its token fails loudly instead of building something else.
 */
export function resolveResourceClass(token: string, packages: Readonly<Record<string, unknown>>): ResourceClass {
    const match = /^([\w-]+):([\w-]+)(?:\/[\w-]+)?:(\w+)$/.exec(token);
    if (!match) throw new Error(`"${token}" is not a resource type token of the form package:module/file:Type`);
    const [, pkg, module, type] = match;
    const root = packages[pkg] as Record<string, unknown> | undefined;
    if (!root) throw new Error(`no SDK for package "${pkg}" (of ${token})`);
    const namespace = (module === "index" ? root : root[module]) as Record<string, unknown> | undefined;
    const cls = namespace?.[type] as ResourceClass | undefined;
    if (typeof cls !== "function" || cls.__pulumiType !== token) {
        throw new Error(`${token} does not resolve to a resource class (looked for ${pkg}${module === "index" ? "" : `.${module}`}.${type})`);
    }
    return cls;
}

export function median(values: readonly number[]): number {
    if (values.length === 0) throw new Error("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** max / min: 1.00 means perfectly flat. Non-positive values (noise swamping a tiny cost) make it Infinity. */
export function spread(values: readonly number[]): number {
    if (values.length === 0) throw new Error("spread of no values");
    const min = Math.min(...values);
    return min > 0 ? Math.max(...values) / min : Infinity;
}

/**
 * Marginal plan time of one service: what N services add over the same stack with none, divided by N.
 * Not time(N)/N: a plan has a large fixed part (the whole prod stack without microservices, ~2 s),
 * and dividing it by N would make 1 service look 50 times dearer than 50 even if each costs the same.
 */
export function perServiceMs(totalMs: number, baselineMs: number, services: number): number {
    if (!(services > 0)) throw new Error("per-service time needs at least one service");
    return (totalMs - baselineMs) / services;
}

export const serviceKey = (i: number): string => `svc${i}`;

/**
 * The `pulumi-aws-dr:alb` config of the scaling runs: prod's ALB with its `web` group (weight 1, the
 * default action) and `services` microservice groups, each reached only by its own listener rule, so
 * it has no weight and stays out of the default action (which caps weighted groups at 5).
 * Microservices get no fleet: a fleet is ~10 resources per region of another component, and would
 * measure Fleet's cost rather than the ALB's per-service cost (and blow the time budget at 50).
 */
export function scalingAlbConfig(prodAlb: { targetGroups: Record<string, unknown> } & Record<string, unknown>, services: number): Record<string, unknown> {
    const web = prodAlb.targetGroups.web;
    if (web === undefined) throw new Error("prod's ALB config has no `web` target group");
    const targetGroups: Record<string, unknown> = { web };
    const listenerRules: Record<string, unknown> = {};
    for (let i = 1; i <= services; i++) {
        const key = serviceKey(i);
        // web's port, so that no service adds security group rules for a port of its own: then the
        // first service costs what the 50th does, and the spread measures the program, not the config.
        targetGroups[key] = { healthCheck: { path: `/${key}/health` } };
        listenerRules[key] = { priority: i, pathPatterns: [`/${key}/*`], forward: { targetGroups: { [key]: 1 } } };
    }
    const rest = Object.fromEntries(Object.entries(prodAlb).filter(([k]) => k !== "targetGroups" && k !== "listenerRules"));
    return { ...rest, targetGroups, ...(services > 0 ? { listenerRules } : {}) };
}

export const mib = (bytes: number): number => bytes / (1024 * 1024);

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
