import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { serviceKey } from "../shared/kms";
import { nameLimits, namePrefixOf } from "../shared/naming";
import { namerFor, stackRegion } from "../shared/stack";
import { named, statefulOptions } from "../shared/tags";
import { DatabaseNetwork, globalDatabaseDefaults, GlobalDatabaseArgs } from "./args";
import { validateGlobalDatabaseArgs } from "./validate";

export const GLOBAL_DATABASE_TYPE = "pulumi-aws-dr:database:GlobalDatabase";

/** RDS identifiers: 1..63 letters, digits and hyphens. */
const IDENTIFIER_LIMIT = 63;

/** One region's cluster and what it needs there. */
interface RegionalCluster {
    readonly cluster: aws.rds.Cluster;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly keyArn: pulumi.Output<string>;
}

/**
 * An Aurora global database: a global cluster, the primary cluster in the primary region and, when a
 * recovery region is given, a secondary cluster there (headless, or with readers). Each cluster is
 * encrypted with its region's customer managed key, refuses plain connections, takes IAM
 * authentication, sits in private subnets behind a security group that admits only the clients'
 * groups on the DB port, and has deletion protection. The master password never enters Pulumi state:
 * Secrets Manager generates it, and it is written (write-only) to the cluster and to a secret
 * replicated to the recovery region. AWS does not let an Aurora global database's clusters manage
 * their password in Secrets Manager themselves
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html).
 */
export class GlobalDatabase extends pulumi.ComponentResource {
    public readonly globalClusterId: pulumi.Output<string>;
    /** The global writer endpoint: it follows the primary through a switchover or failover. */
    public readonly writerEndpoint: pulumi.Output<string>;
    /** Each cluster's own endpoints and ARN, by region. */
    public readonly clusterEndpoints: Record<string, pulumi.Output<string>>;
    public readonly readerEndpoints: Record<string, pulumi.Output<string>>;
    public readonly clusterArns: Record<string, pulumi.Output<string>>;
    /** Each cluster's resource id, by region: IAM database authentication grants `rds-db:connect` on it. */
    public readonly clusterResourceIds: Record<string, pulumi.Output<string>>;
    /** The security group of each region's cluster. */
    public readonly securityGroupIds: Record<string, pulumi.Output<string>>;
    /** The master user's secret, by region (the primary's and its replica). */
    public readonly secretArns: Record<string, pulumi.Output<string>>;
    /** Each region's storage key. */
    public readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
    public readonly port: number;
    public readonly region: string;

    constructor(name: string, args: GlobalDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = validateGlobalDatabaseArgs(args, stackRegion());
        if (problems.length > 0) throw new InvalidInputError(componentSubject("GlobalDatabase", name), problems);
        super(GLOBAL_DATABASE_TYPE, name, {}, opts);

        const region = args.region ?? stackRegion() ?? "us-east-1";
        this.region = region;
        const engine = args.engine ?? globalDatabaseDefaults.engine;
        const engineVersion = args.engineVersion ?? globalDatabaseDefaults.engineVersions[engine];
        this.port = globalDatabaseDefaults.ports[engine];
        const nameOf = namerFor(name);
        const child = { parent: this };
        const stateful = { ...child, ...statefulOptions(args.protectStatefulResources) };

        const global = new aws.rds.GlobalCluster(
            name,
            {
                region: args.region,
                globalClusterIdentifier: nameOf("global", IDENTIFIER_LIMIT),
                engine,
                engineVersion,
                databaseName: args.databaseName ?? globalDatabaseDefaults.databaseName,
                storageEncrypted: true,
                deletionProtection: true,
            },
            stateful,
        );
        this.globalClusterId = global.id;
        this.writerEndpoint = global.endpoint;

        const secret = this.masterSecret(name, args, region);
        const primary = this.cluster(name, args, {
            region: args.region,
            actualRegion: region,
            role: "",
            global,
            network: args.primaryNetwork,
            instances: args.primaryInstances ?? globalDatabaseDefaults.primaryInstances,
            primary: true,
            engineVersion,
            password: secret.password,
        });
        const clusters: Record<string, RegionalCluster> = { [region]: primary };
        if (args.secondaryRegion) {
            clusters[args.secondaryRegion] = this.cluster(name, args, {
                region: args.secondaryRegion,
                actualRegion: args.secondaryRegion,
                role: `-${args.secondaryRegion}`,
                global,
                network: args.secondaryNetwork!,
                instances: args.secondaryInstances ?? globalDatabaseDefaults.secondaryInstances,
                primary: false,
                engineVersion,
                // A secondary can join only once the primary has its writer.
                dependsOn: [primary.cluster],
            });
        }
        const each = <T>(pick: (c: RegionalCluster) => T) =>
            Object.fromEntries(Object.entries(clusters).map(([r, c]) => [r, pick(c)]));
        this.clusterEndpoints = each((c) => c.cluster.endpoint);
        this.readerEndpoints = each((c) => c.cluster.readerEndpoint);
        this.clusterArns = each((c) => c.cluster.arn);
        this.clusterResourceIds = each((c) => c.cluster.clusterResourceId);
        this.securityGroupIds = each((c) => c.securityGroup.id);
        this.kmsKeyArns = each((c) => c.keyArn);
        this.secretArns = secret.arns;
        this.registerOutputs({
            globalClusterId: this.globalClusterId,
            writerEndpoint: this.writerEndpoint,
            clusterEndpoints: this.clusterEndpoints,
            readerEndpoints: this.readerEndpoints,
            clusterArns: this.clusterArns,
            clusterResourceIds: this.clusterResourceIds,
            securityGroupIds: this.securityGroupIds,
            secretArns: this.secretArns,
            kmsKeyArns: this.kmsKeyArns,
        });
    }

