/**
 * Objectives per disruption type, as AWS Resilience Hub sets them (a resiliency policy has RTO and RPO
 * targets for AZ, hardware, software and Region disruptions,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resiliencehub-resiliencypolicy-policymap.html).
 * Before deploy this model judges three: the loss of the primary region (`dr.objectives.rto`/`rpo`),
 * of one of its Availability Zones (`dr.objectives.az`), and corruption or ransomware
 * (`dr.objectives.corruption`): a bad write or a deletion that every replica and every later backup
 * takes in.
 */
import { CONTINUOUS_BACKUP_RESOURCE_TYPES } from "./resourceTypes";
import { ELB_ALIAS_TTL_SECONDS } from "../components/internal";
import { durationText, slowestFirst } from "./levers";
import { formatSeconds } from "./format";
import { DrDisruption, DrFinding, DrImmutableCopy, DrModelInput, DrPart, RuleRecovery } from "./model";
import { RpoClass } from "./rpoTerms";

const NAT_GATEWAY = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html";
const TARGET_HEALTH =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html";
const VAULT_LOCK = "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html";
const AIR_GAPPED = "https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html";
const KEY_DELETION = "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html";
const ALIAS_TARGET_HEALTH =
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html";

/** Types whose storage spans the region's AZs: an AZ loss leaves them in service, with nothing to restore. */
const MULTI_AZ_TYPES: readonly string[] = ["S3", "DynamoDB", "Aurora"];

const part = (
    objective: DrPart["objective"],
    name: string,
    seconds: number,
    source: string,
    path?: string,
    assumption = false,
): DrPart => ({
    objective,
    name,
    seconds,
    expectedSeconds: seconds,
    source,
    assumption,
    path,
});

const finite = (seconds: number) => (Number.isFinite(seconds) ? seconds : null);

/** met / not met against declared objectives, with a finding for each objective missed. */
function judged(
    type: DrDisruption["type"],
    objectives:
        { rtoSeconds?: { value: number; path: string }; rpoSeconds?: { value: number; path: string } } | undefined,
    achieved: { rtoSeconds?: number; rpoSeconds?: number },
    blame: { rto?: string; rpo?: string },
): { verdict: DrDisruption["verdict"]; findings: DrFinding[] } {
    if (!objectives) return { verdict: "no objective", findings: [] };
    const findings: DrFinding[] = [];
    for (const key of ["rto", "rpo"] as const) {
        const objective = objectives[`${key}Seconds`];
        const value = achieved[`${key}Seconds`];
        if (objective === undefined || value === undefined || value <= objective.value) continue;
        findings.push({
            severity: "error",
            path: blame[key] ?? objective.path,
            achievedSeconds: value,
            objectiveSeconds: objective.value,
            message: `${blame[key] ?? objective.path}: the worst-case ${key.toUpperCase()} after ${type === "az" ? "the loss of one Availability Zone" : "corruption"} is ${formatSeconds(value)} against an objective of ${formatSeconds(objective.value)} (${objective.path}); ${fixText(type, key)}`,
        });
    }
    return { verdict: findings.length > 0 ? "not met" : "met", findings };
}

function fixText(type: DrDisruption["type"], key: "rto" | "rpo"): string {
    if (type === "az" && key === "rto")
        return "run a NAT gateway per AZ (network.natGateways onePerAz) and shorten the fleets' warm-up and health checks";
    if (type === "az") return "back up more often, or keep zonal data in a Multi-AZ store";
    return "back up more often, keep recovery points longer than the detection delay, and notice corruption sooner";
}

// ---- AZ -----------------------------------------------------------------------------------------

