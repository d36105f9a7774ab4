import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InputProblem, InvalidInputError, REDACTED } from "../components/internal";
import { closest, problemsFromIssues } from "./issues";
import { semanticProblems } from "./checks";
import { NAMESPACE, secretSections, StackConfig, stackConfigSchema } from "./schema";

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

/**
 * Keys the schema accepts at a path, for "did you mean". Map keys (a target group's or a rule's own
 * name) and list indexes are the user's, so the walk steps through them to the value's schema.
 */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
    let node: z.ZodType | undefined = schema;
    for (const key of path) {
        node = unwrap(node);
        if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
        else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
        else node = node instanceof z.ZodObject ? (node.shape as Record<string, z.ZodType>)[String(key)] : undefined;
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

type Section = keyof StackConfig;
const sections = Object.keys(stackConfigSchema.shape) as Section[];

/**
 * Stand-ins for sections that failed the schema, so the other sections' checks can still run and
 * every problem is reported at once. Each is the least that parses, and no check reads another
 * section's stand-in for anything but defaults.
 */
const standIns: { [S in Exclude<Section, "dr">]: StackConfig[S] } = {
    network: {},
    alb: { targetGroups: {} },
    dns: { zone: {}, recordName: "" },
    backup: { rules: {}, selections: {} },
    data: { buckets: {}, tables: {}, databases: {} },
    tags: {},
    cdn: {},
    originVerifySecret: undefined,
};

/**
 * Validates a stack's config and returns it typed, with defaults applied. The schema checks shapes
 * and types, one section at a time; then the components' own validators check the values, on the
 * arguments the stack will pass them, so the config and the library share one rule set. A section
 * that fails the schema is left out of the second pass, the others are not, so every problem is
 * reported at once, as `stack "<name>": pulumi-aws-dr:<path> must be ..., got ...`. Only a broken
 * `dr` section stops the second pass: the strategy decides what the other sections must hold.
 */
export function parseStackConfig(stack: string, raw: Record<string, unknown>): StackConfig {
    const problems: InputProblem[] = [];
    const parsed: Partial<StackConfig> = {};
    const failed = new Set<Section>();
    for (const section of Object.keys(raw).filter((s) => !sections.includes(s as Section))) {
        const guess = closest(section, sections) as Section | undefined;
        // The section meant is the misspelled one, so checking the real one's absence would only add noise.
        if (guess) failed.add(guess);
        problems.push({
            path: section,
            value: raw[section],
            allowed: `a known key${guess ? ` (did you mean "${guess}"?)` : ""}; the keys here are ${sections.join(", ")}`,
        });
    }
    for (const section of sections) {
        const schema = stackConfigSchema.shape[section] as z.ZodType;
        const result = schema.safeParse(raw[section], { reportInput: true });
        if (result.success) {
            (parsed as Record<Section, unknown>)[section] = result.data;
            continue;
        }
        failed.add(section);
        problems.push(
            ...problemsFromIssues(
                result.error.issues,
                (p) => knownKeys(schema, p),
                (p) => [section, ...p.map(String)].join("."),
            ),
        );
    }
    if (!failed.has("dr")) {
        const config = { ...standIns, ...parsed } as StackConfig;
        problems.push(...semanticProblems(config, stack, failed));
    }
    if (problems.length > 0) {
        const redact = (p: InputProblem) => (secretSections.includes(p.path.split(".")[0]) ? REDACTED : p.value);
        throw new InvalidInputError(
            `stack "${stack}"`,
            problems.map((p) => ({ ...p, path: qualified(p.path), value: redact(p) })),
        );
    }
    return parsed as StackConfig;
}

const qualified = (path: string) => (path ? `${NAMESPACE}:${path}` : NAMESPACE);

/** Reads and validates the current stack's config from the Pulumi runtime. */
export function loadStackConfig(): StackConfig {
    return parseStackConfig(pulumi.getStack(), readRawConfig(pulumi.runtime.allConfig()));
}
