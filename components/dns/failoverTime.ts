import { Routing } from "./args";
import { endpointsOf, healthCheckOf } from "./routing";

/**
 * Resolvers may keep an alias answer for an ELB target for 60 s: Route 53 serves alias records with
 * the target's TTL and ELB's is fixed at 60 s (Route 53 FAQ, "Do I need to adjust the TTL of my
 * records in order to use DNS Failover?"; Route 53 Developer Guide, "Choosing between alias and
 * non-alias records").
 */
export const ELB_ALIAS_TTL_SECONDS = 60;

export interface FailoverBreakdown {
    /**
     * Worst case, over the endpoints, of `requestInterval × failureThreshold`: a checker marks an
     * endpoint unhealthy after `failureThreshold` consecutive failures, one every `requestInterval`
     * seconds (Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check is
     * healthy"). An endpoint without a Route 53 health check adds 0: a simple record is failed over
     * by hand, and an alias that only evaluates target health relies on the ALB's own checks, which
     * belong to the ALB's part of the RTO.
     */
    readonly detectSeconds: number;
    /** Time for resolvers to drop the old answer: the alias' effective TTL, {@link ELB_ALIAS_TTL_SECONDS}. */
    readonly ttlSeconds: number;
}

/** The terms of the worst-case DNS failover time a routing config implies. Pure. */
export function failoverBreakdown(routing: Routing): FailoverBreakdown {
    const detect = endpointsOf(routing).map(({ endpoint }) => {
        const check = healthCheckOf(endpoint);
        return check ? check.requestInterval * check.failureThreshold : 0;
    });
    return { detectSeconds: Math.max(0, ...detect), ttlSeconds: ELB_ALIAS_TTL_SECONDS };
}

/**
 * Worst-case seconds from an endpoint failing until resolvers answer with a healthy one:
 * `requestInterval × failureThreshold + 60` (defaults: 30 × 3 + 60 = 150). Route 53's own
 * propagation of a status change (seconds) is not included. A plain number, for the DR report.
 */
export function failoverSeconds(routing: Routing): number {
    const { detectSeconds, ttlSeconds } = failoverBreakdown(routing);
    return detectSeconds + ttlSeconds;
}
