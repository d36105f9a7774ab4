/**
 * A drill, offline: the timeline of one disruption as the DR report's terms lay it out, and the spread
 * of downtime and data loss over many disasters. The timeline is read from the report's parts, in the
 * order the simulation (dr/simulation.ts) plays them, so a term the report adds appears here unchanged.
 */
import { fleetScaleOuts } from "./failover";
import { formatSeconds } from "./format";
import { DrDisruption, DrModelInput, DrPart, DrReport } from "./model";
import { dataLost, seededRandom, simulate, termKey, within } from "./simulation";

export const DRILL_DISRUPTIONS = ["region", "az", "corruption"] as const;
export type DrillDisruption = (typeof DRILL_DISRUPTIONS)[number];

/** What a stack lacks for a drill: the config field to set and why. */
export interface DrillProblem {
    readonly path: string;
    readonly message: string;
}

/** Why a drill of `disruption` cannot run on this stack; empty when it can. */
export function drillProblems(input: DrModelInput, disruption: DrillDisruption): DrillProblem[] {
    switch (disruption) {
        case "region":
            return input.survivingRegions.length === 0
                ? [
                      {
                          path: "pulumi-aws-dr:dr.secondaryRegion",
                          message: `a region drill needs a recovery region; the stack (${input.strategy}) runs and keeps its recovery points in one region, so a region loss is not covered`,
                      },
                  ]
                : [];
        case "az":
            return input.fleets.length === 0
                ? [
                      {
                          path: "pulumi-aws-dr:alb.targetGroups",
                          message: "an AZ drill needs a fleet in the primary: no target group has one",
                      },
                  ]
                : [];
        case "corruption":
            return input.rules.length === 0
                ? [
                      {
                          path: "pulumi-aws-dr:backup.rules",
                          message:
                              "a corruption drill restores from recovery points: the stack declares no backup rule",
                      },
                  ]
                : [];
    }
}

/** One step of the timeline: a report term, when it starts and ends in the worst case and the expected one. */
export interface DrillStep {
    readonly objective: "rto" | "rpo";
    /** The report's part name, e.g. `detect (Route 53 health check)`. */
    readonly name: string;
    readonly seconds: number;
    readonly expectedSeconds: number;
    /** Seconds from the disruption at which the step ends (RTO steps), worst and expected. */
    readonly endsAt: number;
    readonly expectedEndsAt: number;
    readonly source: string;
    readonly path?: string;
    readonly assumption: boolean;
    /** What happens within the step, e.g. the scale-out steps. */
    readonly detail: readonly string[];
}

export interface DrillTimeline {
    readonly disruption: DrillDisruption;
    readonly verdict: DrDisruption["verdict"];
    readonly objectives: DrDisruption["objectives"];
    readonly achieved: DrDisruption["achieved"];
    readonly steps: readonly DrillStep[];
    readonly notes: readonly string[];
}

/** The disruption's entry in the report. */
export function disruptionOf(report: DrReport, disruption: DrillDisruption): DrDisruption {
    const found = report.disruptions.find((d) => d.type === disruption);
    if (!found) throw new Error(`the DR report judges no ${disruption} disruption`);
    return found;
}

/** The order the simulation plays a regional disaster's terms in: its first run's terms, by key. */
function playedOrder(input: DrModelInput, report: DrReport): string[] {
    return Object.keys(simulate(input, report, { runs: 1, seed: 1 }).runs[0].terms);
}

/** The scale-out of each fleet the capacity term waits for, in words. */
function capacityDetail(input: DrModelInput): string[] {
    return fleetScaleOuts(input)
        .filter((s) => s.steps.length > 0)
        .map((s) => {
            const start = input.strategy === "pilot-light" ? 0 : s.fleet.standby.desired;
            return `${s.fleet.targetGroup}: ${[start, ...s.steps].join(" -> ")} instances (${s.steps.length} step${s.steps.length === 1 ? "" : "s"}: ${input.strategy === "pilot-light" ? "" : "alarm + "}warm-up each, then healthyThreshold x interval), ${formatSeconds(s.seconds)}`;
        });
}

/**
 * The disruption's timeline from the report's terms. RTO steps run one after another, as the report
 * adds them; a regional disaster's in the order the simulation plays them (a pilot light's resolver
 * cache counts once its standby is healthy), the others in the report's order. RPO terms are listed
 * after: they say how old the data the recovery starts from is.
 */
