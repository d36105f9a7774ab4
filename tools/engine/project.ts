/**
 * The project's file and its stacks. The plan command checks the stack it is given before the engine
 * loads (tools/planArgs.ts), so this imports nothing that loads Pulumi.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The repository root: where Pulumi.yaml and index.ts are. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

const parsedTexts = new Map<string, unknown>();
/** Texts kept: the project file, the shipped stacks and the test fixtures that stand in for them. */
const PARSED_TEXTS_KEPT = 64;

/**
 * The YAML document `text` holds, deeply frozen, parsed once per distinct text: every evaluation reads
 * the project file and a stack file, and parsing them was a few percent of an evaluation's CPU.
 */
export function parseYaml(text: string): unknown {
    let doc = parsedTexts.get(text);
    if (doc === undefined && !parsedTexts.has(text)) {
        doc = deepFreeze(parse(text));
        if (parsedTexts.size >= PARSED_TEXTS_KEPT) parsedTexts.delete(parsedTexts.keys().next().value!);
        parsedTexts.set(text, doc);
    }
    return doc;
}

/** `value`, with every object in it frozen: what the engine shares, no caller can change. */
export function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value)) deepFreeze(child);
    }
    return value;
}

/** An error in the user's request or files (not in the program): printed without a stack trace. */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

export interface ProjectFile {
    name: string;
    stackConfigDir?: string;
}

export function readProject(projectDir: string): ProjectFile {
    const file = path.join(projectDir, "Pulumi.yaml");
    const project = parseYaml(fs.readFileSync(file, "utf8")) as ProjectFile;
    if (!project?.name) throw new PlanInputError(`${file}: no project name`);
    return project;
}

export function stackDir(projectDir: string): string {
    return path.join(projectDir, readProject(projectDir).stackConfigDir ?? ".");
}

export function listStacks(projectDir: string): string[] {
    return fs
        .readdirSync(stackDir(projectDir))
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Why `stack` cannot be read from the project's stack files, or undefined when it can. */
export function unknownStack(projectDir: string, stack: string): string | undefined {
    const stacks = listStacks(projectDir);
    return stacks.includes(stack) ? undefined : `stack "${stack}" does not exist; the stacks are: ${stacks.join(", ")}`;
}
