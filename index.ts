import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { BackupPlan, DnsValidatedCertificate, FailoverDns, Fleet, MultiAzAlb, MultiAzNetwork } from "./components";
import { AliasTarget } from "./components/dns/args";
import { albArgs, backupArgs, contextFor, failoverDnsArgs, fleetsFor, networkArgs, StackContext, zoneSpec } from "./config/compose";
import { loadStackConfig } from "./config/load";
import { RegionRole } from "./config/strategy";

/** The VPC a region's ALB and fleet live in: built here, or read from another stack. */
interface Placement {
    vpcId: pulumi.Input<string>;
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

function placementFor(ctx: StackContext, role: RegionRole, shared: pulumi.StackReference | undefined): Placement {
    if (shared) {
        // The referenced stack exports this project's outputs contract: ids by region.
        const byRegion = (key: string) => shared.requireOutput(key).apply((v) => (v as Record<string, unknown>)[role.region]);
        return {
            vpcId: byRegion("vpcIds") as pulumi.Output<string>,
            publicSubnetIds: byRegion("publicSubnetIds") as pulumi.Output<string[]>,
            privateSubnetIds: byRegion("privateSubnetIds") as pulumi.Output<string[]>,
        };
    }
    const network = new MultiAzNetwork(role.role, networkArgs(ctx, role));
    return { vpcId: network.vpcId, publicSubnetIds: network.publicSubnetIds, privateSubnetIds: network.privateSubnetIds };
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

    const certificate = new DnsValidatedCertificate("app", {
        zone: zoneSpec(config.dns),
        domainName: config.dns.recordName,
        subjectAlternativeNames: config.dns.subjectAlternativeNames,
        regions: sites.map((r) => r.region),
        tags: ctx.tags,
    });

    // A CDN in front proves itself to the ALB with this header; the value never leaves Pulumi's secrets.
    const originSecret = config.alb.originVerifyHeader
        ? new random.RandomPassword("origin-verify", { length: 40, special: false }).result
        : undefined;

    const albs = sites.map((role) => {
        const placement = placementFor(ctx, role, shared);
        const alb = new MultiAzAlb(role.role, albArgs(ctx, role, {
            vpcId: placement.vpcId,
            subnetIds: placement.publicSubnetIds,
            certificateArn: certificate.certificateArns[role.region],
            originVerifyValue: originSecret,
        }));
        for (const { key, args } of fleetsFor(ctx, role)) {
            new Fleet(`${role.role}-${key}`, {
                ...args,
                subnetIds: placement.privateSubnetIds,
                securityGroupIds: [alb.targetSecurityGroupId],
                targetGroupArns: [alb.targetGroupArns[key]],
            });
        }
        return { role, alb, placement };
    });

    const targets: Record<string, AliasTarget> = Object.fromEntries(albs.map(({ role, alb }) => [role.region, { dnsName: alb.dnsName, zoneId: alb.zoneId }]));
    const dns = new FailoverDns("app", failoverDnsArgs(ctx, targets));

    const backups = ctx.layout.regions.filter((r) => r.backsUp).map((role) => ({ role, plan: new BackupPlan(role.role, backupArgs(ctx, role)) }));

    const vaultArns: Record<string, pulumi.Output<string>> = {};
    for (const { role, plan } of backups) {
        vaultArns[role.region] = plan.vaultArn;
        Object.assign(vaultArns, plan.copyVaultArns);
    }
    const perSite = <T>(pick: (site: (typeof albs)[number]) => T) => Object.fromEntries(albs.map((site) => [site.role.region, pick(site)]));

    return {
        url: pulumi.interpolate`https://${dns.fqdn}`,
        strategy: ctx.layout.strategy,
        objectives: config.dr.objectives,
        regions: ctx.layout.regions.map((r) => ({ region: r.region, role: r.role, servesTraffic: r.servesTraffic })),
        albDnsNames: perSite(({ alb }) => alb.dnsName),
        healthCheckIds: dns.healthCheckIds,
        vaultArns,
        backupPlanIds: Object.fromEntries(backups.map(({ role, plan }) => [role.region, plan.planId])),
        certificateArns: certificate.certificateArns,
        vpcIds: perSite(({ placement }) => placement.vpcId),
        publicSubnetIds: perSite(({ placement }) => placement.publicSubnetIds),
        privateSubnetIds: perSite(({ placement }) => placement.privateSubnetIds),
        ...(originSecret ? { originVerifySecret: pulumi.secret(originSecret) } : {}),
    };
};
