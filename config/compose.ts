/**
 * From a validated stack config to the arguments each component receives. Pure: index.ts calls these
 * with real Outputs; config/checks.ts calls them with placeholders to run the components' own
 * validators before anything is created, so a bad value is reported by its config path.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
    AlbHealthCheck,
    AliasTarget,
    BackupPlanArgs,
    CdnArgs,
    WebAclArgs,
    Endpoint,
    FailoverAutomationArgs,
    FailoverDnsArgs,
    FleetArgs,
    PromotedDatabase,
    MultiAzAlbArgs,
    MultiAzNetworkArgs,
    Routing,
    ZoneSpec,
} from "../components";
import { albDefaults, albHealthCheckDefaults, healthResponderUserData } from "../components";
import { healthCheckDefaults, healthCheckOf } from "../components/internal";
import { DATA_SELECTION, DATA_STORE_TAG, hasDataStores } from "./data";
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
        ssmEndpoints: n.ssmEndpoints,
        flowLogRetentionDays: n.flowLogRetentionDays,
        dynamodbEndpoint: Object.keys(ctx.config.data.tables).length > 0 || undefined,
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
    /** With a CDN: CloudFront's origin-facing and Route 53's health-checker prefix lists, the only sources admitted. */
    ingressPrefixListIds?: pulumi.Input<string>[];
}

/** Whether the stack puts CloudFront in front: only with ALBs in two regions, for the origin group. */
export function cdnEnabled(ctx: StackContext): boolean {
    return ctx.config.cdn.enabled === true;
}

/** The host names CloudFront reaches the ALBs by, all under the app's name (one wildcard SAN covers them). */
export function originNames(ctx: StackContext): { writes: string; byRegion: Record<string, string> } {
    const app = ctx.config.dns.recordName.replace(/\.$/, "");
    return {
        writes: `origin.${app}`,
        byRegion: Object.fromEntries(ctx.layout.regions.map((r) => [r.region, `origin-${r.region}.${app}`])),
    };
}

