/** From a stack's validated config to the DR model's input, with the config path of every number. */
import {
    cdnDefaults,
    failoverBreakdown,
    failoverDefaults,
    fleetDefaults,
    HEALTH_CHECK_TIMEOUT_SECONDS,
    healthCheckDefaults,
    healthCheckOf,
    networkDefaults,
    recoveryPointObjective,
    resolveHealthCheck,
} from "../components/internal";
import { dnsDefaults } from "../components/dns";
import {
    Assumed,
    backedUpResourceTypes,
    BackedUpType,
    drAssumptions,
    DrModelInput,
    FailoverInput,
    FleetRecovery,
} from "../dr";
import { DataStoreInput, dataStoreAssumptions, replicatedStores, storeRpo } from "../dr/dataStores";
import { dataShape } from "./data";
import { albHealthCheck, backupArgs, fleetsFor, probeReachesPrimary, routingFor, StackContext } from "./compose";
import { parseDuration } from "./duration";
import { NAMESPACE, StackConfig } from "./schema";

const at = (path: string) => `${NAMESPACE}:${path}`;

/** An assumption as the stack declared it, else the model's default. */
function assumed(declared: string | undefined, fallback: number, path: string): Assumed {
    return {
        value: declared === undefined ? fallback : parseDuration(declared)!,
        path: at(path),
        declared: declared !== undefined,
    };
}

/**
 * Each type the selections may pick, with its restore time: the one duration declared for every
 * type, the type's own entry, or the default (drAssumptions.restoreSeconds).
 */
function backedUpTypes(config: StackConfig, stores: readonly DataStoreInput[]): DrModelInput["backedUp"] {
    const selected = backedUpResourceTypes(config.backup.selections, config.backup.restoreTesting?.resourceTypes);
    // The data tier's own selection picks exactly its stores' types.
    const storeTypes = [
        ...new Set(stores.map((s) => ({ bucket: "S3", table: "DynamoDB", database: "Aurora" })[s.kind])),
    ];
    const types = [...selected.types, ...storeTypes.filter((t) => !selected.types.includes(t))];
    const basis =
        storeTypes.length > 0
            ? `${selected.basis}, and the data tier's stores (${storeTypes.join(", ")})`
            : selected.basis;
    const uncopyable = selected.uncopyable;
    const declared = config.dr.assumptions?.restoreTime;
    return {
        basis,
        uncopyable,
        types: types.map((resourceType): BackedUpType => {
            const own = typeof declared === "string" ? declared : declared?.[resourceType];
            const path = at(
                typeof declared === "object"
                    ? `dr.assumptions.restoreTime.${resourceType}`
                    : "dr.assumptions.restoreTime",
            );
            return {
                resourceType,
                restoreSeconds: { value: own === undefined ? drAssumptions.restoreSeconds : parseDuration(own)!, path },
                declared: own !== undefined,
            };
        }),
    };
}

/** The data tier's stores as the DR model sees them: replicated or not, with their bounds and assumptions. */
export function dataStoreInputs(ctx: StackContext): DataStoreInput[] {
    const data = ctx.config.data;
    const assumptions = ctx.config.dr.assumptions ?? {};
    const replicated = dataShape(ctx).replicaRegion !== undefined;
    const buckets = Object.entries(data.buckets).map(([name, b]): DataStoreInput => ({
        kind: "bucket",
        name,
        replicated,
        replicationTimeControl: {
            value: b.replicationTimeControl ?? true,
            path: at(`data.buckets.${name}.replicationTimeControl`),
        },
        replicationTail: assumed(
            assumptions.s3ReplicationTail,
            dataStoreAssumptions.s3ReplicationTailSeconds,
            "dr.assumptions.s3ReplicationTail",
        ),
    }));
    const tables = Object.entries(data.tables).map(([name, t]): DataStoreInput => ({
        kind: "table",
        name,
        replicated,
        consistency: { value: t.consistency ?? "eventual", path: at(`data.tables.${name}.consistency`) },
        replicationLag: assumed(
            assumptions.tableReplicationLag,
            dataStoreAssumptions.tableReplicationLagSeconds,
            "dr.assumptions.tableReplicationLag",
        ),
    }));
    const databases = Object.entries(data.databases).map(([name, d]): DataStoreInput => {
        const secondaryInstances = d.secondaryInstances ?? dataShape(ctx).secondaryInstances(d.primaryInstances ?? 2);
        return {
            kind: "database",
            name,
            replicated,
            rpoBound:
                d.rpoBound === undefined
                    ? undefined
                    : { value: parseDuration(d.rpoBound)!, path: at(`data.databases.${name}.rpoBound`) },
            replicationLag: assumed(
                assumptions.databaseReplicationLag,
                dataStoreAssumptions.databaseReplicationLagSeconds,
                "dr.assumptions.databaseReplicationLag",
            ),
            promotion: assumed(
                assumptions.databasePromotion,
                dataStoreAssumptions.databasePromotionSeconds,
                "dr.assumptions.databasePromotion",
            ),
            headlessLaunch:
                secondaryInstances === 0
                    ? assumed(
                          assumptions.headlessInstanceLaunch,
                          dataStoreAssumptions.headlessInstanceLaunchSeconds,
                          "dr.assumptions.headlessInstanceLaunch",
                      )
                    : undefined,
        };
    });
    return [...buckets, ...tables, ...databases];
}

