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
        const schedules = fc.constantFrom("cron(0 5 ? * * *)", "cron(15 */6 ? * * *)", "cron(0 5 ? * MON-FRI *)", "cron(0 5 L * ? *)", "cron(0 5 ? * 2#1 *)", "cron(0 5 15W * ? *)");
        fc.assert(
            fc.property(schedules, (schedule) => {
                const worst = backupCalendar({ sourceRegion: "us-east-1", rules: [rule("r", schedule)] }, { region: "us-west-2", window }).worstLoss();
                expect(worst.lossMs).toBe(parseBackupSchedule(schedule, { fromYear: 2023, years: 4 }) * 60_000 + 5 * H);
            }),
            { numRuns: 6 },
        );
    });

    it("at any instant, the newest point has landed, has not expired, and is no older than the worst loss allows", () => {
        const calendar = backupCalendar(
            { sourceRegion: "us-east-1", rules: [rule("hourly", "cron(0 * ? * * *)", { deleteAfterDays: 2 }), rule("monthly", "cron(0 3 1 * ? *)", { completionWindowMinutes: 360, deleteAfterDays: 365, copies: [{ region: "us-west-2", deleteAfterDays: 365, copyMinutes: 360 }] })] },
            { region: "us-west-2", window },
        );
        const worst = calendar.worstLoss();
        expect(worst.lossMs).toBe(7 * H);
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
            { sourceRegion: "us-east-1", rules: [rule("hourly", "cron(0 * ? * * *)", { deleteAfterDays: 35 }), rule("monthly", "cron(0 3 1 * ? *)", { deleteAfterDays: 365 })] },
            { region: "us-east-1", window },
        );
        expect(calendar.displaced).toHaveLength(24);
        expect(calendar.displaced[0]).toEqual({ rule: "hourly", scheduledAt: Date.UTC(2024, 0, 1, 3), by: "monthly", byScheduledAt: Date.UTC(2024, 0, 1, 3) });
    });

    it("finds the first instant without a point when copies expire before the next lands", () => {
        const weekly = rule("weekly", "cron(0 5 ? * SUN *)", { copies: [{ region: "us-west-2", deleteAfterDays: 3, copyMinutes: 120 }] });
        const worst = backupCalendar({ sourceRegion: "us-east-1", rules: [weekly] }, { region: "us-west-2", window }).worstLoss();
        expect(worst.lossMs).toBe(Infinity);
        // Sun 31 Dec 2023 05:00 + 3 days: Wed 3 Jan 2024 05:00.
        expect(worst.at).toBe(Date.UTC(2024, 0, 3, 5));
    });
});
