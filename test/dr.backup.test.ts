/**
 * DR cases for AWS Backup's behaviour (issue section 1a) and the restore of stateful data in every
 * strategy (1c). Each states its true verdict, argued from AWS's documentation, and what the previous
 * model said; each one flips from it. The stack is a warm standby in us-east-1 with us-west-2 as the
 * recovery region (test/dr.failover.fixtures.ts), judged for the loss of us-east-1.
 */
import { describe, expect, it } from "vitest";
import { validateBackupSchedule } from "../components";
import { drReport, DrModelInput } from "../dr";
import { backupRule, ebsRestoredIn, objectives, stackInput, stateless } from "./dr.failover.fixtures";

const H = 3600;
const D = 86400;
const at = (path: string) => `pulumi-aws-dr:${path}`;
/**
 * EBS data restored in a declared 10 min and the fleets relaunched on it in a declared minute, so the RTO is not
 * what these cases judge.
 */
const quickEbs = ebsRestoredIn(600);
const quickRestore = {
    backedUp: quickEbs,
    restoreAttachSeconds: { value: 60, path: "pulumi-aws-dr:dr.assumptions.restoreAttach", declared: true },
};
const errors = (input: DrModelInput) => drReport(input).findings.filter((f) => f.severity === "error");
const rpoOf = (input: DrModelInput) => drReport(input).achieved.rpoSeconds;
const restorePart = (input: DrModelInput) =>
    drReport(input).parts.find((p) => p.objective === "rto" && p.name.startsWith("restore"));

