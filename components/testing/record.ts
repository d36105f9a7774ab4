/** What the offline engine records of one registered resource, as the real engine would receive it. */
export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** URN of the parent; null for a resource at the top of the stack. */
    readonly parent: string | null;
    /** false for component resources. */
    readonly custom: boolean;
    /** The resource's `region` input, else the stack's `aws:region`; null for global services and components. */
    readonly region: string | null;
    /** Inputs, with secrets as "[secret]" and resource references as their URN. */
    readonly inputs: Record<string, unknown>;
    readonly options: RecordedOptions;
}

export interface RecordedOptions {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** URN strings, or alias specs as sent to the engine. */
    readonly aliases: unknown[];
    /** Explicit `dependsOn` URNs (dependencies that come from no input). */
    readonly dependsOn: string[];
    readonly ignoreChanges: string[];
    /** Replaced by deleting first: for names AWS keeps unique that a replacement would otherwise reuse. */
    readonly deleteBeforeReplace: boolean;
}

export interface StackOutput {
    readonly value: unknown;
    readonly secret: boolean;
}

export interface StackRecord {
    readonly project: string;
    readonly stack: string;
    readonly resources: RecordedResource[];
    readonly outputs: Record<string, StackOutput>;
}

/** The value a reader may see: secrets stay masked. */
export function visibleOutputs(record: StackRecord): Record<string, unknown> {
    return Object.fromEntries(Object.entries(record.outputs).map(([k, o]) => [k, o.secret ? "[secret]" : o.value]));
}
