import {
    BACKUP_RESOURCE_TYPES,
    DrCandidate,
    DrDisruption,
    DrModelInput,
    DrPart,
    drReport,
    DrReport,
    DrRpoClass,
    formatSeconds,
    requestPathLines,
} from "../dr";
import { contextFor, hasNoApplication, StackContext } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { evaluatePolicies, PolicySettings, PolicyViolation } from "../policy/rules";
import { LoadedConfig } from "./engine/config";
import { existingConfigRecorders, StackRecord } from "./engine";

export interface PlanChecks {
    readonly dr: DrReport;
    /** The stack's composed config and the DR model's input the report was made from (the runbook reads both). */
    readonly context: StackContext;
    readonly input: DrModelInput;
    readonly policy: PolicyViolation[];
    /** Config paths of fleets with no application of their own: they run the health-check stand-in. */
    readonly standInFleets: string[];
    /**
     * Regions whose AWS Config recorder the stack says the account has (`backup.audit.configRecorder:
     * existing`): the offline account is given one there, which no offline check can confirm.
     */
    readonly assumedConfigRecorders: string[];
    /** The plan fails: an objective is not met, or a mandatory policy is violated. */
    readonly failed: boolean;
}

export const stackContext = (config: LoadedConfig): StackContext =>
    contextFor(parseStackConfig(config.stack, readRawConfig(config.values)), config.stack);

/** The policies' stack-wide settings, from the stack config. CrossGuard's pack reads them off the resources instead (policy/pack.ts). */
export const policySettings = (ctx: StackContext): PolicySettings => ({
    stack: ctx.stack,
    protectStatefulResources: ctx.protect,
    multiRegion: ctx.layout.regions.length > 1,
});

/** What the plan proves before deploy: the DR objectives from the config, the policies from the resources. */
export function planChecks(config: LoadedConfig, record: StackRecord): PlanChecks {
    const ctx = stackContext(config);
    const input = drModelInput(ctx);
    const dr = drReport(input);
    const policy = evaluatePolicies(record.resources, policySettings(ctx));
    const standInFleets = Object.entries(ctx.config.alb.targetGroups)
        .filter(([, tg]) => hasNoApplication(tg))
        .map(([key]) => `pulumi-aws-dr:alb.targetGroups.${key}.fleet`);
    return {
        dr,
        context: ctx,
        input,
        policy,
        standInFleets,
        assumedConfigRecorders: existingConfigRecorders(config.values),
        failed: !dr.met || policy.some((v) => v.level === "mandatory"),
    };
}

/** A finding's line: its message, led by the config path to change unless the message already is. */
export const findingText = (f: DrReport["findings"][number]) =>
    f.message.startsWith(f.path) ? f.message : `${f.path}: ${f.message}`;

const rpoText = (seconds: number | null) => (seconds === null ? "none" : formatSeconds(seconds));

/** A part's worst case, and its expected case in brackets where that differs. */
function partLines(p: DrPart): string[] {
    const expected = p.expectedSeconds === p.seconds ? "" : ` [${formatSeconds(p.expectedSeconds)}]`;
    const lines = [
        `    + ${p.name}: ${formatSeconds(p.seconds)}${expected}${p.assumption ? " (assumption)" : ""}  <- ${p.path ?? p.source}`,
    ];
    if (p.slowestOf && p.slowestOf.length > 1) lines.push(`        slowest of: ${candidatesText(p.slowestOf)}`);
    return lines;
}

/** Fleets or types with the same time and source on one entry: "EBS, RDS: 4h (default ...)". */
function candidatesText(candidates: readonly DrCandidate[]): string {
    const groups = new Map<string, string[]>();
    for (const c of candidates) {
        const key = `${formatSeconds(c.seconds)} (${c.source})`;
        groups.set(key, [...(groups.get(key) ?? []), c.name]);
    }
    return [...groups.entries()].map(([time, names]) => `${names.join(", ")}: ${time}`).join("; ");
}

function rpoClassLine(c: DrRpoClass): string {
    const how = { continuous: "continuous backup", snapshot: "snapshots", replication: "replication of the data tier" }[
        c.recovery
    ];
    const types = c.resourceTypes.length === BACKUP_RESOURCE_TYPES.length ? "any type" : c.resourceTypes.join(", ");
    const value = c.unjudged
        ? "cannot be judged"
        : c.seconds === null
          ? "none"
          : `${formatSeconds(c.seconds)} [${rpoText(c.expectedSeconds)}]`;
    return `    ${c.checked ? "*" : "-"} ${c.scope}, ${how}${c.rule ? ` of rule ${c.rule}` : ""}, for ${types}: ${value}`;
}

const verdictText = (met: boolean, singleRegion: boolean) =>
    !met ? "NOT MET" : singleRegion ? "met in-region (a region loss is not covered)" : "met";

