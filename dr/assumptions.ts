/**
 * Documented assumptions of the DR model (docs/dr-report.md). AWS publishes no bound
 * for these; a stack may override each one under `pulumi-aws-dr:dr.assumptions`, and the report marks
 * every part that rests on one.
 */
export const drAssumptions = {
    /**
     * backup-restore: time to run `pulumi up` in the recovery region and restore one resource type
     * from its copied recovery points; the stack is back when its slowest type is. AWS Backup's
     * RESTORE_TIME_FOR_RESOURCES_MEET_TARGET control can audit the restore half of it. AWS publishes
     * no bound for any type (the nearest is a typical figure: DynamoDB restores "usually" take less
     * than an hour, AWS Knowledge Center), so every type has the same default, 4 h: the whitepaper
     * "Disaster Recovery of Workloads on AWS" puts backup & restore RTO in "hours". A stack declares
     * its own under `dr.assumptions.restoreTime`, once for every type or per type.
     */
    restoreSeconds: 4 * 3600,
    /**
     * pilot light: time until an alarm action or an operator's runbook raises the standby fleet from
     * zero. Target tracking cannot do it (a fleet of zero has no CPU to measure). Default 5 min.
     */
    scaleOutTriggerSeconds: 300,
    /**
     * Expected case only: how long a backup job typically runs, and a copy typically takes. The worst
     * case uses the rule's windows instead, because AWS only promises those.
     */
    typicalJobSeconds: 3600,
} as const;
