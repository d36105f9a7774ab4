/**
 * The checks of a stack config that span its sections: what the strategy needs, and each component's own
 * validator run on the arguments compose.ts builds, with every problem reported at the config path that
 * sets it. Runs before any resource is created (config/load.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    InputProblem,
    parseCidr,
    validateAlbArgs,
    validateBackupPlanArgs,
    validateCertificateArgs,
    validateCdnArgs,
    validateWebAclArgs,
    validateFailoverAutomationArgs,
    validateFailoverDnsArgs,
    MAX_FLEET_SIZE,
    validateFleetArgs,
    validateGlobalDatabaseArgs,
    validateGlobalTableArgs,
    validateNetworkArgs,
    validateReplicatedBucketArgs,
    networkDefaults,
} from "../components/internal";
import {
    AlbPlacement,
    albArgs,
    backupArgs,
    cdnArgs,
    cdnEnabled,
    regionalWebAclArgs,
    contextFor,
    failoverArgs,
    failoverDnsArgs,
    fleetsFor,
    networkArgs,
    StackContext,
    zoneSpec,
} from "./compose";
import { bucketArgs, DATA_SELECTION, DatabaseNetworks, databaseArgs, tableArgs } from "./data";
import { StackConfig } from "./schema";
import { RegionRole } from "./strategy";

/** A value known only at deploy time; the validators skip it, as they skip Outputs. */
const atDeploy = <T>(): pulumi.Input<T> => Promise.resolve() as unknown as pulumi.Input<T>;

