import { drAssumptions } from "./assumptions";
import { DrFinding, DrModelInput, DrPart, DrReport } from "./model";
import { formatSeconds } from "./format";

const ROUTE53 = "Route 53: requestInterval × failureThreshold (Developer Guide, how health checks decide)";
const TTL = "alias to an ELB answers with a 60 s TTL (Route 53 FAQ; ELB guide)";

/**
 * RTO = detect + dns + capacity + restore, each 0 where the strategy does not need it:
 * - detect and dns: Route 53 marks the primary unhealthy, then resolvers drop the cached answer;
 * - capacity: pilot light launches the fleet from zero once something raises it (a declared trigger
 *   time), warm standby scales its share up to full on its target-tracking policy: instance warm-up
 *   plus the target group's healthy threshold × interval (the slowest fleet);
 * - restore: backup-restore rebuilds the stack and restores data, a declared assumption.
 */
export function rtoParts(input: DrModelInput): DrPart[] {
    const { breakdown, healthCheckPath, automatic } = input.dns;
    const parts: DrPart[] = [];
    if (automatic) {
        parts.push({ objective: "rto", name: "detect (Route 53 health check)", seconds: breakdown.detectSeconds, expectedSeconds: breakdown.detectSeconds, source: ROUTE53, assumption: false, path: healthCheckPath });
    }
    parts.push({ objective: "rto", name: "dns (resolver cache)", seconds: breakdown.ttlSeconds, expectedSeconds: breakdown.ttlSeconds, source: TTL, assumption: false });
    if (input.strategy === "pilot-light" && input.fleets.length > 0) {
        const trigger = input.scaleOutTriggerSeconds;
        parts.push({ objective: "rto", name: "trigger (raise the standby from zero)", seconds: trigger.value, expectedSeconds: trigger.value, source: "declared assumption: an alarm action or a runbook", assumption: true, path: trigger.path });
    }
    if (input.strategy === "pilot-light" || input.strategy === "warm-standby") {
        const slowest = [...input.fleets].sort((a, b) => b.instanceWarmupSeconds.value + b.healthyAfterSeconds.value - (a.instanceWarmupSeconds.value + a.healthyAfterSeconds.value))[0];
        if (slowest) {
            const seconds = slowest.instanceWarmupSeconds.value + slowest.healthyAfterSeconds.value;
            parts.push({
                objective: "rto",
                name: `capacity (${input.strategy === "pilot-light" ? "launch from zero" : "scale to full"}, ${slowest.targetGroup})`,
                seconds,
                expectedSeconds: seconds,
                source: "instance warm-up (assumption) + target group healthyThreshold × interval",
                assumption: true,
                path: slowest.instanceWarmupSeconds.path,
            });
        }
    }
    if (input.strategy === "backup-restore") {
        parts.push({ objective: "rto", name: "restore (rebuild the stack, restore the data)", seconds: input.restoreSeconds.value, expectedSeconds: input.restoreSeconds.value, source: "declared assumption", assumption: true, path: input.restoreSeconds.path });
    }
    return parts;
}

/**
 * The regional RPO: only recovery points already copied to a surviving region count, so each rule
 * allows `gap + startWindow + completionWindow + copy`; the stack's RPO is the best rule's. A
 * single-region stack has no surviving region: its RPO is the in-region one, and it protects
 * against the loss of data, not of the region.
 */
export function rpoParts(input: DrModelInput): { parts: DrPart[]; rule?: DrModelInput["rules"][number]; seconds: number | null } {
    const singleRegion = input.survivingRegions.length === 0;
    const candidates = input.rules
        .map((r) => ({ rule: r, seconds: singleRegion ? r.rpo.inRegionSeconds : r.rpo.crossRegionSeconds }))
        .filter((c): c is { rule: DrModelInput["rules"][number]; seconds: number } => c.seconds !== undefined && Number.isFinite(c.seconds))
        .sort((a, b) => a.seconds - b.seconds);
    const best = candidates[0];
    if (!best) return { parts: [], seconds: null };
    const p = best.rule.rpo.parts;
    const at = best.rule.path;
    const typical = drAssumptions.typicalJobSeconds;
    const parts: DrPart[] = [];
    if (singleRegion && p.continuousBackupSeconds !== undefined) {
        parts.push({ objective: "rpo", name: `continuous backup (${best.rule.rule})`, seconds: p.continuousBackupSeconds, expectedSeconds: p.continuousBackupSeconds, source: "point-in-time recovery, about 5 minutes", assumption: true, path: `${at}.continuousBackup` });
        return { parts, rule: best.rule, seconds: best.seconds };
    }
    parts.push({ objective: "rpo", name: `schedule gap (${best.rule.rule})`, seconds: p.scheduleGapSeconds, expectedSeconds: p.scheduleGapSeconds, source: "longest interval between two runs of the cron over every calendar", assumption: false, path: `${at}.schedule` });
    parts.push({ objective: "rpo", name: "start window", seconds: p.startWindowSeconds, expectedSeconds: 0, source: "AWS Backup may start a job this late", assumption: false, path: `${at}.startWindowMinutes` });
    parts.push({ objective: "rpo", name: "completion window", seconds: p.completionWindowSeconds, expectedSeconds: Math.min(typical, p.completionWindowSeconds), source: "AWS Backup may finish a job this late", assumption: false, path: `${at}.completionWindowMinutes` });
    if (p.daylightSavingSeconds > 0) {
        parts.push({ objective: "rpo", name: "daylight-saving shift", seconds: p.daylightSavingSeconds, expectedSeconds: 0, source: "a local-time schedule skips an hour once a year", assumption: false, path: `${at}.scheduleTimezone` });
    }
    if (p.copyLagSeconds !== undefined) {
        parts.push({
            objective: "rpo",
            name: `cross-region copy to ${p.copyRegions.join(", ")}`,
            seconds: p.copyLagSeconds,
            expectedSeconds: Math.min(typical, p.copyLagSeconds),
            source: p.copyLagAssumed ? "assumed no longer than the completion window" : "declared",
            assumption: true,
            path: p.copyLagAssumed ? `${at}.completionWindowMinutes` : "pulumi-aws-dr:dr.assumptions.copyLag",
        });
    }
    return { parts, rule: best.rule, seconds: best.seconds };
}

