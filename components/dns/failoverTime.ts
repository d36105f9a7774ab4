import { dnsDefaults, Endpoint, Routing } from "./args";
import { healthCheckOf } from "./routing";

/**
 * Resolvers may keep an alias answer for an ELB target for 60 s: Route 53 serves alias records with
 * the target's TTL and ELB's is fixed at 60 s (Route 53 FAQ, "Do I need to adjust the TTL of my
 * records in order to use DNS Failover?"; Route 53 Developer Guide, "Choosing between alias and
 * non-alias records").
 */
export const ELB_ALIAS_TTL_SECONDS = 60;

export interface FailoverTimeOptions {
    /**
     * Seconds the alias target's own health takes to turn unhealthy: for an ALB, its target groups'
     * `unhealthyThreshold × interval` (the slowest group's; `albDetectionSeconds` computes one).
     * FailoverDns cannot know it. It is the detection time of an endpoint that has no Route 53 health
     * check but evaluates target health; without it such an endpoint counts 0, which understates
     * the failover time.
     */
    readonly targetDetectionSeconds?: number;
}

export interface FailoverBreakdown {
    /**
     * Worst case of the time until Route 53 sees a serving endpoint fail. With a Route 53 health
     * check that is `requestInterval × failureThreshold`: a checker marks an endpoint unhealthy after
     * `failureThreshold` consecutive failures, one every `requestInterval` seconds (Route 53 Developer
     * Guide, "How Amazon Route 53 determines whether a health check is healthy"). Without one, an
     * alias that evaluates target health takes `targetDetectionSeconds`, and anything else is failed
     * over by hand (0).
     */
    readonly detectSeconds: number;
    /** Time for resolvers to drop the old answer: the alias' effective TTL, {@link ELB_ALIAS_TTL_SECONDS}. */
    readonly ttlSeconds: number;
}

/**
 * The endpoints whose failure moves traffic, each detected by its own health:
 * - failover: only the primary's. The secondary's check decides whether there is somewhere to go,
 *   not when traffic moves;
 * - weighted and latency: each endpoint is taken out by its own check, so any serving endpoint can be
 *   the one that fails. A weight of 0 serves no one while another endpoint is healthy; when every
 *   weight is 0, Route 53 routes to all of them with equal probability ("If you set Weight to 0 for
 *   all of the records in the group, traffic is routed to all resources with equal probability",
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-weighted.html),
 *   so each serves;
 * - simple: none; there is nothing to fail over to.
 */
function servingEndpoints(routing: Routing): Endpoint[] {
    switch (routing.policy) {
        case "simple":
            return [];
        case "failover":
            return [routing.primary!];
        case "weighted": {
            const endpoints = Object.values(routing.endpoints!);
            return endpoints.every((e) => e.weight === 0) ? endpoints : endpoints.filter((e) => e.weight! > 0);
        }
        case "latency":
            return Object.values(routing.endpoints!);
    }
}

function detectionSeconds(endpoint: Endpoint, targetDetectionSeconds: number): number {
    const check = healthCheckOf(endpoint);
    // The Route 53 check sees every failure, the whole region's included, so it bounds detection even
    // when target health might notice some failures sooner.
    if (check) return check.requestInterval * check.failureThreshold;
    return (endpoint.evaluateTargetHealth ?? dnsDefaults.evaluateTargetHealth) ? targetDetectionSeconds : 0;
}

/** The terms of the worst-case DNS failover time a routing config implies. Pure. */
export function failoverBreakdown(routing: Routing, options: FailoverTimeOptions = {}): FailoverBreakdown {
    const detect = servingEndpoints(routing).map((e) => detectionSeconds(e, options.targetDetectionSeconds ?? 0));
    return { detectSeconds: Math.max(0, ...detect), ttlSeconds: ELB_ALIAS_TTL_SECONDS };
}

/**
 * Worst-case seconds from a serving endpoint failing until resolvers answer with a healthy one:
 * detection plus the 60 s alias TTL (defaults: 30 × 3 + 60 = 150). Route 53's own propagation of a
 * status change (seconds) is not included. A plain number, for the DR report.
 */
export function failoverSeconds(routing: Routing, options: FailoverTimeOptions = {}): number {
    const { detectSeconds, ttlSeconds } = failoverBreakdown(routing, options);
    return detectSeconds + ttlSeconds;
}
