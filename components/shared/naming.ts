import { createHash } from "crypto";

/**
 * Physical names are `<project>-<stack>-<component>-<role>`, lowercased. They are never random, so
 * a re-run names the same resources and URNs and physical names stay stable. When the name is longer
 * than the AWS limit for the resource, it is cut and ends in a 7-character hash of the full name, so
 * two long names that share a prefix still differ.
 */
export function physicalName(parts: readonly string[], maxLength: number, separator = "-"): string {
    const full = parts
        .filter((p) => p.length > 0)
        .join(separator)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^-+|-+$/g, "");
    if (full.length <= maxLength) return full;
    const hash = createHash("sha256").update(full).digest("hex").slice(0, 7);
    const head = full.slice(0, maxLength - hash.length - 1).replace(/-+$/, "");
    return `${head}-${hash}`;
}

/**
 * A load balancer's name may not start with `internal-`, which ELB reserves for the DNS names of
 * internal load balancers; a project named `internal-tools` would otherwise produce one.
 */
export function loadBalancerName(name: string): string {
    return name.replace(/^internal-/, "internal");
}

/**
 * AWS length limits for the names this library sets, from each service's API reference, e.g.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html (32),
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (roles: 64) and
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (buckets: 63).
 */
export const nameLimits = {
    loadBalancer: 32,
    targetGroup: 32,
    backupVault: 50,
    iamRole: 64,
    s3Bucket: 63,
    kmsAlias: 256,
    logGroup: 512,
    snsTopic: 256,
    securityGroup: 255,
    alarm: 255,
    /** A Synthetics canary: its Lambda function is `cwsyn-<name>-<36-character id>`, at most 64 characters. */
    canary: 21,
    ssmDocument: 128,
    eventRule: 64,
} as const;

/** Characters the AWS provider appends to a `namePrefix` (a timestamp and a counter). */
export const NAME_PREFIX_SUFFIX_LENGTH = 26;

/**
 * A `namePrefix` for a resource whose name AWS keeps unique and whose replacement Pulumi creates
 * before it deletes the old one: the provider adds a unique suffix, so old and new never collide.
 */
export function namePrefixOf(namer: ChildNamer, role: string, maxLength: number): string {
    return `${namer(role, maxLength - NAME_PREFIX_SUFFIX_LENGTH - 1)}-`;
}

/**
 * A fixed name that changes whenever a field that forces replacement changes, for resources whose
 * `namePrefix` is too short to be useful (target groups: 6 characters): the replacement gets a new
 * name, so create-before-delete never collides, and a re-run keeps the name.
 */
export function replacementName(
    namer: ChildNamer,
    role: string,
    maxLength: number,
    replaceTriggers: readonly unknown[],
): string {
    const digest = createHash("sha256").update(JSON.stringify(replaceTriggers)).digest("hex").slice(0, 6);
    // A name too long for AWS is cut and ends in a hash of the whole, digest included: it still changes.
    return namer(`${role}-${digest}`, maxLength);
}

/** Names a component's children `<project>-<stack>-<component>-<role>`, within `maxLength`. */
export type ChildNamer = (role: string, maxLength: number) => string;

export function childNamer(project: string, stack: string, componentName: string): ChildNamer {
    return (role, maxLength) => physicalName([project, stack, componentName, role], maxLength);
}