/** The failover automation as the DR model counts it (components/failover), or none when `dr.failover` is unset. */
export function failoverInput(ctx: StackContext): FailoverInput | undefined {
    const failover = ctx.config.dr.failover;
    if (failover === undefined) return undefined;
    const probe = failover.probe ?? {};
    const dns = failover.dns ?? {};
    const alarm = (
        section: "probe" | "dns",
        given: { periodSeconds?: number; datapointsToAlarm?: number },
        datapoints: number,
    ) => ({
        value: (given.periodSeconds ?? 60) * (given.datapointsToAlarm ?? datapoints),
        path: at(`dr.failover.${section}`),
    });
    return {
        mode: { value: failover.mode, path: at("dr.failover.mode") },
        owner: failover.owner,
        probeIntervalSeconds: {
            value: 60 * (probe.intervalMinutes ?? failoverDefaults.probeIntervalMinutes),
            path: at("dr.failover.probe.intervalMinutes"),
        },
        probeTimeoutSeconds: {
            value: probe.timeoutSeconds ?? failoverDefaults.probeTimeoutSeconds,
            path: at("dr.failover.probe.timeoutSeconds"),
        },
        probeAlarmSeconds: alarm("probe", probe, failoverDefaults.probeDatapoints),
        dnsAlarmSeconds: alarm("dns", dns, failoverDefaults.dnsDatapoints),
        automationStart: assumed(
            ctx.config.dr.assumptions?.automationStart,
            drAssumptions.automationStartSeconds,
            "dr.assumptions.automationStart",
        ),
        // With a CDN the primary's ALB admits only CloudFront and Route 53's health checkers (index.ts).
        probeReachesPrimary: probeReachesPrimary(ctx),
    };
}

