import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InvalidInputError } from "../components/shared/errors";
import { problemsFromIssues } from "./issues";
import { semanticProblems } from "./compose";
import { NAMESPACE, StackConfig, stackConfigSchema } from "./schema";

/** The project's config as written in the stack file: section name to parsed value. */
export function readRawConfig(all: Record<string, string>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(all)) {
        if (!key.startsWith(`${NAMESPACE}:`)) continue;
        const section = key.slice(NAMESPACE.length + 1);
        try {
            raw[section] = JSON.parse(text);
        } catch {
            raw[section] = text; // a plain string value
        }
    }
    return raw;
}

/** Keys the schema accepts at a path, for "did you mean". */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
    let node: z.ZodType | undefined = schema;
    for (const key of path) {
        node = unwrap(node);
        node = node instanceof z.ZodObject ? (node.shape as Record<string, z.ZodType>)[String(key)] : undefined;
        if (!node) return [];
    }
    node = unwrap(node);
    return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(node: z.ZodType): z.ZodType {
    let current: z.ZodType = node;
    for (;;) {
        if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
            current = current.unwrap() as z.ZodType;
        } else if (current instanceof z.ZodPipe) {
            current = current.in as z.ZodType;
        } else return current;
    }
}

/**
 * Validates a stack's config and returns it typed, with defaults applied. The schema checks shapes
 * and types; then the components' own validators check the values, on the arguments the stack will
 * pass them, so the config and the library share one rule set. Every problem is reported at once, as
 * `stack "<name>": pulumi-aws-dr:<path> must be ..., got ...`.
 */
export function parseStackConfig(stack: string, raw: Record<string, unknown>): StackConfig {
    const result = stackConfigSchema.safeParse(raw, { reportInput: true });
    const problems = result.success
        ? semanticProblems(result.data, stack)
        : problemsFromIssues(result.error.issues, (p) => knownKeys(stackConfigSchema, p), (p) => p.map(String).join("."));
    if (problems.length > 0) {
        throw new InvalidInputError(`stack "${stack}"`, problems.map((p) => ({ ...p, path: qualified(p.path) })));
    }
    return result.data!;
}

const qualified = (path: string) => (path ? `${NAMESPACE}:${path}` : NAMESPACE);

/** Reads and validates the current stack's config from the Pulumi runtime. */
export function loadStackConfig(): StackConfig {
    return parseStackConfig(pulumi.getStack(), readRawConfig(pulumi.runtime.allConfig()));
}
