/**
 * The project's file and its stacks. The plan command checks the stack it is given before the engine
 * loads (tools/planArgs.ts), so this imports nothing that loads Pulumi.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The repository root: where Pulumi.yaml and index.ts are. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

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
    const project = parse(fs.readFileSync(file, "utf8")) as ProjectFile;
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
