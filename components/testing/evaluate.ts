import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { setAllConfig } from "@pulumi/pulumi/runtime/config";
import { createRequire } from "module";
import { AwsMocks, MockAccount } from "./mocks";
import { RecordedResource, StackRecord } from "./record";

// Modules of the SDK's own, resolved from it so that both see the same instances.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi"));
const resproto = sdkRequire("./proto/resource_pb");

export const MOCK_ACCOUNT_ID = "123456789012";

/** A stack's config as the Pulumi CLI hands it to a program. */
export interface ProgramConfig {
    readonly project: string;
    readonly stack: string;
    /** `namespace:key` to a string; structured values are JSON, as the CLI passes them. */
    readonly values: Record<string, string>;
    /** Keys whose value is, or contains, a secret. */
    readonly secretKeys: string[];
}

/** A Pulumi program: what `index.ts` exports. It returns the stack outputs. */
export type Program = () => unknown;

export interface EvaluateOptions {
    readonly config: ProgramConfig;
    readonly program: Program;
    /** Outputs of other stacks that `pulumi.StackReference` may read, by `org/project/stack`. */
    readonly stackOutputs?: MockAccount["stackOutputs"];
    readonly hostedZones?: MockAccount["hostedZones"];
    readonly localZones?: MockAccount["localZones"];
    readonly configRecorders?: MockAccount["configRecorders"];
    /** Receives each registration as it happens, so a caller sees what was registered before a failure. */
    readonly registrations?: RecordedResource[];
}

/**
 * The real engine's URN: the parent's full type chain, then this type. The SDK's mock monitor keeps
 * only the parent's own type, which would make grandchildren's URNs differ from a real deployment's.
 */
function engineUrn(stack: string, project: string, parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Inputs as the engine receives them, made readable: secrets masked, references as URNs. */
function readable(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(readable);
    if (value === rpc.unknownValue) return "[unknown]";
    if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        switch (record[rpc.specialSigKey]) {
            case rpc.specialSecretSig:
                return "[secret]";
            case rpc.specialResourceSig:
                return record.urn;
            case rpc.specialAssetSig:
            case rpc.specialArchiveSig:
                return "[asset]";
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, readable(v)]));
    }
    return value;
}

interface AliasProto {
    hasUrn(): boolean;
    getUrn(): string;
    getSpec(): { toObject(): Record<string, unknown> } | undefined;
}

function describeAlias(alias: AliasProto): unknown {
    if (alias.hasUrn()) return alias.getUrn();
    const spec = alias.getSpec()?.toObject() ?? {};
    return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== "" && v !== false && v !== undefined));
}

type ProtobufStruct = Parameters<typeof rpc.deserializeProperties>[0];

/**
 * A protobuf `Struct` as the SDK reads one from the monitor (`toJavaScript()`), over a value already in
 * that form. The real engine's answer crosses gRPC as bytes; the mock monitor's never leaves the
 * process, so turning it into protobuf and straight back, as the SDK's MockMonitor does, only costs
 * time: about a tenth of an evaluation. `rpc.deserializeProperties` builds new values from it and
 * changes nothing in it.
 */
function inProcessStruct(value: Record<string, unknown>): ProtobufStruct {
    return { toJavaScript: () => value } as unknown as ProtobufStruct;
}

/**
 * Installs Pulumi's mock monitor, with two changes: URNs follow the real engine's scheme, and every
 * registration is recorded with its options before the mocks answer it.
 */
function installRecordingMonitor(mocks: AwsMocks, config: ProgramConfig, recorded: RecordedResource[]): void {
    // Patched in place: replacing the monitor would reset the feature flags setMocks turned on.
    const monitor = (settings as unknown as { getMonitor(): MockMonitor }).getMonitor();
    const defaultRegion = config.values["aws:region"] ?? null;
    const urnOf = (parent: string, type: string, name: string) =>
        engineUrn(config.stack, config.project, parent, type, name);
    (monitor as unknown as { newUrn: typeof urnOf }).newUrn = urnOf;

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (monitor as any).registerResource = async (req: any, callback: (err: unknown, res?: unknown) => void) => {
        try {
            const type: string = req.getType();
            const name: string = req.getName();
            const parent: string = req.getParent();
            const custom: boolean = req.getCustom();
            const urn = urnOf(parent, type, name);
            const sent = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const inputs = readable(sent) as Record<string, unknown>;
            const propertyDeps = new Set<string>();
            req.getPropertydependenciesMap().forEach((deps: { getUrnsList(): string[] }) => {
                deps.getUrnsList().forEach((u) => propertyDeps.add(u));
            });
            const isGlobal = /^aws:(iam|route53)\//.test(type) || type.startsWith("random:");
            recorded.push({
                type,
                name,
                urn,
                parent: parent || null,
                custom,
                // A component lives in no region of its own; its children each say where they are.
                region: typeof inputs.region === "string" ? inputs.region : isGlobal || !custom ? null : defaultRegion,
                inputs,
                options: {
                    protect: Boolean(req.getProtect()),
                    retainOnDelete: Boolean(req.getRetainondelete()),
                    aliases: (req.getAliasesList() as AliasProto[]).map(describeAlias),
                    dependsOn: (req.getDependenciesList() as string[]).filter((d) => !propertyDeps.has(d)),
                    ignoreChanges: req.getIgnorechangesList() as string[],
                    deleteBeforeReplace: Boolean(req.getDeletebeforereplace()),
                },
            });

            const result = await mocks.newResource({
                type,
                name,
                inputs: rpc.deserializeProperties(inProcessStruct(sent)),
                provider: req.getProvider(),
                custom,
                id: req.getImportid(),
            });
            // The engine marks these outputs secret (e.g. RandomPassword.result); the mock monitor does not.
            const state: Record<string, unknown> = { ...result.state };
            for (const key of req.getAdditionalsecretoutputsList() as string[]) {
                if (key in state) state[key] = pulumi.secret(state[key]);
            }
            const serialized = await rpc.serializeProperties("", state);
            monitor.resources.set(urn, { urn, id: result.id ?? null, state: serialized });
            // What the SDK reads of a RegisterResourceResponse, as its own test-mode answer has it
            // (runtime/resource.js): the outputs stay the JavaScript object they were serialized to.
            callback(null, {
                getUrn: () => urn,
                getId: () => result.id ?? "",
                getObject: () => inProcessStruct(serialized),
                getPropertydependenciesMap: () => undefined,
                getResult: () => resproto.Result.SUCCESS,
                getUnknown: () => false,
            });
        } catch (err) {
            callback(err);
        }
    };
}

