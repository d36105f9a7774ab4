import * as pulumi from "@pulumi/pulumi";

/** `governance` or `compliance`: see `BackupVaultLock`. */
export const BackupVaultLockMode = {
    Governance: "governance",
    Compliance: "compliance",
} as const;
export type BackupVaultLockMode = (typeof BackupVaultLockMode)[keyof typeof BackupVaultLockMode];

/** Which recovery point a restore test restores. */
export const RestoreTestingAlgorithm = {
    LatestWithinWindow: "LATEST_WITHIN_WINDOW",
    RandomWithinWindow: "RANDOM_WITHIN_WINDOW",
} as const;
export type RestoreTestingAlgorithm = (typeof RestoreTestingAlgorithm)[keyof typeof RestoreTestingAlgorithm];

/** The kinds of recovery point a restore test may pick from. */
export const RecoveryPointType = {
    Snapshot: "SNAPSHOT",
    Continuous: "CONTINUOUS",
} as const;
export type RecoveryPointType = (typeof RecoveryPointType)[keyof typeof RecoveryPointType];

/** The unit of an audit frequency. */
export const BackupFrequencyUnit = {
    Hours: "hours",
    Days: "days",
} as const;
export type BackupFrequencyUnit = (typeof BackupFrequencyUnit)[keyof typeof BackupFrequencyUnit];

/** Where an audit's AWS Config recorder comes from: see `BackupAuditArgs.configRecorder`. */
export const ConfigRecorderSource = {
    Create: "create",
    Existing: "existing",
} as const;
export type ConfigRecorderSource = (typeof ConfigRecorderSource)[keyof typeof ConfigRecorderSource];

/** How often every plan must back up, for the audit's BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK. */
export interface BackupFrequency {
    /** `hours` or `days`. Required. */
    unit: BackupFrequencyUnit;
    /** How many units between backups. Required. */
    value: number;
}

/**
 * A vault lock. `governance`: privileged IAM principals can still change or remove it. `compliance`:
 * after `changeableForDays` nobody, not even the account root, can change it or delete recovery
 * points before their retention ends.
 */
export interface BackupVaultLock {
    /** `"governance"` or `"compliance"`. No default: a lock is only made when asked for. */
    mode: BackupVaultLockMode;
    /**
     * Compliance only, and required there: the cooling-off days (at least 3) during which the lock can still be
     * removed.
     * @default none; compliance mode requires it
     */
    changeableForDays?: number;
    /**
     * Shortest retention a recovery point may have, 1..36500 days.
     * @default none
     */
    minRetentionDays?: number;
    /**
     * Longest retention a recovery point may have, 1..36500 days, at least the minimum.
     * @default none
     */
    maxRetentionDays?: number;
}

export interface BackupVaultArgs {
    /**
     * Vault name, 2..50 letters, digits, hyphens and underscores. Copy vaults in other regions get the same name.
     * @default `<project>-<stack>-<component>-vault`
     */
    name?: string;
    /**
     * A KMS key (ARN) in the vault's region to encrypt recovery points with.
     * @default a customer managed key made here, with rotation on, a 30-day deletion window, and a key policy letting
     * AWS Backup use it
     */
    kmsKeyArn?: pulumi.Input<string>;
    /**
     * Vault lock, applied to the copy vaults made here too.
     * @default no lock
     */
    lock?: BackupVaultLock;
    /**
     * A vault access policy that denies `backup:DeleteRecoveryPoint` and `backup:UpdateRecoveryPointLifecycle`
     * to every principal but `allowedPrincipalArns`, and `backup:PutBackupVaultAccessPolicy` to every
     * principal but those and `deployerPrincipalArns`. Applied to the copy vaults made here too.
     * @default `true` (`backupDefaults.denyDeletePolicy`)
     */
    denyDeletePolicy?: boolean;
    /**
     * Principal ARNs (IAM roles or users, wildcards allowed) exempt from the whole deny-delete policy. With none,
     * nobody can delete a recovery point before it expires, which is the point.
     * @default none
     */
    allowedPrincipalArns?: pulumi.Input<string>[];
    /**
     * Principal ARNs (wildcards allowed) that may replace the vault access policy, and nothing more: the
     * role Pulumi deploys with, or the next `pulumi up` that changes the policy fails with AccessDenied.
     * They stay denied deleting recovery points. Give the role's ARN (`arn:aws:iam::<account>:role/<name>`),
     * not the session's: IAM matches `aws:PrincipalArn` against the role. Default: the principal running
     * the deployment, read from STS (an assumed role's role ARN). Set it when several principals deploy
     * the stack, or each deploy by another one rewrites the policy and the next is denied.
     * @default the principal running the deployment, read from STS
     */
    deployerPrincipalArns?: pulumi.Input<string>[];
    /**
     * With `protectStatefulResources`, the keys made here for the vaults deny `kms:ScheduleKeyDeletion`
     * and `kms:DisableKey` to every principal but these (a break-glass role), and `kms:PutKeyPolicy` to
     * every principal but these and the deployers: otherwise any account administrator holding `kms:*`
     * could destroy the key that encrypts the locked copies. The trade-off: with none, no one can
     * disable or delete the key, except a deployer who first rewrites the key policy through a reviewed
     * change.
     * @default none
     */
    keyBreakGlassPrincipalArns?: pulumi.Input<string>[];
}