export function drillTimeline(input: DrModelInput, report: DrReport, disruption: DrillDisruption): DrillTimeline {
    const entry = disruptionOf(report, disruption);
    const rto = entry.parts.filter((p) => p.objective === "rto");
    const order = disruption === "region" ? playedOrder(input, report) : [];
    const rank = (p: DrPart) => {
        const i = order.indexOf(termKey(p.name));
        return i === -1 ? order.length : i;
    };
    const ordered = [...rto].sort((a, b) => rank(a) - rank(b));
    let worst = 0;
    let expected = 0;
    const steps: DrillStep[] = ordered.map((p) => {
        worst += p.seconds;
        expected += p.expectedSeconds;
        return {
            objective: "rto",
            name: p.name,
            seconds: p.seconds,
            expectedSeconds: p.expectedSeconds,
            endsAt: worst,
            expectedEndsAt: expected,
            source: p.source,
            path: p.path,
            assumption: p.assumption,
            detail: termKey(p.name) === "capacity" && disruption === "region" ? capacityDetail(input) : [],
        };
    });
    const notes = [...entry.notes];
    const achievedRto = entry.achieved.rtoSeconds;
    if (achievedRto !== null && achievedRto > worst)
        notes.push(
            `the report's worst case (${formatSeconds(achievedRto)}) is more than these terms add up to (${formatSeconds(worst)}): see the notes above`,
        );
    for (const p of entry.parts.filter((q) => q.objective === "rpo"))
        steps.push({
            objective: "rpo",
            name: p.name,
            seconds: p.seconds,
            expectedSeconds: p.expectedSeconds,
            endsAt: 0,
            expectedEndsAt: 0,
            source: p.source,
            path: p.path,
            assumption: p.assumption,
            detail: [],
        });
    return {
        disruption,
        verdict: entry.verdict,
        objectives: entry.objectives,
        achieved: entry.achieved,
        steps,
        notes,
    };
}

/** The timeline in one line, for an FIS template's description: `detect 30s, dns 1m, ... = 7m worst`. */
export function timelineSummary(timeline: DrillTimeline): string {
    const rto = timeline.steps.filter((s) => s.objective === "rto");
    const sum = rto.reduce((t, s) => t + s.seconds, 0);
    const worst = timeline.achieved.rtoSeconds;
    const objective = timeline.objectives.rtoSeconds;
    const total =
        worst === null
            ? "unbounded"
            : worst > sum
              ? `${formatSeconds(sum)}; ${formatSeconds(worst)} worst (the report's notes say why)`
              : `${formatSeconds(worst)} worst`;
    return `${rto.map((s) => `${termKey(s.name)} ${formatSeconds(s.seconds)}`).join(", ")} = ${total}${objective === null ? "" : ` (objective ${formatSeconds(objective)})`}`;
}

export interface Spread {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly worst: number;
    /** Runs above the objective, when there is one. */
    readonly overObjective: number | null;
}

export interface DrillDistribution {
    readonly runs: number;
    readonly seed: number;
    /** Null where nothing is simulated: the report's bound is all there is. */
    readonly rto: Spread | null;
    readonly rpo: Spread | null;
}

function percentile(sorted: readonly number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function spread(values: readonly number[], objective: number | null): Spread | null {
    const known = values.filter((v) => !Number.isNaN(v));
    if (known.length === 0) return null;
    const sorted = [...known].sort((a, b) => a - b);
    return {
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        worst: sorted[sorted.length - 1],
        overObjective: objective === null ? null : known.filter((v) => v > objective).length,
    };
}

/** The rule whose recovery points a disruption's RPO rests on, by the report's part path. */
const ruleAt = (input: DrModelInput, part: DrPart | undefined) =>
    part ? input.rules.find((r) => r.path === part.path) : undefined;

/**
 * Downtime and data loss over `runs` disasters at random instants. A regional disaster is the
 * simulation's (dr/simulation.ts). The other types draw each RTO term within its bound as it does (a
 * third at the bound), in sequence; an AZ's data lost comes from the rule's recovery points in the
 * primary region, corruption's from its terms drawn the same way.
 */
export function drillDistribution(
    input: DrModelInput,
    report: DrReport,
    disruption: DrillDisruption,
    options: { runs: number; seed: number },
): DrillDistribution {
    const entry = disruptionOf(report, disruption);
    const { rtoSeconds: rtoObjective, rpoSeconds: rpoObjective } = entry.objectives;
    if (disruption === "region") {
        const result = simulate(input, report, options);
        return {
            ...options,
            rto: spread(
                result.runs.map((r) => r.rtoSeconds),
                rtoObjective,
            ),
            rpo: spread(
                result.runs.map((r) => r.rpoSeconds),
                rpoObjective,
            ),
        };
    }
    const random = seededRandom(options.seed);
    const rtoParts = entry.parts.filter((p) => p.objective === "rto");
    const rpoParts = entry.parts.filter((p) => p.objective === "rpo");
    // AZ: the data lost from the rule's recovery points in the primary region. Corruption: its terms
    // (detection delay, age of the last clean point) each drawn within its bound, like the RTO's.
    const rule =
        disruption === "az"
            ? ruleAt(
                  input,
                  rpoParts.find((p) => ruleAt(input, p)),
              )
            : undefined;
    const drawRpo = () =>
        rule
            ? dataLost(rule, random, false)
            : rpoParts.length > 0
              ? rpoParts.reduce((t, p) => t + within(random, p.seconds), 0)
              : Number.NaN;
    const rto: number[] = [];
    const rpo: number[] = [];
    for (let i = 0; i < options.runs; i++) {
        rto.push(rtoParts.length === 0 ? Number.NaN : rtoParts.reduce((t, p) => t + within(random, p.seconds), 0));
        rpo.push(drawRpo());
    }
    return { ...options, rto: spread(rto, rtoObjective), rpo: spread(rpo, rpoObjective) };
}
