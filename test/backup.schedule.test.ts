import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    BackupLifecycle,
    parseBackupSchedule,
    recoveryPointObjective,
    rpoAssumptions,
    SCHEDULE_REFERENCE_WINDOW,
    ScheduleWindow,
    validateBackupPlanArgs,
    validateBackupSchedule,
    validateLifecycle,
} from "../components/backup";

const DAY = 1440;

describe("parseBackupSchedule", () => {
    const cases: [string, number][] = [
        ["cron(0 5 ? * * *)", DAY],
        ["cron(0 * ? * * *)", 60],
        ["cron(15 */12 ? * * *)", 720],
        ["cron(0 0,23 ? * * *)", 23 * 60],
        ["cron(0 5 ? * MON-FRI *)", 3 * DAY],
        ["cron(0 5 ? * 2-6 *)", 3 * DAY],
        ["cron(0 5 ? * SUN *)", 7 * DAY],
        // Mar 31 to May 31: the worst case, not the average month.
        ["cron(0 5 31 * ? *)", 61 * DAY],
        ["cron(0 5 L * ? *)", 31 * DAY],
        ["cron(0 5 1 * ? *)", 31 * DAY],
        ["cron(0 5 1 JAN,JUL ? *)", 184 * DAY],
        ["cron(0 5 1 1/3 ? *)", 92 * DAY],
        // Only leap years have Feb 29.
        ["cron(0 5 29 2 ? *)", 1461 * DAY],
        // The last Monday of January to the first of the next: 49 weeks, whatever the year.
        ["cron(0 5 ? JAN MON *)", 343 * DAY],
        // The first Monday of the month (#): 5 weeks apart at worst, e.g. Mon 1 Jan 2001 to Mon 5 Feb.
        ["cron(0 5 ? * 2#1 *)", 35 * DAY],
        // The last Friday (nL): 5 weeks at worst too.
        ["cron(0 5 ? * 6L *)", 35 * DAY],
        // L alone in day-of-week is the week's last day, Saturday: weekly.
        ["cron(0 5 ? * L *)", 7 * DAY],
    ];
    for (const [cron, minutes] of cases) {
        it(`gives ${minutes} minutes for ${cron}`, () => expect(parseBackupSchedule(cron)).toBe(minutes));
    }

    it("reads a window of whole years when asked, and Infinity with fewer than two runs", () => {
        expect(parseBackupSchedule("cron(0 5 29 2 ? *)", { fromYear: 2024, years: 1 })).toBe(Infinity);
        expect(parseBackupSchedule("cron(0 5 31 * ? *)", { fromYear: 2023, years: 1 })).toBe(61 * DAY);
        expect(SCHEDULE_REFERENCE_WINDOW).toEqual({ fromYear: 2001, years: 32 });
    });

    it("throws the validation text for a schedule it cannot evaluate", () => {
        expect(() => parseBackupSchedule("cron(0 5 *)")).toThrow(
            /schedule "cron\(0 5 \*\)" must be AWS's 6-field cron form .*, not 3 fields/,
        );
    });
});

