/**
 * A discrete-event simulation of a regional disaster against the same stack the report judges: the
 * primary's Route 53 checks, the manual trigger, the fleets' launch or target-tracking steps, the
 * standby's own check, resolvers' caches, the restore, and the recovery points in the surviving
 * region. Every delay is drawn within what AWS (or a named assumption) allows, so a run is one way a
 * real disaster can unfold; the report's worst case must bound every run and be reached or nearly
 * reached by the worst of many. Times are seconds from the disaster.
 *
 * The RPO side asks a `RecoveryPointSource` for the newest recovery point in the surviving region:
 * by default one built here from the checked rule's schedule gap and windows; a backup calendar can
 * stand in for it.
 */
import { backupCalendar, CheckTiming } from "../components/internal";
import { fleetScaleOuts, restoreAttachOf } from "./failover";
import { DrModelInput, DrReport, RuleRecovery } from "./model";

/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed, the same runs. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * A delay within [0, bound]. Real delays cluster anywhere in their range; a third of the draws sit
 * at the bound, so that runs also explore the corners where the worst case lives.
 */
export const within = (random: () => number, bound: number) => (random() < 1 / 3 ? bound : random() * bound);

/** The span a source covers, and whether the region asked about holds copies (a surviving region) or the originals. */
export interface SourceHorizon {
    readonly from: number;
    readonly to: number;
    readonly copied: boolean;
}

/** The newest recovery point a region holds at an instant: the time its data is from. */
export interface RecoveryPointSource {
    newestAt(t: number): { readonly dataAt: number } | undefined;
}

/**
 * A rule's recovery points in the surviving region: runs `scheduleGap` apart at a random phase, each
 * job starting within the start window (its data is as of its start), finishing within the
 * completion window, and copied within the copy time.
 */
export function ruleSource(rule: RuleRecovery, random: () => number, horizon: SourceHorizon): RecoveryPointSource {
    const p = rule.rpo.parts;
    const gap = p.scheduleGapSeconds;
    const copy = horizon.copied ? (p.copyLagSeconds ?? 0) : 0;
    const points: { dataAt: number; availableAt: number }[] = [];
    const lead = gap + p.startWindowSeconds + p.completionWindowSeconds + copy;
    for (let run = horizon.from - lead - random() * gap; run < horizon.to; run += gap) {
        const dataAt = run + within(random, p.startWindowSeconds);
        points.push({ dataAt, availableAt: dataAt + within(random, p.completionWindowSeconds) + within(random, copy) });
    }
    return {
        newestAt: (t) =>
            points
                .filter((pt) => pt.availableAt <= t)
                .reduce<{ dataAt: number } | undefined>(
                    (newest, pt) => (newest && newest.dataAt >= pt.dataAt ? newest : pt),
                    undefined,
                ),
    };
}

/**
 * The plan's backup calendar as the source: the newest recovery point in `region` at an instant, its
 * data as of its job's scheduled time, with overlapping rules resolved, retention applied and jobs and
 * copies at their worst timing. Each run reads it from a random instant of the calendar's window, so
 * runs land anywhere in the year (a displaced monthly job included).
 */
export function calendarSource(
    input: DrModelInput,
    region: string,
    window = { fromYear: 2026, years: 1 },
): NonNullable<SimulationOptions["recoveryPoints"]> {
    const plan = {
        sourceRegion: input.rules[0].region,
        rules: input.rules.map((r) => ({ ...r.rpo.calendar, name: r.rule })),
    };
    const calendar = backupCalendar(plan, { region, window, timing: { kind: "worst" } });
    return (_rule, random, horizon) => {
        const span = (horizon.to - horizon.from) * 1000;
        const base = calendar.from + random() * (calendar.to - calendar.from - span);
        return {
            newestAt: (t) => {
                const newest = calendar.newestAt(base + t * 1000);
                return newest && { dataAt: (newest.scheduledAt - base) / 1000 };
            },
        };
    };
}

/** One simulated disaster: the downtime, the data lost, and each term's share as the report names them. */
export interface SimulatedRun {
    readonly rtoSeconds: number;
    readonly rpoSeconds: number;
    /** Seconds per RTO term, keyed by the start of the report's part name (`detect`, `dns`, `trigger`, …). */
    readonly terms: Readonly<Record<string, number>>;
}

/** The key of a report's part among the simulated terms: "detect (Route 53 health check)" -> "detect". */
export const termKey = (partName: string) => partName.split(" (")[0];

/**
 * `count` consecutive results of a Route 53 checker after `from`: each request is sent `requestInterval`
 * after the previous response and answered (or given up) within the type's timeout. `inFlight`: a check
 * already under way at `from` may still end with the old result after its timeout (an endpoint coming up).
 */
