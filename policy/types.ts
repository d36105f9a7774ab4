/**
 * What a policy rule sees of one resource. The offline engine's `RecordedResource` is assignable to
 * it, and the CrossGuard pack maps its own resources onto it (see pack.ts).
 */
export interface PolicyResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /**
     * @pulumi/aws input properties. Values another resource computes are that resource's output values
     * (the offline mocks resolve them); under CrossGuard they may be `UNKNOWN` during a preview.
     */
    readonly inputs: Record<string, unknown>;
    readonly options: {
        readonly protect: boolean;
        /** Undefined when the caller cannot see it: CrossGuard does not pass `retainOnDelete` to policies. */
        readonly retainOnDelete?: boolean;
    };
    /** The region the resource lives in; null or undefined when unknown or global. */
    readonly region?: string | null;
    /**
     * URNs of the resources each top-level input property was computed from. CrossGuard supplies them,
     * and they identify a referenced resource even while its ARN or id is still unknown.
     */
    readonly references?: Readonly<Record<string, readonly string[]>>;
}

/** The stack-wide facts a rule may depend on. */
export interface PolicySettings {
    readonly stack: string;
    /** The stack keeps its stateful resources (`pulumi-aws-dr:dr.protectStatefulResources`). */
    readonly protectStatefulResources: boolean;
    /** The DR strategy spans two regions, so backups must be copied out of the region they are taken in. */
    readonly multiRegion: boolean;
}

export interface PolicyContext extends PolicySettings {
    /** Every resource of the stack, for rules that look at how resources relate. */
    readonly resources: readonly PolicyResource[];
}

export type PolicyLevel = "mandatory" | "advisory";

/** CrossGuard's severities (@pulumi/policy `Severity`). */
export type PolicySeverity = "low" | "medium" | "high" | "critical";

/** The compliance framework a rule implements a control of (@pulumi/policy `PolicyComplianceFramework`). */
export interface PolicyFramework {
    readonly name: string;
    readonly version: string;
    /** The control's id in the framework, e.g. `ELB.4`. */
    readonly reference: string;
    /** The control's title in the framework. */
    readonly specification: string;
}

export interface PolicyRule {
    /** The Security Hub control id (`ELB.4`) or a project rule id (kebab-case). */
    readonly id: string;
    readonly description: string;
    readonly level: PolicyLevel;
    /** For a Security Hub control, the severity AWS gives it; for a project rule, what a violation risks. */
    readonly severity: PolicySeverity;
    /** The framework whose control the rule checks; project rules have none. */
    readonly framework?: PolicyFramework;
    /** Where the control or the behaviour it guards is documented. */
    readonly url: string;
    /** The AWS service and the concern, e.g. `["elb", "encryption-in-transit"]`. */
    readonly tags: readonly string[];
    /** What to change when the rule fails. */
    readonly remediation: string;
    readonly resourceTypes: readonly string[];
    /**
     * `resource`: reads only the resource itself, so CrossGuard can check it before the resource is
     * created. `stack`: reads `context.resources` too, so CrossGuard runs it over the whole stack.
     */
    readonly scope: "resource" | "stack";
    /** Violation messages for one resource of `resourceTypes`; undefined or [] when it passes. */
    check(resource: PolicyResource, context: PolicyContext): string | string[] | undefined;
}

export interface PolicyViolation {
    readonly id: string;
    readonly level: PolicyLevel;
    readonly urn: string;
    readonly message: string;
}

/**
 * Stands for a value CrossGuard cannot know during a preview (an output of a resource not yet
 * created). Rules do not judge such values: the stack analysis after `pulumi up` sees them resolved.
 */
export const UNKNOWN = "[unknown]";
