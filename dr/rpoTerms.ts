/**
 * The RPO side of the DR model: the worst data loss per class of protected resource, read off the
 * backup calendar (`backupCalendar` of components/backup), so overlapping rules, retention and daylight
 * saving count, and broken into the config fields behind it.
 */
import { backupCalendar, BackupCalendarInput, CalendarTiming, WorstLoss } from "../components";
import { backupLimits, MIN_SCHEDULE_INTERVAL_MINUTES } from "../components/internal";
import { drAssumptions } from "./assumptions";
import { formatSeconds } from "./format";
import { DrFinding, DrModelInput, DrRpoClass, RuleRecovery } from "./model";
import type { StoreRpo } from "./dataStores";
import { CONTINUOUS_BACKUP_RESOURCE_TYPES, CROSS_REGION_COPY_SOURCE } from "./resourceTypes";
import { fieldLever, LEAST_DURATION, Lever, slowestFirst, Term } from "./levers";
import { sumOf } from "./terms";

const OVERLAP_SOURCE = "https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html";
const ONE_JOB_PER_RESOURCE = "https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html";

/** The cron of the same minute running every `hours` (a divisor of 24, so every gap is equal). */
export function cronEvery(schedule: string, hours: number): string {
    const minute = /^cron\((\d{1,2})\s/.exec(schedule)?.[1] ?? "0";
    if (hours === 1) return `cron(${minute} * ? * * *)`;
    return hours === 24 ? `cron(${minute} 5 ? * * *)` : `cron(${minute} */${hours} ? * * *)`;
}

function scheduleLever(rule: RuleRecovery, gapSeconds: number): Lever {
    return {
        path: `${rule.path}.schedule`,
        asWritten: rule.schedule,
        seconds: gapSeconds,
        partSeconds: gapSeconds,
        least: MIN_SCHEDULE_INTERVAL_MINUTES * 60,
        leastWhy: "AWS Backup runs a rule at most once an hour",
        fix: (max) => {
            const hours = [24, 12, 8, 6, 4, 3, 2, 1].find((h) => h * 3600 <= max) ?? 1;
            return `set it so that runs are at most ${formatSeconds(hours * 3600)} apart, e.g. ${cronEvery(rule.schedule, hours)}`;
        },
    };
}

/**
 * The terms of a rule's timing: `startWindow + completionWindow`, plus the cross-region copy when
 * `regional`. An assumed copy time is the completion window, so that field feeds two parts.
 */
function timingTerms(rule: RuleRecovery, regional: boolean): Term[] {
    const p = rule.rpo.parts;
    const at = rule.path;
    const typical = drAssumptions.typicalJobSeconds;
    const completionPath = `${at}.completionWindowMinutes`;
    const completion = fieldLever(
        completionPath,
        p.completionWindowSeconds,
        p.startWindowSeconds + backupLimits.minCompletionOverStartMinutes * 60,
        `the completion window is at least ${backupLimits.minCompletionOverStartMinutes} minutes more than the start window`,
    );
    const terms: Term[] = [
        {
            part: {
                objective: "rpo",
                name: `start window (${rule.rule})`,
                seconds: p.startWindowSeconds,
                expectedSeconds: 0,
                source: "AWS Backup may start a job this late",
                assumption: false,
                path: `${at}.startWindowMinutes`,
            },
            levers: [
                fieldLever(
                    `${at}.startWindowMinutes`,
                    p.startWindowSeconds,
                    backupLimits.minStartWindowMinutes * 60,
                    `AWS Backup's start window is at least ${backupLimits.minStartWindowMinutes} minutes`,
                ),
            ],
        },
        {
            part: {
                objective: "rpo",
                name: `completion window (${rule.rule})`,
                seconds: p.completionWindowSeconds,
                expectedSeconds: Math.min(typical, p.completionWindowSeconds),
                source: "a started job may run this long",
                assumption: false,
                path: completionPath,
            },
            levers: [completion],
        },
    ];
    if (regional && p.copyLagSeconds !== undefined) {
        const path = p.copyLagAssumed ? completionPath : "pulumi-aws-dr:dr.assumptions.copyLag";
        terms.push({
            part: {
                objective: "rpo",
                name: `cross-region copy to ${p.copyRegions.join(", ")} (${rule.rule})`,
                seconds: p.copyLagSeconds,
                expectedSeconds: Math.min(typical, p.copyLagSeconds),
                source: p.copyLagAssumed
                    ? "assumed no longer than the completion window: AWS publishes no bound"
                    : "declared",
                assumption: true,
                path,
            },
            levers: [
                p.copyLagAssumed
                    ? completion
                    : fieldLever(path, p.copyLagSeconds, 1, LEAST_DURATION, "copy jobs are seen to finish that fast"),
            ],
        });
    }
    return terms;
}

/** The least a rule's terms can be with every field at its least; a declared copy time stays as declared. */
export function leastSnapshotSeconds(rule: RuleRecovery, regional: boolean): number {
    const startMinutes = backupLimits.minStartWindowMinutes;
    const completionMinutes = startMinutes + backupLimits.minCompletionOverStartMinutes;
    const p = rule.rpo.parts;
    // Read off the calendar, not summed: at these windows jobs queue one per resource (aws-backup-limits.html).
    const least = {
        ...rule,
        rpo: {
            ...rule.rpo,
            calendar: {
                ...rule.rpo.calendar,
                schedule: cronEvery(rule.schedule, 1),
                scheduleTimezone: undefined,
                startWindowMinutes: startMinutes,
                completionWindowMinutes: completionMinutes,
                copies: rule.rpo.calendar.copies.map((c) => ({
                    ...c,
                    copyMinutes: p.copyLagAssumed ? completionMinutes : c.copyMinutes,
                })),
            },
        },
    };
    const region = regional ? rule.rpo.calendar.copies[0]?.region : rule.region;
    if (region === undefined) return Infinity;
    return planWorstLoss([least], region).lossMs / 1000;
}

// ---- the calendar -------------------------------------------------------------------------------

const calendars = new Map<string, WorstLoss>();

/** The plan's worst loss in `region`, memoized: a report asks for the same calendar several times. */
export function planWorstLoss(
    rules: readonly RuleRecovery[],
    region: string,
    timing: CalendarTiming = { kind: "worst" },
): WorstLoss {
    const plan: BackupCalendarInput = {
        sourceRegion: rules[0].region,
        rules: rules.map((r) => ({ ...r.rpo.calendar, name: r.rule })),
    };
    const key = JSON.stringify([plan, region, timing]);
    let worst = calendars.get(key);
    if (!worst) {
        worst = backupCalendar(plan, { region, timing }).worstLoss();
        if (calendars.size > 100) calendars.clear();
        calendars.set(key, worst);
    }
    return worst;
}

const when = (ms: number) =>
    new Date(ms)
        .toISOString()
        .replace(/:00\.000Z$/, " UTC")
        .replace("T", " ");

/** Why the gap between two recovery points is what it is: displaced jobs, or the schedule. */
function gapSource(worst: WorstLoss): string {
    const { newest, arriving, displaced } = worst;
    const between = `from ${newest!.rule}'s point of ${when(newest!.scheduledAt)} to ${arriving!.rule}'s of ${when(arriving!.scheduledAt)}`;
    if (displaced.length === 0) return `worst over the calendar (every year of 2001..2032), ${between}`;
    const [first] = displaced;
    const more = displaced.length > 1 ? ` (and ${displaced.length - 1} more)` : "";
    const why =
        first.reason === "busy"
            ? `${first.by}'s of ${when(first.byScheduledAt)} (or its copy) still runs when its start window ends; AWS Backup runs one backup or copy ` +
              `job per resource at a time, and a job not started within its start window fails (${ONE_JOB_PER_RESOURCE})`
            : `${first.by}'s of ${when(first.byScheduledAt)} overlaps its start window and keeps its points longer; AWS Backup then runs only the ` +
              `rule with the longer retention, copy actions included (${OVERLAP_SOURCE})`;
    return `worst over the calendar, ${between}: ${first.rule}'s job of ${when(first.scheduledAt)}${more} does not run, because ${why}`;
}

/** Where to lengthen the retention that leaves a span without a recovery point. */
function retentionPath(rule: RuleRecovery, regional: boolean): string {
    return regional ? `${rule.path}.copyLifecycle.deleteAfterDays` : `${rule.path}.lifecycle.deleteAfterDays`;
}

export interface CalendarTerms {
    readonly terms: Term[];
    /** The rule whose timing bounds the worst case (the one whose point ends it). */
    readonly rule?: RuleRecovery;
    readonly worst: WorstLoss;
    readonly expectedSeconds: number;
}

/**
 * The worst loss in `region`, as terms: the gap between the newest point and the one whose arrival
 * ends the peak (the calendar's, so displaced jobs and daylight saving count), then that rule's
 * start window, completion window and copy. An unbounded loss (points expire before the next one
 * lands) is one term naming the retention to lengthen.
 */
export function calendarTerms(input: DrModelInput, region: string, regional: boolean): CalendarTerms {
    const worst = planWorstLoss(input.rules, region);
    const typical = planWorstLoss(input.rules, region, {
        kind: "typical",
        typicalMinutes: drAssumptions.typicalJobSeconds / 60,
    });
    const expectedSeconds = typical.lossMs / 1000;
    const ruleNamed = (name: string | undefined) => input.rules.find((r) => r.rule === name);
    if (worst.lossMs === Infinity) {
        const lastRule =
            ruleNamed(worst.newest?.rule) ??
            input.rules.find((r) => (regional ? r.rpo.parts.copyRegions.includes(region) : true)) ??
            input.rules[0];
        const path = retentionPath(lastRule, regional);
        return {
            rule: lastRule,
            worst,
            expectedSeconds,
            terms: [
                {
                    part: {
                        objective: "rpo",
                        name: `no recovery point in ${region} from ${when(worst.at)}`,
                        seconds: Infinity,
                        expectedSeconds,
                        source: "recovery points expire before the next one lands; a copy's retention counts from its source's creation (https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html)",
                        assumption: false,
                        path,
                    },
                    levers: [],
                },
            ],
        };
    }
    const rule = ruleNamed(worst.arriving?.rule);
    if (!rule || !worst.newest || !worst.arriving) {
        const seconds = worst.lossMs / 1000;
        return {
            worst,
            expectedSeconds,
            terms: [
                {
                    part: {
                        objective: "rpo",
                        name: `age of the newest recovery point in ${region}`,
                        seconds,
                        expectedSeconds,
                        source: "worst over the calendar",
                        assumption: false,
                    },
                    levers: [],
                },
            ],
        };
    }
    const timing = timingTerms(rule, regional);
    const gapSeconds = worst.lossMs / 1000 - sumOf(timing, "seconds");
    const ownGap = worst.displaced.length === 0 && worst.newest.rule === rule.rule;
    const gap: Term = {
        part: {
            objective: "rpo",
            name: `gap between recovery points (${worst.newest.rule === rule.rule ? rule.rule : `${worst.newest.rule} to ${rule.rule}`})`,
            seconds: gapSeconds,
            expectedSeconds: Math.max(0, expectedSeconds - sumOf(timing, "expectedSeconds")),
            source: gapSource(worst),
            assumption: false,
            path: `${rule.path}.schedule`,
        },
        levers: ownGap ? [scheduleLever(rule, gapSeconds)] : [],
    };
    return { terms: [gap, ...timing], rule, worst, expectedSeconds };
}

// ---- classes ------------------------------------------------------------------------------------

export interface RpoClass {
    readonly info: Omit<DrRpoClass, "checked">;
    readonly terms: readonly Term[];
    readonly rule?: RuleRecovery;
    readonly worst?: WorstLoss;
}

function rpoClass(
    scope: DrRpoClass["scope"],
    recovery: DrRpoClass["recovery"],
    resourceTypes: readonly string[],
    found: Partial<CalendarTerms> | undefined,
    unjudged?: string,
): RpoClass {
    const judged = found?.terms !== undefined && unjudged === undefined;
    const seconds = judged ? sumOf(found.terms!, "seconds") : null;
    return {
        info: {
            scope,
            recovery,
            resourceTypes,
            seconds,
            expectedSeconds: judged ? (found.expectedSeconds ?? sumOf(found.terms!, "expectedSeconds")) : null,
            rule: judged ? (found.rule?.rule ?? null) : null,
            path: judged ? (found.rule?.path ?? null) : null,
            ...(unjudged ? { unjudged } : {}),
        },
        terms: judged ? found.terms! : [],
        rule: judged ? found.rule : undefined,
        worst: found?.worst,
    };
}

/**
 * The RPO by class of protected resource. Regional: every backed-up type, from the recovery points
 * the plan's rules have copied to the surviving region (copies are snapshots, even of continuous
 * backups), unless a selection may pick a type AWS Backup cannot copy: then the class cannot be
 * judged. In-region: the types continuous backup covers get about 5 minutes from a rule with
 * `continuousBackup`; the others get the plan's snapshots in the vault's region.
 */
export function rpoClasses(input: DrModelInput): RpoClass[] {
    const types = input.backedUp.types.map((t) => t.resourceType);
    const classes: RpoClass[] = [];
    const recoveryRegion = input.survivingRegions[0];
    const copies = input.rules.some(
        (r) => recoveryRegion !== undefined && r.rpo.parts.copyRegions.includes(recoveryRegion),
    );
    const uncopyable = input.backedUp.uncopyable && `${input.backedUp.uncopyable} (${CROSS_REGION_COPY_SOURCE})`;
    const replicated = input.replicatedRpo ?? [];
    const snapshotOnly = types.filter((t) => !replicated.some((r) => r.resourceType === t));
    if (snapshotOnly.length > 0 || replicated.length === 0) {
        classes.push(
            rpoClass(
                "regional",
                "snapshot",
                snapshotOnly,
                copies ? calendarTerms(input, recoveryRegion, true) : undefined,
                copies ? uncopyable : undefined,
            ),
        );
    }
    if (replicated.length > 0) classes.push(replicationClass(replicated));
    const continuous = input.rules.find((r) => r.rpo.parts.continuousBackupSeconds !== undefined);
    const pitrTypes = continuous ? types.filter((t) => CONTINUOUS_BACKUP_RESOURCE_TYPES.includes(t)) : [];
    if (continuous && pitrTypes.length > 0) {
        const seconds = continuous.rpo.parts.continuousBackupSeconds!;
        const terms: Term[] = [
            {
                part: {
                    objective: "rpo",
                    name: `continuous backup (${continuous.rule})`,
                    seconds,
                    expectedSeconds: seconds,
                    source: "point-in-time recovery, about 5 minutes",
                    assumption: true,
                    path: `${continuous.path}.continuousBackup`,
                },
                levers: [],
            },
        ];
        classes.push(rpoClass("in-region", "continuous", pitrTypes, { terms, rule: continuous }));
    }
    const snapshotTypes = types.filter((t) => !pitrTypes.includes(t));
    if (snapshotTypes.length > 0 && input.rules.length > 0) {
        classes.push(
            rpoClass("in-region", "snapshot", snapshotTypes, calendarTerms(input, input.rules[0].region, false)),
        );
    }
    return classes;
}

/**
 * The regional class of the replicated stores: each store's replication RPO (dr/dataStores.ts), the
 * slowest counting. A store with no bound (S3 replication without RTC) leaves the class unjudged.
 */
function replicationClass(stores: readonly StoreRpo[]): RpoClass {
    const types = [...new Set(stores.map((s) => s.resourceType))];
    const unbounded = stores.find((s) => s.seconds === null);
    const terms: Term[] = slowestFirst(stores, (s) => s.seconds ?? Number.POSITIVE_INFINITY).map((s) => ({
        part: {
            objective: "rpo",
            name: `replication (${s.resourceType} ${s.store})`,
            seconds: s.seconds ?? 0,
            expectedSeconds: s.seconds ?? 0,
            source: s.source,
            assumption: s.assumption,
            path: s.path,
        },
        levers: s.assumption
            ? [fieldLever(s.path, s.seconds ?? 0, 1, LEAST_DURATION, "the replication lag is seen to stay that low")]
            : [],
    }));
    const slowest = terms[0];
    const seconds = unbounded ? null : slowest.part.seconds;
    return {
        info: {
            scope: "regional",
            recovery: "replication",
            resourceTypes: types,
            seconds,
            expectedSeconds: seconds,
            rule: null,
            path: unbounded ? unbounded.path : (slowest.part.path ?? null),
            ...(unbounded ? { unjudged: `${unbounded.store}: ${unbounded.source}` } : {}),
        },
        // The slowest store is the class's RPO; the others are within it.
        terms: unbounded ? [] : [slowest],
    };
}

/**
 * The class the objective is checked against: when a region survives, the worst regional one (an
 * unjudged class first); else the worst in-region one.
 */
export function checkedClass(input: DrModelInput, classes: readonly RpoClass[]): RpoClass | undefined {
    if (input.survivingRegions.length > 0) {
        const regional = classes.filter((c) => c.info.scope === "regional");
        return regional.find((c) => c.info.seconds === null) ?? slowestFirst(regional, (c) => c.info.seconds!)[0];
    }
    const inRegion = classes.filter((c) => c.info.scope === "in-region" && c.info.seconds !== null);
    return inRegion.length === 0 ? undefined : slowestFirst(inRegion, (c) => c.info.seconds!)[0];
}

// ---- findings the calendar alone can give ------------------------------------------------------

/**
 * The finding for a class no formula can fix: its types may not be copyable (it cannot be judged),
 * or its recovery points expire before the next one lands (the loss is unbounded). Undefined for
 * any other class.
 */
export function rpoCalendarFinding(input: DrModelInput, checked: RpoClass): DrFinding | undefined {
    const objective = input.objectives.rpoSeconds;
    const where =
        checked.info.scope === "regional"
            ? input.survivingRegions.join(", ")
            : (checked.rule?.region ?? input.rules[0]?.region);
    if (checked.info.unjudged) {
        return {
            severity: "error",
            path: "pulumi-aws-dr:backup.selections",
            achievedSeconds: Number.POSITIVE_INFINITY,
            objectiveSeconds: objective.value,
            message:
                `the worst-case RPO in ${where} cannot be judged: ${checked.info.unjudged}; a resource AWS Backup cannot copy has no recovery point there at all. ` +
                'Name the types by ARN, e.g. resources: ["arn:aws:ec2:*:*:volume/*"] with conditions on the tags, so the report can tell what is copied',
        };
    }
    if (checked.info.seconds !== Infinity || !checked.rule || !checked.worst) return undefined;
    const regional = checked.info.scope === "regional";
    const rule = checked.rule;
    const path = retentionPath(rule, regional);
    const kept = regional
        ? rule.rpo.calendar.copies.find((c) => c.region === where)?.deleteAfterDays
        : rule.rpo.calendar.deleteAfterDays;
    const gap = formatSeconds(rule.rpo.parts.scheduleGapSeconds);
    return {
        severity: "error",
        path,
        achievedSeconds: Number.POSITIVE_INFINITY,
        objectiveSeconds: objective.value,
        message:
            `${path} (${kept ?? "never"}) deletes ${rule.rule}'s recovery points in ${where} before the next one lands, so from ${when(checked.worst.at)} there is none: ` +
            `the worst-case RPO is unbounded against an objective of ${formatSeconds(objective.value)}; keep them longer than the ${gap} between runs plus the windows ` +
            "(a copy's retention counts from its source's creation, not the copy's)",
    };
}
