import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { accountIdOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { policyDocument, serviceKey } from "../shared/kms";
import { nameLimits } from "../shared/naming";
import { namerFor, stackRegion } from "../shared/stack";
import { statefulOptions } from "../shared/tags";
import { replicatedBucketDefaults, ReplicatedBucketArgs } from "./args";
import { validateReplicatedBucketArgs } from "./validate";

export const REPLICATED_BUCKET_TYPE = "pulumi-aws-dr:bucket:ReplicatedBucket";

/** One region's bucket and its key. */
interface RegionalBucket {
    readonly region: string;
    /** The `region` input its resources get: undefined for the stack's region. */
    readonly regionInput: string | undefined;
    readonly bucket: aws.s3.Bucket;
    readonly key: aws.kms.Key;
    /** Replication reads the configuration only once versioning is on. */
    readonly versioning: aws.s3.BucketVersioning;
}

/**
 * An S3 bucket in the primary region and a replica in each recovery region. Every bucket is
 * versioned (replication needs it), encrypted with its own region's customer managed key and S3
 * Bucket Keys, closed to the public, reachable over TLS only, and expires noncurrent versions.
 * Replication uses one least-privilege role, S3 Replication Time Control with its metrics, and
 * alarms when objects miss the 15-minute threshold or fail to replicate.
 */
export class ReplicatedBucket extends pulumi.ComponentResource {
    /** The primary bucket's name and ARN. */
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    /** Every bucket's name (primary and replicas), by region: a fleet uses its own region's. */
    public readonly bucketNames: Record<string, pulumi.Output<string>>;
    public readonly bucketArns: Record<string, pulumi.Output<string>>;
    /** Each bucket's key, by region. */
    public readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
    /** The replication role; undefined without replica regions. */
    public readonly replicationRoleArn: pulumi.Output<string> | undefined;
    /** The primary bucket's region. */
    public readonly region: string;

    constructor(name: string, args: ReplicatedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = validateReplicatedBucketArgs(args, stackRegion());
        if (problems.length > 0) throw new InvalidInputError(componentSubject("ReplicatedBucket", name), problems);
        super(REPLICATED_BUCKET_TYPE, name, {}, opts);

        const region = args.region ?? stackRegion() ?? "us-east-1";
        this.region = region;
        const child = { parent: this };
        // Bucket names are global across accounts: a random suffix keeps a re-created stack from colliding.
        const suffix = new random.RandomId(`${name}-suffix`, { byteLength: 4 }, child);
        const primary = this.bucket(name, args, {
            region: args.region,
            actualRegion: region,
            suffix: suffix.hex,
            role: "",
        });
        const replicas = (args.replicaRegions ?? []).map((r) =>
            this.bucket(name, args, { region: r, actualRegion: r, suffix: suffix.hex, role: `-${r}` }),
        );
        const all = [primary, ...replicas];

        this.bucketName = primary.bucket.bucket;
        this.bucketArn = primary.bucket.arn;
        this.bucketNames = Object.fromEntries(all.map((b) => [b.region, b.bucket.bucket]));
        this.bucketArns = Object.fromEntries(all.map((b) => [b.region, b.bucket.arn]));
        this.kmsKeyArns = Object.fromEntries(all.map((b) => [b.region, b.key.arn]));

        if (replicas.length > 0) {
            const role = this.replicationRole(name, args, primary, replicas);
            this.replicationRoleArn = role.arn;
            this.replicate(name, args, role, primary, replicas, "");
            if (args.twoWay)
                for (const replica of replicas)
                    this.replicate(name, args, role, replica, [primary], `-${replica.region}`);
        }

        this.registerOutputs({
            bucketName: this.bucketName,
            bucketArn: this.bucketArn,
            bucketNames: this.bucketNames,
            bucketArns: this.bucketArns,
            kmsKeyArns: this.kmsKeyArns,
            replicationRoleArn: this.replicationRoleArn,
        });
    }

    /** A bucket in one region with everything that secures it; the primary's children keep the plain logical names. */
    private bucket(
        name: string,
        args: ReplicatedBucketArgs,
        where: { region: string | undefined; actualRegion: string; suffix: pulumi.Output<string>; role: string },
    ): RegionalBucket {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const stateful = { ...child, ...statefulOptions(args.protectStatefulResources) };
        const regional = { region: where.region };
        const logical = `${name}${where.role}`;
        const key = serviceKey(
            `${logical}-key`,
            {
                ...regional,
                actualRegion: where.actualRegion,
                service: "s3",
                description: `Encrypts the objects of bucket ${name} in ${where.actualRegion}`,
                tags: args.tags,
                protect: args.protectStatefulResources,
            },
            this,
        );
        const bucket = new aws.s3.Bucket(
            logical,
            {
                ...regional,
                // 9 characters for "-" and the 8 hex digits of the suffix.
                bucket: pulumi.interpolate`${nameOf(where.actualRegion, nameLimits.s3Bucket - 9)}-${where.suffix}`,
                objectLockEnabled: args.objectLock !== undefined,
                forceDestroy: args.objectLock === undefined && (args.forceDestroy ?? false),
                tags: args.tags,
            },
            stateful,
        );
        const versioning = new aws.s3.BucketVersioning(
            logical,
            { ...regional, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
            stateful,
        );
        new aws.s3.BucketOwnershipControls(
            logical,
            { ...regional, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
            child,
        );
        new aws.s3.BucketPublicAccessBlock(
            logical,
            {
                ...regional,
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            child,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            logical,
            {
                ...regional,
                bucket: bucket.id,
                // S3 Bucket Keys cut the KMS requests (and their cost) for SSE-KMS by a bucket-level key.
                rules: [
                    {
                        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
                        bucketKeyEnabled: true,
                    },
                ],
            },
            child,
        );
        new aws.s3.BucketPolicy(
            logical,
            {
                ...regional,
                bucket: bucket.id,
                policy: policyDocument([
                    {
                        Sid: "TlsOnly",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ]),
            },
            child,
        );
        new aws.s3.BucketLifecycleConfiguration(
            logical,
            {
                ...regional,
                bucket: bucket.id,
                rules: [
                    {
                        id: "noncurrent-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: {
                            noncurrentDays:
                                args.noncurrentVersionExpirationDays ??
                                replicatedBucketDefaults.noncurrentVersionExpirationDays,
                        },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            { ...child, dependsOn: [versioning] },
        );
        if (args.objectLock) {
            new aws.s3.BucketObjectLockConfiguration(
                logical,
                {
                    ...regional,
                    bucket: bucket.id,
                    rule: { defaultRetention: { mode: "COMPLIANCE", days: args.objectLock.days } },
                },
                { ...stateful, dependsOn: [versioning] },
            );
        }
        return { region: where.actualRegion, regionInput: where.region, bucket, key, versioning };
    }

    /**
     * The role S3 replicates with: read the sources' versions, write replicas to the destinations,
     * decrypt with the sources' keys and encrypt with the destinations', nothing else
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html).
     */
    private replicationRole(
        name: string,
        args: ReplicatedBucketArgs,
        primary: RegionalBucket,
        replicas: RegionalBucket[],
    ): aws.iam.Role {
        const child = { parent: this };
        const account = accountIdOf(this);
        const role = new aws.iam.Role(
            `${name}-replication`,
            {
                name: namerFor(name)("replication", nameLimits.iamRole),
                assumeRolePolicy: policyDocument([
                    {
                        Effect: "Allow",
                        Principal: { Service: "s3.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": account } },
                    },
                ]),
                tags: args.tags,
            },
            child,
        );
        const sources = args.twoWay ? [primary, ...replicas] : [primary];
        const destinations = args.twoWay ? [primary, ...replicas] : replicas;
        const objects = (buckets: RegionalBucket[]) => buckets.map((b) => pulumi.interpolate`${b.bucket.arn}/*`);
        const viaS3 = (b: RegionalBucket) => ({ "kms:ViaService": `s3.${b.region}.amazonaws.com` });
        new aws.iam.RolePolicy(
            `${name}-replication`,
            {
                role: role.name,
                policy: policyDocument([
                    {
                        Sid: "ReadSourceConfiguration",
                        Effect: "Allow",
                        Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                        Resource: sources.map((b) => b.bucket.arn),
                    },
                    {
                        Sid: "ReadSourceVersions",
                        Effect: "Allow",
                        Action: [
                            "s3:GetObjectVersionForReplication",
                            "s3:GetObjectVersionAcl",
                            "s3:GetObjectVersionTagging",
                            ...(args.objectLock ? ["s3:GetObjectRetention", "s3:GetObjectLegalHold"] : []),
                        ],
                        Resource: objects(sources),
                    },
                    {
                        Sid: "WriteReplicas",
                        Effect: "Allow",
                        Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                        Resource: objects(destinations),
                    },
                    ...sources.map((b, i) => ({
                        Sid: `DecryptSource${i}`,
                        Effect: "Allow",
                        Action: "kms:Decrypt",
                        Resource: b.key.arn,
                        Condition: { StringLike: viaS3(b) },
                    })),
                    ...destinations.map((b, i) => ({
                        Sid: `EncryptReplica${i}`,
                        Effect: "Allow",
                        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
                        Resource: b.key.arn,
                        Condition: { StringLike: viaS3(b) },
                    })),
                ]),
            },
            child,
        );
        return role;
    }

    /** The replication configuration of `source` to `destinations`, and its alarms. */
    private replicate(
        name: string,
        args: ReplicatedBucketArgs,
        role: aws.iam.Role,
        source: RegionalBucket,
        destinations: RegionalBucket[],
        logicalSuffix: string,
    ): void {
        const child = { parent: this };
        const regional = { region: source.regionInput };
        const rtc = args.replicationTimeControl ?? replicatedBucketDefaults.replicationTimeControl;
        const minutes = replicatedBucketDefaults.replicationTimeMinutes;
        const ruleId = (d: RegionalBucket) => `to-${d.region}`;
        new aws.s3.BucketReplicationConfig(
            `${name}${logicalSuffix}-replication`,
            {
                ...regional,
                bucket: source.bucket.id,
                role: role.arn,
                rules: destinations.map((d, priority) => ({
                    id: ruleId(d),
                    status: "Enabled",
                    priority,
                    filter: {},
                    deleteMarkerReplication: {
                        status:
                            (args.deleteMarkerReplication ?? replicatedBucketDefaults.deleteMarkerReplication)
                                ? "Enabled"
                                : "Disabled",
                    },
                    sourceSelectionCriteria: {
                        sseKmsEncryptedObjects: { status: "Enabled" },
                        ...(args.twoWay ? { replicaModifications: { status: "Enabled" } } : {}),
                    },
                    destination: {
                        bucket: d.bucket.arn,
                        encryptionConfiguration: { replicaKmsKeyId: d.key.arn },
                        ...(rtc
                            ? {
                                  replicationTime: { status: "Enabled", time: { minutes } },
                                  metrics: { status: "Enabled", eventThreshold: { minutes } },
                              }
                            : {}),
                    },
                })),
            },
            { ...child, dependsOn: [source.versioning, ...destinations.map((d) => d.versioning)] },
        );
        if (!rtc) return;
        // Replication metrics exist only with metrics on (RTC turns them on); S3 publishes them per rule
        // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html).
        for (const d of destinations) {
            const dimensions = {
                SourceBucket: source.bucket.bucket,
                DestinationBucket: d.bucket.bucket,
                RuleId: ruleId(d),
            };
            const alarm = (
                suffix: string,
                metricName: string,
                statistic: string,
                threshold: number,
                description: string,
            ) =>
                new aws.cloudwatch.MetricAlarm(
                    `${name}${logicalSuffix}-${d.region}-${suffix}`,
                    {
                        ...regional,
                        name: namerFor(name)(`${source.region}-to-${d.region}-${suffix}`, 255),
                        alarmDescription: description,
                        namespace: "AWS/S3",
                        metricName,
                        dimensions,
                        statistic,
                        period: 300,
                        evaluationPeriods: 1,
                        threshold,
                        comparisonOperator: "GreaterThanThreshold",
                        treatMissingData: "notBreaching",
                        alarmActions: args.alarmActions,
                        okActions: args.alarmActions,
                        tags: args.tags,
                    },
                    child,
                );
            alarm(
                "missed-threshold",
                "ReplicationLatency",
                "Maximum",
                minutes * 60,
                `Objects from ${source.region} took over ${minutes} minutes to replicate to ${d.region}: the RTC threshold the RPO counts on`,
            );
            alarm(
                "failed",
                "OperationsFailedReplication",
                "Sum",
                0,
                `Objects from ${source.region} failed to replicate to ${d.region}`,
            );
        }
    }
}