describe("validateBackupSchedule", () => {
    const form =
        "AWS's 6-field cron form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 5 ? * * *)";
    const cases: [string, string | undefined][] = [
        ["cron(0 5 ? * * *)", undefined],
        ["cron(30 1/4 ? * WED,SAT *)", undefined],
        ["cron(0 5 1,L * ? *)", undefined],
        ["cron(0 5 *)", `${form}, not 3 fields`],
        ["cron(0 5 * * *)", `${form}, not 5 fields`],
        ["0 5 ? * * *", form],
        ["rate(1 hour)", form],
        [
            "cron(0,30 * ? * * *)",
            "a schedule that fires at most once an hour, AWS Backup's limit (this one fires 30 minutes apart)",
        ],
        [
            "cron(*/5 * ? * * *)",
            "a schedule that fires at most once an hour, AWS Backup's limit (this one fires 5 minutes apart)",
        ],
        ["cron(0 5 * * * *)", `${form}, with ? in exactly one of day-of-month and day-of-week`],
        ["cron(0 5 ? * ? *)", `${form}, with ? in exactly one of day-of-month and day-of-week`],
        ["cron(0 5 ? * * 2030)", `${form}, with * as its year, so that backups never stop`],
        // EventBridge's L, W and # forms are valid AWS Backup schedules, evaluated rather than refused.
        ["cron(0 5 ? * 2#1 *)", undefined],
        ["cron(0 5 15W * ? *)", undefined],
        ["cron(0 5 LW * ? *)", undefined],
        ["cron(0 5 ? * 6L *)", undefined],
        ["cron(0 5 ? * L *)", undefined],
        [
            "cron(0 5 ? * 2#1,6#3 *)",
            `${form}; its day-of-week field takes *, values 1..7 or SUN..SAT, lists, ranges and /steps, L, nL or n#k alone, not "2#1,6#3"`,
        ],
        [
            "cron(0 5 ? * 2#6 *)",
            `${form}; its day-of-week field takes *, values 1..7 or SUN..SAT, lists, ranges and /steps, L, nL or n#k alone, not "2#6"`,
        ],
        [
            "cron(0 5 1W,15 * ? *)",
            `${form}; its day-of-month field takes *, values 1..31, lists, ranges and /steps, L, nW or LW, not "1W,15"`,
        ],
        ["cron(0 5 30 2 ? *)", `${form}, for dates that exist (this one never fires)`],
        ["cron(0 24 ? * * *)", `${form}; its hours field takes *, values 0..23, lists, ranges and /steps, not "24"`],
        [
            "cron(0 5 ? FOO * *)",
            `${form}; its month field takes *, values 1..12 or JAN..DEC, lists, ranges and /steps, not "FOO"`,
        ],
        [
            "cron(0 5 ? * FRI-MON *)",
            `${form}; its day-of-week field takes *, values 1..7 or SUN..SAT, lists, ranges and /steps, L, nL or n#k alone, not "FRI-MON"`,
        ],
    ];
    for (const [cron, problem] of cases) {
        it(`${problem === undefined ? "accepts" : "rejects"} ${cron}`, () =>
            expect(validateBackupSchedule(cron)).toBe(problem));
    }
});

/** A cron field drawn at random, with the values it selects computed independently of the parser. */
interface Field {
    readonly text: string;
    readonly values: ReadonlySet<number>;
}

const range = (from: number, to: number, step = 1) => {
    const out = new Set<number>();
    for (let v = from; v <= to; v += step) out.add(v);
    return out;
};

function fieldArb(min: number, max: number, names?: readonly string[]): fc.Arbitrary<Field> {
    const show = (v: number, useName: boolean) => (names && useName ? names[v - min] : String(v));
    const value = fc.integer({ min, max });
    const single = fc.tuple(value, fc.boolean()).map(([v, n]): Field => ({ text: show(v, n), values: new Set([v]) }));
    const span = fc.tuple(value, value, fc.boolean()).map(([a, b, n]): Field => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return { text: `${show(lo, n)}-${show(hi, n)}`, values: range(lo, hi) };
    });
    const step = fc
        .tuple(fc.option(value, { nil: undefined }), fc.integer({ min: 1, max: max - min + 1 }))
        .map(([from, n]): Field => ({
            text: `${from === undefined ? "*" : from}/${n}`,
            values: range(from ?? min, max, n),
        }));
    const list = fc.array(fc.oneof(single, span), { minLength: 2, maxLength: 3 }).map((parts): Field => ({
        text: parts.map((p) => p.text).join(","),
        values: new Set(parts.flatMap((p) => [...p.values])),
    }));
    return fc.oneof(fc.constant<Field>({ text: "*", values: range(min, max) }), single, span, step, list);
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface RandomCron {
    readonly text: string;
    readonly minute: number;
    readonly hours: ReadonlySet<number>;
    readonly months: ReadonlySet<number>;
    /** undefined: every day of the month. */
    readonly daysOfMonth?: { readonly values: ReadonlySet<number>; readonly last: boolean };
    /** undefined: every day of the week. */
    readonly daysOfWeek?: ReadonlySet<number>;
    /** For L, W and # forms: whether a UTC date fires, worked out from the Date API alone. */
    readonly firesOn?: (day: Date) => boolean;
}

const dayOfMonthArb = fc.oneof(
    fc.constant({ text: "*", spec: undefined }),
    fc.constant({ text: "L", spec: { values: new Set<number>(), last: true } }),
    fieldArb(1, 31).map((f) => ({ text: f.text, spec: { values: f.values, last: false } })),
    fc.integer({ min: 1, max: 28 }).map((d) => ({ text: `${d},L`, spec: { values: new Set([d]), last: true } })),
);

const cronArb: fc.Arbitrary<RandomCron> = fc
    .record({
        minute: fc.integer({ min: 0, max: 59 }),
        hours: fieldArb(0, 23),
        months: fieldArb(1, 12, MONTHS),
        byWeekday: fc.boolean(),
        dom: dayOfMonthArb,
        dow: fieldArb(1, 7, WEEKDAYS),
    })
    .map(({ minute, hours, months, byWeekday, dom, dow }) => ({
        text: `cron(${minute} ${hours.text} ${byWeekday ? "?" : dom.text} ${months.text} ${byWeekday ? dow.text : "?"} *)`,
        minute,
        hours: hours.values,
        months: months.values,
        daysOfMonth: byWeekday ? undefined : dom.spec,
        daysOfWeek: byWeekday && dow.text !== "*" ? dow.values : undefined,
    }));

