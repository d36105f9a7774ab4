import type {
    PolicyResource as CrossGuardResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { plain, policies, PROTECT_STATEFUL_TAG, settingsFor } from "../policy/pack";
import { policyRules, UNKNOWN } from "../policy/rules";

// Constructing a PolicyPack starts the policy server: fail loudly if loading the pack module did.
const constructed = vi.hoisted(() => ({ count: 0 }));
vi.mock("@pulumi/policy", async (importOriginal) => {
    const original = await importOriginal<typeof import("@pulumi/policy")>();
    return {
        ...original,
        PolicyPack: class {
            constructor() {
                constructed.count++;
            }
        },
    };
});

// The sentinel CrossGuard puts where a value is unknown during preview (not in @pulumi/policy's types).
const UNKNOWN_STRING: string = createRequire(`${process.cwd()}/`)("@pulumi/policy/proxy").unknownStringValue;

const opts = (protect = false) => ({
    protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
});
const urn = (stack: string, type: string, name: string) => `urn:pulumi:${stack}::pulumi-aws-dr::${type}::${name}`;

function resourceArgs(
    type: string,
    name: string,
    props: Record<string, unknown>,
    config: object = {},
    stack = "prod",
): ResourceValidationArgs {
    return {
        type,
        name,
        urn: urn(stack, type, name),
        props: unknownCheckingProxy(props),
        opts: opts(),
        getConfig: () => config,
    } as unknown as ResourceValidationArgs;
}

function stackResource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    dependsOn: Record<string, CrossGuardResource[]> = {},
): CrossGuardResource {
    return {
        type,
        name,
        urn: urn("prod", type, name),
        props: unknownCheckingProxy(props),
        opts: opts(),
        dependencies: [],
        propertyDependencies: dependsOn,
    } as unknown as CrossGuardResource;
}

const policy = (id: string) => policies.find((p) => p.name === id)!;

async function reportsOf(
    id: string,
    args: ResourceValidationArgs | CrossGuardResource[],
    config: object = {},
    stackTags: ReadonlyMap<string, string> = new Map(),
): Promise<[string, string | undefined][]> {
    const reported: [string, string | undefined][] = [];
    const report = (message: string, at?: string) => reported.push([message, at]);
    const p = policy(id);
    if (Array.isArray(args))
        await (p as StackValidationPolicy).validateStack(
            { resources: args, getConfig: () => config, stackTags } as never,
            report,
        );
    else
        await (
            (p as ResourceValidationPolicy).validateResource as (a: ResourceValidationArgs, r: typeof report) => void
        )(args, report);
    return reported;
}

