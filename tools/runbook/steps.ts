/**
 * From a DR report term to the runbook step that carries it out. Each disruption type maps the kind
 * of its terms (the word before the bracket in the term's name: "detect", "trigger", "restore" ...) to
 * a step builder; a term of a kind with no builder is an error, never a step silently left out, so a
 * new term in the report fails the runbook's tests until it has its step.
 */
import { DrDisruptionType, DrModelInput, DrPart, DrReport, fleetScaleOuts, formatSeconds } from "../../dr";
import { cli, shell } from "./cli";
import { CliCommand, Performer, RunbookCheck, RunbookStep } from "./model";
import { StackNames } from "./names";

/** Where the facts behind the commands are documented. */
export const DOCS = {
    auroraDr:
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html",
    failoverApi: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html",
    switchoverApi: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html",
    globalClusterMember: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalClusterMember.html",
    healthCheckConfig: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
    failoverRouting: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html",
    globalTables: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html",
    s3Replication: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    backupRestore: "https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html",
    dig: "https://bind9.readthedocs.io/en/latest/manpages.html#dig-dns-lookup-utility",
    pulumiUp: "https://www.pulumi.com/docs/iac/cli/commands/pulumi_up/",
    /** "The control plane for these global services [Route 53, IAM, CloudFront] are only available in US East (N. Virginia)". */
    globalControlPlane:
        "https://aws.amazon.com/blogs/networking-and-content-delivery/creating-disaster-recovery-mechanisms-using-amazon-route-53/",
} as const;

/** What every step builder may read: the stack's names, the model's input and report, the owner. */
export interface StepEnv {
    readonly names: StackNames;
    readonly input: DrModelInput;
    readonly report: DrReport;
    /** The stack's owner of manual steps; records the step as a problem when the stack names none. */
    readonly owner: (step: string) => Performer;
    /** The region the service runs from once the step is done: the recovery region, or the primary itself. */
    readonly target: string;
}

export type StepBuilder = (env: StepEnv, term: DrPart) => RunbookStep;

/** The kind of a term: its name up to the bracket ("trigger (raise the standby, manual)" → "trigger"). */
export const termKind = (part: DrPart) => part.name.split(" (")[0];

export const automation = (by: string): Performer => ({ kind: "automation", by });

/** Whether the report counts the term as a person's ("trigger (..., manual)"). */
const isManual = (term: DrPart) => /\bmanual\b/.test(term.name);

/** A term the report marks as manual needs a person; any other is done by the service named. */
const performerOf = (env: StepEnv, term: DrPart, title: string, by: string): Performer =>
    isManual(term) ? env.owner(title) : automation(by);

export const step = (
    title: string,
    performer: Performer,
    term: DrPart | undefined,
    parts: { commands?: CliCommand[]; checks?: RunbookCheck[]; notes?: string[] },
): RunbookStep => ({
    title,
    performer,
    commands: parts.commands ?? [],
    checks: parts.checks ?? [],
    seconds: term ? term.seconds : null,
    term,
    notes: parts.notes ?? [],
});

// ---- checks shared by several steps ------------------------------------------------------------------

export function healthCheckStatus(env: StepEnv, role: "primary" | "secondary", expect: string): RunbookCheck {
    return {
        command: cli("route53", "get-health-check-status", undefined, [
            ["--health-check-id", env.names.healthCheckId(role)],
        ]),
        expect,
    };
}

/** The failover name resolves to the addresses of `region`'s load balancer. */
export function dnsAnswers(env: StepEnv, region: string): RunbookCheck[] {
    const name = env.names.failoverRecordName;
    if (!name) return [];
    return [
        {
            command: shell(`dig +short ${name}\ndig +short ${env.names.albDnsName(region)}`, DOCS.dig),
            expect: `both print the same addresses: ${name} answers with the ${region} load balancer`,
        },
    ];
}

export function fleetChecks(env: StepEnv, region: string, size: (key: string) => number | undefined): RunbookCheck[] {
    return env.names.fleets(region).flatMap((f) => {
        const n = size(f.key);
        if (n === undefined) return [];
        return [
            {
                command: cli("autoscaling", "describe-auto-scaling-groups", region, [
                    ["--auto-scaling-group-names", f.asg],
                    ["--query", "AutoScalingGroups[0].Instances[?LifecycleState=='InService'] | length(@)"],
                ]),
                expect: `${n} (instances in service in ${f.asg})`,
            },
            {
                command: cli("elbv2", "describe-target-health", region, [
                    ["--target-group-arn", env.names.targetGroupArn(region, f.key)],
                    ["--query", "TargetHealthDescriptions[?TargetHealth.State=='healthy'] | length(@)"],
                ]),
                expect: `${n} healthy targets`,
            },
        ];
    });
}

