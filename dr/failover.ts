/**
 * Failover mechanics of the regional RTO after detection: the manual trigger of a pilot light, the
 * fleets' scale-out to full size, and the recovery record's own Route 53 health check. Sources:
 * - Route 53 changes a check's status after `failureThreshold` consecutive checks, "from unhealthy
 *   to healthy or vice versa" (Route 53 API Reference, HealthCheckConfig,
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html), and routes
 *   a failover query to the secondary only while its check is healthy; while both are unhealthy it
 *   answers with the primary (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html).
 * - Target tracking "adds capacity proportional to the metric value" (Application Auto Scaling,
 *   https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html);
 *   average CPU cannot pass 100 %, so one step multiplies capacity by at most 100 / target. A new
 *   instance's metrics count only after its warm-up, so the next step waits for it
 *   (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html),
 *   and each step waits for the policy's alarm to collect its data points (an assumption, see
 *   `drAssumptions.scaleOutAlarmSeconds`).
 * - With failover automation (`input.failover`, components/failover), a recovery-region probe's alarm raises
 *   every fleet to full size in one step (its minimum becomes the full size: "If you specify a new value for
 *   MinSize without specifying a value for DesiredCapacity, and the new MinSize is larger than the current size
 *   of the group, this sets the group's DesiredCapacity to the new MinSize value",
 *   https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html), and an automatic
 *   promotion starts when the DNS witness sees Route 53 answer the failover record with the standby (and the probe's
 *   alarm agrees, where there is a probe). Behind a CDN there is no probe: the DNS witness raises too. See
 *   docs/failover-automation.md.
 */
import { healthySeconds } from "../components/internal";
import { drAssumptions } from "./assumptions";
import { formatSeconds } from "./format";
import { durationText, fieldLever, LEAST_DURATION, Lever, onePerField, slowestFirst, Term } from "./levers";
import { Assumed, DrFinding, DrModelInput, FailoverInput, FleetRecovery } from "./model";

const HEALTH_CHECK_CONFIG = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html";
const EBS_INITIALIZE = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-initialize.html";
const HEALTH_DECISION =
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html";
const FAILOVER_TYPES = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html";

/** The fleet size the recovery region must reach: the primary's desired capacity or its maximum, as declared. */
export function fullSizeOf(input: Pick<DrModelInput, "fullSize">, fleet: FleetRecovery): number {
    return input.fullSize.value === "maximum" ? fleet.primary.max : fleet.primary.desired;
}

/**
 * The fleet's size after each target-tracking step from `start` to `full`: each step multiplies it
 * by at most 100 / target (CPU is at most 100 %). Empty when the fleet is already at full size.
 */
export function scaleOutSteps(start: number, full: number, targetCpuPercent: number): number[] {
    const steps: number[] = [];
    for (let size = start; size < full;) {
        size = Math.min(full, Math.ceil((size * 100) / targetCpuPercent));
        steps.push(size);
    }
    return steps;
}

/** How one fleet reaches full size in the recovery region, and the seconds it takes. */
export interface FleetScaleOut {
    readonly fleet: FleetRecovery;
    readonly full: number;
    /** pilot-light: one launch of the full size once triggered; else the target-tracking steps. */
    readonly steps: readonly number[];
    /** False when the fleet's maximum is below its full size: it never gets there. */
    readonly possible: boolean;
    readonly seconds: number;
}

/**
 * Each fleet's way to full size. A pilot light's trigger sets the full size at once, so its fleets
 * launch together: warm-up + healthy checks. A running standby scales in steps, each waiting for the
 * alarm's data points and the new instances' warm-up; the last step also waits for the healthy checks.
 * A fleet already at full size has no term at all.
 */
