import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";

/**
 * How a CloudWatch alarm judges its metric: `datapointsToAlarm` breaching data points out of the last
 * `evaluationPeriods`, each `periodSeconds` long. It goes to ALARM at the earliest `periodSeconds ×
 * datapointsToAlarm` after the metric starts breaching, the figure the DR report counts.
 */
export interface AlarmEvaluation {
    /**
     * Seconds per data point: 10, 30 or a multiple of 60
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
     * @default `60` (`failoverDefaults.probePeriodSeconds`), for the DNS witness too (`failoverDefaults.dnsPeriodSeconds`)
     */
    periodSeconds?: number;
    /**
     * Data points evaluated, 1.. (period × evaluationPeriods at most one day).
     * @default `datapointsToAlarm`
     */
    evaluationPeriods?: number;
    /**
     * Breaching data points that set off the alarm, 1..evaluationPeriods.
     * @default `2` (`failoverDefaults.probeDatapoints`) for the probe, `2` (`failoverDefaults.dnsDatapoints`) for the DNS witness
     */
    datapointsToAlarm?: number;
}

/** The recovery-region probe of the primary's health-check URL. */
export interface ProbeArgs extends AlarmEvaluation {
    /**
     * Minutes between runs, 1..60: a Synthetics canary runs at most once a minute
     * (https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CanaryScheduleInput.html).
     * @default `1` (`failoverDefaults.probeIntervalMinutes`)
     */
    intervalMinutes?: number;
    /**
     * Seconds the probe waits for the primary's answer before it counts a failure, 1..60.
     * @default `10` (`failoverDefaults.probeTimeoutSeconds`)
     */
    timeoutSeconds?: number;
}

/**
 * The DNS witness: on each run the canary resolves the failover record and the standby ALB's name from the recovery
 * region and publishes `RoutedToStandby` (1 when every address of the record is one of the standby's, else 0).
 * Route 53 answers a failover record with the secondary only while the primary's health check is unhealthy
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html), a verdict of its checkers
 * around the world, so this witness is Route 53's decision itself: CloudFront's per-request origin failover cannot
 * move it, and it needs nothing in the primary region.
 */
export interface DnsWitnessArgs extends AlarmEvaluation {
    /** The Route 53 failover record's name (the name the write path resolves). Required. */
    recordName: pulumi.Input<string>;
    /** The standby ALB's DNS name, the secondary record's alias target. Required. */
    standbyDnsName: pulumi.Input<string>;
}

/** A fleet of the recovery region that the raise brings to full size. */
export interface RaisedFleet {
    /** The fleet's key, e.g. its target group's: names the document's step. Required. */
    key: string;
    autoScalingGroupName: pulumi.Input<string>;
    /** The minimum size the raise sets: the full size. The group's desired capacity follows when it is lower. */
    fullSize: number;
}

/** The instance a headless secondary cluster gets before it is promoted. */
export interface HeadlessInstance {
    /** The instance class, e.g. `db.r6g.large`. Required. */
    instanceClass: string;
    /** The cluster's engine, e.g. `aurora-postgresql`. Required. */
    engine: string;
}

/** Who starts a promotion: see `FailoverAutomationArgs.mode`. */
export const FailoverMode = {
    Automatic: "automatic",
    Manual: "manual",
} as const;
export type FailoverMode = (typeof FailoverMode)[keyof typeof FailoverMode];

/** An Aurora global database whose recovery-region cluster is promoted. */
export interface PromotedDatabase {
    /** The database's key, e.g. its config name: names the document's steps. Required. */
    key: string;
    /** The global cluster's identifier. Required. */
    globalClusterId: pulumi.Input<string>;
    /** The recovery region's cluster: its ARN (FailoverGlobalCluster's target) and identifier. Required. */
    secondaryClusterArn: pulumi.Input<string>;
    secondaryClusterId: pulumi.Input<string>;
    /**
     * A headless secondary (no instance) must get one before it can be promoted: its class and engine.
     * @default none: the secondary has an instance
     */
    headless?: HeadlessInstance;
}

