import { describe, expect, it } from "vitest";
import { GlobalDatabase, GlobalDatabaseArgs } from "../components/database";
import { ReplicatedBucket, ReplicatedBucketArgs } from "../components/bucket";
import { GlobalTable, GlobalTableArgs } from "../components/table";
import { InvalidInputError } from "../components";
import { ofType, one, policyOf, run, runExpectingError } from "./harness";

const children = (record: Awaited<ReturnType<typeof run>>, type: string) => {
    const component = one(record, type);
    return record.resources
        .filter((r) => r !== component && r.parent !== null)
        .every(
            (r) =>
                r.parent === component.urn ||
                record.resources.some((p) => p.urn === r.parent && p.parent === component.urn),
        );
};

describe("ReplicatedBucket", () => {
    const base: ReplicatedBucketArgs = { replicaRegions: ["us-west-2"], tags: { backup: "true" } };
    const build = (args: ReplicatedBucketArgs) => async () => {
        const bucket = new ReplicatedBucket("files", args);
        return { names: bucket.bucketNames };
    };

    it("versions, encrypts with each region's key and Bucket Keys, blocks public access and denies plain HTTP in both regions", async () => {
        const record = await run(build(base));
        const buckets = ofType(record, "aws:s3/bucket:Bucket");
        expect(buckets.map((b) => b.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        for (const type of [
            "aws:s3/bucketVersioning:BucketVersioning",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketPolicy:BucketPolicy",
        ]) {
            expect(
                ofType(record, type)
                    .map((r) => r.region)
                    .sort(),
            ).toEqual(["us-east-1", "us-west-2"]);
        }
        expect(
            ofType(record, "aws:kms/key:Key")
                .map((k) => k.region)
                .sort(),
        ).toEqual(["us-east-1", "us-west-2"]);
        for (const sse of ofType(
            record,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        )) {
            const rule = (sse.inputs.rules as unknown[])[0] as {
                applyServerSideEncryptionByDefault: { kmsMasterKeyId: string };
                bucketKeyEnabled: boolean;
            };
            expect(rule.bucketKeyEnabled).toBe(true);
            expect(rule.applyServerSideEncryptionByDefault.kmsMasterKeyId).toMatch(
                new RegExp(`^arn:aws:kms:${sse.region}:`),
            );
        }
        const policy = policyOf(ofType(record, "aws:s3/bucketPolicy:BucketPolicy")[0]);
        expect(policy.Statement[0]).toMatchObject({
            Effect: "Deny",
            Action: "s3:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        expect(
            ofType(record, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0].inputs.rules,
        ).toEqual([expect.objectContaining({ noncurrentVersionExpiration: { noncurrentDays: 90 } })]);
        expect(children(record, "pulumi-aws-dr:bucket:ReplicatedBucket")).toBe(true);
    });

    it("replicates with RTC and metrics at 15 minutes, no delete markers, KMS objects, and alarms on missed threshold and failures", async () => {
        const record = await run(build(base));
        const config = one(record, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        expect(config.region).toBe("us-east-1");
        const [rule] = config.inputs.rules as Record<string, unknown>[];
        expect(rule).toMatchObject({
            status: "Enabled",
            deleteMarkerReplication: { status: "Disabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
                replicationTime: { status: "Enabled", time: { minutes: 15 } },
                metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                encryptionConfiguration: { replicaKmsKeyId: expect.stringMatching(/^arn:aws:kms:us-west-2:/) },
            },
        });
        const alarms = ofType(record, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarms.map((a) => [a.inputs.metricName, a.inputs.threshold]).sort()).toEqual([
            ["OperationsFailedReplication", 0],
            ["ReplicationLatency", 900],
        ]);
        expect(
            alarms.every(
                (a) =>
                    a.region === "us-east-1" &&
                    (a.inputs.dimensions as Record<string, string>).RuleId === "to-us-west-2",
            ),
        ).toBe(true);
    });

    it("gives the replication role only the reads, replica writes and key uses replication needs", async () => {
        const record = await run(build(base));
        const trust = policyOf(one(record, "aws:iam/role:Role"), "assumeRolePolicy");
        expect(trust.Statement[0]).toMatchObject({
            Principal: { Service: "s3.amazonaws.com" },
            Condition: { StringEquals: { "aws:SourceAccount": expect.any(String) } },
        });
        const statements = policyOf(one(record, "aws:iam/rolePolicy:RolePolicy")).Statement;
        const actions = statements.flatMap((s) => [s.Action].flat());
        expect(actions).not.toContain("s3:*");
        expect(actions).toEqual(
            expect.arrayContaining([
                "s3:ReplicateObject",
                "s3:GetObjectVersionForReplication",
                "kms:Decrypt",
                "kms:Encrypt",
            ]),
        );
        const write = statements.find((s) => s.Sid === "WriteReplicas")!;
        expect(write.Resource).toEqual([
            expect.stringMatching(/^arn:aws:s3:::pulumi-aws-dr-test-files-us-west-2-[0-9a-f]{8}\/\*$/),
        ]);
    });

    it("replicates back from each replica with replica modification sync when two-way, and locks objects in compliance mode when asked", async () => {
        const record = await run(
            build({ ...base, twoWay: true, objectLock: { days: 30 }, deleteMarkerReplication: true }),
        );
        const configs = ofType(record, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        expect(configs.map((c) => c.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        for (const c of configs) {
            expect((c.inputs.rules as Record<string, unknown>[])[0]).toMatchObject({
                sourceSelectionCriteria: { replicaModifications: { status: "Enabled" } },
                deleteMarkerReplication: { status: "Enabled" },
            });
        }
        expect(ofType(record, "aws:s3/bucket:Bucket").every((b) => b.inputs.objectLockEnabled === true)).toBe(true);
        expect(
            ofType(record, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").map(
                (l) => l.inputs.rule,
            ),
        ).toEqual([
            { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
            { defaultRetention: { mode: "COMPLIANCE", days: 30 } },
        ]);
    });

    it("is a single protected bucket with no replication when given no replica region", async () => {
        const record = await run(build({ protectStatefulResources: true }));
        expect(ofType(record, "aws:s3/bucket:Bucket")).toHaveLength(1);
        expect(ofType(record, "aws:s3/bucketReplicationConfig:BucketReplicationConfig")).toHaveLength(0);
        expect(one(record, "aws:s3/bucket:Bucket").options).toMatchObject({ protect: true, retainOnDelete: true });
    });

    it("refuses, before creating anything, a replica in its own region, an unknown region, two-way without replicas and a bad lock", async () => {
        const { error, registered } = await runExpectingError(
            build({
                replicaRegions: ["us-east-1", "mars-1", "mars-1"],
                objectLock: { days: 0 },
                noncurrentVersionExpirationDays: 1.5,
            }),
        );
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual([
            "replicaRegions.0",
            "replicaRegions.1",
            "replicaRegions.2",
            "noncurrentVersionExpirationDays",
            "objectLock.days",
        ]);
        expect(error.message).toContain(
            'ReplicatedBucket "files": replicaRegions.0 must be a region other than the store\'s own (us-east-1)',
        );
        expect(registered.filter((r) => r.custom)).toHaveLength(0);
        const twoWay = await runExpectingError(build({ twoWay: true }));
        expect(twoWay.error.message).toContain("twoWay must be false when there is no replica region");
    });
});

describe("GlobalTable", () => {
    const base: GlobalTableArgs = {
        partitionKey: { name: "pk", type: "S" },
        replicaRegions: ["us-west-2"],
        protectStatefulResources: true,
    };
    const build = (args: GlobalTableArgs) => async () => {
        const table = new GlobalTable("orders", args);
        return { arns: table.tableArns };
    };

    it("is on demand, with PITR, deletion protection and each region's own key on the table and its replica", async () => {
        const record = await run(build(base));
        const table = one(record, "aws:dynamodb/table:Table");
        expect(table.inputs).toMatchObject({
            billingMode: "PAY_PER_REQUEST",
            hashKey: "pk",
            pointInTimeRecovery: { enabled: true },
            deletionProtectionEnabled: true,
            streamEnabled: true,
            streamViewType: "NEW_AND_OLD_IMAGES",
            serverSideEncryption: { enabled: true, kmsKeyArn: expect.stringMatching(/^arn:aws:kms:us-east-1:/) },
        });
        expect(table.inputs.replicas).toEqual([
            expect.objectContaining({
                regionName: "us-west-2",
                pointInTimeRecovery: true,
                deletionProtectionEnabled: true,
                consistencyMode: "EVENTUAL",
                kmsKeyArn: expect.stringMatching(/^arn:aws:kms:us-west-2:/),
            }),
        ]);
        expect(table.options).toMatchObject({ protect: true, retainOnDelete: true });
        const keys = ofType(record, "aws:kms/key:Key");
        expect(keys.map((k) => k.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        expect(policyOf(keys.find((k) => k.region === "us-west-2")!).Statement[1].Condition).toMatchObject({
            StringEquals: { "kms:ViaService": "dynamodb.us-west-2.amazonaws.com" },
        });
    });

    it("supports MRSC with one replica and a witness in the same region set", async () => {
        const record = await run(
            build({ ...base, replicaRegions: ["us-east-2"], consistency: "strong", witnessRegion: "us-west-2" }),
        );
        const table = one(record, "aws:dynamodb/table:Table");
        expect(table.inputs.globalTableWitness).toEqual({ regionName: "us-west-2" });
        expect((table.inputs.replicas as { consistencyMode: string }[])[0].consistencyMode).toBe("STRONG");
    });

    it("refuses MRSC outside AWS's rules, and bad keys, capacity and replicas, all at once", async () => {
        const strong = await runExpectingError(
            build({ ...base, replicaRegions: ["eu-west-1"], consistency: "strong", witnessRegion: "us-west-2" }),
        );
        expect((strong.error as InvalidInputError).problems).toEqual([
            expect.objectContaining({
                path: "replicaRegions.0",
                allowed: expect.stringContaining("us-east-1's region set (us-east-1, us-east-2, us-west-2)"),
            }),
        ]);
        const two = await runExpectingError(build({ ...base, consistency: "strong" }));
        expect(two.error.message).toContain("AWS requires exactly three");
        const bad = await runExpectingError(
            build({
                partitionKey: { name: "", type: "X" as "S" },
                replicaRegions: ["us-east-1"],
                billingMode: "PROVISIONED",
                witnessRegion: "us-east-2",
            }),
        );
        expect((bad.error as InvalidInputError).problems.map((p) => p.path)).toEqual([
            "partitionKey.name",
            "partitionKey.type",
            "replicaRegions.0",
            "witnessRegion",
            "capacity",
        ]);
        expect(bad.registered.filter((r) => r.custom)).toHaveLength(0);
    });
});

describe("GlobalDatabase", () => {
    const network = (region: string) => ({
        vpcId: `vpc-${region}`,
        subnetIds: [`subnet-${region}-a`, `subnet-${region}-b`],
        clientSecurityGroupIds: [`sg-fleet-${region}`],
        availabilityZones: [`${region}a`, `${region}b`],
    });
    const base: GlobalDatabaseArgs = {
        primaryNetwork: network("us-east-1"),
        secondaryRegion: "us-west-2",
        secondaryNetwork: network("us-west-2"),
        protectStatefulResources: true,
    };
    const build = (args: GlobalDatabaseArgs) => async () => {
        const db = new GlobalDatabase("main", args);
        return { writer: db.writerEndpoint };
    };

    it("builds an encrypted PostgreSQL global cluster, a primary with two instances across AZs and a headless secondary", async () => {
        const record = await run(build(base));
        expect(one(record, "aws:rds/globalCluster:GlobalCluster").inputs).toMatchObject({
            engine: "aurora-postgresql",
            storageEncrypted: true,
            deletionProtection: true,
        });
        const clusters = ofType(record, "aws:rds/cluster:Cluster");
        expect(clusters.map((c) => c.region).sort()).toEqual(["us-east-1", "us-west-2"]);
        for (const c of clusters) {
            expect(c.inputs).toMatchObject({
                storageEncrypted: true,
                deletionProtection: true,
                iamDatabaseAuthenticationEnabled: true,
                kmsKeyId: expect.stringMatching(new RegExp(`^arn:aws:kms:${c.region}:`)),
            });
            expect(c.inputs.manageMasterUserPassword).toBeUndefined();
            expect(c.options).toMatchObject({ protect: true, retainOnDelete: true });
        }
        const primary = clusters.find((c) => c.region === "us-east-1")!;
        expect(primary.inputs.masterUsername).toBe("dbadmin");
        expect(JSON.stringify(primary.inputs)).not.toMatch(/masterPassword":"[A-Z0-9]/);
        const instances = ofType(record, "aws:rds/clusterInstance:ClusterInstance");
        expect(instances.map((i) => [i.region, i.inputs.availabilityZone])).toEqual([
            ["us-east-1", "us-east-1a"],
            ["us-east-1", "us-east-1b"],
        ]);
        expect(instances.every((i) => i.inputs.publiclyAccessible === false)).toBe(true);
    });

    it("admits only the fleets' group on 5432, forces TLS, and bounds the RPO on the primary only", async () => {
        const record = await run(build({ ...base, rpoBoundSeconds: 60, secondaryInstances: 1 }));
        const rules = ofType(record, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        expect(
            rules.map((r) => [r.region, r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]).sort(),
        ).toEqual([
            ["us-east-1", "sg-fleet-us-east-1", 5432, 5432],
            ["us-west-2", "sg-fleet-us-west-2", 5432, 5432],
        ]);
        expect(rules.some((r) => r.inputs.cidrIpv4 !== undefined)).toBe(false);
        const groups = ofType(record, "aws:rds/clusterParameterGroup:ClusterParameterGroup");
        const params = (region: string) =>
            groups.find((g) => g.region === region)!.inputs.parameters as { name: string; value: string }[];
        expect(params("us-east-1")).toEqual([
            expect.objectContaining({ name: "rds.force_ssl", value: "1" }),
            expect.objectContaining({ name: "rds.global_db_rpo", value: "60" }),
        ]);
        expect(params("us-west-2").map((p) => p.name)).toEqual(["rds.force_ssl"]);
        expect(groups[0].inputs.family).toBe("aurora-postgresql16");
        expect(
            ofType(record, "aws:rds/clusterInstance:ClusterInstance").filter((i) => i.region === "us-west-2"),
        ).toHaveLength(1);
    });

    it("keeps the master password in a secret replicated to the secondary region, written write-only", async () => {
        const record = await run(build(base));
        const secret = one(record, "aws:secretsmanager/secret:Secret");
        expect(secret.inputs.replicas).toEqual([
            { region: "us-west-2", kmsKeyId: expect.stringMatching(/^arn:aws:kms:us-west-2:/) },
        ]);
        const version = one(record, "aws:secretsmanager/secretVersion:SecretVersion");
        expect(version.inputs.secretString).toBeUndefined();
        expect(version.inputs.secretStringWoVersion).toBe(1);
    });

    it("refuses an RPO bound outside Aurora's range, an unknown instance class, a secondary in its own region, all at once", async () => {
        const { error, registered } = await runExpectingError(
            build({ ...base, rpoBoundSeconds: 10, instanceClass: "db.t3.micro", secondaryRegion: "us-east-1" }),
        );
        expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual([
            "instanceClass",
            "secondaryRegion",
            "rpoBoundSeconds",
        ]);
        expect(error.message).toContain("rpoBoundSeconds must be an integer 20..2147483647, got 10");
        expect(registered.filter((r) => r.custom)).toHaveLength(0);
        const mysql = await runExpectingError(build({ ...base, engine: "aurora-mysql", rpoBoundSeconds: 60 }));
        expect(mysql.error.message).toContain("rds.global_db_rpo is an Aurora PostgreSQL parameter");
        const forwarding = await runExpectingError(build({ ...base, engineVersion: "14.6", writeForwarding: true }));
        expect(forwarding.error.message).toContain("global write forwarding needs 14.9+");
    });
});
