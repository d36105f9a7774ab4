import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountIdOf, partitionOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { customerManagedKey, policyDocument, PolicyStatement } from "../shared/kms";
import { denyInsecureTransport, logBucket } from "../shared/logBucket";
import { nameLimits } from "../shared/naming";
import { namerFor } from "../shared/stack";
import {
    AlarmEvaluation,
    DnsWitnessArgs,
    failoverDefaults,
    FailoverAutomationArgs,
    PromotedDatabase,
    RaisedFleet,
} from "./args";
import { canaryScript, promotionSteps, raiseSteps } from "./documents";
import { validateFailoverAutomationArgs } from "./validate";

export const FAILOVER_AUTOMATION_TYPE = "pulumi-aws-dr:failover:FailoverAutomation";

/**
 * The canary's runtime: Node.js without a browser (an HTTPS request is all the probe makes), on Lambda's
 * Node.js 22 (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_Nodejs.html).
 */
export const PROBE_RUNTIME = "syn-nodejs-4.1";
/** Where a Node.js canary's script sits in its package, and the handler that names it. */
const PROBE_FILE = "nodejs/node_modules/probe.js";

const EVENTS_TRUST = { Service: "events.amazonaws.com" };
const SSM_TRUST = { Service: "ssm.amazonaws.com" };

/** The names of the SSM Automation documents a FailoverAutomation made. */
export interface FailoverDocumentNames {
    /** Raises the fleets to full size; only when there are fleets. */
    readonly raise?: pulumi.Output<string>;
    /** Promotes the databases; only when there is a database. */
    readonly promote?: pulumi.Output<string>;
}

/**
 * Failover automation that lives entirely in the recovery region, so that losing the primary region's
 * control plane (Route 53's health-check metrics and alarms are in us-east-1) cannot stop it:
 *
 * - a CloudWatch Synthetics canary runs every minute, with its artifacts in a private bucket encrypted with a
 *   customer managed key. It requests the primary's health-check URL (the probe, where the recovery region can
 *   reach it) and resolves the Route 53 failover record and the standby ALB's name (the DNS witness, published
 *   as `RoutedToStandby`: Route 53 answers with the secondary only while the primary's health check is unhealthy);
 * - an alarm on the probe's `SuccessPercent` (without a probe: the DNS witness's alarm), period ×
 *   datapointsToAlarm as declared, starts, through EventBridge, the `raise` SSM Automation document: every fleet's
 *   minimum becomes its full size, which raises its desired capacity at once and keeps target tracking from
 *   scaling it back below;
 * - with a database, the `promote` document fails the Aurora global database over to the recovery region's
 *   cluster (adding an instance first to a headless one). `automatic`: a composite alarm of the DNS witness's
 *   alarm and the probe's (where there is a probe) starts the promotion through EventBridge: a probe cut off
 *   from the primary alone never promotes, and nothing CloudFront does moves Route 53's answer. Without a probe
 *   the DNS witness alone is the decision, the one Route 53 made for the write path. `manual`: the document
 *   waits for `owner` to start it.
 *
 * The documents are the runbook's machine form: `documentNames` gives their names for a person to run
 * (`aws ssm start-automation-execution --document-name <name> --region <recovery region>`).
 */
export class FailoverAutomation extends pulumi.ComponentResource {
    /** The region everything here lives in. */
    public readonly region: string;
    public readonly canaryName: pulumi.Output<string>;
    /** The probe's alarm; undefined without `probeUrl`. */
    public readonly probeAlarmName?: pulumi.Output<string>;
    /** The DNS witness's alarm; undefined without `dns`. */
    public readonly dnsAlarmName?: pulumi.Output<string>;
    /** The composite alarm that starts an automatic promotion; undefined otherwise. */
    public readonly compositeAlarmName?: pulumi.Output<string>;
    /** The SSM Automation documents: `raise` (when there are fleets) and `promote` (when there is a database). */
    public readonly documentNames: FailoverDocumentNames;
    public readonly artifactBucketName: pulumi.Output<string>;