const sum = (parts: DrPart[], key: "seconds" | "expectedSeconds") => parts.reduce((total, p) => total + p[key], 0);

/** The largest part: the one whose field changes the answer most. */
const dominant = (parts: DrPart[]) => [...parts].filter((p) => p.path).sort((a, b) => b.seconds - a.seconds)[0];

export function drReport(input: DrModelInput): DrReport {
    const rto = rtoParts(input);
    const rpo = rpoParts(input);
    const rtoSeconds = sum(rto, "seconds");
    const objectives = { rtoSeconds: input.objectives.rtoSeconds.value, rpoSeconds: input.objectives.rpoSeconds.value };
    const findings: DrFinding[] = [];

    if (rtoSeconds > objectives.rtoSeconds) {
        const culprit = dominant(rto);
        findings.push({
            severity: "error",
            path: culprit?.path ?? input.objectives.rtoSeconds.path,
            achievedSeconds: rtoSeconds,
            objectiveSeconds: objectives.rtoSeconds,
            message: `${input.strategy} recovers in ${formatSeconds(rtoSeconds)} at worst (${rto.map((p) => `${p.name} ${formatSeconds(p.seconds)}`).join(" + ")}) against an RTO of ${formatSeconds(objectives.rtoSeconds)}; the largest part is set by ${culprit?.path ?? "the strategy"}`,
        });
    }
    const detect = rto.find((p) => p.name.startsWith("detect"));
    if (detect && detect.seconds > objectives.rtoSeconds) {
        findings.push({
            severity: "error",
            path: input.dns.healthCheckPath,
            achievedSeconds: detect.seconds,
            objectiveSeconds: objectives.rtoSeconds,
            message: `the failover health check alone takes ${formatSeconds(detect.seconds)} to detect a failure, more than the RTO of ${formatSeconds(objectives.rtoSeconds)}; lower requestInterval or failureThreshold`,
        });
    }

    const surviving = input.survivingRegions.join(", ");
    if (rpo.seconds === null) {
        findings.push({
            severity: "error",
            path: "pulumi-aws-dr:backup.rules",
            achievedSeconds: Number.POSITIVE_INFINITY,
            objectiveSeconds: objectives.rpoSeconds,
            message: input.survivingRegions.length > 0
                ? `no backup rule copies recovery points to ${surviving}, so a regional disaster loses every backup`
                : "no backup rule gives a recovery point",
        });
    } else if (rpo.seconds > objectives.rpoSeconds) {
        const culprit = dominant(rpo.parts)!;
        const where = input.survivingRegions.length > 0 ? ` in ${surviving}` : " in its own region";
        findings.push({
            severity: "error",
            path: culprit.path!,
            achievedSeconds: rpo.seconds,
            objectiveSeconds: objectives.rpoSeconds,
            message: `${culprit.path} gives a ${formatSeconds(rpo.seconds)} RPO${where} against an objective of ${formatSeconds(objectives.rpoSeconds)} (${rpo.parts.map((p) => `${p.name} ${formatSeconds(p.seconds)}`).join(" + ")})`,
        });
    }
    if (input.strategy !== "backup-restore" && input.survivingRegions.length > 0) {
        for (const rule of input.rules.filter((r) => r.rpo.crossRegionSeconds === undefined && r.region !== input.survivingRegions[0])) {
            findings.push({
                severity: "warning",
                path: `${rule.path}.copyToSecondary`,
                achievedSeconds: Number.POSITIVE_INFINITY,
                objectiveSeconds: objectives.rpoSeconds,
                message: `rule ${rule.rule} keeps its recovery points only in ${rule.region}; they are lost with the region`,
            });
        }
    }

    return {
        strategy: input.strategy,
        objectives,
        achieved: { rtoSeconds, rpoSeconds: rpo.seconds },
        expected: { rtoSeconds: sum(rto, "expectedSeconds"), rpoSeconds: rpo.seconds === null ? null : sum(rpo.parts, "expectedSeconds") },
        parts: [...rto, ...rpo.parts],
        findings,
        met: !findings.some((f) => f.severity === "error"),
    };
}
