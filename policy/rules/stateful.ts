/** Stateful resources of every service: protected and retained where the stack asks. */
import { PolicyResource, PolicyRule } from "../types";
import { BUCKETS, DB_CLUSTER, GLOBAL_CLUSTER, KEY, LOG_GROUP, SECRET, TABLE, VAULT } from "./resources";

/** The types whose loss loses data or recovery: what the stack protects when it protects anything. */
export const STATEFUL_TYPES: readonly string[] = [
    VAULT,
    KEY,
    LOG_GROUP,
    ...BUCKETS,
    TABLE,
    DB_CLUSTER,
    GLOBAL_CLUSTER,
    SECRET,
];

/**
 * True when some stateful resource of the stack is protected: the stack then protects stateful
 * resources, and every one must be (the policy pack's default when neither config nor tag says).
 */
export function protectsAnyStateful(resources: readonly PolicyResource[]): boolean {
    return resources.some((r) => STATEFUL_TYPES.includes(r.type) && r.options.protect);
}

export const statefulProtected: PolicyRule = {
    id: "stateful-protected",
    severity: "high",
    url: "https://www.pulumi.com/docs/iac/concepts/resources/options/protect/",
    tags: ["data-loss", "disaster-recovery"],
    description:
        "In stacks that protect stateful resources, vaults, KMS keys, buckets, log groups, tables, DB clusters and secrets are protected and retained on delete.",
    level: "mandatory",
    remediation:
        "Create the resource with statefulOptions(args.protectStatefulResources) (protect and retainOnDelete).",
    resourceTypes: STATEFUL_TYPES,
    // Stack-wide: without config or a stack tag, CrossGuard tells from the other resources (settingsFor).
    scope: "stack",
    // retainOnDelete is judged only where it is visible (offline; CrossGuard does not pass it).
    check: ({ options }, context) => {
        if (!context.protectStatefulResources) return undefined;
        const missing = [!options.protect && "protect", options.retainOnDelete === false && "retainOnDelete"].filter(
            Boolean,
        );
        return missing.length === 0
            ? undefined
            : `stack ${context.stack} protects stateful resources, so this one needs ${missing.join(" and ")}`;
    },
};
