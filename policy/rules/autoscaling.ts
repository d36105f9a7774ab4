/** Amazon EC2 Auto Scaling: groups that can launch another instance type when one runs out. */
import { PolicyRule, UNKNOWN } from "../types";
import { securityHubControl } from "./securityHub";
import { asList, asObject, AUTOSCALING_GROUP } from "./resources";

/** The instance types a group may launch: its mixed instances policy's overrides; one launch template's type counts as one. */
function instanceTypesOf(inputs: Record<string, unknown>): unknown[] | typeof UNKNOWN {
    const policy = asObject(inputs.mixedInstancesPolicy);
    const overrides = asObject(policy.launchTemplate).overrides;
    if (overrides === UNKNOWN) return UNKNOWN;
    return [...new Set(asList(overrides).map((o) => o.instanceType))];
}

export const autoscaling6: PolicyRule = {
    ...securityHubControl(
        "AutoScaling.6",
        "Auto Scaling groups should use multiple instance types in multiple Availability Zones",
        "medium",
    ),
    tags: ["autoscaling", "availability", "capacity"],
    description:
        "Each Auto Scaling group has a mixed instances policy with at least two instance types, so an AZ short of one type still launches another.",
    level: "advisory",
    remediation:
        "Give the fleet two or more instance types (Fleet instanceTypes, stack config fleet.instanceTypes), most preferred first.",
    resourceTypes: [AUTOSCALING_GROUP],
    scope: "resource",
    // https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-6:
    // the control fails when the group has only one instance type.
    check: (group) => {
        const types = instanceTypesOf(group.inputs);
        if (types === UNKNOWN || types.length >= 2) return [];
        return [
            `the group can launch ${types.length === 1 ? `only ${String(types[0])}` : "a single instance type (its launch template's)"}: give it a mixed instances policy with two or more instance types`,
        ];
    },
};
