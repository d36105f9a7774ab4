/**
 * The one entry point into the library's internals for this repository's own program, config, DR model
 * and tools: pure validators, limits and helpers that are not part of the published API (package.json
 * `exports` does not list this file). It loads no `@pulumi/aws` code, so the config loader and the DR
 * model stay fast to import. Code outside `components/` imports `components`, `components/<name>` or this
 * file, never a component's inner files (eslint `no-restricted-imports` enforces it).
 */
export { InputProblem, InvalidInputError, REDACTED, describeValue, formatProblem } from "./shared/errors";
export { regions, supportedRegions, isSupportedRegion } from "./shared/regions";
export { statefulOptions } from "./shared/tags";
export { loadBalancerName, nameLimits, physicalName } from "./shared/naming";
export { validateAlbArgs, albLimits } from "./alb/validate";
export { resolveHealthCheck } from "./alb/healthCheck";
export { ruleConditions } from "./alb/rules";
export { AlbFixedResponseContentType, AlbRedirectProtocol, AlbRedirectStatusCode } from "./alb/args";
export { validateBackupPlanArgs, backupLimits } from "./backup/validate";
export { RESTORE_TESTING_RESOURCE_TYPES } from "./backup/args";
export { MIN_SCHEDULE_INTERVAL_MINUTES } from "./backup/schedule";
export { recoveryPointObjective } from "./backup/rpo";
export { backupCalendar, BackupCalendarInput, CalendarTiming, WorstLoss } from "./backup/calendar";
export { validateCertificateArgs } from "./certificate/validate";
export { validateCdnArgs, validateWebAclArgs, originFailoverSeconds, ORIGIN_LIMITS } from "./cdn/validate";
export { cdnDefaults } from "./cdn/args";
export { healthCheckDefaults } from "./dns/args";
export { validateFailoverDnsArgs, ROUTE53_LIMITS } from "./dns/validate";
export { ELB_ALIAS_TTL_SECONDS, failoverBreakdown } from "./dns/failoverTime";
export { healthCheckOf } from "./dns/routing";
export { fleetDefaults } from "./fleet/args";
export { MAX_FLEET_SIZE, validateFleetArgs } from "./fleet/validate";
export { bitsFor, carve, formatCidr, parseCidr } from "./network/cidr";
export { validateNetworkArgs } from "./network/validate";
export { validateReplicatedBucketArgs } from "./bucket/validate";
export { validateGlobalTableArgs } from "./table/validate";
export { validateGlobalDatabaseArgs, supportsWriteForwarding } from "./database/validate";
export { globalDatabaseDefaults, GLOBAL_DB_RPO_RANGE } from "./database/args";
export { replicatedBucketDefaults } from "./bucket/args";
export { globalTableDefaults } from "./table/args";
export { networkDefaults } from "./network/args";
export { failoverDefaults, failoverLimits, isAlarmPeriod } from "./failover/args";
export { validateFailoverAutomationArgs } from "./failover/validate";
