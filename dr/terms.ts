/**
 * The parts of the RTO and the RPO, each with the config fields ("levers") behind it: the value as
 * written, the least AWS or the library allows, and how to write a smaller one. The levers stay
 * internal; the report's parts are plain data.
 */
import { albLimits, ROUTE53_LIMITS } from "../components/internal";
import { dataRecoveryTerms } from "./dataRecovery";
import { formatSeconds } from "./format";
import { DrModelInput, DrPart, DrStrategyName } from "./model";

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
export function fieldLever(path: string, seconds: number, least: number, leastWhy: string, onlyIf?: string, partSeconds = seconds): Lever {
    const w = fieldFormat(path);
    return { path, asWritten: w.asWritten(seconds), seconds, partSeconds, least, leastWhy, fix: w.atMost, onlyIf };
}

export const LEAST_DURATION = "a duration is more than 0";

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
export const slowestFirst = <T>(items: readonly T[], seconds: (t: T) => number) => [...items].sort((a, b) => seconds(b) - seconds(a));

/** One lever per field: fleets or types that share a field (one declared value for all) change together. */
export const onePerField = (levers: readonly Lever[]) => levers.filter((l, i) => levers.findIndex((m) => m.path === l.path) === i);

/**
 * RTO = detect + dns + capacity + restore, each 0 where the strategy does not need it:
 * - detect and dns: Route 53 marks the primary unhealthy, then resolvers drop the cached answer;
 * - capacity: pilot light launches the fleet from zero once something raises it (a declared trigger
 *   time), warm standby scales its share up to full on its target-tracking policy: instance warm-up
 *   plus the target group's healthy threshold × interval (the slowest fleet);
 * - restore: stateful data comes back from AWS Backup's copies, whatever the strategy (backup-restore
 *   also rebuilds the stack), or from a replicated store's promotion (dataRecovery.ts).
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
    terms.push(...dataRecoveryTerms(input));
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

/** The total of some terms' worst or expected seconds. */
export const sumOf = (terms: readonly Term[], key: "seconds" | "expectedSeconds") => terms.reduce((total, t) => total + t.part[key], 0);
