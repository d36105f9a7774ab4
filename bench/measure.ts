/**
 * The pure parts of the benchmark: statistics, the type-token resolver the flat program uses, and the
 * synthetic ALB config of the scaling runs. No timing happens here, so tests can check all of it.
 */

/** A resource class as the SDKs generate it: constructible, and carrying its type token. */
export type ResourceClass = (new (name: string, args?: Record<string, unknown>, opts?: object) => unknown) & {
    __pulumiType?: string;
};

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
        throw new Error(
            `${token} does not resolve to a resource class (looked for ${pkg}${module === "index" ? "" : `.${module}`}.${type})`,
        );
    }
    return cls;
}

export function median(values: readonly number[]): number {
    return quantile(values, 0.5);
}

/** The q-quantile (0..1) with linear interpolation between the two nearest values. */
export function quantile(values: readonly number[], q: number): number {
    if (values.length === 0) throw new Error("quantile of no values");
    if (!(q >= 0 && q <= 1)) throw new Error(`quantile ${q} is not between 0 and 1`);
    const sorted = [...values].sort((a, b) => a - b);
    const at = (sorted.length - 1) * q;
    const below = Math.floor(at);
    return sorted[below] + (sorted[Math.ceil(at)] - sorted[below]) * (at - below);
}

/** A median with its spread: the middle half of the values lies between `low` and `high`. */
export interface Spread {
    readonly median: number;
    /** First quartile. */
    readonly low: number;
    /** Third quartile. */
    readonly high: number;
}

export function spreadOf(values: readonly number[]): Spread {
    return { median: median(values), low: quantile(values, 0.25), high: quantile(values, 0.75) };
}

/** Fewest values a 95% interval for the median can be had from: with 5, even the extremes give only 94%. */
export const MIN_INTERVAL_VALUES = 6;

/**
 * A median with a distribution-free confidence interval for it (`low`..`high`): sorted values
 * x[1..n], the interval is [x[k], x[n+1-k]] for the largest k with P(Binomial(n, 1/2) < k) <= (1 -
 * confidence) / 2, which holds whatever the distribution of the values. Unlike the quartiles, which
 * stay as wide as the noise of one round however many rounds there are, it narrows as rounds are
 * added (about as 1/sqrt(n)): more rounds pin down a small added time that the noise of each round hides.
 */
export function medianInterval(values: readonly number[], confidence = 0.95): Spread {
    const n = values.length;
    if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence ${confidence} is not between 0 and 1`);
    const sorted = [...values].sort((a, b) => a - b);
    // P(Binomial(n, 1/2) <= j), summed term by term: C(n, j) / 2^n.
    let term = 0.5 ** n;
    let below = 0;
    let k = 0;
    for (let j = 0; j < n; j++) {
        below += term; // P(B <= j) = P(B < j + 1)
        if (below > (1 - confidence) / 2) break;
        k = j + 1;
        term = (term * (n - j)) / (j + 1);
    }
    if (k === 0) throw new Error(`${n} values give no ${confidence * 100}% interval for the median`);
    return { median: median(values), low: sorted[k - 1], high: sorted[n - k] };
}

/**
 * Ratios of runs taken in the same round, a[i] / b[i]: a slow patch of a shared machine slows both
 * runs of a round alike, so their ratio keeps what the absolute times lose.
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
    if (a.length !== b.length || a.length === 0)
        throw new Error(`paired ratios need two equally long, non-empty series, got ${a.length} and ${b.length}`);
    return a.map((x, i) => {
        if (!(b[i] > 0)) throw new Error(`run ${i} took ${b[i]} ms: a ratio needs a positive time`);
        return x / b[i];
    });
}

/**
 * Time one service adds, per round: (time with N services - time with none) / N, from the two runs
 * of the same round. Not time(N)/N: the plan's large fixed part (the rest of prod) divided by N
 * would make 1 service look 50 times dearer than 50 even if each costs the same.
 */
export function addedPerService(
    withServices: readonly number[],
    baseline: readonly number[],
    services: number,
): number[] {
    if (!(services > 0)) throw new Error("per-service time needs at least one service");
    if (withServices.length !== baseline.length || baseline.length === 0) {
        throw new Error(`added time needs paired rounds, got ${withServices.length} and ${baseline.length}`);
    }
    return withServices.map((t, i) => (t - baseline[i]) / services);
}

/**
 * Whether a service's added time stands out from the noise: it does when the lower end of its spread
 * (for the bench, the 95% interval of its median) is above zero. Below that, its median may be
 * negative or near zero, and a ratio with it would be meaningless (negative, or Infinity).
 */
export const resolved = (added: Spread): boolean => added.low > 0;

/**
 * Whether an added time is pinned down well enough to divide by: it stands out from the noise
 * (`resolved`), and its interval is no wider than half its median (about +-25%). The ratio of two
 * added times is only as good as the wider of their intervals; one that merely stands out may still
 * be anywhere from a tenth to twice its median.
 */
export const precise = (added: Spread): boolean => resolved(added) && added.high - added.low <= added.median / 2;

/**
 * What a service adds with components over what it adds declared flat: the ratio of the two medians,
 * with the widest ratio their spreads allow as its own. Undefined unless both stand out from
 * the noise (see `resolved`): the caller then says so instead of printing a number.
 */
export function perServiceRatio(components: Spread, flat: Spread): Spread | undefined {
    if (!resolved(components) || !resolved(flat)) return undefined;
    return {
        median: components.median / flat.median,
        low: components.low / flat.high,
        high: components.high / flat.low,
    };
}

/** A ratio to print: `1.23`, or `n/a` when there is no figure to give (never NaN or Infinity). */
export const figure = (value: number | undefined): string =>
    value === undefined || !Number.isFinite(value) ? "n/a" : value.toFixed(2);

/** A machine-readable last line: `key: 1.23`, or `key: n/a`. */
export const machineLine = (key: string, value: number | undefined): string => `${key}: ${figure(value)}`;

/** `1.12 (1.08–1.17)`: a median and its spread. */
export const formatSpread = (s: Spread, digits = 2): string =>
    `${s.median.toFixed(digits)} (${s.low.toFixed(digits)}–${s.high.toFixed(digits)})`;

export const serviceKey = (i: number): string => `svc${i}`;

/**
 * The `pulumi-aws-dr:alb` config of the scaling runs: prod's ALB with its `web` group (weight 1, the
 * default action) and `services` microservice groups, each reached only by its own listener rule, so
 * it has no weight and stays out of the default action (which caps weighted groups at 5).
 * Microservices get no fleet: a fleet is ~10 resources per region of another component, and would
 * measure Fleet's cost rather than the ALB's per-service cost (and blow the time budget at 50).
 */
export function scalingAlbConfig(
    prodAlb: { targetGroups: Record<string, unknown> } & Record<string, unknown>,
    services: number,
): Record<string, unknown> {
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
    const rest = Object.fromEntries(
        Object.entries(prodAlb).filter(([k]) => k !== "targetGroups" && k !== "listenerRules"),
    );
    return { ...rest, targetGroups, ...(services > 0 ? { listenerRules } : {}) };
}

export const mib = (bytes: number): number => bytes / (1024 * 1024);

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: readonly string[]) =>
        cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