    constructor(name: string, args: FailoverAutomationArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = validateFailoverAutomationArgs(args);
        if (problems.length > 0) throw new InvalidInputError(componentSubject("FailoverAutomation", name), problems);
        super(FAILOVER_AUTOMATION_TYPE, name, {}, opts);
        this.region = args.region;
        const nameOf = namerFor(name);
        const partition = partitionOf(this);
        const account = accountIdOf(this);

        const artifacts = this.artifactBucket(name, args);
        this.artifactBucketName = artifacts.bucket.bucket;
        const canary = this.canary(name, args, artifacts);
        this.canaryName = canary.name;

        const probe = args.probe ?? {};
        const probeAlarm =
            args.probeUrl === undefined
                ? undefined
                : this.canaryAlarm(`${name}-probe`, args, {
                      name: nameOf("primary-probe", nameLimits.alarm),
                      alarmDescription: `The primary (${args.primaryRegion}) fails its health check as seen from ${args.region}`,
                      namespace: "CloudWatchSynthetics",
                      metricName: "SuccessPercent",
                      dimensions: { CanaryName: canary.name },
                      statistic: "Average",
                      comparisonOperator: "LessThanThreshold",
                      threshold: 100,
                      ...evaluation(probe, failoverDefaults.probePeriodSeconds, failoverDefaults.probeDatapoints),
                  });
        this.probeAlarmName = probeAlarm?.name;
        const dnsAlarm = args.dns && this.dnsWitness(name, args, args.dns);
        this.dnsAlarmName = dnsAlarm?.name;
        // validate.ts requires dns without probeUrl: one of them is always there.
        const raiseAlarm = (probeAlarm ?? dnsAlarm)!;

        const documentArn = (document: aws.ssm.Document) =>
            pulumi.interpolate`arn:${partition}:ssm:${args.region}:${account}:automation-definition/${document.name}:$DEFAULT`;
        const names: { raise?: pulumi.Output<string>; promote?: pulumi.Output<string> } = {};
        const fleets = args.fleets ?? [];
        if (fleets.length > 0) {
            const raise = this.document(name, "raise", args, {
                description: `Raise the standby in ${args.region}: every fleet's minimum becomes its full size`,
                steps: raiseSteps(fleets),
                statements: [raisePermissions(fleets, args.region, partition, account)],
            });
            names.raise = raise.document.name;
            this.startOn(name, "raise", args, raiseAlarm.arn, documentArn(raise.document), raise.role.arn);
        }
        const databases = args.databases ?? [];
        if (databases.length > 0) {
            const promote = this.document(name, "promote", args, {
                description: `Fail the Aurora global databases over to ${args.region} (allows data loss)`,
                steps: promotionSteps(databases),
                statements: databases.flatMap((d) => promotePermissions(d, args.region, partition, account)),
            });
            names.promote = promote.document.name;
            if ((args.mode ?? failoverDefaults.mode) === "automatic") {
                const composite = this.witnesses(name, args, dnsAlarm!, probeAlarm);
                this.compositeAlarmName = composite.alarmName;
                this.startOn(name, "promote", args, composite.arn, documentArn(promote.document), promote.role.arn);
            }
        }
        this.documentNames = names;
        this.registerOutputs({
            canaryName: this.canaryName,
            probeAlarmName: this.probeAlarmName,
            dnsAlarmName: this.dnsAlarmName,
            compositeAlarmName: this.compositeAlarmName,
            documentNames: this.documentNames,
            artifactBucketName: this.artifactBucketName,
        });
    }

    /** A private bucket for the canary's artifacts, under a key of its own, expired after 30 days. */
    private artifactBucket(name: string, args: FailoverAutomationArgs) {
        const child = { parent: this };
        const regional = { region: args.region };
        const protect = args.protectStatefulResources ?? true;
        const key = customerManagedKey(
            `${name}-artifacts`,
            {
                region: args.region,
                description: `Encrypts the failover probe's artifacts of ${name} in ${args.region}`,
                statements: [],
                tags: args.tags,
                protect,
            },
            this,
        );
        const { bucket, publicAccess } = logBucket(
            name,
            {
                region: args.region,
                tags: args.tags,
                protect,
                objectOwnership: "BucketOwnerEnforced",
                expiration: { ruleId: "expire-artifacts", prefix: "", days: failoverDefaults.artifactDays },
                purpose: "artifacts",
                kmsKeyArn: key.arn,
            },
            this,
        );
        new aws.s3.BucketPolicy(
            `${name}-artifacts`,
            { ...regional, bucket: bucket.id, policy: policyDocument([denyInsecureTransport(bucket.arn)]) },
            { ...child, dependsOn: [publicAccess] },
        );
        return { bucket, key };
    }

