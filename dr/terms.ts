/**
 * The parts of the RTO and the RPO, each with the config fields ("levers") behind it: the value as
 * written, the least AWS or the library allows, and how to write a smaller one. The levers stay
 * internal; the report's parts are plain data.
 */
import { albLimits, backupLimits, MIN_SCHEDULE_INTERVAL_MINUTES, ROUTE53_LIMITS } from "../components/internal";
import { drAssumptions } from "./assumptions";
import { formatSeconds } from "./format";
import { DrModelInput, DrPart, DrRpoClass, DrStrategyName, RuleRecovery } from "./model";
import { CONTINUOUS_BACKUP_RESOURCE_TYPES } from "./resourceTypes";

const ROUTE53 = "Route 53: requestInterval × failureThreshold (Developer Guide, how health checks decide)";
const TTL = "alias to an ELB answers with a 60 s TTL (Route 53 FAQ; ELB guide)";

/** A config field behind a part. Seconds are the field's share of the part. */
export interface Lever {
    readonly path: string;
    /** The value as written in config, quoted in findings. */
    readonly asWritten: string;
    readonly seconds: number;
    /** The part's seconds when this field's fleet or type is the one that counts. */
    readonly partSeconds: number;
    /** The least the field's share can be, and why. */
    readonly least: number;
    readonly leastWhy: string;
    /** The fix that brings the field's share down to `max` seconds (`max` ≥ `least`). */
    readonly fix: (max: number) => string;
    /** For an assumption: what must hold before it may be declared lower. */
    readonly onlyIf?: string;
}

export interface Term {
    readonly part: DrPart;
    readonly levers: readonly Lever[];
}

/** 5400 -> "1h30m": a value as a config duration is written. */
export const durationText = (seconds: number) => formatSeconds(seconds).replace(/ /g, "");

/** How a config field is written, from the project's naming: `...Minutes`, `...Seconds`, else a duration. */
function fieldFormat(path: string): { asWritten: (seconds: number) => string; atMost: (max: number) => string } {
    if (path.endsWith("Minutes")) return { asWritten: (s) => String(s / 60), atMost: (max) => `set it to at most ${Math.floor(max / 60)}` };
    if (path.endsWith("Seconds")) return { asWritten: (s) => String(s), atMost: (max) => `set it to at most ${Math.floor(max)}` };
    return { asWritten: durationText, atMost: (max) => `set it to at most ${durationText(Math.floor(max))}` };
}

/** A field holding a number or a duration, alone or as one fleet's or type's share of a part. */
function fieldLever(path: string, seconds: number, least: number, leastWhy: string, onlyIf?: string, partSeconds = seconds): Lever {
    const w = fieldFormat(path);
    return { path, asWritten: w.asWritten(seconds), seconds, partSeconds, least, leastWhy, fix: w.atMost, onlyIf };
}

const LEAST_DURATION = "a duration is more than 0";

// ---- RTO ----------------------------------------------------------------------------------------

const minDetectSeconds = Math.min(...ROUTE53_LIMITS.requestIntervals) * ROUTE53_LIMITS.failureThreshold.min;
const minHealthySeconds = albLimits.threshold.min * albLimits.interval.min;

function healthCheckLever(input: DrModelInput): Lever {
    const { requestInterval, failureThreshold } = input.dns.healthCheck;
    const fastest = Math.min(...ROUTE53_LIMITS.requestIntervals);
    const threshold = (interval: number, max: number) => Math.min(ROUTE53_LIMITS.failureThreshold.max, Math.floor(max / interval));
    return {
        path: input.dns.healthCheckPath,
        asWritten: `requestInterval ${requestInterval} × failureThreshold ${failureThreshold}`,
        seconds: input.dns.breakdown.detectSeconds,
        partSeconds: input.dns.breakdown.detectSeconds,
        least: minDetectSeconds,
        leastWhy: `Route 53 checks at most every ${fastest} s and needs at least ${ROUTE53_LIMITS.failureThreshold.min} failure`,
        fix: (max) =>
            threshold(requestInterval, max) >= ROUTE53_LIMITS.failureThreshold.min
                ? `set failureThreshold to at most ${threshold(requestInterval, max)}`
                : `set requestInterval to ${fastest} and failureThreshold to at most ${threshold(fastest, max)}`,
    };
}

