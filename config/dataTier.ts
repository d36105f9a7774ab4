/**
 * The data tier of the per-stack program: the stores the `data` section declares, shaped by the
 * strategy (config/data.ts), and what each region's fleets need to use them: where they are (an
 * environment file written by the launch template), the IAM permissions, and the way out to them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GlobalDatabase, GlobalTable, ReplicatedBucket, globalDatabaseDefaults } from "../components";
import type { PromotedDatabase } from "../components";
import type { StackContext } from "./compose";
import { bucketArgs, DatabaseNetworks, databaseArgs, tableArgs } from "./data";

/** The database user fleets connect as, with IAM authentication; create it once with `GRANT rds_iam TO app`. */
export const FLEET_DB_USER = "app";

/** What a region's fleets get from the data tier. */
export interface DataAccess {
    readonly environment: Record<string, pulumi.Input<string>>;
    readonly policyStatements: pulumi.Input<Record<string, unknown>>[];
    readonly egressSecurityGroups: { securityGroupId: pulumi.Input<string>; port: number; description: string }[];
    readonly needsDynamoDb: boolean;
}

export interface DataTier {
    accessFor(region: string): DataAccess;
    /** The Aurora global databases with a cluster in `region`, as the failover automation promotes them. */
    promotable(region: string): PromotedDatabase[];
    /** Stack outputs: where each store is, by region. */
    readonly outputs: Record<string, unknown>;
}

/** `orders-db` -> `ORDERS_DB`: a store's key as an environment variable name. */
const envName = (key: string) => key.toUpperCase().replace(/-/g, "_");

export function dataTier(ctx: StackContext, networks: DatabaseNetworks): DataTier {
    const data = ctx.config.data;
    const buckets = Object.keys(data.buckets).map((key) => ({
        key,
        store: new ReplicatedBucket(`data-${key}`, bucketArgs(ctx, key)),
    }));
    const tables = Object.keys(data.tables).map((key) => ({
        key,
        store: new GlobalTable(`data-${key}`, tableArgs(ctx, key)),
    }));
    const databases = Object.keys(data.databases).map((key) => ({
        key,
        store: new GlobalDatabase(`data-${key}`, databaseArgs(ctx, key, networks)),
    }));
    const identity =
        buckets.length + tables.length + databases.length > 0 ? aws.getCallerIdentityOutput({}) : undefined;
    const partition = identity ? aws.getPartitionOutput({}).partition : undefined;

    return {
        promotable(region) {
            return databases
                .filter(({ store }) => store.clusterArns[region] !== undefined && store.region !== region)
                .map(({ key, store }) => {
                    const db = data.databases[key];
                    const args = databaseArgs(ctx, key, {});
                    return {
                        key,
                        globalClusterId: store.globalClusterId,
                        secondaryClusterArn: store.clusterArns[region],
                        // A cluster ARN ends in `:cluster:<identifier>`.
                        secondaryClusterId: store.clusterArns[region].apply((arn) => arn.split(":").pop()!),
                        ...(args.secondaryInstances === 0
                            ? {
                                  headless: {
                                      instanceClass: db.instanceClass ?? globalDatabaseDefaults.instanceClass,
                                      engine: db.engine ?? globalDatabaseDefaults.engine,
                                  },
                              }
                            : {}),
                    };
                });
        },
        accessFor(region) {
            const environment: Record<string, pulumi.Input<string>> = {};
            const policyStatements: pulumi.Input<Record<string, unknown>>[] = [];
            const egressSecurityGroups: DataAccess["egressSecurityGroups"] = [];
            for (const { key, store } of buckets) {
                const arn = store.bucketArns[region];
                if (!arn) continue;
                environment[`BUCKET_${envName(key)}`] = store.bucketNames[region];
                policyStatements.push(
                    { Sid: `Bucket${envName(key)}List`, Effect: "Allow", Action: "s3:ListBucket", Resource: arn },
                    {
                        Sid: `Bucket${envName(key)}Objects`,
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                        Resource: pulumi.interpolate`${arn}/*`,
                    },
                    {
                        Sid: `Bucket${envName(key)}Key`,
                        Effect: "Allow",
                        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                        Resource: store.kmsKeyArns[region],
                    },
                );
            }
            for (const { key, store } of tables) {
                const arn = store.tableArns[region];
                if (!arn) continue;
                environment[`TABLE_${envName(key)}`] = store.tableName;
                policyStatements.push(
                    {
                        Sid: `Table${envName(key)}Items`,
                        Effect: "Allow",
                        Action: [
                            "dynamodb:GetItem",
                            "dynamodb:PutItem",
                            "dynamodb:UpdateItem",
                            "dynamodb:DeleteItem",
                            "dynamodb:Query",
                            "dynamodb:BatchGetItem",
                            "dynamodb:BatchWriteItem",
                            "dynamodb:ConditionCheckItem",
                        ],
                        Resource: [arn, pulumi.interpolate`${arn}/index/*`],
                    },
                    {
                        Sid: `Table${envName(key)}Key`,
                        Effect: "Allow",
                        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
                        Resource: store.kmsKeyArns[region],
                    },
                );
            }
            for (const { key, store } of databases) {
                const resourceId = store.clusterResourceIds[region];
                if (!resourceId) continue;
                const name = envName(key);
                Object.assign(environment, {
                    [`DB_${name}_WRITER`]: store.writerEndpoint,
                    [`DB_${name}_READER`]: store.readerEndpoints[region],
                    [`DB_${name}_PORT`]: String(store.port),
                    [`DB_${name}_USER`]: FLEET_DB_USER,
                    // The ARN, not the value: only an administrator's runbook reads the master secret.
                    [`DB_${name}_MASTER_SECRET_ARN`]: store.secretArns[region],
                });
                policyStatements.push({
                    Sid: `Database${name}Connect`,
                    Effect: "Allow",
                    Action: "rds-db:connect",
                    Resource: pulumi.interpolate`arn:${partition!}:rds-db:${region}:${identity!.accountId}:dbuser:${resourceId}/${FLEET_DB_USER}`,
                });
                egressSecurityGroups.push({
                    securityGroupId: store.securityGroupIds[region],
                    port: store.port,
                    description: `Database ${key}`,
                });
            }
            return { environment, policyStatements, egressSecurityGroups, needsDynamoDb: tables.length > 0 };
        },
        outputs: {
            ...(buckets.length > 0
                ? { dataBuckets: Object.fromEntries(buckets.map(({ key, store }) => [key, store.bucketNames])) }
                : {}),
            ...(tables.length > 0
                ? { dataTables: Object.fromEntries(tables.map(({ key, store }) => [key, store.tableName])) }
                : {}),
            ...(databases.length > 0
                ? {
                      databases: Object.fromEntries(
                          databases.map(({ key, store }) => [
                              key,
                              {
                                  globalClusterId: store.globalClusterId,
                                  writerEndpoint: store.writerEndpoint,
                                  readerEndpoints: store.readerEndpoints,
                              },
                          ]),
                      ),
                  }
                : {}),
        },
    };
}
