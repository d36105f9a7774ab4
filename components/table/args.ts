import { Tags } from "../shared/tags";

/** DynamoDB's key scalar types: S string, N number, B binary. */
export const TableKeyType = {
    S: "S",
    N: "N",
    B: "B",
} as const;
export type TableKeyType = (typeof TableKeyType)[keyof typeof TableKeyType];

/** Multi-Region consistency of a global table: see `GlobalTableArgs.consistency`. */
export const TableConsistency = {
    Eventual: "eventual",
    Strong: "strong",
} as const;
export type TableConsistency = (typeof TableConsistency)[keyof typeof TableConsistency];

/** How a table's capacity is paid for: see `GlobalTableArgs.billingMode`. */
export const TableBillingMode = {
    PayPerRequest: "PAY_PER_REQUEST",
    Provisioned: "PROVISIONED",
} as const;
export type TableBillingMode = (typeof TableBillingMode)[keyof typeof TableBillingMode];

/** A key attribute: its name and DynamoDB scalar type (S string, N number, B binary). */
export interface TableKey {
    name: string;
    type: TableKeyType;
}

/** Provisioned read and write capacity units of every replica, 1..40000 each. */
export interface TableCapacity {
    /** Read capacity units. Required. */
    read: number;
    /** Write capacity units. Required. */
    write: number;
}

export interface GlobalTableArgs {
    /** The partition key. Required. */
    partitionKey: TableKey;
    /**
     * The sort key.
     * @default none
     */
    sortKey?: TableKey;
    /**
     * Regions that each get a replica (global tables version 2019.11.21). Every replica accepts reads and writes.
     * Empty: a single-region table, protected by PITR and AWS Backup only.
     * @default none
     */
    replicaRegions?: string[];
    /**
     * `eventual` (multi-Region eventual consistency, MREC): replicas converge asynchronously, last writer wins.
     * `strong` (MRSC): a write is acknowledged once stored in a second region, so a regional loss loses nothing; AWS
     * requires exactly three regions of one region set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1,
     * eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3), as three replicas or
     * two and a `witnessRegion`
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/multi-region-strong-consistency-gt.html).
     * @default `"eventual"` (`globalTableDefaults.consistency`)
     */
    consistency?: TableConsistency;
    /**
     * MRSC only: the witness region, with exactly one replica region; it stores writes but serves no requests.
     * @default none
     */
    witnessRegion?: string;
    /**
     * `PAY_PER_REQUEST` (on demand: no capacity to plan for a failover) or `PROVISIONED`.
     * @default `"PAY_PER_REQUEST"` (`globalTableDefaults.billingMode`)
     */
    billingMode?: TableBillingMode;
    /**
     * PROVISIONED only, and required there: read and write capacity units of every replica, 1..40000.
     * @default none; required with `PROVISIONED`
     */
    capacity?: TableCapacity;
    /**
     * Point-in-time recovery on the table and every replica (35 days).
     * @default `true` (`globalTableDefaults.pointInTimeRecovery`)
     */
    pointInTimeRecovery?: boolean;
    /**
     * Deletion protection on the table and every replica.
     * @default `true` (`globalTableDefaults.deletionProtection`)
     */
    deletionProtection?: boolean;
    /**
     * Region of the table (v7 per-resource `region`).
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Protect the table and keys from deletion and replacement, and retain them on delete.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource, propagated to the replicas.
     * @default none
     */
    tags?: Tags;
}

export const globalTableDefaults = {
    consistency: "eventual",
    billingMode: "PAY_PER_REQUEST",
    pointInTimeRecovery: true,
    deletionProtection: true,
} as const;

/** The region sets an MRSC global table must stay within (link in GlobalTableArgs.consistency). */
export const MRSC_REGION_SETS: readonly (readonly string[])[] = [
    ["us-east-1", "us-east-2", "us-west-2"],
    ["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"],
    ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3"],
];
