import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { beforeAll, describe, expect, it } from "vitest";
import * as library from "../components";
import { MultiAzNetwork, NETWORK_TYPE } from "../components";
import { version } from "../package.json";
import {
    analyzerInputsHash,
    ComponentPackageProvider,
    defaultSchemaCacheDir,
    indexToken,
    inferPackage,
    InferredPackage,
    PACKAGE_COMPONENTS,
    PACKAGE_NAME,
    SCHEMA_CACHE_ENTRIES_KEPT,
} from "../plugin/provider";
import { run } from "./harness";
import { expectKeyFollowsInputs } from "./user.cache";

/** A schema property or type reference, as the generator writes it. */
interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
    plain?: boolean;
}

/** How a property reads in the snapshot: its type, `plain` when not an Input, `?` when optional. */
function describeType(p: SchemaProperty): string {
    const plain = p.plain ? " plain" : "";
    if (p.$ref) return `${p.$ref.replace(/^#\/types\/pulumi-aws-dr:index:/, "")}${plain}`;
    if (p.type === "array") return `${describeType(p.items!)}[]${plain}`;
    if (p.type === "object" && p.additionalProperties) return `map<${describeType(p.additionalProperties)}>${plain}`;
    return `${p.type}${plain}`;
}

function describeProperties(properties: Record<string, SchemaProperty>, required: string[]): string[] {
    return Object.entries(properties).map(
        ([name, p]) => `${name}${required.includes(name) ? "" : "?"}: ${describeType(p)}`,
    );
}

const classNames = PACKAGE_COMPONENTS.map(({ component }) => component.name).sort();

let pkg: InferredPackage;

