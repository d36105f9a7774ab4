/**
 * AWS cron for AWS Backup schedules: parsing, validation, and the worst-case interval between two
 * runs. Pure; no Pulumi.
 *
 * The form is `cron(minutes hours day-of-month month day-of-week year)`, evaluated in UTC. Fields
 * take `*`, lists, ranges and `/` steps; months take JAN..DEC and days of week 1..7 or SUN..SAT
 * (1 = Sunday); exactly one of the two day fields is `?`; day-of-month may be `L`, the month's last
 * day. `W`, `#` and `L` in day-of-week are valid AWS cron but are rejected here, because the RPO the
 * DR report derives from the schedule could not be computed.
 */

/** The fields of a schedule this module can evaluate. */
export interface CronSchedule {
    /** Sorted minutes past the hour, 0..59. */
    readonly minutes: readonly number[];
    /** Sorted hours, 0..23. */
    readonly hours: readonly number[];
    /** Days of the month 1..31 and whether the month's last day fires (`L`); undefined for `*` or `?`. */
    readonly daysOfMonth?: { readonly days: ReadonlySet<number>; readonly last: boolean };
    /** Months 1..12. */
    readonly months: ReadonlySet<number>;
    /** Days of week 1..7 (1 = Sunday); undefined for `*` or `?`. */
    readonly daysOfWeek?: ReadonlySet<number>;
}

/** A span of whole UTC years over which fire times are enumerated. */
export interface ScheduleWindow {
    readonly fromYear: number;
    readonly years: number;
}

/**
 * The span `parseBackupSchedule` searches by default. Which weekday a date falls on and whether
 * February has 29 days repeat every 28 years between 1901 and 2099, so 28 years hold every calendar
 * a schedule can meet; 4 more years let the longest gap that can cross the cycle's end (Feb 29 to
 * Feb 29) be seen too. The worst case is therefore the worst case of every year this century.
 */
export const SCHEDULE_REFERENCE_WINDOW: ScheduleWindow = { fromYear: 2001, years: 32 };

/** AWS Backup runs snapshot jobs at most once an hour. */
export const MIN_SCHEDULE_INTERVAL_MINUTES = 60;

export const AWS_CRON_FORM = "AWS's 6-field cron form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 5 ? * * *)";

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MINUTES_PER_DAY = 1440;

interface FieldRule {
    readonly label: string;
    readonly min: number;
    readonly max: number;
    /** Names for min, min+1, ... */
    readonly names?: readonly string[];
}

const FIELDS = {
    minutes: { label: "minutes", min: 0, max: 59 },
    hours: { label: "hours", min: 0, max: 23 },
    dayOfMonth: { label: "day-of-month", min: 1, max: 31 },
    month: { label: "month", min: 1, max: 12, names: MONTH_NAMES },
    dayOfWeek: { label: "day-of-week", min: 1, max: 7, names: DAY_NAMES },
} as const satisfies Record<string, FieldRule>;

class CronProblem extends Error {}

function fieldProblem(rule: FieldRule, item: string): CronProblem {
    const named = rule.names ? ` or ${rule.names[0]}..${rule.names[rule.names.length - 1]}` : "";
    return new CronProblem(
        `${AWS_CRON_FORM}; its ${rule.label} field takes *, values ${rule.min}..${rule.max}${named}, lists, ranges and /steps, not ${JSON.stringify(item)}`,
    );
}