    /** The canary: the probe of the primary's health-check URL and the DNS witness, as declared (documents.ts). */
    private canary(name: string, args: FailoverAutomationArgs, artifacts: { bucket: aws.s3.Bucket; key: aws.kms.Key }) {
        const child = { parent: this };
        const regional = { region: args.region };
        const nameOf = namerFor(name);
        const probe = args.probe ?? {};
        const timeoutSeconds = probe.timeoutSeconds ?? failoverDefaults.probeTimeoutSeconds;
        const script = canaryScript(timeoutSeconds);
        // The key changes with the script, so the canary picks a new script up (the bucket keeps no versions).
        const digest = createHash("sha256").update(script).digest("hex").slice(0, 12);
        const code = new aws.s3.BucketObjectv2(
            `${name}-probe-code`,
            {
                ...regional,
                bucket: artifacts.bucket.id,
                key: `code/probe-${digest}.zip`,
                source: new pulumi.asset.AssetArchive({ [PROBE_FILE]: new pulumi.asset.StringAsset(script) }),
                tags: args.tags,
            },
            child,
        );
        const canaryName = nameOf("probe", nameLimits.canary);
        const role = new aws.iam.Role(
            `${name}-probe`,
            {
                name: nameOf("probe", nameLimits.iamRole),
                description: `Runs the failover probe of ${name} in ${args.region}`,
                assumeRolePolicy: policyDocument([
                    { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
                ]),
                tags: args.tags,
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-probe`,
            {
                role: role.id,
                policy: policyDocument([
                    {
                        Sid: "Artifacts",
                        Effect: "Allow",
                        Action: ["s3:PutObject", "s3:GetObject"],
                        Resource: pulumi.interpolate`${artifacts.bucket.arn}/*`,
                    },
                    {
                        Sid: "ArtifactBucket",
                        Effect: "Allow",
                        Action: "s3:GetBucketLocation",
                        Resource: artifacts.bucket.arn,
                    },
                    // Synthetics lists the buckets to find the artifact location (it documents the permission).
                    { Sid: "ListBuckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
                    {
                        Sid: "ArtifactKey",
                        Effect: "Allow",
                        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                        Resource: artifacts.key.arn,
                    },
                    {
                        Sid: "Metrics",
                        Effect: "Allow",
                        Action: "cloudwatch:PutMetricData",
                        Resource: "*",
                        // Synthetics' own metrics and the DNS witness's, nothing else.
                        Condition: {
                            StringEquals: {
                                "cloudwatch:namespace": [
                                    "CloudWatchSynthetics",
                                    ...(args.dns ? [failoverDefaults.dnsMetricNamespace] : []),
                                ],
                            },
                        },
                    },
                    {
                        Sid: "Logs",
                        Effect: "Allow",
                        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: pulumi.interpolate`arn:${partitionOf(this)}:logs:${args.region}:${accountIdOf(this)}:log-group:/aws/lambda/cwsyn-${canaryName}-*`,
                    },
                ] satisfies PolicyStatement[]),
            },
            child,
        );
        return new aws.synthetics.Canary(
            `${name}-probe`,
            {
                ...regional,
                name: canaryName,
                runtimeVersion: PROBE_RUNTIME,
                handler: "probe.handler",
                s3Bucket: code.bucket,
                s3Key: code.key,
                executionRoleArn: role.arn,
                artifactS3Location: pulumi.interpolate`s3://${artifacts.bucket.bucket}/runs/`,
                artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: artifacts.key.arn } },
                schedule: {
                    expression: rateExpression(probe.intervalMinutes ?? failoverDefaults.probeIntervalMinutes),
                },
                runConfig: {
                    // The run may take the request's timeout and a little more to report it.
                    timeoutInSeconds: Math.min(60 * (probe.intervalMinutes ?? 1), timeoutSeconds + 20),
                    environmentVariables: {
                        ...(args.probeUrl === undefined ? {} : { PROBE_URL: args.probeUrl }),
                        ...(args.dns === undefined
                            ? {}
                            : {
                                  RECORD_NAME: args.dns.recordName,
                                  STANDBY_NAME: args.dns.standbyDnsName,
                                  METRIC_NAMESPACE: failoverDefaults.dnsMetricNamespace,
                                  METRIC_NAME: failoverDefaults.dnsMetricName,
                              }),
                    },
                },
                successRetentionPeriod: 2,
                failureRetentionPeriod: failoverDefaults.artifactDays,
                startCanary: true,
                tags: args.tags,
            },
            child,
        );
    }

    /** An Automation document and the role it runs as, with only the permissions its steps need. */
    private document(
        name: string,
        role: "raise" | "promote",
        args: FailoverAutomationArgs,
        spec: { description: string; steps: Record<string, unknown>[]; statements: pulumi.Input<PolicyStatement>[] },
    ) {
        const child = { parent: this };
        const nameOf = namerFor(name);
        const automationRole = new aws.iam.Role(
            `${name}-${role}`,
            {
                name: nameOf(role, nameLimits.iamRole),
                description: `Runs the ${role} automation of ${name} in ${args.region}`,
                assumeRolePolicy: policyDocument([{ Effect: "Allow", Principal: SSM_TRUST, Action: "sts:AssumeRole" }]),
                tags: args.tags,
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-${role}`,
            { role: automationRole.id, policy: policyDocument(spec.statements) },
            child,
        );
        const document = new aws.ssm.Document(
            `${name}-${role}`,
            {
                region: args.region,
                name: nameOf(role, nameLimits.ssmDocument),
                documentType: "Automation",
                documentFormat: "JSON",
                content: pulumi.jsonStringify({
                    schemaVersion: "0.3",
                    description: spec.description,
                    assumeRole: automationRole.arn,
                    mainSteps: spec.steps,
                }),
                tags: args.tags,
            },
            child,
        );
        return { document, role: automationRole };
    }

    /** An EventBridge rule in the recovery region: the alarm entering ALARM starts the document. */
    private startOn(
        name: string,
        role: "raise" | "promote",
        args: FailoverAutomationArgs,
        alarmArn: pulumi.Input<string>,
        definitionArn: pulumi.Input<string>,
        automationRoleArn: pulumi.Input<string>,
    ) {
        const child = { parent: this };
        const regional = { region: args.region };
        const nameOf = namerFor(name);
        const rule = new aws.cloudwatch.EventRule(
            `${name}-${role}`,
            {
                ...regional,
                name: nameOf(`${role}-on-alarm`, nameLimits.eventRule),
                description: `Starts the ${role} automation when its alarm enters ALARM`,
                eventPattern: pulumi.jsonStringify({
                    source: ["aws.cloudwatch"],
                    "detail-type": ["CloudWatch Alarm State Change"],
                    resources: [alarmArn],
                    detail: { state: { value: ["ALARM"] } },
                }),
                tags: args.tags,
            },
            child,
        );
        const invoker = new aws.iam.Role(
            `${name}-${role}-start`,
            {
                name: nameOf(`${role}-start`, nameLimits.iamRole),
                description: `Lets EventBridge start the ${role} automation of ${name}`,
                assumeRolePolicy: policyDocument([
                    { Effect: "Allow", Principal: EVENTS_TRUST, Action: "sts:AssumeRole" },
                ]),
                tags: args.tags,
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-${role}-start`,
            {
                role: invoker.id,
                policy: policyDocument([
                    {
                        Sid: "StartAutomation",
                        Effect: "Allow",
                        Action: "ssm:StartAutomationExecution",
                        Resource: pulumi.output(definitionArn).apply((arn) => arn.replace(/:\$DEFAULT$/, ":*")),
                    },
                    {
                        Sid: "PassAutomationRole",
                        Effect: "Allow",
                        Action: "iam:PassRole",
                        Resource: automationRoleArn,
                        Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
                    },
                ]),
            },
            child,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-${role}`,
            { ...regional, rule: rule.name, targetId: role, arn: definitionArn, roleArn: invoker.arn },
            child,
        );
    }

    /**
     * The DNS witness's alarm: `RoutedToStandby` at 1 in every data point it needs (Minimum, so one run that still
     * resolves the primary in a period keeps it from breaching).
     */
    private dnsWitness(name: string, args: FailoverAutomationArgs, dns: DnsWitnessArgs) {
        return this.canaryAlarm(`${name}-dns`, args, {
            name: namerFor(name)("routed-to-standby", nameLimits.alarm),
            alarmDescription: pulumi.interpolate`Route 53 answers ${dns.recordName} with the standby in ${args.region}: the primary's health check is unhealthy`,
            namespace: failoverDefaults.dnsMetricNamespace,
            metricName: failoverDefaults.dnsMetricName,
            dimensions: { RecordName: dns.recordName },
            statistic: "Minimum",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            ...evaluation(dns, failoverDefaults.dnsPeriodSeconds, failoverDefaults.dnsDatapoints),
        });
    }

    /**
     * An alarm on what the canary publishes, in the recovery region. A canary that does not run publishes nothing,
     * which is no evidence that the primary is down: missing data does not breach.
     */
    private canaryAlarm(
        id: string,
        args: FailoverAutomationArgs,
        alarm: Omit<aws.cloudwatch.MetricAlarmArgs, "region" | "treatMissingData" | "tags">,
    ) {
        return new aws.cloudwatch.MetricAlarm(
            id,
            { ...alarm, region: args.region, treatMissingData: "notBreaching", tags: args.tags },
            { parent: this },
        );
    }

    /**
     * The composite alarm that starts an automatic promotion: the DNS witness and, where there is one, the probe.
     * Without a probe it has one child: the DNS witness is then the whole decision.
     */
    private witnesses(
        name: string,
        args: FailoverAutomationArgs,
        dnsAlarm: aws.cloudwatch.MetricAlarm,
        probeAlarm: aws.cloudwatch.MetricAlarm | undefined,
    ) {
        const rule = probeAlarm
            ? pulumi.interpolate`ALARM("${probeAlarm.arn}") AND ALARM("${dnsAlarm.arn}")`
            : pulumi.interpolate`ALARM("${dnsAlarm.arn}")`;
        return new aws.cloudwatch.CompositeAlarm(
            `${name}-failover`,
            {
                region: args.region,
                alarmName: namerFor(name)("failover", nameLimits.alarm),
                alarmDescription: probeAlarm
                    ? `The primary (${args.primaryRegion}) is gone: the probe fails and Route 53 answers with ${args.region}`
                    : `The primary (${args.primaryRegion}) is gone: Route 53 answers with ${args.region}`,
                alarmRule: rule,
                tags: args.tags,
            },
            { parent: this },
        );
    }
}

/** CloudWatch's alarm evaluation fields from the declared ones and the defaults. */
function evaluation(given: AlarmEvaluation, period: number, datapoints: number) {
    const points = given.datapointsToAlarm ?? datapoints;
    return {
        period: given.periodSeconds ?? period,
        datapointsToAlarm: points,
        evaluationPeriods: given.evaluationPeriods ?? points,
    };
}

/** `rate(1 minute)`, `rate(5 minutes)`: the canary's schedule. */
const rateExpression = (minutes: number) =>
    minutes === 60 ? "rate(1 hour)" : `rate(${minutes} minute${minutes === 1 ? "" : "s"})`;

/** UpdateAutoScalingGroup on exactly these groups (their ARNs end in `autoScalingGroupName/<name>`). */
function raisePermissions(
    fleets: readonly RaisedFleet[],
    region: string,
    partition: pulumi.Output<string>,
    account: pulumi.Output<string>,
): pulumi.Input<PolicyStatement> {
    return pulumi.all(fleets.map((f) => pulumi.output(f.autoScalingGroupName))).apply((groups) =>
        pulumi.all([partition, account]).apply(([p, a]) => ({
            Sid: "RaiseFleets",
            Effect: "Allow",
            Action: "autoscaling:UpdateAutoScalingGroup",
            Resource: groups.map(
                (g) => `arn:${p}:autoscaling:${region}:${a}:autoScalingGroup:*:autoScalingGroupName/${g}`,
            ),
        })),
    );
}

/** Failover of this global cluster to this cluster; for a headless one, adding its instance first. */
function promotePermissions(
    database: PromotedDatabase,
    region: string,
    partition: pulumi.Output<string>,
    account: pulumi.Output<string>,
): pulumi.Input<PolicyStatement>[] {
    const globalArn = pulumi.interpolate`arn:${partition}:rds::${account}:global-cluster:${database.globalClusterId}`;
    const sid = (what: string) => `${what}${database.key.replace(/[^A-Za-z0-9]/g, "")}`;
    const statements: pulumi.Input<PolicyStatement>[] = [
        {
            Sid: sid("FailOver"),
            Effect: "Allow",
            Action: "rds:FailoverGlobalCluster",
            Resource: [globalArn, database.secondaryClusterArn],
        },
        {
            Sid: sid("Observe"),
            Effect: "Allow",
            Action: ["rds:DescribeGlobalClusters", "rds:DescribeDBClusters", "rds:DescribeDBInstances"],
            Resource: "*",
        },
    ];
    if (database.headless) {
        statements.push({
            Sid: sid("AddInstance"),
            Effect: "Allow",
            Action: "rds:CreateDBInstance",
            Resource: [
                database.secondaryClusterArn,
                pulumi.interpolate`arn:${partition}:rds:${region}:${account}:db:${database.secondaryClusterId}-failover`,
            ],
        });
    }
    return statements;
}
