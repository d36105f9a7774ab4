/**
 * The data tier's terms in the DR report: for each store replicated to the recovery region, the RPO
 * its replication allows and the time to promote its replica. Pure; the stack's config becomes a
 * `DataStoreInput` in config/drInput.ts.
 *
 * - S3 with Replication Time Control: 15 minutes for 99.99 % of objects, AWS's SLA; the other 0.01 %
 *   have no bound (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html).
 *   The tail is a named assumption (`dr.assumptions.s3ReplicationTail`, default 15 min: that the rest
 *   replicates within the same threshold); a bucket's RPO is the larger of 15 min and it, always shown
 *   as an assumption with the SLA's text.
 *   Without RTC, S3 replication has no bound at all.
 * - DynamoDB global tables, multi-Region eventual consistency: AWS publishes the ReplicationLatency
 *   metric but no bound (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_monitoring.html):
 *   a named assumption. Strong consistency (MRSC) acknowledges a write once a second region has it: no loss
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/multi-region-strong-consistency-gt.html).
 * - Aurora Global Database: `rds.global_db_rpo` is the upper bound when set; otherwise the RPO is
 *   "typically measured in seconds", a named assumption. Promotion (global failover) "can be in the
 *   order of minutes", an assumption; a headless secondary must first get an instance, another
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
 */
import { Assumed, ReplicatedStore, Sourced } from "./model";

export const RTC_URL = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html";
export const TABLE_LAG_URL =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_monitoring.html";
export const MRSC_URL =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/multi-region-strong-consistency-gt.html";
export const AURORA_DR_URL =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html";
const AURORA_READERS_URL = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.html";
const S3_REPLICATION_URL = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html";
const GLOBAL_TABLES_URL = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html";

/** Defaults of the data tier's named assumptions; each can be declared under `dr.assumptions`. */
export const dataStoreAssumptions = {
    /** DynamoDB MREC replication lag: AWS gives no bound. */
    tableReplicationLagSeconds: 60,
    /** Aurora replication lag without rds.global_db_rpo: "typically measured in seconds". */
    databaseReplicationLagSeconds: 60,
    /** Aurora global failover, from the decision to a writable secondary: "in the order of minutes". */
    databasePromotionSeconds: 600,
    /** S3 RTC: the 0.01 % of objects its SLA leaves out; AWS publishes no bound, assumed within the same 15 min. */
    s3ReplicationTailSeconds: 15 * 60,
    /** Adding an instance to a headless secondary before it can be promoted: AWS publishes no bound. */
    headlessInstanceLaunchSeconds: 900,
} as const;

/** S3 RTC's threshold. */
export const RTC_SECONDS = 15 * 60;

const RTC_SLA = "S3 RTC's SLA: 99.99 % of objects within 15 min; AWS gives the other 0.01 % no bound";

/** One store of the `data` section, as the report needs it. Every number carries its config path. */
export type DataStoreInput =
    | {
          readonly kind: "bucket";
          readonly name: string;
          readonly replicated: boolean;
          readonly replicationTimeControl: Sourced<boolean>;
          /** The bound assumed for the objects RTC's SLA leaves out. */
          readonly replicationTail: Assumed;
      }
    | {
          readonly kind: "table";
          readonly name: string;
          readonly replicated: boolean;
          readonly consistency: Sourced<"eventual" | "strong">;
          readonly replicationLag: Assumed;
      }
    | {
          readonly kind: "database";
          readonly name: string;
          readonly replicated: boolean;
          /** `rds.global_db_rpo`, when set. */
          readonly rpoBound?: Sourced<number>;
          readonly replicationLag: Assumed;
          readonly promotion: Assumed;
          /** Set for a headless secondary: the instance it must get first. */
          readonly headlessLaunch?: Assumed;
      };

/** A store's RPO across regions: seconds (null: no bound), and where the figure comes from. */
export interface StoreRpo {
    readonly store: string;
    readonly resourceType: string;
    readonly seconds: number | null;
    readonly path: string;
    readonly source: string;
    readonly assumption: boolean;
    /** What the figure costs or where it stops holding, for the report's warnings. */
    readonly warning?: string;
}

const RESOURCE_TYPES = { bucket: "S3", table: "DynamoDB", database: "Aurora" } as const;

