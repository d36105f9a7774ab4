import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { recoveryPointObjective } from "../components/internal";
import { BACKUP_RESOURCE_TYPES, drReport, DrModelInput } from "../dr";
import { listStacks, PROJECT_DIR, stackConfig } from "../tools/engine";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { PLAN_EXIT } from "../tools/planArgs";
import { CommandIo, runPlan } from "../tools/planCommand";

const rule = (
    schedule: string,
    copy: boolean,
    windows: { startWindowMinutes: number; completionWindowMinutes: number; continuousBackup?: boolean } = {
        startWindowMinutes: 60,
        completionWindowMinutes: 120,
    },
    copyLagMinutes?: number,
) => ({
    rule: "r",
    region: "us-east-1",
    path: "pulumi-aws-dr:backup.rules.r",
    schedule,
    rpo: recoveryPointObjective(
        { schedule, ...windows, copyTo: copy ? [{ region: "us-west-2" }] : [] },
        { vaultRegion: "us-east-1", copyLagMinutes },
    ),
});

/** Every type a tag selection may pick, each restored in `seconds` unless `own` says otherwise. */
const anyType = (own: Record<string, number> = {}): DrModelInput["backedUp"] => ({
    basis: 'selection "tagged" picks by tag, so any type',
    types: BACKUP_RESOURCE_TYPES.map((t) => ({
        resourceType: t,
        restoreSeconds: { value: own[t] ?? 4 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime" },
        declared: t in own,
    })),
});

const base: DrModelInput = {
    strategy: "warm-standby",
    strategyPath: "pulumi-aws-dr:dr.strategy",
    objectives: {
        rtoSeconds: { value: 900, path: "pulumi-aws-dr:dr.objectives.rto" },
        rpoSeconds: { value: 9 * 3600, path: "pulumi-aws-dr:dr.objectives.rpo" },
    },
    survivingRegions: ["us-west-2"],
    dns: {
        // 3 × (10 + 6): an HTTPS check waits 6 s on a failing request.
        breakdown: { detectSeconds: 48, ttlSeconds: 60 },
        healthCheckPath: "pulumi-aws-dr:dns.healthCheck",
        automatic: true,
        healthCheck: { requestInterval: 10, failureThreshold: 3, timeoutSeconds: 6 },
    },
    fleets: [
        // One target-tracking step each (2 -> 4 at a 50 % CPU target); the alarm is declared 0 here so the
        // sums below stay those of warm-up and healthy checks (test/dr.failover.test.ts covers the steps).
        {
            targetGroup: "web",
            instanceWarmupSeconds: { value: 300, path: "w" },
            healthyAfterSeconds: { value: 30, path: "h" },
            unhealthyAfterSeconds: 30,
            primary: { desired: 4, max: 4 },
            standby: { desired: 2, max: { value: 4, path: "m" } },
            targetCpuPercent: 50,
        },
        {
            targetGroup: "api",
            instanceWarmupSeconds: { value: 200, path: "w2" },
            healthyAfterSeconds: { value: 30, path: "h2" },
            unhealthyAfterSeconds: 30,
            primary: { desired: 4, max: 4 },
            standby: { desired: 2, max: { value: 4, path: "m2" } },
            targetCpuPercent: 50,
        },
    ],
    // Stateless unless a test says otherwise: with backed-up types, every strategy restores them (dataRecovery.ts).
    backedUp: { basis: "no backup selection", types: [] },
    fullSize: { value: "maximum", path: "pulumi-aws-dr:dr.fullSize" },
    scaleOutAlarmSeconds: { value: 0, path: "pulumi-aws-dr:dr.assumptions.scaleOutAlarm", declared: true },
    scaleOutTriggerSeconds: { value: 300, path: "pulumi-aws-dr:dr.assumptions.scaleOutTrigger", declared: true },
    az: {
        zones: { value: 3, path: "pulumi-aws-dr:network.availabilityZoneCount" },
        natGateways: { value: "onePerAz", path: "pulumi-aws-dr:network.natGateways" },
    },
    corruption: {
        detectionDelaySeconds: {
            value: 3 * 86400,
            path: "pulumi-aws-dr:dr.assumptions.corruptionDetection",
            declared: false,
        },
        retentionDays: {},
        isolatedCopy: false,
    },
    rules: [rule("cron(0 * ? * * *)", true)],
    coldStorageRestoreSeconds: {
        value: 72 * 3600,
        path: "pulumi-aws-dr:dr.assumptions.coldStorageRestore",
        declared: false,
    },
};

/** The fleets as an active-active stack runs them: the survivor already at the primary's size. */
const atFullSize = base.fleets.map((f) => ({ ...f, standby: { ...f.standby, desired: f.primary.desired } }));

const withObjectives = (rto: number, rpo = 9 * 3600): Pick<DrModelInput, "objectives"> => ({
    objectives: {
        rtoSeconds: { value: rto, path: "pulumi-aws-dr:dr.objectives.rto" },
        rpoSeconds: { value: rpo, path: "pulumi-aws-dr:dr.objectives.rpo" },
    },
});
/** Route 53 detection by an HTTPS check: `failureThreshold × (requestInterval + 6)`. */
const detecting = (requestInterval: number, failureThreshold: number): Pick<DrModelInput, "dns"> => ({
    dns: {
        ...base.dns,
        breakdown: { detectSeconds: failureThreshold * (requestInterval + 6), ttlSeconds: 60 },
        healthCheck: { requestInterval, failureThreshold, timeoutSeconds: 6 },
    },
});

describe("DR report", () => {
    it("sums the RTO of a warm standby from detection, TTL and the slowest fleet's scale-out", () => {
        const report = drReport(base);
        expect(report.parts.filter((p) => p.objective === "rto").map((p) => [p.name, p.seconds])).toEqual([
            ["detect (Route 53 health check)", 48],
            ["dns (resolver cache)", 60],
            ["capacity (scale to full, web)", 330],
        ]);
        expect(
            report.parts.find((p) => p.name.startsWith("capacity"))?.slowestOf?.map((c) => [c.name, c.seconds]),
        ).toEqual([
            ["web", 330],
            ["api", 230],
        ]);
        expect(report.achieved.rtoSeconds).toBe(438);
        expect(report.met).toBe(true);
    });

    it("has no capacity term for active-active and a restore term for backup-restore", () => {
        expect(drReport({ ...base, strategy: "active-active", fleets: atFullSize }).achieved.rtoSeconds).toBe(108);
        const restore = drReport({
            ...base,
            backedUp: anyType(),
            strategy: "backup-restore",
            ...withObjectives(86400),
        });
        expect(restore.parts.find((p) => p.name.startsWith("restore"))).toMatchObject({
            seconds: 14400,
            assumption: true,
            path: "pulumi-aws-dr:dr.assumptions.restoreTime",
        });
    });

    it("counts only copies in a surviving region for the RPO: gap + start + completion + copy", () => {
        const report = drReport(base);
        // One backup or copy job per resource at a time (aws-backup-limits.html): the hourly job holds the resource
        // 1h + 2h + its 2h copy, so every 4th runs: 4h between points.
        expect(report.achieved.rpoSeconds).toBe(4 * 3600 + 3600 + 7200 + 7200);
        // Typical (1h job, 1h copy, start at once): a job holds the resource 2h, so the next one waits to the end of
        // its window and the one after fails: the 01:00 point is newest until 06:00, 5h.
        expect(report.expected.rpoSeconds).toBe(5 * 3600);
    });

    it("takes the best rule when several protect the same resources", () => {
        const report = drReport({ ...base, rules: [rule("cron(0 3 1 * ? *)", true), rule("cron(0 * ? * * *)", true)] });
        // One backup or copy job per resource at a time (aws-backup-limits.html): the hourly job holds the resource
        // 1h + 2h + its 2h copy, so every 4th runs: 4h between points.
        expect(report.achieved.rpoSeconds).toBe(9 * 3600);
    });

    it("reports no regional RPO when nothing is copied out of the region, and says which field copies", () => {
        const report = drReport({ ...base, rules: [rule("cron(0 * ? * * *)", false)] });
        expect(report.achieved.rpoSeconds).toBeNull();
        expect(report.findings[0]).toMatchObject({
            path: "pulumi-aws-dr:backup.rules.r.copyToSecondary",
            objectiveSeconds: 9 * 3600,
        });
        expect(report.findings[0].message).toBe(
            "no backup rule copies recovery points to us-west-2, so a regional disaster loses every backup: the worst-case RPO there is unbounded against an objective of 9h; set pulumi-aws-dr:backup.rules.r.copyToSecondary to true",
        );
    });
});

describe("DR findings: the field, its value, the objective and the fix", () => {
    const rpoFinding = (input: Partial<DrModelInput>) =>
        drReport({ ...base, ...input }).findings.filter(
            (f) => f.objectiveSeconds === (input.objectives ?? base.objectives).rpoSeconds.value,
        );

    it("with room left in a daily rule, gives the largest completion window that passes, and it passes", () => {
        // A daily rule whose job and copy end well before the next day's run: nothing queues (one job per
        // resource at a time: https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html).
        // 24h gap + 1h start + a declared 1h copy leave an objective of 30h 4h = 240 minutes of completion.
        const daily = (completionWindowMinutes: number) => [
            rule("cron(0 5 ? * * *)", true, { startWindowMinutes: 60, completionWindowMinutes }, 60),
        ];
        const [finding] = rpoFinding({ ...withObjectives(900, 30 * 3600), rules: daily(600) });
        expect(finding).toMatchObject({
            severity: "error",
            objectiveSeconds: 30 * 3600,
            achievedSeconds: (24 + 1 + 10 + 1) * 3600,
        });
        expect(finding.path).toMatch(/^pulumi-aws-dr:backup\.rules\.r\./);
        const fixed = drReport({ ...base, ...withObjectives(900, 30 * 3600), rules: daily(240) });
        expect(fixed.achieved.rpoSeconds).toBe(30 * 3600);
        expect(fixed.met).toBe(true);
    });

    it("says no completion window can pass an hourly rule whose jobs queue, and what the least AWS allows gives", () => {
        // 1h start + at least 2h completion + the copy hold the resource beyond the next hourly runs, which fail.
        const [finding] = rpoFinding({
            ...withObjectives(900, 8 * 3600),
            rules: [rule("cron(0 * ? * * *)", true, { startWindowMinutes: 60, completionWindowMinutes: 480 })],
        });
        expect(finding.message).toContain("no value of it can pass");
        expect(finding.message).toContain("raise pulumi-aws-dr:dr.objectives.rpo (8h) to at least 9h");
    });

    it("turns a schedule's room into a cron whose runs are never further apart", () => {
        const [finding] = rpoFinding({ ...withObjectives(900, 12 * 3600), rules: [rule("cron(30 5 ? * * *)", true)] });
        expect(finding.message).toBe(
            "pulumi-aws-dr:backup.rules.r.schedule (cron(30 5 ? * * *)) makes the worst-case RPO in us-west-2 1d 5h against an objective of 12h; set it so that runs are at most 6h apart, e.g. cron(30 */6 ? * * *)",
        );
        expect(
            drReport({ ...base, ...withObjectives(900, 12 * 3600), rules: [rule("cron(30 */6 ? * * *)", true)] }).met,
        ).toBe(true);
    });

    it("says when no value of the field can pass, and what AWS Backup allows at the least", () => {
        const [finding] = rpoFinding({ ...withObjectives(900, 3600), rules: [rule("cron(0 5 ? * * *)", true)] });
        expect(finding.message).toBe(
            "pulumi-aws-dr:backup.rules.r.schedule (cron(0 5 ? * * *)) makes the worst-case RPO in us-west-2 1d 5h against an objective of 1h; " +
                "no value of it can pass (AWS Backup runs a rule at most once an hour), and at the least the worst-case RPO would still be 6h; " +
                // 9h, not 6h: at those windows the hourly jobs queue one per resource (aws-backup-limits.html).
                "even the least AWS Backup allows (cron(0 * ? * * *), startWindowMinutes 60, completionWindowMinutes 120) gives 9h: raise pulumi-aws-dr:dr.objectives.rpo (1h) to at least 9h, " +
                "or replicate the data outside AWS Backup (Aurora Global Database, S3 Replication Time Control, DynamoDB global tables), which this report does not count",
        );
    });

    it("names the health check setting to change, and the interval when the threshold alone cannot do it", () => {
        const activeActive = { ...base, strategy: "active-active" as const, fleets: atFullSize, ...detecting(30, 10) };
        expect(drReport({ ...activeActive, ...withObjectives(120) }).findings.map((f) => f.message)).toEqual([
            // 10 × (30 + 6) + 60 = 7m; (120 - 60) / 36 allows 1 failure at a 30 s interval.
            "pulumi-aws-dr:dns.healthCheck (failureThreshold 10 × (requestInterval 30 + timeout 6)) makes the worst-case RTO 7m against an objective of 2m; set failureThreshold to at most 1",
        ]);
        expect(drReport({ ...activeActive, ...withObjectives(80) }).findings.map((f) => f.message)).toEqual([
            // (80 - 60) / 36 allows none at 30 s; at 10 s, (80 - 60) / 16 allows 1.
            "pulumi-aws-dr:dns.healthCheck (failureThreshold 10 × (requestInterval 30 + timeout 6)) makes the worst-case RTO 7m against an objective of 1m 20s; set requestInterval to 10 and failureThreshold to at most 1",
        ]);
    });

    it("flags a health check whose detection alone exceeds the RTO, with the fix", () => {
        // 6 × (30 + 6) = 3m 36s of detection, more than 3m 20s; the scale-out (5m 30s) is blamed first.
        const report = drReport({ ...base, ...withObjectives(200), ...detecting(30, 6) });
        const detect = report.findings.find((f) => f.message.includes("alone"));
        expect(detect).toMatchObject({
            path: "pulumi-aws-dr:dns.healthCheck",
            achievedSeconds: 216,
            objectiveSeconds: 200,
        });
        expect(detect!.message).toBe(
            // (200 - 60) / 36 allows 3.
            "pulumi-aws-dr:dns.healthCheck (failureThreshold 6 × (requestInterval 30 + timeout 6)) alone takes 3m 36s to detect a failure, more than the RTO objective of 3m 20s; set failureThreshold to at most 3",
        );
    });

    // No faster strategy is named: a pilot light whose data reaches us-west-2 only as AWS Backup copies
    // restores the same 6h of RDS (dataRecovery.ts), so it is no faster.
    it("qualifies a fix to an assumption, and names no strategy that must restore the same data", () => {
        const backedUp: DrModelInput["backedUp"] = {
            basis: "the types the selections and restore tests name",
            types: [
                {
                    resourceType: "EBS",
                    restoreSeconds: { value: 3 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.EBS" },
                    declared: true,
                },
                {
                    resourceType: "RDS",
                    restoreSeconds: { value: 6 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.RDS" },
                    declared: true,
                },
                {
                    resourceType: "S3",
                    restoreSeconds: { value: 4 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.S3" },
                    declared: false,
                },
            ],
        };
        const report = drReport({
            ...base,
            strategy: "backup-restore",
            dns: { ...base.dns, automatic: false, breakdown: { detectSeconds: 0, ttlSeconds: 60 } },
            backedUp,
            ...withObjectives(2 * 3600, 2 * 86400),
        });
        expect(report.parts.find((p) => p.name.startsWith("restore"))).toMatchObject({
            seconds: 6 * 3600,
            path: "pulumi-aws-dr:dr.assumptions.restoreTime.RDS",
            slowestOf: [
                {
                    name: "EBS",
                    seconds: 3 * 3600,
                    path: "pulumi-aws-dr:dr.assumptions.restoreTime.EBS",
                    source: "declared",
                },
                {
                    name: "RDS",
                    seconds: 6 * 3600,
                    path: "pulumi-aws-dr:dr.assumptions.restoreTime.RDS",
                    source: "declared",
                },
                {
                    name: "S3",
                    seconds: 4 * 3600,
                    path: "pulumi-aws-dr:dr.assumptions.restoreTime.S3",
                    source: "default 4h: AWS publishes no bound",
                },
            ],
        });
        // 60 s TTL + the person who decides to restore (base's trigger, 5 min: nothing starts a restore by
        // itself) + the slowest restore, 6 h.
        expect(report.findings.map((f) => [f.path, f.message])).toEqual([
            [
                "pulumi-aws-dr:dr.assumptions.restoreTime.RDS",
                "pulumi-aws-dr:dr.assumptions.restoreTime.RDS (6h) makes the worst-case RTO 6h 6m against an objective of 2h; " +
                    "set it to at most 1h54m, but only if restore tests show it (AWS Backup's RESTORE_TIME_FOR_RESOURCES_MEET_TARGET control can audit it); " +
                    "likewise pulumi-aws-dr:dr.assumptions.restoreTime.S3 (4h): set it to at most 1h54m; likewise pulumi-aws-dr:dr.assumptions.restoreTime.EBS (3h): set it to at most 1h54m",
            ],
        ]);
    });

    it("changes a warm-up declared once for every fleet in one place", () => {
        const shared = { value: 300, path: "pulumi-aws-dr:dr.assumptions.instanceWarmup" };
        const fleets = base.fleets.map((f) => ({ ...f, instanceWarmupSeconds: shared }));
        const [finding] = drReport({ ...base, fleets, ...withObjectives(360) }).findings;
        expect(finding.message).toBe(
            "pulumi-aws-dr:dr.assumptions.instanceWarmup (5m) makes the worst-case RTO 7m 18s against an objective of 6m; set it to at most 3m42s, " +
                "but only if instances pass their health checks that soon after launch; or change pulumi-aws-dr:dr.strategy to active-active (1m 48s at worst with the current settings)",
        );
    });

    it("points a pilot light that no single setting can save at a faster strategy", () => {
        const report = drReport({ ...base, strategy: "pilot-light", ...withObjectives(120) });
        expect(report.parts.find((p) => p.name.startsWith("trigger"))).toMatchObject({
            seconds: 300,
            assumption: true,
            path: "pulumi-aws-dr:dr.assumptions.scaleOutTrigger",
        });
        expect(report.findings).toEqual([
            expect.objectContaining({ severity: "error", path: "w", achievedSeconds: 738 }),
        ]);
        expect(report.findings[0].message).toBe(
            "w (5m) makes the worst-case RTO 12m 18s against an objective of 2m; no value of it can pass (a duration is more than 0), and at the least the worst-case RTO would still be 7m 19s; " +
                "change pulumi-aws-dr:dr.strategy to active-active (1m 48s at worst with the current settings)",
        );
    });
});

describe("the strategy's RTO floor", () => {
    it("is the terms that are not assumptions, at their best settings", () => {
        // The quickest Route 53 check: every 10 s, 1 failure, an HTTP(S) request given up after 6 s.
        expect(drReport(base).rtoFloorSeconds).toBe(16 + 60 + 10);
        expect(drReport({ ...base, strategy: "active-active", fleets: atFullSize }).rtoFloorSeconds).toBe(16 + 60);
        // backup-restore without failover: its restore is an assumption, only the TTL is left.
        expect(
            drReport({ ...base, strategy: "backup-restore", dns: { ...base.dns, automatic: false } }).rtoFloorSeconds,
        ).toBe(60);
    });

    it("raises a finding at dr.strategy that names a faster strategy, instead of blaming an assumption", () => {
        const report = drReport({ ...base, ...withObjectives(80) });
        expect(report.findings).toEqual([
            {
                severity: "error",
                path: "pulumi-aws-dr:dr.strategy",
                achievedSeconds: 86,
                objectiveSeconds: 80,
                message:
                    "pulumi-aws-dr:dr.strategy (warm-standby) makes the worst-case RTO at least 1m 26s even with best-case settings (detect 16s + dns 1m + healthy checks 10s; assumptions not counted), " +
                    "against an objective of 1m 20s; change it to active-active, which can reach 1m 16s (1m 48s at worst with the current settings)",
            },
        ]);
    });

    it("says when no strategy can, and how far to raise the objective", () => {
        const [finding] = drReport({ ...base, ...withObjectives(60) }).findings;
        expect(finding.path).toBe("pulumi-aws-dr:dr.strategy");
        expect(finding.message).toMatch(
            /; no strategy can \(the least any reaches is 1m 16s\); raise pulumi-aws-dr:dr\.objectives\.rto \(1m\) to at least 1m16s$/,
        );
    });
});

describe("RPO by class of protected resource", () => {
    const continuous = rule("cron(0 * ? * * *)", true, {
        startWindowMinutes: 60,
        completionWindowMinutes: 120,
        continuousBackup: true,
    });

    it("shows the regional RPO (checked) beside the in-region PITR and snapshot ones", () => {
        const report = drReport({ ...base, backedUp: anyType(), rules: [continuous] });
        const others = BACKUP_RESOURCE_TYPES.filter((t) => !["Aurora", "RDS", "S3"].includes(t));
        expect(report.rpoByClass).toEqual([
            {
                scope: "regional",
                recovery: "snapshot",
                resourceTypes: BACKUP_RESOURCE_TYPES,
                seconds: 9 * 3600,
                expectedSeconds: 5 * 3600,
                rule: "r",
                path: "pulumi-aws-dr:backup.rules.r",
                checked: true,
            },
            {
                scope: "in-region",
                recovery: "continuous",
                resourceTypes: ["Aurora", "RDS", "S3"],
                seconds: 300,
                expectedSeconds: 300,
                rule: "r",
                path: "pulumi-aws-dr:backup.rules.r",
                checked: false,
            },
            {
                scope: "in-region",
                recovery: "snapshot",
                resourceTypes: others,
                seconds: 7 * 3600,
                expectedSeconds: 4 * 3600,
                rule: "r",
                path: "pulumi-aws-dr:backup.rules.r",
                checked: false,
            },
        ]);
        // One backup or copy job per resource at a time (aws-backup-limits.html): the hourly job holds the resource
        // 1h + 2h + its 2h copy, so every 4th runs: 4h between points.
        expect(report.achieved.rpoSeconds).toBe(9 * 3600);
    });

    it("judges a single-region stack on its worst in-region class: PITR only covers the types that support it", () => {
        const single = {
            ...base,
            backedUp: anyType(),
            strategy: "backup-restore" as const,
            survivingRegions: [],
            rules: [continuous],
            ...withObjectives(86400, 86400),
        };
        // One backup or copy job per resource at a time (aws-backup-limits.html): the hourly job holds the resource
        // 1h + 2h + its 2h copy, so every 4th runs: 4h between points.
        expect(drReport(single).achieved.rpoSeconds).toBe(7 * 3600);
        const rdsOnly = {
            ...single,
            backedUp: {
                basis: "named",
                types: [{ resourceType: "RDS", restoreSeconds: { value: 3600, path: "p" }, declared: true }],
            },
        };
        const report = drReport(rdsOnly);
        expect(report.achieved.rpoSeconds).toBe(300);
        expect(report.parts.filter((p) => p.objective === "rpo").map((p) => p.name)).toEqual(["continuous backup (r)"]);
    });
});

describe("the shipped stacks' objectives", () => {
    for (const stack of listStacks(PROJECT_DIR)) {
        it(`${stack} meets its declared RTO and RPO`, () => {
            const config = stackConfig(stack);
            const report = drReport(
                drModelInput(contextFor(parseStackConfig(stack, readRawConfig(config.values)), stack)),
            );
            expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
            expect(report.achieved.rtoSeconds).toBeLessThanOrEqual(report.objectives.rtoSeconds);
            expect(report.achieved.rpoSeconds).not.toBeNull();
            expect(report.achieved.rpoSeconds!).toBeLessThanOrEqual(report.objectives.rpoSeconds);
        });
    }
});

describe("plan with DR and policy checks", () => {
    const capture = () => {
        const io = {
            out: "",
            err: "",
            stdout: (t: string) => void (io.out += t),
            stderr: (t: string) => void (io.err += t),
        } as CommandIo & { out: string; err: string };
        return io;
    };

    it("writes the dr and policy sections, with the expected case beside the worst, and prod has no policy violation", async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dr-")), "p.json");
        const io = capture();
        expect(await runPlan(["--stack", "prod", "--json", file], io)).toBe(0);
        const plan = JSON.parse(fs.readFileSync(file, "utf8"));
        // prod's fleets are stateless and its data is replicated: no restore and, with the standby at the primary's
        // desired (dr.fullSize: desired), no scale-out. 48s detect (3 × (10s + the 6s a failing HTTPS check waits)) +
        // 60s TTL (an ELB alias's), after which a resolver
        // in us-west-2 answers origin.app.example.com with the standby; then the DNS witness (behind the CDN no probe
        // reaches the primary): the canary's next run 60s + its timeout 10s + 1 × 60s (prod declares one data
        // point), + 60s for EventBridge and SSM to start the promotion (assumption) + Aurora's 10m promotion
        // (assumption): 14m 58s, against 15m.
        expect(plan.dr.objectives).toEqual({ rtoSeconds: 900, rpoSeconds: 900 });
        expect(plan.dr.achieved).toEqual({ rtoSeconds: 48 + 60 + (60 + 10 + 60 + 60) + 600, rpoSeconds: 900 });
        expect(plan.dr.expected).toEqual({ rtoSeconds: 48 + 60 + (60 + 10 + 60 + 60) + 600, rpoSeconds: 900 });
        expect(
            plan.dr.parts.map((p: { objective: string; name: string; seconds: number }) => [
                p.objective,
                p.name,
                p.seconds,
            ]),
        ).toEqual([
            ["rto", "detect (Route 53 health check)", 48],
            ["rto", "dns (resolver cache)", 60],
            ["rto", "witnesses (Route 53 answers with the standby, automatic)", 190],
            ["rto", "data recovery (promote Aurora Global Database)", 600],
            ["rpo", "replication (S3 documents)", 900],
        ]);
        expect(plan.dr.disruptions.map((d: { type: string; verdict: string }) => [d.type, d.verdict])).toEqual([
            ["region", "met"],
            ["az", "no objective"],
            ["corruption", "no objective"],
        ]);
        expect(
            plan.dr.assumptions.map((a: { path: string; declared: boolean }) => [a.path, a.declared]),
        ).toContainEqual(["pulumi-aws-dr:alb.targetGroups.web.fleet.instanceWarmupSeconds", true]);
        expect(
            plan.dr.assumptions.map((a: { path: string; declared: boolean }) => [a.path, a.declared]),
        ).toContainEqual(["pulumi-aws-dr:dr.assumptions.databasePromotion", false]);
        expect(
            plan.dr.assumptions.map((a: { path: string; declared: boolean }) => [a.path, a.declared]),
        ).toContainEqual(["pulumi-aws-dr:dr.assumptions.automationStart", false]);
        expect(plan.dr.rtoFloorSeconds).toBe(16 + 60);
        // The data tier's stores (S3, DynamoDB, Aurora) are the only ones selected, and replicated: their regional RPO is
        // S3 RTC's 15 minutes, the slowest store's; in region continuous backup covers S3 and Aurora, snapshots DynamoDB.
        expect(
            plan.dr.rpoByClass.map((c: { scope: string; recovery: string; seconds: number; checked: boolean }) => [
                c.scope,
                c.recovery,
                c.seconds,
                c.checked,
            ]),
        ).toEqual([
            ["regional", "replication", 900, true],
            ["in-region", "continuous", 300, false],
            // in region, jobs queue one per resource (aws-backup-limits.html): 4h between points + 1h + 2h.
            ["in-region", "snapshot", 7 * 3600, false],
        ]);
        // One warning: prod's Aurora RPO bound blocks commits when us-west-2 is lost, and holds only while the
        // configured primary writes. Behind the CDN, Route 53's answer alone starts the promotion: a premise (the
        // decision the write path follows), no longer a split-brain warning.
        expect(plan.dr.findings.map((f: { severity: string; path: string }) => [f.severity, f.path])).toEqual([
            ["warning", "pulumi-aws-dr:data.databases.main.rpoBound"],
        ]);
        expect(plan.dr.premises.map((p: { name: string }) => p.name)).toContain(
            "behind the CDN, Route 53's answer alone starts the data-losing promotion",
        );
        // prod meets every rule, advisory ELB.16 included: each ALB has a web ACL of its own behind the CDN.
        expect(plan.policy).toEqual([]);
        expect(io.out).toContain("RTO 14m 58s [14m 58s] against an objective of 15m: met");
        expect(io.out).toContain(
            "    - detection delay: 3d, default at pulumi-aws-dr:dr.assumptions.corruptionDetection",
        );
        expect(io.out).toContain("  Region loss: met; RTO 14m 58s against 15m, RPO 15m against 15m");
        // In region, the hourly jobs queue one per resource (aws-backup-limits.html): 4h between points + 1h + 2h.
        expect(io.out).toContain("  Loss of one Availability Zone: NO OBJECTIVE; RTO 7m, RPO 7h");
        expect(io.out).toContain(
            "    - data recovery (promote Aurora Global Database): 10m, default at pulumi-aws-dr:dr.assumptions.databasePromotion",
        );
        expect(io.out).toContain("RPO 15m [15m] against an objective of 15m: met");
        expect(io.out).toContain(
            "    + replication (S3 documents): 15m (assumption)  <- pulumi-aws-dr:dr.assumptions.s3ReplicationTail",
        );
        expect(io.out).toContain("    * regional, replication of the data tier, for S3, DynamoDB, Aurora: 15m [15m]");
        expect(io.out).toContain("    - in-region, snapshots of rule hourly, for DynamoDB: 7h [4h]");
        expect(io.out).not.toContain("EBS");
        expect(io.out).not.toContain("capacity (scale to full");
    });

    it("fails prod's bucket without S3 RTC: replication with no time bound cannot prove a 15m RPO", async () => {
        const data = JSON.parse(stackConfig("prod").values["pulumi-aws-dr:data"]);
        data.buckets.documents.replicationTimeControl = false;
        const io = capture();
        const code = await runPlan(["--stack", "prod"], io, { configOverrides: { "pulumi-aws-dr:data": data } });
        expect(code).toBe(PLAN_EXIT.checksFailed);
        expect(io.out).toContain("  Region loss: NOT MET; RTO 14m 58s against 15m, RPO unbounded against 15m");
        expect(io.err).toContain(
            "error: pulumi-aws-dr:data.buckets.documents.replicationTimeControl: documents: S3 replication without RTC has no time bound (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html): the worst-case RPO in us-west-2 is unbounded against an objective of 15m; set pulumi-aws-dr:data.buckets.documents.replicationTimeControl to true\n",
        );
    });

    it("fails prod with its old half-size standby: raising it to the primary's desired no longer fits 15m", async () => {
        const dr = JSON.parse(stackConfig("prod").values["pulumi-aws-dr:dr"]);
        dr.standbyCapacityPercent = 50;
        const io = capture();
        const code = await runPlan(["--stack", "prod"], io, { configOverrides: { "pulumi-aws-dr:dr": dr } });
        expect(code).toBe(PLAN_EXIT.checksFailed);
        // Behind the CDN the DNS witness raises web 2 -> 3 in one step: from the resolver's answer at 1m 48s, the
        // next run 1m + timeout 10s + 1 × 1m, + 1m start: 3m 10s beyond detection and DNS; 5m warm-up + 30s of health
        // checks; the witnesses are long in ALARM by then (0s), then Aurora's 10m.
        expect(io.out).toContain(
            "    + raise (recovery-region DNS witness alarm, automatic): 3m 10s (assumption)  <- pulumi-aws-dr:dr.assumptions.automationStart",
        );
        expect(io.out).toContain(
            "    + capacity (raise to full, web): 5m 30s (assumption)  <- pulumi-aws-dr:alb.targetGroups.web.fleet.instanceWarmupSeconds",
        );
        expect(io.out).toContain("  Region loss: NOT MET; RTO 20m 28s against 15m, RPO 15m against 15m");
    });
});
