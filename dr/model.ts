/**
 * The DR model's inputs and results. Pure data: the report functions turn a description of what a
 * stack declares into the RTO and RPO it can achieve, and findings against its objectives. Every
 * input carries the dotted config path that sets it, so a finding can name the field to change.
 */
import type { FailoverBreakdown, RecoveryPointObjective } from "../components";
import type { CheckTiming } from "../components/internal";
import type { StoreRpo } from "./dataStores";

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
    /** `unhealthyThreshold × interval` of its target group: how long the ALB takes to stop sending to a dead instance. */
    readonly unhealthyAfterSeconds: number;
    /** The primary's capacity as declared; "full size" is its desired or its maximum (`DrModelInput.fullSize`). */
    readonly primary: { readonly desired: number; readonly max: number };
    /**
     * The recovery region's fleet before a failover, as the strategy sizes it (pilot light: desired 0),
     * and its maximum with the field that sets it.
     */
    readonly standby: { readonly desired: number; readonly max: Sourced<number> };
    /** The target-tracking policy's CPU target, percent: one scale-out step multiplies capacity by at most 100 / target. */
    readonly targetCpuPercent: number;
}

/** A number the model assumes where AWS publishes no bound, and whether the stack declared it or took the default. */
export interface Assumed extends Sourced<number> {
    readonly declared: boolean;
}

/** What an Availability Zone's loss takes in the primary region. */
export interface AzInput {
    /** AZs the network and the fleets span. */
    readonly zones: Sourced<number>;
    /** NAT gateways: `single` puts every AZ's internet egress in one AZ. */
    readonly natGateways: Sourced<"none" | "single" | "onePerAz">;
}

