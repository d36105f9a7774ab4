import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
    BackupPlan,
    Cdn,
    DrillTemplates,
    DnsValidatedCertificate,
    FailoverAutomation,
    FailoverDns,
    Fleet,
    InvalidInputError,
    MultiAzAlb,
    MultiAzNetwork,
    WebAcl,
} from "./components";
import type { AliasTarget, ZoneSpec } from "./components";
import { statefulOptions } from "./components/internal";
import {
    albArgs,
    backupArgs,
    cdnArgs,
    cdnEnabled,
    contextFor,
    failoverArgs,
    failoverDnsArgs,
    fleetsFor,
    networkArgs,
    originNames,
    regionalWebAclArgs,
    StackContext,
    zoneSpec,
} from "./config/compose";
import { loadStackConfig } from "./config/load";
import { dataTier } from "./config/dataTier";
import { RegionRole } from "./config/strategy";
import { drillTemplatesArgs } from "./config/drills";

/** The VPC a region's ALB and fleet live in: built here, or read from another stack. */
interface Placement {
    vpcId: pulumi.Input<string>;
    /** The S3 and DynamoDB gateway endpoints' prefix lists, which fleets may reach; unknown for a network read from another stack. */
    s3PrefixListId?: pulumi.Input<string>;
    dynamodbPrefixListId?: pulumi.Input<string>;
    /** The SSM endpoints' group and the group they admit; unknown for a network read from another stack. */
    endpointSecurityGroupId?: pulumi.Input<string>;
    endpointClientSecurityGroupId?: pulumi.Input<string>;
    /** The AZs of the private subnets, in order; unknown for a network read from another stack. */
    availabilityZones?: pulumi.Input<string[]>;
    /** The subnets one by one, in AZ order: known only for a network this stack builds. */
    subnetsByZone?: { public: pulumi.Input<string>[]; private: pulumi.Input<string>[] };
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

function placementFor(ctx: StackContext, role: RegionRole, shared: pulumi.StackReference | undefined): Placement {
    if (shared) {
        // The referenced stack exports this project's outputs contract: ids by region.
        const byRegion = (key: string) =>
            shared.requireOutput(key).apply((v) => {
                const value = (v as Record<string, unknown> | undefined)?.[role.region];
                if (value === undefined) {
                    throw new InvalidInputError(`stack "${ctx.stack}"`, [
                        {
                            path: "pulumi-aws-dr:network.fromStack",
                            value: ctx.config.network.fromStack,
                            allowed: `a stack whose ${key} output has a value for ${role.region}`,
                        },
                    ]);
                }
                return value;
            });
        return {
            vpcId: byRegion("vpcIds") as pulumi.Output<string>,
            publicSubnetIds: byRegion("publicSubnetIds") as pulumi.Output<string[]>,
            privateSubnetIds: byRegion("privateSubnetIds") as pulumi.Output<string[]>,
        };
    }
    const network = new MultiAzNetwork(role.role, networkArgs(ctx, role));
    return {
        vpcId: network.vpcId,
        s3PrefixListId: network.s3PrefixListId,
        dynamodbPrefixListId: network.dynamodbPrefixListId,
        endpointSecurityGroupId: network.endpointSecurityGroupId,
        endpointClientSecurityGroupId: network.endpointClientSecurityGroupId,
        availabilityZones: network.availabilityZones,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        subnetsByZone: { public: network.publicSubnetIds, private: network.privateSubnetIds },
    };
}

const CLOUDFRONT_REGION = "us-east-1";
/** CloudFront's origin-facing servers and Route 53's health checkers (per region), as AWS names their lists. */
const EDGE_PREFIX_LISTS = [
    "com.amazonaws.global.cloudfront.origin-facing",
    "com.amazonaws.{region}.route53-healthchecks",
];

function managedPrefixListId(name: string, region: string): pulumi.Output<string> {
    return aws.ec2.getManagedPrefixListOutput({ name: name.replace("{region}", region), region }).apply((l) => l.id);
}

/**
 * The CDN over the ALBs: a name per region's ALB for the origin group, the distribution, and the app
 * name aliased to it. The failover records (FailoverDns) now carry the write origin's name.
 */
function frontWithCdn(
    ctx: StackContext,
    dns: FailoverDns,
    albs: { role: RegionRole; alb: MultiAzAlb }[],
    certificateArn: pulumi.Output<string>,
    originSecret: pulumi.Input<string> | undefined,
) {
    const names = originNames(ctx);
    for (const { role, alb } of albs) {
        new aws.route53.Record(`origin-${role.region}`, {
            zoneId: dns.zoneId,
            name: names.byRegion[role.region],
            type: "A",
            aliases: [{ name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true }],
            allowOverwrite: false,
        });
    }
    const distribution = new Cdn("app", cdnArgs(ctx, certificateArn, originSecret));
    const app = new aws.route53.Record("app-cdn", {
        zoneId: dns.zoneId,
        name: ctx.config.dns.recordName,
        type: "A",
        aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }],
        allowOverwrite: false,
    });
    return { distribution, fqdn: app.fqdn };
}