/** Rewrites a component's field path to the config path that sets it. */
function remap(problems: readonly InputProblem[], section: string, rewrites: [RegExp, string][] = []): InputProblem[] {
    return problems.map((p) => ({
        ...p,
        path: `${section}.${rewrites.reduce((path, [from, to]) => path.replace(from, to), p.path)}`,
    }));
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
export function semanticProblems(
    config: StackConfig,
    stack: string,
    skip: ReadonlySet<keyof StackConfig> = new Set(),
): InputProblem[] {
    const problems: InputProblem[] = [];
    const dr = config.dr;
    const needsSecondary = dr.strategy !== "backup-restore";
    if (needsSecondary && !dr.secondaryRegion) {
        problems.push({
            path: "dr.secondaryRegion",
            value: undefined,
            allowed: `a region other than ${dr.primaryRegion}, which the ${dr.strategy} strategy fails over to`,
        });
    }
    if (dr.secondaryRegion === dr.primaryRegion) {
        problems.push({
            path: "dr.secondaryRegion",
            value: dr.secondaryRegion,
            allowed: "a region other than primaryRegion: a copy in the same region does not survive its loss",
        });
    }
    if (problems.length > 0) return problems;

    const ctx = contextFor(config, stack);
    const [primary, secondary] = ctx.layout.regions;
    const regionsRun = ctx.layout.regions.filter((r) => r.runsStack && r.region);
    if (!skip.has("network") && !config.network.fromStack) {
        for (const role of regionsRun) {
            const at = role.role === "primary" ? "cidrBlock" : "secondaryCidrBlock";
            if (role.role === "secondary" && !config.network.secondaryCidrBlock) {
                problems.push({
                    path: "network.secondaryCidrBlock",
                    value: undefined,
                    allowed: `a CIDR block for the network in ${role.region}, not overlapping cidrBlock`,
                });
                continue;
            }
            problems.push(
                ...remap(validateNetworkArgs(networkArgs(ctx, role), role.region), "network", [[/^cidrBlock/, at]]),
            );
        }
        const a = parseCidr(config.network.cidrBlock ?? "10.0.0.0/16");
        const b = config.network.secondaryCidrBlock ? parseCidr(config.network.secondaryCidrBlock) : undefined;
        if (a && b && secondary?.runsStack && overlaps(a, b)) {
            problems.push({
                path: "network.secondaryCidrBlock",
                value: config.network.secondaryCidrBlock,
                allowed: `a block that does not overlap cidrBlock (${config.network.cidrBlock ?? "10.0.0.0/16"})`,
            });
        }
    }

    if (!skip.has("alb")) problems.push(...albProblems(ctx, primary, regionsRun));
    if (!skip.has("dns"))
        problems.push(
            ...dnsProblems(
                ctx,
                regionsRun.map((r) => r.region),
            ),
        );
    if (!skip.has("cdn") && !skip.has("alb")) problems.push(...cdnProblems(ctx, regionsRun));
    if (!skip.has("backup")) problems.push(...backupProblems(ctx));
    if (!skip.has("data") && !skip.has("backup")) problems.push(...dataProblems(ctx));
    if (!skip.has("network") && !skip.has("alb")) problems.push(...drillProblems(ctx));
    if (!skip.has("dr")) problems.push(...failoverProblems(ctx));
    return unique(problems);
}

/**
 * `dr.failover`: a recovery region that runs the stack to automate, an owner for a manual promotion, and the
 * component's own checks on the probe and alarm settings, at their config paths.
 */
function failoverProblems(ctx: StackContext): InputProblem[] {
    const failover = ctx.config.dr.failover;
    if (failover === undefined) return [];
    const recovery = ctx.layout.regions[1];
    if (recovery === undefined || !recovery.runsStack) {
        // Nothing to automate without a running recovery region; `manual` still names who restores.
        if (failover.mode === "manual") return ownerProblems(failover);
        return [
            {
                path: "dr.failover",
                value: failover,
                allowed: `manual or unset for ${ctx.layout.strategy}${recovery ? "" : " without dr.secondaryRegion"}: failover automation needs a recovery region that runs the stack (pilot-light, warm-standby or active-active)`,
            },
        ];
    }
    const args = failoverArgs(ctx, {
        primaryAlbDnsName: atDeploy<string>(),
        standbyAlbDnsName: atDeploy<string>(),
        failoverRecordName: atDeploy<string>(),
        standbyGroups: {},
        databases: Object.keys(ctx.config.data.databases).map((key) => ({
            key,
            globalClusterId: atDeploy<string>(),
            secondaryClusterArn: atDeploy<string>(),
            secondaryClusterId: atDeploy<string>(),
        })),
    })!;
    // Without a probe (a CDN stack) the DNS witness raises the standby, but a pilot light's own check fails
    // until it is raised, and Route 53 answers with the primary while both are unhealthy (dns-failover-types.html).
    const unraisable: InputProblem[] =
        ctx.layout.strategy === "pilot-light" && args.probeUrl === undefined
            ? [
                  {
                      path: "dr.failover",
                      value: failover,
                      allowed: `unset for a pilot light behind the CDN: the primary's ALB admits only CloudFront and Route 53's health checkers, so no probe reaches it, and Route 53 never answers with a standby whose own health check fails until it is raised (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html); use warm-standby, or raise it by hand (dr.assumptions.scaleOutTrigger)`,
                  },
              ]
            : [];
    return [
        ...unraisable,
        ...ownerProblems(failover),
        ...remap(validateFailoverAutomationArgs(args), "dr.failover").filter(
            (p) => !/^dr\.failover\.(owner|region|primaryRegion|probeUrl|dns$)/.test(p.path),
        ),
    ];
}

/** A manual step with no one to take it: the report would count a "decide and act" nobody owns. */
function ownerProblems(failover: { mode: string; owner?: string }): InputProblem[] {
    if (failover.mode !== "manual" || failover.owner?.trim()) return [];
    return [
        {
            path: "dr.failover.owner",
            value: failover.owner,
            allowed: "who decides and starts the failover (a team or on-call rota): a manual step needs an owner",
        },
    ];
}

function albProblems(ctx: StackContext, primary: RegionRole, regionsRun: readonly RegionRole[]): InputProblem[] {
    const config = ctx.config;
    const problems: InputProblem[] = [];
    const placement: AlbPlacement = {
        vpcId: atDeploy<string>(),
        subnetIds: atDeploy<string[]>(),
        certificateArn: atDeploy<string>(),
        originVerifyValue: atDeploy<string>(),
    };
    for (const role of regionsRun) {
        problems.push(...remap(validateAlbArgs(albArgs(ctx, role, placement), role.region), "alb"));
    }
    for (const { key, args } of fleetsFor(ctx, primary)) {
        const tg = config.alb.targetGroups[key];
        problems.push(...remap(validateFleetArgs(args), `alb.targetGroups.${key}.fleet`, [[/^capacity\./, ""]]));
        const standbyMax = tg.fleet?.standbyMax;
        if (
            standbyMax !== undefined &&
            !(Number.isInteger(standbyMax) && standbyMax >= 0 && standbyMax <= MAX_FLEET_SIZE)
        ) {
            problems.push({
                path: `alb.targetGroups.${key}.fleet.standbyMax`,
                value: standbyMax,
                allowed: `an integer 0..${MAX_FLEET_SIZE}`,
            });
        }
        if (standbyMax !== undefined && regionsRun.length < 2) {
            problems.push({
                path: `alb.targetGroups.${key}.fleet.standbyMax`,
                value: standbyMax,
                allowed: `manual or unset for ${ctx.layout.strategy} without a second region that runs the stack`,
            });
        }
        if ((tg.targetType ?? "instance") !== "instance") {
            problems.push({
                path: `alb.targetGroups.${key}.fleet`,
                value: tg.fleet,
                allowed: `unset for a ${tg.targetType} target group (a fleet registers instances)`,
            });
        }
    }
    const sites = regionsRun.map((r) => r.region);
    for (const [key, tg] of Object.entries(config.alb.targetGroups)) {
        (tg.targets ?? []).forEach((target, i) => {
            if (target.region !== undefined && !sites.includes(target.region)) {
                problems.push({
                    path: `alb.targetGroups.${key}.targets.${i}.region`,
                    value: target.region,
                    allowed: `a region with an ALB in this ${ctx.layout.strategy} stack (${sites.join(", ")})`,
                });
            }
        });
    }
    if (config.originVerifySecret !== undefined && !config.alb.originVerifyHeader) {
        problems.push({
            path: "originVerifySecret",
            value: config.originVerifySecret,
            allowed: "unset unless alb.originVerifyHeader is set: nothing else uses it",
        });
    }
    return problems;
}

/** The CDN's own validator at `cdn.*`, and what it needs from the stack: two regions of ALBs and the origin header. */
function cdnProblems(ctx: StackContext, regionsRun: readonly RegionRole[]): InputProblem[] {
    // Each ALB's own web ACL takes the `waf` settings (with a CDN, the CDN's validator finds the same problems;
    // the caller reports each once).
    const problems: InputProblem[] = regionsRun.flatMap((role) =>
        remap(validateWebAclArgs(regionalWebAclArgs(ctx, role, atDeploy<string>())), "cdn", [
            [/^(rateLimit|rateWindowSeconds|logRetentionDays)/, "waf.$1"],
        ]),
    );
    if (!cdnEnabled(ctx)) return problems;
    if (regionsRun.length < 2) {
        problems.push({
            path: "cdn.enabled",
            value: true,
            allowed: `false for ${ctx.layout.strategy} with ALBs in one region: the origin group needs one in each of two regions`,
        });
    }
    if (!ctx.config.alb.originVerifyHeader) {
        problems.push({
            path: "alb.originVerifyHeader",
            value: undefined,
            allowed:
                "a header name when cdn.enabled: without it anyone could bypass the CDN and its WAF by calling an ALB directly",
        });
    }
    const args = cdnArgs(ctx, atDeploy<string>(), ctx.config.alb.originVerifyHeader ? atDeploy<string>() : undefined);
    const found = validateCdnArgs(args).filter(
        (p) => p.path !== "originVerify" && !(regionsRun.length < 2 && /Origin\.region$/.test(p.path)),
    );
    problems.push(
        ...remap(found, "cdn", [
            [/^originTimeouts\./, ""],
            [/^webAcl\./, "waf."],
        ]),
    );
    return problems;
}

function dnsProblems(ctx: StackContext, regionsRun: string[]): InputProblem[] {
    const config = ctx.config;
    const problems: InputProblem[] = [];
    for (const region of Object.keys(config.dns.weights ?? {})) {
        if (!ctx.layout.regions.some((r) => r.region === region && r.servesTraffic)) {
            problems.push({
                path: `dns.weights.${region}`,
                value: config.dns.weights![region],
                allowed: `a weight for a region that serves traffic (${ctx.layout.regions
                    .filter((r) => r.servesTraffic)
                    .map((r) => r.region)
                    .join(", ")})`,
            });
        }
    }
    if (config.dns.ipv6) {
        problems.push({
            path: "dns.ipv6",
            value: true,
            allowed: "false: the ALBs are IPv4-only, since the network has no IPv6 CIDRs",
        });
    }
    const certificate = validateCertificateArgs({
        zone: zoneSpec(config.dns),
        domainName: config.dns.recordName,
        subjectAlternativeNames: config.dns.subjectAlternativeNames,
        regions: regionsRun,
    });
    problems.push(
        ...remap(certificate, "dns", [
            [/^domainName/, "recordName"],
            [/^regions/, "dr"],
        ]),
    );
    const targets = Object.fromEntries(
        ctx.layout.regions.map((r) => [r.region, { dnsName: atDeploy<string>(), zoneId: atDeploy<string>() }]),
    );
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
        problems.push({
            path: "backup.vault.name",
            value: vaultName,
            allowed: "unset for active-active: each region's plan names its vaults after itself",
        });
    }
    for (const role of ctx.layout.regions.filter((r) => r.backsUp)) {
        problems.push(
            ...remap(validateBackupPlanArgs(backupArgs(ctx, role), role.region), "backup", [
                [/^rules\.([^.]+)\.copyTo\.0\.lifecycle/, "rules.$1.copyLifecycle"],
            ]),
        );
    }
    return problems;
}