/** Sets a region's fleets to a size: the command a person runs to raise, fence or restore them. */
export function resizeFleets(
    env: StepEnv,
    region: string,
    size: (f: {
        key: string;
        min: number;
        max: number;
        desired: number;
    }) => { min: number; desired: number; max?: number } | undefined,
): CliCommand[] {
    return env.names.fleets(region).flatMap((f) => {
        const to = size(f);
        if (!to) return [];
        return [
            cli("autoscaling", "update-auto-scaling-group", region, [
                ["--auto-scaling-group-name", f.asg],
                ["--min-size", String(to.min)],
                ...(to.max === undefined ? [] : [["--max-size", String(to.max)] as const]),
                ["--desired-capacity", String(to.desired)],
            ]),
        ];
    });
}

/** Starts an SSM Automation document by hand: the fallback when its alarm does not, or the manual mode's one command. */
const startAutomation = (region: string, document: string) =>
    cli("ssm", "start-automation-execution", region, [["--document-name", document]]);

function automationSucceeded(region: string, document: string): RunbookCheck {
    return {
        command: cli("ssm", "describe-automation-executions", region, [
            ["--filters", `Key=DocumentNamePrefix,Values=${document}`],
            ["--query", "AutomationExecutionMetadataList[0].AutomationExecutionStatus"],
        ]),
        expect: '"Success"',
    };
}

function alarmState(region: string, alarm: string, type: "MetricAlarms" | "CompositeAlarms"): RunbookCheck {
    return {
        command: cli("cloudwatch", "describe-alarms", region, [
            ["--alarm-names", alarm],
            ["--alarm-types", type === "MetricAlarms" ? "MetricAlarm" : "CompositeAlarm"],
            ["--query", `${type}[0].StateValue`],
        ]),
        expect: '"ALARM"',
    };
}

// ---- data: promotion of replicated stores, restore of backed-up ones ------------------------------------

/** Promotes each Aurora global database's cluster in `region`: by its SSM Automation document where one is declared. */
function auroraPromotion(
    env: StepEnv,
    region: string,
): { commands: CliCommand[]; checks: RunbookCheck[]; automated?: string } {
    const commands: CliCommand[] = [];
    const checks: RunbookCheck[] = [];
    for (const db of env.names.globalDatabases()) {
        const target = db.clusters.find((c) => c.region === region);
        if (!target) continue;
        if (target.instances === 0) {
            commands.push(
                cli("rds", "create-db-instance", region, [
                    ["--db-instance-identifier", `${target.id}-0`],
                    ["--db-cluster-identifier", target.id],
                    ["--engine", db.engine],
                    [
                        "--db-instance-class",
                        db.clusters.find((c) => c.instanceClass)?.instanceClass ?? "<INSTANCE_CLASS>",
                    ],
                ]),
                cli("rds", "wait db-instance-available", region, [["--db-instance-identifier", `${target.id}-0`]]),
            );
        }
        commands.push(
            cli("rds", "failover-global-cluster", region, [
                ["--global-cluster-identifier", db.globalClusterId],
                ["--target-db-cluster-identifier", target.arn],
                ["--allow-data-loss"],
            ]),
        );
        checks.push({
            command: cli("rds", "describe-global-clusters", region, [
                ["--global-cluster-identifier", db.globalClusterId],
                ["--query", "GlobalClusters[0].GlobalClusterMembers[?IsWriter].DBClusterArn"],
            ]),
            expect: `["${target.arn}"]: the ${region} cluster is the writer`,
        });
    }
    const document = env.names.automationDocument(region, "FailoverGlobalCluster");
    if (document && commands.length > 0) commands.unshift(startAutomation(region, document));
    return { commands, checks, automated: document };
}

/**
 * The newest completed recovery point of a type in `region`'s vault (created before the corruption
 * started, with `beforeCorruption`), its restore metadata, and the restore job.
 */
