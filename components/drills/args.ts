import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";

/**
 * An alarm the drill declares itself: "the drill has run longer than the DR report says recovery
 * takes". It watches the ALB's `HealthyHostCount` of each target group and goes off when one has had no
 * healthy target for `afterSeconds`, in one-minute periods.
 */
export interface DrillOverrunArgs {
    /** `app/<name>/<id>` of the primary's ALB (`MultiAzAlb.loadBalancerArnSuffix`). */
    loadBalancerArnSuffix: pulumi.Input<string>;
    /** `targetgroup/<name>/<id>` of each target group to watch, by key (`MultiAzAlb.targetGroupArnSuffixes`). */
    targetGroupArnSuffixes: Record<string, pulumi.Input<string>>;
    /** The expected recovery time from the DR report, in seconds: 60..86400 (CloudWatch evaluates at most a day). */
    afterSeconds: number;
}

/** What a drill's template says about the recovery it expects, from the DR report. */
export interface DrillExpectation {
    /**
     * The expected timeline in words, e.g. `detect 30s, dns 1m, capacity 5m30s = 7m`. It goes into the
     * template's description after the drill's own sentence; the whole description is at most 512
     * characters (CreateExperimentTemplate).
     */
    timeline: string;
    /** The expected worst-case RTO, e.g. `1h39m30s`, as the tag `pulumi-aws-dr:expected-rto`. */
    rto: string;
    /** The DR report's disruption type the drill rehearses (`az`, `region`), as the tag `pulumi-aws-dr:disruption`. */
    disruption: string;
}

/**
 * The loss of one Availability Zone of the primary: FIS's `aws:network:disrupt-connectivity` with scope
 * `all` on that AZ's subnets, which denies all traffic in and out of them for `durationMinutes`
 * (https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#disrupt-connectivity).
 */
export interface AzFailureDrillArgs {
    /** The VPC of the subnets: FIS creates its deny-all network ACL there, and the role may do so only there. */
    vpcId: pulumi.Input<string>;
    /**
     * Every subnet of the AZ (public and private), 1..5: FIS takes at most 5 target ARNs
     * (https://docs.aws.amazon.com/fis/latest/APIReference/API_CreateExperimentTemplateTargetInput.html).
     */
    subnetIds: pulumi.Input<string>[];
    /** The AZ's name: FIS also filters the targets by it, so a subnet of another AZ is never cut off. */
    availabilityZone: pulumi.Input<string>;
    /**
     * How long the AZ stays cut off, in minutes: 1..720 (the action's PT1M..PT12H).
     * @default 30 (`drillDefaults.azDurationMinutes`)
     */
    durationMinutes?: number;
    /**
     * CloudWatch alarms that stop the experiment when they go off (at least one, or `overrun`).
     * @default none
     */
    stopConditionAlarmArns?: pulumi.Input<string>[];
    /**
     * Also stop when a target group has had no healthy target for longer than the report expects.
     * @default none
     */
    overrun?: DrillOverrunArgs;
    expected: DrillExpectation;
}

/**
 * The loss of the primary's application tier: FIS's `aws:ec2:terminate-instances` on every running
 * instance of the given Auto Scaling groups (by their `aws:autoscaling:groupName` tag), then
 * `aws:fis:wait` so that the stop conditions keep watching while the stack recovers.
 */
export interface ApplicationLossDrillArgs {
    /** The primary's Auto Scaling groups, 1..10: one target and one action each. */
    autoScalingGroupNames: pulumi.Input<string>[];
    /**
     * How long the experiment watches after the instances are gone, in minutes: 1..720 (`aws:fis:wait`'s PT1M..PT12H).
     * @default 30 (`drillDefaults.observeMinutes`)
     */
    observeMinutes?: number;
    /**
     * CloudWatch alarms that stop the experiment when they go off (at least one, or `overrun`).
     * @default none
     */
    stopConditionAlarmArns?: pulumi.Input<string>[];
    /**
     * Also stop when a target group has had no healthy target for longer than the report expects.
     * @default none
     */
    overrun?: DrillOverrunArgs;
    expected: DrillExpectation;
}

export interface DrillTemplatesArgs {
    /**
     * The region the experiments run in: the primary's, where their targets are.
     * @default the provider's region, else the stack's `aws:region`
     */
    region?: string;
    /**
     * The AZ failure drill (at least one of the two drills).
     * @default none
     */
    azFailure?: AzFailureDrillArgs;
    /**
     * The application-tier loss drill (at least one of the two drills).
     * @default none
     */
    applicationLoss?: ApplicationLossDrillArgs;
    /**
     * Days the experiment logs are kept: one of CloudWatch Logs' retention values.
     * @default 365 (`drillDefaults.logRetentionDays`)
     */
    logRetentionDays?: number;
    /**
     * Protect the log group and its key from deletion and replacement.
     * @default false
     */
    protectStatefulResources?: boolean;
    /** Tags for every resource. @default none */
    tags?: Tags;
}

export const drillDefaults = {
    azDurationMinutes: 30,
    observeMinutes: 30,
    logRetentionDays: 365,
} as const;
