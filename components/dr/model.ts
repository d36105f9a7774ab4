/**
 * The DR model's inputs and results. Pure data: the report functions turn a description of what a
 * stack declares into the RTO and RPO it can achieve, and findings against its objectives. Every
 * input carries the dotted config path that sets it, so a finding can name the field to change.
 */
import { FailoverBreakdown } from "../dns/failoverTime";
import { RecoveryPointObjective } from "../backup/rpo";

export type DrStrategyName = "backup-restore" | "pilot-light" | "warm-standby" | "active-active";

/** A number and the config path that sets it. */
export interface Sourced<T> {
    readonly value: T;
    readonly path: string;
}

/** One fleet that must reach full capacity in the recovery region. */
export interface FleetRecovery {
    readonly targetGroup: string;
    /** Seconds from launch until an instance can pass health checks. */
    readonly instanceWarmupSeconds: Sourced<number>;
    /** `healthyThreshold × interval` of its target group: how long a new instance takes to be let in. */
    readonly healthyAfterSeconds: Sourced<number>;
}

/** One backup rule, with the RPO the backup component computed for it. */
export interface RuleRecovery {
    readonly rule: string;
    /** The region the rule's vault is in. */
    readonly region: string;
    readonly rpo: RecoveryPointObjective;
    /** Config path of the rule, e.g. `pulumi-aws-dr:backup.rules.hourly`. */
    readonly path: string;
}

export interface DrModelInput {
    readonly strategy: DrStrategyName;
    readonly objectives: { readonly rtoSeconds: Sourced<number>; readonly rpoSeconds: Sourced<number> };
    /** Regions that stay up when the primary is lost (for a single-region stack: none). */
    readonly survivingRegions: readonly string[];
    /** Route 53 failover terms, with the path of the health check settings. */
    readonly dns: { readonly breakdown: FailoverBreakdown; readonly healthCheckPath: string; readonly automatic: boolean };
    readonly fleets: readonly FleetRecovery[];
    /** pilot light: the declared time until the standby fleet is raised from zero. */
    readonly scaleOutTriggerSeconds: Sourced<number>;
    /** backup-restore: the declared time to rebuild and restore the stack in the recovery region. */
    readonly restoreSeconds: Sourced<number>;
    readonly rules: readonly RuleRecovery[];
}

export interface DrPart {
    readonly objective: "rto" | "rpo";
    readonly name: string;
    /** Worst case, which the check uses. */
    readonly seconds: number;
    /** The expected case, with assumptions at their typical values. */
    readonly expectedSeconds: number;
    /** Where the number comes from: a formula over config, or a documented assumption. */
    readonly source: string;
    readonly assumption: boolean;
    readonly path?: string;
}

export interface DrFinding {
    readonly severity: "error" | "warning";
    /** The dotted config path to change. */
    readonly path: string;
    readonly message: string;
    readonly achievedSeconds: number;
    readonly objectiveSeconds: number;
}

export interface DrReport {
    readonly strategy: DrStrategyName;
    readonly objectives: { readonly rtoSeconds: number; readonly rpoSeconds: number };
    readonly achieved: { readonly rtoSeconds: number; readonly rpoSeconds: number | null };
    readonly expected: { readonly rtoSeconds: number; readonly rpoSeconds: number | null };
    readonly parts: readonly DrPart[];
    readonly findings: readonly DrFinding[];
    /** True when no finding is an error. */
    readonly met: boolean;
}