export function restoreFromVault(
    env: StepEnv,
    region: string,
    resourceType: string,
    beforeCorruption = false,
): { commands: CliCommand[]; checks: RunbookCheck[] } {
    const vault = env.names.vault(region) ?? env.names.placeholder("BACKUP_VAULT", `the backup vault in ${region}`);
    const type =
        resourceType === "*"
            ? env.names.placeholder("RESOURCE_TYPE", "each type the backup selections pick (Aurora, EBS, S3 ...)")
            : resourceType;
    const point = env.names.placeholder(
        "RECOVERY_POINT_ARN",
        "the first command's answer: the newest recovery point of the type in the vault",
    );
    return {
        commands: [
            cli("backup", "list-recovery-points-by-backup-vault", region, [
                ["--backup-vault-name", vault],
                ["--by-resource-type", type],
                ...(beforeCorruption
                    ? [
                          [
                              "--by-created-before",
                              env.names.placeholder("CORRUPTION_START", "when the bad writes began (ISO 8601)"),
                          ] as const,
                      ]
                    : []),
                [
                    "--query",
                    "reverse(sort_by(RecoveryPoints[?Status=='COMPLETED'], &CreationDate))[0].RecoveryPointArn",
                ],
            ]),
            cli("backup", "get-recovery-point-restore-metadata", region, [
                ["--backup-vault-name", vault],
                ["--recovery-point-arn", point],
                ["--query", "RestoreMetadata"],
            ]),
            cli("backup", "start-restore-job", region, [
                ["--recovery-point-arn", point],
                ["--iam-role-arn", env.names.restoreRoleArn],
                ["--resource-type", type],
                ["--metadata", "file://restore-metadata.json"],
            ]),
        ],
        checks: [
            {
                command: cli("backup", "describe-restore-job", region, [
                    ["--restore-job-id", env.names.placeholder("RESTORE_JOB_ID", "start-restore-job's answer")],
                    ["--query", "Status"],
                ]),
                expect: `"COMPLETED" (the ${resourceType === "*" ? "" : `${resourceType} `}restore job)`,
            },
        ],
    };
}

/**
 * The data term: each resource type it is the slowest of comes back in `env.target` at once; the
 * slowest sets the step's time. Replicated stores are promoted, the others restored from AWS Backup.
 */
const dataRecovery: StepBuilder = (env, term) => {
    const region = env.target;
    const candidates = term.slowestOf ?? [];
    const commands: CliCommand[] = [];
    const checks: RunbookCheck[] = [];
    const notes: string[] = [
        `the resource types come back together; the slowest sets the time: ${candidates.map((c) => `${c.name} ${formatSeconds(c.seconds)}`).join(", ")}`,
    ];
    let automated: string | undefined;
    const restored = candidates.filter((c) => !env.input.replicatedStores?.some((s) => s.resourceType === c.name));
    for (const c of candidates) {
        const store = env.input.replicatedStores?.find((s) => s.resourceType === c.name);
        if (!store) continue;
        if (c.name === "Aurora") {
            const aurora = auroraPromotion(env, region);
            commands.push(...aurora.commands);
            checks.push(...aurora.checks);
            automated = aurora.automated;
            if (aurora.automated) {
                const starter = env.names.compositeAlarm(region);
                notes.push(
                    starter
                        ? `Aurora: SSM Automation document ${aurora.automated} promotes it, started by composite alarm ${starter}; start it by hand only if it has not run, and the rds commands only if it cannot`
                        : `Aurora: SSM Automation document ${aurora.automated} runs the promotion once started; the rds commands do its steps by hand if it cannot`,
                );
            }
            notes.push(
                `Aurora: --allow-data-loss makes it a failover (unplanned), not a switchover; writes not yet replicated to ${region} are lost, within the report's RPO (${DOCS.failoverApi}); the failback section checks how the old primary comes back (${DOCS.auroraDr})`,
            );
        } else if (c.name === "DynamoDB") {
            for (const table of env.names.tables()) {
                checks.push({
                    command: cli("dynamodb", "describe-table", region, [
                        ["--table-name", table],
                        ["--query", "Table.TableStatus"],
                    ]),
                    expect: '"ACTIVE": the replica takes writes as it is (global tables are multi-active)',
                });
            }
            notes.push(
                `DynamoDB: nothing to promote, every replica of a global table accepts writes (${DOCS.globalTables})`,
            );
        } else if (c.name === "S3") {
            for (const bucket of env.names.buckets()) {
                const name = bucket.byRegion[region];
                if (!name) continue;
                checks.push({
                    command: cli("s3api", "head-bucket", region, [["--bucket", name]]),
                    expect: "no error: the replica bucket serves reads and writes as it is",
                });
            }
            notes.push(
                `S3: nothing to promote; the application must use the ${region} bucket, and objects not yet replicated (the report's RPO) stay in the primary until failback (${DOCS.s3Replication})`,
            );
        }
    }
    if (restored.length > 0) {
        // A tag-based selection may pick any type: one generic restore, run per type found in the vault.
        const types = restored.length > 3 ? ["*"] : restored.map((c) => c.name);
        for (const type of types) {
            const restore = restoreFromVault(env, region, type);
            commands.push(...restore.commands);
            checks.push(...restore.checks);
        }
        notes.push(
            `AWS Backup: the restore's metadata comes from get-recovery-point-restore-metadata; give the restored resource a new name where the old one still exists, then point the application at it (${DOCS.backupRestore})`,
        );
    }
    // The promotion is automation's when its document exists and a composite alarm starts it (mode automatic).
    const started = automated && env.names.compositeAlarm(region);
    const performer =
        commands.length === 0
            ? automation("the stores' own replication: nothing to promote")
            : started && restored.length === 0
              ? automation(
                    `SSM Automation document ${automated} in ${region}, started by ${env.names.compositeAlarm(region) ?? "its alarm"}; the commands below are its manual fallback`,
                )
              : env.owner(term.name);
    if (env.input.strategy === "backup-restore") {
        // Nothing runs in the region the data comes back to: the program declares it again first.
        commands.unshift(shell(`pulumi up --stack ${env.names.ctx.stack}`, DOCS.pulumiUp));
        notes.push(
            region === env.names.primaryRegion
                ? "pulumi up declares again whatever the stack lost; then the data is restored into it"
                : `pulumi up with pulumi-aws-dr:dr.primaryRegion set to ${region} builds the stack there first`,
        );
    }
    const title =
        env.input.strategy === "backup-restore"
            ? `Rebuild the stack and restore its data in ${region}`
            : `Bring the data back in ${region}`;
    return step(title, performer, term, { commands, checks, notes });
};

