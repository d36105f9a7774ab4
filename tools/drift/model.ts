/**
 * Turns a parsed preview into what the report shows: one entry per changed resource, its properties
 * with secret values already masked, and whether the change endangers data.
 */
import { DiffKind, PreviewDiagnostic, PreviewDigest, PreviewStep, ResourceState } from "./schema";
import { displayValue, lookup, MASKED, parsePropertyPath } from "./values";

export interface ParsedUrn {
    readonly stack: string;
    readonly project: string;
    /** The resource's own type token, without its parents' (`aws:backup/vault:Vault`). */
    readonly type: string;
    readonly name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>`; the name may itself contain `::`. */
export function parseUrn(urn: string): ParsedUrn {
    const parts = urn.slice("urn:pulumi:".length).split("::");
    if (parts.length < 4) return { stack: "", project: "", type: "(unknown type)", name: urn };
    const [stack, project, qualifiedType, ...name] = parts;
    return { stack, project, type: qualifiedType.split("$").pop()!, name: name.join("::") };
}

interface OpInfo {
    /** The row of the report's table this op counts under. */
    readonly label: string;
    /** Whether the step changes anything. `refresh` changes something only when it found a diff. */
    readonly change: boolean | "when-diff";
    /** Whether the step deletes the cloud resource it acts on (a replacement deletes the old one). */
    readonly destroys: boolean;
}

/** Pulumi's step ops (`display.StepOp`). An op not listed here is reported as a change, under its own name. */
const OPS: Record<string, OpInfo> = {
    same: { label: "same", change: false, destroys: false },
    read: { label: "read", change: false, destroys: false },
    "read-replacement": { label: "read", change: false, destroys: false },
    refresh: { label: "refresh", change: "when-diff", destroys: false },
    create: { label: "create", change: true, destroys: false },
    update: { label: "update", change: true, destroys: false },
    import: { label: "import", change: true, destroys: false },
    // With --show-replacement-steps a replacement is three steps; they are folded into one `replace`.
    replace: { label: "replace", change: true, destroys: true },
    "create-replacement": { label: "replace", change: true, destroys: true },
    "delete-replaced": { label: "replace", change: true, destroys: true },
    "import-replacement": { label: "replace", change: true, destroys: true },
    delete: { label: "delete", change: true, destroys: true },
    discard: { label: "discard", change: true, destroys: false },
    "discard-replaced": { label: "discard", change: true, destroys: false },
    "remove-pending-replace": { label: "remove-pending-replace", change: true, destroys: false },
};

/** Most alarming first: the order of the report's table and of its resource sections. */
export const LABEL_ORDER = [
    "delete",
    "replace",
    "update",
    "refresh",
    "import",
    "create",
    "discard",
    "remove-pending-replace",
];

/**
 * Types whose replacement or deletion loses data or keys: backups, encryption keys, buckets, logs,
 * databases. Matched on the type token so that e.g. a bucket policy or a key alias is not flagged.
 */
const STATEFUL_TYPES: readonly RegExp[] = [
    /^aws:backup\/vault:/,
    /^aws:kms\/(key|replicaKey|externalKey|replicaExternalKey):/,
    /^aws:s3\/bucket(V2)?:/,
    /^aws:cloudwatch\/logGroup:/,
    /^aws:rds\//,
    /^aws:dynamodb\//,
];

export function isStatefulType(type: string): boolean {
    return STATEFUL_TYPES.some((pattern) => pattern.test(type));
}

export interface PropertyChange {
    readonly path: string;
    readonly kind: DiffKind;
    /** Printable old and new values: `[secret]` where a secret is involved, undefined where absent. */
    readonly old?: string;
    readonly new?: string;
}

export interface ResourceChange {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly op: string;
    readonly stateful: boolean;
    /** A stateful resource would be replaced or deleted. */
    readonly danger: boolean;
    readonly protect: boolean;
    readonly replaceReasons: readonly string[];
    readonly diffReasons: readonly string[];
    readonly properties: readonly PropertyChange[];
}

export interface DriftReport {
    readonly stack: string;
    readonly resources: readonly ResourceChange[];
    /** Resources per op label, for the table. */
    readonly counts: ReadonlyMap<string, number>;
    /** `changeSummary.same`, when the preview gave one. */
    readonly unchanged?: number;
    /** Changes the summary counts but no step shows (steps can be filtered); they still count as drift. */
    readonly unlistedChanges: number;
    readonly errors: readonly PreviewDiagnostic[];
    readonly warnings: number;
    readonly maybeCorrupt: boolean;
}

function opInfo(op: string): OpInfo {
    return OPS[op] ?? { label: op, change: true, destroys: false };
}

function isChange(step: PreviewStep): boolean {
    const { change } = opInfo(step.op);
    if (change !== "when-diff") return change;
    return Object.keys(step.detailedDiff ?? {}).length > 0 || (step.diffReasons ?? []).length > 0;
}

/** Top-level properties a state says are secret outputs. */
function secretKeys(...states: (ResourceState | null | undefined)[]): Set<string> {
    return new Set(states.flatMap((s) => s?.additionalSecretOutputs ?? []));
}

function propertyChanges(steps: readonly PreviewStep[]): PropertyChange[] {
    const byPath = new Map<string, PropertyChange>();
    for (const step of steps) {
        const secret = secretKeys(step.oldState, step.newState);
        for (const [path, diff] of Object.entries(step.detailedDiff ?? {})) {
            const segments = parsePropertyPath(path);
            // inputDiff false: the provider compared the old *state* (outputs) with the new inputs.
            const oldRoot = diff.inputDiff === false ? step.oldState?.outputs : step.oldState?.inputs;
            const before = lookup(oldRoot, segments);
            const after = lookup(step.newState?.inputs, segments);
            // One secret side masks both: an old plain value next to a new secret is often the same secret.
            const masked = before.secret || after.secret || secret.has(String(segments[0]));
            const show = (l: typeof before) => (!l.found ? undefined : masked ? MASKED : displayValue(l.value));
            byPath.set(path, { path, kind: diff.kind, old: show(before), new: show(after) });
        }
    }
    return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function unique(lists: (readonly string[] | null | undefined)[]): string[] {
    return [...new Set(lists.flatMap((l) => l ?? []))];
}

function toResourceChange(urn: string, steps: readonly PreviewStep[]): ResourceChange {
    const { type, name } = parseUrn(urn);
    const labels = steps.map((s) => opInfo(s.op).label);
    const op = LABEL_ORDER.find((l) => labels.includes(l)) ?? labels[0];
    const stateful = isStatefulType(type);
    const destroys = steps.some((s) => opInfo(s.op).destroys);
    return {
        urn,
        type,
        name,
        op,
        stateful,
        danger: stateful && destroys,
        protect: steps.some((s) => s.oldState?.protect === true || s.newState?.protect === true),
        replaceReasons: unique(steps.map((s) => s.replaceReasons)),
        diffReasons: unique(steps.map((s) => s.diffReasons)),
        properties: propertyChanges(steps),
    };
}

function labelRank(label: string): number {
    const rank = LABEL_ORDER.indexOf(label);
    return rank < 0 ? LABEL_ORDER.length : rank;
}

/** Builds the report's content. `stack` defaults to the stack named in the preview's URNs. */
export function buildReport(digest: PreviewDigest, stack?: string): DriftReport {
    const steps = digest.steps ?? [];
    const changedSteps = new Map<string, PreviewStep[]>();
    for (const step of steps.filter(isChange))
        changedSteps.set(step.urn, [...(changedSteps.get(step.urn) ?? []), step]);
    // Dangerous first, then by op; otherwise the preview's (dependency) order, as Array.sort is stable.
    const resources = [...changedSteps]
        .map(([urn, s]) => toResourceChange(urn, s))
        .sort((a, b) => Number(b.danger) - Number(a.danger) || labelRank(a.op) - labelRank(b.op));

    const counts = new Map<string, number>();
    for (const r of [...resources].sort((a, b) => labelRank(a.op) - labelRank(b.op)))
        counts.set(r.op, (counts.get(r.op) ?? 0) + 1);

    const summary = digest.changeSummary ?? {};
    const summaryChanges = Object.entries(summary)
        .filter(([op]) => opInfo(op).change === true && opInfo(op).label === op)
        .reduce((sum, [, n]) => sum + n, 0);
    const diagnostics = digest.diagnostics ?? [];
    return {
        stack: stack ?? (steps.length > 0 ? parseUrn(steps[0].urn).stack : ""),
        resources,
        counts,
        unchanged: summary.same,
        unlistedChanges: Math.max(0, summaryChanges - resources.length),
        errors: diagnostics.filter((d) => d.severity === "error"),
        warnings: diagnostics.filter((d) => d.severity === "warning").length,
        maybeCorrupt: digest.maybeCorrupt === true,
    };
}

/** Whether the preview shows any change: what makes the CLI exit with its "drift" code. */
export function hasDrift(report: DriftReport): boolean {
    return report.resources.length > 0 || report.unlistedChanges > 0;
}
