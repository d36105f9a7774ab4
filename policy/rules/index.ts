import { isKnown } from "../match";
import { PolicyContext, PolicyResource, PolicyRule, PolicySettings, PolicyViolation } from "../types";
import { autoscaling6 } from "./autoscaling";
import { backup1, crossRegionCopy, vaultCmk } from "./backup";
import { cloudfront10, cloudfront3, cloudfront4, cloudfront5, cloudfront6, cloudfront9 } from "./cloudfront";
import { sgNoWorld } from "./ec2";
import { elb1, elb12, elb13, elb16, elb4, elb5, elb6, listenerTls } from "./elb";
import { kms4 } from "./kms";
import { LOAD_BALANCERS, VAULT } from "./resources";
import { dynamodb2, dynamodb6 } from "./dynamodb";
import { rds12, rds27, rds7 } from "./rds";
import { s314, s35, s38, s3ReplicationRtc } from "./s3";
import { statefulProtected } from "./stateful";

export * from "../types";
export { TLS12_POLICY } from "./elb";
export { protectsAnyStateful, STATEFUL_TYPES } from "./stateful";

/**
 * The policy rules, one file per AWS service, as pure functions over `{ type, name, urn, inputs, options }`.
 * The offline plan runs them over the recorded resources (`evaluatePolicies`); the CrossGuard pack
 * (pack.ts) runs the same functions under `pulumi preview --policy-pack policy`. Values a rule needs
 * but that are `UNKNOWN` (CrossGuard preview) are not judged.
 */

/** Every rule, Security Hub controls first. */
export const policyRules: readonly PolicyRule[] = [
    elb1,
    elb4,
    elb5,
    elb6,
    elb12,
    elb13,
    elb16,
    backup1,
    kms4,
    s35,
    s38,
    s314,
    dynamodb2,
    dynamodb6,
    rds7,
    rds12,
    rds27,
    autoscaling6,
    cloudfront3,
    cloudfront4,
    cloudfront5,
    cloudfront6,
    cloudfront9,
    cloudfront10,
    vaultCmk,
    statefulProtected,
    crossRegionCopy,
    s3ReplicationRtc,
    listenerTls,
    sgNoWorld,
];

/** Runs `rule` over one resource and returns its violations. */
export function checkResource(rule: PolicyRule, resource: PolicyResource, context: PolicyContext): PolicyViolation[] {
    if (!rule.resourceTypes.includes(resource.type)) return [];
    const found = rule.check(resource, context);
    const messages = found === undefined ? [] : Array.isArray(found) ? found : [found];
    return messages.map((message) => ({ id: rule.id, level: rule.level, urn: resource.urn, message }));
}

/**
 * The regions a stack's DR strategy builds in, as its resources show them: where its load balancers
 * (one per site) and backup vaults (a backup-restore secondary holds only its copy vault) are. Nothing
 * else counts, because some resources sit where AWS wants them whatever the strategy: Route 53
 * health-check alarms and their topic are always in us-east-1.
 */
export function strategyRegions(resources: readonly PolicyResource[]): string[] {
    const regions = resources
        .filter((r) => [...LOAD_BALANCERS, VAULT].includes(r.type) && isKnown(r.region))
        .map((r) => r.region as string);
    return [...new Set(regions)].sort();
}

/**
 * Every violation of every rule over a stack's resources, rule by rule and then by URN: resources
 * register in no fixed order, and the plan's output should not change between runs.
 */
export function evaluatePolicies(resources: readonly PolicyResource[], settings: PolicySettings): PolicyViolation[] {
    const context: PolicyContext = {
        stack: settings.stack,
        protectStatefulResources: settings.protectStatefulResources,
        multiRegion: settings.multiRegion,
        resources,
    };
    const byUrn = [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return policyRules.flatMap((rule) => byUrn.flatMap((r) => checkResource(rule, r, context)));
}
