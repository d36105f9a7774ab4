/**
 * The recovery point objective one backup rule allows, by the formulas of the DR model
 * (docs/dr-report.md). Pure; no Pulumi.
 */
import { isDeferred } from "../shared/validation";
import { BackupCopyDestination, backupDefaults, BackupRuleArgs } from "./args";
import { daylightSavingShiftMinutes, parseBackupSchedule } from "./schedule";

export const rpoAssumptions = {
    /** Continuous backup restores to any point up to about 5 minutes ago, in its own region only. */
    continuousBackupSeconds: 300,
    /**
     * AWS publishes no bound on cross-region copy time. The model assumes a copy finishes within the
     * rule's completion window (issue 8), unless the caller declares its own `copyLagMinutes`.
     */
    copyLag: "the rule's completion window",
} as const;

export interface RecoveryPointObjectiveParts {
    /** Worst-case interval between two scheduled runs (parseBackupSchedule), in seconds. */
    readonly scheduleGapSeconds: number;
    /** The start window: how late a job may start. */
    readonly startWindowSeconds: number;
    /** The completion window: how late a job may finish. */
    readonly completionWindowSeconds: number;
    /** Extra gap a daylight-saving change adds when the schedule is read in a local time zone. */
    readonly daylightSavingSeconds: number;
    /** Cross-region copy time; undefined when the rule copies to no other region. */
    readonly copyLagSeconds: number | undefined;
    /** True when `copyLagSeconds` is the model's assumption (rpoAssumptions.copyLag), not a declared value. */
    readonly copyLagAssumed: boolean;
    /** The continuous-backup RPO when the rule has continuous backup, else undefined. */
    readonly continuousBackupSeconds: number | undefined;
    /** Regions other than the vault's that the rule's copies land in. */
    readonly copyRegions: readonly string[];
}

export interface RecoveryPointObjective {
    /** Worst-case data loss for a failure inside the vault's region (continuous backup when on, else the snapshot formula). */
    readonly inRegionSeconds: number;
    /** Worst-case data loss for the loss of the vault's region; undefined when no copy lands in another region. */
    readonly crossRegionSeconds: number | undefined;
    readonly parts: RecoveryPointObjectiveParts;
}

export interface RecoveryPointObjectiveOptions {
    /** The vault's region; copies to other regions count for the regional RPO. Default: any known destination region counts. */
    readonly vaultRegion?: string;
    /** Declared cross-region copy time in minutes. Default: the rule's completion window (rpoAssumptions.copyLag). */
    readonly copyLagMinutes?: number;
}

/** The region a copy lands in: given, or read from a plain vault ARN; undefined while the ARN is an Output. */
export function copyDestinationRegion(destination: BackupCopyDestination): string | undefined {
    if ("region" in destination) return destination.region;
    const arn = destination.vaultArn;
    if (isDeferred(arn) || typeof arn !== "string") return undefined;
    return /^arn:[\w-]+:backup:([a-z0-9-]+):/.exec(arn)?.[1];
}

/**
 * The RPO a rule allows. Snapshots: `gap + startWindow + completionWindow` (+ a daylight-saving
 * hour for local-time schedules) in region, plus the copy lag across regions. Continuous backup
 * makes the in-region RPO about 5 minutes; across regions only the copied snapshots count.
 * A copy whose vault ARN is not known yet does not count, so the answer stays a worst case.
 * Throws when the schedule is invalid.
 */
export function recoveryPointObjective(rule: BackupRuleArgs, options: RecoveryPointObjectiveOptions = {}): RecoveryPointObjective {
    const startWindowMinutes = rule.startWindowMinutes ?? backupDefaults.startWindowMinutes;
    const completionWindowMinutes = rule.completionWindowMinutes ?? backupDefaults.completionWindowMinutes;
    const scheduleGapSeconds = parseBackupSchedule(rule.schedule) * 60;
    const daylightSavingSeconds = daylightSavingShiftMinutes(rule.scheduleTimezone) * 60;
    const snapshotSeconds = scheduleGapSeconds + (startWindowMinutes + completionWindowMinutes) * 60 + daylightSavingSeconds;

    const copyRegions = [...new Set((rule.copyTo ?? []).map(copyDestinationRegion))].filter(
        (r): r is string => r !== undefined && r !== options.vaultRegion,
    );
    const copyLagSeconds = copyRegions.length > 0 ? (options.copyLagMinutes ?? completionWindowMinutes) * 60 : undefined;
    const continuousBackupSeconds = rule.continuousBackup ? rpoAssumptions.continuousBackupSeconds : undefined;
    return {
        inRegionSeconds: continuousBackupSeconds ?? snapshotSeconds,
        crossRegionSeconds: copyLagSeconds === undefined ? undefined : snapshotSeconds + copyLagSeconds,
        parts: {
            scheduleGapSeconds,
            startWindowSeconds: startWindowMinutes * 60,
            completionWindowSeconds: completionWindowMinutes * 60,
            daylightSavingSeconds,
            copyLagSeconds,
            copyLagAssumed: copyLagSeconds !== undefined && options.copyLagMinutes === undefined,
            continuousBackupSeconds,
            copyRegions,
        },
    };
}
