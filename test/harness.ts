import { Program, RecordedResource, StackRecord, TestStack, testStack, testStackFailure } from "../components/testing";
import { deepFreeze, evaluateStack } from "../tools/engine";

/**
 * Evaluates a small program (usually one component) offline, in a stack named `stack` of project
 * pulumi-aws-dr with `aws:region` set, and returns what it declared. The shipped testing entry point
 * does the work, so the library's own tests exercise what consumers get.
 */
export interface RunOptions {
    stack?: string;
    region?: string;
    config?: Record<string, string>;
    /** Local Zones the offline account has opted into, by region. */
    localZones?: Record<string, string[]>;
    /** Regions where the offline account already records with AWS Config. */
    configRecorders?: string[];
}

const HOSTED_ZONES = { "example.com": { zoneId: "Z0EXAMPLE1234567890AB" } };

const asTestStack = (options: RunOptions) => ({ project: "pulumi-aws-dr", hostedZones: HOSTED_ZONES, ...options });

export async function run(program: Program, options: RunOptions = {}): Promise<TestStack> {
    return testStack(program, asTestStack(options));
}

/**
 * Evaluates a program that must fail, and returns the error and what was registered before it.
 * Fails the test when the program succeeds.
 */
export async function runExpectingError(
    program: Program,
    options: RunOptions = {},
): Promise<{ error: Error; registered: RecordedResource[] }> {
    return testStackFailure(program, asTestStack(options));
}

export const ofType = (record: StackRecord, type: string) => new TestStack(record).ofType(type);

export const one = (record: StackRecord, type: string, name?: string): RecordedResource =>
    new TestStack(record).one(type, name);

/** Parses a JSON policy input (key policy, bucket policy, trust policy). */
export function policyOf(resource: RecordedResource, key = "policy"): { Statement: Record<string, unknown>[] } {
    const text = resource.inputs[key];
    if (typeof text !== "string")
        throw new Error(`${resource.name}.${key} is not a JSON string: ${JSON.stringify(text)}`);
    return JSON.parse(text);
}

const shipped = new Map<string, Promise<StackRecord>>();

/**
 * A shipped stack (`stacks/Pulumi.<stack>.yaml`) evaluated as committed: once per test worker, then
 * shared by every test that only reads it (vitest.config.mts keeps a worker's modules between files).
 * The record is frozen deeply, so a test that would change it fails rather than change what the next
 * test reads. A test that changes the config or the program evaluates afresh with `evaluateStack`.
 */
export function shippedStack(stack: string): Promise<StackRecord> {
    let record = shipped.get(stack);
    if (!record) {
        record = evaluateStack(stack).then(deepFreeze);
        shipped.set(stack, record);
    }
    return record;
}
