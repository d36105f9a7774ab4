/**
 * The DR model's inputs and results. Pure data: the report functions turn a description of what a
 * stack declares into the RTO and RPO it can achieve, and findings against its objectives. Every
 * input carries the dotted config path that sets it, so a finding can name the field to change.
 */
import type { FailoverBreakdown, RecoveryPointObjective } from "../components";

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
    /** The rule's cron and time zone as written, so a finding can quote them. */
    readonly schedule: string;
    readonly scheduleTimezone?: string;
}

/** A resource type the backup selections protect, by AWS Backup's name (`EBS`, `RDS`...). */
export interface BackedUpType {
    readonly resourceType: string;
    /** backup-restore: the declared time to restore this type from its copied recovery points. */
    readonly restoreSeconds: Sourced<number>;
    /** False when `restoreSeconds` is the model's default, not a value the stack declared. */
    readonly declared: boolean;
}

export interface DrModelInput {
    readonly strategy: DrStrategyName;
    /** Config path of the strategy, named when the objective is below what the strategy can reach. */
    readonly strategyPath: string;
    readonly objectives: { readonly rtoSeconds: Sourced<number>; readonly rpoSeconds: Sourced<number> };
    /** Regions that stay up when the primary is lost (for a single-region stack: none). */
    readonly survivingRegions: readonly string[];
    /**
     * Route 53 failover terms, with the path of the health check settings and those settings
     * themselves (defaults applied), so a finding can say which to change.
     */
    readonly dns: {
        readonly breakdown: FailoverBreakdown;
        readonly healthCheckPath: string;
        readonly automatic: boolean;
        readonly healthCheck: { readonly requestInterval: number; readonly failureThreshold: number };
    };
    readonly fleets: readonly FleetRecovery[];
    /** pilot light: the declared time until the standby fleet is raised from zero. */
    readonly scaleOutTriggerSeconds: Sourced<number>;
    /**
     * What the backup selections protect. `types` holds every type a selection may pick (all of them
     * when one picks by tag), each with its restore time; `basis` says how they were found.
     */
    readonly backedUp: { readonly types: readonly BackedUpType[]; readonly basis: string };
    readonly rules: readonly RuleRecovery[];
}

/** One of the things a part is the slowest of (a fleet, a resource type). */
export interface DrCandidate {
    readonly name: string;
    readonly seconds: number;
    readonly path: string;
    /** "declared", or the default it falls back to. */
    readonly source: string;
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
    /** When the part is the slowest of several (fleets, resource types): each of them. */
    readonly slowestOf?: readonly DrCandidate[];
}

/**
 * The RPO of one class of protected resources. A regional disaster counts only the copies in a
 * surviving region; a failure inside a region that still runs (a deleted table, corrupted data)
 * counts the recovery points there, continuous backup for the types that support it.
 */
export interface DrRpoClass {
    readonly scope: "regional" | "in-region";
    readonly recovery: "snapshot" | "continuous";
    readonly resourceTypes: readonly string[];
    /** Worst case; null when no rule gives a recovery point of this class. */
    readonly seconds: number | null;
    readonly expectedSeconds: number | null;
    /** The rule that gives it (the best one), and its config path. */
    readonly rule: string | null;
    readonly path: string | null;
    /** True for the class the RPO objective is checked against. */
    readonly checked: boolean;
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
    /** The least RTO the strategy can reach: its terms that are not assumptions, at their best settings. */
    readonly rtoFloorSeconds: number;
    readonly rpoByClass: readonly DrRpoClass[];
    readonly findings: readonly DrFinding[];
    /** True when no finding is an error. */
    readonly met: boolean;
}
