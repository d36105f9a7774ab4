import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountIdOf, partitionOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { encryptedLogGroup, PolicyStatement, policyDocument } from "../shared/kms";
import { nameLimits } from "../shared/naming";
import { componentRegion, namerFor } from "../shared/stack";
import { Tags } from "../shared/tags";
import {
    ApplicationLossDrillArgs,
    AzFailureDrillArgs,
    DrillOverrunArgs,
    drillDefaults,
    DrillTemplatesArgs,
} from "./args";
import { drillDescription, isoMinutes, validateDrillTemplatesArgs } from "./validate";

export const DRILL_TEMPLATES_TYPE = "pulumi-aws-dr:drills:DrillTemplates";

/** FIS tags the network ACL it creates `managedByFIS=true`; AWS's managed policy scopes the ACL actions by it. */
const FIS_ACL_TAG = "managedByFIS";

/**
 * AWS Fault Injection Service experiment templates that rehearse the disruptions the DR report judges,
 * in the primary region: an AZ failure (FIS's network disruption of one AZ's subnets) and the loss of
 * the application tier (its Auto Scaling groups' instances terminated). Each template stops on
 * CloudWatch alarms, runs under one least-privilege role that only FIS of this account may assume, logs
 * to a log group encrypted with its own key, and carries the recovery the report expects in its
 * description and tags. Declaring the templates runs nothing: a person starts an experiment
 * (`aws fis start-experiment --experiment-template-id ...`).
 */
export class DrillTemplates extends pulumi.ComponentResource {
    /** The AZ failure template's id; undefined without that drill. */
    public readonly azFailureTemplateId: pulumi.Output<string> | undefined;
    /** The application-tier loss template's id; undefined without that drill. */
    public readonly applicationLossTemplateId: pulumi.Output<string> | undefined;
    /** The role the experiments run as. */
    public readonly roleArn: pulumi.Output<string>;
    /** Where the experiments log (CloudWatch Logs, log schema version 2). */
    public readonly logGroupName: pulumi.Output<string>;
    /** The region the experiments run in. */
    public readonly region: string;

    constructor(name: string, args: DrillTemplatesArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("DrillTemplates", name);
        const region = componentRegion(subject, args.region, opts);
        const problems = validateDrillTemplatesArgs(args);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(DRILL_TEMPLATES_TYPE, name, {}, opts);
        this.region = region ?? "us-east-1";

        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };
        const account = accountIdOf(this);
        const partition = partitionOf(this);
        const arnOf = (service: string, resource: pulumi.Input<string>) =>
            pulumi.interpolate`arn:${partition}:${service}:${this.region}:${account}:${resource}`;

        const logGroup = this.logGroup(name, args);
        const statements: PolicyStatement[] = [
            {
                // Vended logs to CloudWatch Logs: the caller needs these four, none of which takes a resource
                // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html#AWS-logs-infrastructure-CWL,
                // required by https://docs.aws.amazon.com/fis/latest/userguide/monitoring-logging.html#permissions-experiment-logging).
                Sid: "DeliverExperimentLogs",
                Effect: "Allow",
                Action: [
                    "logs:CreateLogDelivery",
                    "logs:PutResourcePolicy",
                    "logs:DescribeResourcePolicies",
                    "logs:DescribeLogGroups",
                ],
                Resource: "*",
            },
        ];
        if (args.azFailure) statements.push(...azFailureStatements(args.azFailure, arnOf));
        if (args.applicationLoss) statements.push(...applicationLossStatements(args.applicationLoss, arnOf));