/** How long recovery points are kept, and when they move to cold storage. */
export interface BackupLifecycle {
    /**
     * Days after creation to move to cold storage, 1..36500.
     * @default never
     */
    coldStorageAfterDays?: number;
    /**
     * Days after creation to delete, 1..36500; at least `coldStorageAfterDays + 90`.
     * @default `35` (`backupDefaults.deleteAfterDays`)
     */
    deleteAfterDays?: number;
    /**
     * Move recovery points of types that support it to the archive tier at `coldStorageAfterDays`.
     * @default false
     */
    optInToArchiveForSupportedResources?: boolean;
}

/**
 * Where a rule's recovery points are copied to: exactly one of `region` and `vaultArn` (checked with the other
 * inputs). One interface rather than a union of two shapes: Pulumi's schema inference accepts no unions.
 */
export interface BackupCopyDestination {
    /**
     * A region other than the vault's: this component makes one copy vault there (with its own key), shared by every
     * rule copying to that region.
     * @default none; give this or `vaultArn`
     */
    region?: string;
    /**
     * An existing vault in a region other than the vault's (checked once the ARN is a plain string).
     * Cross-account copies are not set up here: nothing is added on the destination side, and the
     * key made for the source vault trusts only this account. For a vault in another account, its
     * owner must add a vault access policy allowing `backup:CopyIntoBackupVault` to this account (or
     * the organization), encrypt that vault with a customer managed key of the destination account,
     * and turn on cross-account backup in the organization's management account; on this side, pass
     * `vault.kmsKeyArn` with a key whose policy also lets the destination account use it.
     * @default none; give this or `region`
     */
    vaultArn?: pulumi.Input<string>;
    /**
     * The copies' lifecycle.
     * @default the rule's lifecycle
     */
    lifecycle?: BackupLifecycle;
}

export interface BackupRuleArgs {
    /** AWS cron, `cron(minutes hours day-of-month month day-of-week year)`, at most hourly. Required. */
    schedule: string;
    /**
     * IANA time zone the schedule is read in, e.g. `"Europe/Paris"`.
     * @default UTC, AWS's default
     */
    scheduleTimezone?: string;
    /**
     * Minutes after the scheduled time within which the job must start, at least 60.
     * @default `480` (`backupDefaults.startWindowMinutes`): AWS's 8 h
     */
    startWindowMinutes?: number;
    /**
     * Minutes after the scheduled time within which the job must finish, at least `startWindowMinutes + 60`.
     * @default `10080` (`backupDefaults.completionWindowMinutes`): AWS's 7 days
     */
    completionWindowMinutes?: number;
    /**
     * Retention and cold storage.
     * @default `BackupLifecycle`'s defaults
     */
    lifecycle?: BackupLifecycle;
    /**
     * Continuous backup (point-in-time recovery) for the resource types that support it; retention at most 35 days.
     * @default false
     */
    continuousBackup?: boolean;
    /**
     * Tags on the recovery points, added to `tags`.
     * @default `tags` only
     */
    recoveryPointTags?: Record<string, string>;
    /**
     * Copies to other regions or accounts.
     * @default none
     */
    copyTo?: BackupCopyDestination[];
}

/** Resource-tag conditions, by tag key (`aws:ResourceTag/` is added when missing). All must hold. */
export interface BackupSelectionConditions {
    /**
     * Tag key to the exact value it must have.
     * @default none
     */
    stringEquals?: Record<string, string>;
    /**
     * Tag key to a pattern (`*` wildcards) its value must match.
     * @default none
     */
    stringLike?: Record<string, string>;
    /**
     * Tag key to a value it must not have.
     * @default none
     */
    stringNotEquals?: Record<string, string>;
    /**
     * Tag key to a pattern its value must not match.
     * @default none
     */
    stringNotLike?: Record<string, string>;
}

