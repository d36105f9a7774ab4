/**
 * The report checked against a discrete-event simulation of the same stack (issue section 2): over many
 * random disasters the simulated downtime and data loss never exceed the report's worst case, and the
 * worst of them reaches it, term by term, within a stated margin.
 */
import { describe, expect, it } from "vitest";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { drReport, DrModelInput } from "../dr";
import { calendarSource, PARALLEL_TERMS, ruleSource, simulate, termKey } from "../dr/simulation";
import { listStacks, PROJECT_DIR, stackConfig } from "../tools/engine";
import {
    auroraReplicated,
    backupRule,
    checks,
    failoverFixture,
    fleet,
    objectives,
    stackInput,
} from "./dr.failover.fixtures";

const RUNS = 3000;
/** The worst of RUNS runs reaches at least this share of each bound. */
const CLOSE = 0.9;

const shipped: Record<string, DrModelInput> = Object.fromEntries(
    listStacks(PROJECT_DIR).map((stack) => [
        stack,
        drModelInput(contextFor(parseStackConfig(stack, readRawConfig(stackConfig(stack).values)), stack)),
    ]),
);

const cases: Record<string, DrModelInput> = {
    ...shipped,
    "pilot light, 30 s checks": stackInput("pilot-light", { dns: checks(30, 3) }),
    "warm standby, seven steps": stackInput("warm-standby", {
        fleets: [fleet("web", { desired: 100, max: 100 }, { desired: 1 })],
    }),
    "warm standby, two fleets": stackInput("warm-standby", {
        fleets: [
            fleet("web", { desired: 4, max: 16 }, { desired: 2 }),
            fleet("api", { desired: 2, max: 2 }, { desired: 1 }),
        ],
    }),
    "pilot light, automatic raise and promotion": stackInput("pilot-light", {
        failover: failoverFixture("automatic"),
        ...auroraReplicated(),
    }),
    "warm standby, automatic raise and promotion": stackInput("warm-standby", {
        failover: failoverFixture("automatic"),
        ...auroraReplicated(),
    }),
    "warm standby, automatic raise, manual promotion": stackInput("warm-standby", {
        failover: failoverFixture("manual"),
        ...auroraReplicated(),
    }),
    "active-active at full size": stackInput("active-active", {
        fullSize: { value: "desired", path: "pulumi-aws-dr:dr.fullSize" },
    }),
    "backup-restore, daily copies": stackInput("backup-restore", {
        dns: { ...checks(30, 3), automatic: false },
        rules: [backupRule("daily", "cron(0 5 ? * * *)", { startWindowMinutes: 480, completionWindowMinutes: 1440 })],
        ...objectives(86400, 2 * 86400),
    }),
};

/**
 * When the checked rule's job and copy hold the resource longer than its schedule gap, jobs queue and
 * fail (one backup or copy job per resource, aws-backup-limits.html). The report's worst case then needs
 * one job to start at once and run and copy for their full windows and the next one that runs to start
 * and run and copy at their latest, with the disaster just before that copy lands: a chain of random
 * draws that 3000 runs rarely make. Such cases are held to a lower share; never exceeding still holds.
 */
const QUEUED_CLOSE = 0.6;
const queues = (input: DrModelInput, report: ReturnType<typeof drReport>) => {
    const checked = report.rpoByClass.find((c) => c.checked);
    const rule = input.rules.find((r) => r.rule === checked?.rule);
    if (!rule || checked?.recovery !== "snapshot") return false;
    const p = rule.rpo.parts;
    return p.startWindowSeconds + p.completionWindowSeconds + (p.copyLagSeconds ?? 0) > p.scheduleGapSeconds;
};

/** The report's parts keyed as the simulation names its terms: "detect (Route 53 health check)" -> "detect". */
const bounds = (input: DrModelInput) =>
    Object.fromEntries(
        drReport(input)
            .parts.filter((p) => p.objective === "rto")
            .map((p) => [termKey(p.name), p.seconds]),
    );

