/**
 * From a validated stack config to the arguments each component receives. Pure: index.ts calls these
 * with real Outputs; the config loader calls them with placeholders to run the components' own
 * validators before anything is created, so a bad value is reported by its config path.
 */
import * as pulumi from "@pulumi/pulumi";
import { MultiAzAlbArgs } from "../components/alb/args";
import { validateAlbArgs } from "../components/alb/validate";
import { BackupPlanArgs } from "../components/backup/args";
import { validateBackupPlanArgs } from "../components/backup/validate";
import { AliasTarget, Endpoint, FailoverDnsArgs, healthCheckDefaults, Routing } from "../components/dns/args";
import { validateFailoverDnsArgs } from "../components/dns/validate";
import { ZoneSpec } from "../components/dns/zone";
import { validateCertificateArgs } from "../components/certificate/validate";
import { FleetArgs } from "../components/fleet/args";
import { validateFleetArgs } from "../components/fleet/validate";
import { MultiAzNetworkArgs } from "../components/network/args";
import { parseCidr } from "../components/network/cidr";
import { validateNetworkArgs } from "../components/network/validate";
import { InputProblem } from "../components/shared/errors";
import { DnsConfig, StackConfig, TargetGroupConfig } from "./schema";
import { parseDuration } from "./duration";
import { layoutFor, RegionRole, scaledCapacity, StrategyLayout } from "./strategy";

/** Everything the composition needs to know about the stack besides its config. */
export interface StackContext {
    readonly stack: string;
    readonly config: StackConfig;
    readonly layout: StrategyLayout;
    readonly protect: boolean;
    readonly tags: Record<string, string>;
}

export const DEFAULT_STANDBY_CAPACITY_PERCENT = 25;

export function contextFor(config: StackConfig, stack: string): StackContext {
    const dr = config.dr;
    return {
        stack,
        config,
        layout: layoutFor({
            strategy: dr.strategy,
            primaryRegion: dr.primaryRegion,
            secondaryRegion: dr.secondaryRegion,
            standbyCapacityPercent: dr.standbyCapacityPercent ?? DEFAULT_STANDBY_CAPACITY_PERCENT,
            activeActiveRouting: config.dns.activeActiveRouting ?? "weighted",
            hasMaintenanceEndpoint: config.dns.maintenanceEndpoint !== undefined,
        }),
        // Decided by config, never by the stack's name: a stack is protected unless it says it may be torn down.
        protect: dr.protectStatefulResources ?? true,
        tags: { ...config.tags, "pulumi-aws-dr:stack": stack },
    };
}