export function fleetScaleOuts(input: DrModelInput): FleetScaleOut[] {
    const launchFromZero = input.strategy === "pilot-light";
    // A raise (by hand for a pilot light, or by the failover automation) sets the full size at once.
    const oneStep = launchFromZero || input.failover !== undefined;
    return input.fleets.map((fleet) => {
        const full = fullSizeOf(input, fleet);
        const start = launchFromZero ? 0 : fleet.standby.desired;
        // Target tracking cannot start a fleet at zero: it has no CPU to measure.
        const possible = fleet.standby.max.value >= full && full > 0 && (oneStep || start > 0);
        const steps = !possible
            ? []
            : oneStep
              ? start < full
                  ? [full]
                  : []
              : scaleOutSteps(start, full, fleet.targetCpuPercent);
        const perStep = (oneStep ? 0 : input.scaleOutAlarmSeconds.value) + fleet.instanceWarmupSeconds.value;
        const seconds = !possible
            ? Number.POSITIVE_INFINITY
            : steps.length === 0
              ? 0
              : steps.length * perStep + fleet.healthyAfterSeconds.value;
        return { fleet, full, steps, possible, seconds };
    });
}

/** A fleet that can never reach full size: a finding on the field that caps it. */
export function capacityFindings(input: DrModelInput): DrFinding[] {
    if (input.strategy === "backup-restore") return [];
    return fleetScaleOuts(input)
        .filter((s) => !s.possible)
        .map(({ fleet, full }) => {
            const max = fleet.standby.max;
            const fullFrom = `the primary's ${input.fullSize.value} (${input.fullSize.path})`;
            return {
                severity: "error",
                path: max.path,
                achievedSeconds: Number.POSITIVE_INFINITY,
                objectiveSeconds: input.objectives.rtoSeconds.value,
                message:
                    full === 0
                        ? `${max.path}: the full size of fleet ${fleet.targetGroup} is 0, ${fullFrom}: the recovery region would serve nothing; give the primary a capacity above 0`
                        : `${max.path} (${max.value}) is below the full size of fleet ${fleet.targetGroup}, ${full} instances, ${fullFrom}: the recovery region can never serve the primary's load, so no RTO is met; set it to at least ${full}`,
            };
        });
}

/**
 * The manual "decide and act" step. No automation raises a pilot light (target tracking cannot scale
 * from zero), and none starts data recovery: an Aurora global failover is an operation someone starts
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html)
 * and so is an AWS Backup restore. One person paged once does both, so the step counts once.
 */
export function triggerTerm(input: DrModelInput, what: "standby" | "data" | "both"): Term {
    const trigger = input.scaleOutTriggerSeconds;
    const action = {
        standby: "raises the standby",
        data: "starts the data recovery",
        both: "raises the standby and starts the data recovery",
    }[what];
    const owner = input.failover?.owner;
    const who = owner ? `${owner} (${input.failover!.mode.path})` : "a person";
    const source = trigger.declared
        ? `declared assumption: ${owner ? `${who} ${action}` : `an alarm action or a runbook ${action}`}`
        : `manual step (default ${durationText(trigger.value)}): ${who} paged at 3 a.m. acknowledges, opens the runbook and ${action}`;
    const name = {
        standby: "raise the standby from zero",
        data: "decide and start the data recovery",
        both: "raise the standby, start the data recovery",
    }[what];
    return {
        part: {
            objective: "rto",
            name: `trigger (${name}, manual)`,
            seconds: trigger.value,
            expectedSeconds: trigger.value,
            source,
            assumption: true,
            path: trigger.path,
        },
        levers: [
            fieldLever(
                trigger.path,
                trigger.value,
                1,
                LEAST_DURATION,
                "an alarm action starts the recovery, or on-call drills show a person does it that fast",
            ),
        ],
    };
}

