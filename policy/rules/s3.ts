/** Amazon S3: public access blocked, plain HTTP denied, replicated buckets versioned and replicated across regions under RTC. */
import { isKnown, refersTo, stringsOf } from "../match";
import { PolicyContext, PolicyResource, PolicyRule, UNKNOWN } from "../types";
import {
    asList,
    asObject,
    BUCKET_POLICY,
    BUCKET_REPLICATION,
    BUCKET_VERSIONING,
    BUCKETS,
    Obj,
    ofTypes,
    PUBLIC_ACCESS_BLOCK,
    show,
} from "./resources";
import { securityHubControl } from "./securityHub";

const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s38: PolicyRule = {
    ...securityHubControl("S3.8", "S3 general purpose buckets should block public access", "high"),
    tags: ["s3", "public-access"],
    description: "S3 buckets block public access with all four bucket-level settings.",
    level: "mandatory",
    remediation: "Declare an aws.s3.BucketPublicAccessBlock for the bucket with all four flags true.",
    resourceTypes: BUCKETS,
    scope: "stack",
    check: (bucket, context) => {
        const blocks = ofTypes(context, [PUBLIC_ACCESS_BLOCK]).filter((b) =>
            refersTo(b, "bucket", b.inputs.bucket, bucket),
        );
        if (blocks.length === 0) return "no BucketPublicAccessBlock covers this bucket";
        const missing = PUBLIC_ACCESS_FLAGS.filter(
            (flag) => !blocks.some((b) => b.inputs[flag] === true || b.inputs[flag] === UNKNOWN),
        );
        return missing.length === 0 ? undefined : `the BucketPublicAccessBlock must set ${missing.join(", ")} to true`;
    },
};

/** Whether a bucket policy statement denies every S3 action over plain HTTP to everyone. */
function deniesInsecureTransport(statement: Obj): boolean {
    const principal = statement.Principal;
    const everyone = principal === "*" || stringsOf(asObject(principal).AWS).includes("*");
    const actions = stringsOf(statement.Action);
    const secure = asObject(asObject(statement.Condition).Bool)["aws:SecureTransport"];
    return (
        statement.Effect === "Deny" &&
        everyone &&
        (actions.includes("s3:*") || actions.includes("*")) &&
        String(secure) === "false"
    );
}

export const s35: PolicyRule = {
    ...securityHubControl("S3.5", "S3 general purpose buckets should require requests to use SSL", "medium"),
    tags: ["s3", "encryption-in-transit"],
    description: "S3 bucket policies deny requests that do not use TLS.",
    level: "mandatory",
    remediation:
        'Add a bucket policy statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    resourceTypes: BUCKETS,
    scope: "stack",
    check: (bucket, context) => {
        const policies = ofTypes(context, [BUCKET_POLICY]).filter((p) =>
            refersTo(p, "bucket", p.inputs.bucket, bucket),
        );
        if (policies.length === 0) return "no BucketPolicy covers this bucket, so it accepts plain HTTP";
        const denies = policies.some((p) => {
            if (p.inputs.policy === UNKNOWN) return true;
            try {
                return asList(asObject(JSON.parse(String(p.inputs.policy))).Statement).some(deniesInsecureTransport);
            } catch {
                return false;
            }
        });
        return denies
            ? undefined
            : 'the bucket policy must deny s3:* to everyone when "aws:SecureTransport" is "false"';
    },
};

/** The replication configurations that read from or write to `bucket`. */
const replicationsOf = (bucket: PolicyResource, context: PolicyContext) =>
    ofTypes(context, [BUCKET_REPLICATION]).filter(
        (r) =>
            refersTo(r, "bucket", r.inputs.bucket, bucket) ||
            asList(r.inputs.rules).some((rule) => refersTo(r, "rules", asObject(rule.destination).bucket, bucket)),
    );

export const s314: PolicyRule = {
    ...securityHubControl("S3.14", "S3 general purpose buckets should have versioning enabled", "low"),
    tags: ["s3", "versioning"],
    description:
        "S3 buckets that replicate, or receive replicas, have versioning enabled (S3 replication requires it).",
    level: "mandatory",
    remediation:
        'Declare an aws.s3.BucketVersioning for the bucket with versioningConfiguration: { status: "Enabled" } (ReplicatedBucket does).',
    resourceTypes: BUCKETS,
    scope: "stack",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14
    check: (bucket, context) => {
        if (replicationsOf(bucket, context).length === 0) return undefined;
        const versioning = ofTypes(context, BUCKET_VERSIONING).filter((v) =>
            refersTo(v, "bucket", v.inputs.bucket, bucket),
        );
        const enabled = versioning.some((v) =>
            [UNKNOWN, "Enabled"].includes(asObject(v.inputs.versioningConfiguration).status as string),
        );
        return enabled
            ? undefined
            : "the bucket replicates or receives replicas, but no BucketVersioning enables versioning on it";
    },
};

export const s3ReplicationRtc: PolicyRule = {
    id: "s3-replication-crr-rtc",
    severity: "medium",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html",
    tags: ["s3", "replication"],
    description:
        "In stacks that span two regions, every S3 replication rule replicates to another region under Replication Time Control with its metrics (S3.7's cross-region replication, with the bound the DR report counts).",
    level: "mandatory",
    remediation:
        'Give each rule a destination bucket in another region and destination.replicationTime { status: "Enabled", time: { minutes: 15 } } with metrics { status: "Enabled", eventThreshold: { minutes: 15 } }.',
    resourceTypes: [BUCKET_REPLICATION],
    scope: "stack",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-7;
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
    check: (config, context) => {
        if (!context.multiRegion) return undefined;
        const buckets = ofTypes(context, BUCKETS);
        return asList(config.inputs.rules).flatMap((rule, i) => {
            if (rule.destination === UNKNOWN) return [];
            const destination = asObject(rule.destination);
            const problems: string[] = [];
            const target = buckets.find((b) => refersTo(config, "rules", destination.bucket, b));
            if (target && isKnown(target.region) && isKnown(config.region) && target.region === config.region) {
                problems.push(
                    `rules[${i}] (${String(rule.id)}) replicates within ${String(config.region)}, which a regional disaster takes with the source`,
                );
            }
            const rtc = asObject(destination.replicationTime).status;
            const metrics = asObject(destination.metrics).status;
            if (rtc !== "Enabled" || metrics !== "Enabled") {
                problems.push(
                    `rules[${i}] (${String(rule.id)}) has replicationTime ${show(rtc)} and metrics ${show(metrics)}: without RTC the replication has no time bound`,
                );
            }
            return problems;
        });
    },
};
