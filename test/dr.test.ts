import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { recoveryPointObjective } from "../components/backup/rpo";
import { drReport, DrModelInput } from "../components/dr";
import { listStacks, PROJECT_DIR, stackConfig } from "../tools/engine";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { CommandIo, runPlan } from "../tools/planCommand";

const rule = (schedule: string, copy: boolean, windows = { startWindowMinutes: 60, completionWindowMinutes: 120 }) => ({
    rule: "r",
    region: "us-east-1",
    path: "pulumi-aws-dr:backup.rules.r",
    rpo: recoveryPointObjective({ schedule, ...windows, copyTo: copy ? [{ region: "us-west-2" }] : [] }, { vaultRegion: "us-east-1" }),
});

const base: DrModelInput = {
    strategy: "warm-standby",
    objectives: { rtoSeconds: { value: 900, path: "pulumi-aws-dr:dr.objectives.rto" }, rpoSeconds: { value: 6 * 3600, path: "pulumi-aws-dr:dr.objectives.rpo" } },
    survivingRegions: ["us-west-2"],
    dns: { breakdown: { detectSeconds: 30, ttlSeconds: 60 }, healthCheckPath: "pulumi-aws-dr:dns.healthCheck", automatic: true },
    fleets: [
        { targetGroup: "web", instanceWarmupSeconds: { value: 300, path: "w" }, healthyAfterSeconds: { value: 30, path: "h" } },
        { targetGroup: "api", instanceWarmupSeconds: { value: 200, path: "w2" }, healthyAfterSeconds: { value: 30, path: "h2" } },
    ],
    restoreSeconds: { value: 4 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime" },
    scaleOutTriggerSeconds: { value: 300, path: "pulumi-aws-dr:dr.assumptions.scaleOutTrigger" },
    rules: [rule("cron(0 * ? * * *)", true)],
};

describe("DR report", () => {
    it("sums the RTO of a warm standby from detection, TTL and the slowest fleet's scale-out", () => {
        const report = drReport(base);
        expect(report.parts.filter((p) => p.objective === "rto").map((p) => [p.name, p.seconds])).toEqual([
            ["detect (Route 53 health check)", 30],
            ["dns (resolver cache)", 60],
            ["capacity (scale to full, web)", 330],
        ]);
        expect(report.achieved.rtoSeconds).toBe(420);
        expect(report.met).toBe(true);
    });

    it("has no capacity term for active-active and a restore term for backup-restore", () => {
        expect(drReport({ ...base, strategy: "active-active" }).achieved.rtoSeconds).toBe(90);
        const restore = drReport({ ...base, strategy: "backup-restore", objectives: { ...base.objectives, rtoSeconds: { value: 86400, path: "x" } } });
        expect(restore.parts.find((p) => p.name.startsWith("restore"))).toMatchObject({ seconds: 14400, assumption: true, path: "pulumi-aws-dr:dr.assumptions.restoreTime" });
    });

    it("counts only copies in a surviving region for the RPO: gap + start + completion + copy", () => {
        const report = drReport(base);
        expect(report.achieved.rpoSeconds).toBe(3600 + 3600 + 7200 + 7200);
        expect(report.expected.rpoSeconds).toBe(3600 + 0 + 3600 + 3600);
    });

    it("takes the best rule when several protect the same resources", () => {
        const report = drReport({ ...base, rules: [rule("cron(0 3 1 * ? *)", true), rule("cron(0 * ? * * *)", true)] });
        expect(report.achieved.rpoSeconds).toBe(6 * 3600);
    });

    it("names the schedule when a daily rule breaks the RPO objective", () => {
        const report = drReport({ ...base, objectives: { ...base.objectives, rpoSeconds: { value: 3600, path: "p" } }, rules: [rule("cron(0 5 ? * * *)", true)] });
        expect(report.met).toBe(false);
        expect(report.findings).toEqual([
            expect.objectContaining({
                severity: "error",
                path: "pulumi-aws-dr:backup.rules.r.schedule",
                objectiveSeconds: 3600,
                message: expect.stringMatching(/^pulumi-aws-dr:backup\.rules\.r\.schedule gives a 1d 5h RPO in us-west-2 against an objective of 1h/),
            }),
        ]);
    });

    it("reports no regional RPO when nothing is copied out of the region", () => {
        const report = drReport({ ...base, rules: [rule("cron(0 * ? * * *)", false)] });
        expect(report.achieved.rpoSeconds).toBeNull();
        expect(report.findings[0].message).toContain("no backup rule copies recovery points to us-west-2");
    });

    it("flags a health check whose detection alone exceeds the RTO", () => {
        const report = drReport({ ...base, objectives: { ...base.objectives, rtoSeconds: { value: 60, path: "p" } }, dns: { ...base.dns, breakdown: { detectSeconds: 300, ttlSeconds: 60 } } });
        const detect = report.findings.find((f) => f.path === "pulumi-aws-dr:dns.healthCheck" && f.message.includes("alone"));
        expect(detect).toMatchObject({ achievedSeconds: 300, objectiveSeconds: 60 });
    });

    it("finds the strategy's RTO floor: a pilot light cannot recover in 2 minutes", () => {
        const report = drReport({ ...base, strategy: "pilot-light", objectives: { ...base.objectives, rtoSeconds: { value: 120, path: "p" } } });
        expect(report.findings[0]).toMatchObject({ severity: "error", path: "w", achievedSeconds: 720 });
        expect(report.findings[0].message).toContain("pilot-light recovers in 12m at worst");
        expect(report.parts.find((p) => p.name.startsWith("trigger"))).toMatchObject({ seconds: 300, assumption: true, path: "pulumi-aws-dr:dr.assumptions.scaleOutTrigger" });
    });
});

describe("the shipped stacks' objectives", () => {
    for (const stack of listStacks(PROJECT_DIR)) {
        it(`${stack} meets its declared RTO and RPO`, () => {
            const config = stackConfig(stack);
            const report = drReport(drModelInput(contextFor(parseStackConfig(stack, readRawConfig(config.values)), stack)));
            expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
            expect(report.achieved.rtoSeconds).toBeLessThanOrEqual(report.objectives.rtoSeconds);
            expect(report.achieved.rpoSeconds).not.toBeNull();
            expect(report.achieved.rpoSeconds!).toBeLessThanOrEqual(report.objectives.rpoSeconds);
        });
    }
});

describe("plan with DR and policy checks", () => {
    const capture = () => {
        const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) } as CommandIo & { out: string; err: string };
        return io;
    };

    it("writes the dr and policy sections, and prod has no mandatory violation", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dr-")), "p.json");
        const io = capture();
        expect(await runPlan(["--stack", "prod", "--json", file], io)).toBe(0);
        const plan = JSON.parse(fs.readFileSync(file, "utf8"));
        expect(plan.dr.objectives).toEqual({ rtoSeconds: 900, rpoSeconds: 21600 });
        expect(plan.dr.achieved).toEqual({ rtoSeconds: 420, rpoSeconds: 21600 });
        expect(plan.dr.parts.map((p: { name: string }) => p.name)).toContain("schedule gap (hourly)");
        expect(plan.dr.findings).toEqual([]);
        expect(plan.policy.length).toBeGreaterThan(0);
        for (const v of plan.policy) expect(Object.keys(v).sort()).toEqual(["id", "level", "message", "urn"]);
        expect(plan.policy.filter((v: { level: string }) => v.level === "mandatory")).toEqual([]);
        expect(io.out).toContain("RTO 7m [7m] against an objective of 15m: met");
    });

    it("fails prod changed to a daily schedule, naming that schedule's path", async () => {
        const prod = stackConfig("prod");
        const backup = JSON.parse(prod.values["pulumi-aws-dr:backup"]);
        backup.rules.hourly.schedule = "cron(0 5 ? * * *)";
        backup.rules.hourly.continuousBackup = false;
        const io = capture();
        const code = await runPlan(["--stack", "prod"], io, { configOverrides: { "pulumi-aws-dr:backup": backup } });
        expect(code).toBe(1);
        expect(io.err).toContain("error: pulumi-aws-dr:backup.rules.hourly.schedule gives a 1d 5h RPO in us-west-2 against an objective of 6h");
    });
});
