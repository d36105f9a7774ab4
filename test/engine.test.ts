import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { loadConfigFile, PROJECT_DIR } from "../tools/engine";
import { renderPolicyDocument } from "../components/testing";
import { one, run, runExpectingError, shippedStack } from "./harness";

/** AWS's documented ARN formats (Service Authorization Reference, "Resource types" per service). */
const arnFormats: [string, () => pulumi.Resource, RegExp][] = [
    [
        "aws:ec2/vpc:Vpc",
        () => new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" }),
        /^arn:aws:ec2:us-east-1:123456789012:vpc\/vpc-[0-9a-f]{17}$/,
    ],
    [
        "aws:ec2/subnet:Subnet",
        () => new aws.ec2.Subnet("s", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" }),
        /^arn:aws:ec2:us-east-1:123456789012:subnet\/subnet-[0-9a-f]{17}$/,
    ],
    [
        "aws:ec2/securityGroup:SecurityGroup",
        () => new aws.ec2.SecurityGroup("sg", {}),
        /^arn:aws:ec2:us-east-1:123456789012:security-group\/sg-[0-9a-f]{17}$/,
    ],
    [
        "aws:kms/key:Key",
        () => new aws.kms.Key("k", { region: "us-west-2" }),
        /^arn:aws:kms:us-west-2:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    ],
    [
        "aws:iam/role:Role",
        () => new aws.iam.Role("r", { name: "my-role", assumeRolePolicy: "{}" }),
        /^arn:aws:iam::123456789012:role\/my-role$/,
    ],
    [
        "aws:cloudwatch/logGroup:LogGroup",
        () => new aws.cloudwatch.LogGroup("lg", { name: "/x/y" }),
        /^arn:aws:logs:us-east-1:123456789012:log-group:\/x\/y$/,
    ],
    [
        "aws:lb/loadBalancer:LoadBalancer",
        () => new aws.lb.LoadBalancer("lb", { name: "web" }),
        /^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/web\/[0-9a-f]{16}$/,
    ],
    [
        "aws:lb/targetGroup:TargetGroup",
        () => new aws.lb.TargetGroup("tg", { name: "blue" }),
        /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/blue\/[0-9a-f]{16}$/,
    ],
    ["aws:s3/bucket:Bucket", () => new aws.s3.Bucket("b", { bucket: "my-logs" }), /^arn:aws:s3:::my-logs$/],
    [
        "aws:sns/topic:Topic",
        () => new aws.sns.Topic("t", { name: "alerts" }),
        /^arn:aws:sns:us-east-1:123456789012:alerts$/,
    ],
    [
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        () =>
            new aws.cloudwatch.MetricAlarm("a", {
                name: "hc",
                comparisonOperator: "LessThanThreshold",
                evaluationPeriods: 1,
            }),
        /^arn:aws:cloudwatch:us-east-1:123456789012:alarm:hc$/,
    ],
    [
        "aws:route53/healthCheck:HealthCheck",
        () => new aws.route53.HealthCheck("hc", { type: "HTTPS" }),
        /^arn:aws:route53:::healthcheck\/[0-9a-f-]{36}$/,
    ],
    [
        "aws:route53/zone:Zone",
        () => new aws.route53.Zone("z", { name: "example.org" }),
        /^arn:aws:route53:::hostedzone\/Z[A-Z0-9]{20}$/,
    ],
    [
        "aws:acm/certificate:Certificate",
        () => new aws.acm.Certificate("c", { domainName: "app.example.com", validationMethod: "DNS" }),
        /^arn:aws:acm:us-east-1:123456789012:certificate\/[0-9a-f-]{36}$/,
    ],
    [
        "aws:backup/vault:Vault",
        () => new aws.backup.Vault("v", { name: "main" }),
        /^arn:aws:backup:us-east-1:123456789012:backup-vault:main$/,
    ],
    [
        "aws:backup/plan:Plan",
        () => new aws.backup.Plan("p", { name: "p", rules: [] }),
        /^arn:aws:backup:us-east-1:123456789012:backup-plan:[0-9a-f-]{36}$/,
    ],
];

const region = "(us-east-1|us-west-2)";
const account = "123456789012";
const hex = (n: number) => `[0-9a-f]{${n}}`;
const uuidRe = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ec2 = (kind: string, prefix: string) =>
    new RegExp(`^arn:aws:ec2:${region}:${account}:${kind}/${prefix}-${hex(17)}$`);
const elb = (path: string) => new RegExp(`^arn:aws:elasticloadbalancing:${region}:${account}:${path}$`);
/**
 * The ARN format of every resource type the shipped stacks declare that has an ARN, from the Service
 * Authorization Reference ("Resource types defined by ..." per service).
 */
const stackArnFormats: Record<string, RegExp> = {
    "aws:acm/certificate:Certificate": new RegExp(`^arn:aws:acm:${region}:${account}:certificate/${uuidRe}$`),
    "aws:autoscaling/group:Group": new RegExp(
        `^arn:aws:autoscaling:${region}:${account}:autoScalingGroup:${uuidRe}:autoScalingGroupName/[\\w-]+$`,
    ),
    "aws:autoscaling/policy:Policy": new RegExp(
        `^arn:aws:autoscaling:${region}:${account}:scalingPolicy:${uuidRe}:autoScalingGroupName/[\\w-]+:policyName/[\\w-]+$`,
    ),
    "aws:backup/framework:Framework": new RegExp(`^arn:aws:backup:${region}:${account}:framework:[\\w-]+$`),
    "aws:backup/plan:Plan": new RegExp(`^arn:aws:backup:${region}:${account}:backup-plan:${uuidRe}$`),
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": new RegExp(
        `^arn:aws:backup:${region}:${account}:restore-testing-plan:[\\w-]+$`,
    ),
    "aws:backup/vault:Vault": new RegExp(`^arn:aws:backup:${region}:${account}:backup-vault:[\\w-]{2,50}$`),
    "aws:cloudwatch/logGroup:LogGroup": new RegExp(`^arn:aws:logs:${region}:${account}:log-group:[\\w/.-]+$`),
    "aws:cloudwatch/metricAlarm:MetricAlarm": new RegExp(`^arn:aws:cloudwatch:${region}:${account}:alarm:[\\w .-]+$`),
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": new RegExp(
        `^arn:aws:cloudwatch:${region}:${account}:alarm:[\\w .-]+$`,
    ),
    "aws:cloudwatch/eventRule:EventRule": new RegExp(`^arn:aws:events:${region}:${account}:rule/[\\w.-]{1,64}$`),
    // An event target's `arn` is the ARN of what it starts: here an SSM Automation document's default version.
    "aws:cloudwatch/eventTarget:EventTarget": new RegExp(
        `^arn:aws:ssm:${region}:${account}:automation-definition/[\\w.-]{3,128}:\\$DEFAULT$`,
    ),
    "aws:s3/bucketObjectv2:BucketObjectv2": /^arn:aws:s3:::[a-z0-9.-]{3,63}\/[\w/.-]+$/,
    "aws:ssm/document:Document": new RegExp(`^arn:aws:ssm:${region}:${account}:document/[\\w.-]{3,128}$`),
    "aws:synthetics/canary:Canary": new RegExp(`^arn:aws:synthetics:${region}:${account}:canary:[0-9a-z_-]{1,21}$`),
    "aws:cloudfront/distribution:Distribution": new RegExp(
        `^arn:aws:cloudfront::${account}:distribution/E[A-Z0-9]{12,13}$`,
    ),
    "aws:dynamodb/table:Table": new RegExp(`^arn:aws:dynamodb:${region}:${account}:table/[\\w.-]{3,255}$`),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("security-group", "sg"),
    "aws:rds/cluster:Cluster": new RegExp(`^arn:aws:rds:${region}:${account}:cluster:[a-z][a-z0-9-]{0,62}$`),
    "aws:rds/clusterInstance:ClusterInstance": new RegExp(`^arn:aws:rds:${region}:${account}:db:[a-z][a-z0-9-]{0,62}$`),
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": new RegExp(
        `^arn:aws:rds:${region}:${account}:cluster-pg:[a-z][a-z0-9-]{0,254}$`,
    ),
    "aws:rds/globalCluster:GlobalCluster": new RegExp(`^arn:aws:rds::${account}:global-cluster:[a-z][a-z0-9-]{0,62}$`),
    "aws:rds/subnetGroup:SubnetGroup": new RegExp(`^arn:aws:rds:${region}:${account}:subgrp:[\\w .-]{1,255}$`),
    "aws:secretsmanager/secret:Secret": new RegExp(
        `^arn:aws:secretsmanager:${region}:${account}:secret:[\\w/+=.@-]+-[A-Za-z0-9]{6}$`,
    ),
    "aws:secretsmanager/secretVersion:SecretVersion": new RegExp(
        `^arn:aws:secretsmanager:${region}:${account}:secret:[\\w/+=.@-]+-[A-Za-z0-9]{6}$`,
    ),
    "aws:wafv2/webAcl:WebAcl": new RegExp(
        `^arn:aws:wafv2:${region}:${account}:(regional|global)/webacl/[\\w-]{1,128}/${uuidRe}$`,
    ),
    "aws:ec2/flowLog:FlowLog": ec2("vpc-flow-log", "fl"),
    "aws:ec2/internetGateway:InternetGateway": ec2("internet-gateway", "igw"),
    "aws:ec2/launchTemplate:LaunchTemplate": ec2("launch-template", "lt"),
    "aws:ec2/routeTable:RouteTable": ec2("route-table", "rtb"),
    "aws:ec2/securityGroup:SecurityGroup": ec2("security-group", "sg"),
    "aws:ec2/subnet:Subnet": ec2("subnet", "subnet"),
    "aws:ec2/vpc:Vpc": ec2("vpc", "vpc"),
    "aws:ec2/vpcEndpoint:VpcEndpoint": ec2("vpc-endpoint", "vpce"),
    "aws:iam/instanceProfile:InstanceProfile": new RegExp(`^arn:aws:iam::${account}:instance-profile/[\\w+=,.@-]+$`),
    "aws:iam/role:Role": new RegExp(`^arn:aws:iam::${account}:role/[\\w+=,.@-]+$`),
    "aws:kms/key:Key": new RegExp(`^arn:aws:kms:${region}:${account}:key/${uuidRe}$`),
    "aws:lb/listener:Listener": elb(`listener/app/[\\w-]+/${hex(16)}/${hex(16)}`),
    "aws:lb/listenerRule:ListenerRule": elb(`listener-rule/app/[\\w-]+/${hex(16)}/${hex(16)}/${hex(16)}`),
    "aws:lb/loadBalancer:LoadBalancer": elb(`loadbalancer/app/[\\w-]+/${hex(16)}`),
    "aws:lb/targetGroup:TargetGroup": elb(`targetgroup/[\\w-]+/${hex(16)}`),
    "aws:route53/healthCheck:HealthCheck": new RegExp(`^arn:aws:route53:::healthcheck/${uuidRe}$`),
    "aws:s3/bucket:Bucket": /^arn:aws:s3:::[a-z0-9.-]{3,63}$/,
    // A topic policy's `arn` is the ARN of the topic it governs.
    "aws:sns/topicPolicy:TopicPolicy": new RegExp(`^arn:aws:sns:${region}:${account}:[\\w-]+$`),
    "aws:sns/topic:Topic": new RegExp(`^arn:aws:sns:${region}:${account}:[\\w-]+$`),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("security-group-rule", "sgr"),
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("security-group-rule", "sgr"),
};