function capacityTerm(input: DrModelInput, scaleOuts: readonly FleetScaleOut[]): Term | undefined {
    const scaling = slowestFirst(
        scaleOuts.filter((s) => s.steps.length > 0 || !s.possible),
        (s) => s.seconds,
    );
    if (scaling.length === 0) return undefined;
    const slowest = scaling[0];
    const fromZero = input.strategy === "pilot-light";
    const oneStep = fromZero || input.failover !== undefined;
    const alarm = input.scaleOutAlarmSeconds;
    const describe = (s: FleetScaleOut) =>
        !s.possible
            ? `never: its maximum ${s.fleet.standby.max.value} is below ${s.full}`
            : oneStep
              ? `${fromZero ? "launch " : `raise ${s.fleet.standby.desired}→`}${s.full} at once: warm-up ${formatSeconds(s.fleet.instanceWarmupSeconds.value)} + healthy checks ${formatSeconds(s.fleet.healthyAfterSeconds.value)}`
              : `${s.steps.length} step(s) ${[s.fleet.standby.desired, ...s.steps].join("→")}, each alarm ${formatSeconds(alarm.value)} + warm-up ${formatSeconds(s.fleet.instanceWarmupSeconds.value)}, then healthy checks ${formatSeconds(s.fleet.healthyAfterSeconds.value)}`;
    const warmupLevers: Lever[] = scaling
        .filter((s) => s.possible)
        .map((s) => {
            const w = s.fleet.instanceWarmupSeconds;
            const seconds = w.path.endsWith("Seconds");
            const lever = fieldLever(
                w.path,
                w.value,
                seconds ? 0 : 1,
                seconds ? "the least is 0" : LEAST_DURATION,
                "instances pass their health checks that soon after launch",
                s.seconds,
            );
            return { ...lever, timesCounted: s.steps.length };
        });
    return {
        part: {
            objective: "rto",
            name: `capacity (${fromZero ? "launch from zero" : oneStep ? "raise to full" : "scale to full"}, ${slowest.fleet.targetGroup})`,
            seconds: slowest.seconds,
            expectedSeconds: slowest.seconds,
            source: `to the primary's ${input.fullSize.value} (${input.fullSize.path}); ${describe(slowest)}${oneStep ? "" : `; alarm data points: ${alarm.declared ? "declared" : "assumed"}`}`,
            assumption: true,
            path: slowest.fleet.instanceWarmupSeconds.path,
            slowestOf: scaleOuts.map((s) => ({
                name: s.fleet.targetGroup,
                seconds: s.seconds,
                path: s.fleet.instanceWarmupSeconds.path,
                source: s.steps.length === 0 && s.possible ? "already at full size" : describe(s),
            })),
        },
        levers: onePerField(warmupLevers),
    };
}

/**
 * A pilot light's recovery record starts unhealthy: once the fleet is up, Route 53 needs the check under
 * way to end (its timeout) and `failureThreshold` passing checks, each `requestInterval + timeout` at most
 * (`healthySeconds`), before it answers with it.
 */
function standbyHealthyTerm(input: DrModelInput): Term | undefined {
    const check = input.dns.standbyHealthCheck;
    if (input.strategy !== "pilot-light" || check === undefined || input.fleets.length === 0) return undefined;
    const seconds = healthySeconds(check);
    return {
        part: {
            objective: "rto",
            name: "standby healthy (its own Route 53 check)",
            seconds,
            expectedSeconds: seconds,
            source: `the check under way when the standby comes up may fail after its ${check.timeoutSeconds} s timeout, then failureThreshold ${check.failureThreshold} passing checks, each requestInterval ${check.requestInterval} s after the last response + up to ${check.timeoutSeconds} s for its own (${HEALTH_CHECK_CONFIG}; timeouts: ${HEALTH_DECISION})`,
            assumption: false,
            path: input.dns.healthCheckPath,
        },
        levers: [],
    };
}

/**
 * Seconds from the primary's failure until the probe's alarm is in ALARM: the next run (at most the interval
 * away), its request's timeout, then `period × datapointsToAlarm` of failed runs.
 */
export function probeSeconds(failover: FailoverInput): number {
    return failover.probeIntervalSeconds.value + failover.probeTimeoutSeconds.value + failover.probeAlarmSeconds.value;
}

