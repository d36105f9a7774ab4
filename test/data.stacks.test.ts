import { describe, expect, it } from "vitest";
import { evaluateStack, stackConfig } from "../tools/engine";
import { ofType, shippedStack } from "./harness";

const prodConfig = (key: string) => JSON.parse(stackConfig("prod").values[`pulumi-aws-dr:${key}`]);
/** prod under another strategy, without its CDN (an origin group needs an ALB in each of two regions). */
// Failover automation needs a recovery region that runs the stack, which backup-restore has not.
const withStrategy = (strategy: string) => ({
    "pulumi-aws-dr:dr": { ...prodConfig("dr"), strategy, failover: undefined },
    "pulumi-aws-dr:cdn": { enabled: false },
});
const problems = (overrides: Record<string, unknown>) =>
    evaluateStack("prod", { configOverrides: overrides }).then(
        () => "",
        (e: Error) => e.message,
    );

/** The launch template's user data, decoded. */
const userData = (record: Awaited<ReturnType<typeof evaluateStack>>, region: string) =>
    ofType(record, "aws:ec2/launchTemplate:LaunchTemplate")
        .filter((t) => t.region === region)
        .map((t) => Buffer.from(String(t.inputs.userData ?? ""), "base64").toString());

describe("the data tier in the shipped stacks", () => {
    it("staging (pilot light) has a headless Aurora secondary and a bucket replicated one way", async () => {
        const record = await shippedStack("staging");
        const clusters = ofType(record, "aws:rds/cluster:Cluster");
        expect(clusters.map((c) => c.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        const instances = ofType(record, "aws:rds/clusterInstance:ClusterInstance");
        expect(instances.filter((i) => i.region === "us-west-2")).toHaveLength(0);
        expect(instances.filter((i) => i.region === "us-east-1")).toHaveLength(2);
        const replication = ofType(record, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        expect(replication.map((r) => r.region)).toEqual(["us-east-1"]);
        // Not a protected stack: it can be torn down.
        expect(
            ofType(record, "aws:s3/bucket:Bucket")
                .filter((b) => b.name.startsWith("data-"))
                .every((b) => b.inputs.forceDestroy === true && !b.options.protect),
        ).toBe(true);
    });

    it("prod (warm standby) has a reader in us-west-2, a 60 s RPO bound, a global table and RTC; every store is protected and backed up", async () => {
        const record = await shippedStack("prod");
        expect(
            ofType(record, "aws:rds/clusterInstance:ClusterInstance")
                .map((i) => i.region)
                .sort(),
        ).toEqual(["us-east-1", "us-east-1", "us-east-1", "us-west-2"]);
        const params = ofType(record, "aws:rds/clusterParameterGroup:ClusterParameterGroup").find(
            (g) => g.region === "us-east-1",
        )!;
        expect(params.inputs.parameters).toContainEqual(
            expect.objectContaining({ name: "rds.global_db_rpo", value: "60" }),
        );
        const table = ofType(record, "aws:dynamodb/table:Table")[0];
        expect(table.inputs.replicas).toEqual([
            expect.objectContaining({ regionName: "us-west-2", pointInTimeRecovery: true }),
        ]);
        const rule = (
            ofType(record, "aws:s3/bucketReplicationConfig:BucketReplicationConfig")[0].inputs.rules as {
                destination: object;
            }[]
        )[0];
        expect(rule.destination).toMatchObject({ replicationTime: { status: "Enabled" } });
        const stores = record.resources.filter(
            (r) =>
                ["aws:rds/cluster:Cluster", "aws:dynamodb/table:Table", "aws:s3/bucket:Bucket"].includes(r.type) &&
                r.name.startsWith("data-"),
        );
        expect(stores.length).toBe(5);
        for (const store of stores) {
            expect(store.inputs.tags, store.urn).toMatchObject({ "pulumi-aws-dr:data-store": "true" });
            expect(store.options, store.urn).toMatchObject({ protect: true, retainOnDelete: true });
        }
        // The data tier's own selection picks the stores by that tag, buckets too, so its role gets the S3 backup policies.
        const selection = ofType(record, "aws:backup/selection:Selection").find((sel) =>
            sel.name.endsWith("-data-stores"),
        )!;
        expect(selection.inputs.conditions).toEqual([
            expect.objectContaining({
                stringEquals: [{ key: "aws:ResourceTag/pulumi-aws-dr:data-store", value: "true" }],
            }),
        ]);
        expect(
            ofType(record, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").some((a) =>
                String(a.inputs.policyArn).endsWith("AWSBackupServiceRolePolicyForS3Backup"),
            ),
        ).toBe(true);
    });

    it("tells each region's fleets where their data is, without a secret's value, and lets them reach it", async () => {
        const record = await shippedStack("prod");
        for (const region of ["us-east-1", "us-west-2"]) {
            for (const script of userData(record, region)) {
                expect(script).toContain(`BUCKET_DOCUMENTS=pulumi-aws-dr-prod-data-documents-${region}-`);
                expect(script).toContain("TABLE_SESSIONS=pulumi-aws-dr-prod-data-sessions-table");
                expect(script).toMatch(/DB_MAIN_WRITER=pulumi-aws-dr-prod-data-main-global\.global-/);
                expect(script).toMatch(new RegExp(`DB_MAIN_MASTER_SECRET_ARN=arn:aws:secretsmanager:${region}:`));
                expect(script).not.toMatch(/password/i);
            }
        }
        const egress = ofType(record, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
            (r) => r.inputs.description === "Database main",
        );
        // One per fleet (three services in two regions), to the database's group in the fleet's region, on its port only.
        expect(egress.length).toBe(6);
        const dbGroups = ofType(record, "aws:ec2/securityGroup:SecurityGroup").filter((g) =>
            g.name.startsWith("data-main"),
        );
        for (const rule of egress) {
            expect(rule.inputs).toMatchObject({ fromPort: 5432, toPort: 5432, ipProtocol: "tcp" });
            expect(dbGroups.find((g) => g.region === rule.region)).toBeDefined();
        }
        const policies = ofType(record, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name.endsWith("-data"));
        expect(policies).toHaveLength(6);
        const statements = JSON.parse(String(policies[0].inputs.policy)).Statement as { Action: string | string[] }[];
        expect(statements.flatMap((s) => [s.Action].flat())).not.toContain("s3:*");
        expect(statements.flatMap((s) => [s.Action].flat())).toContain("rds-db:connect");
    });

    it("shapes the recovery region by strategy: active-active writes both ways, backup-restore replicates nothing", async () => {
        const active = await evaluateStack("prod", { configOverrides: withStrategy("active-active") });
        expect(
            ofType(active, "aws:s3/bucketReplicationConfig:BucketReplicationConfig")
                .map((r) => r.region)
                .sort(),
        ).toEqual(["us-east-1", "us-west-2"]);
        const secondary = ofType(active, "aws:rds/cluster:Cluster").find((c) => c.region === "us-west-2")!;
        expect(secondary.inputs.enableGlobalWriteForwarding).toBe(true);
        expect(
            ofType(active, "aws:rds/clusterInstance:ClusterInstance").filter((i) => i.region === "us-west-2"),
        ).toHaveLength(3);

        const backupOnly = await evaluateStack("prod", { configOverrides: withStrategy("backup-restore") });
        expect(ofType(backupOnly, "aws:rds/cluster:Cluster").map((c) => c.region)).toEqual(["us-east-1"]);
        expect(ofType(backupOnly, "aws:s3/bucketReplicationConfig:BucketReplicationConfig")).toHaveLength(0);
        expect(ofType(backupOnly, "aws:dynamodb/table:Table")[0].inputs.replicas).toEqual([]);
    });

    it("refuses bad data config at its config path, all at once, before anything is created", async () => {
        const data = prodConfig("data");
        const message = await problems({
            "pulumi-aws-dr:data": {
                ...data,
                databases: { main: { rpoBound: "10s", instanceClass: "db.t3.micro" } },
                tables: { sessions: { ...data.tables.sessions, pointInTimeRecovery: false, consistency: "strong" } },
                buckets: { documents: { objectLockDays: 0 } },
            },
        });
        expect(message).toContain(
            "pulumi-aws-dr:data.databases.main.rpoBound must be an integer 20..2147483647, got 10",
        );
        expect(message).toContain("pulumi-aws-dr:data.databases.main.instanceClass must be a memory-optimized class");
        expect(message).toContain(
            `pulumi-aws-dr:data.tables.sessions.pointInTimeRecovery must be true (or unset) in stack "prod"`,
        );
        expect(message).toContain(
            'pulumi-aws-dr:data.tables.sessions.consistency must be for consistency "strong", two regions, or one and a witnessRegion',
        );
        expect(message).toContain(
            "pulumi-aws-dr:data.buckets.documents.objectLockDays must be an integer 1..36500, got 0",
        );
        const taken = await problems({
            "pulumi-aws-dr:backup": { ...prodConfig("backup"), selections: { "data-stores": { resources: ["*"] } } },
        });
        expect(taken).toContain(
            "pulumi-aws-dr:backup.selections.data-stores must be unset: the data tier adds a selection of this name",
        );
    });
});
