/** Amazon RDS (Aurora): clusters encrypted at rest, protected from deletion, and taking IAM authentication. */
import { PolicyResource, PolicyRule, UNKNOWN } from "../types";
import { securityHubControl } from "./securityHub";
import { DB_CLUSTER, show } from "./resources";

/** A cluster whose `key` input is not true (and not unknown yet). */
const notTrue = (cluster: PolicyResource, key: string, what: string) =>
    cluster.inputs[key] === true || cluster.inputs[key] === UNKNOWN
        ? undefined
        : `${key} must be true (${what}), got ${show(cluster.inputs[key])}`;

export const rds27: PolicyRule = {
    ...securityHubControl("RDS.27", "RDS DB clusters should be encrypted at rest", "medium"),
    tags: ["rds", "encryption-at-rest"],
    description: "RDS DB clusters are encrypted at rest.",
    level: "mandatory",
    remediation: "Set storageEncrypted: true and kmsKeyId to a customer managed key (GlobalDatabase does).",
    resourceTypes: [DB_CLUSTER],
    scope: "resource",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27
    check: (cluster) => notTrue(cluster, "storageEncrypted", "encryption at rest"),
};

export const rds7: PolicyRule = {
    ...securityHubControl("RDS.7", "RDS clusters should have deletion protection enabled", "low"),
    tags: ["rds", "deletion-protection"],
    description: "RDS DB clusters have deletion protection enabled.",
    level: "mandatory",
    remediation: "Set deletionProtection: true on the cluster (GlobalDatabase does).",
    resourceTypes: [DB_CLUSTER],
    scope: "resource",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7
    check: (cluster) => notTrue(cluster, "deletionProtection", "deletion protection"),
};

export const rds12: PolicyRule = {
    ...securityHubControl("RDS.12", "IAM authentication should be configured for RDS clusters", "medium"),
    tags: ["rds", "iam-authentication"],
    description: "RDS DB clusters accept IAM database authentication.",
    level: "mandatory",
    remediation: "Set iamDatabaseAuthenticationEnabled: true on the cluster (GlobalDatabase does).",
    resourceTypes: [DB_CLUSTER],
    scope: "resource",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-12
    check: (cluster) => notTrue(cluster, "iamDatabaseAuthenticationEnabled", "IAM authentication"),
};