/**
 * The per-stack program. It validates `stacks/Pulumi.<stack>.yaml` before it creates anything, then
 * builds what the DR strategy asks for, in the order that avoids a cycle: certificates (they need
 * only the zone), then each region's network, ALB and fleet, then the DNS records over the ALBs,
 * then the backups. It returns the outputs contract other stacks read through StackReference.
 */
export = async () => {
    const config = loadStackConfig();
    const ctx = contextFor(config, pulumi.getStack());
    const sites = ctx.layout.regions.filter((r) => r.runsStack);
    const shared = config.network.fromStack ? new pulumi.StackReference(config.network.fromStack) : undefined;

    // A zone the stack creates is made once, here, and shared: the certificate's validation records
    // and the app's records must land in the same zone, the one that gets delegated.
    const zone: ZoneSpec = config.dns.zone.create
        ? {
              zone: new aws.route53.Zone(
                  "app-zone",
                  {
                      name: config.dns.zone.create.name,
                      comment: config.dns.zone.create.comment ?? "Managed by Pulumi",
                      forceDestroy: false,
                      tags: ctx.tags,
                  },
                  statefulOptions(ctx.protect),
              ),
          }
        : zoneSpec(config.dns);

    // With a CDN: CloudFront needs the certificate in us-east-1, and the ALBs answer to the origin names,
    // which one wildcard covers (validated by the app name's own record).
    const withCdn = cdnEnabled(ctx);
    const certificate = new DnsValidatedCertificate("app", {
        zone,
        domainName: config.dns.recordName,
        subjectAlternativeNames: withCdn
            ? [...(config.dns.subjectAlternativeNames ?? []), `*.${config.dns.recordName}`]
            : config.dns.subjectAlternativeNames,
        regions: [...new Set([...sites.map((r) => r.region), ...(withCdn ? [CLOUDFRONT_REGION] : [])])],
        tags: ctx.tags,
    });

    // A CDN in front proves itself to the ALB with this header; the value never leaves Pulumi's secrets.
    const originSecret = !config.alb.originVerifyHeader
        ? undefined
        : config.originVerifySecret !== undefined
          ? pulumi.secret(config.originVerifySecret)
          : new random.RandomPassword("origin-verify", { length: 40, special: false }).result;

    const albs = sites.map((role) => {
        const placement = placementFor(ctx, role, shared);
        const alb = new MultiAzAlb(
            role.role,
            albArgs(ctx, role, {
                vpcId: placement.vpcId,
                subnetIds: placement.publicSubnetIds,
                certificateArn: certificate.certificateArns[role.region],
                originVerifyValue: originSecret,
                // With a CDN, only CloudFront and Route 53's health checkers reach the ALB, not the whole internet
                // (https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html).
                ingressPrefixListIds: withCdn
                    ? EDGE_PREFIX_LISTS.map((list) => managedPrefixListId(list, role.region))
                    : undefined,
            }),
        );
        // A web ACL on each ALB, behind a CDN too (Security Hub ELB.16): the ALB answers Route 53's health
        // checkers directly, and a WAF of its own does not depend on the origin-verify header staying secret.
        new WebAcl(`${role.role}-waf`, regionalWebAclArgs(ctx, role, alb.loadBalancerArn));
        return { role, alb, placement };
    });

    // The data tier sits in the private subnets, open only to the fleets (their ALB target group).
    const data = dataTier(
        ctx,
        Object.fromEntries(
            albs.map(({ role, alb, placement }) => [
                role.region,
                {
                    vpcId: placement.vpcId,
                    subnetIds: placement.privateSubnetIds,
                    clientSecurityGroupIds: [alb.targetSecurityGroupId],
                    availabilityZones: placement.availabilityZones,
                },
            ]),
        ),
    );

    const groups: Record<string, Record<string, pulumi.Output<string>>> = {};
    for (const { role, alb, placement } of albs) {
        const access = data.accessFor(role.region);
        groups[role.region] = {};
        for (const { key, args } of fleetsFor(ctx, role)) {
            const fleet = new Fleet(`${role.role}-${key}`, {
                ...args,
                vpcId: placement.vpcId,
                subnetIds: placement.privateSubnetIds,
                egressPrefixListIds: [
                    placement.s3PrefixListId,
                    ...(access.needsDynamoDb ? [placement.dynamodbPrefixListId] : []),
                ].filter((id): id is pulumi.Input<string> => id !== undefined),
                egressSecurityGroups: [
                    ...(access.egressSecurityGroups ?? []),
                    ...(placement.endpointSecurityGroupId
                        ? [
                              {
                                  securityGroupId: placement.endpointSecurityGroupId,
                                  port: 443,
                                  description: "HTTPS to the SSM interface endpoints",
                              },
                          ]
                        : []),
                ],
                securityGroupIds: [
                    alb.targetSecurityGroupId,
                    ...(placement.endpointClientSecurityGroupId ? [placement.endpointClientSecurityGroupId] : []),
                ],
                targetGroupArns: [alb.targetGroupArns[key]],
                environment: access.environment,
                instancePolicyStatements: access.policyStatements,
            });
            groups[role.region][key] = fleet.autoScalingGroupName;
        }
    }

    const targets: Record<string, AliasTarget> = Object.fromEntries(
        albs.map(({ role, alb }) => [
            role.region,
            { dnsName: alb.dnsName, zoneId: alb.zoneId, ipAddressType: alb.ipAddressType },
        ]),
    );
    const dns = new FailoverDns("app", failoverDnsArgs(ctx, targets, zone));

    // Failover automation lives in the recovery region only: nothing on the failover path needs the primary's.
    // Its DNS witness resolves the failover record this stack's FailoverDns declares.
    const [primarySite, recoverySite] = albs;
    const automation =
        recoverySite &&
        failoverArgs(ctx, {
            primaryAlbDnsName: primarySite.alb.dnsName,
            standbyAlbDnsName: recoverySite.alb.dnsName,
            failoverRecordName: dns.fqdn,
            standbyGroups: groups[recoverySite.role.region],
            databases: data.promotable(recoverySite.role.region),
        });
    const failover = automation ? new FailoverAutomation("failover", automation) : undefined;
    const cdn = withCdn
        ? frontWithCdn(ctx, dns, albs, certificate.certificateArns[CLOUDFRONT_REGION], originSecret)
        : undefined;

    // The drills rehearse the primary's disruptions where its resources are (checks.ts requires a network built here).
    const drillArgs =
        primarySite.placement.subnetsByZone &&
        drillTemplatesArgs(ctx, {
            region: primarySite.role.region,
            vpcId: primarySite.placement.vpcId,
            publicSubnetIds: primarySite.placement.subnetsByZone.public,
            privateSubnetIds: primarySite.placement.subnetsByZone.private,
            availabilityZones: primarySite.placement.availabilityZones ?? [],
            alarmArns: primarySite.alb.alarmArns,
            loadBalancerArnSuffix: primarySite.alb.loadBalancerArnSuffix,
            targetGroupArnSuffixes: primarySite.alb.targetGroupArnSuffixes,
            autoScalingGroupNames: Object.values(groups[primarySite.role.region]),
        });
    const drills = drillArgs ? new DrillTemplates("drills", drillArgs) : undefined;

    const backups = ctx.layout.regions
        .filter((r) => r.backsUp)
        .map((role) => ({ role, plan: new BackupPlan(role.role, backupArgs(ctx, role)) }));

    // Each region's own vault, else the copy vault there; active-active has both, in copyVaultArns too.
    const copyVaultArns = Object.fromEntries(backups.map(({ role, plan }) => [role.region, plan.copyVaultArns]));
    const vaultArns: Record<string, pulumi.Output<string>> = Object.assign({}, ...Object.values(copyVaultArns));
    for (const { role, plan } of backups) vaultArns[role.region] = plan.vaultArn;
    const perSite = <T>(pick: (site: (typeof albs)[number]) => T) =>
        Object.fromEntries(albs.map((site) => [site.role.region, pick(site)]));

    return {
        url: cdn ? pulumi.interpolate`https://${cdn.fqdn}` : pulumi.interpolate`https://${dns.fqdn}`,
        strategy: ctx.layout.strategy,
        objectives: config.dr.objectives,
        regions: ctx.layout.regions.map((r) => ({ region: r.region, role: r.role, servesTraffic: r.servesTraffic })),
        albDnsNames: perSite(({ alb }) => alb.dnsName),
        healthCheckIds: dns.healthCheckIds,
        vaultArns,
        copyVaultArns,
        backupPlanIds: Object.fromEntries(backups.map(({ role, plan }) => [role.region, plan.planId])),
        certificateArns: certificate.certificateArns,
        vpcIds: perSite(({ placement }) => placement.vpcId),
        publicSubnetIds: perSite(({ placement }) => placement.publicSubnetIds),
        privateSubnetIds: perSite(({ placement }) => placement.privateSubnetIds),
        ...data.outputs,
        ...(cdn
            ? { cdnDomainName: cdn.distribution.domainName, cdnDistributionId: cdn.distribution.distributionId }
            : {}),
        ...(drills
            ? {
                  drillTemplateIds: {
                      azFailure: drills.azFailureTemplateId,
                      applicationLoss: drills.applicationLossTemplateId,
                  },
              }
            : {}),
        ...(originSecret ? { originVerifySecret: pulumi.secret(originSecret) } : {}),
        ...(failover
            ? {
                  failoverAutomation: {
                      region: failover.region,
                      documents: failover.documentNames,
                      ...(failover.probeAlarmName ? { probeAlarm: failover.probeAlarmName } : {}),
                      ...(failover.dnsAlarmName ? { dnsAlarm: failover.dnsAlarmName } : {}),
                      ...(failover.compositeAlarmName ? { compositeAlarm: failover.compositeAlarmName } : {}),
                  },
              }
            : {}),
    };
};