describe("the simulation never beats the report's worst case, and nearly reaches it", () => {
    for (const [name, input] of Object.entries(cases)) {
        it(name, () => {
            const report = drReport(input);
            const { runs, max } = simulate(input, report, { runs: RUNS, seed: 12 });
            for (const run of runs) {
                expect(run.rtoSeconds).toBeLessThanOrEqual(report.achieved.rtoSeconds);
                if (report.achieved.rpoSeconds !== null && !Number.isNaN(run.rpoSeconds))
                    expect(run.rpoSeconds).toBeLessThanOrEqual(report.achieved.rpoSeconds);
            }
            const bound = bounds(input);
            // Every term the report counts is one the simulation plays out, and none beyond.
            expect(Object.keys(max.terms).sort()).toEqual(Object.keys(bound).sort());
            // With failover automation, the terms that overlap in time are judged by their sum in each run.
            const grouped = input.failover ? PARALLEL_TERMS.filter((t) => t in bound) : [];
            const closeness = Object.fromEntries(
                Object.entries(max.terms)
                    .filter(([term]) => !grouped.includes(term))
                    .map(([term, s]) => [term, bound[term] === 0 ? 1 : s / bound[term]]),
            );
            if (grouped.length > 0) {
                const sum = (terms: Record<string, number>) => grouped.reduce((t, k) => t + (terms[k] ?? 0), 0);
                closeness[grouped.join("+")] = Math.max(...runs.map((r) => sum(r.terms))) / sum(bound);
            }
            closeness.rto = max.rtoSeconds / report.achieved.rtoSeconds;
            if (report.achieved.rpoSeconds !== null && !Number.isNaN(max.rpoSeconds))
                closeness.rpo = max.rpoSeconds / report.achieved.rpoSeconds;
            console.log(
                `${name}: worst simulated / report's worst, per term: ${Object.entries(closeness)
                    .map(([t, c]) => `${t} ${(100 * c).toFixed(1)}%`)
                    .join(", ")}`,
            );
            for (const [term, c] of Object.entries(closeness)) {
                expect(c, term).toBeLessThanOrEqual(1);
                expect(c, term).toBeGreaterThanOrEqual(term === "rpo" && queues(input, report) ? QUEUED_CLOSE : CLOSE);
            }
        });
    }

    const calendarCases: Record<string, DrModelInput> = {
        "hourly copies": stackInput("warm-standby"),
        "hourly and monthly rules overlapping": stackInput("warm-standby", {
            rules: [
                backupRule("hourly", "cron(0 * ? * * *)"),
                backupRule("monthly", "cron(0 3 1 * ? *)", { completionWindowMinutes: 360 }),
            ],
        }),
        // Shipped stacks whose regional RPO comes from backup copies; prod's comes from replication.
        ...Object.fromEntries(
            Object.entries(shipped).filter(
                ([, input]) => input.survivingRegions.length > 0 && !input.replicatedRpo?.length,
            ),
        ),
    };
    for (const [name, input] of Object.entries(calendarCases)) {
        it(`${name}, with the RPO read off the backup calendar`, () => {
            const report = drReport(input);
            const { max } = simulate(input, report, {
                runs: RUNS,
                seed: 5,
                recoveryPoints: calendarSource(input, input.survivingRegions[0]),
            });
            const closeness = max.rpoSeconds / report.achieved.rpoSeconds!;
            console.log(
                `${name}: worst simulated RPO off the calendar / report's worst: ${(100 * closeness).toFixed(1)}%`,
            );
            expect(closeness).toBeLessThanOrEqual(1);
            expect(closeness).toBeGreaterThanOrEqual(CLOSE);
        });
    }

    it("takes any recovery-point source, and a source that loses points shows it", () => {
        const input = stackInput("warm-standby");
        const report = drReport(input);
        // A source whose copies never land: every run loses everything, beyond the report's bound. The
        // property above would catch a model that forgot a way to lose points.
        const none = simulate(input, report, {
            runs: 10,
            seed: 1,
            recoveryPoints: () => ({ newestAt: () => undefined }),
        });
        expect(none.max.rpoSeconds).toBe(Number.POSITIVE_INFINITY);
        const own = simulate(input, report, { runs: 10, seed: 1, recoveryPoints: ruleSource });
        expect(own.max.rpoSeconds).toBeLessThanOrEqual(report.achieved.rpoSeconds!);
    });

    it("is reproducible from its seed", () => {
        const input = stackInput("pilot-light");
        const once = simulate(input, drReport(input), { runs: 50, seed: 7 });
        const again = simulate(input, drReport(input), { runs: 50, seed: 7 });
        expect(again.runs).toEqual(once.runs);
    });
});
