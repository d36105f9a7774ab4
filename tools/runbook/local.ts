/**
 * The disruptions the primary region survives: the loss of one of its Availability Zones (steps from
 * the report's AZ terms) and corruption or ransomware (a restore from the AWS Backup vault to the last
 * clean recovery point; the report judges its RPO only, so its steps carry no time).
 */
import { DrDisruption, formatSeconds } from "../../dr";
import { cli } from "./cli";
import { RunbookStep } from "./model";
import { automation, DOCS, fleetChecks, restoreFromVault, step, StepBuilder, StepEnv } from "./steps";

const NAT_GATEWAY = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html";

/** The resource type a zonal restore term names: "restore (zonal data, EBS)" → EBS. */
const zonalType = (name: string) => /zonal data, ([^)]+)\)/.exec(name)?.[1] ?? "*";

/** Steps of the loss of one Availability Zone, by term kind. */
export const AZ_STEPS: Record<string, StepBuilder> = {
    egress: (env, term) =>
        step("Rebuild internet egress in a surviving zone", env.owner(term.name), term, {
            commands: [
                cli("ec2", "create-nat-gateway", env.target, [
                    [
                        "--subnet-id",
                        env.names.placeholder("PUBLIC_SUBNET_IN_SURVIVING_AZ", "`pulumi stack output publicSubnetIds`"),
                    ],
                    [
                        "--allocation-id",
                        env.names.placeholder("EIP_ALLOCATION_ID", "`aws ec2 allocate-address --domain vpc`"),
                    ],
                ]),
                cli("ec2", "replace-route", env.target, [
                    [
                        "--route-table-id",
                        env.names.placeholder("PRIVATE_ROUTE_TABLE_ID", "each private subnet's route table"),
                    ],
                    ["--destination-cidr-block", "0.0.0.0/0"],
                    ["--nat-gateway-id", env.names.placeholder("NEW_NAT_GATEWAY_ID", "create-nat-gateway's answer")],
                ]),
            ],
            notes: [
                `${term.source}; the report counts it as unbounded because nothing does it without a person (${NAT_GATEWAY})`,
            ],
        }),
    detect: (env, term) =>
        step("The load balancer stops sending to the lost zone", automation("ALB target health checks"), term, {
            checks: env.names.fleets(env.target).map((f) => ({
                command: cli("elbv2", "describe-target-health", env.target, [
                    ["--target-group-arn", env.names.targetGroupArn(env.target, f.key)],
                    [
                        "--query",
                        "TargetHealthDescriptions[?TargetHealth.State!='healthy'].[Target.Id,Target.AvailabilityZone]",
                    ],
                ]),
                expect: "only targets in the lost zone",
            })),
            notes: [term.source],
        }),
    dns: (_env, term) =>
        step("Resolvers drop the zone's load balancer nodes", automation("Elastic Load Balancing DNS"), term, {
            notes: [term.source],
        }),
    capacity: (env, term) =>
        step(
            "Auto Scaling replaces the zone's instances in the other zones",
            automation("Auto Scaling (ELB health checks)"),
            term,
            {
                checks: fleetChecks(
                    env,
                    env.target,
                    (key) => env.names.fleets(env.target).find((f) => f.key === key)?.desired,
                ),
                notes: [term.source],
            },
        ),
    trigger: (env, term) =>
        step("Decide to restore the zone's data", env.owner(term.name), term, { notes: [term.source] }),
    restore: (env, term) => {
        const restore = restoreFromVault(env, env.target, zonalType(term.name));
        return step(`Restore the zonal data in ${env.target}`, env.owner(term.name), term, {
            ...restore,
            notes: [
                `from the in-region recovery points (${DOCS.backupRestore}); place the restored resource in a surviving zone`,
            ],
        });
    },
};

/** A restore to the last clean recovery point; the report gives the corruption's RPO, not a time to restore. */
export function corruptionSteps(env: StepEnv, corruption: DrDisruption): RunbookStep[] {
    const types = env.input.backedUp.types.map((t) => t.resourceType);
    const restores = (types.length > 3 ? ["*"] : types).map((type) => restoreFromVault(env, env.target, type, true));
    const rpo = corruption.achieved.rpoSeconds;
    return [
        step("Stop the damage and find when it started", env.owner("corruption: find the start"), undefined, {
            notes: [
                `the report's worst case loses ${rpo === null ? "an unbounded time" : formatSeconds(rpo)} of writes (${corruption.parts.map((p) => `${p.name} ${formatSeconds(p.seconds)}`).join(" + ")})`,
                "every replica has taken the bad writes: fail over does not help, only a recovery point from before",
            ],
        }),
        step("Restore the last clean recovery point", env.owner("corruption: restore"), undefined, {
            commands: restores.flatMap((r) => r.commands),
            checks: restores.flatMap((r) => r.checks),
            notes: [
                `choose a recovery point created before the corruption started (--by-created-before); if ${env.target} is lost too, use the copies in the recovery region's vault`,
                ...corruption.notes,
            ],
        }),
        step("Point the application at the restored data", env.owner("corruption: switch"), undefined, {
            notes: [
                "the restore creates new resources; switch the application's configuration to them, then retire the corrupted ones",
            ],
        }),
    ];
}
