/** AWS Backup: vaults under customer managed keys, and copies out of the region when the strategy spans two. */
import { arnRegion, identifies, isKnown, stringsOf } from "../match";
import { PolicyResource, PolicyRule, UNKNOWN } from "../types";
import { asList, ofTypes, PLAN, show, VAULT } from "./resources";
import { securityHubControl } from "./securityHub";

const hasCustomerKey = (vault: PolicyResource) => isKnown(vault.inputs.kmsKeyArn) && vault.inputs.kmsKeyArn !== "";

export const vaultCmk: PolicyRule = {
    id: "backup-vault-cmk",
    severity: "high",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html",
    tags: ["backup", "encryption-at-rest", "kms"],
    description: "Backup vaults encrypt recovery points with a customer managed KMS key.",
    level: "mandatory",
    remediation: "Set kmsKeyArn on the vault to a customer managed key with rotation on.",
    resourceTypes: [VAULT],
    scope: "resource",
    // Without kmsKeyArn AWS Backup uses its AWS managed key, whose policy the stack cannot restrict.
    check: (vault) =>
        vault.inputs.kmsKeyArn === UNKNOWN || hasCustomerKey(vault)
            ? undefined
            : "kmsKeyArn must name a customer managed KMS key, it is unset",
};

export const backup1: PolicyRule = {
    ...securityHubControl("Backup.1", "AWS Backup recovery points should be encrypted at rest", "medium"),
    tags: ["backup", "encryption-at-rest"],
    description: "Backup plans write and copy recovery points only to vaults encrypted with a customer managed key.",
    level: "mandatory",
    remediation: "Point each rule's targetVaultName and copy actions at vaults this stack declares with a kmsKeyArn.",
    resourceTypes: [PLAN],
    scope: "stack",
    check: (plan, context) => {
        const vaults = ofTypes(context, [VAULT]);
        const vaultOf = (ref: unknown) => vaults.find((v) => stringsOf(ref).some((s) => identifies(s, v)));
        const problems: string[] = [];
        asList(plan.inputs.rules).forEach((rule, i) => {
            const path = `rules[${i}] (${String(rule.ruleName)})`;
            const target = rule.targetVaultName;
            if (isKnown(target)) {
                const vault = vaultOf(target);
                if (!vault)
                    problems.push(
                        `${path} writes to vault ${show(target)}, which this stack does not declare, so its encryption cannot be checked`,
                    );
                else if (!hasCustomerKey(vault) && vault.inputs.kmsKeyArn !== UNKNOWN)
                    problems.push(`${path} writes to vault ${show(target)}, which has no customer managed key`);
            }
            asList(rule.copyActions).forEach((copy, j) => {
                // A destination declared elsewhere (another stack or account) is checked there.
                const vault = vaultOf(copy.destinationVaultArn);
                if (vault && !hasCustomerKey(vault) && vault.inputs.kmsKeyArn !== UNKNOWN) {
                    problems.push(
                        `${path}.copyActions[${j}] copies to vault ${vault.name}, which has no customer managed key`,
                    );
                }
            });
        });
        return problems;
    },
};

export const crossRegionCopy: PolicyRule = {
    id: "backup-cross-region-copy",
    severity: "high",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
    tags: ["backup", "disaster-recovery"],
    description:
        "When the DR strategy spans two regions, every backup rule copies its recovery points to a vault in another region.",
    level: "mandatory",
    remediation: "Add a copy action to each plan rule with destinationVaultArn: a vault in the secondary region.",
    resourceTypes: [PLAN],
    // CrossGuard infers multiRegion from the other resources' regions (strategyRegions).
    scope: "stack",
    check: (plan, context) => {
        if (!context.multiRegion) return undefined;
        const home = isKnown(plan.region) ? plan.region : undefined;
        return asList(plan.inputs.rules).flatMap((rule, i) => {
            const destinations = asList(rule.copyActions).map((c) => c.destinationVaultArn);
            if (destinations.includes(UNKNOWN)) return [];
            const regions = destinations.map(arnRegion).filter((r): r is string => r !== undefined);
            const copiesOut = home === undefined ? destinations.length > 0 : regions.some((r) => r !== home);
            return copiesOut
                ? []
                : [
                      `rules[${i}] (${String(rule.ruleName)}) must copy to a vault outside ${home ?? "its region"}, it copies to ${show(regions)}`,
                  ];
        });
    },
};
