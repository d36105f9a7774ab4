import type { FleetCapacity } from "../components";

export type DrStrategy = "backup-restore" | "pilot-light" | "warm-standby" | "active-active";

/** What one region runs under a strategy. */
export interface RegionRole {
    readonly region: string;
    readonly role: "primary" | "secondary";
    /** Network, ALB and fleet are built here. */
    readonly runsStack: boolean;
    /** Route 53 sends users here while both regions are healthy. */
    readonly servesTraffic: boolean;
    /** Share of the primary's fleet kept running here: 1 full, 0 scaled to zero. */
    readonly capacityShare: number;
    /** A BackupPlan protects resources here and copies them to `copiesTo`. */
    readonly backsUp: boolean;
    readonly copiesTo?: string;
}

export interface StrategyLayout {
    readonly strategy: DrStrategy;
    readonly regions: readonly RegionRole[];
    /** How Route 53 answers: one alias, PRIMARY/SECONDARY failover, or weighted/latency active-active. */
    readonly dnsPolicy: "simple" | "failover" | "weighted" | "latency";
}

export interface LayoutInput {
    readonly strategy: DrStrategy;
    readonly primaryRegion: string;
    /** Absent only for a single-region backup-restore stack, whose backups stay in its region. */
    readonly secondaryRegion?: string;
    /** warm-standby: percent of the primary's capacity kept running in the secondary. */
    readonly standbyCapacityPercent: number;
    /** active-active: how DNS splits traffic. */
    readonly activeActiveRouting: "weighted" | "latency";
    /** backup-restore: a static endpoint (e.g. a maintenance page) to fail over to, if any. */
    readonly hasMaintenanceEndpoint: boolean;
}

/**
 * The regions each strategy builds, following AWS's "Disaster Recovery of Workloads on AWS":
 * backup-restore keeps only copied backups in the secondary; pilot light adds the stack with no
 * capacity; warm standby runs it scaled down; active-active runs both at full size and copies
 * backups both ways.
 */
export function layoutFor(input: LayoutInput): StrategyLayout {
    const { strategy, primaryRegion: primary } = input;
    // Every other strategy is refused without a secondary region by the config checks.
    const secondary = input.secondaryRegion as string;
    const primaryRole: RegionRole = {
        region: primary,
        role: "primary",
        runsStack: true,
        servesTraffic: true,
        capacityShare: 1,
        backsUp: true,
        copiesTo: secondary,
    };
    switch (strategy) {
        case "backup-restore":
            return {
                strategy,
                regions: secondary
                    ? [
                          primaryRole,
                          {
                              region: secondary,
                              role: "secondary",
                              runsStack: false,
                              servesTraffic: false,
                              capacityShare: 0,
                              backsUp: false,
                          },
                      ]
                    : [primaryRole],
                dnsPolicy: input.hasMaintenanceEndpoint ? "failover" : "simple",
            };
        case "pilot-light":
        case "warm-standby":
            return {
                strategy,
                regions: [
                    primaryRole,
                    {
                        region: secondary,
                        role: "secondary",
                        runsStack: true,
                        servesTraffic: false,
                        capacityShare: strategy === "pilot-light" ? 0 : input.standbyCapacityPercent / 100,
                        backsUp: false,
                    },
                ],
                dnsPolicy: "failover",
            };
        case "active-active":
            return {
                strategy,
                regions: [
                    primaryRole,
                    {
                        region: secondary,
                        role: "secondary",
                        runsStack: true,
                        servesTraffic: true,
                        capacityShare: 1,
                        backsUp: true,
                        copiesTo: primary,
                    },
                ],
                dnsPolicy: input.activeActiveRouting,
            };
    }
}

/**
 * A region's share of a fleet. Zero keeps the maximum so the group can scale out on failover; a
 * share keeps at least one instance, since a warm standby with nothing warm is a pilot light. `max`
 * caps a recovery region below the primary's maximum (the DR report says when it is too low).
 */
export function scaledCapacity(full: FleetCapacity, share: number, max = full.max): FleetCapacity {
    if (max < full.max)
        return scaledCapacity({ min: Math.min(full.min, max), desired: Math.min(full.desired, max), max }, share);
    if (share >= 1) return { ...full };
    if (share <= 0) return { min: 0, desired: 0, max: full.max };
    const desired = Math.min(full.max, Math.max(1, Math.ceil(full.desired * share)));
    return { min: Math.min(desired, Math.ceil(full.min * share)), desired, max: full.max };
}