describe("AWS Backup: overlapping rules (plan-options-and-configuration.html)", () => {
    it("prod's monthly rule displaces the hourly 03:00 job on the 1st; with the queue RPO 9h > 6h, NOT MET (old: 6h, met)", () => {
        // "If ... the time frames of the two rules overlap, AWS Backup ... takes a backup for the rule with
        // the longer retention time", copy actions included. Monthly (365 d) wins at 03:00 on the 1st; its
        // copy lands at 03:00 + 1h start + 6h completion + 6h copy = 16:00, after the 04:00 hourly one
        // (04:00 + 1 + 2 + 2 = 09:00). Before the queue, just before 09:00 the newest copy was the 02:00 one: 7h.
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [
                backupRule("hourly", "cron(0 * ? * * *)", { lifecycle: { deleteAfterDays: 35 } }),
                backupRule("monthly", "cron(0 3 1 * ? *)", {
                    completionWindowMinutes: 360,
                    lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 365 },
                }),
            ],
            ...objectives(H, 6 * H),
        });
        // Since the resource queue (one backup or copy job per resource at a time, not adjustable,
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html; a job not started
        // within its start window fails): an hourly job at 1h + 2h + its 2h copy holds the resource until
        // 4 jobs later, so only every 4th hourly job runs and the copies are 4h apart: 4h + 5h = 9h.
        expect(rpoOf(input)).toBe(9 * H);
        const gap = drReport(input).parts.find((p) => p.name.startsWith("gap between recovery points"))!;
        expect(gap).toMatchObject({ name: "gap between recovery points (hourly)", seconds: 4 * H });
        expect(gap.source).toContain("does not run, because hourly's of");
        expect(gap.source).toContain("(or its copy) still runs when its start window ends");
        const overlapped = drReport(input).parts.find((p) => p.source.includes("overlaps its start window"));
        expect(overlapped).toBeUndefined();
        expect(errors(input).map((f) => f.path)).toEqual([at("backup.rules.hourly.completionWindowMinutes")]);
    });

    it("the monthly rule with the hourly windows no longer fixes it: hourly jobs queue, 9h, NOT MET (old: 6h, met)", () => {
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [
                backupRule("hourly", "cron(0 * ? * * *)", { lifecycle: { deleteAfterDays: 35 } }),
                backupRule("monthly", "cron(0 3 1 * ? *)", { lifecycle: { deleteAfterDays: 365 } }),
            ],
            ...objectives(H, 6 * H),
        });
        // Since the resource queue (one backup or copy job per resource at a time, not adjustable,
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html; a job not started
        // within its start window fails): an hourly job at 1h + 2h + its 2h copy holds the resource until
        // 4 jobs later, so only every 4th hourly job runs and the copies are 4h apart: 4h + 5h = 9h.
        expect(rpoOf(input)).toBe(9 * H);
        expect(drReport(input).met).toBe(false);
    });

    it("a longer-kept daily rule without a copy action displaces the copied hourly job every day: NOT MET (old: met)", () => {
        // The 90-day daily rule runs at 05:00 instead of the hourly one, and it has no copy action, so
        // us-west-2 gets nothing from 05:00: 04:00's copy to 06:00's (06:00 + 5h = 11:00) is 7h.
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [
                backupRule("hourly", "cron(0 * ? * * *)", { lifecycle: { deleteAfterDays: 35 } }),
                backupRule("daily", "cron(0 5 ? * * *)", { copy: false, lifecycle: { deleteAfterDays: 90 } }),
            ],
            ...objectives(H, 6 * H),
        });
        // Since the resource queue (one backup or copy job per resource at a time, not adjustable,
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html; a job not started
        // within its start window fails): an hourly job at 1h + 2h + its 2h copy holds the resource until
        // 4 jobs later, so only every 4th hourly job runs and the copies are 4h apart: 4h + 5h = 9h.
        expect(rpoOf(input)).toBe(9 * H);
        expect(drReport(input).met).toBe(false);
    });

    it("equal retention: AWS does not say which runs, so the one whose copy reaches the region last counts: NOT MET (old: met)", () => {
        // Two hourly rules keep points 35 days; one copies within 2h, the other within 6h. AWS documents
        // no tie-break, so the report may not count on the faster one: 1h + 1h + 6h + 6h = 14h > 6h.
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [
                backupRule("fast", "cron(0 * ? * * *)"),
                backupRule("slow", "cron(0 * ? * * *)", { completionWindowMinutes: 360 }),
            ],
            ...objectives(H, 6 * H),
        });
        // With the queue (aws-backup-limits.html: one backup or copy job per resource, not adjustable), a
        // slow job holds the resource 1h + 6h + its 6h copy, so the jobs scheduled meanwhile fail and the
        // points that land are half a day apart: the calendar's worst case is 25h. Was 14h.
        expect(rpoOf(input)).toBe(25 * H);
        expect(drReport(input).met).toBe(false);
    });

    it("equal retention where one rule has no copy: nothing may ever reach the region, unbounded: NOT MET (old: met)", () => {
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [
                backupRule("copied", "cron(0 5 ? * * *)"),
                backupRule("local", "cron(0 5 ? * * *)", { copy: false }),
            ],
            ...objectives(H, 2 * D),
        });
        expect(rpoOf(input)).toBe(Infinity);
        expect(errors(input)[0].message).toContain("the worst-case RPO is unbounded");
    });
});