/** `aws:lb/listenerRule:ListenerRule` -> the @pulumi/aws class `aws.lb.ListenerRule`. */
function resourceClass(
    type: string,
): (new (name: string, args: Record<string, unknown>) => pulumi.CustomResource) | undefined {
    const [, module, name] = /^aws:([^/]+)\/[^:]+:(\w+)$/.exec(type) ?? [];
    return module ? ((aws as unknown as Record<string, Record<string, unknown>>)[module]?.[name] as never) : undefined;
}

describe("offline engine mocks on what the stacks declare", () => {
    it("gives every resource type with an ARN an ARN in AWS's format", async () => {
        const samples = new Map<string, Record<string, unknown>>();
        for (const stack of ["dev", "staging", "prod"]) {
            for (const r of (await shippedStack(stack)).resources)
                if (r.custom && r.type.startsWith("aws:") && !samples.has(r.type)) samples.set(r.type, r.inputs);
        }
        const record = await run(async () => {
            const arns: Record<string, unknown> = {};
            // One after the other, in the order the stacks made them: AWS Config's recorder, its channel and
            // its start come before the audit framework that needs them, as in prod.
            let previous: pulumi.CustomResource | undefined;
            for (const [type, inputs] of samples) {
                const Resource = resourceClass(type);
                if (!Resource) throw new Error(`no @pulumi/aws class for ${type}`);
                const resource = new (
                    Resource as unknown as new (
                        name: string,
                        args: Record<string, unknown>,
                        opts: pulumi.CustomResourceOptions,
                    ) => pulumi.CustomResource
                )(`sample-${samples.size}-${type.replace(/\W/g, "-")}`, inputs, {
                    dependsOn: previous ? [previous] : [],
                }) as pulumi.CustomResource & { arn?: pulumi.Output<string> };
                previous = resource;
                if (resource.arn) arns[type] = resource.arn;
            }
            return { arns: pulumi.output(arns) };
        });
        const arns = record.outputs.arns.value as Record<string, string>;
        expect(Object.keys(arns).sort(), "every type with an ARN has a documented format here").toEqual(
            Object.keys(stackArnFormats).sort(),
        );
        const wrong = Object.entries(arns).filter(([type, arn]) => !stackArnFormats[type].test(arn));
        expect(wrong, "ARNs not in AWS's format").toEqual([]);
    });
});

