import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * `lookup(parent)` once per parent: the same Output for every use in one component. An invoke's
 * answer depends only on the provider it runs with, which its parent decides, so a second lookup
 * under the same parent can only give the same answer, at the cost of another invoke and the
 * Outputs and applies that carry it.
 */
function oncePerParent<T>(lookup: (parent: pulumi.Resource) => T): (parent: pulumi.Resource) => T {
    const found = new WeakMap<pulumi.Resource, T>();
    return (parent) => {
        if (!found.has(parent)) found.set(parent, lookup(parent));
        return found.get(parent)!;
    };
}

/** The caller's identity (`sts:GetCallerIdentity`) under `parent`'s provider. */
export const callerIdentity = oncePerParent((parent) => aws.getCallerIdentityOutput({}, { parent }));

/** The account being deployed to. */
export const accountIdOf = oncePerParent((parent) => callerIdentity(parent).accountId);

/** The partition being deployed to (`aws`, `aws-cn`, `aws-us-gov`). */
export const partitionOf = oncePerParent((parent) => aws.getPartitionOutput({}, { parent }).partition);

/** `arn:<partition>:iam::<account>:root`: the account itself, as a principal. */
export const accountRoot = oncePerParent(
    (parent) => pulumi.interpolate`arn:${partitionOf(parent)}:iam::${accountIdOf(parent)}:root`,
);
