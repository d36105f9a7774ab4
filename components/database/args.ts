import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";

/** Where one region's cluster lives, and who may reach it. */
export interface DatabaseNetwork {
    /** The VPC of the subnets; the cluster's security group lives here. Required. */
    vpcId: pulumi.Input<string>;
    /** Private subnets in at least two AZs, for the DB subnet group. Required. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups (the fleets') admitted on the DB port; nothing else is. Required, at least one. */
    clientSecurityGroupIds: pulumi.Input<string>[];
    /**
     * AZs to spread the instances over, in order.
     * @default Aurora places the instances
     */
    availabilityZones?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The Aurora engines a global database can run. */
export const AuroraEngine = {
    AuroraPostgresql: "aurora-postgresql",
    AuroraMysql: "aurora-mysql",
} as const;
export type AuroraEngine = (typeof AuroraEngine)[keyof typeof AuroraEngine];

export interface GlobalDatabaseArgs {
    /**
     * `aurora-postgresql` or `aurora-mysql`.
     * @default `"aurora-postgresql"` (`globalDatabaseDefaults.engine`)
     */
    engine?: AuroraEngine;
    /**
     * Engine version, `<major>.<minor>`.
     * @default `{ "aurora-postgresql": "16.6", "aurora-mysql": "8.0.mysql_aurora.3.08.0" }`
     * (`globalDatabaseDefaults.engineVersions`), by `engine`
     */
    engineVersion?: string;
    /**
     * Instance class of every instance: a memory-optimized class or `db.serverless`.
     * @default `"db.r6g.large"` (`globalDatabaseDefaults.instanceClass`)
     */
    instanceClass?: string;
    /**
     * Instances of the primary cluster, 1..16: the writer and readers, spread over the AZs.
     * @default `2` (`globalDatabaseDefaults.primaryInstances`)
     */
    primaryInstances?: number;
    /** The primary cluster's network. Required. */
    primaryNetwork: DatabaseNetwork;
    /**
     * The recovery region: it gets a secondary cluster replicated from the primary.
     * @default none: no replica
     */
    secondaryRegion?: string;
    /**
     * The secondary cluster's network. Required with `secondaryRegion`.
     * @default none
     */
    secondaryNetwork?: DatabaseNetwork;
    /**
     * Instances of the secondary cluster, 0..16. 0 is a headless secondary (pilot light): storage is replicated, no
     * compute is paid for, and a failover must first add an instance.
     * @default `0` (`globalDatabaseDefaults.secondaryInstances`)
     */
    secondaryInstances?: number;
    /**
     * Aurora PostgreSQL only: `rds.global_db_rpo` in seconds, 20..2147483647, set on the primary's cluster parameter
     * group. AWS then blocks commits on the primary while every secondary lags more than this, so it is an upper
     * bound on RPO bought with write availability
     * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html#aurora-global-database-manage-recovery).
     * @default none: no bound, the RPO is the replication lag
     */
    rpoBoundSeconds?: number;
    /**
     * Global write forwarding on the secondary: it forwards writes to the primary, so both regions accept writes
     * though only one stores them (Aurora PostgreSQL 14.9+, 15.4+, 16+).
     * @default false
     */
    writeForwarding?: boolean;
    /**
     * Database created in the cluster.
     * @default `"app"` (`globalDatabaseDefaults.databaseName`)
     */
    databaseName?: string;
    /**
     * Master user.
     * @default `"dbadmin"` (`globalDatabaseDefaults.masterUsername`)
     */
    masterUsername?: string;
    /**
     * Days of automated backups (PITR), 1..35.
     * @default `7` (`globalDatabaseDefaults.backupRetentionDays`)
     */
    backupRetentionDays?: number;
    /**
     * Region of the global cluster and primary cluster (v7 per-resource `region`).
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Protect the clusters, keys and secret, retain them on delete, and take a final snapshot.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource (and the snapshots).
     * @default none
     */
    tags?: Tags;
}

export const globalDatabaseDefaults = {
    engine: "aurora-postgresql",
    engineVersions: { "aurora-postgresql": "16.6", "aurora-mysql": "8.0.mysql_aurora.3.08.0" },
    instanceClass: "db.r6g.large",
    primaryInstances: 2,
    secondaryInstances: 0,
    databaseName: "app",
    masterUsername: "dbadmin",
    backupRetentionDays: 7,
    ports: { "aurora-postgresql": 5432, "aurora-mysql": 3306 },
} as const;

/** `rds.global_db_rpo`'s valid range in seconds (link in GlobalDatabaseArgs.rpoBoundSeconds). */
export const GLOBAL_DB_RPO_RANGE = { min: 20, max: 2147483647 } as const;

/**
 * Instance classes this library accepts: the memory-optimized families and Aurora Serverless v2.
 * Burstable classes (db.t*) are left out: they are meant for development, not a database a
 * failover depends on.
 */
export const INSTANCE_CLASS = /^db\.((r5|r6g|r6gd|r6i|r6id|r7g|r7i|r8g|x2g)\.(large|\d*xlarge)|serverless)$/;