export interface BackupSelectionArgs {
    /**
     * Resource ARNs to back up, wildcards allowed (`"*"`: every supported resource).
     * @default none
     */
    resources?: pulumi.Input<string>[];
    /**
     * Resource ARNs to leave out, wildcards allowed.
     * @default none
     */
    notResources?: pulumi.Input<string>[];
    /**
     * Back up resources with any of these tags (key: value).
     * @default none
     */
    selectionTags?: Record<string, string>;
    /**
     * Narrow the selection to resources whose tags meet all these conditions.
     * @default none
     */
    conditions?: BackupSelectionConditions;
    /**
     * An IAM role for AWS Backup to use for this selection.
     * @default the component's shared backup role
     */
    roleArn?: pulumi.Input<string>;
    /**
     * Give the shared role the S3 backup and restore policies. Set it when S3 is selected by tags or conditions, or
     * by an ARN only known at deploy time.
     * @default true when a plain resource ARN is an S3 ARN or `"*"`
     */
    includeS3?: boolean;
}

export interface BackupNotificationsArgs {
    /**
     * `false` for no notifications at all (no topic, no vault notification settings).
     * @default true
     */
    enabled?: boolean;
    /**
     * An existing SNS topic in the vault's region; its policy must let `backup.amazonaws.com` publish.
     * @default a topic made here, encrypted with its own customer managed key
     */
    topicArn?: pulumi.Input<string>;
    /**
     * Existing SNS topics for the copy vaults made here, by copy region, each in that region (AWS Backup
     * notifies a topic in the vault's own region); each policy must let `backup.amazonaws.com` publish.
     * The copy vaults get the same `events`.
     * @default for each copy vault, a topic made here in its region, encrypted with its own customer managed key
     */
    copyTopicArns?: Record<string, pulumi.Input<string>>;
    /**
     * Vault events to send, from `BACKUP_VAULT_EVENTS`; deprecated events (BACKUP_JOB_FAILED, the *_SUCCESSFUL
     * ones...) are rejected, since AWS never sends them. The default events are BACKUP_JOB_COMPLETED,
     * COPY_JOB_FAILED, RESTORE_JOB_COMPLETED, RECOVERY_POINT_MODIFIED, plus CONTINUOUS_BACKUP_INTERRUPTED when a
     * rule has `continuousBackup`; no *_STARTED or COPY_JOB_SUCCESSFUL. BACKUP_JOB_COMPLETED is the only event that
     * reports failed backup jobs (message attribute `State`: FAILED, EXPIRED, ABORTED...), and it reports successful
     * ones too: give the on-call subscription the filter policy `{"State": [{"anything-but": "COMPLETED"}]}` so it
     * is not paged for each successful job.
     * @default `defaultNotificationEvents(rules)`: the events on-call acts on
     */
    events?: string[];
}

export interface BackupRestoreTestingArgs {
    /**
     * AWS cron for the restore tests.
     * @default `"cron(0 3 ? * SUN *)"` (`backupDefaults.restoreTesting.schedule`): weekly
     */
    schedule?: string;
    /**
     * IANA time zone of the schedule.
     * @default UTC, AWS's default
     */
    scheduleTimezone?: string;
    /**
     * Hours after the scheduled time within which the test must start, 1..168.
     * @default `24` (`backupDefaults.restoreTesting.startWindowHours`)
     */
    startWindowHours?: number;
    /** Resource types to test, each its own restore testing selection: Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3. Required. */
    resourceTypes: string[];
    /**
     * Which recovery point to restore: `LATEST_WITHIN_WINDOW` or `RANDOM_WITHIN_WINDOW`.
     * @default `"LATEST_WITHIN_WINDOW"` (`backupDefaults.restoreTesting.algorithm`)
     */
    algorithm?: RestoreTestingAlgorithm;
    /**
     * Recovery point types to pick from: `SNAPSHOT`, `CONTINUOUS`.
     * @default `["SNAPSHOT"]` (`backupDefaults.restoreTesting.recoveryPointTypes`)
     */
    recoveryPointTypes?: RecoveryPointType[];
    /**
     * Days back to pick recovery points from, 1..365.
     * @default `7` (`backupDefaults.restoreTesting.selectionWindowDays`)
     */
    selectionWindowDays?: number;
    /**
     * Hours to keep the restored resource for validation before it is deleted, 1..168.
     * @default AWS's default
     */
    validationWindowHours?: number;
    /**
     * Restore parameters per resource type, e.g. `{ RDS: { dbSubnetGroupName: "..." } }`.
     * @default none
     */
    restoreMetadataOverrides?: Record<string, Record<string, string>>;
    /**
     * IAM role for the restores.
     * @default the component's shared backup role
     */
    roleArn?: pulumi.Input<string>;
    /**
     * Also test restores from each copy vault this component makes, in its region: the path a regional disaster
     * takes. The same types, schedule and overrides apply there, so whatever an override names (a DB subnet group,
     * say) must exist in that region too.
     * @default false
     */
    inCopyRegions?: boolean;
}