export function networkArgs(ctx: StackContext, role: RegionRole): MultiAzNetworkArgs {
    const n = ctx.config.network;
    return {
        cidrBlock: role.role === "primary" ? n.cidrBlock : n.secondaryCidrBlock,
        availabilityZoneCount: n.availabilityZoneCount,
        natGateways: n.natGateways,
        flowLogRetentionDays: n.flowLogRetentionDays,
        region: role.region,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

/** Where an ALB goes: known only once the network and certificate exist. */
export interface AlbPlacement {
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    certificateArn: pulumi.Input<string>;
    originVerifyValue?: pulumi.Input<string>;
}

export function albArgs(ctx: StackContext, role: RegionRole, placement: AlbPlacement): MultiAzAlbArgs {
    const { targetGroups, originVerifyHeader, ...alb } = ctx.config.alb;
    return {
        ...alb,
        targetGroups: Object.fromEntries(Object.entries(targetGroups).map(([key, tg]) => [key, albTargetGroup(tg, role.region, ctx.layout.regions[0].region)])),
        vpcId: placement.vpcId,
        subnetIds: placement.subnetIds,
        certificateArn: placement.certificateArn,
        originVerify: originVerifyHeader && placement.originVerifyValue
            ? { headerName: originVerifyHeader, value: placement.originVerifyValue, openPaths: healthCheckPaths(ctx) }
            : undefined,
        alarms: { ...alb.alarms, standby: role.capacityShare === 0 },
        // A stack that may be torn down has an ALB that may be deleted.
        deletionProtection: alb.deletionProtection ?? ctx.protect,
        region: role.region,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

/** Paths Route 53 health checks request; they cannot send the CDN's header, so these stay open. */
function healthCheckPaths(ctx: StackContext): string[] | undefined {
    const check = ctx.config.dns.healthCheck;
    if (ctx.layout.dnsPolicy === "simple" || check?.type === "TCP") return undefined;
    return [check?.resourcePath ?? healthCheckDefaults.resourcePath];
}

/** A target group as one region's ALB sees it: only that region's static targets, and no fleet. */
function albTargetGroup(tg: TargetGroupConfig, region: string, primaryRegion: string): MultiAzAlbArgs["targetGroups"][string] {
    // The fleet is not the ALB's business: the stack runs it and attaches it to the group.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { fleet, targets, ...group } = tg;
    const here = targets?.filter((t) => (t.region ?? primaryRegion) === region).map(({ id, port }) => ({ id, port }));
    return here === undefined ? group : { ...group, targets: here };
}

/** The fleets a region runs, by target group, sized by the strategy's share of full capacity. */
export function fleetsFor(ctx: StackContext, role: RegionRole): { key: string; args: Omit<FleetArgs, "vpcId" | "subnetIds" | "securityGroupIds" | "targetGroupArns"> }[] {
    return Object.entries(ctx.config.alb.targetGroups)
        .filter(([, tg]) => tg.fleet !== undefined)
        .map(([key, tg]) => {
            const { min, max, desired, ...settings } = tg.fleet!;
            return { key, args: { ...settings, capacity: scaledCapacity({ min, max, desired }, role.capacityShare), region: role.region, tags: ctx.tags } };
        });
}

export function zoneSpec(dns: DnsConfig): ZoneSpec {
    if (dns.zone.create) return { create: dns.zone.create };
    if (dns.zone.zoneId) return { zoneId: dns.zone.zoneId, zoneName: dns.zone.zoneName } as ZoneSpec;
    return { zoneName: dns.zone.zoneName! };
}

/** The records the strategy asks for, over the ALBs (or maintenance endpoint) by region. */
export function routingFor(ctx: StackContext, targets: Record<string, AliasTarget>): Routing {
    const dns = ctx.config.dns;
    // A standby with no capacity fails its health check until a failover, as its ALB's alarms do.
    const endpoint = (role: RegionRole): Endpoint => ({
        region: role.region,
        target: targets[role.region],
        healthCheck: dns.healthCheck as Endpoint["healthCheck"],
        alarm: role.capacityShare > 0,
    });
    const [primary, secondary] = ctx.layout.regions;
    switch (ctx.layout.dnsPolicy) {
        case "simple":
            return { policy: "simple", endpoint: { region: primary.region, target: targets[primary.region] } };
        case "failover": {
            const maintenance = dns.maintenanceEndpoint;
            const fallback: Endpoint = secondary.runsStack
                ? endpoint(secondary)
                : { region: maintenance!.region, target: { dnsName: maintenance!.dnsName, zoneId: maintenance!.zoneId }, evaluateTargetHealth: false, healthCheck: false };
            return { policy: "failover", primary: endpoint(primary), secondary: fallback };
        }
        case "weighted":
            return {
                policy: "weighted",
                endpoints: Object.fromEntries(ctx.layout.regions.map((r) => [r.region, { ...endpoint(r), weight: dns.weights?.[r.region] ?? 1 }])),
            };
        case "latency":
            return { policy: "latency", endpoints: Object.fromEntries(ctx.layout.regions.map((r) => [r.region, endpoint(r)])) };
    }
}

/** `zone` replaces the configured zone spec, e.g. with a zone the program created once for everyone. */
export function failoverDnsArgs(ctx: StackContext, targets: Record<string, AliasTarget>, zone: ZoneSpec = zoneSpec(ctx.config.dns)): FailoverDnsArgs {
    const dns = ctx.config.dns;
    return {
        zone,
        recordName: dns.recordName,
        routing: routingFor(ctx, targets),
        ipv6: dns.ipv6,
        alarms: dns.alarms,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

export function backupArgs(ctx: StackContext, role: RegionRole): BackupPlanArgs {
    const b = ctx.config.backup;
    return {
        vault: b.vault,
        rules: Object.fromEntries(
            Object.entries(b.rules).map(([name, { copyToSecondary, copyLifecycle, ...rule }]) => [
                name,
                { ...rule, copyTo: role.copiesTo && copyToSecondary !== false ? [{ region: role.copiesTo, lifecycle: copyLifecycle }] : [] },
            ]),
        ),
        selections: b.selections,
        notifications: b.notifications,
        restoreTesting: b.restoreTesting,
        audit: b.audit && {
            minimumFrequency: b.audit.minimumFrequency,
            requiredRetentionDays: b.audit.requiredRetentionDays,
            maxRestoreMinutes: b.audit.maxRestoreTime === undefined ? undefined : Math.ceil(parseDuration(b.audit.maxRestoreTime)! / 60),
        },
        region: role.region,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

/** A value known only at deploy time; the validators skip it, as they skip Outputs. */
const atDeploy = <T>(): pulumi.Input<T> => Promise.resolve() as unknown as pulumi.Input<T>;

/** Rewrites a component's field path to the config path that sets it. */
function remap(problems: readonly InputProblem[], section: string, rewrites: [RegExp, string][] = []): InputProblem[] {
    return problems.map((p) => ({ ...p, path: `${section}.${rewrites.reduce((path, [from, to]) => path.replace(from, to), p.path)}` }));
}

function unique(problems: InputProblem[]): InputProblem[] {
    const seen = new Set<string>();
    return problems.filter((p) => {
        const key = `${p.path}|${p.allowed}`;
        return seen.has(key) ? false : (seen.add(key), true);
    });
}

/**
 * Every problem with a structurally valid config: the strategy's own needs, then each component's
 * validator on the arguments the stack will give it, reported at the config path. Sections in
 * `skip` failed the schema and hold stand-ins: their checks are left out.
 */
export function semanticProblems(config: StackConfig, stack: string, skip: ReadonlySet<keyof StackConfig> = new Set()): InputProblem[] {
    const problems: InputProblem[] = [];
    const dr = config.dr;
    const needsSecondary = dr.strategy !== "backup-restore";
    if (needsSecondary && !dr.secondaryRegion) {
        problems.push({ path: "dr.secondaryRegion", value: undefined, allowed: `a region other than ${dr.primaryRegion}, which the ${dr.strategy} strategy fails over to` });
    }
    if (dr.secondaryRegion === dr.primaryRegion) {
        problems.push({ path: "dr.secondaryRegion", value: dr.secondaryRegion, allowed: "a region other than primaryRegion: a copy in the same region does not survive its loss" });
    }
    if (problems.length > 0) return problems;

    const ctx = contextFor(config, stack);
    const [primary, secondary] = ctx.layout.regions;
    const regionsRun = ctx.layout.regions.filter((r) => r.runsStack && r.region);
    if (!skip.has("network") && !config.network.fromStack) {
        for (const role of regionsRun) {
            const at = role.role === "primary" ? "cidrBlock" : "secondaryCidrBlock";
            if (role.role === "secondary" && !config.network.secondaryCidrBlock) {
                problems.push({ path: "network.secondaryCidrBlock", value: undefined, allowed: `a CIDR block for the network in ${role.region}, not overlapping cidrBlock` });
                continue;
            }
            problems.push(...remap(validateNetworkArgs(networkArgs(ctx, role), role.region), "network", [[/^cidrBlock/, at]]));
        }
        const a = parseCidr(config.network.cidrBlock ?? "10.0.0.0/16");
        const b = config.network.secondaryCidrBlock ? parseCidr(config.network.secondaryCidrBlock) : undefined;
        if (a && b && secondary?.runsStack && overlaps(a, b)) {
            problems.push({ path: "network.secondaryCidrBlock", value: config.network.secondaryCidrBlock, allowed: `a block that does not overlap cidrBlock (${config.network.cidrBlock ?? "10.0.0.0/16"})` });
        }
    }

    if (!skip.has("alb")) problems.push(...albProblems(ctx, primary, regionsRun));
    if (!skip.has("dns")) problems.push(...dnsProblems(ctx, regionsRun.map((r) => r.region)));
    if (!skip.has("backup")) problems.push(...backupProblems(ctx));
    return unique(problems);
}

function albProblems(ctx: StackContext, primary: RegionRole, regionsRun: readonly RegionRole[]): InputProblem[] {
    const config = ctx.config;
    const problems: InputProblem[] = [];
    const placement: AlbPlacement = { vpcId: atDeploy<string>(), subnetIds: atDeploy<string[]>(), certificateArn: atDeploy<string>(), originVerifyValue: atDeploy<string>() };
    for (const role of regionsRun) {
        problems.push(...remap(validateAlbArgs(albArgs(ctx, role, placement), role.region), "alb"));
    }
    for (const { key, args } of fleetsFor(ctx, primary)) {
        const tg = config.alb.targetGroups[key];
        problems.push(...remap(validateFleetArgs(args), `alb.targetGroups.${key}.fleet`, [[/^capacity\./, ""]]));
        if ((tg.targetType ?? "instance") !== "instance") {
            problems.push({ path: `alb.targetGroups.${key}.fleet`, value: tg.fleet, allowed: `unset for a ${tg.targetType} target group (a fleet registers instances)` });
        }
    }
    const sites = regionsRun.map((r) => r.region);
    for (const [key, tg] of Object.entries(config.alb.targetGroups)) {
        (tg.targets ?? []).forEach((target, i) => {
            if (target.region !== undefined && !sites.includes(target.region)) {
                problems.push({ path: `alb.targetGroups.${key}.targets.${i}.region`, value: target.region, allowed: `a region with an ALB in this ${ctx.layout.strategy} stack (${sites.join(", ")})` });
            }
        });
    }
    if (config.originVerifySecret !== undefined && !config.alb.originVerifyHeader) {
        problems.push({ path: "originVerifySecret", value: config.originVerifySecret, allowed: "unset unless alb.originVerifyHeader is set: nothing else uses it" });
    }
    return problems;
}

function dnsProblems(ctx: StackContext, regionsRun: string[]): InputProblem[] {
    const config = ctx.config;
    const problems: InputProblem[] = [];
    for (const region of Object.keys(config.dns.weights ?? {})) {
        if (!ctx.layout.regions.some((r) => r.region === region && r.servesTraffic)) {
            problems.push({ path: `dns.weights.${region}`, value: config.dns.weights![region], allowed: `a weight for a region that serves traffic (${ctx.layout.regions.filter((r) => r.servesTraffic).map((r) => r.region).join(", ")})` });
        }
    }
    if (config.dns.ipv6) {
        problems.push({ path: "dns.ipv6", value: true, allowed: "false: the ALBs are IPv4-only, since the network has no IPv6 CIDRs" });
    }
    const certificate = validateCertificateArgs({ zone: zoneSpec(config.dns), domainName: config.dns.recordName, subjectAlternativeNames: config.dns.subjectAlternativeNames, regions: regionsRun });
    problems.push(...remap(certificate, "dns", [[/^domainName/, "recordName"], [/^regions/, "dr"]]));
    const targets = Object.fromEntries(ctx.layout.regions.map((r) => [r.region, { dnsName: atDeploy<string>(), zoneId: atDeploy<string>() }]));
    problems.push(
        ...remap(validateFailoverDnsArgs(failoverDnsArgs(ctx, targets)), "dns", [
            [/^routing\.(primary|secondary|endpoint|endpoints\.[^.]+)\.healthCheck\./, "healthCheck."],
            [/^routing\.endpoints\.([^.]+)\.weight$/, "weights.$1"],
        ]),
    );
    return problems;
}

function backupProblems(ctx: StackContext): InputProblem[] {
    const problems: InputProblem[] = [];
    const vaultName = ctx.config.backup.vault?.name;
    if (ctx.config.dr.strategy === "active-active" && vaultName) {
        // Each region's plan copies into a vault named like its own in the other region, where the other plan's vault already has that name.
        problems.push({ path: "backup.vault.name", value: vaultName, allowed: "unset for active-active: each region's plan names its vaults after itself" });
    }
    for (const role of ctx.layout.regions.filter((r) => r.backsUp)) {
        problems.push(...remap(validateBackupPlanArgs(backupArgs(ctx, role), role.region), "backup", [[/^rules\.([^.]+)\.copyTo\.0\.lifecycle/, "rules.$1.copyLifecycle"]]));
    }
    return problems;
}

function overlaps(a: { base: number; prefix: number }, b: { base: number; prefix: number }): boolean {
    const size = (c: { prefix: number }) => 2 ** (32 - c.prefix);
    return a.base < b.base + size(b) && b.base < a.base + size(a);
}