/**
 * The drills target what the stack builds in its primary region: the subnets of one of its AZs (known
 * only when the stack builds its network) and its fleets' Auto Scaling groups.
 */
function drillProblems(ctx: StackContext): InputProblem[] {
    const drills = ctx.config.dr.drills;
    if (!drills?.enabled) return [];
    const problems: InputProblem[] = [];
    if (ctx.config.network.fromStack)
        problems.push({
            path: "network.fromStack",
            value: ctx.config.network.fromStack,
            allowed:
                "unset while dr.drills.enabled: the AZ failure drill targets one AZ's subnets, which only a network this stack builds names",
        });
    const zones = ctx.config.network.availabilityZoneCount ?? networkDefaults.availabilityZoneCount;
    const zoneIndex = drills.zoneIndex ?? 0;
    if (zoneIndex >= zones)
        problems.push({
            path: "dr.drills.zoneIndex",
            value: zoneIndex,
            allowed: `an index of one of the network's ${zones} AZs, 0..${zones - 1}`,
        });
    if (Object.values(ctx.config.alb.targetGroups).every((tg) => tg.fleet === undefined))
        problems.push({
            path: "alb.targetGroups",
            value: Object.keys(ctx.config.alb.targetGroups),
            allowed:
                "at least one target group with a fleet while dr.drills.enabled: the drills stop on its alarms and the application-loss drill terminates its instances",
        });
    return problems;
}

