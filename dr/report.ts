import { backupLimits } from "../components/internal";
import { fixFor } from "./fixes";
import { formatSeconds } from "./format";
import { disruptions } from "./disruptions";
import { capacityFindings, fleetScaleOuts } from "./failover";
import { DrAssumption, DrDisruption, DrFinding, DrModelInput, DrPart, DrPremise, DrReport } from "./model";
import { durationText, Term } from "./levers";
import { checkedClass, cronEvery, leastSnapshotSeconds, RpoClass, rpoCalendarFinding, rpoClasses } from "./rpoTerms";
import { readPathPremises, requestPaths } from "./requestPaths";
import { rtoFloor, rtoTerms, STRATEGY_ORDER, sumOf, withStrategy } from "./terms";

/** RTO = detect + dns + capacity + restore, each 0 where the strategy does not need it (see rtoTerms). */
export function rtoParts(input: DrModelInput): DrPart[] {
    return rtoTerms(input).map((t) => t.part);
}

/**
 * The RPO the objective is checked against, by its parts. A regional disaster counts only recovery
 * points already copied to a surviving region, so each rule allows
 * `gap + startWindow + completionWindow + copy` and the stack's RPO is the best rule's. A
 * single-region stack has no surviving region: it is judged on its worst in-region class, and it
 * protects against the loss of data, not of the region.
 */
export function rpoParts(input: DrModelInput): {
    parts: DrPart[];
    rule?: DrModelInput["rules"][number];
    seconds: number | null;
} {
    const checked = checkedClass(input, rpoClasses(input));
    return {
        parts: checked?.terms.map((t) => t.part) ?? [],
        rule: checked?.rule,
        seconds: checked?.info.seconds ?? null,
    };
}

/** Each strategy faster than the stack's, with its worst case under the same settings and its floor. */
function fasterStrategies(input: DrModelInput) {
    return STRATEGY_ORDER.slice(STRATEGY_ORDER.indexOf(input.strategy) + 1).map((strategy) => {
        const alternative = withStrategy(input, strategy);
        return {
            strategy,
            rtoSeconds: sumOf(rtoTerms(alternative), "seconds"),
            floorSeconds: rtoFloor(alternative).seconds,
        };
    });
}

/** A single-region stack needs a second region for any strategy faster than backup-restore. */
const secondaryNeeded = (input: DrModelInput) =>
    input.survivingRegions.length === 0 ? "; it needs a dr.secondaryRegion" : "";

/** The objective is below what the strategy reaches even at its best: only another strategy helps. */
function floorFinding(input: DrModelInput, floor: { seconds: number; terms: string[] }): DrFinding {
    const objective = input.objectives.rtoSeconds;
    const options = fasterStrategies(input);
    const choice =
        options.find((o) => o.rtoSeconds <= objective.value) ?? options.find((o) => o.floorSeconds <= objective.value);
    const least = Math.min(floor.seconds, ...options.map((o) => o.floorSeconds));
    const fix = choice
        ? `change it to ${choice.strategy}, which can reach ${formatSeconds(choice.floorSeconds)} (${formatSeconds(choice.rtoSeconds)} at worst with the current settings${secondaryNeeded(input)})`
        : `no strategy can (the least any reaches is ${formatSeconds(least)}); raise ${objective.path} (${durationText(objective.value)}) to at least ${durationText(least)}`;
    return {
        severity: "error",
        path: input.strategyPath,
        achievedSeconds: floor.seconds,
        objectiveSeconds: objective.value,
        message: `${input.strategyPath} (${input.strategy}) makes the worst-case RTO at least ${formatSeconds(floor.seconds)} even with best-case settings (${floor.terms.join(" + ")}; assumptions not counted), against an objective of ${formatSeconds(objective.value)}; ${fix}`,
    };
}

