/** DR model inputs for the failover, disruption-type and simulation tests: a stack described field by field. */
import { BackupLifecycle, BackupRuleArgs } from "../components";
import { consecutiveChecksSeconds, HEALTH_CHECK_TIMEOUT_SECONDS, recoveryPointObjective } from "../components/internal";
import { DrModelInput, DrStrategyName, FleetRecovery, RuleRecovery } from "../dr";

const at = (path: string) => `pulumi-aws-dr:${path}`;

/** A rule backing up into us-east-1, copied to us-west-2 (with `copyLifecycle`, default the rule's) when `copy`. */
export function backupRule(
    name: string,
    schedule: string,
    options: Omit<BackupRuleArgs, "schedule" | "copyTo"> & {
        copy?: boolean;
        copyLifecycle?: BackupLifecycle;
        copyLagMinutes?: number;
    } = {},
): RuleRecovery {
    const {
        copy = true,
        startWindowMinutes = 60,
        completionWindowMinutes = 120,
        copyLifecycle,
        copyLagMinutes,
        ...rest
    } = options;
    const copyTo = copy ? [{ region: "us-west-2", lifecycle: copyLifecycle }] : [];
    return {
        rule: name,
        region: "us-east-1",
        path: at(`backup.rules.${name}`),
        schedule,
        scheduleTimezone: rest.scheduleTimezone,
        rpo: recoveryPointObjective(
            { schedule, startWindowMinutes, completionWindowMinutes, copyTo, ...rest },
            { vaultRegion: "us-east-1", name, copyLagMinutes },
        ),
    };
}

/**
 * A fleet: the primary's desired and max, the standby's desired (and max, default the primary's),
 * 300 s warm-up, 3 × 10 s healthy and unhealthy checks, a 50 % CPU target.
 */
export function fleet(
    name: string,
    primary: { desired: number; max: number },
    standby: { desired: number; max?: number },
): FleetRecovery {
    return {
        targetGroup: name,
        instanceWarmupSeconds: { value: 300, path: at(`alb.targetGroups.${name}.fleet.instanceWarmupSeconds`) },
        healthyAfterSeconds: { value: 30, path: at(`alb.targetGroups.${name}.healthCheck`) },
        unhealthyAfterSeconds: 30,
        primary,
        standby: {
            desired: standby.desired,
            max: {
                value: standby.max ?? primary.max,
                path: at(`alb.targetGroups.${name}.fleet.${standby.max === undefined ? "max" : "standbyMax"}`),
            },
        },
        targetCpuPercent: 50,
    };
}

/**
 * HTTPS Route 53 health checks on both records: a failing check waits 6 s (4 s to connect, 2 s for a status),
 * so detection takes `failureThreshold × (requestInterval + 6)`.
 */
export function checks(requestInterval: number, failureThreshold: number): DrModelInput["dns"] {
    const check = { requestInterval, failureThreshold, timeoutSeconds: HEALTH_CHECK_TIMEOUT_SECONDS.HTTPS };
    return {
        breakdown: { detectSeconds: consecutiveChecksSeconds(check), ttlSeconds: 60 },
        healthCheckPath: at("dns.healthCheck"),
        automatic: true,
        healthCheck: check,
        standbyHealthCheck: check,
    };
}

/** EBS backed up, restored in `seconds` (declared when not the 4h default). */
export const ebsRestoredIn = (seconds: number): DrModelInput["backedUp"] => ({
    basis: "the types the selections name",
    types: [
        {
            resourceType: "EBS",
            restoreSeconds: { value: seconds, path: at("dr.assumptions.restoreTime") },
            declared: seconds !== 4 * 3600,
        },
    ],
});
const ebsBackedUp = ebsRestoredIn(4 * 3600);

/** No stateful type backed up: the RTO is failover alone. */
export const stateless: Pick<DrModelInput, "backedUp"> = {
    backedUp: { basis: "no selection names a stateful type", types: [] },
};