/**
 * Seconds from the moment a resolver in the recovery region answers the failover record with the standby (Route 53
 * has decided and the cached answer's TTL has passed: the detect and dns terms) until the DNS witness's alarm is in
 * ALARM: the canary's next run, its lookup's timeout, then `period × datapointsToAlarm` of runs that saw the standby.
 */
export function dnsWitnessSeconds(failover: FailoverInput): number {
    return failover.probeIntervalSeconds.value + failover.probeTimeoutSeconds.value + failover.dnsAlarmSeconds.value;
}

const runText = (f: FailoverInput) =>
    `next run ≤ ${formatSeconds(f.probeIntervalSeconds.value)} + timeout ${formatSeconds(f.probeTimeoutSeconds.value)}`;

const probeText = (f: FailoverInput) =>
    `${runText(f)} + alarm ${formatSeconds(f.probeAlarmSeconds.value)} (period × datapointsToAlarm, ${f.probeAlarmSeconds.path})`;

const dnsWitnessText = (f: FailoverInput) =>
    `${runText(f)} + alarm ${formatSeconds(f.dnsAlarmSeconds.value)} (period × datapointsToAlarm of RoutedToStandby, ${f.dnsAlarmSeconds.path})`;

const automationStartText = (f: FailoverInput) =>
    `automation start ${formatSeconds(f.automationStart.value)} (${f.automationStart.declared ? "declared" : "default: AWS publishes no bound"}, ${f.automationStart.path})`;

/**
 * The alarm that raises the standby: the probe's, from the failure, alongside the Route 53 checks; without a probe
 * (a CDN stack) the DNS witness's, from `routedAt` (Route 53's decision and the record's TTL). The term counts
 * only what it takes beyond the terms already counted before it (`counted`). A pilot light without a probe is
 * never raised: Route 53 answers with the primary while the standby's own check fails too (config/checks.ts
 * refuses it; the model says so as well).
 */
function raiseTerm(failover: FailoverInput, counted: number, routedAt: number | undefined): Term {
    const byProbe = failover.probeReachesPrimary;
    const total = byProbe
        ? probeSeconds(failover) + failover.automationStart.value
        : routedAt === undefined
          ? Number.POSITIVE_INFINITY
          : routedAt + dnsWitnessSeconds(failover) + failover.automationStart.value;
    const seconds = Math.max(0, total - counted);
    const from = byProbe
        ? `${formatSeconds(total)} from the failure: ${probeText(failover)} + ${automationStartText(failover)}`
        : routedAt === undefined
          ? `never: without a probe only the DNS witness raises, and Route 53 answers with the primary while the standby's own health check fails too (${FAILOVER_TYPES})`
          : `no probe reaches the primary behind the CDN, so the DNS witness raises: ${formatSeconds(total)} from the failure, Route 53's decision and the record's TTL ${formatSeconds(routedAt)} + ${dnsWitnessText(failover)} + ${automationStartText(failover)}`;
    return {
        part: {
            objective: "rto",
            name: `raise (recovery-region ${byProbe ? "probe" : "DNS witness"} alarm, automatic)`,
            seconds,
            expectedSeconds: seconds,
            source: Number.isFinite(total)
                ? `${from}; it runs alongside detection, so only ${formatSeconds(seconds)} beyond the ${formatSeconds(counted)} counted before it`
                : from,
            assumption: true,
            path: failover.automationStart.path,
        },
        levers: [],
    };
}

/**
 * An automatic promotion starts when its composite alarm is in ALARM: the DNS witness, once a resolver in the
 * recovery region answers the failover record with the standby (`routedAt`, from the failure), and the probe's
 * alarm where there is a probe. Then EventBridge starts the promotion document. `elapsed`: the terms counted
 * before this one; only what the witnesses take beyond them counts.
 */
