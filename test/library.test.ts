import { execFileSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, loadConfigFile, PROJECT_DIR, Program, StackRecord } from "../tools/engine";
import { ofType, one, shippedStack } from "./harness";
import { expectKeyFollowsInputs, filesUnder, inputsHash, USER_CACHE_DIR } from "./user.cache";

/**
 * The published package, used the way a customer uses it: `npm pack` (which builds through
 * `prepack`), install the tarball into a copy of examples/consumer, typecheck that program, and
 * evaluate it offline. Nothing here imports the repository's components: the consumer gets them
 * from the tarball.
 */

const EXAMPLE_DIR = path.join(PROJECT_DIR, "examples", "consumer");
const HOST_MODULES = path.join(PROJECT_DIR, "node_modules");
const DR_STACK = "acme/pulumi-aws-dr/prod";

const T = {
    alb: "pulumi-aws-dr:alb:MultiAzAlb",
    backupPlan: "pulumi-aws-dr:backup:BackupPlan",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    vault: "aws:backup/vault:Vault",
    plan: "aws:backup/plan:Plan",
};

/** Runs a command; on failure the error carries its output, which is what one needs to see in CI. */
function sh(command: string, args: string[], cwd: string): string {
    try {
        return execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
    }
}

/**
 * Packing and typechecking take most of this file's time, so their result is cached under a hash of
 * everything they depend on, and a run with the same inputs reuses it: components/ (the build
 * compiles nothing else: the tarball test below fails if a component imports from outside it, since
 * only dist/components/ is packed), the files packed beside it, the manifest and lockfile (so every
 * installed version, the compiler's included), the compiler settings, examples/consumer, this test
 * file (the procedure) and Node's version.
 * - The tarball, and a marker written once the consumer has typechecked against it, are kept in the
 *   user's cache directory ($XDG_CACHE_HOME, else ~/.cache, then pulumi-aws-dr/library-test/<hash>),
 *   where every clone of the repository finds them: the hash holds no path, and a fresh clone of the
 *   same commit packs the same package. A different input is a different hash, so it packs afresh.
 * - The consumer installed from that tarball links into this clone's node_modules, so it stays in
 *   the clone's own .cache/library-test/<hash> (ignored by git).
 * - The consumer's own unit tests read nothing but the tarball, examples/consumer and the installed
 *   versions, all in the hash, so what they printed when they passed is kept beside the marker too.
 * The consumer's offline evaluation below reads the DR stack's outputs, which the hash does not cover:
 * it runs on every run.
 */
const SHARED_CACHE = path.join(USER_CACHE_DIR, "library-test");
const LOCAL_CACHE = path.join(PROJECT_DIR, ".cache", "library-test");
/** Packages other clones or commits packed, kept beside this one's (the newest first). */
const SHARED_ENTRIES_KEPT = 8;
const PACKED_INPUTS = [
    "components",
    "examples/consumer",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "tsconfig.build.json",
];

/** The cache key of a pack of the repository at `root`, with `procedure` the file that does it: no path in it. */
function packageInputsHash(root: string, procedure: string): string {
    return inputsHash(root, [...PACKED_INPUTS.flatMap((entry) => filesUnder(root, entry)), procedure]);
}

/** Builds `produce(dir)` in a fresh directory beside `target` and renames it into place, so no run ever sees half an entry. */
function cacheEntry(target: string, produce: (dir: string) => void): void {
    if (fs.existsSync(target)) return;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const staging = fs.mkdtempSync(path.join(path.dirname(target), "staging-"));
    try {
        produce(staging);
        fs.renameSync(staging, target);
    } catch (error) {
        // Another run (another clone) may have put the same entry in place meanwhile.
        if (!fs.existsSync(target)) throw error;
    } finally {
        // fs.rmSync removes the symlinks in node_modules, never what they point to.
        fs.rmSync(staging, { recursive: true, force: true });
    }
}

