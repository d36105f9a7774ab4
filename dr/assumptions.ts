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
     * pilot light: time until the standby fleet is raised from zero. Target tracking cannot do it (a
     * fleet of zero has no CPU to measure), and this library wires no alarm action, so it is a manual
     * step: 30 min for a person paged at 3 a.m. to acknowledge, open the runbook and raise the fleet.
     */
    scaleOutTriggerSeconds: 1800,
    /**
     * Data a target-tracking alarm needs before a scale-out step. EC2 Auto Scaling creates and manages
     * the alarms (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html)
     * and documents no evaluation period; the scale-out alarm it creates for a 1-minute metric (the
     * fleets enable detailed monitoring) asks for 3 data points of 60 s. An assumption: 3 min.
     */
    scaleOutAlarmSeconds: 180,
    /**
     * With failover automation: from an alarm's change of state to the SSM Automation's first step. An alarm
     * "emits events to Amazon EventBridge when [it changes] state"
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html) and a rule's target
     * starts the automation (https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-cwe-target.html);
     * AWS publishes no bound on either: 1 min.
     */
    automationStartSeconds: 60,
    /**
     * How long corruption or ransomware goes unnoticed before a restore begins. AWS publishes no
     * figure; 3 days covers a weekend. The corruption RPO counts it, and only recovery points older
     * than the corruption and still retained when it is found can be used.
     */
    corruptionDetectionSeconds: 3 * 86400,
    /**
     * Expected case only: how long a backup job typically runs, and a copy typically takes. The worst
     * case uses the rule's windows instead, because AWS only promises those.
     */
    typicalJobSeconds: 3600,
    /**
     * Extra restore time when the newest recovery point in the recovery region is in cold storage.
     * AWS Backup publishes no bound for its cold tier; for EBS snapshots in the archive tier, where
     * AWS Backup's EBS cold storage lives, "restoring an archived snapshot can take up to 72 hours"
     * (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-archive.html). Default 72 h; a stack
     * declares its own under `dr.assumptions.coldStorageRestore`.
     */
    coldStorageRestoreSeconds: 72 * 3600,
} as const;