function rtoFindings(input: DrModelInput, terms: readonly Term[], rtoSeconds: number): DrFinding[] {
    const objective = input.objectives.rtoSeconds;
    const floor = rtoFloor(input);
    if (floor.seconds > objective.value) return [floorFinding(input, floor)];
    const findings: DrFinding[] = [];
    let blamedPath: string | undefined;
    if (rtoSeconds > objective.value) {
        const { blamed, instead } = fixFor(terms, rtoSeconds - objective.value);
        const faster = fasterStrategies(input).find((o) => o.rtoSeconds <= objective.value);
        const strategyFix =
            faster &&
            `change ${input.strategyPath} to ${faster.strategy} (${formatSeconds(faster.rtoSeconds)} at worst with the current settings${secondaryNeeded(input)})`;
        const lastResort =
            strategyFix ??
            `no single setting and no faster strategy meets it: lower several of the parts together, or raise ${objective.path} (${durationText(objective.value)})`;
        const head = (path: string, shown: string) =>
            `${path} (${shown}) makes the worst-case RTO ${formatSeconds(rtoSeconds)} against an objective of ${formatSeconds(objective.value)}`;
        let message: string;
        if (!blamed) {
            message = `${head(input.strategyPath, input.strategy)}; ${lastResort}`;
        } else if (blamed.feasible) {
            message = `${head(blamed.lever.path, blamed.lever.asWritten)}; ${blamed.text}${blamed.lever.onlyIf && strategyFix ? `; or ${strategyFix}` : ""}`;
        } else {
            const alternative = instead
                ? `instead, ${instead.lever.path} (${instead.lever.asWritten}): ${instead.text}`
                : lastResort;
            message = `${head(blamed.lever.path, blamed.lever.asWritten)}; ${blamed.text}, and at the least the worst-case RTO would still be ${formatSeconds(rtoSeconds - blamed.reduction)}; ${alternative}`;
        }
        blamedPath = blamed?.lever.path ?? input.strategyPath;
        findings.push({
            severity: "error",
            path: blamedPath,
            achievedSeconds: rtoSeconds,
            objectiveSeconds: objective.value,
            message,
        });
    }
    const detect = terms.find((t) => t.part.path === input.dns.healthCheckPath && t.part.objective === "rto");
    if (detect && detect.part.seconds > objective.value && blamedPath !== input.dns.healthCheckPath) {
        const lever = detect.levers[0];
        findings.push({
            severity: "error",
            path: lever.path,
            achievedSeconds: detect.part.seconds,
            objectiveSeconds: objective.value,
            message: `${lever.path} (${lever.asWritten}) alone takes ${formatSeconds(detect.part.seconds)} to detect a failure, more than the RTO objective of ${formatSeconds(objective.value)}; ${lever.fix(objective.value - input.dns.breakdown.ttlSeconds)}`,
        });
    }
    return findings;
}

/** When no single field passes: every field of the rule at its least, or, if even that fails, the objective. */
function rpoLastResort(input: DrModelInput, checked: RpoClass, rpoSeconds: number): string {
    const objective = input.objectives.rpoSeconds;
    const rule = checked.rule!;
    if (checked.info.recovery === "continuous") {
        return `point-in-time recovery restores to about ${formatSeconds(rpoSeconds)} ago at best; raise ${objective.path} (${durationText(objective.value)}) to at least ${durationText(rpoSeconds)}`;
    }
    const regional = checked.info.scope === "regional";
    const least = leastSnapshotSeconds(rule, regional);
    const start = backupLimits.minStartWindowMinutes;
    const settings = `${cronEvery(rule.schedule, 1)}, startWindowMinutes ${start}, completionWindowMinutes ${start + backupLimits.minCompletionOverStartMinutes}${rule.scheduleTimezone ? ", no scheduleTimezone" : ""}`;
    if (least <= objective.value)
        return `no single field can pass, but together ${settings} on ${rule.path} give ${formatSeconds(least)}`;
    const copy =
        regional && !rule.rpo.parts.copyLagAssumed && rule.rpo.parts.copyLagSeconds !== undefined
            ? `, the declared copy time ${formatSeconds(rule.rpo.parts.copyLagSeconds)}`
            : "";
    return (
        `even the least AWS Backup allows (${settings}${copy}) gives ${formatSeconds(least)}: raise ${objective.path} (${durationText(objective.value)}) to at least ${durationText(least)}, ` +
        "or replicate the data outside AWS Backup (Aurora Global Database, S3 Replication Time Control, DynamoDB global tables), which this report does not count"
    );
}

