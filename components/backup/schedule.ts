/**
 * AWS cron for AWS Backup schedules: parsing, validation, the run times over the calendar (in UTC or
 * a time zone), and the worst-case interval between two runs. Pure; no Pulumi.
 *
 * AWS Backup takes EventBridge's cron grammar
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
 * `cron(minutes hours day-of-month month day-of-week year)`. Fields take `*`, lists, ranges and `/`
 * steps; months take JAN..DEC and days of week 1..7 or SUN..SAT (1 = Sunday); exactly one of the
 * two day fields is `?`. Day-of-month also takes `L` (the month's last day), `nW` (the weekday
 * nearest day n, within the month) and `LW` (the month's last weekday); day-of-week takes `L` (the
 * week's last day, Saturday), `nL` (the month's last day n) and `n#k` (the k-th day n of the month,
 * alone in its field). Every form is evaluated over the calendar, none refused.
 */

/** Which days of the month fire. */
type DayOfMonthRule =
    | { readonly kind: "any" }
    | { readonly kind: "dates"; readonly days: ReadonlySet<number>; readonly last: boolean }
    /** The weekday (Mon..Fri) nearest `day`, never crossing into another month; `day` 0: the last weekday. */
    | { readonly kind: "nearestWeekday"; readonly day: number };

/** Which days of the week fire (1 = Sunday). */
type DayOfWeekRule =
    | { readonly kind: "any" }
    | { readonly kind: "weekdays"; readonly days: ReadonlySet<number> }
    | { readonly kind: "lastOfMonth"; readonly day: number }
    | { readonly kind: "nthOfMonth"; readonly day: number; readonly nth: number };

/** A parsed schedule. */
export interface CronSchedule {
    /** Sorted minutes past the hour, 0..59. */
    readonly minutes: readonly number[];
    /** Sorted hours, 0..23. */
    readonly hours: readonly number[];
    readonly daysOfMonth: DayOfMonthRule;
    /** Months 1..12. */
    readonly months: ReadonlySet<number>;
    readonly daysOfWeek: DayOfWeekRule;
}

/** A span of whole UTC years over which run times are enumerated. */
export interface ScheduleWindow {
    readonly fromYear: number;
    readonly years: number;
}

/**
 * The span searched by default. Which weekday a date falls on and whether February has 29 days
 * repeat every 28 years between 1901 and 2099, so 28 years hold every calendar a schedule can meet;
 * 4 more years let the longest gap that can cross the cycle's end (Feb 29 to Feb 29) be seen too.
 */
export const SCHEDULE_REFERENCE_WINDOW: ScheduleWindow = { fromYear: 2001, years: 32 };

/** AWS Backup runs snapshot jobs at most once an hour. */
export const MIN_SCHEDULE_INTERVAL_MINUTES = 60;

export const AWS_CRON_FORM =
    "AWS's 6-field cron form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 5 ? * * *)";

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;
const SATURDAY = 7;
const SUNDAY = 1;

interface FieldRule {
    readonly label: string;
    readonly min: number;
    readonly max: number;
    /** Names for min, min+1, ... */
    readonly names?: readonly string[];
    /** The special forms the field takes besides values, lists, ranges and steps. */
    readonly special?: string;
}

const FIELDS = {
    minutes: { label: "minutes", min: 0, max: 59 },
    hours: { label: "hours", min: 0, max: 23 },
    dayOfMonth: { label: "day-of-month", min: 1, max: 31, special: ", L, nW or LW" },
    month: { label: "month", min: 1, max: 12, names: MONTH_NAMES },
    dayOfWeek: { label: "day-of-week", min: 1, max: 7, names: DAY_NAMES, special: ", L, nL or n#k alone" },
} as const satisfies Record<string, FieldRule>;

class CronProblem extends Error {}

function fieldProblem(rule: FieldRule, item: string): CronProblem {
    const named = rule.names ? ` or ${rule.names[0]}..${rule.names[rule.names.length - 1]}` : "";
    return new CronProblem(
        `${AWS_CRON_FORM}; its ${rule.label} field takes *, values ${rule.min}..${rule.max}${named}, lists, ranges and /steps${rule.special ?? ""}, not ${JSON.stringify(item)}`,
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
        const high =
            from === "*" ? rule.max : to !== undefined ? valueOf(to, rule) : stepText !== undefined ? rule.max : low;
        const step = stepText === undefined ? 1 : Number(stepText);
        if (low === undefined || high === undefined || low > high || step < 1 || (from === "*" && to !== undefined))
            throw fieldProblem(rule, item);
        for (let v = low; v <= high; v += step) values.add(v);
    }
    return values;
}

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