    /**
     * The master user's secret, encrypted with its own key and replicated to the recovery region, and
     * the password it holds: generated by Secrets Manager and passed write-only, so neither the state
     * nor a preview ever holds it. Bump the `...WoVersion`s to rotate it.
     */
    private masterSecret(
        name: string,
        args: GlobalDatabaseArgs,
        region: string,
    ): { arns: Record<string, pulumi.Output<string>>; password: pulumi.Output<string> } {
        const child = { parent: this };
        const keyFor = (r: string, input: string | undefined) =>
            serviceKey(
                `${name}${r === region ? "" : `-${r}`}-secret-key`,
                {
                    region: input,
                    actualRegion: r,
                    service: "secretsmanager",
                    description: `Encrypts the master user secret of database ${name} in ${r}`,
                    tags: args.tags,
                    protect: args.protectStatefulResources,
                },
                this,
            );
        const key = keyFor(region, args.region);
        const replicaKey = args.secondaryRegion ? keyFor(args.secondaryRegion, args.secondaryRegion) : undefined;
        const secret = new aws.secretsmanager.Secret(
            `${name}-master`,
            {
                region: args.region,
                name: namerFor(name)("master", 512),
                description: `Master user of Aurora global database ${name}`,
                kmsKeyId: key.arn,
                replicas: args.secondaryRegion ? [{ region: args.secondaryRegion, kmsKeyId: replicaKey!.arn }] : [],
                tags: args.tags,
            },
            { ...child, ...statefulOptions(args.protectStatefulResources) },
        );
        const password = pulumi.secret(
            aws.secretsmanager.getRandomPasswordOutput(
                { region: args.region, passwordLength: 40, excludePunctuation: true },
                child,
            ).randomPassword,
        );
        new aws.secretsmanager.SecretVersion(
            `${name}-master`,
            {
                region: args.region,
                secretId: secret.id,
                secretStringWo: pulumi.jsonStringify({
                    username: args.masterUsername ?? globalDatabaseDefaults.masterUsername,
                    password,
                }),
                secretStringWoVersion: 1,
            },
            child,
        );
        const arns: Record<string, pulumi.Output<string>> = { [region]: secret.arn };
        if (args.secondaryRegion) {
            // A replica secret has the primary's ARN with the replica's region.
            arns[args.secondaryRegion] = secret.arn.apply((arn) =>
                arn.replace(`:${region}:`, `:${args.secondaryRegion}:`),
            );
        }
        return { arns, password };
    }

    private cluster(
        name: string,
        args: GlobalDatabaseArgs,
        where: {
            region: string | undefined;
            actualRegion: string;
            role: string;
            global: aws.rds.GlobalCluster;
            network: DatabaseNetwork;
            instances: number;
            primary: boolean;
            engineVersion: string;
            password?: pulumi.Output<string>;
            dependsOn?: pulumi.Resource[];
        },
    ): RegionalCluster {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: where.region };
        const logical = `${name}${where.role}`;
        const role = where.role ? where.actualRegion : "primary";
        const engine = args.engine ?? globalDatabaseDefaults.engine;
        const key = serviceKey(
            `${logical}-key`,
            {
                ...regional,
                actualRegion: where.actualRegion,
                service: "rds",
                description: `Encrypts the storage of database ${name} in ${where.actualRegion}`,
                tags: args.tags,
                protect: args.protectStatefulResources,
            },
            this,
        );

