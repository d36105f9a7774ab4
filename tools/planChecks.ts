import { drReport, DrReport, formatSeconds } from "../components/dr";
import { contextFor, StackContext } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { evaluatePolicies, PolicySettings, PolicyViolation } from "../policy/rules";
import { LoadedConfig } from "./engine/config";
import { StackRecord } from "./engine/record";

export interface PlanChecks {
    readonly dr: DrReport;
    readonly policy: PolicyViolation[];
    /** The plan fails: an objective is not met, or a mandatory policy is violated. */
    readonly failed: boolean;
}

export const stackContext = (config: LoadedConfig): StackContext => contextFor(parseStackConfig(config.stack, readRawConfig(config.values)), config.stack);

/** The policies' stack-wide settings, from the stack config. CrossGuard's pack reads them off the resources instead (policy/pack.ts). */
export const policySettings = (ctx: StackContext): PolicySettings => ({ stack: ctx.stack, protectStatefulResources: ctx.protect, multiRegion: ctx.layout.regions.length > 1 });

/** What the plan proves before deploy: the DR objectives from the config, the policies from the resources. */
export function planChecks(config: LoadedConfig, record: StackRecord): PlanChecks {
    const ctx = stackContext(config);
    const dr = drReport(drModelInput(ctx));
    const policy = evaluatePolicies(record.resources, policySettings(ctx));
    return { dr, policy, failed: !dr.met || policy.some((v) => v.level === "mandatory") };
}

/** A finding's line: its message, led by the config path to change unless the message already is. */
export const findingText = (f: DrReport["findings"][number]) => (f.message.startsWith(f.path) ? f.message : `${f.path}: ${f.message}`);

const rpoText = (seconds: number | null) => (seconds === null ? "none" : formatSeconds(seconds));

export function formatChecks(checks: PlanChecks): string {
    const { dr, policy } = checks;
    const lines = [
        `DR report (${dr.strategy}), worst case; expected case in brackets:`,
        `  RTO ${formatSeconds(dr.achieved.rtoSeconds)} [${formatSeconds(dr.expected.rtoSeconds)}] against an objective of ${formatSeconds(dr.objectives.rtoSeconds)}: ${dr.achieved.rtoSeconds <= dr.objectives.rtoSeconds ? "met" : "NOT MET"}`,
    ];
    for (const p of dr.parts.filter((p) => p.objective === "rto")) lines.push(`    + ${p.name}: ${formatSeconds(p.seconds)}${p.assumption ? " (assumption)" : ""}  <- ${p.path ?? p.source}`);
    const rpoMet = dr.achieved.rpoSeconds !== null && dr.achieved.rpoSeconds <= dr.objectives.rpoSeconds;
    lines.push(`  RPO ${rpoText(dr.achieved.rpoSeconds)} [${rpoText(dr.expected.rpoSeconds)}] against an objective of ${formatSeconds(dr.objectives.rpoSeconds)}: ${rpoMet ? "met" : "NOT MET"}`);
    for (const p of dr.parts.filter((p) => p.objective === "rpo")) lines.push(`    + ${p.name}: ${formatSeconds(p.seconds)}${p.assumption ? " (assumption)" : ""}  <- ${p.path ?? p.source}`);
    for (const f of dr.findings) lines.push(`  ${f.severity.toUpperCase()} ${findingText(f)}`);
    const mandatory = policy.filter((v) => v.level === "mandatory").length;
    lines.push("", `Policy: ${mandatory} mandatory and ${policy.length - mandatory} advisory violations`);
    for (const v of policy) lines.push(`  ${v.level === "mandatory" ? "MANDATORY" : "advisory "} ${v.id} ${v.urn.split("::").pop()}: ${v.message}`);
    return lines.join("\n");
}