describe("AWS Backup: retention and copies' lifecycle (recov-point-create-a-copy.html)", () => {
    it("copies kept 3 days by a weekly rule leave 4 days with none in the region: unbounded, NOT MET (old: 7d 5h, met)", () => {
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [backupRule("weekly", "cron(0 5 ? * SUN *)", { copyLifecycle: { deleteAfterDays: 3 } })],
            ...objectives(H, 8 * D),
        });
        expect(rpoOf(input)).toBe(Infinity);
        const [finding] = errors(input);
        expect(finding.path).toBe(at("backup.rules.weekly.copyLifecycle.deleteAfterDays"));
        expect(finding.message).toMatch(
            /^pulumi-aws-dr:backup\.rules\.weekly\.copyLifecycle\.deleteAfterDays \(3\) deletes weekly's recovery points in us-west-2 before the next one lands/,
        );
    });

    it("a copy's 1-day retention counts from the source's creation, not the copy's: 5h a day with none, NOT MET (old: met)", () => {
        // "The expiration date in the source and copy reference the creation date of source": the copy of
        // the 05:00 backup lands at 10:00 and goes at 05:00 next day, 5 hours before the next copy lands.
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [backupRule("daily", "cron(0 5 ? * * *)", { copyLifecycle: { deleteAfterDays: 1 } })],
            ...objectives(H, 2 * D),
        });
        expect(rpoOf(input)).toBe(Infinity);
        expect(drReport(input).met).toBe(false);
    });

    it("a weekly EFS backup that goes cold after a day is restored from cold storage: +72h, NOT MET (old: met)", () => {
        // EFS recovery points move to cold storage under the lifecycle (API_Lifecycle.html); AWS publishes
        // no bound on restoring them, so the 72h assumption applies. For 6 days of 7 the newest is cold.
        const efs = {
            basis: "named",
            types: [
                {
                    resourceType: "EFS",
                    restoreSeconds: { value: 2 * H, path: at("dr.assumptions.restoreTime.EFS") },
                    declared: true,
                },
            ],
        };
        const input = stackInput("warm-standby", {
            backedUp: efs,
            rules: [
                backupRule("weekly", "cron(0 5 ? * SUN *)", {
                    lifecycle: { coldStorageAfterDays: 1, deleteAfterDays: 120 },
                }),
            ],
            ...objectives(8 * H, 8 * D),
        });
        expect(restorePart(input)).toMatchObject({
            seconds: 2 * H + 72 * H,
            slowestOf: [{ name: "EFS", source: "declared + cold storage 3d (default: AWS publishes no bound)" }],
        });
        expect(drReport(input).met).toBe(false);
    });
});

describe("AWS Backup: what can be copied (backup-feature-availability.html)", () => {
    const cannotJudge = (resources: string[]) => {
        const input = stackInput("warm-standby", {
            ...quickRestore,
            backedUp: {
                ...quickEbs,
                uncopyable: `selection "data" names ${JSON.stringify(resources[0])}: may not be copyable`,
            },
            rules: [backupRule("hourly", "cron(0 * ? * * *)")],
            ...objectives(H, 6 * H),
        });
        return drReport(input);
    };

    it("a type that may not be copyable leaves the regional RPO unjudged: an error on the selection, never met (old: met)", () => {
        const report = cannotJudge(["arn:aws:rds:us-east-1:123456789012:cluster:db"]);
        expect(report.achieved.rpoSeconds).toBeNull();
        expect(report.rpoByClass[0]).toMatchObject({ scope: "regional", checked: true, seconds: null });
        expect(report.findings[0]).toMatchObject({ severity: "error", path: at("backup.selections") });
        expect(report.findings[0].message).toContain("cannot be judged");
        expect(report.met).toBe(false);
    });
});

