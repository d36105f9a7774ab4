import {
    PolicyConfigSchema,
    PolicyProviderResource,
    PolicyResource as CrossGuardResource,
    Policies,
    ReportViolation,
    ResourceValidationArgs,
    UnknownValueError,
} from "@pulumi/policy";
import { checkResource, policyRules, protectsAnyStateful, strategyRegions } from "./rules";
import { PolicyContext, PolicyResource, PolicyRule, PolicySettings, UNKNOWN } from "./types";

/**
 * The CrossGuard policies: the rules of rules/, mapped onto @pulumi/policy. Kept apart from
 * index.ts because constructing the `PolicyPack` starts the policy server.
 */

/**
 * Policy config a stack may pass with `--policy-pack-config`. Policies cannot read stack config, so
 * each setting defaults to what the stack shows; the shipped stacks need no config.
 */
export interface PackConfig {
    /**
     * Whether stateful resources must be protected and retained (the stack's
     * `pulumi-aws-dr:dr.protectStatefulResources`). Default: the stack tag `PROTECT_STATEFUL_TAG` (`true` or
     * `false`), else true when any stateful resource of the stack is protected, so none may be left out.
     */
    readonly protectStatefulResources?: boolean;
    /** Default: the stack's load balancers and backup vaults stand in more than one region (`strategyRegions`). */
    readonly multiRegion?: boolean;
}

const configSchema: PolicyConfigSchema = {
    properties: {
        protectStatefulResources: { type: "boolean" },
        multiRegion: { type: "boolean" },
    },
};

/**
 * The stack tag that switches the stateful-protection rule on or off for a stack
 * (`pulumi stack tag set pulumi-aws-dr:protectStatefulResources true`). Pulumi allows tag names of at
 * most 40 letters, digits, `-`, `_`, `.` or `:`.
 */
export const PROTECT_STATEFUL_TAG = "pulumi-aws-dr:protectStatefulResources";

/** A stack tag's `true` or `false`; undefined when the tag is absent or says neither. */
function tagFlag(stackTags: ReadonlyMap<string, string> | undefined, name: string): boolean | undefined {
    const value = stackTags?.get(name)?.trim().toLowerCase();
    return value === "true" ? true : value === "false" ? false : undefined;
}

/**
 * The settings the offline plan takes from stack config, from policy config, else stack tags, else the
 * stack's resources: its name from a URN, its regions and protected resources from `resources`.
 * `validateResource` sees no other resource, so a rule that reads these settings has scope `stack`.
 */
export function settingsFor(
    urn: string | undefined,
    config: PackConfig,
    resources: readonly PolicyResource[],
    stackTags?: ReadonlyMap<string, string>,
): PolicySettings {
    const stack = /^urn:pulumi:([^:]+)::/.exec(urn ?? "")?.[1] ?? "";
    return {
        stack,
        protectStatefulResources:
            config.protectStatefulResources ??
            tagFlag(stackTags, PROTECT_STATEFUL_TAG) ??
            protectsAnyStateful(resources),
        multiRegion: config.multiRegion ?? strategyRegions(resources).length > 1,
    };
}

/**
 * A plain copy of CrossGuard's property proxy, which throws when a value unknown during preview is
 * read: such values become `UNKNOWN`, so one unknown id does not stop a rule over the whole stack.
 */
export function plain(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const source = value as Record<string | number, unknown>;
    const read = (key: string | number) => {
        try {
            return plain(source[key]);
        } catch (error) {
            if (error instanceof UnknownValueError) return UNKNOWN;
            throw error;
        }
    };
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(i));
    return Object.fromEntries(Object.keys(source).map((key) => [key, read(key)]));
}

/** The resource's `region` property (v7), else its provider's `aws:region`. */
function regionOf(props: Record<string, unknown>, provider: PolicyProviderResource | undefined): string | undefined {
    const own = props.region;
    const fallback = provider ? (plain(provider.props) as Record<string, unknown>).region : undefined;
    const region = own !== UNKNOWN && own !== undefined ? own : fallback;
    return typeof region === "string" && region !== UNKNOWN ? region : undefined;
}

/**
 * CrossGuard's view of a resource as rules see it. Under `validateResource` props are inputs; under
 * `validateStack` they are outputs, which echo the inputs and add ARNs and ids. Only `protect` is
 * among CrossGuard's options (@pulumi/policy 1.21 has no `retainOnDelete`), so it stays undefined.
 */
export function toPolicyResource(r: ResourceValidationArgs | CrossGuardResource): PolicyResource {
    const inputs = plain(r.props) as Record<string, unknown>;
    const references =
        "propertyDependencies" in r
            ? Object.fromEntries(
                  Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
              )
            : undefined;
    return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        inputs,
        options: { protect: r.opts?.protect ?? false },
        region: regionOf(inputs, r.provider),
        references,
    };
}

function report(
    rule: PolicyRule,
    resource: PolicyResource,
    context: PolicyContext,
    reportViolation: ReportViolation,
): void {
    for (const violation of checkResource(rule, resource, context)) reportViolation(violation.message, violation.urn);
}

/** One CrossGuard policy per rule: per resource when the rule reads only the resource, else over the stack. */
export function toPolicy(rule: PolicyRule): Policies[number] {
    const common = {
        name: rule.id,
        description: rule.description,
        enforcementLevel: rule.level,
        severity: rule.severity,
        framework: rule.framework,
        url: rule.url,
        tags: [...rule.tags],
        remediationSteps: rule.remediation,
        configSchema,
    };
    if (rule.scope === "resource") {
        return {
            ...common,
            validateResource: (args, reportViolation) => {
                if (!rule.resourceTypes.includes(args.type)) return;
                const context = {
                    ...settingsFor(args.urn, args.getConfig<PackConfig>(), [], args.stackTags),
                    resources: [],
                };
                report(rule, toPolicyResource(args), context, reportViolation);
            },
        };
    }
    return {
        ...common,
        validateStack: (args, reportViolation) => {
            const resources = args.resources.map(toPolicyResource);
            const settings = settingsFor(resources[0]?.urn, args.getConfig<PackConfig>(), resources, args.stackTags);
            const context = { ...settings, resources };
            for (const resource of resources) report(rule, resource, context, reportViolation);
        },
    };
}

export const policies: Policies = policyRules.map(toPolicy);
