/** Amazon DynamoDB: point-in-time recovery and deletion protection on every table and replica. */
import { PolicyResource, PolicyRule, UNKNOWN } from "../types";
import { securityHubControl } from "./securityHub";
import { asList, asObject, show, TABLE } from "./resources";

/** Where a table or any of its replicas lacks a setting: the table's own value, then each replica's. */
function missing(table: PolicyResource, own: unknown, replicaKey: string, what: string): string[] {
    const problems = own === true || own === UNKNOWN ? [] : [`${what} must be on for the table, got ${show(own)}`];
    for (const replica of asList(table.inputs.replicas)) {
        const value = replica[replicaKey];
        if (value !== true && value !== UNKNOWN)
            problems.push(`${what} must be on for the replica in ${String(replica.regionName)}, got ${show(value)}`);
    }
    return problems;
}

export const dynamodb2: PolicyRule = {
    ...securityHubControl("DynamoDB.2", "DynamoDB tables should have point-in-time recovery enabled", "medium"),
    tags: ["dynamodb", "point-in-time-recovery"],
    description: "DynamoDB tables, and each global table replica, have point-in-time recovery enabled.",
    level: "mandatory",
    remediation:
        "Set pointInTimeRecovery: { enabled: true } on the table and pointInTimeRecovery: true on each replica (GlobalTable does by default).",
    resourceTypes: [TABLE],
    scope: "resource",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2
    check: (table) =>
        missing(
            table,
            asObject(table.inputs.pointInTimeRecovery).enabled,
            "pointInTimeRecovery",
            "point-in-time recovery",
        ),
};

export const dynamodb6: PolicyRule = {
    ...securityHubControl("DynamoDB.6", "DynamoDB tables should have deletion protection enabled", "medium"),
    tags: ["dynamodb", "deletion-protection"],
    description: "DynamoDB tables, and each global table replica, have deletion protection enabled.",
    level: "mandatory",
    remediation: "Set deletionProtectionEnabled: true on the table and on each replica (GlobalTable does by default).",
    resourceTypes: [TABLE],
    scope: "resource",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6
    check: (table) =>
        missing(table, table.inputs.deletionProtectionEnabled, "deletionProtectionEnabled", "deletion protection"),
};