/** The longest gap between consecutive runs in a window of whole years, found by testing every minute of it. */
function bruteForceLongestGap(cron: RandomCron, window: ScheduleWindow): number {
    const start = Date.UTC(window.fromYear, 0, 1);
    const minutes = (Date.UTC(window.fromYear + window.years, 0, 1) - start) / 60_000;
    let previous: number | undefined;
    let longest = -Infinity;
    let dayMatches = false;
    for (let i = 0; i < minutes; i++) {
        const minuteOfDay = i % DAY;
        if (minuteOfDay === 0) {
            const day = new Date(start + i * 60_000);
            const isLast = new Date(start + (i + DAY) * 60_000).getUTCDate() === 1;
            const dom = cron.daysOfMonth;
            dayMatches =
                cron.months.has(day.getUTCMonth() + 1) &&
                (!dom || dom.values.has(day.getUTCDate()) || (dom.last && isLast)) &&
                (!cron.daysOfWeek || cron.daysOfWeek.has(day.getUTCDay() + 1)) &&
                (!cron.firesOn || cron.firesOn(day));
        }
        if (!dayMatches || minuteOfDay % 60 !== cron.minute || !cron.hours.has(Math.floor(minuteOfDay / 60))) continue;
        if (previous !== undefined) longest = Math.max(longest, i - previous);
        previous = i;
    }
    return longest === -Infinity ? Infinity : longest;
}

const daysIn = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
const weekdayOf = (d: Date, date: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), date)).getUTCDay();

/** The weekday nearest `date` in d's month, not leaving it: EventBridge's W. */
function nearestWeekday(d: Date, date: number): number {
    const wd = weekdayOf(d, date);
    if (wd === 6) return date === 1 ? 3 : date - 1;
    if (wd === 0) return date === daysIn(d) ? date - 2 : date + 1;
    return date;
}

/** The L, W and # forms, each with the dates it fires on. */
const specialDayArb: fc.Arbitrary<{ dom: string; dow: string; firesOn: (day: Date) => boolean }> = fc.oneof(
    fc
        .integer({ min: 1, max: 28 })
        .map((n) => ({ dom: `${n}W`, dow: "?", firesOn: (d: Date) => d.getUTCDate() === nearestWeekday(d, n) })),
    fc.constant({ dom: "LW", dow: "?", firesOn: (d: Date) => d.getUTCDate() === nearestWeekday(d, daysIn(d)) }),
    fc.integer({ min: 1, max: 7 }).map((n) => ({
        dom: "?",
        dow: `${n}L`,
        firesOn: (d: Date) => d.getUTCDay() + 1 === n && d.getUTCDate() + 7 > daysIn(d),
    })),
    fc.record({ n: fc.integer({ min: 1, max: 7 }), k: fc.integer({ min: 1, max: 5 }) }).map(({ n, k }) => ({
        dom: "?",
        dow: `${n}#${k}`,
        firesOn: (d: Date) => d.getUTCDay() + 1 === n && Math.ceil(d.getUTCDate() / 7) === k,
    })),
);

const specialCronArb: fc.Arbitrary<RandomCron> = fc
    .record({
        minute: fc.integer({ min: 0, max: 59 }),
        hours: fieldArb(0, 23),
        months: fieldArb(1, 12, MONTHS),
        day: specialDayArb,
    })
    .map(({ minute, hours, months, day }) => ({
        text: `cron(${minute} ${hours.text} ${day.dom} ${months.text} ${day.dow} *)`,
        minute,
        hours: hours.values,
        months: months.values,
        firesOn: day.firesOn,
    }));