// ---- the region's terms --------------------------------------------------------------------------------

const fullSizes = (env: StepEnv) => new Map(fleetScaleOuts(env.input).map((s) => [s.fleet.targetGroup, s.full]));

/** Steps of a regional failover (or, for a single-region stack, of its rebuild in place), by term kind. */
export const REGION_STEPS: Record<string, StepBuilder> = {
    detect: (env, term) =>
        step("Route 53 marks the primary unhealthy", automation("Route 53 health checks"), term, {
            checks: [healthCheckStatus(env, "primary", 'StatusReport.Status of most checkers starts with "Failure"')],
            notes: [`${term.source}`],
        }),
    dns: (env, term) =>
        step(
            env.target === env.names.primaryRegion
                ? "Resolvers pick up the rebuilt load balancer"
                : `Resolvers follow Route 53 to ${env.target}`,
            automation("Route 53 failover routing and resolvers' TTL"),
            term,
            {
                checks: dnsAnswers(env, env.target),
                notes: [
                    `Route 53 answers with the secondary while the primary's check fails (${DOCS.failoverRouting}); resolvers keep the old answer up to the TTL`,
                ],
            },
        ),
    trigger: (env, term) =>
        step(
            env.target === env.names.primaryRegion
                ? "Decide to rebuild and start the restore"
                : "Decide to fail over and start the recovery",
            performerOf(env, term, term.name, term.source),
            term,
            {
                checks: [
                    healthCheckStatus(
                        env,
                        "primary",
                        '"Failure" from most checkers: the primary is down, not one checker\'s view',
                    ),
                ],
                notes: [
                    term.source,
                    `every command below runs against ${env.target}; Route 53's API (the status checks) is served from us-east-1 only (${DOCS.globalControlPlane}): if it does not answer, dig (DNS itself) still tells where the name points`,
                ],
            },
        ),
    capacity: (env, term) => {
        const sizes = fullSizes(env);
        const fromZero = env.input.strategy === "pilot-light";
        const commands = resizeFleets(env, env.target, (f) => {
            const full = sizes.get(f.key);
            return full === undefined || full <= f.desired
                ? undefined
                : { min: fromZero ? full : f.min, desired: full };
        });
        const policies = env.names
            .fleets(env.target)
            .map((f) => f.asg)
            .join(", ");
        // Target tracking cannot start a fleet at zero: a pilot light launches once the report's raise (the
        // recovery region's probe) sets its size, or, without one, once a person does.
        const raisedByHand = !env.report.parts.some((p) => termKind(p) === "raise" && !isManual(p));
        const performer = !fromZero
            ? automation(`target tracking on ${policies}; the commands below set the full size at once`)
            : raisedByHand
              ? env.owner(term.name)
              : automation("Auto Scaling, at the size the raise set; the commands below are its manual fallback");
        return step(
            fromZero
                ? `Launch the fleets in ${env.target} at full size`
                : `The fleets in ${env.target} scale to full size`,
            performer,
            term,
            { commands, checks: fleetChecks(env, env.target, (key) => sizes.get(key)), notes: [term.source] },
        );
    },
    "standby healthy": (env, term) =>
        step(`Route 53 marks ${env.target} healthy`, automation("Route 53 health checks"), term, {
            checks: [healthCheckStatus(env, "secondary", '"Success" from most checkers')],
            notes: [term.source],
        }),
    raise: (env, term) => {
        const document = env.names.automationDocument(env.target, "UpdateAutoScalingGroup");
        // The probe's alarm raises; without a probe (the primary behind the CDN) the DNS witness's does.
        const probe = env.names.probeAlarm(env.target);
        const alarm = probe ?? env.names.dnsAlarm(env.target);
        const what = probe ? "probe alarm" : "DNS witness alarm";
        const sizes = fullSizes(env);
        const raiseFleets = resizeFleets(env, env.target, (f) => {
            const full = sizes.get(f.key);
            return full === undefined || full <= f.desired ? undefined : { min: full, desired: full };
        });
        return step(
            probe
                ? `The probe in ${env.target} raises the standby`
                : `Route 53's answer, seen from ${env.target}, raises the standby`,
            performerOf(
                env,
                term,
                term.name,
                `${alarm ? `${what} ${alarm}` : `the ${what}`} starts SSM Automation document ${document ?? "(none declared)"}; the commands below are its manual fallback`,
            ),
            term,
            {
                commands: [...(document ? [startAutomation(env.target, document)] : []), ...raiseFleets],
                checks: [
                    ...(alarm ? [alarmState(env.target, alarm, "MetricAlarms")] : []),
                    ...(document ? [automationSucceeded(env.target, document)] : []),
                ],
                notes: [term.source],
            },
        );
    },
    witnesses: (env, term) => {
        const composite = env.names.compositeAlarm(env.target);
        const probed = env.names.probeAlarm(env.target) !== undefined;
        return step(
            probed
                ? `Route 53 answers with ${env.target} and the probe fails: the primary is gone`
                : `Route 53 answers with ${env.target}: the primary is gone`,
            performerOf(env, term, term.name, `composite alarm ${composite ?? "(none declared)"}`),
            term,
            {
                checks: composite ? [alarmState(env.target, composite, "CompositeAlarms")] : [],
                notes: [
                    term.source,
                    probed
                        ? "two witnesses: a probe cut off from the primary alone never fails the database over, and CloudFront's per-request origin failover never moves Route 53's answer"
                        : "Route 53's own answer, the one the write path follows: CloudFront's per-request origin failover never moves it",
                ],
            },
        );
    },
    "data recovery": dataRecovery,
    restore: dataRecovery,
    // The fleets were launched before the restore finished: they serve its data only once relaunched onto it.
    attach: (env, term) =>
        step(`Relaunch the fleets in ${env.target} on the restored volumes`, env.owner(term.name), term, {
            checks: [
                ...fleetChecks(env, env.target, (key) => fullSizes(env).get(key)),
                ...(env.input.strategy === "pilot-light"
                    ? [healthCheckStatus(env, "secondary", '"Success" from most checkers')]
                    : []),
            ],
            notes: [
                term.source,
                "attach each restored volume to its instance, or point the launch template at the restored snapshots and start an instance refresh",
            ],
        }),
};

