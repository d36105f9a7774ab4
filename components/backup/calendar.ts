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

/** When each of a rule's points lands in the region. */
function arrivalTimes(p: RulePoints): Float64Array {
    const times = new Float64Array(p.ran.length);
    for (let i = 0; i < times.length; i++) times[i] = p.ran[i] + p.lateBy[i] + p.availableAfter;
    return times;
}

/** When each of a rule's points is deleted in the region. */
function expiryTimes(p: RulePoints): Float64Array {
    const times = new Float64Array(p.ran.length);
    for (let i = 0; i < times.length; i++) times[i] = p.ran[i] + p.expiresAfter;
    return times;
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

/** Where a rule's points land in the region asked about, and how long its jobs hold the resource. */
interface Placement {
    /** ms after its scheduled time (and daylight-saving delay) that a job starts in the timing asked for. */
    readonly startAfter: number;
    /** ms a job and its copies hold the resource once started. */
    readonly holdsFor: number;
    readonly availableAfter: number;
    readonly expiresAfter: number;
    readonly coldAfter?: number;
    readonly copy: boolean;
}

/** A rule with its scheduled runs over the window and its lookback. */
interface ScheduledRule extends Placement {
    readonly rule: CalendarRule;
    readonly index: number;
    readonly runs: ScheduledRuns;
    /** ms its points are kept in the source region: decides which of two overlapping jobs runs. */
    readonly retention: number;
}

/** Where a rule's points land in `region`, and how long they last there. */
function placement(rule: CalendarRule, input: BackupCalendarInput, options: BackupCalendarOptions): Placement {
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

const DROP_REASONS: readonly DisplacedJob["reason"][] = ["overlap", "busy"];

/**
 * The jobs that did not run, kept as typed columns: a plan can drop hundreds of thousands, and a
 * report reads only the few around its worst case, so a job becomes a DisplacedJob only when asked for.
 */
class DroppedJobs {
    private readonly rule: Int32Array;
    private readonly scheduledAt: Float64Array;
    private readonly by: Int32Array;
    private readonly byScheduledAt: Float64Array;
    private readonly reason: Uint8Array;
    private count = 0;

    /**
     * `ruleNames[i]`: the name of the rule whose index is i; `capacity`: the plan's scheduled jobs, as a
     * job is dropped at most once.
     */
    constructor(
        private readonly ruleNames: readonly string[],
        capacity: number,
    ) {
        this.rule = new Int32Array(capacity);
        this.scheduledAt = new Float64Array(capacity);
        this.by = new Int32Array(capacity);
        this.byScheduledAt = new Float64Array(capacity);
        this.reason = new Uint8Array(capacity);
    }

    add(rule: number, scheduledAt: number, by: number, byScheduledAt: number, reason: DisplacedJob["reason"]): void {
        this.rule[this.count] = rule;
        this.scheduledAt[this.count] = scheduledAt;
        this.by[this.count] = by;
        this.byScheduledAt[this.count] = byScheduledAt;
        this.reason[this.count++] = DROP_REASONS.indexOf(reason);
    }

    /** The jobs whose scheduled time passes `test`, in the order they were dropped. */
    where(test: (scheduledAt: number) => boolean): DisplacedJob[] {
        const jobs: DisplacedJob[] = [];
        for (let i = 0; i < this.count; i++) {
            if (!test(this.scheduledAt[i])) continue;
            jobs.push({
                rule: this.ruleNames[this.rule[i]],
                scheduledAt: this.scheduledAt[i],
                by: this.ruleNames[this.by[i]],
                byScheduledAt: this.byScheduledAt[i],
                reason: DROP_REASONS[this.reason[i]],
            });
        }
        return jobs;
    }
}

/**
 * A rule's jobs that ran, in the order they ran, in typed arrays (a rule can have hundreds of
 * thousands): `ran[i]` a job's scheduled time, `lateBy[i]` how much later it started (a
 * daylight-saving repeat, then the wait for the resource).
 */
interface Jobs {
    readonly ran: Float64Array;
    readonly lateBy: Float64Array;
}

/** Jobs appended one at a time into arrays of a known largest size, with no object per job. */
function jobList(capacity: number) {
    const ran = new Float64Array(capacity);
    const lateBy = new Float64Array(capacity);
    let count = 0;
    return {
        push(at: number, late: number): void {
            ran[count] = at;
            lateBy[count++] = late;
        },
        jobs: (): Jobs => ({ ran: ran.subarray(0, count), lateBy: lateBy.subarray(0, count) }),
    };
}

/**
 * A search of a rival rule's jobs for one whose start window overlaps [start, end): the index of the
 * first, or -1. Both rules' runs are sorted (ScheduledRuns) and it is asked in that order, so the
 * rival's jobs that end too early are passed over once, not searched for each job.
 */
function overlapFinder(rival: ScheduledRule): (start: number, end: number) => number {
    const { at, lateBy } = rival.runs;
    const frame = rival.rule.startWindowMinutes * MS_PER_MINUTE;
    let first = 0;
    return (start, end) => {
        // A job's frame is at most `frame` plus a daylight-saving repeat: one starting earlier cannot reach `start`.
        while (first < at.length && at[first] < start - frame - 2 * 3_600_000) first++;
        for (let k = first; k < at.length && at[k] < end; k++) if (at[k] + lateBy[k] + frame > start) return k;
        return -1;
    };
}

/**
 * The indices of a rule's jobs that no job of a rival (a rule that outranks it) overlaps: where one
 * does, AWS Backup runs the rival's only, and the job goes to `displaced`.
 */
function withoutOverlaps(rule: ScheduledRule, rivals: readonly ScheduledRule[], displaced: DroppedJobs): Int32Array {
    const { at, lateBy } = rule.runs;
    const finders = rivals.map(overlapFinder);
    const frame = rule.rule.startWindowMinutes * MS_PER_MINUTE;
    const kept = new Int32Array(at.length);
    let count = 0;
    jobs: for (let i = 0; i < at.length; i++) {
        const end = at[i] + lateBy[i] + frame;
        for (let q = 0; q < rivals.length; q++) {
            const k = finders[q](at[i], end);
            if (k >= 0) {
                displaced.add(rule.index, at[i], rivals[q].index, rivals[q].runs.at[k], "overlap");
                continue jobs;
            }
        }
        kept[count++] = i;
    }
    return kept.subarray(0, count);
}

/**
 * Puts a rule's jobs (indices of its runs, in scheduled order) in the order they come due: scheduled
 * time plus daylight-saving delay. That is their own order, unless a daylight-saving repeat makes a
 * job due after the next one; then they are sorted, ties in their own order.
 */
function inDueOrder(runs: ScheduledRuns, jobs: Int32Array): Int32Array {
    const due = (i: number) => runs.at[i] + runs.lateBy[i];
    for (let k = 1; k < jobs.length; k++) {
        if (due(jobs[k]) < due(jobs[k - 1])) return jobs.sort((a, b) => due(a) - due(b) || a - b);
    }
    return jobs;
}

/** A rule's jobs that overlapping rules left, before the resource queue. */
interface KeptJobs extends Pick<Placement, "startAfter" | "holdsFor"> {
    readonly rule: CalendarRule;
    readonly runs: ScheduledRuns;
    /** The indices of the runs left, in the order they come due. */
    readonly dueOrder: Int32Array;
}

/** The rule whose next job comes due first (on a tie, the one listed first), or -1 when none is left. */
function nextDue(rules: readonly KeptJobs[], taken: Int32Array): number {
    let next = -1;
    let nextDueAt = Infinity;
    for (let r = 0; r < rules.length; r++) {
        const { runs, dueOrder } = rules[r];
        if (taken[r] === dueOrder.length) continue;
        const due = runs.at[dueOrder[taken[r]]] + runs.lateBy[dueOrder[taken[r]]];
        if (next < 0 || due < nextDueAt) {
            next = r;
            nextDueAt = due;
        }
    }
    return next;
}

/**
 * The resource queue: jobs run one at a time in the order they come due (the rules' jobs merged, a
 * tie to the rule listed first). A job starts at its own start time, or when the resource is free if
 * that is later; a job the resource is not free for before its start window ends is dropped
 * (recorded in `displaced`). Its lateBy grows by the wait, so a point is never restorable before the
 * job could start.
 */
function queue(rules: readonly KeptJobs[], displaced: DroppedJobs): Jobs[] {
    const taken = new Int32Array(rules.length);
    const ran = rules.map((r) => jobList(r.dueOrder.length));
    let freeAt = -Infinity;
    // The job that ran last, which holds the resource until `freeAt`.
    let holderRule = -1;
    let holderAt = 0;
    for (let rule = nextDue(rules, taken); rule >= 0; rule = nextDue(rules, taken)) {
        const r = rules[rule];
        const i = r.dueOrder[taken[rule]++];
        const at = r.runs.at[i];
        const due = at + r.runs.lateBy[i];
        const startsAt = Math.max(due + r.startAfter, freeAt);
        if (startsAt > due + r.rule.startWindowMinutes * MS_PER_MINUTE) {
            if (holderRule >= 0) displaced.add(rule, at, holderRule, holderAt, "busy");
            continue;
        }
        ran[rule].push(at, startsAt - due - r.startAfter + r.runs.lateBy[i]);
        freeAt = startsAt + r.holdsFor;
        holderRule = rule;
        holderAt = at;
    }
    return ran.map((list) => list.jobs());
}

/** The recovery points of a plan in one region over the calendar. Throws when a schedule is invalid. */
export function backupCalendar(input: BackupCalendarInput, options: BackupCalendarOptions): BackupCalendar {
    const window = options.window ?? SCHEDULE_REFERENCE_WINDOW;
    const lookbackYears = 5;
    const runsWindow = { fromYear: window.fromYear - lookbackYears, years: window.years + lookbackYears };
    const from = Date.UTC(window.fromYear, 0, 1);
    const to = Date.UTC(window.fromYear + window.years, 0, 1);

    const rules: ScheduledRule[] = input.rules.map((rule, index) => ({
        rule,
        index,
        runs: scheduledRuns(parseValidSchedule(rule.schedule), runsWindow, rule.scheduleTimezone),
        retention: days(rule.deleteAfterDays),
        ...placement(rule, input, options),
    }));

    // Which scheduled jobs run: a job is displaced when another rule that outranks it has a job
    // whose start window overlaps its own; then the ones left queue for the resource.
    // Every job that did not run, the lookback years included: a worst case at the window's start may rest on them.
    const displaced = new DroppedJobs(
        rules.map((r) => r.rule.name),
        rules.reduce((jobs, r) => jobs + r.runs.at.length, 0),
    );
    const kept: KeptJobs[] = rules.map((r) => ({
        rule: r.rule,
        runs: r.runs,
        dueOrder: inDueOrder(
            r.runs,
            withoutOverlaps(
                r,
                rules.filter((q) => q !== r && outranks(q, r)),
                displaced,
            ),
        ),
        startAfter: r.startAfter,
        holdsFor: r.holdsFor,
    }));
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
        // By rule and index, read many times by the sweep: when a point was scheduled, lands and expires.
        const scheduled = landing.map((p) => p.ran);
        const arrivals = landing.map(arrivalTimes);
        const expiries = landing.map(expiryTimes);
        const arrived = new Int32Array(count);
        const expired = new Int32Array(count);
        /** Takes in the arrivals and expiries up to `t`, in each rule's order. */
        const advanceTo = (t: number) => {
            for (let r = 0; r < count; r++) {
                while (arrived[r] < arrivals[r].length && arrivals[r][arrived[r]] <= t) arrived[r]++;
                while (expired[r] < arrived[r] && expiries[r][expired[r]] <= t) expired[r]++;
            }
        };
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
                if (i >= expired[r] && (rule < 0 || scheduled[r][i] > scheduled[rule][arrived[rule] - 1])) rule = r;
            }
            return rule;
        };
        // The lookback years only set which points are there at `from`: the sweep starts from that state.
        advanceTo(from);
        // The rule of the newest point restorable between events, found again after each.
        let newestNow = newest();
        for (;;) {
            // The next event: the first arrival (on a tie, the rule listed first, and an arrival
            // rather than an expiry), or an expiry before it.
            let at = Infinity;
            let arrivingRule = -1;
            for (let r = 0; r < count; r++) {
                if (arrived[r] < arrivals[r].length) {
                    const arrival = arrivals[r][arrived[r]];
                    if (arrival < at || (arrival === at && arrivingRule < 0)) {
                        at = arrival;
                        arrivingRule = r;
                    }
                }
                if (expired[r] < arrived[r] && expiries[r][expired[r]] < at) {
                    at = expiries[r][expired[r]];
                    arrivingRule = -1;
                }
            }
            const end = Math.min(at, to);
            if (end > from) {
                const rule = newestNow;
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
            advanceTo(at);
            newestNow = newest();
            if (firstWithout === undefined && newestNow < 0) firstWithout = at;
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
            displaced: displaced.where((scheduledAt) => scheduledAt > lo && scheduledAt <= hi),
            coldFrom,
        };
    }

    let inWindow: DisplacedJob[] | undefined;
    return {
        region: options.region,
        from,
        to,
        newestAt,
        // Made on first use: the DR report reads only worstLoss().
        get displaced() {
            inWindow ??= displaced.where((scheduledAt) => scheduledAt >= from && scheduledAt < to);
            return inWindow;
        },
        worstLoss,
    };
}
