/**
 * The parts of the RTO, each with the config fields ("levers", levers.ts) behind it. The RPO's are in
 * rpoTerms.ts. The levers stay internal; the report's parts are plain data.
 */
import { albLimits, ROUTE53_LIMITS } from "../components/internal";
import { dataRecoveryTerms, restoresFromBackup } from "./dataRecovery";
import { failoverTerms, fleetScaleOuts } from "./failover";
import { formatSeconds } from "./format";
import { Lever, Term } from "./levers";
import { DrModelInput, DrStrategyName, FleetRecovery } from "./model";

const ROUTE53 =
    "Route 53: requestInterval × failureThreshold (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html); the status change's propagation to Route 53's DNS servers is not counted";
const TTL =
    "an alias record takes its target's TTL (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html): " +
    "an ELB alias has a fixed 60 s TTL (https://aws.amazon.com/route53/faqs/)";

// ---- RTO ----------------------------------------------------------------------------------------

const minDetectSeconds = Math.min(...ROUTE53_LIMITS.requestIntervals) * ROUTE53_LIMITS.failureThreshold.min;
const minHealthySeconds = albLimits.threshold.min * albLimits.interval.min;

function healthCheckLever(input: DrModelInput): Lever {
    const { requestInterval, failureThreshold } = input.dns.healthCheck;
    const fastest = Math.min(...ROUTE53_LIMITS.requestIntervals);
    const threshold = (interval: number, max: number) =>
        Math.min(ROUTE53_LIMITS.failureThreshold.max, Math.floor(max / interval));
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

/**
 * RTO = detect + dns + capacity + restore, each 0 where the strategy does not need it:
 * - detect and dns: Route 53 marks the primary unhealthy, then resolvers drop the cached answer;
 * - trigger, capacity and the standby's own health check (failover.ts): a person decides and acts
 *   whenever data must be restored or promoted (any strategy), and raises a pilot light; launches its fleets and turns its Route 53 check healthy; a running standby
 *   scales to full size in target-tracking steps; a fleet already at full size adds nothing;
 * - restore: stateful data comes back from AWS Backup's copies, whatever the strategy (backup-restore
 *   also rebuilds the stack), or from a replicated store's promotion (dataRecovery.ts).
 */
export function rtoTerms(input: DrModelInput): Term[] {
    const { breakdown, healthCheckPath, automatic } = input.dns;
    const terms: Term[] = [];
    if (automatic) {
        terms.push({
            part: {
                objective: "rto",
                name: "detect (Route 53 health check)",
                seconds: breakdown.detectSeconds,
                expectedSeconds: breakdown.detectSeconds,
                source: ROUTE53,
                assumption: false,
                path: healthCheckPath,
            },
            levers: [healthCheckLever(input)],
        });
    }
    terms.push({
        part: {
            objective: "rto",
            name: "dns (resolver cache)",
            seconds: breakdown.ttlSeconds,
            expectedSeconds: breakdown.ttlSeconds,
            source: TTL,
            assumption: false,
        },
        levers: [],
    });
    const data = dataRecoveryTerms(input);
    terms.push(
        ...failoverTerms(
            input,
            data.some((t) => t.part.seconds > 0),
            restoresFromBackup(input),
        ),
    );
    terms.push(...data);
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
    if (input.strategy !== "backup-restore" && fleetScaleOuts(input).some((s) => s.steps.length > 0))
        terms.push(["healthy checks", minHealthySeconds]);
    if (input.strategy === "pilot-light" && input.fleets.length > 0 && input.dns.standbyHealthCheck)
        terms.push(["standby healthy", minDetectSeconds]);
    return {
        seconds: terms.reduce((total, [, s]) => total + s, 0),
        terms: terms.map(([name, s]) => `${name} ${formatSeconds(s)}`),
    };
}

/** The strategies from the slowest to recover to the fastest (AWS's whitepaper order). */
export const STRATEGY_ORDER: readonly DrStrategyName[] = [
    "backup-restore",
    "pilot-light",
    "warm-standby",
    "active-active",
];

/** The same stack under a faster strategy: Route 53 failover with the stack's health check settings. */
export function withStrategy(input: DrModelInput, strategy: DrStrategyName): DrModelInput {
    if (strategy === input.strategy || strategy === "backup-restore") return { ...input, strategy };
    // The recovery region's fleets as that strategy sizes them (config/strategy.ts): none running for a
    // pilot light, the primary's size for active-active, a warm standby's default share when it had none.
    const standbyDesired = (f: FleetRecovery) =>
        strategy === "pilot-light"
            ? 0
            : strategy === "active-active"
              ? f.primary.desired
              : f.standby.desired || Math.max(1, Math.ceil(f.primary.desired / 4));
    const fleets = input.fleets.map((f) => ({
        ...f,
        standby: { ...f.standby, desired: Math.min(standbyDesired(f), f.standby.max.value) },
    }));
    const { requestInterval, failureThreshold } = input.dns.healthCheck;
    const detectSeconds = input.dns.automatic ? input.dns.breakdown.detectSeconds : requestInterval * failureThreshold;
    return {
        ...input,
        strategy,
        fleets,
        dns: { ...input.dns, automatic: true, breakdown: { ...input.dns.breakdown, detectSeconds } },
    };
}

/** The total of some terms' worst or expected seconds. */
export const sumOf = (terms: readonly Term[], key: "seconds" | "expectedSeconds") =>
    terms.reduce((total, t) => total + t.part[key], 0);
