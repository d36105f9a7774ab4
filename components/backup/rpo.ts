/**
 * The recovery point objective of backup rules, by the formulas of the DR model (docs/dr-model.md,
 * "Backups and RPO"). Pure; no Pulumi.
 */
import { isDeferred } from "../shared/validation";
import { BackupCopyDestination, backupDefaults, BackupRuleArgs } from "./args";
import { CalendarRule } from "./calendar";
import { parseBackupSchedule } from "./schedule";

export const rpoAssumptions = {
    /** Continuous backup restores to any point up to about 5 minutes ago, in its own region only. */
    continuousBackupSeconds: 300,
    /**
     * AWS publishes no bound on cross-region copy time: the first copy to a region is a full copy,
     * later ones incremental, and copy jobs that hit errors are retried
     * (https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html). The model
     * assumes a copy lands within the rule's completion window after its backup, unless the stack
     * declares `dr.assumptions.copyLag`. The worst case holds given this assumption.
     */
    copyLag: "the rule's completion window",
} as const;

export interface RecoveryPointObjectiveParts {
    /** Worst-case interval between two scheduled runs of the rule alone (parseBackupSchedule, in its zone), in seconds. */
    readonly scheduleGapSeconds: number;
    /** The start window: how late a job may start. */
    readonly startWindowSeconds: number;
    /** The completion window: how long a started job may run. */
    readonly completionWindowSeconds: number;
    /** Cross-region copy time; undefined when the rule copies to no other region. */
    readonly copyLagSeconds: number | undefined;
    /** True when `copyLagSeconds` is the model's assumption (rpoAssumptions.copyLag), not a declared value. */
    readonly copyLagAssumed: boolean;
    /** The continuous-backup RPO when the rule has continuous backup, else undefined. */
    readonly continuousBackupSeconds: number | undefined;
    /** Regions other than the vault's that the rule's copies land in. */
    readonly copyRegions: readonly string[];
    /** True when the rule moves EBS snapshots to the archive tier (`optInToArchiveForSupportedResources`). */
    readonly archivesEbs: boolean;
}

export interface RecoveryPointObjective {
    /** The rule alone, for a failure inside the vault's region (continuous backup when on, else the snapshot formula). */
    readonly inRegionSeconds: number;
    /** The rule alone, for the loss of the vault's region; undefined when no copy lands in another region. */
    readonly crossRegionSeconds: number | undefined;
    readonly parts: RecoveryPointObjectiveParts;
    /**
     * The rule as the backup calendar reads it (backupCalendar): with the other rules of its plan it
     * gives the plan's real worst case, overlapping rules and retention included.
     */
    readonly calendar: CalendarRule;
}

export interface RecoveryPointObjectiveOptions {
    /** The vault's region; copies to other regions count for the regional RPO. Default: any known destination region counts. */
    readonly vaultRegion?: string;
    /** Declared cross-region copy time in minutes. Default: the rule's completion window (rpoAssumptions.copyLag). */
    readonly copyLagMinutes?: number;
    /** The rule's name in its plan, for the calendar. Default "rule". */
    readonly name?: string;
}

/** The region a copy lands in: given, or read from a plain vault ARN; undefined while the ARN is an Output. */
export function copyDestinationRegion(destination: BackupCopyDestination): string | undefined {
    if (destination.region !== undefined) return destination.region;
    const arn = destination.vaultArn;
    if (isDeferred(arn) || typeof arn !== "string") return undefined;
    return /^arn:[\w-]+:backup:([a-z0-9-]+):/.exec(arn)?.[1];
}

/**
 * The RPO a rule allows on its own. Snapshots: `gap + startWindow + completionWindow` in region,
 * plus the copy lag across regions; the gap of a local-time schedule counts its daylight-saving
 * changes. Continuous backup makes the in-region RPO about 5 minutes; across regions only the
 * copied snapshots count. A copy whose vault ARN is not known yet does not count, so the answer
 * stays a worst case. A plan's worst case also depends on its other rules: see `calendar`.
 * Throws when the schedule is invalid.
 */
export function recoveryPointObjective(
    rule: BackupRuleArgs,
    options: RecoveryPointObjectiveOptions = {},
): RecoveryPointObjective {
    const startWindowMinutes = rule.startWindowMinutes ?? backupDefaults.startWindowMinutes;
    const completionWindowMinutes = rule.completionWindowMinutes ?? backupDefaults.completionWindowMinutes;
    const scheduleGapSeconds = parseBackupSchedule(rule.schedule, undefined, rule.scheduleTimezone) * 60;
    const snapshotSeconds = scheduleGapSeconds + (startWindowMinutes + completionWindowMinutes) * 60;

    const destinations = (rule.copyTo ?? [])
        .map((d) => ({ region: copyDestinationRegion(d), lifecycle: d.lifecycle ?? rule.lifecycle }))
        .filter(
            (d): d is { region: string; lifecycle: typeof rule.lifecycle } =>
                d.region !== undefined && d.region !== options.vaultRegion,
        );
    const copyRegions = [...new Set(destinations.map((d) => d.region))];
    const copyMinutes = options.copyLagMinutes ?? completionWindowMinutes;
    const copyLagSeconds = copyRegions.length > 0 ? copyMinutes * 60 : undefined;
    const continuousBackupSeconds = rule.continuousBackup ? rpoAssumptions.continuousBackupSeconds : undefined;
    const deleteAfterDays = (lifecycle: BackupRuleArgs["lifecycle"]) =>
        lifecycle?.deleteAfterDays ?? backupDefaults.deleteAfterDays;
    return {
        inRegionSeconds: continuousBackupSeconds ?? snapshotSeconds,
        crossRegionSeconds: copyLagSeconds === undefined ? undefined : snapshotSeconds + copyLagSeconds,
        parts: {
            scheduleGapSeconds,
            startWindowSeconds: startWindowMinutes * 60,
            completionWindowSeconds: completionWindowMinutes * 60,
            copyLagSeconds,
            copyLagAssumed: copyLagSeconds !== undefined && options.copyLagMinutes === undefined,
            continuousBackupSeconds,
            copyRegions,
            archivesEbs: rule.lifecycle?.optInToArchiveForSupportedResources === true,
        },
        calendar: {
            name: options.name ?? "rule",
            schedule: rule.schedule,
            scheduleTimezone: rule.scheduleTimezone,
            startWindowMinutes,
            completionWindowMinutes,
            deleteAfterDays: deleteAfterDays(rule.lifecycle),
            coldStorageAfterDays: rule.lifecycle?.coldStorageAfterDays,
            copies: destinations.map((d) => ({
                region: d.region,
                deleteAfterDays: deleteAfterDays(d.lifecycle),
                coldStorageAfterDays: d.lifecycle?.coldStorageAfterDays,
                copyMinutes,
            })),
        },
    };
}