/** The other disruption types: their verdict, worst case and parts, and what they rest on. */
function disruptionLines(d: DrDisruption): string[] {
    const title = {
        region: "Region loss",
        az: "Loss of one Availability Zone",
        corruption: "Corruption or ransomware",
    }[d.type];
    const objective = (key: "rtoSeconds" | "rpoSeconds") =>
        d.objectives[key] === null ? "" : ` against ${formatSeconds(d.objectives[key]!)}`;
    const values = [
        d.type === "corruption"
            ? ""
            : `RTO ${rpoText(d.achieved.rtoSeconds).replace("none", "unbounded")}${objective("rtoSeconds")}`,
        `RPO ${rpoText(d.achieved.rpoSeconds).replace("none", "unbounded")}${objective("rpoSeconds")}`,
    ].filter(Boolean);
    const verdict = d.verdict === "met" ? "met" : d.verdict.toUpperCase();
    const lines = [`  ${title}: ${verdict}${d.verdict === "not covered" ? "" : `; ${values.join(", ")}`}`];
    if (d.type !== "region") lines.push(...d.parts.flatMap(partLines));
    lines.push(...d.notes.map((n) => `    ${n}`));
    return lines;
}

/** Which failover trigger is in force: the ALBs' own target health, or the Route 53 checks alone. */
export function targetHealthText(t: NonNullable<DrReport["targetHealth"]>): string {
    return t.evaluated
        ? `Route 53 evaluates the ALBs' target health (${t.path}): a region fails over when any target group with targets has none healthy, one microservice included`
        : `Route 53 ignores the ALBs' target health (${t.path}): only its health checks fail a region over`;
}

export function formatChecks(checks: PlanChecks): string {
    const { dr, policy } = checks;
    const region = dr.disruptions.find((d) => d.type === "region")!;
    const singleRegion = region.verdict === "not covered";
    const rtoMet = dr.achieved.rtoSeconds <= dr.objectives.rtoSeconds;
    const rpoMet = dr.achieved.rpoSeconds !== null && dr.achieved.rpoSeconds <= dr.objectives.rpoSeconds;
    const lines = [
        `DR report (${dr.strategy}), worst case given the assumptions listed below; expected case in brackets (on a part, only where it differs):`,
        ...disruptionLines(region),
        `  RTO ${formatSeconds(dr.achieved.rtoSeconds)} [${formatSeconds(dr.expected.rtoSeconds)}] against an objective of ${formatSeconds(dr.objectives.rtoSeconds)}: ${verdictText(rtoMet, singleRegion)}`,
    ];
    for (const p of dr.parts.filter((p) => p.objective === "rto")) lines.push(...partLines(p));
    lines.push(
        `    (${dr.strategy} can reach ${formatSeconds(dr.rtoFloorSeconds)} at best: its terms that are not assumptions, at their best settings)`,
    );
    if (dr.requestPaths) {
        lines.push("  With CloudFront in front, requests take one of two paths (the RTO above is the write path's):");
        for (const line of requestPathLines(dr.requestPaths)) lines.push(`    ${line}`);
    }
    const unjudged = dr.rpoByClass.some((c) => c.checked && c.unjudged);
    const rpoValue = unjudged
        ? "cannot be judged"
        : `${rpoText(dr.achieved.rpoSeconds)} [${rpoText(dr.expected.rpoSeconds)}]`;
    lines.push(
        `  RPO ${rpoValue} against an objective of ${formatSeconds(dr.objectives.rpoSeconds)}: ${verdictText(rpoMet, singleRegion)}`,
    );
    for (const p of dr.parts.filter((p) => p.objective === "rpo")) lines.push(...partLines(p));
    lines.push(
        "  RPO by class of protected resource (* is checked against the objective):",
        ...dr.rpoByClass.map(rpoClassLine),
    );
    for (const d of dr.disruptions.filter((d) => d.type !== "region")) lines.push(...disruptionLines(d));
    lines.push(`  Immutable copy out of an administrator's reach: ${dr.immutableCopy.exists ? "yes" : "NO"}`);
    if (dr.targetHealth) lines.push(`  ${targetHealthText(dr.targetHealth)}`);
    for (const path of checks.standInFleets) {
        lines.push(
            `  NO APPLICATION YET ${path}: a stand-in answers the health checks only; set userData or imageId there`,
        );
    }
    for (const region of checks.assumedConfigRecorders) {
        lines.push(
            `  ASSUMED AWS Config records in ${region} (pulumi-aws-dr:backup.audit.configRecorder: existing): the audit framework is inactive unless the account's recorder there is on and records the AWS Backup types`,
        );
    }
    lines.push("  Assumptions (AWS publishes no bound; each can be declared in config):");
    for (const a of dr.assumptions) {
        const how = !a.path.includes(":dr.assumptions.") ? "as configured" : a.declared ? "declared" : "default";
        lines.push(`    - ${a.name}: ${formatSeconds(a.seconds)}, ${how} at ${a.path}`);
    }
    for (const p of dr.premises) lines.push(`    - ${p.name} (no config field): ${p.source}`);
    for (const f of dr.findings) lines.push(`  ${f.severity.toUpperCase()} ${findingText(f)}`);
    const mandatory = policy.filter((v) => v.level === "mandatory").length;
    lines.push("", `Policy: ${mandatory} mandatory and ${policy.length - mandatory} advisory violations`);
    for (const v of policy)
        lines.push(
            `  ${v.level === "mandatory" ? "MANDATORY" : "advisory "} ${v.id} ${v.urn.split("::").pop()}: ${v.message}`,
        );
    return lines.join("\n");
}