/**
 * The loss of one of the primary's AZs:
 * - egress: with one NAT gateway, "if the NAT gateway's Availability Zone is down, resources in the
 *   other Availability Zones lose internet access" (NAT_GATEWAY); nothing here recreates it, so the
 *   worst case is unbounded;
 * - the ALB stops sending to the lost targets after `unhealthyThreshold × interval` (TARGET_HEALTH)
 *   and drops the zone's node addresses from its DNS, which resolvers keep for up to its 60 s TTL;
 * - capacity: Auto Scaling spreads a fleet evenly, so the zone held up to ⌈desired / zones⌉ of its
 *   instances; it replaces them in the other zones: warm-up + healthy checks (the slowest fleet);
 * - RPO: zonal data (EBS, instance stores, a single-AZ database) comes back from the in-region
 *   recovery points; the stack does not say which of its stores are Multi-AZ, so the worst in-region
 *   class counts. RTO: that restore takes its declared time, after a person decides to start it (the
 *   manual trigger, as for a region), for the slowest type those points carry that is not Multi-AZ;
 * - a fleet with no instance left in the other zones leaves its target group without a healthy
 *   target; where the primary's alias evaluates target health, Route 53 then counts the whole load
 *   balancer unhealthy (ALIAS_TARGET_HEALTH) and fails the region over: the AZ RTO is then at least
 *   the regional RTO.
 */
function azDisruption(
    input: DrModelInput,
    inRegion: readonly RpoClass[],
    regionalRtoSeconds: number,
): { disruption: DrDisruption; findings: DrFinding[] } {
    const { zones, natGateways } = input.az;
    const parts: DrPart[] = [];
    const notes: string[] = [];
    if (natGateways.value === "single") {
        parts.push(
            part(
                "rto",
                "egress (one NAT gateway for every AZ)",
                Number.POSITIVE_INFINITY,
                `one NAT gateway carries every AZ's internet egress and nothing recreates it (${NAT_GATEWAY})`,
                natGateways.path,
            ),
        );
        notes.push(
            `${natGateways.path} is single: losing its AZ cuts every AZ's internet egress until a NAT gateway is rebuilt by hand`,
        );
    }
    const fleets = slowestFirst(
        input.fleets,
        (f) => f.unhealthyAfterSeconds + f.instanceWarmupSeconds.value + f.healthyAfterSeconds.value,
    );
    if (fleets.length > 0) {
        const slowest = fleets[0];
        parts.push(
            part(
                "rto",
                `detect (ALB target health, ${slowest.targetGroup})`,
                slowest.unhealthyAfterSeconds,
                `unhealthyThreshold × interval (${TARGET_HEALTH})`,
                `pulumi-aws-dr:alb.targetGroups.${slowest.targetGroup}.healthCheck`,
            ),
        );
        parts.push(
            part("rto", "dns (the ALB drops the zone's nodes)", ELB_ALIAS_TTL_SECONDS, "ELB answers with a 60 s TTL"),
        );
        parts.push(
            part(
                "rto",
                `capacity (replace the zone's share, ${slowest.targetGroup})`,
                slowest.instanceWarmupSeconds.value + slowest.healthyAfterSeconds.value,
                "instance warm-up (assumption) + healthyThreshold × interval",
                slowest.instanceWarmupSeconds.path,
                true,
            ),
        );
        for (const f of input.fleets) {
            const lost = Math.ceil(f.primary.desired / zones.value);
            notes.push(
                `fleet ${f.targetGroup}: ${lost} of ${f.primary.desired} instances in the lost zone (${zones.value} zones, ${zones.path}); ${f.primary.desired - lost} keep serving while the rest are replaced`,
            );
        }
    }
    const rpoClasses = inRegion.filter((c) => c.info.seconds !== null);
    const worst = slowestFirst(rpoClasses, (c) => c.info.seconds!)[0];
    const rpoSeconds = worst ? worst.info.seconds! : Number.POSITIVE_INFINITY;
    parts.push(
        part(
            "rpo",
            "zonal data (from the in-region recovery points)",
            rpoSeconds,
            worst
                ? `${worst.info.recovery} recovery of ${worst.info.resourceTypes.join(", ")} from rule ${worst.info.rule}`
                : "no rule gives an in-region recovery point",
            worst?.info.path ?? "pulumi-aws-dr:backup.rules",
        ),
    );
    const carried = new Set(inRegion.flatMap((c) => c.info.resourceTypes));
    const zonal = slowestFirst(
        input.backedUp.types.filter((t) => carried.has(t.resourceType) && !MULTI_AZ_TYPES.includes(t.resourceType)),
        (t) => t.restoreSeconds.value,
    )[0];
    if (zonal && zonal.restoreSeconds.value > 0) {
        const trigger = input.scaleOutTriggerSeconds;
        parts.push(
            part(
                "rto",
                "trigger (decide and start the restore, manual)",
                trigger.value,
                `a person paged at 3 a.m. starts the restore (${trigger.declared ? "declared" : `default ${durationText(trigger.value)}`})`,
                trigger.path,
                true,
            ),
        );
        parts.push(
            part(
                "rto",
                `restore (zonal data, ${zonal.resourceType})`,
                zonal.restoreSeconds.value,
                `restore from the in-region recovery points (${zonal.declared ? "declared" : "default: AWS publishes no bound"})`,
                zonal.restoreSeconds.path,
                true,
            ),
        );
    }
    const localSeconds = parts.filter((p) => p.objective === "rto").reduce((total, p) => total + p.seconds, 0);
    const evaluate = input.dns.evaluateTargetHealth;
    const emptied = input.fleets.filter((f) => f.primary.desired - Math.ceil(f.primary.desired / zones.value) <= 0);
    const failsOver = evaluate?.value === true && emptied.length > 0 && input.survivingRegions.length > 0;
    if (failsOver) {
        notes.push(
            `fleet ${emptied.map((f) => f.targetGroup).join(", ")} keeps no instance after losing one of ${zones.value} zones and ${evaluate.path} is true: ` +
                `Route 53 counts the load balancer unhealthy and fails the whole region over (${ALIAS_TARGET_HEALTH}), so the AZ RTO is at least the regional RTO`,
        );
    }
    const rtoSeconds = failsOver ? Math.max(localSeconds, regionalRtoSeconds) : localSeconds;
    const objectives = input.objectives.az;
    const { verdict, findings } = judged(
        "az",
        objectives,
        { rtoSeconds, rpoSeconds },
        { rto: natGateways.value === "single" ? natGateways.path : undefined, rpo: worst?.info.path ?? undefined },
    );
    return {
        disruption: {
            type: "az",
            verdict,
            objectives: {
                rtoSeconds: objectives?.rtoSeconds.value ?? null,
                rpoSeconds: objectives?.rpoSeconds.value ?? null,
            },
            achieved: { rtoSeconds: finite(rtoSeconds), rpoSeconds: finite(rpoSeconds) },
            parts,
            notes,
        },
        findings,
    };
}

