export {
    BackupPlan,
    BACKUP_PLAN_TYPE,
    BACKUP_PLAN_TAG,
    DENIED_VAULT_ACTIONS,
    DEPLOYER_ONLY_VAULT_ACTIONS,
    BACKUP_ROLE_POLICIES,
    S3_BACKUP_ROLE_POLICIES,
} from "./backupPlan";
export {
    BackupPlanArgs,
    BackupVaultArgs,
    BackupVaultLock,
    BackupRuleArgs,
    BackupLifecycle,
    BackupCopyDestination,
    BackupSelectionArgs,
    BackupSelectionConditions,
    BackupNotificationsArgs,
    BackupRestoreTestingArgs,
    BackupAuditArgs,
    BackupAuditScope,
    ConfigRecorderSource,
    backupDefaults,
    defaultNotificationEvents,
    BACKUP_VAULT_EVENTS,
    DEPRECATED_BACKUP_VAULT_EVENTS,
    RESTORE_TESTING_RESOURCE_TYPES,
} from "./args";
export {
    auditScopeOf,
    auditRecordedResourceTypes,
    AUDIT_RECORDED_RESOURCE_TYPES,
    AUDIT_SCOPE_RESOURCE_TYPES,
} from "./audit";
export { validateBackupPlanArgs, validateLifecycle, retentionDays, backupLimits } from "./validate";
export {
    parseBackupSchedule,
    validateBackupSchedule,
    scheduledRuns,
    DAYLIGHT_SAVING_TREATMENT,
    isTimeZone,
    ScheduledRuns,
    SCHEDULE_REFERENCE_WINDOW,
    MIN_SCHEDULE_INTERVAL_MINUTES,
    ScheduleWindow,
} from "./schedule";
export {
    recoveryPointObjective,
    copyDestinationRegion,
    rpoAssumptions,
    RecoveryPointObjective,
    RecoveryPointObjectiveParts,
    RecoveryPointObjectiveOptions,
} from "./rpo";
export {
    backupCalendar,
    BackupCalendar,
    BackupCalendarInput,
    BackupCalendarOptions,
    CalendarRule,
    CalendarCopy,
    CalendarTiming,
    RecoveryPoint,
    DisplacedJob,
    WorstLoss,
} from "./calendar";