/** The slowest first; ties keep the input's order. */
const slowestFirst = <T>(items: readonly T[], seconds: (t: T) => number) => [...items].sort((a, b) => seconds(b) - seconds(a));

/** One lever per field: fleets or types that share a field (one declared value for all) change together. */
const onePerField = (levers: readonly Lever[]) => levers.filter((l, i) => levers.findIndex((m) => m.path === l.path) === i);

/**
 * RTO = detect + dns + capacity + restore, each 0 where the strategy does not need it:
 * - detect and dns: Route 53 marks the primary unhealthy, then resolvers drop the cached answer;
 * - capacity: pilot light launches the fleet from zero once something raises it (a declared trigger
 *   time), warm standby scales its share up to full on its target-tracking policy: instance warm-up
 *   plus the target group's healthy threshold × interval (the slowest fleet);
 * - restore: backup-restore rebuilds the stack and restores data, a declared assumption per resource
 *   type; the slowest type the stack backs up counts.
 */
export function rtoTerms(input: DrModelInput): Term[] {
    const { breakdown, healthCheckPath, automatic } = input.dns;
    const terms: Term[] = [];
    if (automatic) {
        terms.push({
            part: { objective: "rto", name: "detect (Route 53 health check)", seconds: breakdown.detectSeconds, expectedSeconds: breakdown.detectSeconds, source: ROUTE53, assumption: false, path: healthCheckPath },
            levers: [healthCheckLever(input)],
        });
    }
    terms.push({ part: { objective: "rto", name: "dns (resolver cache)", seconds: breakdown.ttlSeconds, expectedSeconds: breakdown.ttlSeconds, source: TTL, assumption: false }, levers: [] });
    if (input.strategy === "pilot-light" && input.fleets.length > 0) {
        const trigger = input.scaleOutTriggerSeconds;
        terms.push({
            part: { objective: "rto", name: "trigger (raise the standby from zero)", seconds: trigger.value, expectedSeconds: trigger.value, source: "declared assumption: an alarm action or a runbook", assumption: true, path: trigger.path },
            levers: [fieldLever(trigger.path, trigger.value, 1, LEAST_DURATION, "an alarm action or a runbook raises the standby that fast")],
        });
    }
    if ((input.strategy === "pilot-light" || input.strategy === "warm-standby") && input.fleets.length > 0) {
        const total = (f: DrModelInput["fleets"][number]) => f.instanceWarmupSeconds.value + f.healthyAfterSeconds.value;
        const fleets = slowestFirst(input.fleets, total);
        const slowest = fleets[0];
        terms.push({
            part: {
                objective: "rto",
                name: `capacity (${input.strategy === "pilot-light" ? "launch from zero" : "scale to full"}, ${slowest.targetGroup})`,
                seconds: total(slowest),
                expectedSeconds: total(slowest),
                source: "instance warm-up (assumption) + target group healthyThreshold × interval",
                assumption: true,
                path: slowest.instanceWarmupSeconds.path,
                slowestOf: input.fleets.map((f) => ({
                    name: f.targetGroup,
                    seconds: total(f),
                    path: f.instanceWarmupSeconds.path,
                    source: `warm-up ${formatSeconds(f.instanceWarmupSeconds.value)} + healthy checks ${formatSeconds(f.healthyAfterSeconds.value)}`,
                })),
            },
            levers: onePerField(
                fleets.map((f) =>
                    fieldLever(
                        f.instanceWarmupSeconds.path,
                        f.instanceWarmupSeconds.value,
                        f.instanceWarmupSeconds.path.endsWith("Seconds") ? 0 : 1,
                        f.instanceWarmupSeconds.path.endsWith("Seconds") ? "the least is 0" : LEAST_DURATION,
                        "instances pass their health checks that soon after launch",
                        total(f),
                    ),
                ),
            ),
        });
    }
    if (input.strategy === "backup-restore" && input.backedUp.types.length > 0) {
        const types = slowestFirst(input.backedUp.types, (t) => t.restoreSeconds.value);
        const slowest = types[0];
        terms.push({
            part: {
                objective: "rto",
                name: "restore (rebuild the stack, restore the data)",
                seconds: slowest.restoreSeconds.value,
                expectedSeconds: slowest.restoreSeconds.value,
                source: `declared assumption per resource type, the slowest of those backed up (${input.backedUp.basis})`,
                assumption: true,
                path: slowest.restoreSeconds.path,
                slowestOf: input.backedUp.types.map((t) => ({
                    name: t.resourceType,
                    seconds: t.restoreSeconds.value,
                    path: t.restoreSeconds.path,
                    source: t.declared ? "declared" : `default ${durationText(drAssumptions.restoreSeconds)}: AWS publishes no bound`,
                })),
            },
            levers: onePerField(
                types.map((t) => fieldLever(t.restoreSeconds.path, t.restoreSeconds.value, 1, LEAST_DURATION, "restore tests show it (AWS Backup's RESTORE_TIME_FOR_RESOURCES_MEET_TARGET control can audit it)")),
            ),
        });
    }
    return terms;
}

