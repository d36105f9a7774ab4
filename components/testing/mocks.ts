import * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { regions } from "../shared/regions";
import { digest, digits, ec2Id, hexId, upperAlnum, uuid } from "./ids";
import { constraintViolations } from "./constraints";
import { renderPolicyDocument } from "./policyDocument";
import { AUDIT_RECORDED_RESOURCE_TYPES } from "../backup/audit";

/** The account the offline engine pretends to run in. */
export interface MockAccount {
    readonly accountId: string;
    readonly partition: string;
    /** The stack's `aws:region`: where a resource without a `region` input lives. */
    readonly defaultRegion: string;
    /** Hosted zones that `aws.route53.getZone` can find, by name (with or without the final dot). */
    readonly hostedZones?: Readonly<Record<string, { zoneId: string; privateZone?: boolean }>>;
    /** Outputs of other stacks, by `org/project/stack`, for `pulumi.StackReference`. */
    readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
    /**
     * Local Zones the account has opted into, by region (e.g. `us-east-1-bos-1a`). AWS lists them with
     * the region's AZs unless the request filters on `zone-type`; the mocks list them first, since AWS
     * promises no order.
     */
    readonly localZones?: Readonly<Record<string, readonly string[]>>;
    /**
     * Regions where the account already has a started AWS Config recorder (its own, Control Tower's) that
     * records what an AWS Backup audit framework needs. A recorder made there is refused, as AWS allows one.
     */
    readonly configRecorders?: readonly string[];
}

type State = Record<string, unknown>;

/** Inputs as AWS receives them: secrets unwrapped, values unknown at preview left out. */
function asSent(value: unknown): unknown {
    if (value === rpc.unknownValue) return undefined;
    if (Array.isArray(value)) return value.map(asSent);
    if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[rpc.specialSigKey] === rpc.specialSecretSig) return asSent(record.value);
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, asSent(v)]));
    }
    return value;
}

/** An error as a provider returns it: the SDK reads gRPC's `details`, not `message`. */
export function providerError(message: string): Error {
    return Object.assign(new Error(message), { details: message });
}

interface Context {
    readonly account: MockAccount;
    readonly region: string;
    /** Stable seed: the resource's URN-like identity. */
    readonly seed: string;
    readonly name: string;
    readonly inputs: State;
}

const arn = (c: Context, service: string, resource: string, opts: { global?: boolean; noAccount?: boolean } = {}) =>
    `arn:${c.account.partition}:${service}:${opts.global ? "" : c.region}:${opts.noAccount ? "" : c.account.accountId}:${resource}`;

const str = (v: unknown, fallback: string): string => (typeof v === "string" && v.length > 0 ? v : fallback);

/**
 * Physical name the provider would use: the `name` input, else `namePrefix` and the provider's
 * 26-character unique suffix, else Pulumi's auto-name (logical name + 7 chars).
 */
const physical = (c: Context, key = "name") =>
    str(
        c.inputs[key],
        typeof c.inputs.namePrefix === "string"
            ? `${c.inputs.namePrefix}${digits(c.seed, 26)}`
            : `${c.name}-${hexId(c.seed, 7)}`,
    );

/** ELBv2 ARNs carry the load balancer's name and id; listeners and rules nest under it. */
function elbSuffix(lbArn: unknown): string {
    const m = typeof lbArn === "string" ? /:loadbalancer\/(app\/[^/]+\/[0-9a-f]+)$/.exec(lbArn) : null;
    return m ? m[1] : "app/unknown/0000000000000000";
}

/**
 * What each resource type adds to its inputs once AWS has created it. Only the attributes the
 * program reads are modelled, with AWS's formats. A type not listed gets a plain id and echoes its
 * inputs, which is what most AWS resources do for the attributes a program sets.
 */