describe("the cron grammar: L, W and # are judged, not refused (eb-cron-expressions.html)", () => {
    // Kept 60 days, so a point outlives the gap to the next (see the 35-day case below).
    const judged = (schedule: string, rpo: number) =>
        stackInput("warm-standby", {
            ...quickRestore,
            rules: [backupRule("r", schedule, { lifecycle: { deleteAfterDays: 60 } })],
            ...objectives(H, rpo),
        });

    it("the first Monday with the default 35-day retention: a point expires 5h before the next lands, unbounded (old: refused)", () => {
        // Mon 1 Jan 2001 to Mon 5 Feb is 35 days; the copy of the 5 Feb run lands at 10:00, the 1 Jan one
        // is deleted at 05:00 (35 days after its creation).
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [backupRule("r", "cron(0 5 ? * 2#1 *)")],
            ...objectives(H, 36 * D),
        });
        expect(rpoOf(input)).toBe(Infinity);
        expect(errors(input)[0].path).toBe(at("backup.rules.r.copyLifecycle.deleteAfterDays"));
    });

    it("the first Monday of the month, 2#1: at worst 35 days + 5h; met against 36 days (old: refused)", () => {
        expect(validateBackupSchedule("cron(0 5 ? * 2#1 *)")).toBeUndefined();
        expect(rpoOf(judged("cron(0 5 ? * 2#1 *)", 36 * D))).toBe(35 * D + 5 * H);
        expect(drReport(judged("cron(0 5 ? * 2#1 *)", 36 * D)).met).toBe(true);
    });

    it("the last Friday, 6L: 35 days at worst too; NOT MET against 30 days (old: refused)", () => {
        expect(rpoOf(judged("cron(0 5 ? * 6L *)", 30 * D))).toBe(35 * D + 5 * H);
        expect(drReport(judged("cron(0 5 ? * 6L *)", 30 * D)).met).toBe(false);
    });

    it("the weekday nearest the 15th, 15W: at worst 32 days apart; met against 33 days (old: refused)", () => {
        // A Saturday 15th runs on Friday 14th; after a 31-day month the next 15th is a Tuesday: 32 days.
        expect(rpoOf(judged("cron(0 5 15W * ? *)", 33 * D))).toBe(32 * D + 5 * H);
        expect(drReport(judged("cron(0 5 15W * ? *)", 33 * D)).met).toBe(true);
    });

    it("the last weekday, LW: at worst 33 days apart (old: refused)", () => {
        expect(rpoOf(judged("cron(0 5 LW * ? *)", 34 * D))).toBe(33 * D + 5 * H);
    });
});

describe("time-zone schedules over daylight saving (EventBridge Scheduler's documented behaviour)", () => {
    it("02:30 New York time is skipped the day clocks spring forward: 47h between copies + 5h, NOT MET against 30h (old: 30h, met)", () => {
        const input = stackInput("warm-standby", {
            ...quickRestore,
            rules: [backupRule("nightly", "cron(30 2 ? * * *)", { scheduleTimezone: "America/New_York" })],
            ...objectives(H, 30 * H),
        });
        expect(rpoOf(input)).toBe(52 * H);
        expect(drReport(input).met).toBe(false);
    });
});

describe("restoring stateful data in every strategy", () => {
    const rds = (strategy: "warm-standby" | "active-active" | "pilot-light") =>
        stackInput(strategy, {
            backedUp: {
                basis: "named",
                types: [
                    {
                        resourceType: "RDS",
                        restoreSeconds: { value: 4 * H, path: at("dr.assumptions.restoreTime") },
                        declared: false,
                    },
                ],
            },
            ...objectives(30 * 60, 6 * H),
        });

    it("a warm standby whose database comes only from AWS Backup copies restores it first: 4h more, NOT MET against 30m (old: met)", () => {
        const report = drReport(rds("warm-standby"));
        expect(report.parts.find((p) => p.name.startsWith("restore"))).toMatchObject({
            seconds: 4 * H,
            assumption: true,
            path: at("dr.assumptions.restoreTime"),
        });
        expect(report.met).toBe(false);
    });

    it("active-active too, when its data is only in AWS Backup copies: NOT MET against 30m (old: 1m 30s, met)", () => {
        expect(drReport(rds("active-active")).achieved.rtoSeconds).toBeGreaterThanOrEqual(4 * H);
        expect(drReport(rds("active-active")).met).toBe(false);
    });

    it("a replicated store replaces its type's restore with its promotion: the extension point", () => {
        const promoted = {
            ...rds("warm-standby"),
            replicatedStores: [
                {
                    resourceType: "RDS",
                    mechanism: "a replica",
                    promotionSeconds: { value: 120, path: at("x") },
                    assumption: true,
                    source: "declared",
                },
            ],
        };
        expect(drReport(promoted).parts.find((p) => p.name.startsWith("data recovery"))).toMatchObject({
            name: "data recovery (promote a replica)",
            seconds: 120,
        });
        expect(drReport({ ...rds("warm-standby"), ...stateless }).parts.some((p) => p.name.startsWith("restore"))).toBe(
            false,
        );
    });
});