describe("parseBackupSchedule properties", () => {
    it("evaluates L, W and # like a brute-force walk that reads the calendar directly", () => {
        const year = fc.integer({
            min: SCHEDULE_REFERENCE_WINDOW.fromYear,
            max: SCHEDULE_REFERENCE_WINDOW.fromYear + SCHEDULE_REFERENCE_WINDOW.years - 2,
        });
        fc.assert(
            fc.property(specialCronArb, year, (cron, y) => {
                fc.pre(validateBackupSchedule(cron.text) === undefined);
                const window = { fromYear: y, years: 2 };
                expect(parseBackupSchedule(cron.text, window)).toBe(bruteForceLongestGap(cron, window));
            }),
            { numRuns: 12 },
        );
    });

    const year = fc.integer({
        min: SCHEDULE_REFERENCE_WINDOW.fromYear,
        max: SCHEDULE_REFERENCE_WINDOW.fromYear + SCHEDULE_REFERENCE_WINDOW.years - 1,
    });

    it("agrees with a brute-force walk over every minute of a year", () => {
        fc.assert(
            fc.property(cronArb, year, (cron, y) => {
                fc.pre(validateBackupSchedule(cron.text) === undefined);
                expect(parseBackupSchedule(cron.text, { fromYear: y, years: 1 })).toBe(
                    bruteForceLongestGap(cron, { fromYear: y, years: 1 }),
                );
            }),
            { numRuns: 30 },
        );
    });

    it("agrees with the brute-force walk over several years, so gaps across a year boundary count", () => {
        const window = fc.record({ fromYear: year, years: fc.integer({ min: 2, max: 3 }) });
        fc.assert(
            fc.property(cronArb, window, (cron, w) => {
                fc.pre(validateBackupSchedule(cron.text) === undefined);
                expect(parseBackupSchedule(cron.text, w)).toBe(bruteForceLongestGap(cron, w));
            }),
            // Each run walks up to 1.6 million minutes.
            { numRuns: 10 },
        );
    });

    it("finds a gap that only a year boundary shows", () => {
        // Once a year: no gap inside any one year; across 2023-2025 the longest is 2024, a leap year.
        const yearly: RandomCron = {
            text: "cron(0 5 1 JAN ? *)",
            minute: 0,
            hours: new Set([5]),
            months: new Set([1]),
            daysOfMonth: { values: new Set([1]), last: false },
        };
        const window = { fromYear: 2023, years: 3 };
        expect(bruteForceLongestGap(yearly, { fromYear: 2024, years: 1 })).toBe(Infinity);
        expect(bruteForceLongestGap(yearly, window)).toBe(366 * DAY);
        expect(parseBackupSchedule(yearly.text, window)).toBe(366 * DAY);
    });

    it("never reports less than any single year of the reference window shows", () => {
        fc.assert(
            fc.property(cronArb, year, (cron, y) => {
                fc.pre(validateBackupSchedule(cron.text) === undefined);
                const worst = parseBackupSchedule(cron.text);
                expect(worst).toBeGreaterThanOrEqual(60);
                const inYear = parseBackupSchedule(cron.text, { fromYear: y, years: 1 });
                if (inYear !== Infinity) expect(worst).toBeGreaterThanOrEqual(inYear);
            }),
            { numRuns: 50 },
        );
    });
});

describe("lifecycle properties", () => {
    const daily = { schedule: "cron(0 5 ? * * *)" };
    const validLifecycle: fc.Arbitrary<BackupLifecycle> = fc.oneof(
        fc.integer({ min: 1, max: 36500 }).map((deleteAfterDays) => ({ deleteAfterDays })),
        fc.integer({ min: 1, max: 36500 - 90 }).chain((cold) =>
            fc.record({
                coldStorageAfterDays: fc.constant(cold),
                deleteAfterDays: fc.integer({ min: cold + 90, max: 36500 }),
                optInToArchiveForSupportedResources: fc.boolean(),
            }),
        ),
    );

    it("accepts any valid lifecycle, alone and in a plan", () => {
        fc.assert(
            fc.property(validLifecycle, (lifecycle) => {
                expect(validateLifecycle(lifecycle)).toEqual([]);
                expect(
                    validateBackupPlanArgs(
                        { rules: { daily: { ...daily, lifecycle } }, selections: { all: { resources: ["*"] } } },
                        "us-east-1",
                    ),
                ).toEqual([]);
            }),
            { numRuns: 200 },
        );
    });

    it("rejects any lifecycle that deletes before cold storage + 90 days", () => {
        const early = fc.integer({ min: 1, max: 36500 }).chain((cold) =>
            fc.record({
                coldStorageAfterDays: fc.constant(cold),
                deleteAfterDays: fc.integer({ min: 1, max: Math.min(cold + 89, 36500) }),
            }),
        );
        fc.assert(
            fc.property(early, (lifecycle) => {
                expect(validateLifecycle(lifecycle)).toContainEqual({
                    path: "deleteAfterDays",
                    value: lifecycle.deleteAfterDays,
                    allowed: `at least coldStorageAfterDays + 90 (${lifecycle.coldStorageAfterDays + 90}), since cold storage lasts at least 90 days`,
                });
                const problems = validateBackupPlanArgs(
                    { rules: { daily: { ...daily, lifecycle } }, selections: { all: { resources: ["*"] } } },
                    "us-east-1",
                );
                expect(problems.map((p) => p.path)).toContain("rules.daily.lifecycle.deleteAfterDays");
            }),
            { numRuns: 200 },
        );
    });
});