function rpoFindings(input: DrModelInput, checked: RpoClass | undefined): DrFinding[] {
    const objective = input.objectives.rpoSeconds;
    const surviving = input.survivingRegions.join(", ");
    const rpoSeconds = checked?.info.seconds ?? null;
    if (checked?.info.recovery === "replication") return replicationFindings(input, checked);
    const calendarFinding = checked && rpoCalendarFinding(input, checked);
    if (calendarFinding) return [calendarFinding];
    if (checked === undefined || rpoSeconds === null) {
        const rule = input.rules[0];
        const regional = input.survivingRegions.length > 0;
        return [
            {
                severity: "error",
                path: rule ? `${rule.path}.copyToSecondary` : "pulumi-aws-dr:backup.rules",
                achievedSeconds: Number.POSITIVE_INFINITY,
                objectiveSeconds: objective.value,
                message: regional
                    ? `no backup rule copies recovery points to ${surviving}, so a regional disaster loses every backup: the worst-case RPO there is unbounded against an objective of ${formatSeconds(objective.value)}; ${rule ? `set ${rule.path}.copyToSecondary to true` : "add a rule under pulumi-aws-dr:backup.rules"}`
                    : `no backup rule gives a recovery point: the worst-case RPO is unbounded against an objective of ${formatSeconds(objective.value)}; add a rule under pulumi-aws-dr:backup.rules`,
            },
        ];
    }
    if (rpoSeconds <= objective.value) return [];
    const where = checked.info.scope === "regional" ? ` in ${surviving}` : ` in ${checked.rule!.region}`;
    const { blamed, instead } = fixFor(checked.terms, rpoSeconds - objective.value);
    const head = (path: string, shown: string) =>
        `${path} (${shown}) makes the worst-case RPO${where} ${formatSeconds(rpoSeconds)} against an objective of ${formatSeconds(objective.value)}`;
    let message: string;
    if (!blamed) {
        message = `${head(checked.terms[0].part.path!, "true")}; ${rpoLastResort(input, checked, rpoSeconds)}`;
    } else if (blamed.feasible) {
        message = `${head(blamed.lever.path, blamed.lever.asWritten)}; ${blamed.text}`;
    } else {
        const alternative = instead
            ? `instead, ${instead.lever.path} (${instead.lever.asWritten}): ${instead.text}`
            : rpoLastResort(input, checked, rpoSeconds);
        message = `${head(blamed.lever.path, blamed.lever.asWritten)}; ${blamed.text}, and at the least the worst-case RPO would still be ${formatSeconds(rpoSeconds - blamed.reduction)}; ${alternative}`;
    }
    return [
        {
            severity: "error",
            path: blamed?.lever.path ?? checked.terms[0].part.path!,
            achievedSeconds: rpoSeconds,
            objectiveSeconds: objective.value,
            message,
        },
    ];
}

/** The replicated stores' class over the objective: unbounded replication, or a store slower than the objective. */
function replicationFindings(input: DrModelInput, checked: RpoClass): DrFinding[] {
    const objective = input.objectives.rpoSeconds;
    const where = input.survivingRegions.join(", ");
    if (checked.info.seconds === null) {
        return [
            {
                severity: "error",
                path: checked.info.path!,
                achievedSeconds: Number.POSITIVE_INFINITY,
                objectiveSeconds: objective.value,
                message: `${checked.info.unjudged}: the worst-case RPO in ${where} is unbounded against an objective of ${formatSeconds(objective.value)}; set ${checked.info.path} to true`,
            },
        ];
    }
    if (checked.info.seconds <= objective.value) return [];
    const part = checked.terms[0].part;
    const fix = part.assumption
        ? `declare it lower only if the replication lag is measured to stay lower, bound it (an Aurora database's rpoBound), or raise ${objective.path} (${durationText(objective.value)}) to at least ${durationText(part.seconds)}`
        : `lower it, or raise ${objective.path} (${durationText(objective.value)}) to at least ${durationText(part.seconds)}`;
    return [
        {
            severity: "error",
            path: part.path!,
            achievedSeconds: part.seconds,
            objectiveSeconds: objective.value,
            message: `${part.path} makes the worst-case RPO in ${where} ${formatSeconds(part.seconds)} (${part.name}: ${part.source}) against an objective of ${formatSeconds(objective.value)}; ${fix}`,
        },
    ];
}

