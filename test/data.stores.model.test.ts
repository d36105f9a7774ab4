import { describe, expect, it } from "vitest";
import { DataStoreInput, replicatedStores, RTC_SECONDS, storeRpo } from "../dr/dataStores";

const assumed = (value: number, path: string, declared = false) => ({ value, path, declared });
const bucket = (rtc: boolean, tail = assumed(RTC_SECONDS, "dr.assumptions.s3ReplicationTail")): DataStoreInput => ({
    kind: "bucket",
    name: "files",
    replicated: true,
    replicationTimeControl: { value: rtc, path: "data.buckets.files.replicationTimeControl" },
    replicationTail: tail,
});
const table = (consistency: "eventual" | "strong"): DataStoreInput => ({
    kind: "table",
    name: "orders",
    replicated: true,
    consistency: { value: consistency, path: "data.tables.orders.consistency" },
    replicationLag: assumed(60, "dr.assumptions.tableReplicationLag"),
});
const database = (extra: Partial<Extract<DataStoreInput, { kind: "database" }>> = {}): DataStoreInput => ({
    kind: "database",
    name: "main",
    replicated: true,
    replicationLag: assumed(60, "dr.assumptions.databaseReplicationLag"),
    promotion: assumed(600, "dr.assumptions.databasePromotion"),
    ...extra,
});

describe("the data tier's DR terms", () => {
    it("gives S3 RTC's 15 minutes for 99.99 % of objects (the SLA), and the rest only as a named assumption", () => {
        // AWS's SLA: 99.99 % of objects within 15 min; the other 0.01 % have no bound
        // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html). The old model
        // gave 15 min as a fact (assumption: false); it rests on dr.assumptions.s3ReplicationTail.
        expect(storeRpo(bucket(true))).toMatchObject({
            resourceType: "S3",
            seconds: RTC_SECONDS,
            assumption: true,
            path: "dr.assumptions.s3ReplicationTail",
            source: expect.stringContaining("99.99 %"),
        });
        expect(storeRpo(bucket(true)).source).toContain(
            "AWS gives the other 0.01 % no bound; the rest assumed within default 15 min",
        );
        // A declared tail of 1 h makes the bucket's RPO 1 h.
        expect(storeRpo(bucket(true, assumed(3600, "dr.assumptions.s3ReplicationTail", true)))).toMatchObject({
            seconds: 3600,
            assumption: true,
        });
        expect(storeRpo(bucket(false))).toMatchObject({
            seconds: null,
            path: "data.buckets.files.replicationTimeControl",
        });
    });

    it("gives a global table its lag as a named assumption, and MRSC no loss", () => {
        expect(storeRpo(table("eventual"))).toMatchObject({
            seconds: 60,
            assumption: true,
            path: "dr.assumptions.tableReplicationLag",
            source: expect.stringContaining("no bound"),
        });
        expect(storeRpo(table("strong"))).toMatchObject({ seconds: 0, assumption: false });
    });

    it("gives Aurora its rds.global_db_rpo bound when set, else the typical lag as an assumption", () => {
        expect(storeRpo(database({ rpoBound: { value: 60, path: "data.databases.main.rpoBound" } }))).toMatchObject({
            seconds: 60,
            assumption: false,
            path: "data.databases.main.rpoBound",
        });
        expect(storeRpo(database())).toMatchObject({
            seconds: 60,
            assumption: true,
            path: "dr.assumptions.databaseReplicationLag",
        });
    });

    it("says where an Aurora RPO bound stops holding, and that it blocks the primary's commits when the recovery region is lost", () => {
        // AWS: setting rds.global_db_rpo "might affect transaction processing on the primary cluster's writer node":
        // commits wait while no secondary is within the bound
        // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
        // The library sets it on the cluster that starts as primary only, so the new writer after a failover has none.
        const bounded = storeRpo(database({ rpoBound: { value: 60, path: "data.databases.main.rpoBound" } }));
        expect(bounded.source).toContain(
            "holds while that cluster writes: after a failover or switchover the new writer has no bound until failback",
        );
        expect(bounded.warning).toMatch(
            /^data\.databases\.main\.rpoBound: while rds\.global_db_rpo is set, the primary blocks commits/,
        );
        expect(bounded.warning).toContain("losing the recovery region");
        expect(storeRpo(database()).warning).toBeUndefined();
    });

    it("replaces each type's restore with its promotion: none for buckets and tables, a failover for Aurora, plus an instance when headless", () => {
        const warm = replicatedStores([bucket(true), table("eventual"), database()]);
        expect(warm.map((s) => [s.resourceType, s.promotionSeconds.value, s.assumption])).toEqual([
            ["S3", 0, false],
            ["DynamoDB", 0, false],
            ["Aurora", 600, true],
        ]);
        const [headless] = replicatedStores([
            database({ headlessLaunch: assumed(900, "dr.assumptions.headlessInstanceLaunch") }),
        ]);
        expect(headless).toMatchObject({
            mechanism: "Aurora Global Database, headless secondary",
            promotionSeconds: { value: 1500, path: "dr.assumptions.headlessInstanceLaunch" },
        });
        expect(replicatedStores([{ ...bucket(true), replicated: false }])).toEqual([]);
    });
});