export interface FailoverAutomationArgs {
    /** The recovery region: every resource of this component is created there. Required. */
    region: string;
    /** The region being protected. Nothing is created there; it must differ from `region`. Required. */
    primaryRegion: string;
    /**
     * `automatic`: the promotion starts when the DNS witness's alarm, and the probe's where there is a probe, are in
     * ALARM (a composite alarm, then EventBridge, then the promotion document). `manual`: the promotion document is
     * there for `owner` to start; nothing starts it by itself.
     * @default `"manual"` (`failoverDefaults.mode`)
     */
    mode?: FailoverMode;
    /**
     * Who decides and starts a manual promotion. Required with `mode: "manual"` and `databases`.
     * @default none
     */
    owner?: string;
    /**
     * The URL the probe requests: the primary's health-check URL, the one Route 53 checks (`https://<primary
     * ALB>/health`). Unset where the recovery region cannot reach it (a primary ALB that admits only CloudFront
     * and Route 53's health checkers): the canary then only resolves, and the DNS witness alone raises and promotes.
     * @default none: no HTTP probe, `dns` required
     */
    probeUrl?: pulumi.Input<string>;
    /** The canary's schedule and timeout (for the DNS witness too), and the probe alarm's evaluation. @default see `ProbeArgs` */
    probe?: ProbeArgs;
    /**
     * The DNS witness. Required with `mode: "automatic"` and `databases`, and without `probeUrl`.
     * @default none
     */
    dns?: DnsWitnessArgs;
    /** The fleets the probe's alarm (without a probe: the DNS witness's) raises to full size. @default none */
    fleets?: RaisedFleet[];
    /** The databases to promote, one after another. @default none: no promotion document */
    databases?: PromotedDatabase[];
    /**
     * Protect and retain the artifacts bucket and its key; false lets `pulumi destroy` empty and remove them.
     * @default `true`
     */
    protectStatefulResources?: boolean;
    /** @default none */
    tags?: Tags;
}

/** Defaults of FailoverAutomationArgs, used by the DR model too. */
export const failoverDefaults = {
    mode: "manual",
    probeIntervalMinutes: 1,
    probeTimeoutSeconds: 10,
    probePeriodSeconds: 60,
    probeDatapoints: 2,
    dnsPeriodSeconds: 60,
    dnsDatapoints: 2,
    /** Where the canary publishes `RoutedToStandby`: the role may put metrics in this namespace and Synthetics' only. */
    dnsMetricNamespace: "PulumiAwsDr/Failover",
    dnsMetricName: "RoutedToStandby",
    /** Days the canary keeps its artifacts (runs' logs and results). */
    artifactDays: 30,
} as const;

/** AWS's limits on the component's inputs (sources on each check in validate.ts). */
export const failoverLimits = {
    probeIntervalMinutes: { min: 1, max: 60 },
    probeTimeoutSeconds: { min: 1, max: 60 },
    /** A canary's name: lowercase letters, digits, _ and -; 21 at most so that its Lambda function's name fits. */
    canaryName: /^[0-9a-z_-]{1,21}$/,
    /** The SSM Automation document name rules of CreateDocument. */
    documentName: /^[a-zA-Z0-9_\-.]{3,128}$/,
    documentReservedPrefixes: ["aws", "amazon", "amzn", "AWSEC2", "AWSConfigRemediation", "AWSSupport"],
    /** EventBridge rule names: 1..64 of letters, digits and .-_ */
    ruleName: /^[.\-_A-Za-z0-9]{1,64}$/,
} as const;

/** A period CloudWatch accepts for a standard-resolution alarm: 10, 30 or a multiple of 60. */
export const isAlarmPeriod = (seconds: number) =>
    Number.isInteger(seconds) && (seconds === 10 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0));