// ---- corruption -----------------------------------------------------------------------------------

/**
 * How old a rule's newest recovery point from before the corruption can be: a snapshot's data is as
 * of its job's start, so a job that starts after the corruption takes it in; the one before was
 * scheduled at most a gap earlier and may have started at once: the schedule gap plus the start window.
 * One backup or copy job runs per resource at a time, and a job not started within its start window
 * fails (https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-limits.html): a job that
 * starts at once holds the resource for its completion window and copy, so the next job that can run
 * is the first whose start window ends after that; the gap is that many schedule gaps.
 */
function snapshotAge(rule: RuleRecovery): number {
    const {
        scheduleGapSeconds: gap,
        startWindowSeconds: start,
        completionWindowSeconds: completion,
        copyLagSeconds,
    } = rule.rpo.parts;
    const holds = completion + (copyLagSeconds ?? 0);
    const gapsToNextRun = holds > start ? Math.floor((holds - start) / gap) + 1 : 1;
    return gapsToNextRun * gap + start;
}

/** The clean point must outlive the detection delay: created at worst `age` before, it expires `retention` after. */
const outlives = (input: DrModelInput, rule: RuleRecovery, age: number) => {
    const days = input.corruption.retentionDays[rule.rule];
    return days === undefined || days * 86400 >= age + input.corruption.detectionDelaySeconds.value;
};