describe("offline engine mocks", () => {
    for (const [type, make, format] of arnFormats) {
        it(`gives ${type} an ARN in AWS's format`, async () => {
            const record = await run(async () => {
                const resource = make() as pulumi.CustomResource & { arn: pulumi.Output<string> };
                return { arn: resource.arn, id: resource.id };
            });
            expect(record.outputs.arn.value).toMatch(format);
            expect(one(record, type).custom).toBe(true);
        });
    }

    it("gives a load balancer its region's DNS name and canonical hosted zone id", async () => {
        const record = await run(async () => {
            const east = new aws.lb.LoadBalancer("east", { name: "web" });
            const west = new aws.lb.LoadBalancer("west", { name: "web", region: "us-west-2", internal: true });
            return { east: pulumi.all([east.dnsName, east.zoneId]), west: pulumi.all([west.dnsName, west.zoneId]) };
        });
        expect(record.outputs.east.value).toEqual([
            expect.stringMatching(/^web-\d{10}\.us-east-1\.elb\.amazonaws\.com$/),
            "Z35SXDOTRQ7X7K",
        ]);
        expect(record.outputs.west.value).toEqual([
            expect.stringMatching(/^internal-web-\d{10}\.us-west-2\.elb\.amazonaws\.com$/),
            "Z1H1FL5HABSF5",
        ]);
    });

    it("gives certificates for one name in two regions the same validation record, as ACM does", async () => {
        const record = await run(async () => {
            const a = new aws.acm.Certificate("a", { domainName: "app.example.com", validationMethod: "DNS" });
            const b = new aws.acm.Certificate("b", {
                domainName: "app.example.com",
                validationMethod: "DNS",
                region: "us-west-2",
            });
            return { a: a.domainValidationOptions, b: b.domainValidationOptions, arns: pulumi.all([a.arn, b.arn]) };
        });
        const a = record.outputs.a.value as { resourceRecordName: string; resourceRecordType: string }[];
        expect(a[0].resourceRecordName).toMatch(/^_[0-9a-f]{32}\.app\.example\.com\.$/);
        expect(a[0].resourceRecordType).toBe("CNAME");
        expect(record.outputs.b.value).toEqual(a);
        const [arnA, arnB] = record.outputs.arns.value as string[];
        expect(arnA).not.toEqual(arnB);
    });

    it("answers the data sources the program uses", async () => {
        const record = await run(async () => ({
            azs: aws.getAvailabilityZonesOutput({ state: "available", region: "ap-northeast-1" }).names,
            identity: aws.getCallerIdentityOutput({}).accountId,
            partition: aws.getPartitionOutput({}).partition,
            region: aws.getRegionOutput({ region: "eu-west-1" }).region,
            zone: aws.route53.getZoneOutput({ name: "example.com" }).zoneId,
            elb: aws.elb.getServiceAccountOutput({ region: "us-west-2" }).arn,
            doc: aws.iam.getPolicyDocumentOutput({
                statements: [
                    {
                        sid: "A",
                        actions: ["s3:GetObject"],
                        resources: ["*"],
                        principals: [{ type: "Service", identifiers: ["backup.amazonaws.com"] }],
                    },
                ],
            }).json,
        }));
        const out = Object.fromEntries(Object.entries(record.outputs).map(([k, v]) => [k, v.value]));
        expect(out).toMatchObject({
            azs: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
            identity: "123456789012",
            partition: "aws",
            region: "eu-west-1",
            zone: "Z0EXAMPLE1234567890AB",
            elb: "arn:aws:iam::797873946194:root",
        });
        expect(JSON.parse(out.doc as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "A",
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: "*",
                    Principal: { Service: "backup.amazonaws.com" },
                },
            ],
        });
    });

    it("fails a lookup of a zone the account does not have, as AWS does", async () => {
        await expect(
            run(async () => ({ zone: aws.route53.getZoneOutput({ name: "nope.org" }).zoneId })),
        ).rejects.toThrow(/no matching Route 53 Hosted Zone found for nope.org/);
    });

    it("records parents with the real engine's URN scheme, options and explicit dependencies", async () => {
        class Outer extends pulumi.ComponentResource {
            constructor(name: string) {
                super("test:index:Outer", name);
                const inner = new pulumi.ComponentResource("test:index:Inner", `${name}-inner`, {}, { parent: this });
                const key = new aws.kms.Key(
                    `${name}-key`,
                    {},
                    { parent: inner, protect: true, retainOnDelete: true, aliases: [{ name: "old-key" }] },
                );
                new aws.kms.Alias(
                    `${name}-alias`,
                    { targetKeyId: key.keyId, name: "alias/x" },
                    { parent: inner, dependsOn: [key], ignoreChanges: ["name"] },
                );
                this.registerOutputs({});
            }
        }
        const record = await run(async () => {
            new Outer("o");
            return {};
        });
        const key = one(record, "aws:kms/key:Key");
        expect(key.urn).toBe(
            "urn:pulumi:test::pulumi-aws-dr::test:index:Outer$test:index:Inner$aws:kms/key:Key::o-key",
        );
        expect(key.parent).toBe("urn:pulumi:test::pulumi-aws-dr::test:index:Outer$test:index:Inner::o-inner");
        expect(key.options).toMatchObject({ protect: true, retainOnDelete: true });
        expect(key.options.aliases).toEqual([expect.objectContaining({ name: "old-key" })]);
        const alias = one(record, "aws:kms/alias:Alias");
        expect(alias.options.ignoreChanges).toEqual(["name"]);
        expect(alias.options.dependsOn).toEqual([]); // the dependency already flows through targetKeyId
        expect(alias.inputs.targetKeyId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("records secrets as secret and never their value", async () => {
        const record = await run(async () => {
            const password = new random.RandomPassword("p", { length: 24 });
            new aws.ssm.Parameter("param", { type: "SecureString", value: password.result });
            return { password: password.result, plain: "x" };
        });
        expect(record.outputs.password.secret).toBe(true);
        expect(record.outputs.plain.secret).toBe(false);
        expect(one(record, "aws:ssm/parameter:Parameter").inputs.value).toBe("[secret]");
    });
});

describe("stack traces during an evaluation", () => {
    it("skips only the SDK's promise stamps and source positions, and puts both back", async () => {
        // Internal to the SDK, hence missing from its declarations; the module instance the SDK itself uses.
        const sdk = createRequire(path.join(PROJECT_DIR, "package.json"))("@pulumi/pulumi/runtime/debuggable") as {
            debuggablePromise(p: Promise<void>, ctx: string): Promise<void>;
        };
        const positions = pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] };
        const before = { stamp: sdk.debuggablePromise, stackTrace: positions.stackTrace };
        const stampOf = async () => {
            const stamped = Promise.resolve();
            const returned = sdk.debuggablePromise(stamped, "test");
            await returned;
            return { same: returned === stamped, trace: (stamped as { _debugStackTrace?: string })._debugStackTrace };
        };
        let during: Awaited<ReturnType<typeof stampOf>> | undefined;
        let position: unknown[] | undefined;
        let own: string | undefined;
        const { error } = await runExpectingError(async () => {
            new aws.kms.Key("k", {});
            during = await stampOf();
            position = positions.stackTrace(0);
            own = new Error("read in the program").stack;
            throw new Error("thrown by the program");
        });
        expect(during).toEqual({ same: true, trace: undefined });
        expect(position).toEqual([]);
        expect(own).toMatch(/^Error: read in the program\n\s+at .*engine\.test\.ts/);
        expect(error.stack).toMatch(/^Error: thrown by the program\n\s+at .*engine\.test\.ts/);
        expect(sdk.debuggablePromise).toBe(before.stamp);
        expect(positions.stackTrace).toBe(before.stackTrace);
        const after = await stampOf();
        expect(after.same).toBe(false);
        expect(after.trace).toMatch(/^Error:? *\n\s+at (Object\.)?debuggablePromise /);
        expect(positions.stackTrace(0).length).toBeGreaterThan(0);
    });
});

