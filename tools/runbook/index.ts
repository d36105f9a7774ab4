/**
 * The failover and failback runbook of a stack, from its evaluated plan and its DR report
 * (`npm run plan -- --stack <name> --runbook <file.md>`). Each step that the report counts stands for
 * one of its terms and takes that term's time, so the runbook's total is the report's RTO.
 */
import { DrModelInput, DrReport } from "../../dr";
import { StackContext } from "../../config/compose";
import { StackRecord } from "../engine";
import { corruptionSteps, AZ_STEPS } from "./local";
import { failbackSteps } from "./failback";
import { Performer, Runbook, RunbookSection } from "./model";
import { StackNames } from "./names";
import { REGION_STEPS, regionTermsInOrder, StepEnv, termSteps } from "./steps";

export { Runbook, RunbookSection, RunbookStep, Performer, Placeholder } from "./model";
export { runbookMarkdown } from "./markdown";
export { termKind, REGION_STEPS } from "./steps";
export { AZ_STEPS } from "./local";

/** The config path of the owner of the manual steps. */
export const OWNER_PATH = "pulumi-aws-dr:dr.failover.owner";

/** The runbook cannot be written; the message names the config field to set. */
export class RunbookError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "RunbookError";
    }
}

export interface RunbookInput {
    readonly record: StackRecord;
    readonly ctx: StackContext;
    readonly input: DrModelInput;
    readonly report: DrReport;
}

const rtoTerms = (parts: DrReport["parts"]) => parts.filter((p) => p.objective === "rto");

/**
 * Builds the runbook. Throws a RunbookError when the stack fails its DR checks (a runbook for
 * objectives it does not meet would promise what it cannot keep) or when a step is manual and the
 * stack names no owner (every such step, at once).
 */
export function buildRunbook({ record, ctx, input, report }: RunbookInput): Runbook {
    if (!report.met) {
        throw new RunbookError(
            `stack "${ctx.stack}" does not meet its DR objectives, so no runbook is written: fix the errors the report lists first`,
        );
    }
    const names = new StackNames(record, ctx);
    const owner = ctx.config.dr.failover?.owner;
    const ownerless: string[] = [];
    const ownerOf = (stepName: string): Performer => {
        if (!owner) ownerless.push(stepName);
        return { kind: "owner", owner: owner ?? "(no owner)", path: OWNER_PATH };
    };
    const primary = names.primaryRegion;
    const recovery = names.recoveryRegion;
    const envFor = (target: string): StepEnv => ({ names, input, report, owner: ownerOf, target });
    const region = report.disruptions.find((d) => d.type === "region")!;
    const sections: RunbookSection[] = [];

    const terms = regionTermsInOrder(input, rtoTerms(report.parts));
    if (recovery && region.verdict !== "not covered") {
        const env = envFor(recovery);
        sections.push({
            kind: "failover",
            title: `Failover: the loss of ${primary}`,
            intro: [
                `Recovery in ${recovery} (${report.strategy}). Each step is one term of the DR report, in the order they happen; the times are the report's worst case, and they add up to its RTO.`,
            ],
            steps: termSteps("region", REGION_STEPS, env, terms),
            reportSeconds: report.achieved.rtoSeconds,
        });
        sections.push({
            kind: "failback",
            title: `Failback: back to ${primary}`,
            intro: [
                `Planned, once ${primary} is back. The order keeps one writer at a time: traffic stays in ${recovery} until every store replicates towards ${primary} again, the database's writer moves back without data loss, and only then does ${primary} take traffic.`,
            ],
            steps: failbackSteps(env, terms, primary, recovery),
            reportSeconds: null,
        });
    } else {
        sections.push({
            kind: "not-covered",
            title: `The loss of ${primary} is not covered`,
            intro: [...region.notes, "No step below brings the service back if the region itself is lost."],
            steps: [],
            reportSeconds: null,
        });
        sections.push({
            kind: "in-region",
            title: `Rebuild in ${primary}`,
            intro: [
                "What the stack's objectives are judged for: the region survives and the stack is rebuilt and restored in it. The times are the report's terms and add up to its RTO.",
            ],
            steps: termSteps("region", REGION_STEPS, envFor(primary), terms),
            reportSeconds: report.achieved.rtoSeconds,
        });
    }

    const az = report.disruptions.find((d) => d.type === "az");
    if (az) {
        const azTerms = rtoTerms(az.parts);
        const local = azTerms.reduce((total, t) => total + t.seconds, 0);
        sections.push({
            kind: "az",
            title: `The loss of one Availability Zone of ${primary}`,
            intro:
                az.achieved.rtoSeconds !== null && az.achieved.rtoSeconds > local
                    ? [
                          `Each step is one term of the report's AZ disruption, but the report's AZ RTO is the regional one: ${az.notes[az.notes.length - 1]}. If the service stops, follow the failover section.`,
                      ]
                    : ["Each step is one term of the report's AZ disruption; the times add up to its RTO."],
            steps: termSteps("az", AZ_STEPS, envFor(primary), azTerms),
            reportSeconds: az.achieved.rtoSeconds,
        });
    }
    const corruption = report.disruptions.find((d) => d.type === "corruption");
    if (corruption && input.backedUp.types.length > 0) {
        sections.push({
            kind: "corruption",
            title: "Corruption or ransomware",
            intro: ["The report judges the data lost (RPO), not the time to restore, so these steps carry no time."],
            steps: corruptionSteps(envFor(primary), corruption),
            reportSeconds: null,
        });
    }

    if (ownerless.length > 0) {
        throw new RunbookError(
            `${OWNER_PATH} is not set, and the runbook has manual steps that need a named owner: ${[...new Set(ownerless)].join("; ")}; set it to the team or on-call rota that is paged (for example "platform-team on-call")`,
        );
    }
    return {
        stack: ctx.stack,
        strategy: report.strategy,
        primaryRegion: primary,
        recoveryRegion: recovery,
        owner: owner!,
        sections,
        placeholders: names.placeholders,
    };
}
