/**
 * The recovery points an AWS Backup plan keeps in one region, over the calendar: which job runs at
 * each scheduled time (overlapping rules), when its recovery point (or its copy) is there to restore,
 * and when it expires. Pure; no Pulumi. The DR report reads its worst case off it, and a simulation
 * can ask it, for any instant, which recovery point is the newest in a region.
 *
 * AWS's behaviour it follows:
 * - Overlapping rules: "If you have a backup plan with multiple rules and the time frames of the two
 *   rules overlap, AWS Backup optimizes the backup and takes a backup for the rule with the longer
 *   retention time. The optimization takes into account the full start window." A copy action of the
 *   rule whose job did not run does not run either
 *   (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html).
 *   A job's time frame here is its start window, [scheduled, scheduled + startWindow). AWS does not say
 *   which rule runs when retentions are equal: the model takes the one whose point reaches the region
 *   asked about last (or never), the worst case for that region.
 * - Windows: a job may start up to `startWindowMinutes` after its scheduled time and must finish
 *   `completionWindowMinutes` after it started (API BackupRule,
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html). Its data is no older
 *   than the scheduled time, and it is there at the latest start + completion after it.
 * - One job per resource at a time: "Concurrent backup and copy jobs per resource: 1, not adjustable"
 *   (https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html); further requests
 *   "are queued and will start only after the existing backup job is completed. If the backup job is
 *   not started or completed within the backup window, the request fails"
 *   (https://docs.aws.amazon.com/timestream/latest/developerguide/backups-limits.html), and a job that
 *   has not started when its start window ends expires (API BackupRule, below). Every rule of a plan
 *   backs up the same resources, so its jobs share one queue: a job cannot start before the previous
 *   one that ran, and (conservatively) its copy jobs one after another, has finished in the timing
 *   asked for; a job that cannot start within its start window is dropped, with no point and no copy.
 * - Copies: a copy lands after the copy time, a named assumption (AWS publishes no bound; "When you
 *   copy a backup to a new AWS Region for the first time, AWS Backup copies the backup in full",
 *   later copies are incremental, https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html).
 *   "The expiration date in the source and copy reference the creation date of source, not the date
 *   the copy was created" (https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html).
 * - Retention: a point is deleted `deleteAfterDays` after creation, counted here from the scheduled
 *   time (the earliest creation), so the earliest deletion; cold storage starts `coldStorageAfterDays`
 *   after creation (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html).
 */
import {
    parseValidSchedule,
    SCHEDULE_REFERENCE_WINDOW,
    scheduledRuns,
    ScheduledRuns,
    ScheduleWindow,
} from "./schedule";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** A copy action of a rule, as the calendar needs it. */
export interface CalendarCopy {
    readonly region: string;
    /** Days after the source point's creation that the copy is deleted; undefined: never. */
    readonly deleteAfterDays?: number;
    /** Days after the source point's creation that the copy moves to cold storage; undefined: never. */
    readonly coldStorageAfterDays?: number;
    /** Time for the copy to land after the source point exists (a named assumption), in minutes. */
    readonly copyMinutes: number;
}

/** A backup rule, as the calendar needs it. */
export interface CalendarRule {
    readonly name: string;
    readonly schedule: string;
    /** IANA zone the schedule is read in; default UTC. */
    readonly scheduleTimezone?: string;
    readonly startWindowMinutes: number;
    readonly completionWindowMinutes: number;
    /** Days after creation that a point is deleted; undefined: never. Decides which of two overlapping rules runs. */
    readonly deleteAfterDays?: number;
    readonly coldStorageAfterDays?: number;
    readonly copies: readonly CalendarCopy[];
}

export interface BackupCalendarInput {
    /** The region of the vault the rules back up into. */
    readonly sourceRegion: string;
    readonly rules: readonly CalendarRule[];
}

/** How long jobs and copies take: "worst" at their windows and declared copy time, or "typical". */
export interface CalendarTiming {
    readonly kind: "worst" | "typical";
    /** typical: how long a job runs and a copy takes, each at most its worst case. */
    readonly typicalMinutes?: number;
}

export interface BackupCalendarOptions {
    /** The region whose recovery points count: the source region or a copy's. */
    readonly region: string;
    /** Years whose instants are judged; runs are enumerated from 5 years earlier, so the points before the window are there. */
    readonly window?: ScheduleWindow;
    readonly timing?: CalendarTiming;
}