function parseDayOfMonth(text: string): DayOfMonthRule {
    if (text === "?" || text === "*") return { kind: "any" };
    const upper = text.toUpperCase();
    if (upper === "LW") return { kind: "nearestWeekday", day: 0 };
    const weekday = /^(\d+)W$/.exec(upper);
    if (weekday) {
        const day = valueOf(weekday[1], FIELDS.dayOfMonth);
        if (day === undefined) throw fieldProblem(FIELDS.dayOfMonth, text);
        return { kind: "nearestWeekday", day };
    }
    const items = upper.split(",");
    if (items.some((i) => /W/.test(i))) throw fieldProblem(FIELDS.dayOfMonth, text);
    const rest = items.filter((i) => i !== "L");
    return {
        kind: "dates",
        days: rest.length > 0 ? parseValues(rest.join(","), FIELDS.dayOfMonth) : new Set(),
        last: rest.length < items.length,
    };
}

function parseDayOfWeek(text: string): DayOfWeekRule {
    if (text === "?" || text === "*") return { kind: "any" };
    const upper = text.toUpperCase();
    // "L" alone is the week's last day; "nL" the month's last day n.
    if (upper === "L") return { kind: "weekdays", days: new Set([SATURDAY]) };
    const last = /^([A-Z0-9]+)L$/.exec(upper);
    if (last) {
        const day = valueOf(last[1], FIELDS.dayOfWeek);
        if (day === undefined) throw fieldProblem(FIELDS.dayOfWeek, text);
        return { kind: "lastOfMonth", day };
    }
    // EventBridge: with #, the field holds one expression ("3#1,6#3" is invalid).
    const nth = /^([A-Z0-9]+)#([1-5])$/.exec(upper);
    if (nth) {
        const day = valueOf(nth[1], FIELDS.dayOfWeek);
        if (day === undefined) throw fieldProblem(FIELDS.dayOfWeek, text);
        return { kind: "nthOfMonth", day, nth: Number(nth[2]) };
    }
    if (/[#L]/.test(upper)) throw fieldProblem(FIELDS.dayOfWeek, text);
    return { kind: "weekdays", days: parseValues(text, FIELDS.dayOfWeek) };
}

/** Parses an AWS Backup cron expression; throws a CronProblem whose message follows "must be". */
export function parseCron(expression: string): CronSchedule {
    const m = /^cron\((.*)\)$/.exec(expression.trim());
    if (!m) throw new CronProblem(AWS_CRON_FORM);
    const fields = m[1]
        .trim()
        .split(/\s+/)
        .filter((f) => f.length > 0);
    if (fields.length !== 6) throw new CronProblem(`${AWS_CRON_FORM}, not ${fields.length} fields`);
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
        throw new CronProblem(`${AWS_CRON_FORM}, with ? in exactly one of day-of-month and day-of-week`);
    }
    if (year !== "*") throw new CronProblem(`${AWS_CRON_FORM}, with * as its year, so that backups never stop`);
    return {
        minutes: sorted(parseValues(minutes, FIELDS.minutes)),
        hours: sorted(parseValues(hours, FIELDS.hours)),
        daysOfMonth: parseDayOfMonth(dayOfMonth),
        months: parseValues(month, FIELDS.month),
        daysOfWeek: parseDayOfWeek(dayOfWeek),
    };
}

/** The weekday (Mon..Fri) nearest `day` in a month of `length` days whose first day is `firstWeekday`. */
function nearestWeekday(day: number, length: number, firstWeekday: number): number | undefined {
    if (day > length) return undefined;
    const weekday = ((firstWeekday - 1 + day - 1) % 7) + 1;
    if (weekday === SATURDAY) return day === 1 ? day + 2 : day - 1;
    if (weekday === SUNDAY) return day === length ? day - 2 : day + 1;
    return day;
}

/** Whether the schedule fires on a date; `weekday` 1..7 (1 = Sunday), `firstWeekday` that of the 1st. */
function firesOn(s: CronSchedule, date: number, length: number, weekday: number, firstWeekday: number): boolean {
    const dom = s.daysOfMonth;
    if (dom.kind === "dates" && !dom.days.has(date) && !(dom.last && date === length)) return false;
    if (dom.kind === "nearestWeekday") {
        const target =
            dom.day === 0
                ? nearestWeekday(length, length, firstWeekday)
                : nearestWeekday(dom.day, length, firstWeekday);
        if (date !== target) return false;
    }
    const dow = s.daysOfWeek;
    if (dow.kind === "weekdays") return dow.days.has(weekday);
    if (dow.kind === "lastOfMonth") return weekday === dow.day && date + 7 > length;
    if (dow.kind === "nthOfMonth") return weekday === dow.day && Math.ceil(date / 7) === dow.nth;
    return true;
}

/** The days (as days since 1970-01-01) on which the schedule fires within the window. */
function firingDays(s: CronSchedule, window: ScheduleWindow): number[] {
    const days: number[] = [];
    for (let year = window.fromYear; year < window.fromYear + window.years; year++) {
        for (let month = 1; month <= 12; month++) {
            if (!s.months.has(month)) continue;
            const first = Date.UTC(year, month - 1, 1) / MS_PER_DAY;
            const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
            const firstWeekday = new Date(first * MS_PER_DAY).getUTCDay() + 1;
            for (let date = 1; date <= length; date++) {
                const weekday = ((firstWeekday - 1 + date - 1) % 7) + 1;
                if (firesOn(s, date, length, weekday, firstWeekday)) days.push(first + date - 1);
            }
        }
    }
    return days;
}

const timesOfDay = (s: CronSchedule) => s.hours.flatMap((h) => s.minutes.map((m) => h * 60 + m));

// ---- time zones ---------------------------------------------------------------------------------

/** True for an IANA time zone this runtime knows, e.g. `Europe/Paris` or `UTC`. */
export function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (east positive). */
function utcOffsetMinutes(zone: string, atMs: number): number {
    let format = formatters.get(zone);
    if (!format) {
        format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
        formatters.set(zone, format);
    }
    const name = format.formatToParts(atMs).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** A zone's offsets over a span: `from[i]` is when `offset[i]` (minutes) starts. */
interface ZoneOffsets {
    readonly from: readonly number[];
    readonly offset: readonly number[];
}

const zoneCache = new Map<string, ZoneOffsets>();

/** Every offset change of a zone between two instants, found by sampling weekly and bisecting to the minute. */
function zoneOffsets(zone: string, fromMs: number, toMs: number): ZoneOffsets {
    const key = `${zone}@${fromMs}@${toMs}`;
    const cached = zoneCache.get(key);
    if (cached) return cached;
    const from = [fromMs];
    const offset = [utcOffsetMinutes(zone, fromMs)];
    const week = 7 * MS_PER_DAY;
    for (let t = fromMs + week; t < toMs + week; t += week) {
        const current = offset[offset.length - 1];
        if (utcOffsetMinutes(zone, t) === current) continue;
        let low = Math.max(t - week, from[from.length - 1]);
        let high = t;
        while (high - low > MS_PER_MINUTE) {
            const mid = low + Math.floor((high - low) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
            if (utcOffsetMinutes(zone, mid) === current) low = mid;
            else high = mid;
        }
        from.push(high);
        offset.push(utcOffsetMinutes(zone, high));
        t = high;
    }
    const result = { from, offset };
    zoneCache.set(key, result);
    return result;
}

function offsetAt(zone: ZoneOffsets, atMs: number): number {
    let low = 0;
    let high = zone.from.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (zone.from[mid] <= atMs) low = mid;
        else high = mid - 1;
    }
    return zone.offset[low];
}

/**
 * The UTC instants a local wall-clock time stands for: none in a daylight-saving gap (spring
 * forward), two in a repeat (fall back), else one.
 */
function instantsOf(zone: ZoneOffsets, localMs: number): number[] {
    const candidates = new Set([
        offsetAt(zone, localMs - MS_PER_DAY),
        offsetAt(zone, localMs),
        offsetAt(zone, localMs + MS_PER_DAY),
    ]);
    return [...candidates]
        .map((offset) => localMs - offset * MS_PER_MINUTE)
        .filter((utc) => localMs - offsetAt(zone, utc) * MS_PER_MINUTE === utc)
        .sort((a, b) => a - b);
}

// ---- run times ----------------------------------------------------------------------------------

/**
 * A schedule's runs over a window, as UTC instants in ms, sorted. `lateBy[i]` is how much later run
 * i may start than `at[i]`: 0, except for a local time that a daylight-saving change repeats.
 */
export interface ScheduledRuns {
    readonly at: Float64Array;
    readonly lateBy: Float64Array;
}

/**
 * How a schedule read in a time zone (`scheduleExpressionTimezone`) meets daylight-saving changes.
 * AWS Backup documents none; EventBridge Scheduler's, which AWS documents, is taken: "When the time
 * shifts forward in Spring, your schedule invocation gets skipped if the cron expression falls on a
 * non-existent date and time. When the time shifts back in the Fall, your schedule runs only once"
 * (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst). So a run in the spring gap
 * is skipped, and a run in the autumn repeat runs once, at either instant: the model counts its
 * data from the first and its completion from the second, the worst of both.
 */
export const DAYLIGHT_SAVING_TREATMENT =
    "a run in a daylight-saving gap is skipped; a run at a repeated local time runs once, counted from the first instant and finished by the second's windows (EventBridge Scheduler's documented behaviour)";

/** The runs of a parsed schedule within the window, read in `zone` (default UTC). */
export function scheduledRuns(schedule: CronSchedule, window: ScheduleWindow, zone?: string): ScheduledRuns {
    const days = firingDays(schedule, window);
    const times = timesOfDay(schedule);
    const utc = zone === undefined || zone === "UTC" || zone === "Etc/UTC";
    const offsets = utc
        ? undefined
        : zoneOffsets(
              zone!,
              Date.UTC(window.fromYear, 0, 1) - 2 * MS_PER_DAY,
              Date.UTC(window.fromYear + window.years, 0, 1) + 2 * MS_PER_DAY,
          );
    // Filled in place (a run in a daylight-saving gap leaves its slot unused): a schedule can run
    // hundreds of thousands of times over the window.
    const at = new Float64Array(days.length * times.length);
    const lateBy = new Float64Array(days.length * times.length);
    let count = 0;
    // The offset period in force a day after the local time: local times only grow, so it only moves forward.
    let period = 0;
    for (const day of days) {
        for (const minute of times) {
            const local = day * MS_PER_DAY + minute * MS_PER_MINUTE;
            if (!offsets) {
                at[count++] = local;
                continue;
            }
            while (period + 1 < offsets.from.length && offsets.from[period + 1] <= local + MS_PER_DAY) period++;
            if (period === 0 || offsets.from[period] <= local - MS_PER_DAY) {
                // No offset change within a day either side, so the one offset (less than a day) gives the one instant.
                at[count++] = local - offsets.offset[period] * MS_PER_MINUTE;
                continue;
            }
            const instants = instantsOf(offsets, local);
            if (instants.length === 0) continue;
            at[count] = instants[0];
            lateBy[count++] = instants[instants.length - 1] - instants[0];
        }
    }
    return { at: at.subarray(0, count), lateBy: lateBy.subarray(0, count) };
}

interface Gaps {
    readonly fires: number;
    /** Longest interval between consecutive fire times, in minutes; Infinity with fewer than 2 fires. */
    readonly longest: number;
    /** Shortest interval, in minutes; Infinity with fewer than 2 fires. */
    readonly shortest: number;
}

/**
 * Gaps between consecutive runs within the window, in UTC. The time-of-day fields do not depend on
 * the day, so the walk is per firing day: the gaps inside a day are the same every day, and the gap
 * into a firing day runs from the previous firing day's last time to this day's first.
 */
function gapsWithin(schedule: CronSchedule, window: ScheduleWindow): Gaps {
    const times = timesOfDay(schedule);
    const inDay = times.slice(1).map((t, i) => t - times[i]);
    const days = firingDays(schedule, window);
    let longest = inDay.length > 0 && days.length > 0 ? Math.max(...inDay) : -Infinity;
    let shortest = inDay.length > 0 && days.length > 0 ? Math.min(...inDay) : Infinity;
    for (let i = 1; i < days.length; i++) {
        const gap = (days[i] - days[i - 1]) * MINUTES_PER_DAY + times[0] - times[times.length - 1];
        longest = Math.max(longest, gap);
        shortest = Math.min(shortest, gap);
    }
    const fires = days.length * times.length;
    return { fires, longest: fires < 2 ? Infinity : longest, shortest };
}

/**
 * What is wrong with an AWS Backup schedule, phrased to follow "must be", or undefined when it is a
 * valid 6-field AWS cron that fires, and at most once an hour.
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

/** Parses a schedule `validateBackupSchedule` accepts; throws its text otherwise. */
export function parseValidSchedule(cron: string): CronSchedule {
    const problem = validateBackupSchedule(cron);
    if (problem) throw new Error(`schedule ${JSON.stringify(cron)} must be ${problem}`);
    return parseCron(cron);
}

/**
 * The longest interval, in minutes, between two consecutive runs of an AWS Backup cron schedule,
 * read in `zone` (default UTC). It is the worst case over `window` (default: every calendar of
 * 1901..2099, see SCHEDULE_REFERENCE_WINDOW), not the average; e.g. `cron(0 5 31 * ? *)` gives
 * 61 days (Mar 31 to May 31) and `cron(0 5 29 2 ? *)` four years. In a zone with daylight saving,
 * a skipped or repeated run (DAYLIGHT_SAVING_TREATMENT) counts: the gap ends at a repeated run's
 * later instant. Infinity when the window holds fewer than two runs.
 * Throws when the schedule is invalid, with the text of `validateBackupSchedule`.
 */
export function parseBackupSchedule(
    cron: string,
    window: ScheduleWindow = SCHEDULE_REFERENCE_WINDOW,
    zone?: string,
): number {
    const schedule = parseValidSchedule(cron);
    if (zone === undefined) return gapsWithin(schedule, window).longest;
    const { at, lateBy } = scheduledRuns(schedule, window, zone);
    let longest = -Infinity;
    for (let i = 1; i < at.length; i++) longest = Math.max(longest, (at[i] + lateBy[i] - at[i - 1]) / MS_PER_MINUTE);
    return at.length < 2 ? Infinity : longest;
}