function witnessTerm(failover: FailoverInput, elapsed: number, routedAt: number): Term {
    const dns = routedAt + dnsWitnessSeconds(failover);
    const probe = failover.probeReachesPrimary ? probeSeconds(failover) : 0;
    const seconds = Math.max(0, Math.max(dns, probe) + failover.automationStart.value - elapsed);
    const dnsPart = `the DNS witness (Route 53 answers with the standby: its decision and the record's TTL ${formatSeconds(routedAt)} + ${dnsWitnessText(failover)} = ${formatSeconds(dns)} from the failure)`;
    const source = failover.probeReachesPrimary
        ? `the later of ${dnsPart} and the probe's alarm (${probeText(failover)} = ${formatSeconds(probe)} from the failure), then ${automationStartText(failover)}`
        : `${dnsPart} alone: no probe reaches the primary behind the CDN, and Route 53's answer is the decision the write path follows; then ${automationStartText(failover)}`;
    return {
        part: {
            objective: "rto",
            name: `witnesses (${failover.probeReachesPrimary ? "Route 53 answers with the standby and the probe fails" : "Route 53 answers with the standby"}, automatic)`,
            seconds,
            expectedSeconds: seconds,
            source: `${source}: ${formatSeconds(seconds)} beyond the ${formatSeconds(elapsed)} counted before it`,
            assumption: true,
            path: failover.automationStart.path,
        },
        levers: [],
    };
}

/**
 * The RTO terms after detection that depend on the standby: trigger, capacity, its own health check, and
 * whatever starts the data recovery. `dataRecovery`: whether data recovery (a restore or a promotion) must
 * be started. Without failover automation a person does it all, once; with it the probe (or the DNS witness)
 * raises the standby, and the data recovery waits for the witnesses (automatic) or the owner (manual). A restore from AWS Backup
 * (`dataRestore`) always waits for a person: the automation promotes replicas, it restores nothing.
 */
export function failoverTerms(input: DrModelInput, dataRecovery: boolean, dataRestore = false): Term[] {
    const failover = input.failover;
    if (failover === undefined || input.survivingRegions.length === 0 || input.strategy === "backup-restore")
        return manualFailoverTerms(input, dataRecovery);
    const scaleOuts = fleetScaleOuts(input);
    const raises = scaleOuts.some((s) => s.steps.length > 0 || !s.possible);
    const detect = input.dns.automatic ? input.dns.breakdown.detectSeconds : 0;
    const dns = input.dns.breakdown.ttlSeconds;
    const pilot = input.strategy === "pilot-light";
    const terms: Term[] = [];
    if (raises) {
        // A pilot light's resolvers move only after its own check turns healthy: its DNS term comes last, and
        // Route 53 cannot answer with it before it is raised.
        terms.push(raiseTerm(failover, pilot ? detect : detect + dns, pilot ? undefined : detect + dns));
        const capacity = capacityTerm(input, scaleOuts);
        if (capacity) terms.push(capacity);
        const healthy = standbyHealthyTerm(input);
        if (healthy) terms.push(healthy);
    }
    const counted = terms.reduce((t, term) => t + term.part.seconds, 0);
    if (dataRecovery) {
        if (failover.mode.value === "manual" || dataRestore) {
            // The person is paged at detection and acts after the trigger time, alongside the raise and the resolvers'
            // cache (the dns term): only what they take beyond both counts, so neither is counted twice.
            const alongside = counted + dns;
            const manual = triggerTerm(input, "data");
            const seconds = Math.max(0, manual.part.seconds - alongside);
            terms.push({
                ...manual,
                part: {
                    ...manual.part,
                    seconds,
                    expectedSeconds: seconds,
                    source: `${manual.part.source}; counted from detection, alongside the automatic raise and the resolvers' cache, so ${formatSeconds(seconds)} beyond the ${formatSeconds(alongside)} counted for them`,
                },
            });
        } else {
            // Resolvers see the standby after Route 53's decision and the TTL; a pilot light's only once it is healthy.
            const elapsed = detect + dns + counted;
            terms.push(witnessTerm(failover, elapsed, pilot ? elapsed : detect + dns));
        }
    }
    return terms;
}