/** Removes the entries of a cache directory but `keep` (and the newest `others`), and half-built ones. */
function prune(dir: string, keep: string, others: number): void {
    const entries = fs
        .readdirSync(dir)
        .filter((name) => name !== keep && !name.startsWith("staging-"))
        .map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime);
    for (const { name } of entries.slice(others)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

/** Installs `tarball` into a copy of examples/consumer at `app`. */
function installConsumer(tarball: string, app: string): void {
    fs.cpSync(EXAMPLE_DIR, app, { recursive: true, filter: (src) => !/[\\/](node_modules|bin)$/.test(src) });
    const manifest = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"));
    // @pulumi/pulumi is a peer dependency: in a customer's program it resolves to the program's own
    // copy, so the components and the program share one Pulumi runtime, whose state (monitor, stack,
    // config, mocks) lives in that module instance. The offline engine set its mocks on the copy in
    // this repository's node_modules, so the consumer must resolve to that very copy: `file:` links
    // to a directory are installed as symlinks, and Node follows them to the one instance. A second
    // copy would register every resource with a runtime that has no monitor. @pulumi/aws and the
    // package's own dependencies are linked too, so the whole install needs nothing from a registry.
    const link = (name: string) => `file:${path.join(HOST_MODULES, name)}`;
    const own = Object.keys(
        JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")).dependencies ?? {},
    );
    manifest.dependencies = {
        "@pulumi/pulumi": link("@pulumi/pulumi"),
        "@pulumi/aws": link("@pulumi/aws"),
        ...Object.fromEntries(own.map((name) => [name, link(name)])),
        "pulumi-aws-dr": `file:${tarball}`,
    };
    // The compiler is the repository's own; the program's types need only Node's, and its tests tsx.
    manifest.devDependencies = { "@types/node": link("@types/node"), tsx: link("tsx") };
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(manifest, null, 2));
    sh("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], app);
}

const tarballName = (dir: string) => fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!;

let packed: string;
let tarball: string;
let app: string;

beforeAll(() => {
    const key = packageInputsHash(PROJECT_DIR, __filename);
    packed = path.join(SHARED_CACHE, key);
    cacheEntry(packed, (dir) => sh("npm", ["pack", "--pack-destination", dir], PROJECT_DIR));
    const now = new Date();
    fs.utimesSync(packed, now, now); // the entry last used is the newest, whoever made it
    prune(SHARED_CACHE, key, SHARED_ENTRIES_KEPT);
    tarball = path.join(packed, tarballName(packed));
    const installed = path.join(LOCAL_CACHE, key);
    cacheEntry(installed, (dir) => installConsumer(tarball, path.join(dir, "consumer-app")));
    prune(LOCAL_CACHE, key, 0);
    app = path.join(installed, "consumer-app");
}, 300_000);

describe("the npm package", () => {
    it("holds the built components with their types, the README, CHANGELOG and LICENSE, and nothing else", () => {
        const entries = sh("tar", ["-tzf", tarball], packed)
            .split("\n")
            .filter((e) => e && !e.endsWith("/"))
            .map((e) => e.replace(/^package\//, ""));
        const outside = entries.filter(
            (e) =>
                !e.startsWith("dist/components/") &&
                !["package.json", "README.md", "CHANGELOG.md", "LICENSE"].includes(e),
        );
        expect(outside).toEqual([]);
        expect(entries).toEqual(
            expect.arrayContaining([
                "LICENSE",
                "CHANGELOG.md",
                "README.md",
                "dist/components/index.js",
                "dist/components/index.d.ts",
                "dist/components/alb/multiAzAlb.d.ts",
            ]),
        );
        expect(entries.filter((e) => e.endsWith(".ts") && !e.endsWith(".d.ts"))).toEqual([]);
        const manifest = JSON.parse(
            fs.readFileSync(path.join(app, "node_modules", "pulumi-aws-dr", "package.json"), "utf8"),
        );
        expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["@pulumi/aws", "@pulumi/pulumi"]);
        expect(fs.readFileSync(path.join(PROJECT_DIR, "CHANGELOG.md"), "utf8")).toContain(
            `## [${manifest.version}] - `,
        );
    });

    it("installs offline into the consumer, which typechecks against its declarations", () => {
        const resolved = createRequire(path.join(app, "index.ts")).resolve("pulumi-aws-dr");
        expect(resolved).toBe(
            path.join(fs.realpathSync(app), "node_modules", "pulumi-aws-dr", "dist", "components", "index.js"),
        );
        const typechecked = path.join(packed, "typechecked");
        if (!fs.existsSync(typechecked)) {
            // The package is built by TypeScript 7; the consumer reads its declarations as a project still on
            // TypeScript 5 with Node's classic resolution would (examples/consumer/tsconfig.json).
            sh(
                path.join(HOST_MODULES, "typescript", "bin", "tsc"),
                ["-p", path.join(app, "tsconfig.json"), "--noEmit"],
                app,
            );
            fs.writeFileSync(typechecked, "");
        }
    }, 120_000);

    it("runs the consumer's own unit tests, written against pulumi-aws-dr/testing, and they pass", () => {
        const testing = createRequire(path.join(app, "index.test.ts")).resolve("pulumi-aws-dr/testing");
        expect(testing).toBe(
            path.join(
                fs.realpathSync(app),
                "node_modules",
                "pulumi-aws-dr",
                "dist",
                "components",
                "testing",
                "index.js",
            ),
        );
        const passed = path.join(packed, "consumer-tests-passed");
        const cached = fs.existsSync(passed);
        const output = cached ? fs.readFileSync(passed, "utf8") : sh("npm", ["test", "--silent"], app);
        // node:test's summary: three tests, all passed; a failing one would have made npm exit non-zero.
        expect(output).toMatch(/^# pass 3$/m);
        expect(output).toMatch(/^# fail 0$/m);
        if (!cached) fs.writeFileSync(passed, output);
    }, 120_000);

    describe("the consumer program, evaluated offline", () => {
        let record: StackRecord;
        let dr: StackRecord;

        beforeAll(async () => {
            // The DR stack's real outputs contract, as the consumer's StackReference would read it.
            dr = await shippedStack("prod");
            const stackOutputs = {
                [DR_STACK]: Object.fromEntries(Object.entries(dr.outputs).map(([k, o]) => [k, o.value])),
            };
            const mod = (await import(path.join(app, "index.ts"))) as Program | { default: Program };
            const program = typeof mod === "function" ? mod : mod.default;
            const config = loadConfigFile(app, "dev", path.join(app, "Pulumi.dev.yaml"));
            expect(config.values["consumer-app:drStack"]).toBe(DR_STACK);
            record = await evaluate({ config, program, stackOutputs });
        }, 120_000);

        it("used the components from the installed tarball", () => {
            const packaged = path.join(
                fs.realpathSync(app),
                "node_modules",
                "pulumi-aws-dr",
                "dist",
                "components",
                "index.js",
            );
            expect(Object.keys(createRequire(packaged).cache)).toContain(packaged);
        });

        it("builds one ALB per configured region, in the DR stack's VPC and public subnets, with the DR stack's certificate", () => {
            const vpcIds = dr.outputs.vpcIds.value as Record<string, string>;
            const publicSubnetIds = dr.outputs.publicSubnetIds.value as Record<string, string[]>;
            const certificateArns = dr.outputs.certificateArns.value as Record<string, string>;
            const albs = ofType(record, T.alb);
            expect(albs.map((a) => [a.name, a.parent])).toEqual([
                ["web-us-east-1", null],
                ["web-us-west-2", null],
            ]);
            for (const region of ["us-east-1", "us-west-2"]) {
                const component = one(record, T.alb, `web-${region}`);
                expect(component.urn).toBe(`urn:pulumi:dev::consumer-app::${T.alb}::web-${region}`);
                const lb = ofType(record, T.lb).find((r) => r.parent === component.urn)!;
                expect(lb).toMatchObject({ region, inputs: { subnets: publicSubnetIds[region] } });
                const groups = ofType(record, T.targetGroup).filter((r) => r.parent === component.urn);
                expect(
                    groups.map((g) => [
                        g.name,
                        g.region,
                        g.inputs.port,
                        g.inputs.vpcId,
                        (g.inputs.healthCheck as { path: string }).path,
                    ]),
                ).toEqual([
                    [`web-${region}-tg-blue`, region, 8080, vpcIds[region], "/healthz"],
                    [`web-${region}-tg-green`, region, 8080, vpcIds[region], "/healthz"],
                ]);
                const https = ofType(record, T.listener).find(
                    (l) => l.parent === component.urn && l.inputs.protocol === "HTTPS",
                )!;
                expect(https.inputs.certificateArn).toBe(certificateArns[region]);
                expect(JSON.stringify(https.inputs.defaultActions)).toMatch(/"weight":90.*"weight":10/);
            }
        });

        it("builds its own backup plan: its rules, a vault in the first region and a copy vault in the other", () => {
            const component = one(record, T.backupPlan, "data");
            expect(component.parent).toBeNull();
            const vaults = ofType(record, T.vault);
            expect(vaults.map((v) => [v.region, v.parent])).toEqual([
                ["us-east-1", component.urn],
                ["us-west-2", component.urn],
            ]);
            const plan = one(record, T.plan);
            expect(plan.parent).toBe(component.urn);
            const rules = plan.inputs.rules as { ruleName: string; schedule: string; copyActions?: unknown[] }[];
            expect(rules.map((r) => [r.ruleName, r.schedule, r.copyActions?.length ?? 0])).toEqual([
                ["hourly", "cron(0 * ? * * *)", 0],
                ["nightly", "cron(30 2 ? * * *)", 1],
            ]);
            expect(Object.keys(record.outputs.vaultArns.value as object).sort()).toEqual(["us-east-1", "us-west-2"]);
        });

        it("declares nothing of the DR stack's own: no network, no DNS, no certificate", () => {
            const types = new Set(record.resources.map((r) => r.type));
            for (const type of [
                "pulumi-aws-dr:network:MultiAzNetwork",
                "pulumi-aws-dr:dns:FailoverDns",
                "pulumi-aws-dr:certificate:DnsValidatedCertificate",
                "aws:ec2/vpc:Vpc",
            ]) {
                expect(types.has(type)).toBe(false);
            }
            expect(record.outputs.targetSubnetIds.value).toEqual(dr.outputs.privateSubnetIds.value);
        });
    });
});

describe("the cache key of a pack", () => {
    it("changes with each packed input and the procedure, and not with what npm installed or where the clone is", () => {
        expectKeyFollowsInputs(
            os.tmpdir(),
            {
                changed: [
                    "components/alb/index.ts",
                    "examples/consumer/index.ts",
                    "README.md",
                    "package.json",
                    "package-lock.json",
                    "tsconfig.build.json",
                    "procedure.ts",
                ],
                added: ["components/alb/args.ts"],
                ignored: ["examples/consumer/node_modules/x/index.js", "test/other.test.ts"],
            },
            (root) => packageInputsHash(root, path.join(root, "procedure.ts")),
        );
    });
});