function checksDone(random: () => number, from: number, check: CheckTiming, inFlight = false): number {
    let t = from + (inFlight ? within(random, check.timeoutSeconds) : 0);
    for (let i = 0; i < check.failureThreshold; i++)
        t += (i === 0 ? random() : 1) * check.requestInterval + within(random, check.timeoutSeconds);
    return t;
}

/** The regional RTO of one run: the same terms as the report, each drawn within its bound. */
function simulateRto(
    input: DrModelInput,
    report: DrReport,
    random: () => number,
): { total: number; terms: Record<string, number> } {
    const terms: Record<string, number> = {};
    const failover = input.dns.automatic && input.strategy !== "backup-restore";
    const automation = failover && input.survivingRegions.length > 0 ? input.failover : undefined;
    /** The canary's alarm from `from`: its next run, its timeout, then the alarm's data points. */
    const canaryAlarm = (from: number, alarmSeconds: number) =>
        from +
        random() * automation!.probeIntervalSeconds.value +
        within(random, automation!.probeTimeoutSeconds.value) +
        within(random, alarmSeconds);
    // The recovery-region probe runs from the failure; without one (behind the CDN) it never fires.
    const probeFires =
        automation && automation.probeReachesPrimary
            ? canaryAlarm(0, automation.probeAlarmSeconds.value)
            : Number.POSITIVE_INFINITY;
    /** The DNS witness fires once the recovery region's resolver answers with the standby (`routedAt`). */
    const dnsFires = (routedAt: number) => canaryAlarm(routedAt, automation!.dnsAlarmSeconds.value);
    let routedAt = Number.POSITIVE_INFINITY;
    const automationStart = () => within(random, automation!.automationStart.value);
    let now = 0;
    if (input.dns.automatic) {
        now = checksDone(random, 0, input.dns.healthCheck);
        terms.detect = now;
    }
    const detected = now;
    const scaleOuts = fleetScaleOuts(input);
    const raises = scaleOuts.some((s) => s.steps.length > 0);
    const oneStep = input.strategy === "pilot-light" || automation !== undefined;
    const fleetsReady = (start: number) =>
        Math.max(
            start,
            ...scaleOuts
                .filter((s) => s.steps.length > 0)
                .map((s) => {
                    let t = start;
                    for (let step = 0; step < s.steps.length; step++) {
                        // The alarm needs its data points after the last step's instances warmed up.
                        if (!oneStep) t += within(random, input.scaleOutAlarmSeconds.value);
                        t += within(random, s.fleet.instanceWarmupSeconds.value);
                    }
                    const { healthyAfterSeconds } = s.fleet;
                    // healthyThreshold passes of a check every interval; the report's bound is threshold × interval.
                    return t + within(random, healthyAfterSeconds.value);
                }),
        );
    const cache = () => within(random, input.dns.breakdown.ttlSeconds);
    /** The standby is raised at `from`, or once the probe's alarm (without a probe, the DNS witness's) has started the raise. */
    const raise = (from: number) => {
        if (!automation) return from;
        const fires = automation.probeReachesPrimary ? probeFires : dnsFires(routedAt);
        const raised = Math.max(from, fires + automationStart());
        terms.raise = raised - from;
        return raised;
    };
    if (input.strategy === "pilot-light" && failover && input.fleets.length > 0) {
        let triggered: number;
        if (automation) triggered = raise(now);
        else {
            triggered = now + within(random, input.scaleOutTriggerSeconds.value);
            terms.trigger = triggered - now;
        }
        const ready = fleetsReady(triggered);
        terms.capacity = ready - triggered;
        const check = input.dns.standbyHealthCheck;
        // Route 53 answers with the primary until the standby's own check has passed failureThreshold times.
        const healthy = check ? checksDone(random, ready, check, true) : ready;
        if (check) terms["standby healthy"] = healthy - ready;
        terms.dns = cache();
        now = healthy + terms.dns;
        routedAt = now;
    } else {
        terms.dns = cache();
        now += terms.dns;
        routedAt = now;
        if (input.strategy !== "backup-restore") {
            // The standby takes the load once resolvers move, then reaches full size: in target-tracking
            // steps, or in one once the failover automation raises it.
            const from = automation && raises ? raise(now) : now;
            const ready = fleetsReady(from);
            if (ready > now) terms.capacity = ready - from;
            now = ready;
        }
    }
    // Restoring (or promoting) the data is a declared assumption per type, with no events of its own to
    // play out: a draw within the report's bound for it, after the stack serves again.
    const restore = report.parts.find((p) => p.objective === "rto" && /^(restore|data recovery) /.test(p.name));
    if (restore) {
        const witnessed = report.parts.some((p) => termKey(p.name) === "witnesses");
        if (restore.seconds > 0 && witnessed) {
            // The DNS witness once the resolver answers with the standby, and the probe's alarm where there is one.
            // The promotion starts that long after they agree, alongside whatever ran since.
            const agreed = Math.max(dnsFires(routedAt), automation!.probeReachesPrimary ? probeFires : 0);
            terms.witnesses = Math.max(0, agreed + automationStart() - now);
            now += terms.witnesses;
        } else if (restore.seconds > 0 && terms.trigger === undefined) {
            // A person starts a restore or a promotion once paged, after detection: alongside the
            // automatic raise, or first of all without one.
            // Paged at detection, the person acts after the trigger time whatever the resolvers' caches do.
            const acts = automation
                ? detected + within(random, input.scaleOutTriggerSeconds.value)
                : now + within(random, input.scaleOutTriggerSeconds.value);
            terms.trigger = Math.max(0, acts - now);
            now += terms.trigger;
        }
        terms[termKey(restore.name)] = within(random, restore.seconds);
        now += terms[termKey(restore.name)];
    }
    const attach = report.parts.find((p) => p.objective === "rto" && termKey(p.name) === "attach");
    if (attach) {
        // The restored fleet data: attach or relaunch, warm-up and target checks, a pilot light's own Route 53
        // check once its targets are replaced, then resolvers drop the answer Route 53 gave meanwhile.
        const relaunch = Math.max(
            ...input.fleets.map((f) => within(random, f.instanceWarmupSeconds.value + f.healthyAfterSeconds.value)),
        );
        const attached = now + within(random, restoreAttachOf(input).value) + relaunch;
        const check = input.dns.standbyHealthCheck;
        const healthy =
            input.strategy === "pilot-light" && check ? checksDone(random, attached, check, true) : attached;
        terms.attach = healthy + cache() - now;
        now += terms.attach;
    }
    return { total: now, terms };
}