/** A recovery point in the region asked about. Times are UTC ms. */
export interface RecoveryPoint {
    readonly rule: string;
    /** The scheduled time of its job: its data is no older. */
    readonly scheduledAt: number;
    /** When it can be restored in the region, at the latest. */
    readonly availableAt: number;
    /** When it moves to cold storage; undefined: never. */
    readonly coldAt?: number;
    /** When it is deleted, at the earliest; Infinity: never. */
    readonly expiresAt: number;
    /** True for a copy from the source region. */
    readonly copy: boolean;
}

/**
 * A scheduled job that did not run: "overlap" when another rule's job overlapped its start window and
 * AWS Backup ran that one only; "busy" when the job (or copy) before it still held the resource at the
 * end of its start window.
 */
export interface DisplacedJob {
    readonly rule: string;
    readonly scheduledAt: number;
    readonly by: string;
    readonly byScheduledAt: number;
    readonly reason: "overlap" | "busy";
}

/** The worst data loss the calendar holds, and where. */
export interface WorstLoss {
    /** ms; Infinity when some instant has no recovery point at all. */
    readonly lossMs: number;
    /** The instant just before which the loss peaks (for Infinity: the first instant without a point). */
    readonly at: number;
    /** The newest point then; undefined when there is none. */
    readonly newest?: RecoveryPoint;
    /** The point whose arrival ends the peak, when one does. */
    readonly arriving?: RecoveryPoint;
    /** The newest point's rule's jobs between `newest` and `arriving` that other rules displaced. */
    readonly displaced: readonly DisplacedJob[];
    /** The first instant at which the newest restorable point is in cold storage, if one is. */
    readonly coldFrom?: number;
}

export interface BackupCalendar {
    readonly region: string;
    /** The instants judged, [from, to) in UTC ms. */
    readonly from: number;
    readonly to: number;
    /** The newest recovery point restorable in the region at instant t (ms), or undefined. */
    newestAt(t: number): RecoveryPoint | undefined;
    /** The jobs that did not run within the window: displaced by overlapping rules or by a busy resource. */
    readonly displaced: readonly DisplacedJob[];
    /** The worst loss over the window: sup over t of t − newestAt(t).scheduledAt. */
    worstLoss(): WorstLoss;
}

/** One rule's points in the region: the times of its jobs that ran, and the offsets that apply to all. */
interface RulePoints {
    readonly rule: CalendarRule;
    readonly ran: Float64Array;
    readonly lateBy: Float64Array;
    /** ms from the scheduled time until the point is restorable in the region; Infinity when it never lands there. */
    readonly availableAfter: number;
    readonly expiresAfter: number;
    readonly coldAfter?: number;
    readonly copy: boolean;
}

const days = (n: number | undefined) => (n === undefined ? Infinity : n * MS_PER_DAY);

function lowerBound(values: Float64Array, target: number): number {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const mid = (low + high) >> 1;
        if (values[mid] < target) low = mid + 1;
        else high = mid;
    }
    return low;
}

/** Where a rule's points land in `region`, and how long they last there. */
function placement(rule: CalendarRule, input: BackupCalendarInput, options: BackupCalendarOptions) {
    const typical = options.timing?.kind === "typical" ? (options.timing.typicalMinutes ?? 60) : undefined;
    const start = typical === undefined ? rule.startWindowMinutes : 0;
    const completion =
        typical === undefined ? rule.completionWindowMinutes : Math.min(typical, rule.completionWindowMinutes);
    const made = (start + completion) * MS_PER_MINUTE;
    // How long the job and its copy jobs, one after another, hold the resource after it starts.
    const copying = rule.copies.reduce(
        (total, c) => total + (typical === undefined ? c.copyMinutes : Math.min(typical, c.copyMinutes)),
        0,
    );
    const holds = { startAfter: start * MS_PER_MINUTE, holdsFor: (completion + copying) * MS_PER_MINUTE };
    if (options.region === input.sourceRegion) {
        return {
            ...holds,
            availableAfter: made,
            expiresAfter: days(rule.deleteAfterDays),
            coldAfter: rule.coldStorageAfterDays === undefined ? undefined : days(rule.coldStorageAfterDays),
            copy: false,
        };
    }
    const copy = rule.copies.find((c) => c.region === options.region);
    if (!copy) return { ...holds, availableAfter: Infinity, expiresAfter: Infinity, coldAfter: undefined, copy: true };
    const copyMinutes = typical === undefined ? copy.copyMinutes : Math.min(typical, copy.copyMinutes);
    return {
        ...holds,
        availableAfter: made + copyMinutes * MS_PER_MINUTE,
        expiresAfter: days(copy.deleteAfterDays),
        coldAfter: copy.coldStorageAfterDays === undefined ? undefined : days(copy.coldStorageAfterDays),
        copy: true,
    };
}