        const role = new aws.iam.Role(
            `${name}-fis`,
            {
                name: nameOf("fis", nameLimits.iamRole),
                description: "Runs this stack's Fault Injection Service drills",
                assumeRolePolicy: policyDocument([
                    {
                        Effect: "Allow",
                        Principal: { Service: "fis.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        // Confused-deputy guard: only this account's experiments in this region may use the role
                        // (https://docs.aws.amazon.com/fis/latest/userguide/getting-started-iam-service-role.html).
                        Condition: {
                            StringEquals: { "aws:SourceAccount": account },
                            ArnLike: { "aws:SourceArn": arnOf("fis", "experiment/*") },
                        },
                    },
                ]),
                tags: args.tags,
            },
            child,
        );
        new aws.iam.RolePolicy(`${name}-fis`, { role: role.name, policy: policyDocument(statements) }, child);

        const logConfiguration = {
            logSchemaVersion: 2,
            // FIS takes the group's ARN with the `:*` of its streams.
            cloudwatchLogsConfiguration: { logGroupArn: pulumi.interpolate`${logGroup.arn}:*` },
        };
        const template = (
            kind: "azFailure" | "applicationLoss",
            drill: AzFailureDrillArgs | ApplicationLossDrillArgs,
            body: Pick<aws.fis.ExperimentTemplateArgs, "targets" | "actions">,
        ) => {
            const overrun = drill.overrun ? this.overrunAlarms(`${name}-${kind}`, drill.overrun, args) : [];
            return new aws.fis.ExperimentTemplate(
                `${name}-${kind}`,
                {
                    ...regional,
                    description: drillDescription(kind, drill.expected),
                    roleArn: role.arn,
                    stopConditions: [...(drill.stopConditionAlarmArns ?? []), ...overrun].map((value) => ({
                        source: "aws:cloudwatch:alarm",
                        value,
                    })),
                    ...body,
                    logConfiguration,
                    // A target that resolves to nothing is a broken drill, not a passed one.
                    experimentOptions: { accountTargeting: "single-account", emptyTargetResolutionMode: "fail" },
                    tags: pulumi.output(args.tags ?? {}).apply((t) => ({
                        ...t,
                        Name: nameOf(kind, 256),
                        "pulumi-aws-dr:disruption": drill.expected.disruption,
                        "pulumi-aws-dr:expected-rto": drill.expected.rto,
                    })),
                },
                { ...child, dependsOn: [role] },
            );
        };

        const az = args.azFailure;
        this.azFailureTemplateId = az
            ? template("azFailure", az, {
                  targets: [
                      {
                          name: "az-subnets",
                          resourceType: "aws:ec2:subnet",
                          resourceArns: az.subnetIds.map((id) => arnOf("ec2", pulumi.interpolate`subnet/${id}`)),
                          filters: [{ path: "AvailabilityZone", values: [az.availabilityZone] }],
                          selectionMode: "ALL",
                      },
                  ],
                  actions: [
                      {
                          name: "disrupt-az",
                          actionId: "aws:network:disrupt-connectivity",
                          description: "Deny all traffic in and out of the AZ's subnets",
                          parameters: [
                              {
                                  key: "duration",
                                  value: isoMinutes(az.durationMinutes ?? drillDefaults.azDurationMinutes),
                              },
                              { key: "scope", value: "all" },
                          ],
                          target: { key: "Subnets", value: "az-subnets" },
                      },
                  ],
              }).id
            : undefined;

        const app = args.applicationLoss;
        this.applicationLossTemplateId = app
            ? template("applicationLoss", app, {
                  targets: app.autoScalingGroupNames.map((group, i) => ({
                      name: `fleet-${i}`,
                      resourceType: "aws:ec2:instance",
                      resourceTags: [{ key: "aws:autoscaling:groupName", value: group }],
                      filters: [{ path: "State.Name", values: ["running"] }],
                      selectionMode: "ALL",
                  })),
                  actions: [
                      ...app.autoScalingGroupNames.map((_, i) => ({
                          name: `terminate-fleet-${i}`,
                          actionId: "aws:ec2:terminate-instances",
                          target: { key: "Instances", value: `fleet-${i}` },
                      })),
                      {
                          // Terminating ends at once; the stop conditions watch only while the experiment runs.
                          name: "observe-recovery",
                          actionId: "aws:fis:wait",
                          parameters: [
                              {
                                  key: "duration",
                                  value: isoMinutes(app.observeMinutes ?? drillDefaults.observeMinutes),
                              },
                          ],
                          startAfters: app.autoScalingGroupNames.map((_, i) => `terminate-fleet-${i}`),
                      },
                  ],
              }).id
            : undefined;

        this.roleArn = role.arn;
        this.logGroupName = logGroup.name;
        this.registerOutputs({
            azFailureTemplateId: this.azFailureTemplateId,
            applicationLossTemplateId: this.applicationLossTemplateId,
            roleArn: this.roleArn,
            logGroupName: this.logGroupName,
        });
    }

    /** The experiments' log group, encrypted with its own key that CloudWatch Logs may use for this group only. */
    private logGroup(name: string, args: DrillTemplatesArgs): aws.cloudwatch.LogGroup {
        const logGroupName = `/aws/fis/${namerFor(name)("experiments", 200)}`;
        return encryptedLogGroup(
            `${name}-logs`,
            {
                region: args.region,
                actualRegion: this.region,
                logGroupName,
                retentionInDays: args.logRetentionDays ?? drillDefaults.logRetentionDays,
                description: `Encrypts the FIS experiment logs ${logGroupName}`,
                tags: args.tags,
                protect: args.protectStatefulResources,
            },
            this,
        ).logGroup;
    }