describe("recoveryPointObjective", () => {
    it("is gap + start + completion in region, with no regional RPO without a copy (dev)", () => {
        const rpo = recoveryPointObjective(
            { schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfterDays: 7 } },
            { vaultRegion: "us-east-1" },
        );
        expect(rpo.inRegionSeconds).toBe((1440 + 480 + 10080) * 60);
        expect(rpo.crossRegionSeconds).toBeUndefined();
        expect(rpo.parts).toMatchObject({
            scheduleGapSeconds: 86400,
            startWindowSeconds: 28800,
            completionWindowSeconds: 604800,
            copyLagSeconds: undefined,
            copyRegions: [],
        });
    });

    it("adds the copy lag, by default the completion window, across regions (staging)", () => {
        const rule = {
            schedule: "cron(0 */12 ? * * *)",
            startWindowMinutes: 60,
            completionWindowMinutes: 240,
            copyTo: [{ region: "us-west-2" }],
        };
        const rpo = recoveryPointObjective(rule, { vaultRegion: "us-east-1" });
        expect(rpo.crossRegionSeconds).toBe((720 + 60 + 240 + 240) * 60);
        expect(rpo.parts).toMatchObject({ copyLagSeconds: 240 * 60, copyLagAssumed: true, copyRegions: ["us-west-2"] });
        const declared = recoveryPointObjective(rule, { vaultRegion: "us-east-1", copyLagMinutes: 30 });
        expect(declared.crossRegionSeconds).toBe((720 + 60 + 240 + 30) * 60);
        expect(declared.parts.copyLagAssumed).toBe(false);
    });

    it("gives continuous backup about 5 minutes in region only (prod)", () => {
        const rpo = recoveryPointObjective(
            {
                schedule: "cron(0 * ? * * *)",
                startWindowMinutes: 60,
                completionWindowMinutes: 120,
                continuousBackup: true,
                copyTo: [{ region: "us-west-2" }],
            },
            { vaultRegion: "us-east-1" },
        );
        expect(rpo.inRegionSeconds).toBe(rpoAssumptions.continuousBackupSeconds);
        expect(rpo.crossRegionSeconds).toBe((60 + 60 + 120 + 120) * 60);
    });

    it("counts a vault ARN in another region, but not one in the vault's region nor one not known yet", () => {
        const arn = (region: string) => `arn:aws:backup:${region}:210987654321:backup-vault:central`;
        const rule = (vaultArn: pulumi.Input<string>) => ({ schedule: "cron(0 5 ? * * *)", copyTo: [{ vaultArn }] });
        expect(recoveryPointObjective(rule(arn("eu-west-1")), { vaultRegion: "us-east-1" }).parts.copyRegions).toEqual([
            "eu-west-1",
        ]);
        expect(
            recoveryPointObjective(rule(arn("us-east-1")), { vaultRegion: "us-east-1" }).crossRegionSeconds,
        ).toBeUndefined();
        expect(
            recoveryPointObjective(rule(pulumi.output(arn("eu-west-1"))), { vaultRegion: "us-east-1" })
                .crossRegionSeconds,
        ).toBeUndefined();
    });

    it("reads a local-time schedule over its zone's daylight-saving changes: a run in the spring gap is skipped", () => {
        // 02:30 in New York does not exist on the spring-forward day: EventBridge Scheduler skips it, so two
        // runs are 47 real hours apart (02:30 EST the day before, 02:30 EDT the day after).
        const rpo = recoveryPointObjective({ schedule: "cron(30 2 ? * * *)", scheduleTimezone: "America/New_York" });
        expect(rpo.parts.scheduleGapSeconds).toBe(47 * 3600);
        expect(rpo.inRegionSeconds).toBe((47 * 60 + 480 + 10080) * 60);
        // 05:00 exists every day: the longest gap is the 25-hour day clocks go back.
        expect(
            recoveryPointObjective({ schedule: "cron(0 5 ? * * *)", scheduleTimezone: "America/New_York" }).parts
                .scheduleGapSeconds,
        ).toBe(25 * 3600);
        expect(
            recoveryPointObjective({ schedule: "cron(0 5 ? * * *)", scheduleTimezone: "Asia/Kolkata" }).parts
                .scheduleGapSeconds,
        ).toBe(24 * 3600);
    });
});