/**
 * Whether rule `a`'s job runs rather than rule `b`'s when their start windows overlap: the longer
 * retention runs; on a tie, the one whose point reaches the region later (never, if it has no copy
 * there), then the one listed first.
 */
function outranks(
    a: { index: number; retention: number; availableAfter: number },
    b: { index: number; retention: number; availableAfter: number },
): boolean {
    if (a.retention !== b.retention) return a.retention > b.retention;
    if (a.availableAfter !== b.availableAfter) return a.availableAfter > b.availableAfter;
    return a.index < b.index;
}

/** A rule's jobs that overlapping rules left, before the resource queue. */
interface KeptJobs {
    readonly rule: CalendarRule;
    readonly ran: readonly number[];
    readonly lateBy: readonly number[];
    /** ms after its scheduled time (and daylight-saving delay) that a job starts in the timing asked for. */
    readonly startAfter: number;
    /** ms a job and its copies hold the resource once started. */
    readonly holdsFor: number;
}

/**
 * The resource queue: jobs run one at a time in scheduled order. A job starts at its own start time,
 * or when the resource is free if that is later; a job the resource is not free for before its start
 * window ends is dropped (recorded in `displaced`). Its lateBy grows
 * by the wait, so a point is never restorable before the job could start.
 */
function queue(rules: readonly KeptJobs[], displaced: DisplacedJob[]): { ran: Float64Array; lateBy: Float64Array }[] {
    const jobs: { rule: number; at: number; lateBy: number }[] = [];
    rules.forEach((r, rule) => r.ran.forEach((at, i) => jobs.push({ rule, at, lateBy: r.lateBy[i] })));
    jobs.sort((a, b) => a.at + a.lateBy - (b.at + b.lateBy) || a.rule - b.rule);
    const ran = rules.map(() => [] as number[]);
    const lateBy = rules.map(() => [] as number[]);
    let freeAt = -Infinity;
    let holder: { rule: number; at: number } | undefined;
    for (const job of jobs) {
        const r = rules[job.rule];
        const due = job.at + job.lateBy;
        const startsAt = Math.max(due + r.startAfter, freeAt);
        if (startsAt > due + r.rule.startWindowMinutes * MS_PER_MINUTE) {
            if (holder) {
                displaced.push({
                    rule: r.rule.name,
                    scheduledAt: job.at,
                    by: rules[holder.rule].rule.name,
                    byScheduledAt: holder.at,
                    reason: "busy",
                });
            }
            continue;
        }
        ran[job.rule].push(job.at);
        lateBy[job.rule].push(startsAt - due - r.startAfter + job.lateBy);
        freeAt = startsAt + r.holdsFor;
        holder = job;
    }
    return rules.map((_, i) => ({ ran: Float64Array.from(ran[i]), lateBy: Float64Array.from(lateBy[i]) }));
}

