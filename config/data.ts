/**
 * The data tier's composition: from the `data` section and the strategy to each store's component
 * arguments, and the checks that run before anything is created.
 */
import * as pulumi from "@pulumi/pulumi";
import { ReplicatedBucketArgs } from "../components/bucket/args";
import { validateReplicatedBucketArgs } from "../components/bucket/validate";
import { DatabaseNetwork, globalDatabaseDefaults, GlobalDatabaseArgs } from "../components/database/args";
import { validateGlobalDatabaseArgs } from "../components/database/validate";
import { InputProblem } from "../components/shared/errors";
import { GlobalTableArgs } from "../components/table/args";
import { validateGlobalTableArgs } from "../components/table/validate";
import type { StackContext } from "./compose";
import { parseDuration } from "./duration";
import { atDeploy, remap } from "./paths";

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

/**
 * The tags that put a store in the backup plan: those of the first selection that picks by tag.
 * Undefined when no selection does (then `dataProblems` reports it).
 */
export function backupSelectionTags(ctx: StackContext): Record<string, string> | undefined {
    return Object.values(ctx.config.backup.selections).find((s) => Object.keys(s.selectionTags ?? {}).length > 0)?.selectionTags;
}

const storeTags = (ctx: StackContext) => ({ ...ctx.tags, ...backupSelectionTags(ctx) });

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
        secondaryInstances: replica ? db.secondaryInstances ?? shape.secondaryInstances(primaryInstances) : undefined,
        writeForwarding: replica ? shape.writeForwarding : undefined,
        rpoBoundSeconds: db.rpoBound === undefined ? undefined : parseDuration(db.rpoBound),
        databaseName: db.databaseName,
        region: primaryRegion,
        protectStatefulResources: ctx.protect,
        tags: storeTags(ctx),
    };
}

/**
 * Every problem with the `data` section: each store's component validator at its config path, a
 * backup selection the stores can join, and the protection a protected stack asks for.
 */
export function dataProblems(ctx: StackContext): InputProblem[] {
    const data = ctx.config.data;
    const problems: InputProblem[] = [];
    const primary = ctx.layout.regions[0].region;
    const stores = Object.keys(data.buckets).length + Object.keys(data.tables).length + Object.keys(data.databases).length;
    if (stores > 0 && !backupSelectionTags(ctx)) {
        problems.push({ path: "backup.selections", value: Object.keys(ctx.config.backup.selections), allowed: "a selection with selectionTags, which the data stores are tagged with so AWS Backup covers them" });
    }
    for (const key of Object.keys(data.buckets)) {
        problems.push(...remap(validateReplicatedBucketArgs(bucketArgs(ctx, key), primary), `data.buckets.${key}`, [[/^objectLock\.days$/, "objectLockDays"]]));
    }
    for (const [key, table] of Object.entries(data.tables)) {
        problems.push(...remap(validateGlobalTableArgs(tableArgs(ctx, key), primary), `data.tables.${key}`, [[/^replicaRegions(\.\d+)?$/, "consistency"]]));
        if (ctx.protect) {
            for (const field of ["pointInTimeRecovery", "deletionProtection"] as const) {
                if (table[field] === false) problems.push({ path: `data.tables.${key}.${field}`, value: false, allowed: `true (or unset) in stack "${ctx.stack}", which protects its stateful resources` });
            }
        }
    }
    const network = (): DatabaseNetwork => ({ vpcId: atDeploy<string>(), subnetIds: atDeploy<string[]>(), clientSecurityGroupIds: [atDeploy<string>()] as pulumi.Input<string>[] });
    const networks = Object.fromEntries(ctx.layout.regions.map((r) => [r.region, network()]));
    for (const key of Object.keys(data.databases)) {
        problems.push(...remap(validateGlobalDatabaseArgs(databaseArgs(ctx, key, networks), primary), `data.databases.${key}`, [[/^rpoBoundSeconds$/, "rpoBound"]]));
    }
    return problems;
}