const computed: Record<string, (c: Context) => { id: string; state: State }> = {
    "aws:ec2/vpc:Vpc": (c) => {
        const id = ec2Id("vpc", c.seed);
        return {
            id,
            state: {
                arn: arn(c, "ec2", `vpc/${id}`),
                ownerId: c.account.accountId,
                defaultSecurityGroupId: ec2Id("sg", `${c.seed}/default-sg`),
                mainRouteTableId: ec2Id("rtb", `${c.seed}/main-rtb`),
            },
        };
    },
    "aws:ec2/subnet:Subnet": (c) => {
        const id = ec2Id("subnet", c.seed);
        return { id, state: { arn: arn(c, "ec2", `subnet/${id}`), ownerId: c.account.accountId } };
    },
    "aws:ec2/internetGateway:InternetGateway": (c) => {
        const id = ec2Id("igw", c.seed);
        return { id, state: { arn: arn(c, "ec2", `internet-gateway/${id}`), ownerId: c.account.accountId } };
    },
    "aws:ec2/eip:Eip": (c) => {
        const id = ec2Id("eipalloc", c.seed);
        // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): AWS would hand out a routable address here.
        return {
            id,
            state: {
                allocationId: id,
                publicIp: `203.0.113.${(parseInt(hexId(c.seed, 2), 16) % 254) + 1}`,
                arn: arn(c, "ec2", `elastic-ip/${id}`),
            },
        };
    },
    "aws:ec2/natGateway:NatGateway": (c) => {
        const id = ec2Id("nat", c.seed);
        return { id, state: { arn: arn(c, "ec2", `natgateway/${id}`) } };
    },
    "aws:ec2/routeTable:RouteTable": (c) => {
        const id = ec2Id("rtb", c.seed);
        return { id, state: { arn: arn(c, "ec2", `route-table/${id}`), ownerId: c.account.accountId } };
    },
    "aws:ec2/route:Route": (c) => ({ id: `r-${str(c.inputs.routeTableId, "rtb")}${digits(c.seed, 10)}`, state: {} }),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": (c) => ({ id: ec2Id("rtbassoc", c.seed), state: {} }),
    "aws:ec2/vpcEndpoint:VpcEndpoint": (c) => {
        const id = ec2Id("vpce", c.seed);
        return { id, state: { arn: arn(c, "ec2", `vpc-endpoint/${id}`), prefixListId: `pl-${hexId(c.seed, 8)}` } };
    },
    "aws:ec2/flowLog:FlowLog": (c) => {
        const id = ec2Id("fl", c.seed);
        return { id, state: { arn: arn(c, "ec2", `vpc-flow-log/${id}`) } };
    },
    "aws:ec2/securityGroup:SecurityGroup": (c) => {
        const id = ec2Id("sg", c.seed);
        return { id, state: { arn: arn(c, "ec2", `security-group/${id}`), ownerId: c.account.accountId } };
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (c) => {
        // The VPC's own default group, which AWS made with the VPC; the resource adopts it.
        const id = ec2Id("sg", `${str(c.inputs.vpcId, c.seed)}/default-sg`);
        return {
            id,
            state: { arn: arn(c, "ec2", `security-group/${id}`), ownerId: c.account.accountId, name: "default" },
        };
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": (c) => {
        const id = ec2Id("sgr", c.seed);
        return { id, state: { arn: arn(c, "ec2", `security-group-rule/${id}`), securityGroupRuleId: id } };
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": (c) => {
        const id = ec2Id("sgr", c.seed);
        return { id, state: { arn: arn(c, "ec2", `security-group-rule/${id}`), securityGroupRuleId: id } };
    },
    "aws:ec2/launchTemplate:LaunchTemplate": (c) => {
        const id = ec2Id("lt", c.seed);
        return { id, state: { arn: arn(c, "ec2", `launch-template/${id}`), latestVersion: 1, defaultVersion: 1 } };
    },
    "aws:autoscaling/group:Group": (c) => {
        const name = physical(c);
        return {
            id: name,
            state: {
                name,
                arn: arn(c, "autoscaling", `autoScalingGroup:${uuid(c.seed)}:autoScalingGroupName/${name}`),
            },
        };
    },
    "aws:autoscaling/policy:Policy": (c) => {
        const name = physical(c);
        const group = str(c.inputs.autoscalingGroupName, "group");
        return {
            id: name,
            state: {
                name,
                arn: arn(
                    c,
                    "autoscaling",
                    `scalingPolicy:${uuid(c.seed)}:autoScalingGroupName/${group}:policyName/${name}`,
                ),
            },
        };
    },
    "aws:cloudwatch/logGroup:LogGroup": (c) => {
        const name = physical(c);
        // The provider's `arn` has no trailing `:*`, unlike DescribeLogGroups.
        return { id: name, state: { name, arn: arn(c, "logs", `log-group:${name}`) } };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": (c) => {
        const name = physical(c);
        return { id: name, state: { name, arn: arn(c, "cloudwatch", `alarm:${name}`) } };
    },
    "aws:kms/key:Key": (c) => {
        const keyId = uuid(c.seed);
        return { id: keyId, state: { keyId, arn: arn(c, "kms", `key/${keyId}`) } };
    },
    "aws:kms/alias:Alias": (c) => {
        const name = str(c.inputs.name, `alias/${c.name}`);
        return {
            id: name,
            state: {
                name,
                arn: arn(c, "kms", name),
                targetKeyArn: arn(c, "kms", `key/${str(c.inputs.targetKeyId, uuid(c.seed))}`),
            },
        };
    },
    "aws:iam/role:Role": (c) => {
        const name = physical(c);
        // IAM is global: its ARNs have no region.
        return {
            id: name,
            state: {
                name,
                arn: arn(c, "iam", `role${str(c.inputs.path, "/")}${name}`, { global: true }),
                uniqueId: `AROA${upperAlnum(c.seed, 17)}`,
            },
        };
    },
    "aws:iam/policy:Policy": (c) => {
        const name = physical(c);
        const policyArn = arn(c, "iam", `policy${str(c.inputs.path, "/")}${name}`, { global: true });
        return { id: policyArn, state: { name, arn: policyArn, policyId: `ANPA${upperAlnum(c.seed, 17)}` } };
    },
    "aws:iam/instanceProfile:InstanceProfile": (c) => {
        const name = physical(c);
        return {
            id: name,
            state: {
                name,
                arn: arn(c, "iam", `instance-profile${str(c.inputs.path, "/")}${name}`, { global: true }),
                uniqueId: `AIPA${upperAlnum(c.seed, 17)}`,
            },
        };
    },
    "aws:iam/rolePolicy:RolePolicy": (c) => ({ id: `${str(c.inputs.role, "role")}:${physical(c)}`, state: {} }),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (c) => ({
        id: `${str(c.inputs.role, "role")}-${digits(c.seed, 20)}`,
        state: {},
    }),
    "aws:lb/loadBalancer:LoadBalancer": (c) => {
        const name = physical(c);
        const suffix = `app/${name}/${hexId(c.seed, 16)}`;
        const dnsName = `${c.inputs.internal ? "internal-" : ""}${name}-${digits(c.seed, 10)}.${c.region}.elb.amazonaws.com`;
        // Differs from AWS: a region outside components/shared/regions.ts gets us-east-1's zone id. The
        // components refuse such regions before anything is created, so only hand-made tests reach this.
        const zoneId = regions[c.region]?.albHostedZoneId ?? "Z35SXDOTRQ7X7K";
        const lbArn = arn(c, "elasticloadbalancing", `loadbalancer/${suffix}`);
        return { id: lbArn, state: { name, arn: lbArn, arnSuffix: suffix, dnsName, zoneId } };
    },
    "aws:lb/targetGroup:TargetGroup": (c) => {
        const name = physical(c);
        const suffix = `targetgroup/${name}/${hexId(c.seed, 16)}`;
        const tgArn = arn(c, "elasticloadbalancing", suffix);
        return { id: tgArn, state: { name, arn: tgArn, arnSuffix: suffix } };
    },
    "aws:lb/listener:Listener": (c) => {
        const listenerArn = arn(
            c,
            "elasticloadbalancing",
            `listener/${elbSuffix(c.inputs.loadBalancerArn)}/${hexId(c.seed, 16)}`,
        );
        return { id: listenerArn, state: { arn: listenerArn } };
    },
    "aws:lb/listenerRule:ListenerRule": (c) => {
        const listener = str(c.inputs.listenerArn, "").replace(/^.*:listener\//, "");
        const ruleArn = arn(c, "elasticloadbalancing", `listener-rule/${listener}/${hexId(c.seed, 16)}`);
        return { id: ruleArn, state: { arn: ruleArn } };
    },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": (c) => ({
        id: `${str(c.inputs.targetGroupArn, "tg")}-${digits(c.seed, 20)}`,
        state: {},
    }),
    "aws:s3/bucket:Bucket": (c) => {
        const bucket = physical(c, "bucket");
        return {
            id: bucket,
            state: {
                bucket,
                arn: arn(c, "s3", bucket, { global: true, noAccount: true }),
                bucketDomainName: `${bucket}.s3.amazonaws.com`,
                bucketRegionalDomainName: `${bucket}.s3.${c.region}.amazonaws.com`,
                region: c.region,
            },
        };
    },
    "aws:sns/topic:Topic": (c) => {
        const topicArn = arn(c, "sns", physical(c));
        return { id: topicArn, state: { arn: topicArn, name: physical(c) } };
    },
    "aws:route53/zone:Zone": (c) => {
        const zoneId = `Z${upperAlnum(c.seed, 20)}`;
        const ns = [0, 1, 2, 3].map(
            (i) =>
                `ns-${parseInt(hexId(`${c.seed}${i}`, 3), 16) % 2048}.awsdns-${String(i * 13 + 1).padStart(2, "0")}.${["com", "net", "org", "co.uk"][i]}`,
        );
        return {
            id: zoneId,
            state: {
                zoneId,
                arn: arn(c, "route53", `hostedzone/${zoneId}`, { global: true, noAccount: true }),
                nameServers: ns,
            },
        };
    },
    "aws:route53/healthCheck:HealthCheck": (c) => {
        const id = uuid(c.seed);
        return { id, state: { arn: arn(c, "route53", `healthcheck/${id}`, { global: true, noAccount: true }) } };
    },
    "aws:route53/record:Record": (c) => {
        const name = str(c.inputs.name, c.name).replace(/\.$/, "");
        const parts = [str(c.inputs.zoneId, "Z"), name, str(c.inputs.type, "A")];
        if (typeof c.inputs.setIdentifier === "string") parts.push(c.inputs.setIdentifier);
        return { id: parts.join("_"), state: { fqdn: name } };
    },
    "aws:acm/certificate:Certificate": (c) => {
        const domain = str(c.inputs.domainName, "example.com");
        const names = [domain, ...((c.inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
        return {
            id: arn(c, "acm", `certificate/${uuid(c.seed)}`),
            state: {
                arn: arn(c, "acm", `certificate/${uuid(c.seed)}`),
                status: "PENDING_VALIDATION",
                // ACM derives the validation CNAME from the account and the domain name, not the region,
                // which is why certificates for one name in several regions share one validation record.
                // `*.x` and `x` also share one record, so the digest is over the name without `*.`.
                domainValidationOptions: names
                    .map((d) => ({ d, base: d.replace(/^\*\./, "") }))
                    .map(({ d, base }) => ({
                        domainName: d,
                        resourceRecordName: `_${digest(`${c.account.accountId}/${base}`).slice(0, 32)}.${base}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: `_${digest(`${c.account.accountId}/${base}/value`).slice(0, 32)}.${digest(base).slice(0, 10)}.acm-validations.aws.`,
                    })),
            },
        };
    },
    "aws:cloudfront/distribution:Distribution": (c) => {
        // Distribution ids are 13-14 upper-case letters and digits starting with E; ARNs have no region.
        const id = `E${upperAlnum(c.seed, 13)}`;
        return {
            id,
            state: {
                arn: arn(c, "cloudfront", `distribution/${id}`, { global: true }),
                domainName: `d${upperAlnum(`${c.seed}/domain`, 13).toLowerCase()}.cloudfront.net`,
                // CloudFront's one alias hosted zone (Route 53 API reference, AliasTarget).
                hostedZoneId: "Z2FDTNDATAQYW2",
                status: "Deployed",
                etag: `E${upperAlnum(`${c.seed}/etag`, 13)}`,
            },
        };
    },
    "aws:cloudfront/monitoringSubscription:MonitoringSubscription": (c) => ({
        id: str(c.inputs.distributionId, uuid(c.seed)),
        state: {},
    }),
    "aws:wafv2/webAcl:WebAcl": (c) => {
        const id = uuid(c.seed);
        const name = physical(c);
        // CLOUDFRONT web ACLs are global: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>.
        const scope = c.inputs.scope === "CLOUDFRONT" ? "global" : "regional";
        return {
            id,
            state: {
                name,
                arn: arn(c, "wafv2", `${scope}/webacl/${name}/${id}`),
                capacity: 0,
                lockToken: uuid(`${c.seed}/lock`),
            },
        };
    },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": (c) => ({
        id: str(c.inputs.resourceArn, uuid(c.seed)),
        state: {},
    }),
    "aws:wafv2/webAclAssociation:WebAclAssociation": (c) => ({
        id: `${str(c.inputs.webAclArn, "acl")},${str(c.inputs.resourceArn, "res")}`,
        state: {},
    }),
    "aws:fis/experimentTemplate:ExperimentTemplate": (c) => {
        const id = `EXT${upperAlnum(c.seed, 14)}`;
        return { id, state: { arn: arn(c, "fis", `experiment-template/${id}`) } };
    },
    "aws:acm/certificateValidation:CertificateValidation": (c) => ({
        id: str(c.inputs.certificateArn, uuid(c.seed)),
        state: {},
    }),
    "aws:backup/vault:Vault": (c) => {
        const name = physical(c);
        return { id: name, state: { name, arn: arn(c, "backup", `backup-vault:${name}`), recoveryPoints: 0 } };
    },
    "aws:backup/plan:Plan": (c) => {
        const id = uuid(c.seed);
        return { id, state: { arn: arn(c, "backup", `backup-plan:${id}`), version: hexId(`${c.seed}/version`, 32) } };
    },
    "aws:backup/selection:Selection": (c) => ({ id: hexId(c.seed, 36), state: {} }),
    "aws:backup/framework:Framework": (c) => {
        const name = physical(c);
        return {
            id: name,
            state: {
                arn: arn(c, "backup", `framework:${name}-${uuid(c.seed)}`),
                deploymentStatus: "COMPLETED",
                status: "ACTIVE",
            },
        };
    },
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": (c) => {
        const name = physical(c);
        return { id: name, state: { arn: arn(c, "backup", `restore-testing-plan:${name}-${hexId(c.seed, 12)}`) } };
    },
    "aws:dynamodb/table:Table": (c) => {
        const name = physical(c);
        const replicas = Array.isArray(c.inputs.replicas) ? (c.inputs.replicas as State[]) : [];
        // AWS refuses these, and so does this: replicas are fed from the table's stream; a witness
        // serves exactly one STRONG replica (DynamoDB Developer Guide, global tables and MRSC).
        if (
            replicas.length > 0 &&
            (c.inputs.streamEnabled !== true || c.inputs.streamViewType !== "NEW_AND_OLD_IMAGES")
        ) {
            throw providerError(
                `creating DynamoDB Table (${name}): ValidationException: replicas need a stream with NEW_AND_OLD_IMAGES`,
            );
        }
        if (c.inputs.globalTableWitness && (replicas.length !== 1 || replicas[0].consistencyMode !== "STRONG")) {
            throw providerError(
                `creating DynamoDB Table (${name}): ValidationException: a witness needs exactly one replica with STRONG consistency`,
            );
        }
        const tableArn = (region: string) =>
            `arn:${c.account.partition}:dynamodb:${region}:${c.account.accountId}:table/${name}`;
        const label = "2026-01-01T00:00:00.000";
        return {
            id: name,
            state: {
                name,
                arn: tableArn(c.region),
                ...(c.inputs.streamEnabled
                    ? { streamArn: `${tableArn(c.region)}/stream/${label}`, streamLabel: label }
                    : {}),
                replicas: replicas.map((r) => ({ ...r, arn: tableArn(str(r.regionName, c.region)) })),
            },
        };
    },
    "aws:rds/globalCluster:GlobalCluster": (c) => {
        const id = physical(c, "globalClusterIdentifier");
        // Global cluster ARNs have no region; the global writer endpoint is under global.rds.amazonaws.com.
        return {
            id,
            state: {
                arn: arn(c, "rds", `global-cluster:${id}`, { global: true }),
                globalClusterResourceId: `cluster-${upperAlnum(c.seed, 26).toLowerCase()}`,
                endpoint: `${id}.global-${hexId(c.seed, 10)}.global.rds.amazonaws.com`,
            },
        };
    },
    "aws:rds/cluster:Cluster": (c) => {
        const id = physical(c, "clusterIdentifier");
        const given = (key: string) => c.inputs[key] !== undefined && c.inputs[key] !== null;
        // As AWS: no Secrets Manager-managed password in a global database, nor both kinds of password
        // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html).
        if (c.inputs.manageMasterUserPassword === true && given("globalClusterIdentifier")) {
            throw providerError(
                `creating RDS Cluster (${id}): InvalidParameterCombination: managing the master user password with Secrets Manager isn't supported for DB clusters in a global database`,
            );
        }
        if (c.inputs.manageMasterUserPassword === true && (given("masterPassword") || given("masterPasswordWo"))) {
            throw providerError(
                `creating RDS Cluster (${id}): InvalidParameterCombination: MasterUserPassword can't be given with ManageMasterUserPassword`,
            );
        }
        const dns = `${id}.cluster-${hexId(`${c.account.accountId}/${c.region}`, 12)}.${c.region}.rds.amazonaws.com`;
        const engine = str(c.inputs.engine, "aurora-postgresql");
        return {
            id,
            state: {
                clusterIdentifier: id,
                arn: arn(c, "rds", `cluster:${id}`),
                clusterResourceId: `cluster-${upperAlnum(c.seed, 26)}`,
                endpoint: dns,
                readerEndpoint: dns.replace(".cluster-", ".cluster-ro-"),
                port: engine === "aurora-mysql" ? 3306 : 5432,
            },
        };
    },
    "aws:rds/clusterInstance:ClusterInstance": (c) => {
        const id = physical(c, "identifier");
        return {
            id,
            state: {
                identifier: id,
                arn: arn(c, "rds", `db:${id}`),
                endpoint: `${id}.${hexId(`${c.account.accountId}/${c.region}`, 12)}.${c.region}.rds.amazonaws.com`,
                dbiResourceId: `db-${upperAlnum(c.seed, 26)}`,
            },
        };
    },
    "aws:rds/subnetGroup:SubnetGroup": (c) => {
        const name = physical(c);
        return { id: name, state: { name, arn: arn(c, "rds", `subgrp:${name}`) } };
    },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": (c) => {
        const name = physical(c);
        // As AWS: rds.global_db_rpo takes 20..2147483647 seconds (Aurora User Guide, managing RPOs).
        for (const p of Array.isArray(c.inputs.parameters) ? (c.inputs.parameters as State[]) : []) {
            const value = Number(p.value);
            if (p.name === "rds.global_db_rpo" && !(Number.isInteger(value) && value >= 20 && value <= 2147483647)) {
                throw providerError(
                    `modifying RDS Cluster Parameter Group (${name}): InvalidParameterValue: ${String(p.value)} is not a valid value for rds.global_db_rpo (20..2147483647)`,
                );
            }
        }
        return { id: name, state: { name, arn: arn(c, "rds", `cluster-pg:${name}`) } };
    },
    "aws:secretsmanager/secret:Secret": (c) => {
        const name = physical(c);
        // Secrets Manager adds a hyphen and six random characters to the name in the ARN.
        const secretArn = arn(c, "secretsmanager", `secret:${name}-${upperAlnum(c.seed, 6)}`);
        return { id: secretArn, state: { arn: secretArn, name } };
    },
    "aws:secretsmanager/secretVersion:SecretVersion": (c) => {
        // As the provider: the version's arn is its secret's (the secret's id is its ARN), its id "<secret>|<version>".
        const secretArn = String(c.inputs.secretId);
        const versionId = uuid(c.seed);
        return { id: `${secretArn}|${versionId}`, state: { arn: secretArn, versionId } };
    },
    "aws:synthetics/canary:Canary": (c) => {
        const name = physical(c);
        return {
            id: name,
            state: {
                name,
                arn: arn(c, "synthetics", `canary:${name}`),
                engineArn: arn(c, "lambda", `function:cwsyn-${name}-${uuid(c.seed)}`),
                status: "RUNNING",
            },
        };
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": (c) => {
        const name = physical(c, "alarmName");
        return { id: name, state: { alarmName: name, arn: arn(c, "cloudwatch", `alarm:${name}`) } };
    },
    "aws:cloudwatch/eventRule:EventRule": (c) => {
        const name = physical(c);
        return { id: name, state: { name, arn: arn(c, "events", `rule/${name}`) } };
    },
    "aws:ssm/document:Document": (c) => {
        const name = physical(c);
        return {
            id: name,
            state: { name, arn: arn(c, "ssm", `document/${name}`), defaultVersion: "1", latestVersion: "1" },
        };
    },
    "aws:s3/bucketObjectv2:BucketObjectv2": (c) => ({
        id: String(c.inputs.key),
        state: {
            arn: arn(c, "s3", `${str(c.inputs.bucket, "bucket")}/${str(c.inputs.key, "key")}`, {
                global: true,
                noAccount: true,
            }),
            etag: hexId(c.seed, 32),
        },
    }),
    "random:index/randomId:RandomId": (c) => {
        const bytes = Number(c.inputs.byteLength ?? 4);
        const hex = hexId(c.seed, bytes * 2);
        const buf = Buffer.from(hex, "hex");
        return {
            id: buf.toString("base64url"),
            state: {
                hex,
                b64Url: buf.toString("base64url"),
                b64Std: buf.toString("base64"),
                dec: BigInt(`0x${hex}`).toString(),
            },
        };
    },
    "random:index/randomPassword:RandomPassword": (c) => {
        const length = Number(c.inputs.length ?? 32);
        return { id: "none", state: { result: upperAlnum(c.seed, length).toLowerCase() } };
    },
};

/** The role the offline deploy runs as: `getCallerIdentity` answers with a session of it. */
export const DEPLOY_ROLE = "pulumi-deploy";

/** True when `pattern` (IAM's ArnLike: `*` and `?` wildcards) matches `arn`. */
const arnLike = (pattern: string, arn: string) =>
    new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
    ).test(arn);

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Differs from AWS in when, not whether: the mocks only create, so a vault policy that denies the
 * deployer `backup:PutBackupVaultAccessPolicy` is refused here, at its creation, where AWS would accept
 * it and refuse the next `pulumi up` that updates it (AccessDeniedException). Statements are read as
 * IAM would for the deploy role: a Deny on the action (or `backup:*`, `*`) for every principal, unless
 * an `ArnNotLike`/`ArnNotEquals` on `aws:PrincipalArn` exempts the role.
 */
function deniesPolicyUpdateToDeployer(account: MockAccount, policyJson: unknown): boolean {
    if (typeof policyJson !== "string") return false;
    const deployer = `arn:${account.partition}:iam::${account.accountId}:role/${DEPLOY_ROLE}`;
    const statements = list((JSON.parse(policyJson) as { Statement?: unknown }).Statement) as Record<string, unknown>[];
    return statements.some((st) => {
        if (st.Effect !== "Deny") return false;
        if (!list(st.Action).some((a) => a === "*" || a === "backup:*" || a === "backup:PutBackupVaultAccessPolicy"))
            return false;
        const principal = st.Principal as Record<string, unknown> | string | undefined;
        if (!(principal === "*" || list((principal as Record<string, unknown> | undefined)?.AWS).includes("*")))
            return false;
        const condition = (st.Condition ?? {}) as Record<string, Record<string, unknown>>;
        const exempt = [
            ...list(condition.ArnNotLike?.["aws:PrincipalArn"]),
            ...list(condition.ArnNotEquals?.["aws:PrincipalArn"]),
        ];
        return !exempt.some((p) => typeof p === "string" && arnLike(p, deployer));
    });
}

/** `aws.*.get*` invokes the program makes, answered as AWS would for this account. */
function invoke(account: MockAccount, token: string, inputs: State): State {
    const region = str(inputs.region, account.defaultRegion);
    switch (token) {
        case "aws:index/getAvailabilityZones:getAvailabilityZones": {
            // Differs from AWS: an unsupported region is given three AZs, a..c, where AWS would list its real ones.
            const azs = regions[region]?.availabilityZones ?? [`${region}a`, `${region}b`, `${region}c`];
            // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html: zone-type filter.
            const zoneTypes = (inputs.filters as { name: string; values: string[] }[] | undefined)?.find(
                (f) => f.name === "zone-type",
            )?.values;
            const local = zoneTypes && !zoneTypes.includes("local-zone") ? [] : (account.localZones?.[region] ?? []);
            const names = [...local, ...azs];
            const prefix = region.replace(/-(\w)\w*-/, "$1").replace(/^(\w\w)(\w)\w*?(\d)$/, "$1$2$3");
            return {
                id: region,
                region,
                names,
                zoneIds: names.map((_, i) => `${prefix}-az${i + 1}`),
                groupNames: names.map((n) => (local.includes(n) ? n.slice(0, -1) : region)),
                state: inputs.state,
            };
        }
        case "aws:index/getCallerIdentity:getCallerIdentity":
            // A deploy runs as an assumed role (CI's OIDC role, or an SSO role), so the caller is a session of one.
            return {
                id: account.accountId,
                accountId: account.accountId,
                arn: `arn:${account.partition}:sts::${account.accountId}:assumed-role/${DEPLOY_ROLE}/offline-plan`,
                userId: `AROA${upperAlnum(account.accountId, 17)}:offline-plan`,
            };
        case "aws:iam/getSessionContext:getSessionContext": {
            // STS session ARN -> the role's ARN, which is what IAM matches `aws:PrincipalArn` against.
            const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(str(inputs.arn, ""));
            if (!session)
                return {
                    id: str(inputs.arn, ""),
                    arn: inputs.arn,
                    issuerArn: inputs.arn,
                    issuerId: "",
                    issuerName: "",
                    sessionName: "",
                };
            const [, partition, accountId, roleName, sessionName] = session;
            const issuerArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
            return {
                id: issuerArn,
                arn: inputs.arn,
                issuerArn,
                issuerId: `AROA${upperAlnum(roleName, 17)}`,
                issuerName: roleName,
                sessionName,
            };
        }
        case "aws:index/getPartition:getPartition":
            return {
                id: account.partition,
                partition: account.partition,
                dnsSuffix: "amazonaws.com",
                reverseDnsPrefix: "com.amazonaws",
            };
        case "aws:index/getRegion:getRegion":
            return { id: region, region, name: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
        case "aws:elb/getServiceAccount:getServiceAccount": {
            // As the provider: regions opened since August 2022 have no ELB account (their logs come from a service principal).
            const id = regions[region]?.elbLogDeliveryAccount;
            if (!id) throw providerError(`aws.elb.getServiceAccount: unsupported AWS Region: ${region}`);
            return { id, arn: `arn:${account.partition}:iam::${id}:root`, region };
        }
        case "aws:ec2/getManagedPrefixList:getManagedPrefixList": {
            // AWS-managed lists exist in every region under the same name, each with its own id.
            const name = str(inputs.name, "");
            if (!/^com\.amazonaws\./.test(name))
                throw providerError(`no matching EC2 Managed Prefix List found for ${name}`);
            const id = `pl-${hexId(`${region}/${name}`, 8)}`;
            return {
                id,
                name,
                addressFamily: "IPv4",
                arn: `arn:${account.partition}:ec2:${region}:aws:prefix-list/${id}`,
                maxEntries: name.includes("cloudfront") ? 55 : 10,
                ownerId: "AWS",
                entries: [],
                version: 1,
                region,
            };
        }
        case "aws:route53/getZone:getZone": {
            const wanted = str(inputs.name, "").replace(/\.$/, "");
            const byId = Object.entries(account.hostedZones ?? {}).find(([, z]) => z.zoneId === inputs.zoneId);
            const found =
                byId ?? Object.entries(account.hostedZones ?? {}).find(([n]) => n.replace(/\.$/, "") === wanted);
            // AWS answers "no matching Route 53 Hosted Zone found", and so does this.
            if (!found)
                throw providerError(`no matching Route 53 Hosted Zone found for ${wanted || String(inputs.zoneId)}`);
            const [name, zone] = found;
            return {
                id: zone.zoneId,
                zoneId: zone.zoneId,
                name: `${name.replace(/\.$/, "")}`,
                privateZone: zone.privateZone ?? false,
                arn: `arn:${account.partition}:route53:::hostedzone/${zone.zoneId}`,
                nameServers: [],
            };
        }
        case "aws:secretsmanager/getRandomPassword:getRandomPassword": {
            const length = Number(inputs.passwordLength ?? 32);
            return { id: region, randomPassword: upperAlnum(`${region}/${length}`, length) };
        }
        case "aws:iam/getPolicyDocument:getPolicyDocument": {
            const json = renderPolicyDocument(inputs);
            return { id: digest(json).slice(0, 10), json, minifiedJson: JSON.stringify(JSON.parse(json)) };
        }
        default:
            throw providerError(
                `the offline engine has no mock for invoke ${token}; add one to components/testing/mocks.ts`,
            );
    }
}

/**
 * AWS Config's state in each region as this evaluation builds it: the customer managed recorder (one per
 * account and region, with the types it records, or true for all), its delivery channel (one, and only
 * once a recorder exists), and whether it was started (only with a channel): AWS's refusals from
 * https://docs.aws.amazon.com/config/latest/developerguide/gs-cli-subscribe.html.
 */
class ConfigRecording {
    private readonly recorders = new Map<string, string[] | true>();
    private readonly channels = new Set<string>();
    private readonly started = new Set<string>();

    constructor(private readonly account: MockAccount) {}

    private existing(region: string): boolean {
        return this.account.configRecorders?.includes(region) ?? false;
    }

    /** Refuses what AWS refuses, records what AWS would have. */
    register(type: string, name: string, region: string, inputs: State): void {
        if (type === "aws:cfg/recorder:Recorder") {
            if (this.existing(region) || this.recorders.has(region))
                throw providerError(
                    `creating ConfigService Configuration Recorder (${name}): MaxNumberOfConfigurationRecordersExceededException: the account already has a customer managed recorder in ${region}, and AWS allows one per account and region`,
                );
            const group = (inputs.recordingGroup ?? {}) as { allSupported?: boolean; resourceTypes?: string[] };
            this.recorders.set(region, group.allSupported === false ? (group.resourceTypes ?? []) : true);
        } else if (type === "aws:cfg/deliveryChannel:DeliveryChannel") {
            if (!this.recorders.has(region) && !this.existing(region))
                throw providerError(
                    `creating ConfigService Delivery Channel (${name}): NoAvailableConfigurationRecorderException: no configuration recorder in ${region} yet`,
                );
            if (this.channels.has(region) || this.existing(region))
                throw providerError(
                    `creating ConfigService Delivery Channel (${name}): MaxNumberOfDeliveryChannelsExceededException: one delivery channel per account and region`,
                );
            this.channels.add(region);
        } else if (type === "aws:cfg/recorderStatus:RecorderStatus" && inputs.isEnabled === true) {
            if (!this.channels.has(region))
                throw providerError(
                    `starting ConfigService Configuration Recorder (${name}): NoAvailableDeliveryChannelException: a recorder starts only with a delivery channel in ${region}`,
                );
            this.started.add(region);
        } else if (type === "aws:backup/framework:Framework") {
            this.checkFramework(name, region);
        }
    }

    /**
     * Differs from AWS in whether, not when: AWS creates the framework and leaves it inactive, reporting
     * nothing, when no started recorder in its region records the AWS Backup types and resource compliance
     * (https://docs.aws.amazon.com/aws-backup/latest/devguide/turning-on-resource-tracking.html). An audit
     * that silently audits nothing is the failure, so the engine refuses it here.
     */
    private checkFramework(name: string, region: string): void {
        if (this.existing(region)) return;
        const recorded = this.started.has(region) ? this.recorders.get(region) : undefined;
        const missing =
            recorded === undefined
                ? undefined
                : recorded === true
                  ? []
                  : AUDIT_RECORDED_RESOURCE_TYPES.filter((t) => !recorded.includes(t));
        if (missing === undefined)
            throw providerError(
                `aws:backup/framework:Framework "${name}": no started AWS Config recorder in ${region} (created before it, or the account's existing one); AWS would create the framework and leave it inactive`,
            );
        if (missing.length > 0)
            throw providerError(
                `aws:backup/framework:Framework "${name}": the AWS Config recorder in ${region} does not record ${missing.join(", ")}; AWS would leave the framework's controls inactive`,
            );
    }
}

export class AwsMocks implements pulumi.runtime.Mocks {
    private readonly config: ConfigRecording;

    constructor(private readonly account: MockAccount) {
        this.config = new ConfigRecording(account);
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        const inputs = args.inputs as State;
        if (args.type === "pulumi:pulumi:StackReference") {
            const name = str(inputs.name, args.name);
            const outputs = this.account.stackOutputs?.[name];
            if (!outputs)
                throw providerError(
                    `stack reference ${name}: no such stack; the offline engine knows ${Object.keys(this.account.stackOutputs ?? {}).join(", ") || "none"}`,
                );
            return { id: name, state: { name, outputs, secretOutputNames: [] } };
        }
        if (!args.custom) return { id: undefined, state: {} };
        // AWS validates a request before it creates anything, and so does the engine (constraints.ts).
        const refused = constraintViolations(args.type, asSent(inputs) as State);
        if (refused.length > 0) {
            const lines = refused.map(
                (v) => `  ${v.path} = ${JSON.stringify(v.value)}: allowed ${v.allowed} (${v.source})`,
            );
            throw providerError(
                `${args.type} "${args.name}": AWS refuses these inputs (ValidationError):\n${lines.join("\n")}`,
            );
        }
        if (
            args.type === "aws:backup/vaultPolicy:VaultPolicy" &&
            deniesPolicyUpdateToDeployer(this.account, asSent(inputs.policy))
        ) {
            throw providerError(
                `aws:backup/vaultPolicy:VaultPolicy "${args.name}": the policy denies backup:PutBackupVaultAccessPolicy to the deploying role (${DEPLOY_ROLE}); AWS accepts it once and refuses the next update with AccessDeniedException`,
            );
        }
        const region = str(inputs.region, this.account.defaultRegion);
        this.config.register(args.type, args.name, region, asSent(inputs) as State);
        const context: Context = {
            account: this.account,
            region,
            seed: `${args.type}::${args.name}::${region}`,
            name: args.name,
            inputs,
        };
        const model = computed[args.type];
        const made = model ? model(context) : { id: `${args.name}-${hexId(context.seed, 8)}`, state: {} };
        // IAM, Route 53 and random have no region; everything else reports the region it lives in.
        const regional = args.type.startsWith("aws:") && !/^aws:(iam|route53)\//.test(args.type);
        return { id: made.id, state: { ...inputs, ...(regional ? { region } : {}), ...made.state } };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return invoke(this.account, args.token, args.inputs as State);
    }
}