/** The recovery points of a plan in one region over the calendar. Throws when a schedule is invalid. */
export function backupCalendar(input: BackupCalendarInput, options: BackupCalendarOptions): BackupCalendar {
    const window = options.window ?? SCHEDULE_REFERENCE_WINDOW;
    const lookbackYears = 5;
    const runsWindow = { fromYear: window.fromYear - lookbackYears, years: window.years + lookbackYears };
    const from = Date.UTC(window.fromYear, 0, 1);
    const to = Date.UTC(window.fromYear + window.years, 0, 1);

    const rules = input.rules.map((rule, index) => {
        const runs: ScheduledRuns = scheduledRuns(parseValidSchedule(rule.schedule), runsWindow, rule.scheduleTimezone);
        return { rule, index, runs, retention: days(rule.deleteAfterDays), ...placement(rule, input, options) };
    });

    // Which scheduled jobs run: a job is displaced when another rule that outranks it has a job
    // whose start window overlaps its own; then the ones left queue for the resource.
    // Every job that did not run, the lookback years included: a worst case at the window's start may rest on them.
    const displaced: DisplacedJob[] = [];
    const kept = rules.map((r) => {
        const rivals = rules.filter((q) => q !== r && outranks(q, r));
        const keep: number[] = [];
        const late: number[] = [];
        const frame = r.rule.startWindowMinutes * MS_PER_MINUTE;
        for (let i = 0; i < r.runs.at.length; i++) {
            const start = r.runs.at[i];
            const end = start + r.runs.lateBy[i] + frame;
            let by: DisplacedJob | undefined;
            for (const q of rivals) {
                const qFrame = q.rule.startWindowMinutes * MS_PER_MINUTE;
                // Any q job starting before `end` whose frame (at most qFrame + a daylight-saving hour) reaches past `start`.
                for (
                    let k = lowerBound(q.runs.at, start - qFrame - 2 * 3_600_000);
                    k < q.runs.at.length && q.runs.at[k] < end;
                    k++
                ) {
                    if (q.runs.at[k] + q.runs.lateBy[k] + qFrame > start) {
                        by = {
                            rule: r.rule.name,
                            scheduledAt: start,
                            by: q.rule.name,
                            byScheduledAt: q.runs.at[k],
                            reason: "overlap",
                        };
                        break;
                    }
                }
                if (by) break;
            }
            if (by) {
                displaced.push(by);
                continue;
            }
            keep.push(start);
            late.push(r.runs.lateBy[i]);
        }
        return { rule: r.rule, ran: keep, lateBy: late, startAfter: r.startAfter, holdsFor: r.holdsFor };
    });
    const queued = queue(kept, displaced);
    const points: RulePoints[] = rules.map((r, index) => ({
        rule: r.rule,
        ...queued[index],
        availableAfter: r.availableAfter,
        expiresAfter: r.expiresAfter,
        coldAfter: r.coldAfter,
        copy: r.copy,
    }));
    const landing = points.filter((p) => Number.isFinite(p.availableAfter));

    const pointOf = (p: RulePoints, i: number): RecoveryPoint => ({
        rule: p.rule.name,
        scheduledAt: p.ran[i],
        availableAt: p.ran[i] + p.lateBy[i] + p.availableAfter,
        coldAt: p.coldAfter === undefined ? undefined : p.ran[i] + p.coldAfter,
        expiresAt: p.ran[i] + p.expiresAfter,
        copy: p.copy,
    });

    /** The index of a rule's newest point restorable at t: availability is non-decreasing in the index. */
    function newestIndex(p: RulePoints, t: number): number {
        // Daylight-saving repeats delay a point by at most a few hours: search a little past, then step back.
        let i = lowerBound(p.ran, t - p.availableAfter + 1) - 1;
        while (i >= 0 && p.ran[i] + p.lateBy[i] + p.availableAfter > t) i--;
        while (i + 1 < p.ran.length && p.ran[i + 1] + p.lateBy[i + 1] + p.availableAfter <= t) i++;
        return i >= 0 && p.ran[i] + p.expiresAfter > t ? i : -1;
    }

    function newestAt(t: number): RecoveryPoint | undefined {
        findNewest(t);
        return newestRule < 0 ? undefined : pointOf(landing[newestRule], newestIndexOf);
    }

    // The newest point restorable at an instant, as left by `findNewest`: its rule's index in
    // `landing` (-1 when none), its index there and its scheduled time.
    let newestRule = -1;
    let newestIndexOf = -1;
    let newestAtMs = -Infinity;
    function findNewest(t: number): void {
        newestRule = -1;
        newestIndexOf = -1;
        newestAtMs = -Infinity;
        for (let r = 0; r < landing.length; r++) {
            const i = newestIndex(landing[r], t);
            if (i >= 0 && landing[r].ran[i] > newestAtMs) {
                newestRule = r;
                newestIndexOf = i;
                newestAtMs = landing[r].ran[i];
            }
        }
    }

    /**
     * The loss t − newest(t) grows between events and drops or jumps only at a point's arrival or
     * expiry, so its supremum is reached just before one of those events, or at the window's end.
     * One sweep in time order: each rule's restorable points are those arrived and not yet expired,
     * [expired, arrived) by index, since both arrivals and expiries follow the scheduled order.
     */
    function worstLoss(): WorstLoss {
        const count = landing.length;
        const arrived = new Int32Array(count);
        const expired = new Int32Array(count);
        const arrivalOf = (r: number, i: number) =>
            landing[r].ran[i] + landing[r].lateBy[i] + landing[r].availableAfter;
        const expiryOf = (r: number, i: number) => landing[r].ran[i] + landing[r].expiresAfter;
        let worst = {
            lossMs: -Infinity,
            at: from,
            newestRule: -1,
            newestIndex: -1,
            arrivingRule: -1,
            arrivingIndex: -1,
        };
        let firstWithout: number | undefined;
        let coldFrom: number | undefined;
        const newest = () => {
            let rule = -1;
            for (let r = 0; r < count; r++) {
                const i = arrived[r] - 1;
                if (i >= expired[r] && (rule < 0 || landing[r].ran[i] > landing[rule].ran[arrived[rule] - 1])) rule = r;
            }
            return rule;
        };
        for (;;) {
            let at = Infinity;
            let arrivingRule = -1;
            for (let r = 0; r < count; r++) {
                if (arrived[r] < landing[r].ran.length) {
                    const a = arrivalOf(r, arrived[r]);
                    if (a < at || (a === at && arrivingRule < 0)) [at, arrivingRule] = [a, r];
                }
                if (expired[r] < arrived[r] && expiryOf(r, expired[r]) < at)
                    [at, arrivingRule] = [expiryOf(r, expired[r]), -1];
            }
            const end = Math.min(at, to);
            if (end > from) {
                const rule = newest();
                const lossMs = rule < 0 ? Infinity : end - landing[rule].ran[arrived[rule] - 1];
                if (rule < 0 && firstWithout === undefined) firstWithout = from;
                const cold =
                    rule >= 0 &&
                    landing[rule].coldAfter !== undefined &&
                    landing[rule].ran[arrived[rule] - 1] + landing[rule].coldAfter! < end;
                if (cold && coldFrom === undefined)
                    coldFrom = Math.max(from, landing[rule].ran[arrived[rule] - 1] + landing[rule].coldAfter!);
                const arriving = at <= to ? arrivingRule : -1;
                if (
                    lossMs > worst.lossMs ||
                    (lossMs === worst.lossMs && Number.isFinite(lossMs) && worst.arrivingRule < 0 && arriving >= 0)
                ) {
                    worst = {
                        lossMs,
                        at: end,
                        newestRule: rule,
                        newestIndex: rule < 0 ? -1 : arrived[rule] - 1,
                        arrivingRule: arriving,
                        arrivingIndex: arriving < 0 ? -1 : arrived[arriving],
                    };
                }
            }
            if (at > to) break;
            for (let r = 0; r < count; r++) {
                while (arrived[r] < landing[r].ran.length && arrivalOf(r, arrived[r]) <= at) arrived[r]++;
                while (expired[r] < arrived[r] && expiryOf(r, expired[r]) <= at) expired[r]++;
            }
            if (at >= from && firstWithout === undefined && newest() < 0) firstWithout = at;
        }
        const newestPoint = worst.newestRule >= 0 ? pointOf(landing[worst.newestRule], worst.newestIndex) : undefined;
        const arriving =
            worst.arrivingRule >= 0 ? pointOf(landing[worst.arrivingRule], worst.arrivingIndex) : undefined;
        const at = worst.lossMs === Infinity ? (firstWithout ?? worst.at) : worst.at;
        const lo = newestPoint?.scheduledAt ?? at;
        const hi = arriving?.scheduledAt ?? at;
        return {
            lossMs: worst.lossMs,
            at,
            newest: newestPoint,
            arriving,
            displaced: displaced.filter((d) => d.scheduledAt > lo && d.scheduledAt <= hi),
            coldFrom,
        };
    }

    const inWindow = displaced.filter((d) => d.scheduledAt >= from && d.scheduledAt < to);
    return { region: options.region, from, to, newestAt, displaced: inWindow, worstLoss };
}