/**
 * Whether a copy exists that an account administrator (or ransomware with their rights) cannot
 * delete or make unreadable: a vault lock in compliance mode forbids deleting recovery points once its
 * grace time ends (VAULT_LOCK), but in the same account an administrator can still schedule the
 * deletion of the keys that encrypt them (KEY_DELETION); a logically air-gapped vault (AWS-owned key
 * by default, AIR_GAPPED) or a copy in another account closes that.
 */
export function immutableCopy(input: DrModelInput): DrImmutableCopy {
    const lock = input.corruption.vaultLock;
    const reasons: string[] = [];
    if (!lock)
        reasons.push(
            `no vault lock (pulumi-aws-dr:backup.vault.lock): an administrator can delete every recovery point (${VAULT_LOCK})`,
        );
    else if (lock.mode === "governance")
        reasons.push(
            `${lock.path} is governance: a principal with backup:DeleteBackupVaultLockConfiguration can remove the lock and delete (${VAULT_LOCK})`,
        );
    else
        reasons.push(
            `${lock.path} is compliance: once its grace time ends no one, the root user included, can delete a recovery point before its retention ends (${VAULT_LOCK})`,
        );
    if (!input.corruption.isolatedCopy) {
        reasons.push(
            `every copy is in this account, whose administrators can schedule the deletion of the keys that encrypt them (${KEY_DELETION}); copy to a logically air-gapped vault or another account (${AIR_GAPPED})`,
        );
    }
    return { exists: lock?.mode === "compliance" && input.corruption.isolatedCopy, reasons };
}

/**
 * Corruption or ransomware: every replica and every later backup takes the bad data in, so the
 * restore goes back to the newest recovery point created before it, which must still be retained
 * when the corruption is found, `detectionDelay` later. RPO = detection delay + that point's age;
 * continuous backup gives a point seconds before the corruption for the types it covers, within
 * its retention. Without an immutable copy, an attacker with administrator rights deletes them all.
 */
function corruptionDisruption(
    input: DrModelInput,
    immutable: DrImmutableCopy,
): { disruption: DrDisruption; findings: DrFinding[] } {
    const delay = input.corruption.detectionDelaySeconds;
    const snapshot = slowestFirst(
        input.rules.filter((r) => outlives(input, r, snapshotAge(r))),
        (r) => -snapshotAge(r),
    )[0];
    const continuous = input.rules.find(
        (r) =>
            r.rpo.parts.continuousBackupSeconds !== undefined &&
            outlives(input, r, r.rpo.parts.continuousBackupSeconds),
    );
    const types = input.backedUp.types.map((t) => t.resourceType);
    const pitrTypes = continuous ? types.filter((t) => CONTINUOUS_BACKUP_RESOURCE_TYPES.includes(t)) : [];
    const snapshotTypes = types.filter((t) => !pitrTypes.includes(t));
    const snapshotSeconds = snapshot ? snapshotAge(snapshot) : Number.POSITIVE_INFINITY;
    const ages = [
        ...(snapshotTypes.length > 0 ? [snapshotSeconds] : []),
        ...(pitrTypes.length > 0 ? [Math.min(snapshotSeconds, continuous!.rpo.parts.continuousBackupSeconds!)] : []),
    ];
    // Nothing backed up: no recovery point to go back to.
    const age = ages.length === 0 ? Number.POSITIVE_INFINITY : Math.max(...ages);
    const parts: DrPart[] = [
        part(
            "rpo",
            "detection delay",
            delay.value,
            delay.declared ? "declared assumption" : `default ${durationText(delay.value)}: AWS publishes no figure`,
            delay.path,
            true,
        ),
        part(
            "rpo",
            "age of the last clean recovery point",
            age,
            snapshot || continuous
                ? `${snapshotTypes.length > 0 ? `snapshots of rule ${snapshot?.rule ?? "(none kept long enough)"}: schedule gap + start window` : ""}${pitrTypes.length > 0 ? `${snapshotTypes.length > 0 ? "; " : ""}continuous backup of ${pitrTypes.join(", ")} (rule ${continuous!.rule})` : ""}`
                : "no rule keeps a recovery point longer than the detection delay",
            (snapshot ?? continuous)?.path ?? "pulumi-aws-dr:backup.rules",
        ),
    ];
    const notes = [...immutable.reasons];
    let rpoSeconds = delay.value + age;
    if (!immutable.exists)
        notes.push(
            "without an immutable copy, ransomware acting as an administrator can delete or lock every recovery point: against it the RPO is unbounded",
        );
    const objective = input.objectives.corruption;
    const { verdict, findings } = judged(
        "corruption",
        objective,
        { rpoSeconds },
        { rpo: (snapshot ?? continuous)?.path },
    );
    if (objective && !immutable.exists) {
        rpoSeconds = Number.POSITIVE_INFINITY;
        const path = input.corruption.vaultLock?.path ?? "pulumi-aws-dr:backup.vault.lock";
        findings.push({
            severity: "error",
            path,
            achievedSeconds: rpoSeconds,
            objectiveSeconds: objective.rpoSeconds.value,
            message: `${path}: no copy is out of an administrator's reach (${immutable.reasons.join("; ")}), so against ransomware the RPO is unbounded against an objective of ${formatSeconds(objective.rpoSeconds.value)}`,
        });
    }
    return {
        disruption: {
            type: "corruption",
            verdict: findings.length > 0 ? "not met" : verdict,
            objectives: { rtoSeconds: null, rpoSeconds: objective?.rpoSeconds.value ?? null },
            achieved: { rtoSeconds: null, rpoSeconds: finite(rpoSeconds) },
            parts,
            notes,
        },
        findings,
    };
}

