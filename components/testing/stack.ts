import { evaluate, Program } from "./evaluate";
import { MockAccount } from "./mocks";
import { RecordedResource, StackOutput, StackRecord } from "./record";

/** How to evaluate a program offline: the stack it runs as and the account it sees. */
export interface TestStackOptions {
    /**
     * The project name, which namespaces the program's own config keys (`new pulumi.Config()`).
     * @default "test"
     */
    readonly project?: string;
    /**
     * The stack name; it appears in URNs and in the components' physical names.
     * @default "test"
     */
    readonly stack?: string;
    /**
     * The stack's `aws:region`: where a resource without a `region` input lives.
     * @default "us-east-1"
     */
    readonly region?: string;
    /**
     * Config by key. A key without a namespace belongs to the project (`regions` is `<project>:regions`);
     * a value that is not a string is passed as JSON, as the Pulumi CLI passes structured config.
     */
    readonly config?: Readonly<Record<string, unknown>>;
    /** Config keys whose value is secret (full or project-relative keys). */
    readonly secretConfig?: readonly string[];
    /** Hosted zones `aws.route53.getZone` can find, by name. @default none */
    readonly hostedZones?: MockAccount["hostedZones"];
    /** Outputs of other stacks, by `org/project/stack`, that `pulumi.StackReference` reads. @default none */
    readonly stackOutputs?: MockAccount["stackOutputs"];
    /** Local Zones the account has opted into, by region, which AWS lists with the AZs. @default none */
    readonly localZones?: MockAccount["localZones"];
    /** Regions where the account already records with AWS Config (its own or Control Tower's recorder). @default none */
    readonly configRecorders?: MockAccount["configRecorders"];
}

/**
 * What a program declared, with the questions a test asks of it. Resources keep their registration
 * order; their inputs are what the engine would receive (secrets as "[secret]", resource references
 * as URNs).
 */
export class TestStack implements StackRecord {
    readonly project: string;
    readonly stack: string;
    readonly resources: RecordedResource[];
    readonly outputs: Record<string, StackOutput>;

    constructor(record: StackRecord) {
        this.project = record.project;
        this.stack = record.stack;
        this.resources = record.resources;
        this.outputs = record.outputs;
    }

    /** Every resource of a type token, e.g. `aws:lb/loadBalancer:LoadBalancer`. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource of a type (and name, if given); throws, naming what was found, when there is not exactly one. */
    one(type: string, name?: string): RecordedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1) {
            const names = found.map((r) => r.name).join(", ") || "none";
            throw new Error(
                `expected exactly one ${type}${name === undefined ? "" : ` named ${name}`}, found ${found.length}: ${names}`,
            );
        }
        return found[0];
    }

    /** The direct children of a resource (a component, usually), optionally of one type. */
    childrenOf(parent: RecordedResource, type?: string): RecordedResource[] {
        return this.resources.filter((r) => r.parent === parent.urn && (type === undefined || r.type === type));
    }

    /** Resources that live in a region (global services and components live in none). */
    inRegion(region: string): RecordedResource[] {
        return this.resources.filter((r) => r.region === region);
    }

    /** A stack output's resolved value; throws when the program exported no such output. */
    output(name: string): unknown {
        if (!(name in this.outputs))
            throw new Error(
                `the program exported no output ${name}; it has ${Object.keys(this.outputs).join(", ") || "none"}`,
            );
        return this.outputs[name].value;
    }
}

function programConfig(options: TestStackOptions) {
    const project = options.project ?? "test";
    const qualify = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
    const values: Record<string, string> = { "aws:region": options.region ?? "us-east-1" };
    for (const [key, value] of Object.entries(options.config ?? {})) {
        values[qualify(key)] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { project, stack: options.stack ?? "test", values, secretKeys: (options.secretConfig ?? []).map(qualify) };
}

async function run(
    program: Program,
    options: TestStackOptions,
    registrations?: RecordedResource[],
): Promise<StackRecord> {
    return evaluate({
        config: programConfig(options),
        program,
        hostedZones: options.hostedZones,
        stackOutputs: options.stackOutputs,
        localZones: options.localZones,
        configRecorders: options.configRecorders,
        registrations,
    });
}

/**
 * Evaluates a Pulumi program offline, against mocks that answer (and refuse) like AWS in account
 * `MOCK_ACCOUNT_ID`, and returns what it declared. The first error the program raises,
 * including one raised when a value known only at deploy time resolves, rejects the promise.
 * Evaluations share the process's Pulumi runtime: run them one at a time.
 */
export async function testStack(program: Program, options: TestStackOptions = {}): Promise<TestStack> {
    return new TestStack(await run(program, options));
}

/** What a failing program raised, and what it had registered by then. */
export interface ProgramFailure {
    readonly error: Error;
    readonly registered: RecordedResource[];
}

/** Evaluates a program that must fail; rejects when it succeeds. */
export async function testStackFailure(program: Program, options: TestStackOptions = {}): Promise<ProgramFailure> {
    const registered: RecordedResource[] = [];
    try {
        await run(program, options, registered);
    } catch (error) {
        return { error: error as Error, registered };
    }
    throw new Error(`expected the program to fail, but it declared ${registered.length} resources`);
}
