/**
 * The drill command once its command line has passed: reads the stack's config, builds the DR report
 * from it as the plan does, and prints the disruption's timeline and its spread over many disasters.
 */
import { InvalidInputError } from "../components/internal";
import { drModelInput } from "../config/drInput";
import { drReport, formatSeconds } from "../dr";
import { DrillDistribution, drillDistribution, drillProblems, DrillTimeline, drillTimeline, Spread } from "../dr/drill";
import { DrillRequest, DRILL_EXIT } from "./drillArgs";
import { EvaluateStackOptions, PlanInputError, stackConfig } from "./engine";
import { CommandIo, processIo } from "./planArgs";
import { stackContext } from "./planChecks";

const WHAT_IS_LOST = {
    region: "the primary region is lost",
    az: "one Availability Zone of the primary is lost",
    corruption: "a bad write or deletion reaches every replica",
} as const;

const seconds = (s: number | null) => (s === null ? "none" : formatSeconds(s));

/** The timeline as lines: each RTO step at the time it ends (worst, [expected]), then the RPO terms. */
export function timelineLines(timeline: DrillTimeline): string[] {
    const rto = timeline.steps.filter((s) => s.objective === "rto");
    const rpo = timeline.steps.filter((s) => s.objective === "rpo");
    const at = (worst: number, expected: number) =>
        `t+${formatSeconds(worst)}${expected === worst ? "" : ` [${formatSeconds(expected)}]`}`.padEnd(26);
    const lines = [
        `Timeline (worst case [expected]), from the disruption at t+0s:`,
        `  ${at(0, 0)}${WHAT_IS_LOST[timeline.disruption]}`,
    ];
    for (const s of rto) {
        lines.push(
            `  ${at(s.endsAt, s.expectedEndsAt)}${s.name} done: ${formatSeconds(s.seconds)}${s.assumption ? " (assumption)" : ""}  <- ${s.path ?? s.source}`,
        );
        for (const d of s.detail) lines.push(`  ${"".padEnd(26)}  ${d}`);
    }
    if (rto.length > 0) lines.push(`  ${"".padEnd(26)}serving again: worst ${seconds(timeline.achieved.rtoSeconds)}`);
    if (rpo.length > 0) {
        lines.push("Data the recovery starts from (the RPO's terms):");
        for (const s of rpo)
            lines.push(
                `  + ${s.name}: ${formatSeconds(s.seconds)}${s.assumption ? " (assumption)" : ""}  <- ${s.path ?? s.source}`,
            );
        lines.push(`  = data lost: worst ${seconds(timeline.achieved.rpoSeconds)}`);
    }
    return lines;
}

function spreadLine(label: string, spread: Spread | null, objective: number | null, runs: number): string {
    if (!spread) return `  ${label.padEnd(10)} not simulated: the report's worst case is all there is`;
    const over =
        objective === null
            ? "no objective"
            : `${spread.overObjective} of ${runs} over the ${formatSeconds(objective)} objective`;
    return `  ${label.padEnd(10)} p50 ${formatSeconds(spread.p50)}, p90 ${formatSeconds(spread.p90)}, p99 ${formatSeconds(spread.p99)}, worst ${formatSeconds(spread.worst)} (${over})`;
}

export function distributionLines(timeline: DrillTimeline, distribution: DrillDistribution): string[] {
    return [
        `Over ${distribution.runs} disasters at random instants (seed ${distribution.seed}):`,
        spreadLine("downtime", distribution.rto, timeline.objectives.rtoSeconds, distribution.runs),
        spreadLine("data lost", distribution.rpo, timeline.objectives.rpoSeconds, distribution.runs),
    ];
}

/** Runs the drill; returns the exit status. `options` lets tests change the config without touching the stack files. */
export async function runDrill(
    request: DrillRequest,
    io: CommandIo = processIo,
    options: Pick<EvaluateStackOptions, "configOverrides"> = {},
): Promise<number> {
    try {
        const ctx = stackContext(stackConfig(request.stack, options));
        const input = drModelInput(ctx);
        const problems = drillProblems(input, request.disruption);
        if (problems.length > 0) {
            for (const p of problems)
                io.stderr(
                    `error: stack "${request.stack}": --disruption ${request.disruption}: ${p.path}: ${p.message}\n`,
                );
            return DRILL_EXIT.stackInvalid;
        }
        const report = drReport(input);
        const timeline = drillTimeline(input, report, request.disruption);
        const distribution = drillDistribution(input, report, request.disruption, request);
        const regions = ctx.layout.regions.map((r) => r.region).join(" -> ");
        io.stdout(
            [
                `Drill: stack ${request.stack}, disruption ${request.disruption} (${input.strategy}, ${regions}); offline, nothing was touched`,
                `Objectives: RTO ${seconds(timeline.objectives.rtoSeconds)}, RPO ${seconds(timeline.objectives.rpoSeconds)}; the report's worst case: RTO ${seconds(timeline.achieved.rtoSeconds)}, RPO ${seconds(timeline.achieved.rpoSeconds)} (${timeline.verdict})`,
                "",
                ...timelineLines(timeline),
                "",
                ...distributionLines(timeline, distribution),
                ...(timeline.notes.length > 0 ? ["", "Notes:", ...timeline.notes.map((n) => `  - ${n}`)] : []),
                "",
            ].join("\n"),
        );
        return timeline.verdict === "not met" ? DRILL_EXIT.objectivesMissed : DRILL_EXIT.ok;
    } catch (e) {
        if (e instanceof InvalidInputError || e instanceof PlanInputError) {
            io.stderr(`error: ${e.message.split("\n").join("\nerror: ")}\n`);
            return DRILL_EXIT.stackInvalid;
        }
        throw e;
    }
}