/**
 * What the audit framework's resource controls judge: the resources this plan backs up, and no others
 * (the fleets' instances and volumes a stack deliberately leaves out would otherwise be reported as
 * unprotected). One of the two, as AWS's ControlScope takes them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ControlScope.html).
 */
export interface BackupAuditScope {
    /**
     * One tag key and its value: the resources carrying it.
     * @default none
     */
    tag?: Record<string, string>;
    /**
     * AWS Backup resource types (`Aurora`, `DynamoDB`, `EBS`, `EC2`, `EFS`, `RDS`, `S3`): every resource of them.
     * @default none
     */
    resourceTypes?: string[];
}

export interface BackupAuditArgs {
    /**
     * Where AWS Config records for the framework: AWS leaves a framework inactive, reporting nothing,
     * without a configuration recorder in its region that records the AWS Backup resource types
     * (https://docs.aws.amazon.com/aws-backup/latest/devguide/turning-on-resource-tracking.html). `"create"`
     * makes one here (recorder, delivery channel to a private encrypted bucket, role with AWS_ConfigRole) and
     * starts it. AWS allows one customer managed recorder per account and region
     * (https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html), so `"create"` fails
     * where the account already has one (Control Tower, a security team's): say `"existing"` there, and make
     * sure it records `AUDIT_RECORDED_RESOURCE_TYPES`. No default: only the account's owner knows.
     */
    configRecorder: ConfigRecorderSource;
    /**
     * The resources the resource controls judge.
     * @default `auditScopeOf(selections)`: the one tag, or the resource types, every selection picks by;
     * a plan whose selections share neither must say
     */
    scope?: BackupAuditScope;
    /**
     * The frequency every plan must meet.
     * @default `{ unit: "days", value: 1 }` (`backupDefaults.audit.minimumFrequency`): AWS's default
     */
    minimumFrequency?: BackupFrequency;
    /**
     * The retention every plan and recovery point must meet, 1..36500 days.
     * @default `35` (`backupDefaults.audit.requiredRetentionDays`): AWS's default
     */
    requiredRetentionDays?: number;
    /**
     * Adds the RESTORE_TIME_FOR_RESOURCES_MEET_TARGET control: every restore job (restore testing's or a person's)
     * must finish within this many minutes. Set it to the restore time the DR report assumes
     * (`dr.assumptions.restoreTime`), so AWS checks the assumption the RTO stands on.
     * @default not audited
     */
    maxRestoreMinutes?: number;
}

