/**
 * The components as a Pulumi component package, for programs in other languages (`pulumi package add`,
 * docs/other-languages.md).
 *
 * Pulumi's component-provider host (`componentProviderHost` in `@pulumi/pulumi/provider/experimental`) infers the
 * schema from the TypeScript source with its analyzer, but names every component `<package>:index:<Class>` and
 * constructs only tokens of the `index` module. Registered under that token, each component would get a new URN in
 * every existing stack. So this provider runs the same analyzer and schema generator, then names each component by
 * the token its class already registers (`pulumi-aws-dr:<module>:<Class>`): a Python program's MultiAzAlb has the URN
 * a TypeScript program's has, and no alias is needed anywhere.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConstructResult, Provider } from "@pulumi/pulumi/provider";
import { Analyzer, ComponentDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import {
    ALB_TYPE,
    BACKUP_PLAN_TYPE,
    BackupPlan,
    Cdn,
    CDN_TYPE,
    CERTIFICATE_TYPE,
    DNS_TYPE,
    DnsValidatedCertificate,
    DRILL_TEMPLATES_TYPE,
    DrillTemplates,
    FAILOVER_AUTOMATION_TYPE,
    FailoverAutomation,
    FailoverDns,
    Fleet,
    FLEET_TYPE,
    GLOBAL_DATABASE_TYPE,
    GLOBAL_TABLE_TYPE,
    GlobalDatabase,
    GlobalTable,
    MultiAzAlb,
    MultiAzNetwork,
    NETWORK_TYPE,
    REPLICATED_BUCKET_TYPE,
    ReplicatedBucket,
    WEB_ACL_TYPE,
    WebAcl,
} from "../components";

/** The package name other languages add: the npm package's name, as Pulumi's own host would derive it. */
export const PACKAGE_NAME = "pulumi-aws-dr";

/** The constructor every component shares: Pulumi's `(name, args, opts)`. */
type ComponentClass = new (
    name: string,
    args: never,
    opts?: pulumi.ComponentResourceOptions,
) => pulumi.ComponentResource;

/** Every component the package offers, with the type token its class registers under. */
export const PACKAGE_COMPONENTS: readonly { readonly component: ComponentClass; readonly token: string }[] = [
    { component: MultiAzNetwork, token: NETWORK_TYPE },
    { component: MultiAzAlb, token: ALB_TYPE },
    { component: DnsValidatedCertificate, token: CERTIFICATE_TYPE },
    { component: FailoverDns, token: DNS_TYPE },
    { component: BackupPlan, token: BACKUP_PLAN_TYPE },
    { component: Fleet, token: FLEET_TYPE },
    { component: ReplicatedBucket, token: REPLICATED_BUCKET_TYPE },
    { component: GlobalTable, token: GLOBAL_TABLE_TYPE },
    { component: GlobalDatabase, token: GLOBAL_DATABASE_TYPE },
    { component: Cdn, token: CDN_TYPE },
    { component: WebAcl, token: WEB_ACL_TYPE },
    { component: DrillTemplates, token: DRILL_TEMPLATES_TYPE },
    { component: FailoverAutomation, token: FAILOVER_AUTOMATION_TYPE },
];

/** The package schema (Pulumi's package schema JSON) and each component's inferred inputs and outputs, by class. */
export interface InferredPackage {
    readonly schema: ReturnType<typeof generateSchema>;
    readonly components: Readonly<Record<string, ComponentDefinition>>;
}

const inferred = new Map<string, InferredPackage>();

/** Where `inferPackage` keeps what it inferred between processes. */
export interface InferPackageOptions {
    /**
     * The directory of inferred packages, by the hash of the analyzer's inputs; `false`: infer every time.
     * @default "$XDG_CACHE_HOME/pulumi-aws-dr/schema", else "~/.cache/pulumi-aws-dr/schema"
     */
    readonly cacheDir?: string | false;
}

/** The default `cacheDir`: the user's cache directory, as the XDG base directory specification names it. */
export function defaultSchemaCacheDir(): string {
    return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-aws-dr", "schema");
}

/** The packages whose code or declarations decide what the analyzer infers, resolved as the analyzer resolves them. */
const ANALYZER_PACKAGES = ["typescript", "@pulumi/pulumi", "@pulumi/aws", "@pulumi/random", "zod", "@types/node"];

function sourceFiles(dir: string, accept: (name: string) => boolean): string[] {
    return fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((name) => accept(name) && !name.split(path.sep).includes("node_modules"))
        .map((name) => path.join(dir, name));
}

/**
 * The hash of everything the analyzer reads: components/ and plugin/ sources, both tsconfig files, the
 * installed versions of the packages they use, Node's version and the package version the schema states.
 * No path is in it, so every checkout of the same sources shares an entry.
 */