/** A rule that keeps its recovery points only where the disaster strikes protects nothing against it. */
function copyWarnings(input: DrModelInput): DrFinding[] {
    if (input.strategy === "backup-restore" || input.survivingRegions.length === 0) return [];
    return input.rules
        .filter((r) => r.rpo.crossRegionSeconds === undefined && r.region !== input.survivingRegions[0])
        .map((rule) => ({
            severity: "warning",
            path: `${rule.path}.copyToSecondary`,
            achievedSeconds: Number.POSITIVE_INFINITY,
            objectiveSeconds: input.objectives.rpoSeconds.value,
            message: `rule ${rule.rule} keeps its recovery points only in ${rule.region}; they are lost with the region; set ${rule.path}.copyToSecondary to true`,
        }));
}

/** What a replicated store's RPO figure costs or where it stops holding (an Aurora RPO bound, today). */
function storeWarnings(input: DrModelInput): DrFinding[] {
    return (input.replicatedRpo ?? [])
        .filter((s) => s.warning !== undefined)
        .map((s) => ({
            severity: "warning",
            path: s.path,
            achievedSeconds: s.seconds ?? Number.POSITIVE_INFINITY,
            objectiveSeconds: input.objectives.rpoSeconds.value,
            message: s.warning!,
        }));
}

const ALARM_EVALUATION = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html";
const CAPACITY_RESERVATIONS = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html";
const FAILOVER_TYPES = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html";
const HEALTH_DECISION =
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html";

/** What the worst case also takes for granted, where no duration can say it. */
function premisesOf(input: DrModelInput): DrPremise[] {
    const premises: DrPremise[] = [];
    const scales =
        input.strategy !== "backup-restore" &&
        input.strategy !== "pilot-light" &&
        fleetScaleOuts(input).some((s) => s.steps.length > 0);
    if (scales) {
        premises.push({
            name: "the standby stays healthy while overloaded, until it has scaled",
            source: "it takes the primary's whole load on fewer instances; if its own health checks fail under that load, nothing serves until it recovers (dr/failover.ts counts only the scaling steps)",
        });
    }
    if (input.fleets.length > 0 && input.survivingRegions.length > 0) {
        premises.push({
            name: "EC2 capacity for the full size is available in the recovery region",
            source: `no On-Demand Capacity Reservation is declared; only a reservation ensures capacity in an AZ (${CAPACITY_RESERVATIONS})`,
        });
    }
    if (input.failover && input.survivingRegions.length > 0) {
        premises.push({
            name: "each alarm decides as its last period ends",
            source: `the failover automation's terms count period × datapointsToAlarm; the delay before a data point reaches CloudWatch and the alarm is evaluated has no published bound and is not counted (${ALARM_EVALUATION})`,
        });
        if (input.failover.mode.value === "automatic") {
            premises.push({
                name: "Route 53's answer in the recovery region is its verdict on the primary",
                source: `the DNS witness resolves the failover record (${input.failover.dnsAlarmSeconds.path}): Route 53 answers with the secondary only while the primary's health check is unhealthy, and with the primary while both are (${FAILOVER_TYPES}); CloudFront's per-request origin failover does not move that answer, and a lookup that fails or an ALB whose addresses change between lookups reads as no failover, which delays the promotion but never starts it`,
            });
            if (!input.failover.probeReachesPrimary)
                premises.push({
                    name: "behind the CDN, Route 53's answer alone starts the data-losing promotion",
                    source: `no probe reaches the primary's ALB (it admits only CloudFront and Route 53's health checkers), so a primary health check that fails while the primary still serves (a wrong path, checkers refused) moves the writes and then promotes with data loss; the promotion follows the decision the write path already follows, so writes never land in two regions; keep the check true to what users see (${input.dns.healthCheckPath})`,
                });
        }
    }
    if (input.dns.automatic) {
        premises.push({
            name: "Route 53 answers with the new status as soon as its checkers decide",
            source: `the detect term is failureThreshold × (requestInterval + the check's timeout); the propagation of the status to Route 53's DNS servers has no published bound and is not counted (${HEALTH_DECISION})`,
        });
    }
    return premises;
}

