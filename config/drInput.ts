/** From a stack's validated config to the DR model's input, with the config path of every number. */
import { failoverBreakdown, fleetDefaults, healthCheckDefaults, recoveryPointObjective, resolveHealthCheck } from "../components/internal";
import { backedUpResourceTypes, BackedUpType, drAssumptions, DrModelInput, FleetRecovery } from "../dr";
import { backupArgs, routingFor, StackContext } from "./compose";
import { parseDuration } from "./duration";
import { NAMESPACE, StackConfig } from "./schema";

const at = (path: string) => `${NAMESPACE}:${path}`;

/**
 * Each type the selections may pick, with its restore time: the one duration declared for every
 * type, the type's own entry, or the default (drAssumptions.restoreSeconds).
 */
function backedUpTypes(config: StackConfig): DrModelInput["backedUp"] {
    const { types, basis } = backedUpResourceTypes(config.backup.selections, config.backup.restoreTesting?.resourceTypes);
    const declared = config.dr.assumptions?.restoreTime;
    return {
        basis,
        types: types.map((resourceType): BackedUpType => {
            const own = typeof declared === "string" ? declared : declared?.[resourceType];
            const path = at(typeof declared === "object" ? `dr.assumptions.restoreTime.${resourceType}` : "dr.assumptions.restoreTime");
            return { resourceType, restoreSeconds: { value: own === undefined ? drAssumptions.restoreSeconds : parseDuration(own)!, path }, declared: own !== undefined };
        }),
    };
}

export function drModelInput(ctx: StackContext): DrModelInput {
    const { config, layout } = ctx;
    const dr = config.dr;
    const assumptions = dr.assumptions ?? {};
    const seconds = (text: string | undefined) => (text === undefined ? undefined : parseDuration(text));
    const [primary, ...others] = layout.regions;

    // The DNS terms depend only on the health-check settings, not on the endpoints' addresses.
    const placeholder = Object.fromEntries(layout.regions.map((r) => [r.region, { dnsName: `${r.region}.elb.amazonaws.com`, zoneId: "Z" }]));
    const breakdown = failoverBreakdown(routingFor(ctx, placeholder));

    const warmup = seconds(assumptions.instanceWarmup);
    const fleets: FleetRecovery[] = Object.entries(config.alb.targetGroups)
        .filter(([, tg]) => tg.fleet !== undefined)
        .map(([key, tg]) => {
            const hc = resolveHealthCheck(tg.healthCheck);
            return {
                targetGroup: key,
                instanceWarmupSeconds: warmup !== undefined
                    ? { value: warmup, path: at("dr.assumptions.instanceWarmup") }
                    : { value: tg.fleet!.instanceWarmupSeconds ?? fleetDefaults.instanceWarmupSeconds, path: at(`alb.targetGroups.${key}.fleet.instanceWarmupSeconds`) },
                healthyAfterSeconds: { value: hc.healthyThreshold * hc.interval, path: at(`alb.targetGroups.${key}.healthCheck`) },
            };
        });

    const copyLag = seconds(assumptions.copyLag);
    // A regional disaster takes the primary: what counts is what its plan has put elsewhere.
    const rules = Object.entries(backupArgs(ctx, primary).rules).map(([name, rule]) => ({
        rule: name,
        region: primary.region,
        rpo: recoveryPointObjective(rule, { vaultRegion: primary.region, copyLagMinutes: copyLag === undefined ? undefined : copyLag / 60 }),
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
        },
        survivingRegions: others.map((r) => r.region),
        dns: {
            breakdown,
            healthCheckPath: at("dns.healthCheck"),
            automatic: layout.dnsPolicy !== "simple" && breakdown.detectSeconds > 0,
            healthCheck: {
                requestInterval: config.dns.healthCheck?.requestInterval ?? healthCheckDefaults.requestInterval,
                failureThreshold: config.dns.healthCheck?.failureThreshold ?? healthCheckDefaults.failureThreshold,
            },
        },
        fleets,
        backedUp: backedUpTypes(config),
        scaleOutTriggerSeconds: { value: seconds(assumptions.scaleOutTrigger) ?? drAssumptions.scaleOutTriggerSeconds, path: at("dr.assumptions.scaleOutTrigger") },
        rules,
    };
}
