import { describe, expect, it } from "vitest";
import { evaluatePolicies, PolicyResource, PolicySettings, UNKNOWN } from "../policy/rules";

const settings: PolicySettings = { stack: "prod", protectStatefulResources: true, multiRegion: true };
const res = (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    region = "us-east-1",
    protect = true,
): PolicyResource => ({
    type,
    name,
    urn: `urn:pulumi:prod::pulumi-aws-dr::${type}::${name}`,
    inputs,
    options: { protect, retainOnDelete: protect },
    region,
});
const of = (id: string, resources: PolicyResource[], s: PolicySettings = settings) =>
    evaluatePolicies(resources, s)
        .filter((v) => v.id === id)
        .map((v) => `${v.urn.split("::").pop()}: ${v.message}`);

const TABLE = "aws:dynamodb/table:Table";
const CLUSTER = "aws:rds/cluster:Cluster";
const BUCKET = "aws:s3/bucket:Bucket";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

const table = (inputs: Record<string, unknown>) =>
    res(TABLE, "orders", {
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled: true,
        replicas: [{ regionName: "us-west-2", pointInTimeRecovery: true, deletionProtectionEnabled: true }],
        ...inputs,
    });
const cluster = (inputs: Record<string, unknown>) =>
    res(CLUSTER, "main", {
        storageEncrypted: true,
        deletionProtection: true,
        iamDatabaseAuthenticationEnabled: true,
        ...inputs,
    });
const rule = (destination: Record<string, unknown>) => ({
    id: "to-us-west-2",
    destination: { bucket: "arn:aws:s3:::files-west", ...destination },
});
const rtc = {
    replicationTime: { status: "Enabled", time: { minutes: 15 } },
    metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
};

describe("policy rules for the data tier", () => {
    it("DynamoDB.2 and DynamoDB.6 judge the table and each replica, and skip values not known yet", () => {
        expect(of("DynamoDB.2", [table({})])).toEqual([]);
        expect(
            of("DynamoDB.2", [
                table({ pointInTimeRecovery: { enabled: false }, replicas: [{ regionName: "us-west-2" }] }),
            ]),
        ).toEqual([
            "orders: point-in-time recovery must be on for the table, got false",
            "orders: point-in-time recovery must be on for the replica in us-west-2, got unset",
        ]);
        expect(of("DynamoDB.6", [table({ deletionProtectionEnabled: UNKNOWN })])).toEqual([]);
        expect(of("DynamoDB.6", [table({ deletionProtectionEnabled: false })])).toEqual([
            "orders: deletion protection must be on for the table, got false",
        ]);
    });

    it("RDS.27, RDS.7 and RDS.12 ask every cluster for encryption, deletion protection and IAM authentication", () => {
        expect(["RDS.27", "RDS.7", "RDS.12"].flatMap((id) => of(id, [cluster({})]))).toEqual([]);
        expect(of("RDS.27", [cluster({ storageEncrypted: undefined })])).toEqual([
            "main: storageEncrypted must be true (encryption at rest), got unset",
        ]);
        expect(of("RDS.7", [cluster({ deletionProtection: false })])).toEqual([
            "main: deletionProtection must be true (deletion protection), got false",
        ]);
        expect(of("RDS.12", [cluster({ iamDatabaseAuthenticationEnabled: false })])).toEqual([
            "main: iamDatabaseAuthenticationEnabled must be true (IAM authentication), got false",
        ]);
    });

    it("S3.14 asks a replicated bucket, and its replica, for versioning; an unreplicated bucket is left alone", () => {
        const source = res(BUCKET, "files", { bucket: "files-east" });
        const replica = res(BUCKET, "files-west", { bucket: "files-west" }, "us-west-2");
        const config = res(REPLICATION, "files-replication", { bucket: "files-east", rules: [rule(rtc)] });
        expect(of("S3.14", [source, replica, config])).toEqual([
            "files: the bucket replicates or receives replicas, but no BucketVersioning enables versioning on it",
            "files-west: the bucket replicates or receives replicas, but no BucketVersioning enables versioning on it",
        ]);
        const versioned = [source, replica].map((b) =>
            res(
                VERSIONING,
                `${b.name}-v`,
                { bucket: b.inputs.bucket, versioningConfiguration: { status: "Enabled" } },
                b.region!,
            ),
        );
        expect(of("S3.14", [source, replica, config, ...versioned])).toEqual([]);
        expect(of("S3.14", [source])).toEqual([]);
    });

    it("replication must leave the region and run under RTC with metrics in a multi-region stack", () => {
        const replica = res(BUCKET, "files-west", { bucket: "files-west" }, "us-west-2");
        const sameRegion = res(BUCKET, "files-copy", { bucket: "files-copy" });
        expect(
            of("s3-replication-crr-rtc", [
                replica,
                res(REPLICATION, "ok", { bucket: "files-east", rules: [rule(rtc)] }),
            ]),
        ).toEqual([]);
        expect(
            of("s3-replication-crr-rtc", [
                sameRegion,
                res(REPLICATION, "bad", { bucket: "files-east", rules: [rule({ bucket: "arn:aws:s3:::files-copy" })] }),
            ]),
        ).toEqual([
            "bad: rules[0] (to-us-west-2) replicates within us-east-1, which a regional disaster takes with the source",
            "bad: rules[0] (to-us-west-2) has replicationTime unset and metrics unset: without RTC the replication has no time bound",
        ]);
        expect(
            of("s3-replication-crr-rtc", [res(REPLICATION, "bad", { bucket: "x", rules: [rule({})] })], {
                ...settings,
                multiRegion: false,
            }),
        ).toEqual([]);
    });

    it("stateful-protected covers tables and DB clusters in a protected stack", () => {
        const unprotected = [res(TABLE, "t", {}, "us-east-1", false), res(CLUSTER, "c", {}, "us-east-1", false)];
        expect(of("stateful-protected", unprotected)).toEqual([
            "t: stack prod protects stateful resources, so this one needs protect and retainOnDelete",
            "c: stack prod protects stateful resources, so this one needs protect and retainOnDelete",
        ]);
    });
});
