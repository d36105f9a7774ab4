/**
 * Failback to the primary region once it is back: a planned move, in the order that keeps one writer
 * at a time. Traffic stays in the recovery region (the primary's fleets held at zero, so its Route 53
 * check keeps failing) until every store replicates towards the primary again; only then does the
 * Aurora switchover move the writer back without data loss, and only then does the primary take
 * traffic again. The two steps Route 53 performs are the report's detect and dns terms: a check turns
 * healthy after the same number of checks as it turns unhealthy (HealthCheckConfig).
 */
import { DrPart } from "../../dr";
import { cli, shell } from "./cli";
import { CliCommand, RunbookCheck, RunbookStep } from "./model";
import {
    automation,
    dnsAnswers,
    DOCS,
    fleetChecks,
    healthCheckStatus,
    resizeFleets,
    step,
    StepEnv,
    termKind,
} from "./steps";

const EVENTBRIDGE_RULES = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html";

function ruleState(region: string, name: string, state: "ENABLED" | "DISABLED"): RunbookCheck {
    return {
        command: cli("events", "describe-rule", region, [
            ["--name", name],
            ["--query", "State"],
        ]),
        expect: `"${state}"`,
    };
}

const S3_BATCH_REPLICATION = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-batch-replication-batch.html";

function auroraSteps(
    env: StepEnv,
    primary: string,
    recovery: string,
): { rejoin: RunbookStep[]; switchover: RunbookStep[] } {
    const rejoin: RunbookStep[] = [];
    const switchover: RunbookStep[] = [];
    for (const db of env.names.globalDatabases()) {
        const old = db.clusters.find((c) => c.region === primary);
        if (!old) continue;
        const members: RunbookCheck = {
            command: cli("rds", "describe-global-clusters", recovery, [
                ["--global-cluster-identifier", db.globalClusterId],
                ["--query", "GlobalClusters[0].GlobalClusterMembers[].[DBClusterArn,IsWriter,SynchronizationStatus]"],
            ]),
            expect: `${old.arn} listed with IsWriter false and SynchronizationStatus "connected"`,
        };
        rejoin.push(
            step(
                `Aurora ${db.globalClusterId}: the old primary replicates again`,
                env.owner("failback: Aurora"),
                undefined,
                {
                    checks: [members],
                    notes: [
                        `wait until the ${primary} cluster is a member again and "connected" (GlobalClusterMember.SynchronizationStatus: connected | pending-resync, ${DOCS.globalClusterMember}); if it is missing, follow AWS's recovery of an old primary (${DOCS.auroraDr}) before going on`,
                    ],
                },
            ),
        );
        switchover.push(
            step(
                `Aurora ${db.globalClusterId}: switch the writer back to ${primary}`,
                env.owner("failback: Aurora switchover"),
                undefined,
                {
                    commands: [
                        cli("rds", "switchover-global-cluster", recovery, [
                            ["--global-cluster-identifier", db.globalClusterId],
                            ["--target-db-cluster-identifier", old.arn],
                        ]),
                    ],
                    checks: [
                        {
                            command: cli("rds", "describe-global-clusters", primary, [
                                ["--global-cluster-identifier", db.globalClusterId],
                                ["--query", "GlobalClusters[0].GlobalClusterMembers[?IsWriter].DBClusterArn"],
                            ]),
                            expect: `["${old.arn}"]`,
                        },
                    ],
                    notes: [
                        `a switchover, not a failover: Aurora synchronizes the secondaries first and demotes the ${recovery} writer, so no write is lost and there is never a second writer; AWS names it the way "to fall back to the original primary after a global database failover" (${DOCS.switchoverApi})`,
                        "the database is unavailable for a short time while the clusters change roles; the report has no term for it",
                    ],
                },
            ),
        );
    }
    return { rejoin, switchover };
}

