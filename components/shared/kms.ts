import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountIdOf, accountRoot, partitionOf } from "./account";
import { statefulOptions, Tags } from "./tags";
import { applyKnown } from "./validation";

export type PolicyStatement = Record<string, unknown>;

/** An IAM policy document from its statements. */
export function policyDocument(statements: readonly pulumi.Input<PolicyStatement>[]): pulumi.Input<string> {
    return applyKnown({ Version: "2012-10-17", Statement: statements }, (document) => JSON.stringify(document));
}

export interface CustomerManagedKeyArgs {
    region?: string;
    description: pulumi.Input<string>;
    /** What the key is for: the service statements, after the account's own. */
    statements: PolicyStatement[];
    tags?: Tags;
    /** Protect and retain the key (stateful). */
    protect?: boolean;
}

/**
 * A symmetric customer managed key with yearly rotation and the longest deletion window. Its policy
 * first lets the account administer it, without which the key could become unmanageable (IAM
 * policies then decide who may), then grants what `statements` say.
 */
export function customerManagedKey(name: string, args: CustomerManagedKeyArgs, parent: pulumi.Resource): aws.kms.Key {
    return new aws.kms.Key(
        name,
        {
            region: args.region,
            description: args.description,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: policyDocument([
                {
                    Sid: "AccountAdministers",
                    Effect: "Allow",
                    Principal: { AWS: accountRoot(parent) },
                    Action: "kms:*",
                    Resource: "*",
                },
                ...args.statements,
            ]),
            tags: args.tags,
        },
        { parent, ...statefulOptions(args.protect) },
    );
}

export interface EncryptedTopicArgs {
    region?: string;
    /** Logical names of the key and the topic: kept as they are so URNs never change. */
    keyLogicalName: string;
    topicName: string;
    description: pulumi.Input<string>;
    /** The service that publishes (e.g. `cloudwatch.amazonaws.com`), and the Sid of its key statement. */
    publisher: { service: string; sid: string };
    tags?: Tags;
    protect?: boolean;
}

/** CloudWatch as the publisher of an alarm topic: the ALB's, the DNS health checks' and the CDN's alarms. */
export const CLOUDWATCH_ALARMS = { service: "cloudwatch.amazonaws.com", sid: "CloudWatchPublishesAlarms" } as const;

/** An SNS topic encrypted with its own customer managed key, which only the publisher may use to send. */
export function encryptedTopic(name: string, args: EncryptedTopicArgs, parent: pulumi.Resource): aws.sns.Topic {
    const key = customerManagedKey(
        args.keyLogicalName,
        {
            region: args.region,
            description: args.description,
            // Publishing to an encrypted topic needs a data key; nothing else. Only on this account's
            // behalf, or the service could be made to use the key for another account (confused deputy).
            statements: [
                {
                    Sid: args.publisher.sid,
                    Effect: "Allow",
                    Principal: { Service: args.publisher.service },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceAccount": accountIdOf(parent) } },
                },
            ],
            tags: args.tags,
            protect: args.protect,
        },
        parent,
    );
    return new aws.sns.Topic(
        name,
        { region: args.region, name: args.topicName, kmsMasterKeyId: key.arn, tags: args.tags },
        { parent },
    );
}

export interface ServiceKeyArgs {
    /** Where the key lives; undefined for the stack's region. */
    region: string | undefined;
    /** The region the key will be in, for its `kms:ViaService` condition. */
    actualRegion: string;
    /** The AWS service that encrypts with it, as in its endpoint: `s3`, `dynamodb`, `rds`, `secretsmanager`. */
    service: string;
    description: pulumi.Input<string>;
    tags?: Tags;
    protect?: boolean;
}

/**
 * A customer managed key that this account's principals may use only through one service in one
 * region: a data store's own key, so a key policy change in one region or for one store never
 * reaches the others.
 */
export function serviceKey(name: string, args: ServiceKeyArgs, parent: pulumi.Resource): aws.kms.Key {
    return customerManagedKey(
        name,
        {
            region: args.region,
            description: args.description,
            statements: [
                {
                    Sid: "ServiceUses",
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: [
                        "kms:Encrypt",
                        "kms:Decrypt",
                        "kms:ReEncrypt*",
                        "kms:GenerateDataKey*",
                        "kms:DescribeKey",
                        "kms:CreateGrant",
                    ],
                    Resource: "*",
                    Condition: {
                        StringEquals: {
                            "kms:ViaService": `${args.service}.${args.actualRegion}.amazonaws.com`,
                            "kms:CallerAccount": accountIdOf(parent),
                        },
                    },
                },
            ],
            tags: args.tags,
            protect: args.protect,
        },
        parent,
    );
}

export interface EncryptedLogGroupArgs {
    /** Where the key and the group live; undefined for the stack's region. */
    region: string | undefined;
    /** The region they will be in, for CloudWatch Logs' service principal and the group's ARN. */
    actualRegion: string;
    logGroupName: string;
    retentionInDays: number;
    /** The key's description. */
    description: pulumi.Input<string>;
    tags?: Tags;
    /** Protect and retain the key and the group (stateful). */
    protect?: boolean;
}

/**
 * A CloudWatch Logs group encrypted with its own customer managed key, which CloudWatch Logs may use
 * for this group only: the key policy's encryption-context condition names the group's ARN
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). The key and
 * the group share the logical name `name` (their types differ).
 */
export function encryptedLogGroup(
    name: string,
    args: EncryptedLogGroupArgs,
    parent: pulumi.Resource,
): { key: aws.kms.Key; logGroup: aws.cloudwatch.LogGroup } {
    const logGroupArn = pulumi.interpolate`arn:${partitionOf(parent)}:logs:${args.actualRegion}:${accountIdOf(parent)}:log-group:${args.logGroupName}`;
    const key = customerManagedKey(
        name,
        {
            region: args.region,
            description: args.description,
            statements: [
                {
                    Sid: "CloudWatchLogsUsesForThisLogGroupOnly",
                    Effect: "Allow",
                    Principal: { Service: `logs.${args.actualRegion}.amazonaws.com` },
                    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                    Resource: "*",
                    Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
                },
            ],
            tags: args.tags,
            protect: args.protect,
        },
        parent,
    );
    const logGroup = new aws.cloudwatch.LogGroup(
        name,
        {
            region: args.region,
            name: args.logGroupName,
            retentionInDays: args.retentionInDays,
            kmsKeyId: key.arn,
            tags: args.tags,
        },
        { parent, ...statefulOptions(args.protect) },
    );
    return { key, logGroup };
}