/** What a bad write or a deletion (corruption, ransomware) leaves to restore from. */
export interface CorruptionInput {
    /** How long corruption goes unnoticed: an assumption. */
    readonly detectionDelaySeconds: Assumed;
    /** Each rule's retention in days in the primary's vault (undefined: kept forever). */
    readonly retentionDays: Readonly<Record<string, number | undefined>>;
    /** The vault's lock, if any, with its path. */
    readonly vaultLock?: { readonly mode: "governance" | "compliance"; readonly path: string };
    /** True when a copy goes to a logically air-gapped vault or another account (neither is declared by this library yet). */
    readonly isolatedCopy: boolean;
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

/**
 * A data store replicated to the recovery region outside AWS Backup (an Aurora global database, a
 * DynamoDB global table, S3 replication). It replaces the restore of its resource type in the RTO's
 * data recovery term with its own promotion time. The data tier's stores are declared through
 * dr/dataStores.ts.
 */
export interface ReplicatedStore {
    /** The AWS Backup resource type whose restore it replaces, e.g. `Aurora`. */
    readonly resourceType: string;
    /** What replicates it, e.g. "Aurora Global Database", named in the report. */
    readonly mechanism: string;
    /** Time to make the replica the writable primary in the recovery region, with its config path. */
    readonly promotionSeconds: Sourced<number>;
    /** True when the promotion time is an assumption rather than a figure AWS publishes as a bound. */
    readonly assumption: boolean;
    /** Where the figure comes from: an AWS URL, or "declared". */
    readonly source: string;
    /**
     * Why the replica serves reads in the recovery region before any promotion, with AWS's page; unset when a
     * read waits for the promotion too (a headless Aurora secondary has no instance to read from).
     */
    readonly readsInPlace?: string;
}

/**
 * Failover automation in the recovery region (components/failover), as the DR model counts it. The probe's
 * alarm (without a probe, the DNS witness's) raises the standby; `automatic` also promotes the data once the DNS
 * witness (Route 53 answers the failover record with the standby) and the probe, where there is one, agree (a
 * composite alarm); `manual` leaves the promotion to `owner`.
 */
export interface FailoverInput {
    readonly mode: Sourced<"automatic" | "manual">;
    /** Who decides and acts in manual mode. */
    readonly owner?: string;
    /** Seconds between the probe's runs, the most a failure waits for the next run. */
    readonly probeIntervalSeconds: Sourced<number>;
    /** Seconds the probe waits for an answer before a run fails. */
    readonly probeTimeoutSeconds: Sourced<number>;
    /** The probe alarm's `period × datapointsToAlarm`. */
    readonly probeAlarmSeconds: Sourced<number>;
    /**
     * The DNS witness alarm's `period × datapointsToAlarm`: from the canary's first run that resolves the failover
     * record to the standby until the alarm is in ALARM.
     */
    readonly dnsAlarmSeconds: Sourced<number>;
    /** From an alarm's change of state to the automation's first step: EventBridge and SSM, no published bound. */
    readonly automationStart: Assumed;
    /**
     * False when the primary's ALB admits only CloudFront and Route 53's health checkers (a CDN stack): there is no
     * probe, and the DNS witness alone (Route 53's own answer) raises the standby and starts the promotion.
     */
    readonly probeReachesPrimary: boolean;
}

export interface DrModelInput {
    readonly strategy: DrStrategyName;
    /** Config path of the strategy, named when the objective is below what the strategy can reach. */
    readonly strategyPath: string;
    /** The region's objectives (`dr.objectives.rto`/`rpo`), and those of the other disruption types when declared. */
    readonly objectives: {
        readonly rtoSeconds: Sourced<number>;
        readonly rpoSeconds: Sourced<number>;
        readonly az?: { readonly rtoSeconds: Sourced<number>; readonly rpoSeconds: Sourced<number> };
        readonly corruption?: { readonly rpoSeconds: Sourced<number> };
    };
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
        /** The primary's check: its interval, threshold and its type's timeout (`HEALTH_CHECK_TIMEOUT_SECONDS`). */
        readonly healthCheck: CheckTiming;
        /**
         * The recovery record's own Route 53 check, if it has one. Route 53 answers with it only once the
         * check is healthy, which takes `failureThreshold` passing checks once the standby is up.
         */
        readonly standbyHealthCheck?: CheckTiming;
        /**
         * Whether the alias records evaluate the ALBs' target health: then one target group with targets
         * and none healthy fails the whole region over. Unset when the caller does not say.
         */
        readonly evaluateTargetHealth?: { readonly value: boolean; readonly path: string };
    };
    /** What "full size" of a fleet is: the primary's desired capacity or its maximum. */
    readonly fullSize: Sourced<"desired" | "maximum">;
    /** Seconds of data the target-tracking alarm needs before a scale-out step (its data points × period). */
    readonly scaleOutAlarmSeconds: Assumed;
    readonly fleets: readonly FleetRecovery[];
    /** pilot light: the time until a person (or an alarm action) raises the standby fleet from zero. */
    readonly scaleOutTriggerSeconds: Assumed;
    /**
     * After a restore of the fleets' data from AWS Backup: attaching the restored volumes or relaunching the fleets
     * onto them (`drAssumptions.restoreAttachSeconds` when unset).
     */
    readonly restoreAttachSeconds?: Assumed;
    readonly az: AzInput;
    readonly corruption: CorruptionInput;
    /**
     * What the backup selections protect. `types` holds every type a selection may pick (all of them
     * when one picks by tag), each with its restore time; `basis` says how they were found.
     */
    readonly backedUp: {
        readonly types: readonly BackedUpType[];
        readonly basis: string;
        /** Why a selection may pick a resource AWS Backup cannot copy to another region (the regional RPO cannot be judged). */
        readonly uncopyable?: string;
    };
    readonly rules: readonly RuleRecovery[];
    /** Extra restore time when the newest recovery point in the recovery region is in cold storage (an assumption). */
    readonly coldStorageRestoreSeconds: Assumed;
    /** Stores replicated to the recovery region: their promotion replaces the restore of their type. Default none. */
    readonly replicatedStores?: readonly ReplicatedStore[];
    /**
     * The RPO across regions of each replicated store (dr/dataStores.ts). Their types leave the regional
     * snapshot class for a class of their own, judged by the slowest store's replication.
     */
    readonly replicatedRpo?: readonly StoreRpo[];
    /** A CloudFront origin group in front: reads fail over per request. Absent without a CDN. */
    readonly cdn?: CdnReadPath;
    /** Failover automation in the recovery region; absent: every recovery waits for a person. */
    readonly failover?: FailoverInput;
}

