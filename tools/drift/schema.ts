/**
 * The document `pulumi preview --json` prints (Pulumi's `display.PreviewDigest`), checked with zod.
 * Only the fields the drift report reads are typed; unknown fields pass through so that a newer CLI
 * that adds fields still parses. Where the CLI writes `null` (a Go nil slice or map), null is accepted.
 */
import { z } from "zod";

/** What a detailedDiff entry says about one property (Pulumi's `plugin.DiffKind` names). */
export const DIFF_KINDS = ["add", "add-replace", "delete", "delete-replace", "update", "update-replace"] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

const nullableList = z.array(z.string()).nullish();

const resourceState = z.looseObject({
    urn: z.string().optional(),
    type: z.string().optional(),
    custom: z.boolean().optional(),
    id: z.string().nullish(),
    inputs: z.record(z.string(), z.unknown()).nullish(),
    outputs: z.record(z.string(), z.unknown()).nullish(),
    protect: z.boolean().optional(),
    /** Output properties the program marked secret; their values are never printed. */
    additionalSecretOutputs: nullableList,
});
export type ResourceState = z.infer<typeof resourceState>;

const propertyDiff = z.looseObject({
    kind: z.enum(DIFF_KINDS),
    /** True when the diff is between old and new inputs; false when it is between old state and new inputs. */
    inputDiff: z.boolean().optional(),
});

const step = z.looseObject({
    op: z.string().min(1),
    urn: z.string().startsWith("urn:pulumi:", { message: 'must be a Pulumi URN ("urn:pulumi:...")' }),
    provider: z.string().optional(),
    oldState: resourceState.nullish(),
    newState: resourceState.nullish(),
    diffReasons: nullableList,
    replaceReasons: nullableList,
    detailedDiff: z.record(z.string(), propertyDiff).nullish(),
});
export type PreviewStep = z.infer<typeof step>;

const diagnostic = z.looseObject({
    urn: z.string().optional(),
    prefix: z.string().optional(),
    message: z.string().optional(),
    /** debug, info, infoerr, warning or error. */
    severity: z.string().optional(),
});
export type PreviewDiagnostic = z.infer<typeof diagnostic>;

export const previewDigestSchema = z
    .looseObject({
        config: z.record(z.string(), z.unknown()).nullish(),
        steps: z.array(step).nullish(),
        diagnostics: z.array(diagnostic).nullish(),
        /** Go's time.Duration: nanoseconds. */
        duration: z.number().nonnegative().optional(),
        changeSummary: z.record(z.string(), z.number().int().nonnegative()).nullish(),
        maybeCorrupt: z.boolean().optional(),
    })
    // Every field is omitempty in Go, but a real preview always has a summary or a step (the root stack);
    // an object with none of them is some other JSON file.
    .refine((d) => d.steps != null || d.changeSummary != null || d.diagnostics != null, {
        message: "has none of steps, changeSummary or diagnostics: this is not `pulumi preview --json` output",
    });
export type PreviewDigest = z.infer<typeof previewDigestSchema>;

/** The input file cannot be used: it is missing, empty, not JSON, or not shaped like a preview. */
export class PreviewInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviewInputError";
    }
}

const MAX_ISSUES_SHOWN = 5;

function issuePath(path: readonly PropertyKey[]): string {
    let text = "";
    for (const key of path) text += typeof key === "number" ? `[${key}]` : `${text ? "." : ""}${String(key)}`;
    return text || "(top level)";
}

/** Parses the text of a `pulumi preview --json` document; `source` names it in error messages. */
export function parsePreview(text: string, source: string): PreviewDigest {
    if (text.trim() === "") {
        throw new PreviewInputError(
            `${source} is empty: \`pulumi preview --json\` printed nothing (did the preview fail before it started?)`,
        );
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new PreviewInputError(`${source} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
        throw new PreviewInputError(
            `${source} is not \`pulumi preview --json\` output: expected a JSON object, got ${Array.isArray(json) ? "an array" : String(json === null ? "null" : typeof json)}`,
        );
    }
    const result = previewDigestSchema.safeParse(json);
    if (!result.success) {
        const issues = result.error.issues;
        const lines = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => `  ${issuePath(i.path)}: ${i.message}`);
        if (issues.length > MAX_ISSUES_SHOWN) lines.push(`  ... and ${issues.length - MAX_ISSUES_SHOWN} more`);
        throw new PreviewInputError(`${source} is not valid \`pulumi preview --json\` output:\n${lines.join("\n")}`);
    }
    return result.data;
}