function s3Reverse(env: StepEnv, primary: string, recovery: string): RunbookStep[] {
    return env.names.buckets().map((bucket) => {
        const from = bucket.byRegion[recovery];
        const to = bucket.byRegion[primary];
        const role = env.names.placeholder(
            "REVERSE_REPLICATION_ROLE_ARN",
            `a role S3 can assume to replicate from ${recovery} to ${primary}; the stack declares one for the other direction only`,
        );
        const commands: CliCommand[] = [
            cli("s3api", "put-bucket-replication", recovery, [
                ["--bucket", from],
                [
                    "--replication-configuration",
                    JSON.stringify({
                        Role: role,
                        Rules: [
                            {
                                ID: "failback",
                                Status: "Enabled",
                                Priority: 1,
                                Filter: {},
                                DeleteMarkerReplication: { Status: "Disabled" },
                                Destination: { Bucket: `arn:aws:s3:::${to}` },
                            },
                        ],
                    }),
                ],
            ]),
            shell(
                `aws s3 sync s3://${from} s3://${to} --source-region ${recovery} --region ${primary}`,
                "https://docs.aws.amazon.com/cli/latest/reference/s3/sync.html",
            ),
        ];
        return step(
            `S3 ${bucket.key}: replicate ${recovery} back to ${primary}`,
            env.owner("failback: S3"),
            undefined,
            {
                commands,
                checks: [
                    {
                        command: cli("s3api", "get-bucket-replication", recovery, [
                            ["--bucket", from],
                            ["--query", "ReplicationConfiguration.Rules[0].Status"],
                        ]),
                        expect: '"Enabled"',
                    },
                ],
                notes: [
                    `replication copies only objects written after the rule exists, so the sync copies those written in ${recovery} since the failover (or use S3 Batch Replication, ${S3_BATCH_REPLICATION}); the rule's destination bucket must keep versioning on (${DOCS.s3Replication})`,
                    `a KMS-encrypted source needs SourceSelectionCriteria and the destination key in the rule: take them from \`aws s3api get-bucket-replication --bucket ${to}\` (the stack's own rule), with the buckets swapped`,
                ],
            },
        );
    });
}

function dynamoCheck(env: StepEnv, primary: string): RunbookStep[] {
    const tables = env.names.tables();
    if (tables.length === 0) return [];
    return [
        step(`DynamoDB: the ${primary} replicas are active again`, env.owner("failback: DynamoDB"), undefined, {
            checks: tables.map((table) => ({
                command: cli("dynamodb", "describe-table", primary, [
                    ["--table-name", table],
                    ["--query", "Table.Replicas[].[RegionName,ReplicaStatus]"],
                ]),
                expect: 'every replica "ACTIVE"',
            })),
            notes: [
                `global tables are multi-active and catch up on their own (${DOCS.globalTables}); concurrent writes to one item in two regions resolve last-writer-wins, which is why traffic stays in one region until the end`,
            ],
        }),
    ];
}

/** The failback section's steps: confirm, hold traffic, re-replicate, switch the writer, reopen, clean up. */
export function failbackSteps(
    env: StepEnv,
    failoverTerms: readonly DrPart[],
    primary: string,
    recovery: string,
): RunbookStep[] {
    const termOf = (kind: string) => failoverTerms.find((t) => termKind(t) === kind);
    const primaryFleets = env.names.fleets(primary);
    const steps: RunbookStep[] = [
        step(`Confirm ${primary} is back`, env.owner("failback: confirm"), undefined, {
            checks: [
                {
                    command: cli("ec2", "describe-availability-zones", primary, [
                        ["--query", "AvailabilityZones[?State!='available'].ZoneName"],
                    ]),
                    expect: "[] (every zone available); and the AWS Health Dashboard shows the event resolved",
                },
            ],
            notes: ["failback is planned: choose a quiet hour, and announce it"],
        }),
    ];
    const rules = env.names.automationRules(recovery);
    if (rules.length > 0) {
        steps.push(
            step(`Pause the failover automation in ${recovery}`, env.owner("failback: pause automation"), undefined, {
                commands: rules.map((name) => cli("events", "disable-rule", recovery, [["--name", name]])),
                checks: rules.map((name) => ruleState(recovery, name, "DISABLED")),
                notes: [
                    `while the primary's fleets are held at zero its probe fails and traffic is at ${recovery}: left on, these rules would start the raise and the promotion again in the middle of the failback (${EVENTBRIDGE_RULES})`,
                ],
            }),
        );
    }
    if (primaryFleets.length > 0 && env.names.failoverRecordName) {
        steps.push(
            step(
                `Hold traffic in ${recovery}: keep the primary's fleets at zero`,
                env.owner("failback: hold traffic"),
                undefined,
                {
                    commands: resizeFleets(env, primary, () => ({ min: 0, desired: 0 })),
                    checks: [
                        healthCheckStatus(
                            env,
                            "primary",
                            '"Failure" from most checkers, so Route 53 keeps answering with the secondary',
                        ),
                    ],
                    notes: [
                        `Route 53 sends traffic back to the primary as soon as its check passes (${DOCS.failoverRouting}); run this as soon as ${primary}'s API answers, before its fleets pass their health checks, so users move back only after the data has`,
                    ],
                },
            ),
        );
    }
    const restored = failoverTerms
        .filter((t) => termKind(t) === "restore" || termKind(t) === "data recovery")
        .flatMap((t) => t.slowestOf ?? [])
        .map((c) => c.name)
        .filter((type) => !env.input.replicatedStores?.some((s) => s.resourceType === type));
    steps.push(...dataSteps(env, primary, recovery, restored));
    if (primaryFleets.length > 0) {
        steps.push(
            step(`Reopen ${primary}: its fleets at their declared size`, env.owner("failback: reopen"), undefined, {
                commands: resizeFleets(env, primary, (f) => ({ min: f.min, max: f.max, desired: f.desired })),
                checks: fleetChecks(env, primary, (key) => primaryFleets.find((f) => f.key === key)?.desired),
            }),
        );
    }
    const detect = termOf("detect");
    if (detect) {
        steps.push(
            step("Route 53 marks the primary healthy", automation("Route 53 health checks"), detect, {
                checks: [healthCheckStatus(env, "primary", '"Success" from most checkers')],
                notes: [
                    `a check turns healthy after failureThreshold passing checks, as it turned unhealthy (${DOCS.healthCheckConfig})`,
                ],
            }),
        );
    }
    const dns = termOf("dns");
    if (dns) {
        steps.push(
            step(
                `Resolvers follow Route 53 back to ${primary}`,
                automation("Route 53 failover routing and resolvers' TTL"),
                dns,
                {
                    checks: dnsAnswers(env, primary),
                },
            ),
        );
    }
    steps.push(
        step(`Return ${recovery} to its standby shape`, env.owner("failback: clean up"), undefined, {
            commands: [
                ...rules.map((name) => cli("events", "enable-rule", recovery, [["--name", name]])),
                ...env.names
                    .buckets()
                    .map((b) =>
                        cli("s3api", "delete-bucket-replication", recovery, [["--bucket", b.byRegion[recovery]]]),
                    ),
                shell(`pulumi up --stack ${env.names.ctx.stack}`, DOCS.pulumiUp),
            ],
            checks: [
                ...rules.map((name) => ruleState(recovery, name, "ENABLED")),
                {
                    command: shell(
                        `pulumi preview --stack ${env.names.ctx.stack} --expect-no-changes`,
                        "https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/",
                    ),
                    expect: "exit status 0: the stack is as declared again (standby sizes, replication direction)",
                },
            ],
            notes: [
                "pulumi up puts back what the failover changed by hand: the standby's fleet sizes and the primary's minimums",
            ],
        }),
    );
    return steps;
}

