import { describe, expect, it } from "vitest";
import { evaluateStack, RecordedResource, stackConfig, StackRecord } from "../tools/engine";
import { ofType, one, shippedStack } from "./harness";

// The AZ-failure drill targets one AZ's subnets, which only a network the stack builds names, so
// staging importing its network also leaves the drills off (config/checks.ts refuses both at once).
const importedNetwork = {
    "pulumi-aws-dr:network": { fromStack: "acme/network/prod" },
    "pulumi-aws-dr:dr": {
        ...JSON.parse(stackConfig("staging").values["pulumi-aws-dr:dr"]),
        drills: { enabled: false },
    },
};

const T = {
    network: "pulumi-aws-dr:network:MultiAzNetwork",
    alb: "pulumi-aws-dr:alb:MultiAzAlb",
    asg: "aws:autoscaling/group:Group",
    record: "aws:route53/record:Record",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    vault: "aws:backup/vault:Vault",
    plan: "aws:backup/plan:Plan",
    lb: "aws:lb/loadBalancer:LoadBalancer",
};

/**
 * The prod stack's config with its `dr` section changed, and without its CDN, so the Route 53 records a
 * strategy builds are the app's own (test/cdn.compose.test.ts covers the CDN in front of them).
 */
const withDr = (dr: Record<string, unknown>) => ({
    "pulumi-aws-dr:dr": {
        primaryRegion: "us-east-1",
        secondaryRegion: "us-west-2",
        objectives: { rto: "1d", rpo: "2d" },
        ...dr,
    },
    "pulumi-aws-dr:cdn": { enabled: false },
});

const inRegion = (record: StackRecord, region: string) =>
    record.resources.filter((r) => r.custom && r.region === region);
const aliasRecords = (record: StackRecord) => ofType(record, T.record).filter((r) => r.inputs.type === "A");
/** The app's failover records: behind a CDN they answer for the origin name, not the app's. */
const failoverRecords = (record: StackRecord) =>
    aliasRecords(record).filter((r) => r.inputs.failoverRoutingPolicies !== undefined);
const desiredBy = (record: StackRecord) =>
    Object.fromEntries(ofType(record, T.asg).map((g) => [`${g.region}/${g.name}`, g.inputs.desiredCapacity]));

