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

/**
 * Runs Pulumi's schema inference over components/ (once per version: it compiles the library, half a minute) and
 * names each component by its own token. Throws Pulumi's own message when a component's args or outputs use a type
 * the analyzer refuses (a union, an inline object type...).
 */
export function inferPackage(version: string): InferredPackage {
    let result = inferred.get(version);
    if (result === undefined) {
        result = analyzePackage(version);
        inferred.set(version, result);
    }
    return result;
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