function overlaps(a: { base: number; prefix: number }, b: { base: number; prefix: number }): boolean {
    const size = (c: { prefix: number }) => 2 ** (32 - c.prefix);
    return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/**
 * Every problem with the `data` section: each store's component validator at its config path, a
 * selection name free for the stores' own, and the protection a protected stack asks for.
 */
export function dataProblems(ctx: StackContext): InputProblem[] {
    const data = ctx.config.data;
    const problems: InputProblem[] = [];
    const primary = ctx.layout.regions[0].region;
    if (
        data &&
        DATA_SELECTION in ctx.config.backup.selections &&
        Object.keys(data.buckets).length + Object.keys(data.tables).length + Object.keys(data.databases).length > 0
    ) {
        problems.push({
            path: `backup.selections.${DATA_SELECTION}`,
            value: ctx.config.backup.selections[DATA_SELECTION],
            allowed: "unset: the data tier adds a selection of this name for its stores",
        });
    }
    for (const key of Object.keys(data.buckets)) {
        problems.push(
            ...remap(validateReplicatedBucketArgs(bucketArgs(ctx, key), primary), `data.buckets.${key}`, [
                [/^objectLock\.days$/, "objectLockDays"],
            ]),
        );
    }
    for (const [key, table] of Object.entries(data.tables)) {
        problems.push(
            ...remap(validateGlobalTableArgs(tableArgs(ctx, key), primary), `data.tables.${key}`, [
                [/^replicaRegions(\.\d+)?$/, "consistency"],
            ]),
        );
        if (ctx.protect) {
            for (const field of ["pointInTimeRecovery", "deletionProtection"] as const) {
                if (table[field] === false)
                    problems.push({
                        path: `data.tables.${key}.${field}`,
                        value: false,
                        allowed: `true (or unset) in stack "${ctx.stack}", which protects its stateful resources`,
                    });
            }
        }
    }
    const network = (): DatabaseNetworks[string] => ({
        vpcId: atDeploy<string>(),
        subnetIds: atDeploy<string[]>(),
        clientSecurityGroupIds: [atDeploy<string>()] as pulumi.Input<string>[],
    });
    const networks = Object.fromEntries(ctx.layout.regions.map((r) => [r.region, network()]));
    for (const key of Object.keys(data.databases)) {
        problems.push(
            ...remap(validateGlobalDatabaseArgs(databaseArgs(ctx, key, networks), primary), `data.databases.${key}`, [
                [/^rpoBoundSeconds$/, "rpoBound"],
            ]),
        );
    }
    return problems;
}