/** CloudFront's origin failover settings, the read path's detection time. */
export interface CdnReadPath {
    readonly connectionAttempts: number;
    readonly connectionTimeoutSeconds: number;
    readonly responseTimeoutSeconds: number;
    /** Config path of the settings (`pulumi-aws-dr:cdn`). */
    readonly path: string;
    /** Paths that take every method to the Route 53 failover name (the write path). */
    readonly uncachedPaths: readonly string[];
}

/**
 * How one kind of request reaches the surviving region. `read`: CloudFront's origin group retries the
 * request on the secondary origin, per request and with no DNS TTL; `write`: Route 53 failover of the
 * origin name, as without a CDN.
 */
export interface DrRequestPath {
    readonly path: "read" | "write";
    /** Which requests take it. */
    readonly requests: string;
    readonly verdict: "met" | "not met";
    /** Worst case against the regional RTO objective. */
    readonly rtoSeconds: number;
    readonly objectiveSeconds: number;
    readonly parts: readonly DrPart[];
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
    readonly recovery: "snapshot" | "continuous" | "replication";
    readonly resourceTypes: readonly string[];
    /** Worst case; null when no rule gives a recovery point of this class. */
    readonly seconds: number | null;
    readonly expectedSeconds: number | null;
    /** The rule that gives it (the best one), and its config path. */
    readonly rule: string | null;
    readonly path: string | null;
    /** True for the class the RPO objective is checked against. */
    readonly checked: boolean;
    /** Why no worst case can be given for the class, when none can (e.g. its types may not be copyable). */
    readonly unjudged?: string;
}

export interface DrFinding {
    readonly severity: "error" | "warning";
    /** The dotted config path to change. */
    readonly path: string;
    readonly message: string;
    readonly achievedSeconds: number;
    readonly objectiveSeconds: number;
}

/** The disruption types AWS Resilience Hub sets objectives for, as far as this stack can be judged before deploy. */
export type DrDisruptionType = "region" | "az" | "corruption";

/**
 * The verdict for one disruption type. `not covered`: the stack cannot recover from it at all (a
 * single-region stack and the loss of its region); `no objective`: the stack declares none, so the
 * achieved values are shown but not judged.
 */
export interface DrDisruption {
    readonly type: DrDisruptionType;
    readonly verdict: "met" | "not met" | "not covered" | "no objective";
    readonly objectives: { readonly rtoSeconds: number | null; readonly rpoSeconds: number | null };
    /** Worst case; null where the type has no such objective (corruption has no RTO here) or it is unbounded. */
    readonly achieved: { readonly rtoSeconds: number | null; readonly rpoSeconds: number | null };
    readonly parts: readonly DrPart[];
    /** What the verdict rests on, in sentences. */
    readonly notes: readonly string[];
}

/** An assumption the worst case rests on: its value, where it is set, and whether the stack declared it. */
export interface DrAssumption {
    readonly name: string;
    readonly seconds: number;
    readonly path: string;
    readonly declared: boolean;
    readonly source: string;
}

/** An assumption the worst case rests on that no duration expresses. */
export interface DrPremise {
    readonly name: string;
    readonly source: string;
}

/** Whether a copy exists that an account administrator (or ransomware acting as one) cannot delete. */
export interface DrImmutableCopy {
    readonly exists: boolean;
    readonly reasons: readonly string[];
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
    /** Whether Route 53 follows the ALBs' target health (see DrModelInput.dns); unset when not known. */
    readonly targetHealth?: { readonly evaluated: boolean; readonly path: string };
    /** The verdict per disruption type; `region` is the one `objectives`/`achieved` above describe. */
    readonly disruptions: readonly DrDisruption[];
    readonly immutableCopy: DrImmutableCopy;
    /** Every assumption the worst cases rest on: they hold "given these assumptions". */
    readonly assumptions: readonly DrAssumption[];
    /** Assumptions that are not durations (no config field sets them), each with its source. */
    readonly premises: readonly DrPremise[];
    /** With a CDN: the read path and the write path, each against the regional RTO objective. */
    readonly requestPaths?: readonly DrRequestPath[];
}
