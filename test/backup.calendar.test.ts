import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backupCalendar, CalendarRule, parseBackupSchedule } from "../components";

const H = 3_600_000;
const rule = (name: string, schedule: string, more: Partial<CalendarRule> = {}): CalendarRule => ({
    name,
    schedule,
    startWindowMinutes: 60,
    completionWindowMinutes: 120,
    deleteAfterDays: 3650,
    copies: [{ region: "us-west-2", deleteAfterDays: 3650, copyMinutes: 120 }],
    ...more,
});
const window = { fromYear: 2024, years: 2 };

describe("backupCalendar", () => {
    it("alone and kept long, a rule's worst loss is its longest gap plus start, completion and copy", () => {
        const schedules = fc.constantFrom(
            "cron(0 5 ? * * *)",
            "cron(15 */6 ? * * *)",
            "cron(0 5 ? * MON-FRI *)",
            "cron(0 5 L * ? *)",
            "cron(0 5 ? * 2#1 *)",
            "cron(0 5 15W * ? *)",
        );
        fc.assert(
            fc.property(schedules, (schedule) => {
                const worst = backupCalendar(
                    { sourceRegion: "us-east-1", rules: [rule("r", schedule)] },
                    { region: "us-west-2", window },
                ).worstLoss();
                expect(worst.lossMs).toBe(parseBackupSchedule(schedule, { fromYear: 2023, years: 4 }) * 60_000 + 5 * H);
            }),
            { numRuns: 6 },
        );
    });

    it("at any instant, the newest point has landed, has not expired, and is no older than the worst loss allows", () => {
        const calendar = backupCalendar(
            {
                sourceRegion: "us-east-1",
                rules: [
                    rule("hourly", "cron(0 * ? * * *)", { deleteAfterDays: 2 }),
                    rule("monthly", "cron(0 3 1 * ? *)", {
                        completionWindowMinutes: 360,
                        deleteAfterDays: 365,
                        copies: [{ region: "us-west-2", deleteAfterDays: 365, copyMinutes: 360 }],
                    }),
                ],
            },
            { region: "us-west-2", window },
        );
        const worst = calendar.worstLoss();
        // One backup or copy job per resource at a time (aws-backup-limits.html): an hourly job that
        // starts at the end of its 1h window holds the resource 2h + its 2h copy, so only every 4th
        // hourly job can start within its window; the rest fail. Was 7h before the queue.
        expect(worst.lossMs).toBe(9 * H);
        fc.assert(
            fc.property(fc.integer({ min: calendar.from, max: calendar.to - 1 }), (t) => {
                const newest = calendar.newestAt(t)!;
                expect(newest.availableAt).toBeLessThanOrEqual(t);
                expect(newest.expiresAt).toBeGreaterThan(t);
                expect(t - newest.scheduledAt).toBeLessThanOrEqual(worst.lossMs);
            }),
            { numRuns: 300 },
        );
        // The worst is reached: just before the point that ends it lands.
        expect(worst.at - calendar.newestAt(worst.at - 1)!.scheduledAt).toBe(worst.lossMs);
    });

    it("lists the jobs a longer-kept rule displaced, with the rule that ran instead", () => {
        const calendar = backupCalendar(
            {
                sourceRegion: "us-east-1",
                rules: [
                    rule("hourly", "cron(0 * ? * * *)", { deleteAfterDays: 35 }),
                    rule("monthly", "cron(0 3 1 * ? *)", { deleteAfterDays: 365 }),
                ],
            },
            { region: "us-east-1", window },
        );
        const overlapped = calendar.displaced.filter((d) => d.reason === "overlap");
        expect(overlapped).toHaveLength(24);
        expect(overlapped[0]).toEqual({
            rule: "hourly",
            scheduledAt: Date.UTC(2024, 0, 1, 3),
            by: "monthly",
            byScheduledAt: Date.UTC(2024, 0, 1, 3),
            reason: "overlap",
        });
    });

    it("finds the first instant without a point when copies expire before the next lands", () => {
        const weekly = rule("weekly", "cron(0 5 ? * SUN *)", {
            copies: [{ region: "us-west-2", deleteAfterDays: 3, copyMinutes: 120 }],
        });
        const worst = backupCalendar(
            { sourceRegion: "us-east-1", rules: [weekly] },
            { region: "us-west-2", window },
        ).worstLoss();
        expect(worst.lossMs).toBe(Infinity);
        // Sun 31 Dec 2023 05:00 + 3 days: Wed 3 Jan 2024 05:00.
        expect(worst.at).toBe(Date.UTC(2024, 0, 3, 5));
    });

    describe("one backup or copy job per resource at a time; a job not started within its start window fails", () => {
        // "Concurrent backup and copy jobs per resource: 1, not adjustable"
        // (https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html); queued requests
        // fail "if the backup job is not started or completed within the backup window"
        // (https://docs.aws.amazon.com/timestream/latest/developerguide/backups-limits.html).
        const losses = (rules: CalendarRule[]) => ({
            source: backupCalendar({ sourceRegion: "us-east-1", rules }, { region: "us-east-1", window }),
            copy: backupCalendar({ sourceRegion: "us-east-1", rules }, { region: "us-west-2", window }),
        });

        it("prod-like hourly (1h start, 2h completion, 2h copy): only every 4th job runs, 9h in the copy region (was 6h)", () => {
            const { source, copy } = losses([rule("hourly", "cron(0 * ? * * *)")]);
            // The 00:00 job starts 01:00, holds the resource until 03:00 and its copy until 05:00: the 01:00,
            // 02:00 and 03:00 jobs cannot start within their windows; the 04:00 one starts 05:00 and its copy
            // lands 09:00, while the newest copy's data is from 00:00.
            expect(copy.worstLoss().lossMs).toBe(9 * H);
            expect(source.worstLoss().lossMs).toBe(7 * H);
            const busy = source.displaced.filter((d) => d.reason === "busy");
            expect(busy.length).toBeGreaterThan(0);
            expect(busy[0]).toMatchObject({
                rule: "hourly",
                by: "hourly",
                byScheduledAt: busy[0].scheduledAt - (busy[0].scheduledAt % (4 * H)),
            });
        });

        it("a rule whose start, completion and copy fit within its gap is unchanged: no job fails", () => {
            const { source, copy } = losses([rule("six-hourly", "cron(0 */6 ? * * *)")]);
            expect(copy.worstLoss().lossMs).toBe(6 * H + 5 * H);
            expect(source.worstLoss().lossMs).toBe(6 * H + 3 * H);
            expect(source.displaced).toEqual([]);
        });

        it("two rules whose start windows do not overlap still queue: the second fails while the first holds the resource", () => {
            const { source, copy } = losses([rule("early", "cron(0 0 ? * * *)"), rule("late", "cron(0 1 ? * * *)")]);
            // Not an overlap (windows [00:00, 01:00) and [01:00, 02:00)), so both would run but for the queue.
            expect(source.displaced.every((d) => d.reason === "busy" && d.rule === "late" && d.by === "early")).toBe(
                true,
            );
            expect(source.displaced.length).toBeGreaterThanOrEqual(365);
            // Only the 00:00 job lands: a day plus its 1h + 2h + 2h, not the 1h gap the late rule promised.
            expect(copy.worstLoss().lossMs).toBe(24 * H + 5 * H);
        });
    });
});
