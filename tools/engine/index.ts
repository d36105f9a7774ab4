import * as path from "path";
import { LoadedConfig, loadConfigFile, loadStackConfig } from "./config";
import { evaluate, EvaluateOptions, Program, StackRecord } from "../../components/testing";

// The mocks and the recording engine ship with the library (pulumi-aws-dr/testing); the plan tooling
// adds the project's own stacks and config files.
export {
    AwsMocks,
    evaluate,
    MockAccount,
    MOCK_ACCOUNT_ID,
    Program,
    RecordedResource,
    StackRecord,
    visibleOutputs,
} from "../../components/testing";
export { listStacks, loadConfigFile, loadStackConfig, PlanInputError, SECRET_PLACEHOLDER } from "./config";
import { PROJECT_DIR } from "./project";
export { deepFreeze } from "./project";
export { PROJECT_DIR };

/** Loads `index.ts`, the per-stack program, as the Pulumi CLI would. */
export async function loadProgram(): Promise<Program> {
    const mod = (await import(path.join(PROJECT_DIR, "index"))) as Program | { default: Program };
    return typeof mod === "function" ? mod : mod.default;
}

export interface EvaluateStackOptions {
    /** Use this config file instead of `stacks/Pulumi.<stack>.yaml`. */
    readonly configFile?: string;
    /** Config values to set or replace, by full key (`pulumi-aws-dr:network`); objects are passed as JSON. */
    readonly configOverrides?: Record<string, unknown>;
    readonly program?: Program;
    readonly stackOutputs?: EvaluateOptions["stackOutputs"];
    readonly hostedZones?: EvaluateOptions["hostedZones"];
    readonly registrations?: EvaluateOptions["registrations"];
}

/** The hosted zones the shipped stacks look up; the offline account has them. */
export const DEFAULT_HOSTED_ZONES = { "example.com": { zoneId: "Z0EXAMPLE1234567890AB" } } as const;

/** A stack's config as the CLI would pass it, from its file (or `configFile`) with the overrides applied. */
export function stackConfig(
    stack: string,
    options: Pick<EvaluateStackOptions, "configFile" | "configOverrides"> = {},
): LoadedConfig {
    const loaded = options.configFile
        ? loadConfigFile(PROJECT_DIR, stack, options.configFile)
        : loadStackConfig(PROJECT_DIR, stack);
    const values = { ...loaded.values };
    for (const [key, value] of Object.entries(options.configOverrides ?? {})) {
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { ...loaded, values };
}

/**
 * The regions whose AWS Config recorder a stack says the account already has
 * (`backup.audit.configRecorder: existing`): the offline account has them, as it has the hosted zones
 * the stacks look up. A stack that says `create` gets none, so a second recorder is refused.
 */
export function existingConfigRecorders(values: Record<string, string>): string[] {
    const parse = (key: string) => {
        try {
            return JSON.parse(values[key] ?? "null") as Record<string, unknown> | null;
        } catch {
            return null;
        }
    };
    const audit = (parse("pulumi-aws-dr:backup")?.audit ?? {}) as { configRecorder?: string };
    if (audit.configRecorder !== "existing") return [];
    const dr = (parse("pulumi-aws-dr:dr") ?? {}) as { primaryRegion?: string; secondaryRegion?: string };
    return [dr.primaryRegion, dr.secondaryRegion].filter((r): r is string => typeof r === "string");
}

/** Evaluates a stack of this project offline and returns what it declares. */
export async function evaluateStack(stack: string, options: EvaluateStackOptions = {}): Promise<StackRecord> {
    const config = stackConfig(stack, options);
    return evaluate({
        config,
        configRecorders: existingConfigRecorders(config.values),
        program: options.program ?? (await loadProgram()),
        stackOutputs: options.stackOutputs,
        hostedZones: options.hostedZones ?? DEFAULT_HOSTED_ZONES,
        registrations: options.registrations,
    });
}
