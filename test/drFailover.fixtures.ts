/** DR model inputs for the failover, disruption-type and simulation tests: a stack described field by field. */
import { recoveryPointObjective } from "../components/internal";
import { DrModelInput, DrStrategyName, FleetRecovery, RuleRecovery } from "../dr";

const at = (path: string) => `pulumi-aws-dr:${path}`;

/** A rule backing up into us-east-1, copied to us-west-2 when `copy`. */
export function backupRule(
    name: string,
    schedule: string,
    options: { copy?: boolean; startWindowMinutes?: number; completionWindowMinutes?: number; continuousBackup?: boolean } = {},
): RuleRecovery {
    const { copy = true, startWindowMinutes = 60, completionWindowMinutes = 120, continuousBackup } = options;
    return {
        rule: name,
        region: "us-east-1",
        path: at(`backup.rules.${name}`),
        schedule,
        rpo: recoveryPointObjective({ schedule, startWindowMinutes, completionWindowMinutes, continuousBackup, copyTo: copy ? [{ region: "us-west-2" }] : [] }, { vaultRegion: "us-east-1" }),
    };
}

/**
 * A fleet: the primary's desired and max, the standby's desired (and max, default the primary's),
 * 300 s warm-up, 3 × 10 s healthy and unhealthy checks, a 50 % CPU target.
 */
export function fleet(name: string, primary: { desired: number; max: number }, standby: { desired: number; max?: number }): FleetRecovery {
    return {
        targetGroup: name,
        instanceWarmupSeconds: { value: 300, path: at(`alb.targetGroups.${name}.fleet.instanceWarmupSeconds`) },
        healthyAfterSeconds: { value: 30, path: at(`alb.targetGroups.${name}.healthCheck`) },
        unhealthyAfterSeconds: 30,
        primary,
        standby: { desired: standby.desired, max: { value: standby.max ?? primary.max, path: at(`alb.targetGroups.${name}.fleet.${standby.max === undefined ? "max" : "standbyMax"}`) } },
        targetCpuPercent: 50,
    };
}

/** Route 53 health checks of `requestInterval × failureThreshold` on both records. */
export function checks(requestInterval: number, failureThreshold: number): DrModelInput["dns"] {
    return {
        breakdown: { detectSeconds: requestInterval * failureThreshold, ttlSeconds: 60 },
        healthCheckPath: at("dns.healthCheck"),
        automatic: true,
        healthCheck: { requestInterval, failureThreshold },
        standbyHealthCheck: { requestInterval, failureThreshold },
    };
}

/** A two-region stack of `strategy` with the model's default assumptions, one hourly copied rule and EBS backed up. */
export function stackInput(strategy: DrStrategyName, overrides: Partial<DrModelInput> = {}): DrModelInput {
    return {
        strategy,
        strategyPath: at("dr.strategy"),
        objectives: { rtoSeconds: { value: 3600, path: at("dr.objectives.rto") }, rpoSeconds: { value: 6 * 3600, path: at("dr.objectives.rpo") } },
        survivingRegions: ["us-west-2"],
        dns: checks(10, 3),
        fleets: [fleet("web", { desired: 4, max: 4 }, { desired: strategy === "pilot-light" ? 0 : strategy === "active-active" ? 4 : 2 })],
        backedUp: { basis: "the types the selections name", types: [{ resourceType: "EBS", restoreSeconds: { value: 4 * 3600, path: at("dr.assumptions.restoreTime") }, declared: false }] },
        fullSize: { value: "maximum", path: at("dr.fullSize") },
        scaleOutAlarmSeconds: { value: 180, path: at("dr.assumptions.scaleOutAlarm"), declared: false },
        scaleOutTriggerSeconds: { value: 1800, path: at("dr.assumptions.scaleOutTrigger"), declared: false },
        az: { zones: { value: 3, path: at("network.availabilityZoneCount") }, natGateways: { value: "onePerAz", path: at("network.natGateways") } },
        corruption: { detectionDelaySeconds: { value: 3 * 86400, path: at("dr.assumptions.corruptionDetection"), declared: false }, retentionDays: { hourly: 35 }, isolatedCopy: false },
        rules: [backupRule("hourly", "cron(0 * ? * * *)")],
        coldStorageRestoreSeconds: { value: 72 * 3600, path: at("dr.assumptions.coldStorageRestore"), declared: false },
        ...overrides,
    };
}

/** Objectives for the region (and optionally the other disruption types), in seconds. */
export function objectives(rto: number, rpo: number, more: { az?: [number, number]; corruptionRpo?: number } = {}): Pick<DrModelInput, "objectives"> {
    const sourced = (value: number, path: string) => ({ value, path: at(path) });
    return {
        objectives: {
            rtoSeconds: sourced(rto, "dr.objectives.rto"),
            rpoSeconds: sourced(rpo, "dr.objectives.rpo"),
            az: more.az && { rtoSeconds: sourced(more.az[0], "dr.objectives.az.rto"), rpoSeconds: sourced(more.az[1], "dr.objectives.az.rpo") },
            corruption: more.corruptionRpo === undefined ? undefined : { rpoSeconds: sourced(more.corruptionRpo, "dr.objectives.corruption.rpo") },
        },
    };
}