export function drModelInput(ctx: StackContext): DrModelInput {
    const { config, layout } = ctx;
    const dr = config.dr;
    const assumptions = dr.assumptions ?? {};
    const seconds = (text: string | undefined) => (text === undefined ? undefined : parseDuration(text));
    const [primary, ...others] = layout.regions;
    const stores = dataStoreInputs(ctx);

    // The DNS terms depend only on the health-check settings, not on the endpoints' addresses.
    const placeholder = Object.fromEntries(
        layout.regions.map((r) => [r.region, { dnsName: `${r.region}.elb.amazonaws.com`, zoneId: "Z" }]),
    );
    const routing = routingFor(ctx, placeholder);
    const breakdown = failoverBreakdown(routing);
    const standbyCheck = routing.policy === "failover" ? healthCheckOf(routing.secondary!) : undefined;

    const warmup = seconds(assumptions.instanceWarmup);
    // The recovery region's fleets as the strategy sizes them; a single-region stack has none.
    const recovery = others.find((r) => r.runsStack);
    const standbyFleets = new Map(recovery ? fleetsFor(ctx, recovery).map((f) => [f.key, f.args.capacity]) : []);
    const fleets: FleetRecovery[] = Object.entries(config.alb.targetGroups)
        .filter(([, tg]) => tg.fleet !== undefined)
        .map(([key, tg]) => {
            const hc = resolveHealthCheck(albHealthCheck(tg.healthCheck));
            const fleet = tg.fleet!;
            const standby = standbyFleets.get(key) ?? { desired: 0, max: 0 };
            return {
                unhealthyAfterSeconds: hc.unhealthyThreshold * hc.interval,
                primary: { desired: fleet.desired, max: fleet.max },
                standby: {
                    desired: standby.desired,
                    max: {
                        value: standby.max,
                        path: at(
                            `alb.targetGroups.${key}.fleet.${fleet.standbyMax === undefined ? "max" : "standbyMax"}`,
                        ),
                    },
                },
                targetCpuPercent: fleet.targetCpuPercent ?? fleetDefaults.targetCpuPercent,
                targetGroup: key,
                instanceWarmupSeconds:
                    warmup !== undefined
                        ? { value: warmup, path: at("dr.assumptions.instanceWarmup") }
                        : {
                              value: tg.fleet!.instanceWarmupSeconds ?? fleetDefaults.instanceWarmupSeconds,
                              path: at(`alb.targetGroups.${key}.fleet.instanceWarmupSeconds`),
                          },
                healthyAfterSeconds: {
                    value: hc.healthyThreshold * hc.interval,
                    path: at(`alb.targetGroups.${key}.healthCheck`),
                },
            };
        });

    const copyLag = seconds(assumptions.copyLag);
    // A regional disaster takes the primary: what counts is what its plan has put elsewhere.
    const rules = Object.entries(backupArgs(ctx, primary).rules).map(([name, rule]) => ({
        rule: name,
        region: primary.region,
        rpo: recoveryPointObjective(rule, {
            vaultRegion: primary.region,
            copyLagMinutes: copyLag === undefined ? undefined : copyLag / 60,
            name,
        }),
        path: at(`backup.rules.${name}`),
        schedule: rule.schedule,
        scheduleTimezone: rule.scheduleTimezone,
    }));

    return {
        strategy: dr.strategy,
        strategyPath: at("dr.strategy"),
        objectives: {
            rtoSeconds: { value: parseDuration(dr.objectives.rto)!, path: at("dr.objectives.rto") },
            rpoSeconds: { value: parseDuration(dr.objectives.rpo)!, path: at("dr.objectives.rpo") },
            az: dr.objectives.az && {
                rtoSeconds: { value: parseDuration(dr.objectives.az.rto)!, path: at("dr.objectives.az.rto") },
                rpoSeconds: { value: parseDuration(dr.objectives.az.rpo)!, path: at("dr.objectives.az.rpo") },
            },
            corruption: dr.objectives.corruption && {
                rpoSeconds: {
                    value: parseDuration(dr.objectives.corruption.rpo)!,
                    path: at("dr.objectives.corruption.rpo"),
                },
            },
        },
        survivingRegions: others.map((r) => r.region),
        dns: {
            breakdown,
            healthCheckPath: at("dns.healthCheck"),
            automatic: layout.dnsPolicy !== "simple" && breakdown.detectSeconds > 0,
            healthCheck: {
                requestInterval: config.dns.healthCheck?.requestInterval ?? healthCheckDefaults.requestInterval,
                failureThreshold: config.dns.healthCheck?.failureThreshold ?? healthCheckDefaults.failureThreshold,
                timeoutSeconds: HEALTH_CHECK_TIMEOUT_SECONDS[config.dns.healthCheck?.type ?? healthCheckDefaults.type],
            },
            standbyHealthCheck: standbyCheck && {
                requestInterval: standbyCheck.requestInterval,
                failureThreshold: standbyCheck.failureThreshold,
                timeoutSeconds: HEALTH_CHECK_TIMEOUT_SECONDS[standbyCheck.type],
            },
            evaluateTargetHealth: {
                value: config.dns.evaluateTargetHealth ?? dnsDefaults.evaluateTargetHealth,
                path: at("dns.evaluateTargetHealth"),
            },
        },
        fullSize: { value: dr.fullSize ?? "maximum", path: at("dr.fullSize") },
        scaleOutAlarmSeconds: assumed(
            assumptions.scaleOutAlarm,
            drAssumptions.scaleOutAlarmSeconds,
            "dr.assumptions.scaleOutAlarm",
        ),
        fleets,
        backedUp: backedUpTypes(config, stores),
        replicatedStores: replicatedStores(stores),
        replicatedRpo: stores.filter((s) => s.replicated).map(storeRpo),
        scaleOutTriggerSeconds: assumed(
            assumptions.scaleOutTrigger,
            drAssumptions.scaleOutTriggerSeconds,
            "dr.assumptions.scaleOutTrigger",
        ),
        restoreAttachSeconds: assumed(
            assumptions.restoreAttach,
            drAssumptions.restoreAttachSeconds,
            "dr.assumptions.restoreAttach",
        ),
        az: {
            zones: {
                value: config.network.availabilityZoneCount ?? networkDefaults.availabilityZoneCount,
                path: at("network.availabilityZoneCount"),
            },
            natGateways: {
                value: config.network.natGateways ?? networkDefaults.natGateways,
                path: at("network.natGateways"),
            },
        },
        corruption: {
            detectionDelaySeconds: assumed(
                assumptions.corruptionDetection,
                drAssumptions.corruptionDetectionSeconds,
                "dr.assumptions.corruptionDetection",
            ),
            retentionDays: Object.fromEntries(
                Object.entries(config.backup.rules).map(([name, rule]) => [name, rule.lifecycle?.deleteAfterDays]),
            ),
            vaultLock: config.backup.vault?.lock && {
                mode: config.backup.vault.lock.mode,
                path: at("backup.vault.lock.mode"),
            },
            isolatedCopy: false,
        },
        rules,
        ...(config.cdn.enabled
            ? {
                  cdn: {
                      connectionAttempts: config.cdn.connectionAttempts ?? cdnDefaults.connectionAttempts,
                      connectionTimeoutSeconds:
                          config.cdn.connectionTimeoutSeconds ?? cdnDefaults.connectionTimeoutSeconds,
                      responseTimeoutSeconds: config.cdn.responseTimeoutSeconds ?? cdnDefaults.responseTimeoutSeconds,
                      path: at("cdn"),
                      uncachedPaths: config.cdn.uncachedPaths ?? [...cdnDefaults.uncachedPaths],
                  },
              }
            : {}),
        coldStorageRestoreSeconds: {
            value: seconds(assumptions.coldStorageRestore) ?? drAssumptions.coldStorageRestoreSeconds,
            path: at("dr.assumptions.coldStorageRestore"),
            declared: assumptions.coldStorageRestore !== undefined,
        },
        ...(recovery ? { failover: failoverInput(ctx) } : {}),
    };
}
