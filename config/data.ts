/**
 * The data tier's composition: from the `data` section and the strategy to each store's component
 * arguments. Their checks are in checks.ts.
 */
import type { DatabaseNetwork, GlobalDatabaseArgs, GlobalTableArgs, ReplicatedBucketArgs } from "../components";
import { globalDatabaseDefaults } from "../components/internal";
import type { StackContext } from "./compose";
import { parseDuration } from "./duration";

/** How the strategy shapes the recovery region's copy of the data. */
export interface DataShape {
    /** The region the stores replicate to; undefined for backup-restore (AWS Backup only). */
    readonly replicaRegion: string | undefined;
    /** Replication both ways (active-active). */
    readonly twoWay: boolean;
    /** Default instances of an Aurora secondary: 0 is headless. */
    readonly secondaryInstances: (primaryInstances: number) => number;
    /** Aurora write forwarding on the secondary (active-active). */
    readonly writeForwarding: boolean;
}

/**
 * pilot light: replicas, and a headless Aurora secondary; warm standby: an Aurora secondary with one
 * reader; active-active: two-way bucket replication, global tables (writable everywhere), and an
 * Aurora secondary as large as the primary that forwards writes to it. Aurora has one writer: in
 * active-active the secondary's writes go to the primary through write forwarding, and losing the
 * primary's region still takes a global failover. backup-restore replicates nothing.
 */
export function dataShape(ctx: StackContext): DataShape {
    const secondary = ctx.layout.regions[1]?.region;
    switch (ctx.layout.strategy) {
        case "backup-restore":
            return { replicaRegion: undefined, twoWay: false, secondaryInstances: () => 0, writeForwarding: false };
        case "pilot-light":
            return { replicaRegion: secondary, twoWay: false, secondaryInstances: () => 0, writeForwarding: false };
        case "warm-standby":
            return { replicaRegion: secondary, twoWay: false, secondaryInstances: () => 1, writeForwarding: false };
        case "active-active":
            return { replicaRegion: secondary, twoWay: true, secondaryInstances: (n) => n, writeForwarding: true };
    }
}

/** The tag every data store carries, and the backup selection `DATA_SELECTION` picks by. */
export const DATA_STORE_TAG = "pulumi-aws-dr:data-store";

/** The backup selection compose.ts adds for the data tier, so AWS Backup covers corruption and ransomware too. */
export const DATA_SELECTION = "data-stores";

/** Whether the stack declares any data store. */
export const hasDataStores = (ctx: StackContext) =>
    Object.keys(ctx.config.data.buckets).length +
        Object.keys(ctx.config.data.tables).length +
        Object.keys(ctx.config.data.databases).length >
    0;

const storeTags = (ctx: StackContext) => ({ ...ctx.tags, [DATA_STORE_TAG]: "true" });

export function bucketArgs(ctx: StackContext, key: string): ReplicatedBucketArgs {
    const bucket = ctx.config.data.buckets[key];
    const shape = dataShape(ctx);
    return {
        replicaRegions: shape.replicaRegion ? [shape.replicaRegion] : [],
        twoWay: shape.twoWay,
        replicationTimeControl: bucket.replicationTimeControl,
        deleteMarkerReplication: bucket.deleteMarkerReplication,
        noncurrentVersionExpirationDays: bucket.noncurrentVersionExpirationDays,
        objectLock: bucket.objectLockDays === undefined ? undefined : { days: bucket.objectLockDays },
        // A stack that does not protect its stateful resources can be torn down.
        forceDestroy: !ctx.protect,
        region: ctx.layout.regions[0].region,
        protectStatefulResources: ctx.protect,
        tags: storeTags(ctx),
    };
}

export function tableArgs(ctx: StackContext, key: string): GlobalTableArgs {
    const table = ctx.config.data.tables[key];
    const shape = dataShape(ctx);
    return {
        partitionKey: table.partitionKey,
        sortKey: table.sortKey,
        replicaRegions: shape.replicaRegion ? [shape.replicaRegion] : [],
        consistency: table.consistency,
        witnessRegion: table.witnessRegion,
        pointInTimeRecovery: table.pointInTimeRecovery,
        deletionProtection: table.deletionProtection,
        region: ctx.layout.regions[0].region,
        protectStatefulResources: ctx.protect,
        tags: storeTags(ctx),
    };
}

/** Each region's network and client groups: known only once the networks and ALBs exist. */
export type DatabaseNetworks = Record<string, DatabaseNetwork>;

export function databaseArgs(ctx: StackContext, key: string, networks: DatabaseNetworks): GlobalDatabaseArgs {
    const db = ctx.config.data.databases[key];
    const shape = dataShape(ctx);
    const primaryRegion = ctx.layout.regions[0].region;
    const primaryInstances = db.primaryInstances ?? globalDatabaseDefaults.primaryInstances;
    const replica = shape.replicaRegion;
    return {
        engine: db.engine,
        engineVersion: db.engineVersion,
        instanceClass: db.instanceClass,
        primaryInstances: db.primaryInstances,
        primaryNetwork: networks[primaryRegion],
        secondaryRegion: replica,
        secondaryNetwork: replica ? networks[replica] : undefined,
        secondaryInstances: replica ? (db.secondaryInstances ?? shape.secondaryInstances(primaryInstances)) : undefined,
        writeForwarding: replica ? shape.writeForwarding : undefined,
        rpoBoundSeconds: db.rpoBound === undefined ? undefined : parseDuration(db.rpoBound),
        databaseName: db.databaseName,
        region: primaryRegion,
        protectStatefulResources: ctx.protect,
        tags: storeTags(ctx),
    };
}