/**
 * The least RTO the strategy can reach: its terms that are not assumptions, at the best settings
 * AWS allows (the fastest Route 53 health check, the ELB alias TTL, the quickest target-group
 * healthy check). Warm-up, trigger and restore times are assumptions, so they are left out.
 */
export function rtoFloor(input: DrModelInput): { seconds: number; terms: string[] } {
    const terms: [string, number][] = [];
    if (input.dns.automatic) terms.push(["detect", minDetectSeconds]);
    terms.push(["dns", input.dns.breakdown.ttlSeconds]);
    if ((input.strategy === "pilot-light" || input.strategy === "warm-standby") && input.fleets.length > 0) terms.push(["healthy checks", minHealthySeconds]);
    return { seconds: terms.reduce((total, [, s]) => total + s, 0), terms: terms.map(([name, s]) => `${name} ${formatSeconds(s)}`) };
}

/** The strategies from the slowest to recover to the fastest (AWS's whitepaper order). */
export const STRATEGY_ORDER: readonly DrStrategyName[] = ["backup-restore", "pilot-light", "warm-standby", "active-active"];

/** The same stack under a faster strategy: Route 53 failover with the stack's health check settings. */
export function withStrategy(input: DrModelInput, strategy: DrStrategyName): DrModelInput {
    if (strategy === input.strategy || strategy === "backup-restore") return { ...input, strategy };
    const { requestInterval, failureThreshold } = input.dns.healthCheck;
    const detectSeconds = input.dns.automatic ? input.dns.breakdown.detectSeconds : requestInterval * failureThreshold;
    return { ...input, strategy, dns: { ...input.dns, automatic: true, breakdown: { ...input.dns.breakdown, detectSeconds } } };
}

// ---- RPO ----------------------------------------------------------------------------------------

const snapshotSeconds = (r: RuleRecovery) => r.rpo.parts.scheduleGapSeconds + r.rpo.parts.startWindowSeconds + r.rpo.parts.completionWindowSeconds + r.rpo.parts.daylightSavingSeconds;