export interface BackupPlanArgs {
    /**
     * The vault recovery points go to.
     * @default a vault named for the component, with its own key, the deny-delete policy and no lock
     */
    vault?: BackupVaultArgs;
    /**
     * Rules by name (1..50 letters, digits, `-`, `_`, `.`): when to back up, for how long, and where to
     * copy. At least one. The name is the rule's name in AWS, so config reads `rules.daily.schedule`.
     */
    rules: Record<string, BackupRuleArgs>;
    /** Selections by name: what to back up. At least one, each selecting something. */
    selections: Record<string, BackupSelectionArgs>;
    /**
     * Vault event notifications to SNS; `{ enabled: false }` for none.
     * @default a topic made here, with the default events
     */
    notifications?: BackupNotificationsArgs;
    /**
     * A restore testing plan that restores recovery points on a schedule and deletes the result.
     * @default none
     */
    restoreTesting?: BackupRestoreTestingArgs;
    /**
     * An AWS Backup Audit Manager framework, scoped to what the plan backs up, with the AWS Config recorder
     * it needs when asked to make one.
     * @default none
     */
    audit?: BackupAuditArgs;
    /**
     * Region of the vault, plan and everything else except copy vaults (v7 per-resource `region`).
     * Required with an aws provider in the options, whose region is unknown until deploy.
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Protect the vaults and keys from deletion and replacement, and retain them on delete. When false
     * the stack may be torn down: destroy deletes the vaults' recovery points (`forceDestroy`), and a
     * compliance lock, which forbids that, is refused.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource, and for the recovery points.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The vault events AWS Backup sends (developer guide, "Notification options with AWS Backup"). The
 * S3_* and EKS_* ones fire per object, only for those resource types. The API still accepts
 * `DEPRECATED_BACKUP_VAULT_EVENTS` but never sends them.
 */
export const BACKUP_VAULT_EVENTS = [
    "BACKUP_JOB_STARTED",
    "BACKUP_JOB_COMPLETED",
    "CONTINUOUS_BACKUP_INTERRUPTED",
    "COPY_JOB_STARTED",
    "COPY_JOB_SUCCESSFUL",
    "COPY_JOB_FAILED",
    "RESTORE_JOB_STARTED",
    "RESTORE_JOB_COMPLETED",
    "RECOVERY_POINT_MODIFIED",
    "RECOVERY_POINT_INDEX_COMPLETED",
    "RECOVERY_POINT_INDEX_DELETED",
    "RECOVERY_POINT_INDEXING_FAILED",
    "S3_BACKUP_OBJECT_FAILED",
    "S3_RESTORE_OBJECT_FAILED",
    "EKS_BACKUP_OBJECT_FAILED",
    "EKS_RESTORE_OBJECT_FAILED",
    "EKS_RESTORE_OBJECT_SKIPPED",
] as const;

/** Events the API accepts but AWS no longer sends: a subscription to them would stay silent. */
export const DEPRECATED_BACKUP_VAULT_EVENTS = [
    "BACKUP_JOB_SUCCESSFUL",
    "BACKUP_JOB_FAILED",
    "BACKUP_JOB_EXPIRED",
    "RESTORE_JOB_SUCCESSFUL",
    "RESTORE_JOB_FAILED",
    "BACKUP_PLAN_CREATED",
    "BACKUP_PLAN_MODIFIED",
] as const;

/** Resource types a restore testing selection can test. */
export const RESTORE_TESTING_RESOURCE_TYPES = [
    "Aurora",
    "DocumentDB",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "FSx",
    "Neptune",
    "RDS",
    "S3",
] as const;

export const backupDefaults = {
    /** AWS's default start window, 8 h. */
    startWindowMinutes: 480,
    /** AWS's default completion window, 7 days. */
    completionWindowMinutes: 10080,
    deleteAfterDays: 35,
    denyDeletePolicy: true,
    /**
     * Without CONTINUOUS_BACKUP_INTERRUPTED, which `defaultNotificationEvents` adds for continuous rules.
     * BACKUP_JOB_COMPLETED is here because it is the only event that reports failed backup jobs.
     */
    notificationEvents: ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED"],
    restoreTesting: {
        schedule: "cron(0 3 ? * SUN *)",
        startWindowHours: 24,
        algorithm: "LATEST_WITHIN_WINDOW",
        recoveryPointTypes: ["SNAPSHOT"],
        selectionWindowDays: 7,
    },
    audit: {
        minimumFrequency: { unit: "days", value: 1 },
        requiredRetentionDays: 35,
        /** Days the delivery bucket of a recorder made here keeps AWS Config's history and snapshot files. */
        configDeliveryExpirationDays: 365,
    },
} as const;

/** The vault events sent when `notifications.events` is not given: `backupDefaults.notificationEvents`, plus CONTINUOUS_BACKUP_INTERRUPTED when a rule has continuous backup. */
export function defaultNotificationEvents(rules: Record<string, BackupRuleArgs>): string[] {
    const continuous = Object.values(rules).some((rule) => rule.continuousBackup === true);
    return [...backupDefaults.notificationEvents, ...(continuous ? ["CONTINUOUS_BACKUP_INTERRUPTED"] : [])];
}

/** The regions of the copy vaults this component makes: every `{ region }` copy destination, once each. */
export function copyVaultRegions(rules: Record<string, BackupRuleArgs>): string[] {
    return [
        ...new Set(
            Object.values(rules ?? {}).flatMap((rule) =>
                (rule.copyTo ?? []).flatMap((d) => (d.region !== undefined ? [d.region] : [])),
            ),
        ),
    ];
}