/** The RPO of a replicated store for the loss of its primary region. */
export function storeRpo(store: DataStoreInput): StoreRpo {
    const base = { store: store.name, resourceType: RESOURCE_TYPES[store.kind] };
    switch (store.kind) {
        case "bucket": {
            if (!store.replicationTimeControl.value) {
                return {
                    ...base,
                    seconds: null,
                    path: store.replicationTimeControl.path,
                    source: `S3 replication without RTC has no time bound (${RTC_URL})`,
                    assumption: false,
                };
            }
            const tail = store.replicationTail;
            const assumed = tail.declared ? "declared" : `default ${tail.value / 60} min`;
            return {
                ...base,
                seconds: Math.max(RTC_SECONDS, tail.value),
                path: tail.path,
                source: `${RTC_SLA}; the rest assumed within ${assumed} (${RTC_URL})`,
                assumption: true,
            };
        }
        case "table":
            return store.consistency.value === "strong"
                ? {
                      ...base,
                      seconds: 0,
                      path: store.consistency.path,
                      source: `MRSC: a write is acknowledged once stored in a second region (${MRSC_URL})`,
                      assumption: false,
                  }
                : {
                      ...base,
                      seconds: store.replicationLag.value,
                      path: store.replicationLag.path,
                      source: `global table replication lag: AWS gives no bound (${TABLE_LAG_URL})`,
                      assumption: true,
                  };
        case "database":
            return store.rpoBound
                ? {
                      ...base,
                      seconds: store.rpoBound.value,
                      path: store.rpoBound.path,
                      source: `rds.global_db_rpo: commits wait while the secondary lags more (${AURORA_DR_URL}); set on the configured primary only, so it holds while that cluster writes: after a failover or switchover the new writer has no bound until failback`,
                      assumption: false,
                      warning:
                          `${store.rpoBound.path}: while rds.global_db_rpo is set, the primary blocks commits when no secondary is within the bound ` +
                          `(AWS: it "might affect transaction processing on the primary cluster's writer node", ${AURORA_DR_URL}); losing the recovery region, or its replication falling behind, stops writes in the primary too. ` +
                          "The bound is set only on the cluster that starts as primary: after a failover or switchover the new writer has none until failback",
                  }
                : {
                      ...base,
                      seconds: store.replicationLag.value,
                      path: store.replicationLag.path,
                      source: `Aurora global replication lag, "typically measured in seconds" (${AURORA_DR_URL})`,
                      assumption: true,
                  };
    }
}

/**
 * What replaces the restore of a store's type in the RTO (dr/dataRecovery.ts): its promotion. A
 * bucket replica and a global table replica serve writes as they are; an Aurora secondary needs a
 * global failover, after an instance is added when it is headless. One entry per resource type, the
 * slowest store's; none for a store that does not replicate.
 */
export function replicatedStores(stores: readonly DataStoreInput[]): ReplicatedStore[] {
    const entries = stores
        .filter((s) => s.replicated)
        .map((store): ReplicatedStore => {
            const resourceType = RESOURCE_TYPES[store.kind];
            switch (store.kind) {
                case "bucket":
                    return {
                        resourceType,
                        mechanism: "S3 replication",
                        promotionSeconds: { value: 0, path: store.replicationTimeControl.path },
                        assumption: false,
                        source: "the replica bucket serves reads and writes as it is",
                        readsInPlace: `the replica bucket holds the replicated objects and serves GETs in its own region (${S3_REPLICATION_URL})`,
                    };
                case "table":
                    return {
                        resourceType,
                        mechanism: "DynamoDB global table",
                        promotionSeconds: { value: 0, path: store.consistency.path },
                        assumption: false,
                        source: "every replica accepts writes",
                        readsInPlace: `every replica of a global table serves reads in its own region (${GLOBAL_TABLES_URL})`,
                    };
                case "database": {
                    const launch = store.headlessLaunch;
                    return {
                        resourceType,
                        mechanism: launch ? "Aurora Global Database, headless secondary" : "Aurora Global Database",
                        promotionSeconds: {
                            value: store.promotion.value + (launch?.value ?? 0),
                            path: launch ? launch.path : store.promotion.path,
                        },
                        assumption: true,
                        source: `global failover${launch ? " after adding an instance" : ""}, "in the order of minutes" (${AURORA_DR_URL})`,
                        // A headless secondary is a cluster "without a DB instance": nothing answers a query until one
                        // is added (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attach.console.headless.html).
                        readsInPlace: launch
                            ? undefined
                            : `the secondary cluster's reader instances serve reads without a promotion (Aurora Replicas "support only read operations", ${AURORA_READERS_URL})`,
                    };
                }
            }
        });
    return Object.values(
        entries.reduce<Record<string, ReplicatedStore>>((slowest, e) => {
            const other = slowest[e.resourceType];
            const kept = !other || other.promotionSeconds.value < e.promotionSeconds.value ? e : other;
            // A type reads in place only when every store of it does.
            slowest[e.resourceType] =
                other && !(other.readsInPlace && e.readsInPlace) ? { ...kept, readsInPlace: undefined } : kept;
            return slowest;
        }, {}),
    );
}
