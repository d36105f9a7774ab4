import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { nameLimits } from "./naming";
import { namerFor } from "./stack";
import { statefulOptions, Tags } from "./tags";

/** A log bucket a component makes for a service that delivers its logs to S3 (ELB access logs, CloudFront). */
export interface LogBucketSettings {
    /** The region to create it in; the provider's when absent. */
    readonly region?: string;
    readonly tags?: Tags;
    /** Protect and retain the bucket; without protection it is emptied on delete, so a stack tears down. */
    readonly protect: boolean;
    /**
     * `BucketOwnerEnforced` (no ACLs) where the service writes with a bucket policy (ELB); CloudFront's
     * standard logs still need ACLs, hence `BucketOwnerPreferred`
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
     */
    readonly objectOwnership: "BucketOwnerEnforced" | "BucketOwnerPreferred";
    /** The lifecycle rule that expires the logs under `prefix`. */
    readonly expiration: { readonly ruleId: string; readonly prefix: string; readonly days: number };
    /** What the bucket holds: its children are named `<name>-<purpose>`, and so is the bucket. Default `logs`. */
    readonly purpose?: string;
    /**
     * SSE-KMS under this customer managed key, with S3 Bucket Keys, for a bucket that no AWS log delivery
     * writes to (a canary's artifacts). Unset: SSE-S3, the only encryption ELB access logs accept.
     */
    readonly kmsKeyArn?: pulumi.Input<string>;
}

/** S3.5: the bucket policy statement that refuses every request to the bucket and its objects made without TLS. */
export function denyInsecureTransport(bucketArn: pulumi.Output<string>) {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * A private log bucket: a random suffix (bucket names are global across all accounts, so a re-created
 * stack does not collide), public access blocked, SSE-S3 (ELB access logs can only be written to SSE-S3
 * buckets; SSE-KMS makes delivery fail), and the logs expired. Its children are named `<name>-logs`
 * under `parent`. The caller adds the bucket policy, which must depend on the returned `publicAccess`
 * and `ownership`: S3 refuses policy changes while it is still applying the public access block.
 */
export function logBucket(name: string, settings: LogBucketSettings, parent: pulumi.Resource) {
    const child = { parent };
    const regional = { region: settings.region };
    const purpose = settings.purpose ?? "logs";
    const logicalName = `${name}-${purpose}`;
    const suffix = new random.RandomId(logicalName, { byteLength: 4 }, child);
    const bucket = new aws.s3.Bucket(
        logicalName,
        {
            ...regional,
            // 9 characters for "-" and the 8 hex digits of the suffix.
            bucket: pulumi.interpolate`${namerFor(name)(purpose, nameLimits.s3Bucket - 9)}-${suffix.hex}`,
            forceDestroy: !settings.protect,
            tags: settings.tags,
        },
        { ...child, ...statefulOptions(settings.protect) },
    );
    const ownership = new aws.s3.BucketOwnershipControls(
        logicalName,
        {
            ...regional,
            bucket: bucket.id,
            rule: { objectOwnership: settings.objectOwnership },
        },
        child,
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        logicalName,
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
        logicalName,
        {
            ...regional,
            bucket: bucket.id,
            rules: [
                settings.kmsKeyArn === undefined
                    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                    : {
                          applyServerSideEncryptionByDefault: {
                              sseAlgorithm: "aws:kms",
                              kmsMasterKeyId: settings.kmsKeyArn,
                          },
                          bucketKeyEnabled: true,
                      },
            ],
        },
        child,
    );
    new aws.s3.BucketLifecycleConfiguration(
        logicalName,
        {
            ...regional,
            bucket: bucket.id,
            rules: [
                {
                    id: settings.expiration.ruleId,
                    status: "Enabled",
                    filter: { prefix: settings.expiration.prefix },
                    expiration: { days: settings.expiration.days },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
                },
            ],
        },
        child,
    );
    return { bucket, ownership, publicAccess };
}