/** The data tier's failback in order: each store replicates towards the primary before the writer moves. */
function dataSteps(env: StepEnv, primary: string, recovery: string, restored: readonly string[]): RunbookStep[] {
    const aurora = auroraSteps(env, primary, recovery);
    return [
        ...aurora.rejoin,
        ...s3Reverse(env, primary, recovery),
        ...dynamoCheck(env, primary),
        ...restoredBack(env, primary, recovery, restored),
        ...aurora.switchover,
    ];
}

/**
 * Data the failover restored from AWS Backup in the recovery region has no replication back: back it
 * up there, copy the recovery point to the primary's vault, and restore it in the primary.
 */
function restoredBack(env: StepEnv, primary: string, recovery: string, types: readonly string[]): RunbookStep[] {
    if (types.length === 0) return [];
    const vault = (region: string) =>
        env.names.vault(region) ?? env.names.placeholder("BACKUP_VAULT", `the backup vault in ${region}`);
    const point = env.names.placeholder(
        "RECOVERY_POINT_ARN_IN_RECOVERY",
        "start-backup-job's answer (RecoveryPointArn)",
    );
    const resource = env.names.placeholder(
        "RESTORED_RESOURCE_ARN",
        `the resource the failover restored in ${recovery}`,
    );
    return [
        step(
            `Data restored in ${recovery} (${types.join(", ")}): back it up and copy it to ${primary}`,
            env.owner("failback: restored data"),
            undefined,
            {
                commands: [
                    cli("backup", "start-backup-job", recovery, [
                        ["--backup-vault-name", vault(recovery)],
                        ["--resource-arn", resource],
                        ["--iam-role-arn", env.names.restoreRoleArn],
                    ]),
                    cli("backup", "start-copy-job", recovery, [
                        ["--recovery-point-arn", point],
                        ["--source-backup-vault-name", vault(recovery)],
                        [
                            "--destination-backup-vault-arn",
                            `arn:aws:backup:${primary}:${env.names.accountId}:backup-vault:${vault(primary)}`,
                        ],
                        ["--iam-role-arn", env.names.restoreRoleArn],
                    ]),
                ],
                checks: [
                    {
                        command: cli("backup", "list-copy-jobs", recovery, [
                            ["--by-resource-arn", resource],
                            ["--query", "reverse(sort_by(CopyJobs, &CreationDate))[0].State"],
                        ]),
                        expect: '"COMPLETED"; then restore it in the primary as the failover restored it (its restore commands, with the region and vault of the primary)',
                    },
                ],
                notes: [
                    `writes to it in ${primary} must wait until the restore there completes (${DOCS.backupRestore})`,
                ],
            },
        ),
    ];
}
