/** Amazon S3: public access blocked, plain HTTP denied. */
import { refersTo, stringsOf } from "../match";
import { PolicyRule, UNKNOWN } from "../types";
import { asList, asObject, BUCKET_POLICY, BUCKETS, Obj, ofTypes, PUBLIC_ACCESS_BLOCK } from "./resources";
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
        const blocks = ofTypes(context, [PUBLIC_ACCESS_BLOCK]).filter((b) => refersTo(b, "bucket", b.inputs.bucket, bucket));
        if (blocks.length === 0) return "no BucketPublicAccessBlock covers this bucket";
        const missing = PUBLIC_ACCESS_FLAGS.filter((flag) => !blocks.some((b) => b.inputs[flag] === true || b.inputs[flag] === UNKNOWN));
        return missing.length === 0 ? undefined : `the BucketPublicAccessBlock must set ${missing.join(", ")} to true`;
    },
};

/** Whether a bucket policy statement denies every S3 action over plain HTTP to everyone. */
function deniesInsecureTransport(statement: Obj): boolean {
    const principal = statement.Principal;
    const everyone = principal === "*" || stringsOf(asObject(principal).AWS).includes("*");
    const actions = stringsOf(statement.Action);
    const secure = asObject(asObject(statement.Condition).Bool)["aws:SecureTransport"];
    return statement.Effect === "Deny" && everyone && (actions.includes("s3:*") || actions.includes("*")) && String(secure) === "false";
}

export const s35: PolicyRule = {
    ...securityHubControl("S3.5", "S3 general purpose buckets should require requests to use SSL", "medium"),
    tags: ["s3", "encryption-in-transit"],
    description: "S3 bucket policies deny requests that do not use TLS.",
    level: "mandatory",
    remediation: 'Add a bucket policy statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    resourceTypes: BUCKETS,
    scope: "stack",
    check: (bucket, context) => {
        const policies = ofTypes(context, [BUCKET_POLICY]).filter((p) => refersTo(p, "bucket", p.inputs.bucket, bucket));
        if (policies.length === 0) return "no BucketPolicy covers this bucket, so it accepts plain HTTP";
        const denies = policies.some((p) => {
            if (p.inputs.policy === UNKNOWN) return true;
            try {
                return asList(asObject(JSON.parse(String(p.inputs.policy))).Statement).some(deniesInsecureTransport);
            } catch {
                return false;
            }
        });
        return denies ? undefined : 'the bucket policy must deny s3:* to everyone when "aws:SecureTransport" is "false"';
    },
};