/**
 * The terms that run alongside each other once failover automation is on (the probe beside Route 53's
 * checks, a person beside the automatic raise): the report splits their span into parts, a run's split
 * differs, so only their sum is compared with the report's.
 */
export const PARALLEL_TERMS = ["detect", "dns", "raise", "capacity", "standby healthy", "witnesses", "trigger"];

export interface SimulationOptions {
    readonly runs: number;
    readonly seed: number;
    /** The RPO side; default `ruleSource` of the rule the report checks. */
    readonly recoveryPoints?: (rule: RuleRecovery, random: () => number, horizon: SourceHorizon) => RecoveryPointSource;
}

export interface SimulationResult {
    readonly runs: readonly SimulatedRun[];
    /** The most any run reached, overall and per term. */
    readonly max: {
        readonly rtoSeconds: number;
        readonly rpoSeconds: number;
        readonly terms: Readonly<Record<string, number>>;
    };
}

/**
 * The data one disaster loses: the age of the newest recovery point of `rule` when it strikes, in the
 * surviving region (`copied`) or in its own. A fresh set of points per run, and the disaster anywhere
 * in a span of several runs.
 */
export function dataLost(
    rule: RuleRecovery,
    random: () => number,
    copied: boolean,
    source: NonNullable<SimulationOptions["recoveryPoints"]> = ruleSource,
): number {
    const gap = rule.rpo.parts.scheduleGapSeconds;
    const points = source(rule, random, { from: 0, to: 4 * gap, copied });
    const disaster = 2 * gap + random() * 2 * gap;
    const newest = points.newestAt(disaster);
    return newest ? disaster - newest.dataAt : Number.POSITIVE_INFINITY;
}

/**
 * Runs `runs` disasters at random instants (and random phases of every check, cache and job) and
 * reports what each lost. The report passed in says which rule its RPO rests on.
 */
export function simulate(input: DrModelInput, report: DrReport, options: SimulationOptions): SimulationResult {
    const random = seededRandom(options.seed);
    const checked = report.rpoByClass.find((c) => c.checked);
    // Continuous backup restores to about any second: only snapshot classes are simulated.
    const rule = checked?.recovery === "snapshot" ? input.rules.find((r) => r.rule === checked.rule) : undefined;
    const source = options.recoveryPoints ?? ruleSource;
    const runs: SimulatedRun[] = [];
    for (let i = 0; i < options.runs; i++) {
        const rto = simulateRto(input, report, random);
        const rpoSeconds = rule ? dataLost(rule, random, checked!.scope === "regional", source) : Number.NaN;
        runs.push({ rtoSeconds: rto.total, rpoSeconds, terms: rto.terms });
    }
    const terms: Record<string, number> = {};
    for (const run of runs)
        for (const [name, s] of Object.entries(run.terms)) terms[name] = Math.max(terms[name] ?? 0, s);
    return {
        runs,
        max: {
            rtoSeconds: Math.max(...runs.map((r) => r.rtoSeconds)),
            rpoSeconds: Math.max(...runs.map((r) => r.rpoSeconds)),
            terms,
        },
    };
}