/** The CDN's arguments, over the two regions' origin names; `certificateArn` is the us-east-1 certificate. */
export function cdnArgs(
    ctx: StackContext,
    certificateArn: pulumi.Input<string>,
    originVerifyValue: pulumi.Input<string> | undefined,
): CdnArgs {
    const c = ctx.config.cdn;
    const names = originNames(ctx);
    const [primary, secondary] = ctx.layout.regions;
    const header = ctx.config.alb.originVerifyHeader;
    return {
        aliases: [ctx.config.dns.recordName],
        certificateArn,
        primaryOrigin: { domainName: names.byRegion[primary.region], region: primary.region },
        secondaryOrigin: {
            domainName: names.byRegion[secondary?.region ?? primary.region],
            region: secondary?.region ?? primary.region,
        },
        writeOrigin: names.writes,
        originVerify:
            header && originVerifyValue
                ? { headerName: header, value: originVerifyValue }
                : (undefined as unknown as CdnArgs["originVerify"]),
        failoverStatusCodes: c.failoverStatusCodes,
        originTimeouts: {
            connectionAttempts: c.connectionAttempts,
            connectionTimeoutSeconds: c.connectionTimeoutSeconds,
            responseTimeoutSeconds: c.responseTimeoutSeconds,
        },
        cachedPaths: c.cachedPaths,
        uncachedPaths: c.uncachedPaths,
        minimumProtocolVersion: c.minimumProtocolVersion,
        priceClass: c.priceClass,
        webAcl: c.waf,
        logExpirationDays: c.logExpirationDays,
        alarms: c.alarms,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

/**
 * Each ALB gets the CDN's web ACL settings in REGIONAL scope, with or without a CDN (Security Hub ELB.16).
 * Behind CloudFront every connection comes from an edge server, so the rate rule counts the client address
 * CloudFront forwards in X-Forwarded-For instead.
 */
export function regionalWebAclArgs(ctx: StackContext, role: RegionRole, albArn: pulumi.Input<string>): WebAclArgs {
    return {
        ...ctx.config.cdn.waf,
        scope: "REGIONAL",
        region: role.region,
        associateWith: [albArn],
        forwardedIp: cdnEnabled(ctx) ? {} : undefined,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

export function albArgs(ctx: StackContext, role: RegionRole, placement: AlbPlacement): MultiAzAlbArgs {
    const { targetGroups, originVerifyHeader, ...alb } = ctx.config.alb;
    return {
        ...alb,
        targetGroups: Object.fromEntries(
            Object.entries(targetGroups).map(([key, tg]) => [
                key,
                albTargetGroup(tg, role.region, ctx.layout.regions[0].region),
            ]),
        ),
        vpcId: placement.vpcId,
        subnetIds: placement.subnetIds,
        certificateArn: placement.certificateArn,
        ingressPrefixListIds: placement.ingressPrefixListIds,
        originVerify:
            originVerifyHeader && placement.originVerifyValue
                ? {
                      headerName: originVerifyHeader,
                      value: placement.originVerifyValue,
                      openPaths: healthCheckPaths(ctx),
                  }
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
function albTargetGroup(
    tg: TargetGroupConfig,
    region: string,
    primaryRegion: string,
): MultiAzAlbArgs["targetGroups"][string] {
    // The fleet is not the ALB's business: the stack runs it and attaches it to the group.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { fleet, targets, ...group } = tg;
    const here = targets?.filter((t) => (t.region ?? primaryRegion) === region).map(({ id, port }) => ({ id, port }));
    const withCheck = { ...group, healthCheck: albHealthCheck(group.healthCheck) };
    return here === undefined ? withCheck : { ...withCheck, targets: here };
}

/**
 * A target group's health check as MultiAzAlb takes it. Stack files may still write `port: traffic-port`, AWS's name
 * for the target's own port; the component's port is a number only (Pulumi's schema inference accepts no unions), and
 * omitting it means the same.
 */
export function albHealthCheck(check: TargetGroupConfig["healthCheck"]): AlbHealthCheck | undefined {
    if (check === undefined) return undefined;
    const { port, ...rest } = check;
    return port === "traffic-port" ? rest : { ...rest, port };
}

/** The fleets a region runs, by target group, sized by the strategy's share of full capacity. */
export function fleetsFor(
    ctx: StackContext,
    role: RegionRole,
): { key: string; args: Omit<FleetArgs, "vpcId" | "subnetIds" | "securityGroupIds" | "targetGroupArns"> }[] {
    return Object.entries(ctx.config.alb.targetGroups)
        .filter(([, tg]) => tg.fleet !== undefined)
        .map(([key, tg]) => {
            const { min, max, desired, standbyMax, ...settings } = tg.fleet!;
            const regionMax = role.role === "secondary" ? (standbyMax ?? max) : max;
            const standIn = hasNoApplication(tg) ? { userData: healthResponderUserData(responderFor(ctx, tg)) } : {};
            return {
                key,
                args: {
                    ...settings,
                    ...standIn,
                    capacity: scaledCapacity({ min, max, desired }, role.capacityShare, regionMax),
                    region: role.region,
                    tags: ctx.tags,
                },
            };
        });
}

/**
 * A fleet with neither user data nor an image of its own boots a stock image with nothing listening:
 * it gets the health responder instead (HTTP checks only: the stand-in has no certificate).
 */
export function hasNoApplication(tg: TargetGroupConfig): boolean {
    const http =
        (tg.protocol ?? albDefaults.targetProtocol) === "HTTP" && (tg.healthCheck?.protocol ?? "HTTP") === "HTTP";
    return tg.fleet !== undefined && tg.fleet.userData === undefined && tg.fleet.imageId === undefined && http;
}

/** The stand-in answers the target group's health check and, through the ALB, Route 53's. */
function responderFor(ctx: StackContext, tg: TargetGroupConfig) {
    const checkPort = tg.healthCheck?.port;
    return {
        port: typeof checkPort === "number" ? checkPort : (tg.port ?? albDefaults.targetPort),
        paths: [tg.healthCheck?.path ?? albHealthCheckDefaults.path, ...(healthCheckPaths(ctx) ?? [])],
    };
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
        evaluateTargetHealth: dns.evaluateTargetHealth,
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
                : {
                      region: maintenance!.region,
                      target: { dnsName: maintenance!.dnsName, zoneId: maintenance!.zoneId },
                      evaluateTargetHealth: false,
                      healthCheck: { enabled: false },
                  };
            return { policy: "failover", primary: endpoint(primary), secondary: fallback };
        }
        case "weighted":
            return {
                policy: "weighted",
                endpoints: Object.fromEntries(
                    ctx.layout.regions.map((r) => [r.region, { ...endpoint(r), weight: dns.weights?.[r.region] ?? 1 }]),
                ),
            };
        case "latency":
            return {
                policy: "latency",
                endpoints: Object.fromEntries(ctx.layout.regions.map((r) => [r.region, endpoint(r)])),
            };
    }
}

/** `zone` replaces the configured zone spec, e.g. with a zone the program created once for everyone. */
export function failoverDnsArgs(
    ctx: StackContext,
    targets: Record<string, AliasTarget>,
    zone: ZoneSpec = zoneSpec(ctx.config.dns),
): FailoverDnsArgs {
    const dns = ctx.config.dns;
    return {
        zone,
        // With a CDN the app name aliases to the distribution; the regional failover moves to the write origin's name.
        recordName: cdnEnabled(ctx) ? originNames(ctx).writes : dns.recordName,
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
                {
                    ...rule,
                    copyTo:
                        role.copiesTo && copyToSecondary !== false
                            ? [{ region: role.copiesTo, lifecycle: copyLifecycle }]
                            : [],
                },
            ]),
        ),
        // A selection by tag picks the data tier's buckets too, which needs the S3 backup policies.
        // The data tier's stores, by their tag: every type they may be (Aurora, DynamoDB, S3).
        selections: hasDataStores(ctx)
            ? {
                  ...b.selections,
                  [DATA_SELECTION]: {
                      resources: ["*"],
                      conditions: { stringEquals: { [DATA_STORE_TAG]: "true" } },
                      includeS3: Object.keys(ctx.config.data.buckets).length > 0,
                  },
              }
            : b.selections,
        // Stack files keep `notifications: false`; the component's single shape is `{ enabled: false }`.
        notifications: b.notifications === false ? { enabled: false } : b.notifications,
        restoreTesting: b.restoreTesting,
        audit: b.audit && {
            configRecorder: b.audit.configRecorder,
            scope: b.audit.scope,
            minimumFrequency: b.audit.minimumFrequency,
            requiredRetentionDays: b.audit.requiredRetentionDays,
            maxRestoreMinutes:
                b.audit.maxRestoreTime === undefined
                    ? undefined
                    : Math.ceil(parseDuration(b.audit.maxRestoreTime)! / 60),
        },
        region: role.region,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

/** What the failover automation acts on in the recovery region, known once those resources exist. */
export interface FailoverTargets {
    /** The primary's ALB: the probe requests its health-check URL, as Route 53 does. */
    primaryAlbDnsName: pulumi.Input<string>;
    /** The recovery region's ALB: the secondary record's alias target, which the DNS witness compares with. */
    standbyAlbDnsName: pulumi.Input<string>;
    /** The Route 53 failover record (FailoverDns's fqdn: with a CDN, the write origin's name). */
    failoverRecordName: pulumi.Input<string>;
    /** The recovery region's Auto Scaling groups, by target group. */
    standbyGroups: Record<string, pulumi.Input<string>>;
    databases: PromotedDatabase[];
}

/**
 * The failover automation's arguments (components/failover), when `dr.failover` is set and the stack has a
 * recovery region: every resource goes there. The probe requests what the primary's Route 53 check requests,
 * except with a CDN: the primary's ALB then admits only CloudFront and Route 53's health checkers (index.ts), so
 * there is no probe and the DNS witness alone raises and promotes. The raise brings each recovery fleet to the
 * full size the DR report counts (`dr.fullSize`).
 */
export function failoverArgs(ctx: StackContext, targets: FailoverTargets): FailoverAutomationArgs | undefined {
    const failover = ctx.config.dr.failover;
    const [primary, recovery] = ctx.layout.regions;
    if (failover === undefined || recovery === undefined || !recovery.runsStack) return undefined;
    const check = healthCheckOf({
        region: primary.region,
        target: { dnsName: "", zoneId: "" },
        healthCheck: ctx.config.dns.healthCheck as Endpoint["healthCheck"],
    });
    const scheme = check?.type.startsWith("HTTPS") || check?.type === "TCP" ? "https" : "http";
    const path = check?.type === "TCP" ? "/" : (check?.resourcePath ?? healthCheckDefaults.resourcePath);
    const port = check?.port ?? 443;
    const fullSize = ctx.config.dr.fullSize ?? "maximum";
    return {
        region: recovery.region,
        primaryRegion: primary.region,
        mode: failover.mode,
        owner: failover.owner,
        probeUrl: probeReachesPrimary(ctx)
            ? pulumi.interpolate`${scheme}://${targets.primaryAlbDnsName}:${port}${path}`
            : undefined,
        probe: failover.probe,
        dns: {
            ...failover.dns,
            recordName: targets.failoverRecordName,
            standbyDnsName: targets.standbyAlbDnsName,
        },
        fleets: Object.entries(ctx.config.alb.targetGroups)
            .filter(([key, tg]) => tg.fleet !== undefined && targets.standbyGroups[key] !== undefined)
            .map(([key, tg]) => ({
                key,
                autoScalingGroupName: targets.standbyGroups[key],
                fullSize: fullSize === "maximum" ? tg.fleet!.max : tg.fleet!.desired,
            })),
        databases: targets.databases,
        protectStatefulResources: ctx.protect,
        tags: ctx.tags,
    };
}

/** Whether a probe from the recovery region reaches the primary's ALB: not with a CDN (it admits only CloudFront). */
export const probeReachesPrimary = (ctx: StackContext) => !cdnEnabled(ctx);