describe("the component package other languages add (Pulumi's schema inference over components/)", () => {
    // The analyzer compiles the library and its @pulumi/aws references: tens of seconds, unless the user's cache
    // holds what it inferred from these very sources (plugin/provider.ts).
    beforeAll(() => {
        pkg = inferPackage(version);
    }, 180_000);

    it("offers every component the library exports, and the analyzer accepts each one", () => {
        const exported = getPulumiComponents(library).map((c) => c.name);
        expect(exported.sort()).toEqual(classNames);
        expect(Object.keys(pkg.components).sort()).toEqual(classNames);
    });

    it("names each component by the token its TypeScript class registers, pulumi-aws-dr:<module>:<Class>", () => {
        for (const { component, token } of PACKAGE_COMPONENTS)
            expect(token).toMatch(new RegExp(`^${PACKAGE_NAME}:[a-z]+:${component.name}$`));
        expect(Object.keys(pkg.schema.resources).sort()).toEqual(PACKAGE_COMPONENTS.map((c) => c.token).sort());
        // The generator's `index` tokens are gone: nothing could construct them.
        for (const name of classNames) expect(pkg.schema.resources[indexToken(name)]).toBeUndefined();
        for (const resource of Object.values(pkg.schema.resources)) expect(resource.isComponent).toBe(true);
    });

    it("requires exactly the inputs each component documents as required", () => {
        const required = Object.fromEntries(
            Object.entries(pkg.schema.resources).map(([token, r]) => [token, r.requiredInputs]),
        );
        expect(required).toEqual({
            "pulumi-aws-dr:network:MultiAzNetwork": [],
            "pulumi-aws-dr:alb:MultiAzAlb": ["certificateArn", "subnetIds", "targetGroups", "vpcId"],
            "pulumi-aws-dr:certificate:DnsValidatedCertificate": ["domainName", "regions", "zone"],
            "pulumi-aws-dr:dns:FailoverDns": ["recordName", "routing", "zone"],
            "pulumi-aws-dr:backup:BackupPlan": ["rules", "selections"],
            "pulumi-aws-dr:fleet:Fleet": ["capacity", "securityGroupIds", "subnetIds", "targetGroupArns", "vpcId"],
            "pulumi-aws-dr:bucket:ReplicatedBucket": [],
            "pulumi-aws-dr:table:GlobalTable": ["partitionKey"],
            "pulumi-aws-dr:database:GlobalDatabase": ["primaryNetwork"],
            "pulumi-aws-dr:cdn:Cdn": ["aliases", "certificateArn", "originVerify", "primaryOrigin", "secondaryOrigin"],
            "pulumi-aws-dr:cdn:WebAcl": ["scope"],
            "pulumi-aws-dr:drills:DrillTemplates": [],
            "pulumi-aws-dr:failover:FailoverAutomation": ["primaryRegion", "region"],
        });
    });

    it("offers the fields it once refused as enums and one-shape objects", () => {
        const types = pkg.schema.types;
        const enumValues = (name: string) => types[indexToken(name)].enum?.map((e) => e.value);
        const network = pkg.schema.resources[NETWORK_TYPE].inputProperties!;
        expect(network.natGateways).toMatchObject({ $ref: `#/types/${indexToken("NatGatewayMode")}`, plain: true });
        expect(enumValues("NatGatewayMode")).toEqual(["none", "single", "onePerAz"]);
        expect(types[indexToken("AlbTargetGroup")].properties!.protocol).toMatchObject({
            $ref: `#/types/${indexToken("AlbTargetProtocol")}`,
        });
        expect(enumValues("AlbTargetProtocol")).toEqual(["HTTP", "HTTPS"]);
        expect(types[indexToken("BackupVaultLock")].required).toEqual(["mode"]);
        expect(enumValues("BackupVaultLockMode")).toEqual(["governance", "compliance"]);
        expect(enumValues("HealthCheckInterval")).toEqual([10, 30]);
        expect(types[indexToken("HealthCheckInterval")].type).toBe("number");
        // ZoneSpec: four optional fields, exactly one of which the component accepts (checked before anything is created).
        const zone = types[indexToken("ZoneSpec")];
        expect(zone.required).toEqual([]);
        expect(Object.keys(zone.properties!)).toEqual(["zoneId", "zoneName", "create", "zone"]);
        expect(zone.properties!.zone).toMatchObject({
            $ref: "/aws/v7.48.0/schema.json#/resources/aws:route53%2Fzone:Zone",
        });
        expect(enumValues("RoutingPolicy")).toEqual(["simple", "failover", "weighted", "latency"]);
        expect(pkg.schema.dependencies).toEqual([{ name: "aws", version: "7.48.0" }]);
    });

    it("gives every enum exactly the values of the constant object TypeScript callers use", () => {
        const enums = Object.entries(pkg.schema.types).filter(([, t]) => t.enum !== undefined);
        expect(enums.length).toBeGreaterThanOrEqual(15);
        for (const [token, t] of enums) {
            const name = token.slice(indexToken("").length);
            const constant = (library as unknown as Record<string, Record<string, string | number> | undefined>)[name];
            expect(constant, `${name} is exported as a constant object`).toBeDefined();
            expect(Object.fromEntries(t.enum!.map((e) => [e.name, e.value]))).toEqual(constant);
        }
    });

    it("keeps Input fields as Inputs and plain fields plain", () => {
        const alb = pkg.schema.resources["pulumi-aws-dr:alb:MultiAzAlb"].inputProperties!;
        expect(alb.vpcId).toEqual(expect.objectContaining({ type: "string" }));
        expect(alb.vpcId.plain).toBeUndefined();
        expect(alb.ipAddressType.plain).toBe(true);
        const healthCheck = pkg.schema.types[indexToken("AlbHealthCheck")].properties!;
        expect(healthCheck.port).toEqual(expect.objectContaining({ type: "number" }));
        expect(healthCheck.port.plain).toBeUndefined();
    });

    it("records every component's inputs and outputs, their types and which are required", () => {
        const signatures = Object.fromEntries(
            Object.entries(pkg.schema.resources).map(([token, r]) => [
                token,
                {
                    inputs: describeProperties(r.inputProperties as Record<string, SchemaProperty>, r.requiredInputs!),
                    outputs: describeProperties(r.properties as Record<string, SchemaProperty>, r.required!),
                },
            ]),
        );
        const types = Object.fromEntries(
            Object.entries(pkg.schema.types).map(([token, t]) => [
                token.slice(indexToken("").length),
                t.enum
                    ? t.enum.map((e) => `${e.name}=${e.value}`)
                    : describeProperties(t.properties as Record<string, SchemaProperty>, t.required!),
            ]),
        );
        expect({ resources: signatures, types }).toMatchSnapshot();
    });

    it("constructs a component under its own token, with the URNs a TypeScript program gives it", async () => {
        const args = { availabilityZoneCount: 2, natGateways: "single" as const };
        const direct = await run(async () => {
            new MultiAzNetwork("net", args);
        });
        let state: pulumi.Inputs = {};
        const viaProvider = await run(async () => {
            const constructed = await new ComponentPackageProvider(version).construct("net", NETWORK_TYPE, args, {});
            state = constructed.state;
        });
        const urns = (resources: { urn: string }[]) => resources.map((r) => r.urn).sort();
        expect(urns(viaProvider.resources)).toEqual(urns(direct.resources));
        expect(viaProvider.resources.find((r) => r.type === NETWORK_TYPE)?.urn).toMatch(
            /::pulumi-aws-dr:network:MultiAzNetwork::net$/,
        );
        expect(Object.keys(state).sort()).toEqual(Object.keys(pkg.components.MultiAzNetwork.outputs).sort());
    });

    it("refuses a token it does not offer, naming the ones it does", async () => {
        await expect(
            new ComponentPackageProvider(version).construct("x", indexToken("MultiAzNetwork"), {}, {}),
        ).rejects.toThrow(
            `pulumi-aws-dr has no component ${indexToken("MultiAzNetwork")}; it has pulumi-aws-dr:network:MultiAzNetwork, `,
        );
    });
});

