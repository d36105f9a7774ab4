import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { serviceKey } from "../shared/kms";
import { namerFor, stackRegion } from "../shared/stack";
import { statefulOptions } from "../shared/tags";
import { globalTableDefaults, GlobalTableArgs } from "./args";
import { validateGlobalTableArgs } from "./validate";

export const GLOBAL_TABLE_TYPE = "pulumi-aws-dr:table:GlobalTable";

/** DynamoDB table names: 3..255 letters, digits, `_`, `-` and `.`. */
const TABLE_NAME_LIMIT = 255;

/**
 * A DynamoDB global table (version 2019.11.21): a table in the primary region and a replica in each
 * recovery region, each encrypted with its own region's customer managed key, with point-in-time
 * recovery and deletion protection everywhere, on-demand by default.
 */
export class GlobalTable extends pulumi.ComponentResource {
    /** The table's name: the same in every region. */
    public readonly tableName: pulumi.Output<string>;
    public readonly tableArn: pulumi.Output<string>;
    /** The table's ARN in each region, primary and replicas. */
    public readonly tableArns: Record<string, pulumi.Output<string>>;
    /** Each region's key. */
    public readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
    /** The primary table's region. */
    public readonly region: string;

    constructor(name: string, args: GlobalTableArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = validateGlobalTableArgs(args, stackRegion());
        if (problems.length > 0) throw new InvalidInputError(componentSubject("GlobalTable", name), problems);
        super(GLOBAL_TABLE_TYPE, name, {}, opts);

        const region = args.region ?? stackRegion() ?? "us-east-1";
        this.region = region;
        const replicaRegions = args.replicaRegions ?? [];
        const keys = Object.fromEntries(
            [region, ...replicaRegions].map((r) => {
                const key = serviceKey(
                    r === region ? `${name}-key` : `${name}-${r}-key`,
                    {
                        region: r === region ? args.region : r,
                        actualRegion: r,
                        service: "dynamodb",
                        description: `Encrypts the items of table ${name} in ${r}`,
                        tags: args.tags,
                        protect: args.protectStatefulResources,
                    },
                    this,
                );
                return [r, key.arn] as const;
            }),
        );
        this.kmsKeyArns = keys;

        const pitr = args.pointInTimeRecovery ?? globalTableDefaults.pointInTimeRecovery;
        const deletionProtection = args.deletionProtection ?? globalTableDefaults.deletionProtection;
        const strong = (args.consistency ?? globalTableDefaults.consistency) === "strong";
        const billingMode = args.billingMode ?? globalTableDefaults.billingMode;
        const keyAttributes = [args.partitionKey, ...(args.sortKey ? [args.sortKey] : [])];
        const table = new aws.dynamodb.Table(
            name,
            {
                region: args.region,
                name: namerFor(name)("table", TABLE_NAME_LIMIT),
                billingMode,
                readCapacity: args.capacity?.read,
                writeCapacity: args.capacity?.write,
                hashKey: args.partitionKey.name,
                rangeKey: args.sortKey?.name,
                attributes: keyAttributes.map(({ name: attribute, type }) => ({ name: attribute, type })),
                serverSideEncryption: { enabled: true, kmsKeyArn: keys[region] },
                pointInTimeRecovery: { enabled: pitr },
                deletionProtectionEnabled: deletionProtection,
                // Replicas are fed from the table's stream; AWS requires new and old images for them.
                ...(replicaRegions.length > 0 ? { streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES" } : {}),
                replicas: replicaRegions.map((r) => ({
                    regionName: r,
                    kmsKeyArn: keys[r],
                    pointInTimeRecovery: pitr,
                    deletionProtectionEnabled: deletionProtection,
                    propagateTags: true,
                    consistencyMode: strong ? "STRONG" : "EVENTUAL",
                })),
                globalTableWitness: args.witnessRegion ? { regionName: args.witnessRegion } : undefined,
                tags: args.tags,
            },
            { parent: this, ...statefulOptions(args.protectStatefulResources) },
        );

        this.tableName = table.name;
        this.tableArn = table.arn;
        const replicaArn = (r: string) =>
            table.replicas.apply((replicas) => replicas?.find((x) => x.regionName === r)?.arn ?? "");
        this.tableArns = { [region]: table.arn, ...Object.fromEntries(replicaRegions.map((r) => [r, replicaArn(r)])) };
        this.registerOutputs({
            tableName: this.tableName,
            tableArn: this.tableArn,
            tableArns: this.tableArns,
            kmsKeyArns: this.kmsKeyArns,
        });
    }
}
