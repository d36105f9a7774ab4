/** Stateful resources of every service: protected and retained where the stack asks. */
import { PolicyRule } from "../types";
import { BUCKETS, DB_CLUSTER, GLOBAL_CLUSTER, KEY, LOG_GROUP, SECRET, TABLE, VAULT } from "./resources";

export const statefulProtected: PolicyRule = {
    id: "stateful-protected",
    description: "In stacks that protect stateful resources, vaults, KMS keys, buckets, log groups, tables, DB clusters and secrets are protected and retained on delete.",
    level: "mandatory",
    remediation: "Create the resource with statefulOptions(args.protectStatefulResources) (protect and retainOnDelete).",
    resourceTypes: [VAULT, KEY, LOG_GROUP, ...BUCKETS, TABLE, DB_CLUSTER, GLOBAL_CLUSTER, SECRET],
    scope: "resource",
    // retainOnDelete is judged only where it is visible (offline; CrossGuard does not pass it).
    check: ({ options }, context) => {
        if (!context.protectStatefulResources) return undefined;
        const missing = [!options.protect && "protect", options.retainOnDelete === false && "retainOnDelete"].filter(Boolean);
        return missing.length === 0 ? undefined : `stack ${context.stack} protects stateful resources, so this one needs ${missing.join(" and ")}`;
    },
};