function valueOf(text: string, rule: FieldRule): number | undefined {
    const byName = rule.names?.indexOf(text.toUpperCase()) ?? -1;
    if (byName >= 0) return rule.min + byName;
    if (!/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n >= rule.min && n <= rule.max ? n : undefined;
}

/** One field's values: `*`, `a`, `a-b`, `a/n`, `a-b/n`, `*\/n`, comma-separated. */
function parseValues(text: string, rule: FieldRule): Set<number> {
    const values = new Set<number>();
    for (const item of text.split(",")) {
        const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(item);
        if (!m) throw fieldProblem(rule, item);
        const [, from, to, stepText] = m;
        const low = from === "*" ? rule.min : valueOf(from, rule);
        // `a/n` runs from a to the field's maximum; a plain `a` is just a.
        const high = from === "*" ? rule.max : to !== undefined ? valueOf(to, rule) : stepText !== undefined ? rule.max : low;
        const step = stepText === undefined ? 1 : Number(stepText);
        if (low === undefined || high === undefined || low > high || step < 1 || (from === "*" && to !== undefined)) throw fieldProblem(rule, item);
        for (let v = low; v <= high; v += step) values.add(v);
    }
    return values;
}

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

/** Parses an AWS Backup cron expression; throws a CronProblem whose message follows "must be". */
function parseCron(expression: string): CronSchedule {
    const m = /^cron\((.*)\)$/.exec(expression.trim());
    if (!m) throw new CronProblem(AWS_CRON_FORM);
    const fields = m[1].trim().split(/\s+/).filter((f) => f.length > 0);
    if (fields.length !== 6) throw new CronProblem(`${AWS_CRON_FORM}, not ${fields.length} fields`);
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;

    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
        throw new CronProblem(`${AWS_CRON_FORM}, with ? in exactly one of day-of-month and day-of-week`);
    }
    if (year !== "*") throw new CronProblem(`${AWS_CRON_FORM}, with * as its year, so that backups never stop`);
    const domItems = dayOfMonth.split(",");
    if (domItems.some((i) => /[WL]/i.test(i) && i.toUpperCase() !== "L") || dayOfWeek.split(",").some((i) => /#|^\d*L$/i.test(i))) {
        throw new CronProblem(`${AWS_CRON_FORM}, without W in day-of-month or # and L in day-of-week, which the RPO model cannot evaluate`);
    }

    let daysOfMonth: CronSchedule["daysOfMonth"];
    if (dayOfMonth !== "?" && dayOfMonth !== "*") {
        const last = domItems.some((i) => i.toUpperCase() === "L");
        const rest = domItems.filter((i) => i.toUpperCase() !== "L");
        daysOfMonth = { days: rest.length > 0 ? parseValues(rest.join(","), FIELDS.dayOfMonth) : new Set(), last };
    }
    const daysOfWeek = dayOfWeek !== "?" && dayOfWeek !== "*" ? parseValues(dayOfWeek, FIELDS.dayOfWeek) : undefined;
    return {
        minutes: sorted(parseValues(minutes, FIELDS.minutes)),
        hours: sorted(parseValues(hours, FIELDS.hours)),
        daysOfMonth,
        months: parseValues(month, FIELDS.month),
        daysOfWeek,
    };
}

interface Gaps {
    readonly fires: number;
    /** Longest interval between consecutive fire times, in minutes; Infinity with fewer than 2 fires. */
    readonly longest: number;
    /** Shortest interval, in minutes; Infinity with fewer than 2 fires. */
    readonly shortest: number;
}

/**
 * Gaps between consecutive fire times within the window. The time-of-day fields do not depend on
 * the day, so the walk is per day: the gaps inside a firing day are the same every day, and the gap
 * into a firing day runs from the previous firing day's last time to this day's first.
 */
function gapsWithin(schedule: CronSchedule, window: ScheduleWindow): Gaps {
    const times = schedule.hours.flatMap((h) => schedule.minutes.map((m) => h * 60 + m));
    const first = times[0];
    const last = times[times.length - 1];
    const inDay = times.slice(1).map((t, i) => t - times[i]);
    let fires = 0;
    let longest = -Infinity;
    let shortest = Infinity;
    let previous = -1;
    const firstWeekday = new Date(Date.UTC(window.fromYear, 0, 1)).getUTCDay();
    const dom = schedule.daysOfMonth;
    const dow = schedule.daysOfWeek;
    let dayIndex = 0;
    for (let year = window.fromYear; year < window.fromYear + window.years; year++) {
        for (let month = 1; month <= 12; month++) {
            const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
            const monthStart = dayIndex;
            dayIndex += length;
            if (!schedule.months.has(month)) continue;
            for (let date = 1; date <= length; date++) {
                const i = monthStart + date - 1;
                if (dom && !dom.days.has(date) && !(dom.last && date === length)) continue;
                if (dow && !dow.has(((firstWeekday + i) % 7) + 1)) continue;
                if (previous >= 0) {
                    const gap = (i - previous) * MINUTES_PER_DAY + first - last;
                    longest = Math.max(longest, gap);
                    shortest = Math.min(shortest, gap);
                }
                if (fires === 0 && inDay.length > 0) {
                    longest = Math.max(longest, ...inDay);
                    shortest = Math.min(shortest, ...inDay);
                }
                fires += times.length;
                previous = i;
            }
        }
    }
    return { fires, longest: fires < 2 ? Infinity : longest, shortest };
}

/**
 * What is wrong with an AWS Backup schedule, phrased to follow "must be", or undefined when it is a
 * valid 6-field AWS cron this library can evaluate, that fires, and at most once an hour.
 */
export function validateBackupSchedule(cron: string): string | undefined {
    if (typeof cron !== "string") return AWS_CRON_FORM;
    try {
        const gaps = gapsWithin(parseCron(cron), SCHEDULE_REFERENCE_WINDOW);
        if (gaps.fires === 0) return `${AWS_CRON_FORM}, for dates that exist (this one never fires)`;
        if (gaps.shortest < MIN_SCHEDULE_INTERVAL_MINUTES) {
            return `a schedule that fires at most once an hour, AWS Backup's limit (this one fires ${gaps.shortest} minutes apart)`;
        }
        return undefined;
    } catch (e) {
        if (e instanceof CronProblem) return e.message;
        throw e;
    }
}

/**
 * The longest interval, in minutes, between two consecutive runs of an AWS Backup cron schedule:
 * the schedule's share of the RPO. It is the worst case over `window` (default: every calendar of
 * 1901..2099, see SCHEDULE_REFERENCE_WINDOW), not the average; e.g. `cron(0 5 31 * ? *)` gives
 * 61 days (Mar 31 to May 31) and `cron(0 5 29 2 ? *)` four years. Infinity when the window holds
 * fewer than two runs.
 * Throws when the schedule is invalid, with the text of `validateBackupSchedule`.
 */
export function parseBackupSchedule(cron: string, window: ScheduleWindow = SCHEDULE_REFERENCE_WINDOW): number {
    const problem = validateBackupSchedule(cron);
    if (problem) throw new Error(`schedule ${JSON.stringify(cron)} must be ${problem}`);
    return gapsWithin(parseCron(cron), window).longest;
}

/** True for an IANA time zone this runtime knows, e.g. `Europe/Paris` or `UTC`. */
export function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

function utcOffsetMinutes(zone: string, at: Date): number {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * How far a daylight-saving change in `zone` can stretch the interval between two runs, in minutes:
 * a schedule read in local time runs an hour later (usually) on the day clocks go back. 0 for UTC
 * and for zones without daylight saving.
 */
export function daylightSavingShiftMinutes(zone: string | undefined): number {
    if (zone === undefined) return 0;
    const offsets = Array.from({ length: 12 }, (_, month) => utcOffsetMinutes(zone, new Date(Date.UTC(2025, month, 1, 12))));
    return Math.max(...offsets) - Math.min(...offsets);
}