/** Every assumption a part of any disruption type rests on, once per config field. */
function assumptionsOf(input: DrModelInput, types: readonly DrDisruption[]): DrAssumption[] {
    const declared = new Set(
        [
            input.scaleOutTriggerSeconds,
            input.scaleOutAlarmSeconds,
            ...(input.restoreAttachSeconds ? [input.restoreAttachSeconds] : []),
            input.corruption.detectionDelaySeconds,
            ...(input.failover ? [input.failover.automationStart] : []),
        ]
            .filter((a) => a.declared)
            .map((a) => a.path),
    );
    for (const t of input.backedUp.types) if (t.declared) declared.add(t.restoreSeconds.path);
    const all = types.flatMap((t) => t.parts).filter((p) => p.assumption && p.path !== undefined);
    return all
        .filter((p, i) => all.findIndex((q) => q.path === p.path) === i)
        .map((p) => ({
            name: p.name,
            seconds: p.seconds,
            path: p.path!,
            declared: declared.has(p.path!) || !/dr\.assumptions\./.test(p.path!),
            source: p.source,
        }));
}

export function drReport(input: DrModelInput): DrReport {
    const rto = rtoTerms(input);
    const classes = rpoClasses(input);
    const checked = checkedClass(input, classes);
    const rtoSeconds = sumOf(rto, "seconds");
    const rpoSeconds = checked?.info.seconds ?? null;
    const impossible = capacityFindings(input);
    const regionFindings = [
        ...(impossible.length > 0 ? impossible : rtoFindings(input, rto, rtoSeconds)),
        ...rpoFindings(input, checked),
        ...copyWarnings(input),
        ...storeWarnings(input),
    ];
    const parts = [...rto.map((t) => t.part), ...(checked?.terms.map((t) => t.part) ?? [])];
    const byType = disruptions(input, classes, {
        rtoSeconds,
        rpoSeconds,
        parts,
        met: !regionFindings.some((f) => f.severity === "error"),
    });
    const paths = requestPaths(input, rto);
    // The write path is the regional RTO above, already judged; a read path that only CloudFront's own term
    // makes too slow is a finding of its own. Its other terms are the write path's (or less): when they alone
    // pass the objective, the regional findings already name them, and lowering the origin timeouts would not do.
    const slowRead = paths?.find(
        (p) => p.path === "read" && p.verdict === "not met" && p.rtoSeconds - p.parts[0].seconds <= p.objectiveSeconds,
    );
    const readFindings: DrFinding[] =
        slowRead && input.cdn
            ? [
                  {
                      severity: "error",
                      path: input.cdn.path,
                      achievedSeconds: slowRead.rtoSeconds,
                      objectiveSeconds: slowRead.objectiveSeconds,
                      message: `${input.cdn.path} (connectionAttempts ${input.cdn.connectionAttempts} × (connectionTimeoutSeconds ${input.cdn.connectionTimeoutSeconds} + responseTimeoutSeconds ${input.cdn.responseTimeoutSeconds})) makes the read path's worst case ${formatSeconds(slowRead.rtoSeconds)} against an objective of ${formatSeconds(slowRead.objectiveSeconds)}; lower them (CloudFront allows 1..3 attempts, 1..10 s to connect)`,
                  },
              ]
            : [];
    const findings = [...regionFindings, ...byType.findings, ...readFindings];
    return {
        strategy: input.strategy,
        objectives: { rtoSeconds: input.objectives.rtoSeconds.value, rpoSeconds: input.objectives.rpoSeconds.value },
        achieved: { rtoSeconds, rpoSeconds },
        expected: { rtoSeconds: sumOf(rto, "expectedSeconds"), rpoSeconds: checked?.info.expectedSeconds ?? null },
        parts,
        rtoFloorSeconds: rtoFloor(input).seconds,
        rpoByClass: classes.map((c) => ({ ...c.info, checked: c === checked })),
        findings,
        met: !findings.some((f) => f.severity === "error"),
        targetHealth: input.dns.evaluateTargetHealth && {
            evaluated: input.dns.evaluateTargetHealth.value,
            path: input.dns.evaluateTargetHealth.path,
        },
        disruptions: byType.disruptions,
        immutableCopy: byType.immutableCopy,
        assumptions: assumptionsOf(input, byType.disruptions),
        premises: [...premisesOf(input), ...readPathPremises(input)],
        ...(paths ? { requestPaths: paths } : {}),
    };
}