export function analyzerInputsHash(version: string, root = path.join(__dirname, "..")): string {
    const files = [
        ...sourceFiles(path.join(root, "components"), (name) => name.endsWith(".ts")),
        ...sourceFiles(path.join(root, "plugin"), (name) => name.endsWith(".ts") || name === "tsconfig.json"),
        path.join(root, "tsconfig.json"),
    ].sort();
    const hash = createHash("sha256").update(`${version}\0${process.version}\0`);
    for (const name of ANALYZER_PACKAGES) {
        const manifest = require.resolve(`${name}/package.json`, { paths: [root] });
        hash.update(`${name}@${JSON.parse(fs.readFileSync(manifest, "utf8")).version}\0`);
    }
    for (const file of files)
        hash.update(`${path.relative(root, file)}\0`)
            .update(fs.readFileSync(file))
            .update("\0");
    return hash.digest("hex").slice(0, 16);
}

/**
 * Runs Pulumi's schema inference over components/ and names each component by its own token. The analyzer
 * compiles the library with @pulumi/aws's declarations (about 15 s of CPU), so its result is kept: in this
 * process by version, and in `cacheDir` under the hash of its inputs (`analyzerInputsHash`), where the next
 * start of the plugin, and every checkout of the same sources, finds it. Throws Pulumi's own message when a
 * component's args or outputs use a type the analyzer refuses (a union, an inline object type...).
 */
export function inferPackage(version: string, options: InferPackageOptions = {}): InferredPackage {
    let result = inferred.get(version);
    if (result === undefined) {
        const cacheDir = options.cacheDir ?? defaultSchemaCacheDir();
        result = cacheDir === false ? analyzePackage(version) : cachedAnalysis(version, cacheDir);
        inferred.set(version, result);
    }
    return result;
}

/** Inferred packages kept in the cache directory: the newest, since each change to the sources adds one. */
export const SCHEMA_CACHE_ENTRIES_KEPT = 16;

function cachedAnalysis(version: string, cacheDir: string): InferredPackage {
    const file = path.join(cacheDir, `${analyzerInputsHash(version)}.json`);
    let result: InferredPackage;
    if (fs.existsSync(file)) {
        result = JSON.parse(fs.readFileSync(file, "utf8")) as InferredPackage;
        const now = new Date();
        fs.utimesSync(file, now, now); // the entry last used is the newest, whoever wrote it
    } else {
        result = analyzePackage(version);
        try {
            fs.mkdirSync(cacheDir, { recursive: true });
            // Written beside its place and renamed into it, so no reader ever sees half a file.
            const partial = `${file}.${process.pid}.partial`;
            fs.writeFileSync(partial, JSON.stringify(result));
            fs.renameSync(partial, file);
        } catch {
            // A cache that cannot be written only costs the next run the analysis.
            return result;
        }
    }
    removeOldestEntries(cacheDir, SCHEMA_CACHE_ENTRIES_KEPT);
    return result;
}

function removeOldestEntries(cacheDir: string, kept: number): void {
    const entries = fs
        .readdirSync(cacheDir)
        .filter((name) => name.endsWith(".json"))
        .map((name) => ({ file: path.join(cacheDir, name), mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of entries.slice(kept)) fs.rmSync(file, { force: true });
}

function analyzePackage(version: string): InferredPackage {
    // The analyzer reads `<dir>/tsconfig.json` and starts at `main`: plugin/tsconfig.json holds components/ only, so
    // neither the stack program nor the tests are compiled.
    const analyzer = new Analyzer(
        __dirname,
        PACKAGE_NAME,
        { main: "../components/index.ts" },
        new Set(PACKAGE_COMPONENTS.map(({ component }) => component.name)),
    );
    const { components, typeDefinitions, dependencies } = analyzer.analyze();
    const schema = generateSchema(
        PACKAGE_NAME,
        version,
        "AWS disaster-recovery components whose RTO/RPO are checked before deploy",
        components,
        typeDefinitions,
        dependencies,
    );
    schema.resources = Object.fromEntries(
        PACKAGE_COMPONENTS.map(({ component, token }) => [token, schema.resources[indexToken(component.name)]]),
    );
    return { schema, components };
}

/** The token Pulumi's generator gives a class: `<package>:index:<Class>`. */
export function indexToken(className: string): string {
    return `${PACKAGE_NAME}:index:${className}`;
}

/** The provider the plugin serves: the inferred schema, and `construct` for each component's own token. */
export class ComponentPackageProvider implements Provider {
    constructor(readonly version: string) {}

    async getSchema(): Promise<string> {
        return JSON.stringify(inferPackage(this.version).schema);
    }

    async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<ConstructResult> {
        const entry = PACKAGE_COMPONENTS.find((c) => c.token === type);
        if (entry === undefined) {
            const known = PACKAGE_COMPONENTS.map((c) => c.token).join(", ");
            throw new Error(`${PACKAGE_NAME} has no component ${type}; it has ${known}`);
        }
        const instance = new entry.component(name, inputs as never, options);
        const outputs = inferPackage(this.version).components[entry.component.name].outputs;
        const state = Object.fromEntries(
            Object.keys(outputs).map((key) => [key, (instance as unknown as Record<string, unknown>)[key]]),
        );
        return { urn: instance.urn, state };
    }
}