/**
 * The region's terms in the order they happen. The report lists DNS second; that is when resolvers
 * follow a running standby (warm standby, active-active). A pilot light's record stays unhealthy until
 * its fleet is up, and while both records are unhealthy Route 53 answers with the primary
 * (Route 53 failover routing); a rebuilt stack has no load balancer to point at until it is rebuilt: for
 * those, DNS is what users wait for last.
 */
export function regionTermsInOrder(input: DrModelInput, terms: readonly DrPart[]): DrPart[] {
    if (input.strategy === "warm-standby" || input.strategy === "active-active") return [...terms];
    return [...terms.filter((t) => termKind(t) !== "dns"), ...terms.filter((t) => termKind(t) === "dns")];
}

/** Builds the steps of a disruption type's terms; a term of a kind no builder knows is an error. */
export function termSteps(
    type: DrDisruptionType,
    builders: Record<string, StepBuilder>,
    env: StepEnv,
    terms: readonly DrPart[],
): RunbookStep[] {
    return terms.map((term) => {
        const kind = termKind(term);
        const build = Object.hasOwn(builders, kind) ? builders[kind] : undefined;
        if (!build) {
            throw new Error(
                `the runbook has no step for the DR report's ${type} term "${term.name}" (kind "${kind}"); add one to tools/runbook`,
            );
        }
        return build(env, term);
    });
}