    /** One alarm per target group: no healthy target for `afterSeconds`, in one-minute periods. */
    private overrunAlarms(name: string, overrun: DrillOverrunArgs, args: DrillTemplatesArgs): pulumi.Output<string>[] {
        const nameOf = namerFor(name);
        return Object.entries(overrun.targetGroupArnSuffixes).map(
            ([key, suffix]) =>
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${key}-overrun`,
                    {
                        region: args.region,
                        name: nameOf(`${key}-overrun`, 255),
                        alarmDescription: `Drill stop condition: target group ${key} has had no healthy target for longer than the DR report expects`,
                        namespace: "AWS/ApplicationELB",
                        metricName: "HealthyHostCount",
                        dimensions: { LoadBalancer: overrun.loadBalancerArnSuffix, TargetGroup: suffix },
                        statistic: "Minimum",
                        period: 60,
                        evaluationPeriods: Math.ceil(overrun.afterSeconds / 60),
                        threshold: 1,
                        comparisonOperator: "LessThanThreshold",
                        // No data from a target group is no proof of health.
                        treatMissingData: "breaching",
                        tags: args.tags as Tags,
                    },
                    { parent: this },
                ).arn,
        );
    }
}

/**
 * `aws:network:disrupt-connectivity` (https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html):
 * FIS creates a deny-all network ACL tagged `managedByFIS=true` in the VPC, swaps it onto the target subnets and swaps the originals back at the
 * end. The statements follow AWS's managed policy AWSFaultInjectionSimulatorNetworkAccess
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSFaultInjectionSimulatorNetworkAccess.html),
 * narrowed to this VPC and these subnets; the prefix-list, route-table and transit-gateway parts it
 * also grants serve other scopes and actions and are left out.
 */
function azFailureStatements(
    az: AzFailureDrillArgs,
    arnOf: (service: string, resource: pulumi.Input<string>) => pulumi.Output<string>,
): PolicyStatement[] {
    const acls = arnOf("ec2", "network-acl/*");
    const vpc = arnOf("ec2", pulumi.interpolate`vpc/${az.vpcId}`);
    const subnets = az.subnetIds.map((id) => arnOf("ec2", pulumi.interpolate`subnet/${id}`));
    const fisAcl = { StringEquals: { [`aws:RequestTag/${FIS_ACL_TAG}`]: "true" } };
    return [
        {
            Sid: "CreateFisNetworkAcl",
            Effect: "Allow",
            Action: "ec2:CreateNetworkAcl",
            Resource: acls,
            Condition: fisAcl,
        },
        { Sid: "CreateNetworkAclInThisVpc", Effect: "Allow", Action: "ec2:CreateNetworkAcl", Resource: vpc },
        {
            Sid: "TagFisNetworkAcl",
            Effect: "Allow",
            Action: "ec2:CreateTags",
            Resource: acls,
            Condition: {
                StringEquals: { "ec2:CreateAction": "CreateNetworkAcl", [`aws:RequestTag/${FIS_ACL_TAG}`]: "true" },
            },
        },
        {
            Sid: "ChangeOnlyFisNetworkAcls",
            Effect: "Allow",
            Action: ["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"],
            Resource: [acls, vpc],
            Condition: { StringEquals: { [`aws:ResourceTag/${FIS_ACL_TAG}`]: "true" } },
        },
        {
            // Onto the target subnets and back: the original ACL carries no FIS tag.
            Sid: "SwapTheTargetSubnetsAcls",
            Effect: "Allow",
            Action: "ec2:ReplaceNetworkAclAssociation",
            Resource: [...subnets, acls],
        },
        {
            // Describe* and GetManagedPrefixListEntries take no resource (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
            Sid: "ResolveTheTargets",
            Effect: "Allow",
            Action: [
                "ec2:DescribeNetworkAcls",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcs",
                "ec2:DescribeManagedPrefixLists",
            ],
            Resource: "*",
        },
    ];
}

/**
 * `aws:ec2:terminate-instances` needs `ec2:TerminateInstances` and `ec2:DescribeInstances`
 * (https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html); terminating is allowed only
 * for instances tagged with one of the groups' names.
 * `aws:fis:wait` needs nothing.
 */
function applicationLossStatements(
    app: ApplicationLossDrillArgs,
    arnOf: (service: string, resource: pulumi.Input<string>) => pulumi.Output<string>,
): PolicyStatement[] {
    return [
        {
            Sid: "TerminateOnlyTheFleetsInstances",
            Effect: "Allow",
            Action: "ec2:TerminateInstances",
            Resource: arnOf("ec2", "instance/*"),
            Condition: { StringEquals: { "aws:ResourceTag/aws:autoscaling:groupName": app.autoScalingGroupNames } },
        },
        { Sid: "ResolveTheInstances", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
    ];
}
