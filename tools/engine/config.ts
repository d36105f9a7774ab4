import * as fs from "fs";
import * as path from "path";
import { ProgramConfig } from "../../components/testing";
import { parseYaml, PlanInputError, readProject, stackDir, unknownStack } from "./project";

export { listStacks, PlanInputError, readProject } from "./project";

/** The placeholder a `secure:` value becomes. It is never decrypted and never printed. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A stack's config read from its file; a `secure:` value makes its key secret. */
export interface LoadedConfig extends ProgramConfig {
    /** Where it was read from. */
    readonly file: string;
}

const isSecure = (v: unknown): boolean =>
    typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;

/** Replaces every `secure:` leaf with the placeholder; reports whether there was one. */
function maskSecure(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(maskSecure);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (typeof value === "object" && value !== null) {
        let secret = false;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            const masked = maskSecure(v);
            out[k] = masked.value;
            secret ||= masked.secret;
        }
        return { value: out, secret };
    }
    return { value, secret: false };
}

/**
 * Reads `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI does: keys without a namespace belong to
 * the project, structured values are passed as JSON, and a key holding any `secure:` value is secret.
 */
export function loadStackConfig(projectDir: string, stack: string): LoadedConfig {
    const unknown = unknownStack(projectDir, stack);
    if (unknown) throw new PlanInputError(unknown);
    const file = ["yaml", "yml"]
        .map((ext) => path.join(stackDir(projectDir), `Pulumi.${stack}.${ext}`))
        .find((f) => fs.existsSync(f))!;
    return loadConfigFile(projectDir, stack, file);
}

/** Reads a stack config file from any path, as if it were stack `stack`'s (tests use this for fixtures). */
export function loadConfigFile(projectDir: string, stack: string, file: string): LoadedConfig {
    const project = readProject(projectDir).name;
    let doc: { config?: Record<string, unknown> } | null;
    try {
        doc = parseYaml(fs.readFileSync(file, "utf8")) as typeof doc;
    } catch (e) {
        throw new PlanInputError(
            `stack "${stack}": ${path.relative(projectDir, file)} is not valid YAML: ${(e as Error).message.split("\n")[0]}`,
        );
    }
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, raw] of Object.entries(doc?.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        const { value, secret } = maskSecure(raw);
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
        if (secret) secretKeys.push(key);
    }
    return { project, stack, values, secretKeys, file };
}