describe("what each DR strategy builds", () => {
    it("backup-restore: the stack in the primary region, only the copy vault, its key and notifications in the secondary, a plain alias", async () => {
        const record = await evaluateStack("prod", { configOverrides: withDr({ strategy: "backup-restore" }) });
        const secondaryTypes = [...new Set(inRegion(record, "us-west-2").map((r) => r.type))].sort();
        // prod's backup config also asks for restore tests of the copies (restoreTesting.inCopyRegions).
        const restoreTests = [
            "aws:backup/restoreTestingPlan:RestoreTestingPlan",
            "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        ];
        expect(secondaryTypes.filter((t) => !restoreTests.includes(t))).toEqual([
            "aws:backup/vault:Vault",
            "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
            "aws:backup/vaultNotifications:VaultNotifications",
            "aws:backup/vaultPolicy:VaultPolicy",
            "aws:kms/key:Key",
            "aws:sns/topic:Topic",
            "aws:sns/topicPolicy:TopicPolicy",
        ]);
        expect(secondaryTypes.filter((t) => restoreTests.includes(t))).toEqual(restoreTests);
        expect(ofType(record, T.network).map((n) => n.name)).toEqual(["primary"]);
        const [alias] = aliasRecords(record);
        expect(aliasRecords(record)).toHaveLength(1);
        expect(alias.inputs.failoverRoutingPolicies).toBeUndefined();
        expect(alias.inputs.setIdentifier).toBeUndefined();
        expect(ofType(record, T.healthCheck)).toEqual([]);
    });

    it("pilot-light: the secondary has the network and ALB but no running instances, behind PRIMARY/SECONDARY records", async () => {
        const record = await shippedStack("staging");
        expect(
            ofType(record, T.lb)
                .map((lb) => lb.region)
                .sort(),
        ).toEqual(["us-east-1", "us-west-2"]);
        expect(desiredBy(record)).toEqual({
            "us-east-1/primary-stable-asg": 2,
            "us-east-1/primary-canary-asg": 1,
            "us-west-2/secondary-stable-asg": 0,
            "us-west-2/secondary-canary-asg": 0,
        });
        const standby = ofType(record, T.asg).find((g) => g.name === "secondary-stable-asg")!;
        expect(standby.inputs).toMatchObject({ minSize: 0, maxSize: 4 });
        const roles = aliasRecords(record)
            .map((r) => (r.inputs.failoverRoutingPolicies as { type: string }[])[0].type)
            .sort();
        expect(roles).toEqual(["PRIMARY", "SECONDARY"]);
        expect(aliasRecords(record).every((r) => typeof r.inputs.healthCheckId === "string")).toBe(true);
    });

    it("warm-standby: the secondary runs its share of each fleet (prod's share is all of the primary's desired)", async () => {
        const record = await shippedStack("prod");
        expect(desiredBy(record)).toMatchObject({
            "us-east-1/primary-web-asg": 3,
            "us-west-2/secondary-web-asg": 3,
            "us-west-2/secondary-orders-asg": 2,
        });
        const half = await evaluateStack("prod", {
            configOverrides: withDr({ strategy: "warm-standby", standbyCapacityPercent: 50 }),
        });
        expect(desiredBy(half)).toMatchObject({
            "us-east-1/primary-web-asg": 3,
            "us-west-2/secondary-web-asg": 2,
            "us-west-2/secondary-orders-asg": 1,
        });
        const lbs = ofType(record, T.lb);
        expect(lbs.map((lb) => lb.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        const primaryRecord = failoverRecords(record).find(
            (r) => (r.inputs.failoverRoutingPolicies as { type: string }[])[0].type === "PRIMARY",
        )!;
        expect((primaryRecord.inputs.aliases as { name: string }[])[0].name).toMatch(
            /\.us-east-1\.elb\.amazonaws\.com$/,
        );
    });

    it("active-active: both regions serve through weighted records, each with a health check, and backups copy both ways", async () => {
        const record = await evaluateStack("prod", { configOverrides: withDr({ strategy: "active-active" }) });
        const aliases = aliasRecords(record);
        expect(aliases.every((r) => r.inputs.failoverRoutingPolicies === undefined)).toBe(true);
        expect(aliases.map((r) => r.inputs.weightedRoutingPolicies)).toEqual([[{ weight: 1 }], [{ weight: 1 }]]);
        expect(ofType(record, T.healthCheck)).toHaveLength(2);
        expect(desiredBy(record)).toMatchObject({ "us-east-1/primary-web-asg": 3, "us-west-2/secondary-web-asg": 3 });
        const plans = ofType(record, T.plan);
        const copyTargets = plans.map((p) => [
            p.region,
            (
                p.inputs.rules as { copyActions: { destinationVaultArn: string }[] }[]
            )[0].copyActions[0].destinationVaultArn.split(":")[3],
        ]);
        expect(copyTargets.sort()).toEqual([
            ["us-east-1", "us-west-2"],
            ["us-west-2", "us-east-1"],
        ]);
    });

    it("active-active with latency routing answers by region", async () => {
        const record = await evaluateStack("prod", {
            configOverrides: {
                ...withDr({ strategy: "active-active" }),
                "pulumi-aws-dr:dns": {
                    zone: { zoneName: "example.com" },
                    recordName: "app.example.com",
                    activeActiveRouting: "latency",
                },
            },
        });
        expect(
            aliasRecords(record)
                .map((r) => r.inputs.latencyRoutingPolicies)
                .sort(),
        ).toEqual([[{ region: "us-east-1" }], [{ region: "us-west-2" }]]);
    });
});

describe("stack composition", () => {
    it("orders certificates before the ALBs that use them, and the records after the ALBs", async () => {
        const record = await shippedStack("prod");
        const listeners = ofType(record, "aws:lb/listener:Listener").filter((l) => l.inputs.protocol === "HTTPS");
        expect(listeners.map((l) => [l.region, String(l.inputs.certificateArn).split(":")[3]]).sort()).toEqual([
            ["us-east-1", "us-east-1"],
            ["us-west-2", "us-west-2"],
        ]);
        const validations = ofType(record, "aws:acm/certificateValidation:CertificateValidation");
        expect(validations.map((v) => v.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        // One validation record serves both regions' certificates for the same name.
        expect(ofType(record, T.record).filter((r) => r.inputs.type === "CNAME")).toHaveLength(1);
    });

    it("protects stateful resources in prod and nowhere else by default", async () => {
        const stateful = (r: RecordedResource) =>
            [T.vault, "aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:cloudwatch/logGroup:LogGroup"].includes(r.type);
        const prod = await shippedStack("prod");
        expect(prod.resources.filter(stateful).every((r) => r.options.protect && r.options.retainOnDelete)).toBe(true);
        const dev = await shippedStack("dev");
        expect(dev.resources.filter(stateful).some((r) => r.options.protect)).toBe(false);
    });

    it("imports the network from another stack through StackReference and builds none", async () => {
        const vpcIds = { "us-east-1": "vpc-0aaaaaaaaaaaaaaa1", "us-west-2": "vpc-0bbbbbbbbbbbbbbb2" };
        const record = await evaluateStack("staging", {
            configOverrides: importedNetwork,
            stackOutputs: {
                "acme/network/prod": {
                    vpcIds,
                    publicSubnetIds: {
                        "us-east-1": ["subnet-pub-a", "subnet-pub-b"],
                        "us-west-2": ["subnet-pub-c", "subnet-pub-d"],
                    },
                    privateSubnetIds: {
                        "us-east-1": ["subnet-prv-a", "subnet-prv-b"],
                        "us-west-2": ["subnet-prv-c", "subnet-prv-d"],
                    },
                },
            },
        });
        expect(ofType(record, T.network)).toEqual([]);
        const lbs = ofType(record, T.lb);
        expect(lbs.map((lb) => [lb.region, lb.inputs.subnets]).sort()).toEqual([
            ["us-east-1", ["subnet-pub-a", "subnet-pub-b"]],
            ["us-west-2", ["subnet-pub-c", "subnet-pub-d"]],
        ]);
        expect(
            ofType(record, "aws:lb/targetGroup:TargetGroup")
                .map((tg) => tg.inputs.vpcId)
                .sort(),
        ).toEqual(["vpc-0aaaaaaaaaaaaaaa1", "vpc-0aaaaaaaaaaaaaaa1", "vpc-0bbbbbbbbbbbbbbb2", "vpc-0bbbbbbbbbbbbbbb2"]);
        expect(record.outputs.vpcIds.value).toEqual(vpcIds);
    });

    it("keeps a generated origin-verify secret secret in the outputs and the listener rules", async () => {
        const staging = await shippedStack("staging");
        const alb = JSON.parse(
            JSON.stringify(
                (await import("yaml")).parse((await import("fs")).readFileSync("stacks/Pulumi.staging.yaml", "utf8"))
                    .config["pulumi-aws-dr:alb"],
            ),
        );
        const record = await evaluateStack("staging", {
            configOverrides: { "pulumi-aws-dr:alb": { ...alb, originVerifyHeader: "X-Origin-Verify" } },
        });
        expect(record.outputs.originVerifySecret.secret).toBe(true);
        expect(one(record, "random:index/randomPassword:RandomPassword").inputs.length).toBe(40);
        const verified = ofType(record, "aws:lb/listenerRule:ListenerRule").filter((r) =>
            r.name.endsWith("origin-verified"),
        );
        expect(verified).toHaveLength(2);
        expect(JSON.stringify(verified[0].inputs.conditions)).toContain("[secret]");
        expect(staging.outputs.originVerifySecret).toBeUndefined();
    });

    it("takes the origin-verify value from secure config, keeps it secret, and never prints it in an error", async () => {
        const fs = await import("fs");
        const os = await import("os");
        const path = await import("path");
        const alb = JSON.parse(stackConfig("staging").values["pulumi-aws-dr:alb"]);
        const withSecret = (value: string) => {
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "origin-")), "Pulumi.staging.yaml");
            fs.writeFileSync(
                file,
                `${fs.readFileSync("stacks/Pulumi.staging.yaml", "utf8").trimEnd()}\n  pulumi-aws-dr:originVerifySecret: ${value}\n`,
            );
            return file;
        };
        const overrides = { "pulumi-aws-dr:alb": { ...alb, originVerifyHeader: "X-Origin-Verify" } };
        const record = await evaluateStack("staging", {
            configFile: withSecret("{ secure: v1:AAAABBBBCCCC }"),
            configOverrides: overrides,
        });
        expect(ofType(record, "random:index/randomPassword:RandomPassword")).toEqual([]);
        expect(record.outputs.originVerifySecret.secret).toBe(true);
        const verified = ofType(record, "aws:lb/listenerRule:ListenerRule").filter((r) =>
            r.name.endsWith("origin-verified"),
        );
        expect(verified.map((r) => r.inputs.conditions)).toEqual(
            [0, 1].map(() => [{ httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["[secret]"] } }]),
        );

        const error = await evaluateStack("staging", {
            configFile: withSecret('"open*sesame"'),
            configOverrides: overrides,
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toBe(
            'stack "staging": pulumi-aws-dr:originVerifySecret must be 1..128 characters without * or ? (ALB reads them as wildcards), got [secret]',
        );
        const unused = await evaluateStack("staging", { configFile: withSecret("{ secure: v1:AAAABBBBCCCC }") }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(unused?.message).toBe(
            'stack "staging": pulumi-aws-dr:originVerifySecret must be unset unless alb.originVerifyHeader is set: nothing else uses it, got [secret]',
        );
    });

    it("attaches a static target only to its own region's ALB: instance ids belong to one region", async () => {
        const alb = JSON.parse(stackConfig("staging").values["pulumi-aws-dr:alb"]);
        const withTargets = (targets: unknown[]) => ({
            "pulumi-aws-dr:alb": {
                ...alb,
                targetGroups: { ...alb.targetGroups, stable: { ...alb.targetGroups.stable, targets } },
            },
        });
        const record = await evaluateStack("staging", {
            configOverrides: withTargets([
                { id: "i-0123456789abcdef0" },
                { id: "i-0fedcba9876543210", region: "us-west-2" },
            ]),
        });
        const attachments = ofType(record, "aws:lb/targetGroupAttachment:TargetGroupAttachment");
        expect(attachments.map((a) => [a.region, a.inputs.targetId]).sort()).toEqual([
            ["us-east-1", "i-0123456789abcdef0"],
            ["us-west-2", "i-0fedcba9876543210"],
        ]);

        const error = await evaluateStack("staging", {
            configOverrides: withTargets([{ id: "i-0123456789abcdef0", region: "eu-west-1" }]),
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toBe(
            'stack "staging": pulumi-aws-dr:alb.targetGroups.stable.targets.0.region must be a region with an ALB in this pilot-light stack (us-east-1, us-west-2), got "eu-west-1"',
        );
    });

    it("exports the outputs contract", async () => {
        const record = await shippedStack("prod");
        expect(Object.keys(record.outputs).sort()).toEqual([
            "albDnsNames",
            "backupPlanIds",
            "cdnDistributionId",
            "cdnDomainName",
            "certificateArns",
            "copyVaultArns",
            "dataBuckets",
            "dataTables",
            "databases",
            "failoverAutomation",
            "healthCheckIds",
            "objectives",
            "originVerifySecret",
            "privateSubnetIds",
            "publicSubnetIds",
            "regions",
            "strategy",
            "url",
            "vaultArns",
            "vpcIds",
        ]);
        // Where the data is, by region, for the runbooks: never a secret's value.
        expect(record.outputs.dataBuckets.value).toEqual({
            documents: {
                "us-east-1": expect.stringMatching(/^pulumi-aws-dr-prod-data-documents-us-east-1-[0-9a-f]{8}$/),
                "us-west-2": expect.any(String),
            },
        });
        expect(JSON.stringify(record.outputs.databases.value)).not.toMatch(/password/i);
        expect(record.outputs.url.value).toBe("https://app.example.com");
        expect(Object.keys(record.outputs.vaultArns.value as object).sort()).toEqual(["us-east-1", "us-west-2"]);
    });
});

describe("physical names in the shipped stacks", () => {
    const limits: [string, string, number][] = [
        ["aws:lb/loadBalancer:LoadBalancer", "name", 32],
        ["aws:lb/targetGroup:TargetGroup", "name", 32],
        ["aws:backup/vault:Vault", "name", 50],
        ["aws:iam/role:Role", "name", 64],
        ["aws:s3/bucket:Bucket", "bucket", 63],
        ["aws:sns/topic:Topic", "name", 256],
        ["aws:rds/cluster:Cluster", "clusterIdentifier", 63],
        ["aws:rds/clusterInstance:ClusterInstance", "identifier", 63],
        ["aws:rds/globalCluster:GlobalCluster", "globalClusterIdentifier", 63],
        ["aws:dynamodb/table:Table", "name", 255],
        ["aws:synthetics/canary:Canary", "name", 21],
        ["aws:ssm/document:Document", "name", 128],
        ["aws:cloudwatch/eventRule:EventRule", "name", 64],
        ["aws:cloudwatch/metricAlarm:MetricAlarm", "name", 255],
        ["aws:cloudwatch/compositeAlarm:CompositeAlarm", "alarmName", 255],
    ];
    for (const stack of ["dev", "staging", "prod"]) {
        it(`fit AWS's limits in ${stack}, and none is random but bucket suffixes`, async () => {
            const record = await shippedStack(stack);
            for (const [type, field, max] of limits) {
                for (const r of ofType(record, type)) {
                    const name = String(r.inputs[field]);
                    expect(name.length, `${r.urn} ${field}=${name}`).toBeLessThanOrEqual(max);
                    // 21 characters leave no room for the stack's name: the hash of the full name keeps it apart.
                    const prefix =
                        max < 30 && type.includes("synthetics") ? "pulumi-aws-dr-" : `pulumi-aws-dr-${stack}-`;
                    expect(name).toMatch(new RegExp(`^${prefix}`));
                }
            }
        });
    }
});

describe("review fixes in the composition", () => {
    const staging = () => JSON.parse(stackConfig("staging").values["pulumi-aws-dr:dns"]);

    it("creates a hosted zone once and puts the certificate's validation records and the app's records in it", async () => {
        const record = await evaluateStack("staging", {
            configOverrides: {
                "pulumi-aws-dr:dns": {
                    ...staging(),
                    zone: { create: { name: "staging.example.org" } },
                    recordName: "app.staging.example.org",
                },
            },
        });
        const zones = ofType(record, "aws:route53/zone:Zone");
        expect(zones.map((z) => z.name)).toEqual(["app-zone"]);
        const zoneIds = new Set(ofType(record, T.record).map((r) => r.inputs.zoneId));
        expect(zoneIds.size).toBe(1);
    });

    it("leaves the health-check path open when a CDN's origin header guards the ALBs", async () => {
        const alb = JSON.parse(stackConfig("staging").values["pulumi-aws-dr:alb"]);
        const record = await evaluateStack("staging", {
            configOverrides: { "pulumi-aws-dr:alb": { ...alb, originVerifyHeader: "X-Origin-Verify" } },
        });
        const open = ofType(record, "aws:lb/listenerRule:ListenerRule").filter((r) => r.name.endsWith("origin-open"));
        expect(open.map((r) => [r.region, r.inputs.priority, r.inputs.conditions])).toEqual([
            ["us-east-1", 49999, [{ pathPattern: { values: ["/health"] } }]],
            ["us-west-2", 49999, [{ pathPattern: { values: ["/health"] } }]],
        ]);
    });

    it("skips the no-healthy-host alarms only on a pilot light's empty standby", async () => {
        const record = await shippedStack("staging");
        const noHealthy = ofType(record, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
            a.name.endsWith("no-healthy-hosts"),
        );
        expect(noHealthy.map((a) => a.region)).toEqual(["us-east-1", "us-east-1"]);
    });

    it("says which stack output is missing when the referenced network lacks a region", async () => {
        const error = await evaluateStack("staging", {
            configOverrides: importedNetwork,
            stackOutputs: {
                "acme/network/prod": {
                    vpcIds: { "us-east-1": "vpc-0a1b2c3d4e5f60718" },
                    publicSubnetIds: { "us-east-1": ["a", "b"] },
                    privateSubnetIds: { "us-east-1": ["c", "d"] },
                },
            },
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toContain(
            'stack "staging": pulumi-aws-dr:network.fromStack must be a stack whose vpcIds output has a value for us-west-2, got "acme/network/prod"',
        );
    });

    it("refuses configs a real deploy would reject", async () => {
        const problems = async (overrides: Record<string, unknown>) =>
            evaluateStack("prod", { configOverrides: overrides }).then(
                () => "",
                (e: Error) => e.message,
            );
        const prod = (key: string) => JSON.parse(stackConfig("prod").values[`pulumi-aws-dr:${key}`]);
        expect(await problems({ "pulumi-aws-dr:dns": { ...prod("dns"), ipv6: true } })).toContain(
            "pulumi-aws-dr:dns.ipv6 must be false: the ALBs are IPv4-only",
        );
        expect(
            await problems({ "pulumi-aws-dr:dns": { ...prod("dns"), subjectAlternativeNames: ["www.example.org"] } }),
        ).toContain("pulumi-aws-dr:dns.subjectAlternativeNames.0");
        expect(
            await problems({
                "pulumi-aws-dr:dr": { ...prod("dr"), strategy: "active-active" },
                "pulumi-aws-dr:backup": { ...prod("backup"), vault: { ...prod("backup").vault, name: "shared-vault" } },
            }),
        ).toContain("pulumi-aws-dr:backup.vault.name must be unset for active-active");
    });
});

describe("what the shipped stacks declare", () => {
    /** Each ALB's HTTPS default forward, and each rule's, as `{ <group key>: weight }` per region. */
    async function forwards(stack: string) {
        const record = await shippedStack(stack);
        // A forward names its groups by ARN, and an ELB ARN carries the group's physical name.
        const groupKey = new Map(
            ofType(record, "aws:lb/targetGroup:TargetGroup").map((tg) => [
                tg.inputs.name,
                tg.name.replace(/^\w+-tg-/, ""),
            ]),
        );
        const split = (action: { forward: { targetGroups: { arn: string; weight: number }[] } }) =>
            Object.fromEntries(
                action.forward.targetGroups.map((g) => [
                    groupKey.get(/:targetgroup\/([^/]+)\//.exec(g.arn)?.[1]),
                    g.weight,
                ]),
            );
        const https = ofType(record, "aws:lb/listener:Listener").filter((l) => l.inputs.protocol === "HTTPS");
        const rules = ofType(record, "aws:lb/listenerRule:ListenerRule");
        const defaultAction = (l: RecordedResource) => {
            const [action] = l.inputs.defaultActions as { type?: string; fixedResponse?: { statusCode: string } }[];
            return action.type === "fixed-response"
                ? `fixed ${action.fixedResponse?.statusCode}`
                : split(action as never);
        };
        return {
            listeners: https.map((l) => [l.region, defaultAction(l)]),
            rules: rules.map((r) => [
                r.region,
                r.inputs.priority,
                r.inputs.conditions,
                split((r.inputs.actions as never[])[0]),
            ]),
        };
    }

    it("dev is a blue/green pair at 100/0", async () => {
        expect(await forwards("dev")).toEqual({ listeners: [["us-east-1", { blue: 100, green: 0 }]], rules: [] });
    });

    it("staging is a 90/10 canary in both regions", async () => {
        const { listeners, rules } = await forwards("staging");
        expect(listeners).toEqual([
            ["us-east-1", { stable: 90, canary: 10 }],
            ["us-west-2", { stable: 90, canary: 10 }],
        ]);
        expect(rules).toEqual([]);
    });

    it("prod audits its restores against the restore time the DR report assumes", async () => {
        const record = await shippedStack("prod");
        const controls = ofType(record, "aws:backup/framework:Framework").map((f) =>
            (f.inputs.controls as { name: string; inputParameters?: unknown }[]).find(
                (c) => c.name === "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
            ),
        );
        expect(controls).toEqual([
            {
                name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
                inputParameters: [{ name: "maxRestoreTime", value: "240" }],
                // The data stores' restores, which are what restore testing runs: not the fleets'.
                scope: { tags: { "pulumi-aws-dr:data-store": "true" } },
            },
        ]);
    });

    it("prod sends /orders and /payments to their own services and the rest to web, only with CloudFront's header", async () => {
        const { listeners, rules } = await forwards("prod");
        // Behind the CDN, a request without the origin-verify header gets 403; the health path stays open.
        expect(listeners).toEqual([
            ["us-east-1", "fixed 403"],
            ["us-west-2", "fixed 403"],
        ]);
        const verified = { httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["[secret]"] } };
        const perRegion = (region: string) =>
            rules
                .filter(([r]) => r === region)
                .map(([, ...rest]) => rest)
                .sort((a, b) => Number(a[0]) - Number(b[0]));
        for (const region of ["us-east-1", "us-west-2"]) {
            expect(perRegion(region)).toEqual([
                [10, [verified, { pathPattern: { values: ["/orders", "/orders/*"] } }], { orders: 1 }],
                [20, [verified, { pathPattern: { values: ["/payments", "/payments/*"] } }], { payments: 1 }],
                [49999, [{ pathPattern: { values: ["/health"] } }], { web: 1 }],
                [50000, [verified], { web: 1 }],
            ]);
        }
    });
});