describe("stack config loading", () => {
    it("reads project-namespaced, structured and secure values the way the CLI does", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cfg-"));
        const file = path.join(dir, "Pulumi.x.yaml");
        fs.writeFileSync(
            file,
            [
                "config:",
                "  aws:region: eu-west-1",
                "  plain: hello",
                "  pulumi-aws-dr:nested:",
                "    a: 1",
                "    b: [x, y]",
                "  pulumi-aws-dr:token:",
                "    secure: v1:AAAABBBBCCCC",
                "  pulumi-aws-dr:obj:",
                "    header:",
                "      secure: v1:DDDD",
                "    name: x-origin",
            ].join("\n"),
        );
        const loaded = loadConfigFile(PROJECT_DIR, "x", file);
        expect(loaded.values).toEqual({
            "aws:region": "eu-west-1",
            "pulumi-aws-dr:plain": "hello",
            "pulumi-aws-dr:nested": JSON.stringify({ a: 1, b: ["x", "y"] }),
            "pulumi-aws-dr:token": "[secret]",
            "pulumi-aws-dr:obj": JSON.stringify({ header: "[secret]", name: "x-origin" }),
        });
        expect(loaded.secretKeys.sort()).toEqual(["pulumi-aws-dr:obj", "pulumi-aws-dr:token"]);
        expect(JSON.stringify(loaded)).not.toContain("v1:");
    });

    it("renders policy documents with single values collapsed, as the provider does", () => {
        const json = renderPolicyDocument({
            statements: [
                {
                    effect: "Deny",
                    actions: ["a:B", "a:C"],
                    resources: ["*"],
                    conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
                },
            ],
        });
        expect(JSON.parse(json).Statement[0]).toEqual({
            Effect: "Deny",
            Action: ["a:B", "a:C"],
            Resource: "*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
    });
});