        const subnets = new aws.rds.SubnetGroup(
            logical,
            {
                ...regional,
                name: nameOf(`${role}-subnets`, 255),
                description: `Private subnets of database ${name} in ${where.actualRegion}`,
                subnetIds: where.network.subnetIds,
                tags: args.tags,
            },
            child,
        );
        const sg = new aws.ec2.SecurityGroup(
            logical,
            {
                ...regional,
                // The port in the description replaces the group: a prefix keeps the replacement from colliding.
                namePrefix: namePrefixOf(nameOf, `${role}-db`, nameLimits.securityGroup),
                description: `Database ${name}: the client groups on port ${this.port} only`,
                vpcId: where.network.vpcId,
                tags: named(args.tags, nameOf(`${role}-db`, 255)),
            },
            child,
        );
        where.network.clientSecurityGroupIds.forEach((client, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                `${logical}-client-${i}`,
                {
                    ...regional,
                    securityGroupId: sg.id,
                    referencedSecurityGroupId: client,
                    ipProtocol: "tcp",
                    fromPort: this.port,
                    toPort: this.port,
                    description: "A client fleet",
                    tags: args.tags,
                },
                child,
            );
        });

        // TLS only, and on the primary the RPO bound; a secondary keeps the default, as AWS advises for
        // two regions: after a failover, a bound with no secondary left would block every commit.
        const major = engine === "aurora-postgresql" ? where.engineVersion.split(".")[0] : "8.0";
        const parameters = [
            engine === "aurora-postgresql"
                ? { name: "rds.force_ssl", value: "1" }
                : { name: "require_secure_transport", value: "ON" },
            ...(where.primary && args.rpoBoundSeconds !== undefined
                ? [{ name: "rds.global_db_rpo", value: String(args.rpoBoundSeconds), applyMethod: "immediate" }]
                : []),
        ];
        const parameterGroup = new aws.rds.ClusterParameterGroup(
            logical,
            {
                ...regional,
                name: nameOf(`${role}-params`, 255),
                family: engine === "aurora-postgresql" ? `aurora-postgresql${major}` : "aurora-mysql8.0",
                description: `Database ${name} in ${where.actualRegion}`,
                parameters,
                tags: args.tags,
            },
            child,
        );

        const protect = args.protectStatefulResources ?? false;
        const cluster = new aws.rds.Cluster(
            logical,
            {
                ...regional,
                clusterIdentifier: nameOf(role, IDENTIFIER_LIMIT),
                globalClusterIdentifier: where.global.id,
                engine,
                engineVersion: where.engineVersion,
                ...(where.primary
                    ? {
                          databaseName: args.databaseName ?? globalDatabaseDefaults.databaseName,
                          masterUsername: args.masterUsername ?? globalDatabaseDefaults.masterUsername,
                          masterPasswordWo: where.password,
                          masterPasswordWoVersion: 1,
                      }
                    : { enableGlobalWriteForwarding: args.writeForwarding ?? false }),
                storageEncrypted: true,
                kmsKeyId: key.arn,
                deletionProtection: true,
                iamDatabaseAuthenticationEnabled: true,
                dbSubnetGroupName: subnets.name,
                vpcSecurityGroupIds: [sg.id],
                dbClusterParameterGroupName: parameterGroup.name,
                backupRetentionPeriod: args.backupRetentionDays ?? globalDatabaseDefaults.backupRetentionDays,
                copyTagsToSnapshot: true,
                enabledCloudwatchLogsExports: [engine === "aurora-postgresql" ? "postgresql" : "error"],
                skipFinalSnapshot: !protect,
                finalSnapshotIdentifier: protect ? nameOf(`${role}-final`, IDENTIFIER_LIMIT) : undefined,
                tags: args.tags,
            },
            {
                ...child,
                ...statefulOptions(args.protectStatefulResources),
                dependsOn: where.dependsOn,
                // A failover makes the secondary the source; a later `pulumi up` must not undo it.
                ignoreChanges: ["replicationSourceIdentifier", "globalClusterIdentifier"],
            },
        );

        for (let i = 0; i < where.instances; i++) {
            new aws.rds.ClusterInstance(
                `${logical}-${i}`,
                {
                    ...regional,
                    identifier: nameOf(`${role}-${i}`, IDENTIFIER_LIMIT),
                    clusterIdentifier: cluster.id,
                    engine,
                    engineVersion: where.engineVersion,
                    instanceClass: args.instanceClass ?? globalDatabaseDefaults.instanceClass,
                    availabilityZone: where.network.availabilityZones
                        ? pulumi.output(where.network.availabilityZones).apply((azs) => azs[i % azs.length])
                        : undefined,
                    publiclyAccessible: false,
                    autoMinorVersionUpgrade: true,
                    tags: args.tags,
                },
                child,
            );
        }
        return { cluster, securityGroup: sg, keyArn: key.arn };
    }
}
