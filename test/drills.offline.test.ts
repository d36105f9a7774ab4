/**
 * The offline drill: each shipped strategy's timeline agrees with its DR report's terms, the spread
 * never exceeds the report's worst case, and bad input fails with the field named and nothing printed.
 */
import { describe, expect, it } from "vitest";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { drReport, DrModelInput, formatSeconds } from "../dr";
import { drillDistribution, drillTimeline } from "../dr/drill";
import { simulate, termKey } from "../dr/simulation";
import { DRILL_EXIT, parseDrillArgs } from "../tools/drillArgs";
import { runDrill } from "../tools/drillCommand";
import { stackConfig } from "../tools/engine";

const inputOf = (stack: string): DrModelInput =>
    drModelInput(contextFor(parseStackConfig(stack, readRawConfig(stackConfig(stack).values)), stack));

function capture() {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

const cases = [
    { stack: "dev", strategy: "backup-restore", disruptions: ["az", "corruption"] as const },
    { stack: "staging", strategy: "pilot-light", disruptions: ["region", "az", "corruption"] as const },
    { stack: "prod", strategy: "warm-standby", disruptions: ["region", "az", "corruption"] as const },
];

describe("the drill's timeline is the DR report's terms", () => {
    for (const { stack, strategy, disruptions } of cases)
        for (const disruption of disruptions)
            it(`${stack} (${strategy}), ${disruption}`, () => {
                const input = inputOf(stack);
                expect(input.strategy).toBe(strategy);
                const report = drReport(input);
                const entry = report.disruptions.find((d) => d.type === disruption)!;
                const timeline = drillTimeline(input, report, disruption);
                // Every term of the report, once, with its seconds and config path.
                const byName = (list: readonly { name: string; seconds: number; path?: string }[]) =>
                    list.map((p) => [p.name, p.seconds, p.path]).sort();
                expect(byName(timeline.steps)).toEqual(byName(entry.parts));
                const rto = timeline.steps.filter((s) => s.objective === "rto");
                const sum = rto.reduce((t, s) => t + s.seconds, 0);
                if (rto.length > 0) expect(rto[rto.length - 1].endsAt).toBe(sum);
                // The steps end where the report's worst case does, unless the report says why it is more.
                if (entry.achieved.rtoSeconds !== null && entry.achieved.rtoSeconds !== sum) {
                    expect(entry.achieved.rtoSeconds).toBeGreaterThan(sum);
                    expect(timeline.notes.join(" ")).toContain("more than these terms add up to");
                }
                const spread = drillDistribution(input, report, disruption, { runs: 500, seed: 7 });
                if (spread.rto && entry.achieved.rtoSeconds !== null)
                    expect(spread.rto.worst).toBeLessThanOrEqual(entry.achieved.rtoSeconds + 1e-6);
                if (spread.rpo && entry.achieved.rpoSeconds !== null)
                    expect(spread.rpo.worst).toBeLessThanOrEqual(entry.achieved.rpoSeconds + 1e-6);
            });

    const rtoKeys = (stack: string) => {
        const input = inputOf(stack);
        const report = drReport(input);
        const keys = drillTimeline(input, report, "region")
            .steps.filter((s) => s.objective === "rto")
            .map((s) => termKey(s.name));
        const played = Object.keys(simulate(input, report, { runs: 1, seed: 3 }).runs[0].terms);
        return { keys, played };
    };

    it("orders a regional disaster's terms as the simulation plays them", () => {
        for (const stack of ["staging", "prod"]) {
            const { keys, played } = rtoKeys(stack);
            expect(
                keys.filter((k) => played.includes(k)),
                stack,
            ).toEqual(played.filter((k) => keys.includes(k)));
        }
    });

    it("counts a pilot light's resolver cache after its standby's own check, a warm standby's before the data", () => {
        const staging = rtoKeys("staging").keys;
        expect(staging.indexOf("dns")).toBeGreaterThan(staging.indexOf("standby healthy"));
        const prod = rtoKeys("prod").keys;
        expect(prod.indexOf("dns")).toBeLessThan(prod.indexOf("data recovery"));
        expect(prod[0]).toBe("detect");
    });
});

describe("npm run drill", () => {
    it("prints staging's regional timeline and spread against the objectives", async () => {
        const { out, io } = capture();
        const code = await runDrill({ stack: "staging", disruption: "region", runs: 300, seed: 12 }, io);
        expect(code).toBe(DRILL_EXIT.ok);
        expect(out.stderr).toBe("");
        const report = drReport(inputOf("staging"));
        const detect = report.parts.find((p) => termKey(p.name) === "detect")!;
        expect(out.stdout).toContain(`t+${formatSeconds(detect.seconds)} `);
        // The pilot light launches the primary's maximum (4) from zero in one step.
        expect(out.stdout).toMatch(/stable: 0 -> 4 instances/);
        expect(out.stdout).toContain(`serving again: worst ${formatSeconds(report.achieved.rtoSeconds)}`);
        expect(out.stdout).toContain(`of 300 over the ${formatSeconds(report.objectives.rtoSeconds)} objective`);
    });

    it("refuses a region drill on a single-region stack, naming the field, printing nothing", async () => {
        const { out, io } = capture();
        const code = await runDrill({ stack: "dev", disruption: "region", runs: 10, seed: 1 }, io);
        expect(code).toBe(DRILL_EXIT.stackInvalid);
        expect(out.stdout).toBe("");
        expect(out.stderr).toContain('stack "dev"');
        expect(out.stderr).toContain("pulumi-aws-dr:dr.secondaryRegion");
    });

    it("refuses an unknown stack and an invalid config without a stack trace", async () => {
        const { out, io } = capture();
        expect(await runDrill({ stack: "nope", disruption: "az", runs: 10, seed: 1 }, io)).toBe(
            DRILL_EXIT.stackInvalid,
        );
        expect(out.stderr).toMatch(/^error: stack "nope" does not exist/);
        const bad = capture();
        const code = await runDrill({ stack: "staging", disruption: "az", runs: 10, seed: 1 }, bad.io, {
            configOverrides: { "pulumi-aws-dr:dr": { strategy: "pilot-light", primaryRegion: "us-east-1" } },
        });
        expect(code).toBe(DRILL_EXIT.stackInvalid);
        expect(bad.out.stdout).toBe("");
        expect(bad.out.stderr).toMatch(/^error: stack "staging": pulumi-aws-dr:dr.objectives/);
        expect(bad.out.stderr).not.toMatch(/\n\s+at /);
    });

    it("answers usage errors, all at once, before anything loads", () => {
        expect(parseDrillArgs(["--stack", "staging", "--disruption", "flood"])).toEqual({
            kind: "usage",
            message: "--disruption flood is not one of region, az, corruption",
        });
        const both = parseDrillArgs(["--runs", "0"]);
        expect(both.kind).toBe("usage");
        if (both.kind === "usage") {
            expect(both.message).toContain("--stack is required");
            expect(both.message).toContain("--disruption is required");
            expect(both.message).toContain("--runs 0 is not an integer 1..100000");
        }
        expect(parseDrillArgs(["--bogus"]).kind).toBe("usage");
        expect(parseDrillArgs(["-h"])).toEqual({ kind: "help" });
        expect(parseDrillArgs(["--stack", "prod", "--disruption", "az"])).toEqual({
            kind: "drill",
            request: { stack: "prod", disruption: "az", runs: 2000, seed: 12 },
        });
    });
});