async function resolveOutput(value: unknown): Promise<{ value: unknown; secret: boolean }> {
    const output: pulumi.Output<unknown> = pulumi.output(value as pulumi.Input<unknown>) as pulumi.Output<unknown>;
    const [resolved, secret] = await Promise.all([
        new Promise<unknown>((resolve) => output.apply((v) => resolve(v))),
        pulumi.isSecret(output),
    ]);
    return { value: resolved, secret };
}

/**
 * Evaluates a Pulumi program offline under Pulumi's mock runtime and records what it declares.
 * The first error the program raises, synchronously or in an apply, rejects the returned promise.
 */
export async function evaluate(options: EvaluateOptions): Promise<StackRecord> {
    const { config } = options;
    const region = config.values["aws:region"] ?? "us-east-1";
    const mocks = new AwsMocks({
        accountId: MOCK_ACCOUNT_ID,
        partition: "aws",
        defaultRegion: region,
        hostedZones: options.hostedZones,
        stackOutputs: options.stackOutputs,
        localZones: options.localZones,
        configRecorders: options.configRecorders,
    });
    const recorded: RecordedResource[] = options.registrations ?? [];
    const restoreStamps = skipDiagnosticStamps();
    setAllConfig(config.values, config.secretKeys);
    await pulumi.runtime.setMocks(mocks, config.project, config.stack, false);
    installRecordingMonitor(mocks, config, recorded);

    // Errors raised inside applies and registrations surface as unhandled rejections, exactly as the
    // Pulumi CLI sees them; collect them instead of letting them kill the process. A test runner's own
    // listener (node:test, vitest) would count them as stray errors of whichever test runs: it is set
    // aside while the program runs, since these rejections are this evaluation's result.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    const runnerListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", onRejection);
    try {
        const exported = await options.program();
        const outputs: StackRecord["outputs"] = {};
        for (const [key, value] of Object.entries((exported ?? {}) as Record<string, unknown>)) {
            outputs[key] = await resolveOutput(value);
        }
        await settle();
        if (failures.length > 0) throw failures[0];
        return { project: config.project, stack: config.stack, resources: recorded, outputs };
    } catch (error) {
        // Drain this evaluation's outstanding work so none of its rejections reach the next one.
        await settle().catch(() => undefined);
        throw error;
    } finally {
        process.off("unhandledRejection", onRejection);
        restoreStamps();
        for (const listener of runnerListeners) process.on("unhandledRejection", listener);
    }
}

interface PromiseStamps {
    debuggablePromise<T>(promise: Promise<T>, context: unknown): Promise<T>;
}
/** The SDK's own module instance: its callers look the function up on it at each call. */
const promiseStamps = sdkRequire("./runtime/debuggable") as PromiseStamps;

/** `Resource.stackTrace`, looked up on the class at each registration. */
type SourcePositions = { stackTrace(skip: number): unknown[] };

/**
 * Two things the SDK does for every registration that only a real deployment's diagnostics read, and
 * that were most of a plan's time under vitest, whose stack formatter maps every frame to its source:
 * - `debuggablePromise` stamps every internal promise (~75 per resource) with `new Error().stack` and
 *   chains two more promises onto it, only to report leaked promises when the program exits
 *   (PULUMI_DEBUG_PROMISE_LEAKS prints their traces). An evaluation waits for its own work
 *   (`settle`), so here the promise is used as it is.
 * - `Resource.stackTrace` formats the whole stack of each registration to send the engine the source
 *   position of its constructor call, which the CLI shows in diagnostics; nothing is recorded from it
 *   here (RecordedResource has no position).
 * While a program runs, unless PULUMI_DEBUG_PROMISE_LEAKS is set, both are skipped; every other
 * error's stack is captured and formatted as before. Returns the function that puts the SDK's back.
 */
function skipDiagnosticStamps(): () => void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
    const stamp = promiseStamps.debuggablePromise;
    const unstamped: PromiseStamps["debuggablePromise"] = (promise) => promise;
    promiseStamps.debuggablePromise = unstamped;
    const positions = pulumi.Resource as unknown as SourcePositions;
    const stackTrace = positions.stackTrace;
    const noPosition: SourcePositions["stackTrace"] = () => [];
    positions.stackTrace = noPosition;
    return () => {
        // Only what nothing replaced meanwhile.
        if (promiseStamps.debuggablePromise === unstamped) promiseStamps.debuggablePromise = stamp;
        if (positions.stackTrace === noPosition) positions.stackTrace = stackTrace;
    };
}

/** Waits until every registration and invoke has answered and their rejections have been delivered. */
async function settle(): Promise<void> {
    // A rejection may start more work (a dependent resource failing in turn), so wait until a whole
    // round of the event loop starts nothing new. Rejections of one turn are reported on the next.
    const rpcs = settings as unknown as { waitForRPCs(): Promise<void> };
    for (let round = 0; round < 3; round++) {
        await rpcs.waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    }
}