/** A two-region stack of `strategy` with the model's default assumptions, one hourly copied rule and EBS backed up. */
export function stackInput(strategy: DrStrategyName, overrides: Partial<DrModelInput> = {}): DrModelInput {
    return {
        strategy,
        strategyPath: at("dr.strategy"),
        // 9h: the hourly rule's true worst case once jobs queue one per resource (1h + 2h + 2h copy hold the
        // resource, so every 4th job runs: 4h + 5h; https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html).
        objectives: {
            rtoSeconds: { value: 3600, path: at("dr.objectives.rto") },
            rpoSeconds: { value: 9 * 3600, path: at("dr.objectives.rpo") },
        },
        survivingRegions: ["us-west-2"],
        dns: checks(10, 3),
        fleets: [
            fleet(
                "web",
                { desired: 4, max: 4 },
                { desired: strategy === "pilot-light" ? 0 : strategy === "active-active" ? 4 : 2 },
            ),
        ],
        // EBS backed up, restored in 4h when the strategy must restore it; failover cases that are not about
        // data pass `stateless` (with data only in AWS Backup copies every strategy restores it first).
        backedUp: ebsBackedUp,
        fullSize: { value: "maximum", path: at("dr.fullSize") },
        scaleOutAlarmSeconds: { value: 180, path: at("dr.assumptions.scaleOutAlarm"), declared: false },
        scaleOutTriggerSeconds: { value: 1800, path: at("dr.assumptions.scaleOutTrigger"), declared: false },
        az: {
            zones: { value: 3, path: at("network.availabilityZoneCount") },
            natGateways: { value: "onePerAz", path: at("network.natGateways") },
        },
        corruption: {
            detectionDelaySeconds: {
                value: 3 * 86400,
                path: at("dr.assumptions.corruptionDetection"),
                declared: false,
            },
            retentionDays: { hourly: 35 },
            isolatedCopy: false,
        },
        rules: [backupRule("hourly", "cron(0 * ? * * *)")],
        coldStorageRestoreSeconds: { value: 72 * 3600, path: at("dr.assumptions.coldStorageRestore"), declared: false },
        ...overrides,
    };
}

/** Objectives for the region (and optionally the other disruption types), in seconds. */
export function objectives(
    rto: number,
    rpo: number,
    more: { az?: [number, number]; corruptionRpo?: number } = {},
): Pick<DrModelInput, "objectives"> {
    const sourced = (value: number, path: string) => ({ value, path: at(path) });
    return {
        objectives: {
            rtoSeconds: sourced(rto, "dr.objectives.rto"),
            rpoSeconds: sourced(rpo, "dr.objectives.rpo"),
            az: more.az && {
                rtoSeconds: sourced(more.az[0], "dr.objectives.az.rto"),
                rpoSeconds: sourced(more.az[1], "dr.objectives.az.rpo"),
            },
            corruption:
                more.corruptionRpo === undefined
                    ? undefined
                    : { rpoSeconds: sourced(more.corruptionRpo, "dr.objectives.corruption.rpo") },
        },
    };
}

/**
 * Failover automation as the component's defaults declare it: a canary every 60 s with a 10 s timeout, a probe
 * alarm of 2 × 60 s, a DNS witness alarm of 2 × 60 s, and the 1 min automation-start assumption.
 */
export function failoverFixture(
    mode: "automatic" | "manual",
    overrides: Partial<NonNullable<DrModelInput["failover"]>> = {},
): NonNullable<DrModelInput["failover"]> {
    return {
        mode: { value: mode, path: at("dr.failover.mode") },
        ...(mode === "manual" ? { owner: "platform-oncall" } : {}),
        probeIntervalSeconds: { value: 60, path: at("dr.failover.probe.intervalMinutes") },
        probeTimeoutSeconds: { value: 10, path: at("dr.failover.probe.timeoutSeconds") },
        probeAlarmSeconds: { value: 120, path: at("dr.failover.probe") },
        dnsAlarmSeconds: { value: 120, path: at("dr.failover.dns") },
        automationStart: { value: 60, path: at("dr.assumptions.automationStart"), declared: false },
        probeReachesPrimary: true,
        ...overrides,
    };
}

/** Aurora backed up and replicated by a global database whose promotion takes `seconds` (default 10 min). */
export function auroraReplicated(seconds = 600): Pick<DrModelInput, "backedUp" | "replicatedStores"> {
    return {
        backedUp: {
            basis: "the data tier's stores (Aurora)",
            types: [
                {
                    resourceType: "Aurora",
                    restoreSeconds: { value: 4 * 3600, path: at("dr.assumptions.restoreTime") },
                    declared: false,
                },
            ],
        },
        replicatedStores: [
            {
                resourceType: "Aurora",
                mechanism: "Aurora Global Database",
                promotionSeconds: { value: seconds, path: at("dr.assumptions.databasePromotion") },
                assumption: true,
                source: "global failover",
            },
        ],
    };
}