describe("the inferred package's cache", () => {
    const PROJECT_DIR = path.join(__dirname, "..");

    it("holds what the analyzer inferred, under the hash of its inputs", () => {
        const file = path.join(defaultSchemaCacheDir(), `${analyzerInputsHash(version)}.json`);
        expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(JSON.parse(JSON.stringify(pkg)));
    });

    it("is read instead of analyzing when it holds the inputs' hash, and keeps only the newest entries", () => {
        fs.mkdirSync(path.join(PROJECT_DIR, ".cache"), { recursive: true });
        const cacheDir = fs.mkdtempSync(path.join(PROJECT_DIR, ".cache", "schema-cache-"));
        try {
            // A version no other test infers, so nothing in this process has it yet.
            const unseen = `${version}-cache-test`;
            const planted = { schema: { name: "planted" }, components: {} };
            // Older entries beyond what the cache keeps, each a day older than the one before.
            const older = Array.from({ length: SCHEMA_CACHE_ENTRIES_KEPT + 2 }, (_, i) => {
                const file = path.join(cacheDir, `older-${i}.json`);
                fs.writeFileSync(file, "{}");
                const then = new Date(Date.now() - (i + 1) * 86_400_000);
                fs.utimesSync(file, then, then);
                return path.basename(file);
            });
            const entry = `${analyzerInputsHash(unseen)}.json`;
            fs.writeFileSync(path.join(cacheDir, entry), JSON.stringify(planted));
            fs.utimesSync(path.join(cacheDir, entry), new Date(0), new Date(0));
            expect(inferPackage(unseen, { cacheDir })).toEqual(planted);
            // The entry just read counts as the newest; the oldest beyond the limit are gone.
            expect(fs.readdirSync(cacheDir).sort()).toEqual(
                [entry, ...older.slice(0, SCHEMA_CACHE_ENTRIES_KEPT - 1)].sort(),
            );
        } finally {
            fs.rmSync(cacheDir, { recursive: true, force: true });
        }
    });

    it("changes with a component's source, the version and the tsconfig, and not with where the sources are", () => {
        expect(analyzerInputsHash("9.9.9")).not.toBe(analyzerInputsHash(version));
        // Under .cache/ so the packages resolve from the repository's node_modules, as from a checkout's own.
        expectKeyFollowsInputs(
            path.join(PROJECT_DIR, ".cache"),
            {
                changed: ["components/alb/index.ts", "plugin/provider.ts", "plugin/tsconfig.json", "tsconfig.json"],
                added: ["components/alb/args.ts"],
                ignored: ["components/alb/README.md", "components/alb/node_modules/x/index.ts"],
            },
            (root) => analyzerInputsHash(version, root),
        );
    });
});