/** The cron of the same minute running every `hours` (a divisor of 24, so every gap is equal). */
export function cronEvery(schedule: string, hours: number): string {
    const minute = /^cron\((\d{1,2})\s/.exec(schedule)?.[1] ?? "0";
    if (hours === 1) return `cron(${minute} * ? * * *)`;
    return hours === 24 ? `cron(${minute} 5 ? * * *)` : `cron(${minute} */${hours} ? * * *)`;
}

function scheduleLever(rule: RuleRecovery): Lever {
    const gap = rule.rpo.parts.scheduleGapSeconds;
    return {
        path: `${rule.path}.schedule`,
        asWritten: rule.schedule,
        seconds: gap,
        partSeconds: gap,
        least: MIN_SCHEDULE_INTERVAL_MINUTES * 60,
        leastWhy: "AWS Backup runs a rule at most once an hour",
        fix: (max) => {
            const hours = [24, 12, 8, 6, 4, 3, 2, 1].find((h) => h * 3600 <= max) ?? 1;
            return `set it so that runs are at most ${formatSeconds(hours * 3600)} apart, e.g. ${cronEvery(rule.schedule, hours)}`;
        },
    };
}

/**
 * A rule's snapshot terms: `gap + startWindow + completionWindow` (+ a daylight-saving hour for a
 * local-time schedule), plus the cross-region copy when `regional`. An assumed copy time is the
 * completion window, so that field feeds two parts.
 */
function snapshotTerms(rule: RuleRecovery, regional: boolean): Term[] {
    const p = rule.rpo.parts;
    const at = rule.path;
    const typical = drAssumptions.typicalJobSeconds;
    const completionPath = `${at}.completionWindowMinutes`;
    const completion = fieldLever(completionPath, p.completionWindowSeconds, p.startWindowSeconds + backupLimits.minCompletionOverStartMinutes * 60, `the completion window is at least ${backupLimits.minCompletionOverStartMinutes} minutes more than the start window`);
    const terms: Term[] = [
        {
            part: { objective: "rpo", name: `schedule gap (${rule.rule})`, seconds: p.scheduleGapSeconds, expectedSeconds: p.scheduleGapSeconds, source: "longest interval between two runs of the cron over every calendar", assumption: false, path: `${at}.schedule` },
            levers: [scheduleLever(rule)],
        },
        {
            part: { objective: "rpo", name: "start window", seconds: p.startWindowSeconds, expectedSeconds: 0, source: "AWS Backup may start a job this late", assumption: false, path: `${at}.startWindowMinutes` },
            levers: [fieldLever(`${at}.startWindowMinutes`, p.startWindowSeconds, backupLimits.minStartWindowMinutes * 60, `AWS Backup's start window is at least ${backupLimits.minStartWindowMinutes} minutes`)],
        },
        {
            part: { objective: "rpo", name: "completion window", seconds: p.completionWindowSeconds, expectedSeconds: Math.min(typical, p.completionWindowSeconds), source: "AWS Backup may finish a job this late", assumption: false, path: completionPath },
            levers: [completion],
        },
    ];
    if (p.daylightSavingSeconds > 0) {
        terms.push({
            part: { objective: "rpo", name: "daylight-saving shift", seconds: p.daylightSavingSeconds, expectedSeconds: 0, source: "a local-time schedule skips an hour once a year", assumption: false, path: `${at}.scheduleTimezone` },
            levers: [{ path: `${at}.scheduleTimezone`, asWritten: rule.scheduleTimezone ?? "", seconds: p.daylightSavingSeconds, partSeconds: p.daylightSavingSeconds, least: 0, leastWhy: "removing it saves only the daylight-saving hour", fix: () => "remove it, so the schedule is read in UTC" }],
        });
    }
    if (regional && p.copyLagSeconds !== undefined) {
        const path = p.copyLagAssumed ? completionPath : "pulumi-aws-dr:dr.assumptions.copyLag";
        terms.push({
            part: {
                objective: "rpo",
                name: `cross-region copy to ${p.copyRegions.join(", ")}`,
                seconds: p.copyLagSeconds,
                expectedSeconds: Math.min(typical, p.copyLagSeconds),
                source: p.copyLagAssumed ? "assumed no longer than the completion window" : "declared",
                assumption: true,
                path,
            },
            levers: [p.copyLagAssumed ? completion : fieldLever(path, p.copyLagSeconds, 1, LEAST_DURATION, "copy jobs are seen to finish that fast")],
        });
    }
    return terms;
}

/** The least a rule's terms can be with every field at its least; a declared copy time stays as declared. */
export function leastSnapshotSeconds(rule: RuleRecovery, regional: boolean): number {
    const start = backupLimits.minStartWindowMinutes * 60;
    const completion = start + backupLimits.minCompletionOverStartMinutes * 60;
    const p = rule.rpo.parts;
    const copy = !regional || p.copyLagSeconds === undefined ? 0 : p.copyLagAssumed ? completion : p.copyLagSeconds;
    return MIN_SCHEDULE_INTERVAL_MINUTES * 60 + start + completion + copy;
}

export interface RpoClass {
    readonly info: Omit<DrRpoClass, "checked">;
    readonly terms: readonly Term[];
    readonly rule?: RuleRecovery;
}

export const sumOf = (terms: readonly Term[], key: "seconds" | "expectedSeconds") => terms.reduce((total, t) => total + t.part[key], 0);

function smallestBy<T>(items: readonly T[], seconds: (t: T) => number | undefined): T | undefined {
    return items
        .map((item) => ({ item, s: seconds(item) }))
        .filter((c): c is { item: T; s: number } => c.s !== undefined && Number.isFinite(c.s))
        .sort((a, b) => a.s - b.s)[0]?.item;
}

function rpoClass(scope: DrRpoClass["scope"], recovery: DrRpoClass["recovery"], resourceTypes: readonly string[], rule: RuleRecovery | undefined, terms: Term[]): RpoClass {
    const seconds = rule ? sumOf(terms, "seconds") : null;
    return {
        info: { scope, recovery, resourceTypes, seconds, expectedSeconds: rule ? sumOf(terms, "expectedSeconds") : null, rule: rule?.rule ?? null, path: rule?.path ?? null },
        terms,
        rule,
    };
}

/**
 * The RPO by class of protected resource. Regional: every backed-up type, from the best rule that
 * copies to a surviving region (copies are snapshots, even of continuous backups). In-region: the
 * types continuous backup covers get about 5 minutes from a rule with `continuousBackup`; the
 * others get the best rule's snapshot formula.
 */
export function rpoClasses(input: DrModelInput): RpoClass[] {
    const types = input.backedUp.types.map((t) => t.resourceType);
    const regional = smallestBy(input.rules, (r) => r.rpo.crossRegionSeconds);
    const classes = [rpoClass("regional", "snapshot", types, regional, regional ? snapshotTerms(regional, true) : [])];
    const continuous = input.rules.find((r) => r.rpo.parts.continuousBackupSeconds !== undefined);
    const pitrTypes = continuous ? types.filter((t) => CONTINUOUS_BACKUP_RESOURCE_TYPES.includes(t)) : [];
    if (continuous && pitrTypes.length > 0) {
        const seconds = continuous.rpo.parts.continuousBackupSeconds!;
        classes.push(
            rpoClass("in-region", "continuous", pitrTypes, continuous, [
                {
                    part: { objective: "rpo", name: `continuous backup (${continuous.rule})`, seconds, expectedSeconds: seconds, source: "point-in-time recovery, about 5 minutes", assumption: true, path: `${continuous.path}.continuousBackup` },
                    levers: [],
                },
            ]),
        );
    }
    const snapshotTypes = types.filter((t) => !pitrTypes.includes(t));
    if (snapshotTypes.length > 0) {
        const rule = smallestBy(input.rules, snapshotSeconds);
        classes.push(rpoClass("in-region", "snapshot", snapshotTypes, rule, rule ? snapshotTerms(rule, false) : []));
    }
    return classes;
}

/** The class the objective is checked against: regional when a region survives, else the worst in-region one. */
export function checkedClass(input: DrModelInput, classes: readonly RpoClass[]): RpoClass | undefined {
    if (input.survivingRegions.length > 0) return classes.find((c) => c.info.scope === "regional");
    const inRegion = classes.filter((c) => c.info.scope === "in-region" && c.info.seconds !== null);
    return inRegion.length === 0 ? undefined : slowestFirst(inRegion, (c) => c.info.seconds!)[0];
}