describe("policy pack", () => {
    it("lists every rule as a CrossGuard policy, with its level, without starting the policy server", () => {
        expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual(policyRules.map((r) => [r.id, r.level]));
        for (const rule of policyRules) {
            expect(Object.keys(policy(rule.id))).toContain(
                rule.scope === "resource" ? "validateResource" : "validateStack",
            );
        }
        expect(constructed.count).toBe(0);
    });

    it("checks a resource's inputs before it is created", async () => {
        const lb = { loadBalancerType: "application", dropInvalidHeaderFields: false };
        expect(await reportsOf("ELB.4", resourceArgs("aws:lb/loadBalancer:LoadBalancer", "web", lb))).toEqual([
            ["dropInvalidHeaderFields must be true, got false", urn("prod", "aws:lb/loadBalancer:LoadBalancer", "web")],
        ]);
        expect(await reportsOf("ELB.4", resourceArgs("aws:s3/bucket:Bucket", "web", lb))).toEqual([]);
        // An input another resource computes is unknown during preview, and is not judged.
        expect(
            await reportsOf(
                "backup-vault-cmk",
                resourceArgs("aws:backup/vault:Vault", "v", { kmsKeyArn: UNKNOWN_STRING }),
            ),
        ).toEqual([]);
    });

    it("switches stateful protection on by policy config, else the stack tag, else the stack's own protected resources; never by the stack's name", async () => {
        const vault = (name: string, protect = false) =>
            ({ ...stackResource("aws:backup/vault:Vault", name, {}), opts: opts(protect) }) as CrossGuardResource;
        const needsProtect = (name: string) => [
            [
                "stack prod protects stateful resources, so this one needs protect",
                urn("prod", "aws:backup/vault:Vault", name),
            ],
        ];
        const tag = (value: string) => new Map([[PROTECT_STATEFUL_TAG, value]]);
        // A stack named prod with nothing protected, no tag and no config: the rule has nothing to hold it to.
        expect(await reportsOf("stateful-protected", [vault("a")])).toEqual([]);
        // One protected vault means the stack protects stateful resources: the other must be protected too.
        expect(await reportsOf("stateful-protected", [vault("a", true), vault("b")])).toEqual(needsProtect("b"));
        // The stack tag switches it on (or off), whatever the resources show; policy config overrides the tag.
        expect(await reportsOf("stateful-protected", [vault("a")], {}, tag("true"))).toEqual(needsProtect("a"));
        expect(await reportsOf("stateful-protected", [vault("a", true), vault("b")], {}, tag("false"))).toEqual([]);
        expect(
            await reportsOf("stateful-protected", [vault("a")], { protectStatefulResources: true }, tag("false")),
        ).toEqual(needsProtect("a"));
        expect(
            await reportsOf(
                "stateful-protected",
                [vault("a", true), vault("b")],
                { protectStatefulResources: false },
                tag("true"),
            ),
        ).toEqual([]);
        // A tag that says neither true nor false leaves the decision to the resources.
        expect(await reportsOf("stateful-protected", [vault("a")], {}, tag("yes"))).toEqual([]);
        expect(settingsFor(urn("prod", "t", "n"), {}, [])).toEqual({
            stack: "prod",
            protectStatefulResources: false,
            multiRegion: false,
        });
        expect(PROTECT_STATEFUL_TAG).toMatch(/^[a-zA-Z0-9-_.:]{1,40}$/);
    });

    it("gives every policy a severity, a documentation URL and tags; Security Hub controls name their framework and page", () => {
        for (const p of policies) {
            expect(["low", "medium", "high", "critical"], p.name).toContain(p.severity);
            expect(p.url, p.name).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|www\.pulumi\.com)\//);
            expect(p.tags?.length, p.name).toBeGreaterThan(0);
            const control = /^([A-Za-z0-9]+)\.(\d+)$/.exec(p.name);
            if (control) {
                expect(p.framework, p.name).toEqual({
                    name: "AWS Foundational Security Best Practices",
                    version: "1.0.0",
                    reference: p.name,
                    specification: expect.any(String),
                });
                const service = control[1].toLowerCase();
                expect(p.url).toBe(
                    `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${service}-${control[2]}`,
                );
            } else {
                expect(p.framework, p.name).toBeUndefined();
            }
        }
    });

    it("is versioned with the package it ships beside", () => {
        const version = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "..", file), "utf8")).version;
        expect(version("policy/package.json")).toBe(version("package.json"));
        const lock = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "policy", "package-lock.json"), "utf8"));
        expect([lock.version, lock.packages[""].version]).toEqual([version("package.json"), version("package.json")]);
    });

    it("infers multiRegion from the regions of the stack's load balancers and vaults, unless policy config sets it", async () => {
        // The default provider's region is us-east-1; a `region` prop overrides it.
        const aws = (type: string, name: string, props: Record<string, unknown> = {}) =>
            ({
                ...stackResource(type, name, props),
                provider: {
                    type: "pulumi:providers:aws",
                    name: "default",
                    urn: "",
                    props: unknownCheckingProxy({ region: "us-east-1" }),
                },
            }) as CrossGuardResource;
        const noCopy = { rules: [{ ruleName: "daily", targetVaultName: "v", copyActions: [] }] };
        const plan = aws("aws:backup/plan:Plan", "plan", { ...noCopy, region: "eu-west-1" });
        const vault = aws("aws:backup/vault:Vault", "v", { region: "eu-west-1" });
        // Route 53 health-check alarms live in us-east-1 whatever the strategy: they do not make a stack multi-region.
        const alarm = aws("aws:cloudwatch/metricAlarm:MetricAlarm", "health");
        expect(await reportsOf("backup-cross-region-copy", [plan, vault, alarm])).toEqual([]);
        // A copy vault in another region does, as does a second site's load balancer (region from the provider).
        const copyVault = aws("aws:backup/vault:Vault", "copy", { region: "us-west-2" });
        const standbyAlb = aws("aws:lb/loadBalancer:LoadBalancer", "standby");
        const mustCopy = [["rules[0] (daily) must copy to a vault outside eu-west-1, it copies to []", plan.urn]];
        expect(await reportsOf("backup-cross-region-copy", [plan, vault, copyVault])).toEqual(mustCopy);
        expect(await reportsOf("backup-cross-region-copy", [plan, vault, standbyAlb])).toEqual(mustCopy);
        expect(await reportsOf("backup-cross-region-copy", [plan, vault, alarm], { multiRegion: true })).toEqual(
            mustCopy,
        );
        expect(await reportsOf("backup-cross-region-copy", [plan, vault, copyVault], { multiRegion: false })).toEqual(
            [],
        );
    });

    it("relates resources over the stack through property dependencies while their ids are unknown", async () => {
        const sg = stackResource("aws:ec2/securityGroup:SecurityGroup", "alb", {});
        const https = stackResource(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "https",
            { securityGroupId: UNKNOWN_STRING, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
            { securityGroupId: [sg] },
        );
        const ssh = stackResource(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "ssh",
            { securityGroupId: UNKNOWN_STRING, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" },
            { securityGroupId: [sg] },
        );
        const lb = stackResource(
            "aws:lb/loadBalancer:LoadBalancer",
            "web",
            { securityGroups: [UNKNOWN_STRING] },
            { securityGroups: [sg] },
        );
        expect(await reportsOf("sg-no-world-open", [sg, https, ssh, lb])).toEqual([
            [
                "ingress from 0.0.0.0/0 on tcp port 22 opens the security group to the world; only an ALB's security group may take TCP 80/443 from it",
                ssh.urn,
            ],
        ]);
    });

    it("copies CrossGuard's property proxy with unknown values as UNKNOWN", () => {
        const props = unknownCheckingProxy({
            a: UNKNOWN_STRING,
            list: [1, UNKNOWN_STRING, { b: UNKNOWN_STRING, c: "x" }],
        });
        expect(plain(props)).toEqual({ a: UNKNOWN, list: [1, UNKNOWN, { b: UNKNOWN, c: "x" }] });
    });
});