// ---- region -------------------------------------------------------------------------------------

/**
 * The region's verdict comes from the report's own RTO and RPO. A single-region stack keeps
 * everything in the region it would lose: it never gets a regional "met", only "not covered".
 */
function regionDisruption(
    input: DrModelInput,
    regional: { rtoSeconds: number; rpoSeconds: number | null; parts: readonly DrPart[]; met: boolean },
): DrDisruption {
    const objectives = { rtoSeconds: input.objectives.rtoSeconds.value, rpoSeconds: input.objectives.rpoSeconds.value };
    if (input.survivingRegions.length === 0) {
        return {
            type: "region",
            verdict: "not covered",
            objectives,
            achieved: { rtoSeconds: null, rpoSeconds: null },
            parts: [],
            notes: [
                "a region loss is not covered: the stack runs and keeps its recovery points in one region; dr.objectives are judged for a rebuild in that region (set dr.secondaryRegion to cover a region loss)",
            ],
        };
    }
    return {
        type: "region",
        verdict: regional.met ? "met" : "not met",
        objectives,
        achieved: { rtoSeconds: finite(regional.rtoSeconds), rpoSeconds: regional.rpoSeconds },
        parts: regional.parts,
        notes: [`recovery in ${input.survivingRegions.join(", ")}`],
    };
}

/** The verdict per disruption type, and the findings of the types other than the region. */
export function disruptions(
    input: DrModelInput,
    classes: readonly RpoClass[],
    regional: { rtoSeconds: number; rpoSeconds: number | null; parts: readonly DrPart[]; met: boolean },
): { disruptions: DrDisruption[]; findings: DrFinding[]; immutableCopy: DrImmutableCopy } {
    const immutable = immutableCopy(input);
    const az = azDisruption(
        input,
        classes.filter((c) => c.info.scope === "in-region"),
        regional.rtoSeconds,
    );
    const corruption = corruptionDisruption(input, immutable);
    const region = regionDisruption(input, regional);
    const notCovered: DrFinding[] =
        region.verdict === "not covered"
            ? [
                  {
                      severity: "warning",
                      path: "pulumi-aws-dr:dr.secondaryRegion",
                      achievedSeconds: Number.POSITIVE_INFINITY,
                      objectiveSeconds: input.objectives.rtoSeconds.value,
                      message: region.notes[0],
                  },
              ]
            : [];
    return {
        disruptions: [region, az.disruption, corruption.disruption],
        findings: [...notCovered, ...az.findings, ...corruption.findings],
        immutableCopy: immutable,
    };
}
