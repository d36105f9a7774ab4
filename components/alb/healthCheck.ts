/** Target group health checks with their defaults applied. Pure; no resources. */
import type * as pulumi from "@pulumi/pulumi";
import { AlbHealthCheck } from "./args";

/**
 * Health-check defaults. AWS's own (30 s interval, 5 unhealthy checks...) take minutes to notice a
 * dead target; these notice one in 30 s, which the RTO of a DR design has to count.
 */
export const albHealthCheckDefaults = {
    path: "/",
    port: "traffic-port",
    matcher: "200-299",
    interval: 10,
    timeout: 5,
    healthyThreshold: 3,
    unhealthyThreshold: 3,
} as const;

export type ResolvedHealthCheck = Required<Omit<AlbHealthCheck, "protocol" | "port">> &
    Pick<AlbHealthCheck, "protocol"> & { port: pulumi.Input<number> | typeof albHealthCheckDefaults.port };

/** The health check a target group gets: every omitted field at its default (protocol stays the group's). */
export function resolveHealthCheck(healthCheck: AlbHealthCheck | undefined): ResolvedHealthCheck {
    return { ...albHealthCheckDefaults, ...definedFields(healthCheck ?? {}) };
}

/**
 * Seconds for the ALB to take a dead target out of rotation: `unhealthyThreshold` consecutive failed
 * checks, one every `interval` (the DR model's ALB detection term).
 */
export function albDetectionSeconds(healthCheck?: AlbHealthCheck): number {
    const resolved = resolveHealthCheck(healthCheck);
    return resolved.unhealthyThreshold * resolved.interval;
}

/**
 * Drops keys set to `undefined`, so that they do not hide the defaults they are spread over (and the
 * provider's own defaults apply).
 */
export function definedFields<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