/** The declared attach-or-relaunch time, or the default assumption. */
export const restoreAttachOf = (input: DrModelInput): Assumed =>
    input.restoreAttachSeconds ?? {
        value: drAssumptions.restoreAttachSeconds,
        path: "pulumi-aws-dr:dr.assumptions.restoreAttach",
        declared: false,
    };

/**
 * After an AWS Backup restore of the fleets' own data (EBS volumes, EC2 instances): the fleets were launched or
 * raised before it, on no restored data, so the stack serves it only once the person who started the restore has
 * attached the volumes or relaunched the fleets onto them (`restoreAttachSeconds`, an assumption), the new instances
 * have warmed up and passed the target group's checks (the slowest fleet), a pilot light's own Route 53 check has
 * turned healthy again (its targets replaced, it may have failed) and resolvers have dropped the primary's answer
 * Route 53 gave meanwhile (the TTL). A volume created from a snapshot also loads its blocks lazily, so it serves at
 * reduced performance until initialized (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-initialize.html):
 * the term counts the stack serving, not at full speed.
 */
export function attachTerm(input: DrModelInput, types: readonly string[]): Term | undefined {
    if (types.length === 0) return undefined;
    const attach = restoreAttachOf(input);
    const relaunch = slowestFirst(input.fleets, (f) => f.instanceWarmupSeconds.value + f.healthyAfterSeconds.value)[0];
    const relaunchSeconds = relaunch.instanceWarmupSeconds.value + relaunch.healthyAfterSeconds.value;
    const check = input.dns.standbyHealthCheck;
    const standby = input.strategy === "pilot-light" && check !== undefined ? healthySeconds(check) : 0;
    const ttl = input.dns.breakdown.ttlSeconds;
    const seconds = attach.value + relaunchSeconds + standby + ttl;
    const attachText = attach.declared ? "declared" : `default ${durationText(attach.value)}: AWS publishes no bound`;
    return {
        part: {
            objective: "rto",
            name: `attach (relaunch the fleets on the restored ${types.join(", ")}, manual)`,
            seconds,
            expectedSeconds: seconds,
            source: `attach the restored volumes or relaunch onto them ${formatSeconds(attach.value)} (${attachText}, ${attach.path}) + warm-up and healthy checks of ${relaunch.targetGroup} ${formatSeconds(relaunchSeconds)}${standby > 0 ? ` + the standby's own Route 53 check ${formatSeconds(standby)} (${HEALTH_CHECK_CONFIG})` : ""} + the resolvers' cache ${formatSeconds(ttl)}: the fleets were launched before the restore finished, on none of its data; volumes from snapshots then load lazily (${EBS_INITIALIZE})`,
            assumption: true,
            path: attach.path,
        },
        levers: [
            fieldLever(
                attach.path,
                attach.value,
                1,
                LEAST_DURATION,
                "restore tests show the fleets relaunched on restored volumes that fast",
                seconds,
            ),
        ],
    };
}

/** Without automation: one page to a person raises a pilot light and starts the data recovery. */
function manualFailoverTerms(input: DrModelInput, dataRecovery: boolean): Term[] {
    const raisesStandby = input.strategy === "pilot-light" && input.fleets.length > 0;
    const trigger = raisesStandby
        ? triggerTerm(input, dataRecovery ? "both" : "standby")
        : dataRecovery
          ? triggerTerm(input, "data")
          : undefined;
    if (input.strategy === "backup-restore" || input.fleets.length === 0) return trigger ? [trigger] : [];
    const terms: (Term | undefined)[] = [
        trigger,
        capacityTerm(input, fleetScaleOuts(input)),
        standbyHealthyTerm(input),
    ];
    return terms.filter((t): t is Term => t !== undefined);
}
