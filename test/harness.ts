import { evaluate, Program, RecordedResource, StackRecord } from "../tools/engine";
import { LoadedConfig } from "../tools/engine/config";

/**
 * Evaluates a small program (usually one component) offline, in a stack named `stack` of project
 * pulumi-aws-dr with `aws:region` set, and returns what it declared.
 */
export interface RunOptions {
    stack?: string;
    region?: string;
    config?: Record<string, string>;
    registrations?: RecordedResource[];
    /** Local Zones the offline account has opted into, by region. */
    localZones?: Record<string, string[]>;
}

export async function run(program: Program, options: RunOptions = {}): Promise<StackRecord> {
    const config: LoadedConfig = {
        project: "pulumi-aws-dr",
        stack: options.stack ?? "test",
        values: { "aws:region": options.region ?? "us-east-1", ...options.config },
        secretKeys: [],
        file: "<test>",
    };
    return evaluate({ config, program, hostedZones: { "example.com": { zoneId: "Z0EXAMPLE1234567890AB" } }, registrations: options.registrations, localZones: options.localZones });
}

/**
 * Evaluates a program that must fail, and returns the error and what was registered before it.
 * Fails the test when the program succeeds.
 */
export async function runExpectingError(program: Program, options: RunOptions = {}): Promise<{ error: Error; registered: RecordedResource[] }> {
    const registered: RecordedResource[] = [];
    try {
        await run(program, { ...options, registrations: registered });
    } catch (error) {
        return { error: error as Error, registered };
    }
    throw new Error(`expected the program to fail, but it declared ${registered.length} resources`);
}

export const ofType = (record: StackRecord, type: string) => record.resources.filter((r) => r.type === type);

export function one(record: StackRecord, type: string, name?: string): RecordedResource {
    const found = record.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
    if (found.length !== 1) {
        throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
}

/** Parses a JSON policy input (key policy, bucket policy, trust policy). */
export function policyOf(resource: RecordedResource, key = "policy"): { Statement: Record<string, unknown>[] } {
    const text = resource.inputs[key];
    if (typeof text !== "string") throw new Error(`${resource.name}.${key} is not a JSON string: ${JSON.stringify(text)}`);
    return JSON.parse(text);
}
