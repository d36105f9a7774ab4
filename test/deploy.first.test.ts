/**
 * What a first real `pulumi up` would meet (issue "Ready for a real pulumi up"): each case here failed
 * on AWS, or misbehaved after the deploy, before its fix; the engine now refuses the same class of mistake.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    elbLogDeliveryPrincipal,
    Fleet,
    FleetArgs,
    MultiAzAlb,
    MultiAzAlbArgs,
    MultiAzNetwork,
    regions,
    supportedRegions,
    validateFleetArgs,
} from "../components";
import { BackupPlan, BackupPlanArgs, validateBackupPlanArgs } from "../components/backup";
import { evaluateStack, listStacks, PROJECT_DIR, stackConfig } from "../tools/engine";
import { drModelInput } from "../config/drInput";
import { drReport } from "../dr";
import { formatChecks, planChecks, stackContext, targetHealthText } from "../tools/planChecks";
import { albArgs, CERT } from "./alb.fixtures";
import { ofType, one, policyOf, run, runExpectingError, shippedStack } from "./harness";

const ACCOUNT = "123456789012";
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/pulumi-deploy`;

const daily: BackupPlanArgs = {
    rules: { daily: { schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfterDays: 7 } } },
    selections: { tagged: { selectionTags: { backup: "true" } } },
};

describe("item 6: the next update of the vault policy", () => {
    it("is refused by the engine when the policy denies it to the deployer, as AWS refuses the update", async () => {
        const { error } = await runExpectingError(() => {
            new aws.backup.VaultPolicy("locked-out", {
                backupVaultName: "v",
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Deny",
                            Principal: { AWS: "*" },
                            Action: ["backup:PutBackupVaultAccessPolicy"],
                            Resource: "*",
                        },
                    ],
                }),
            });
        });
        expect(error.message).toMatch(
            /denies backup:PutBackupVaultAccessPolicy to the deploying role.*AccessDeniedException/,
        );
    });

    it("stays possible for the deployer: BackupPlan exempts the deploying role from the policy deny only", async () => {
        const record = await run(() => {
            new BackupPlan("bk", daily);
        });
        const [deletion, update] = policyOf(one(record, "aws:backup/vaultPolicy:VaultPolicy")).Statement;
        expect(deletion.Condition).toBeUndefined();
        expect(update.Action).toEqual(["backup:PutBackupVaultAccessPolicy"]);
        expect(update.Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": [DEPLOYER] } });
    });

    it("takes the deployers from args, and still refuses a list that leaves the deploying role out", async () => {
        const ci = `arn:aws:iam::${ACCOUNT}:role/github-*`;
        const record = await run(() => {
            new BackupPlan("bk", { ...daily, vault: { deployerPrincipalArns: [ci, DEPLOYER] } });
        });
        expect(policyOf(one(record, "aws:backup/vaultPolicy:VaultPolicy")).Statement[1].Condition).toEqual({
            ArnNotLike: { "aws:PrincipalArn": [ci, DEPLOYER] },
        });
        const { error } = await runExpectingError(() => {
            new BackupPlan("bk", { ...daily, vault: { deployerPrincipalArns: [ci] } });
        });
        expect(error.message).toContain("AccessDeniedException");
    });
});

describe("item 13: a provider's region is never silently replaced by the stack's", () => {
    const west = () => new aws.Provider("west", { region: "us-west-2" });

    it("refuses a component given an aws provider but no region, before anything is created", async () => {
        for (const build of [
            (opts: pulumi.ComponentResourceOptions) => new MultiAzNetwork("net", {}, opts),
            (opts: pulumi.ComponentResourceOptions) => new MultiAzAlb("web", albArgs(), opts),
            (opts: pulumi.ComponentResourceOptions) => new BackupPlan("bk", daily, opts),
        ]) {
            for (const opts of [
                (p: aws.Provider) => ({ provider: p }),
                (p: aws.Provider) => ({ providers: [p] }),
                (p: aws.Provider) => ({ providers: { aws: p } }),
            ]) {
                const { error, registered } = await runExpectingError(() => {
                    build(opts(west()));
                });
                expect(error.message).toMatch(/: region must be the region of the aws provider in its options/);
                expect(
                    registered.filter((r) => r.type.startsWith("pulumi-aws-dr:") || r.type.startsWith("aws:")),
                ).toEqual([]);
            }
        }
    });

    it("refuses one that inherits the provider from its parent", async () => {
        const { error } = await runExpectingError(() => {
            const parent = new pulumi.ComponentResource("test:index:Parent", "p", {}, { providers: [west()] });
            new MultiAzNetwork("net", {}, { parent });
        });
        expect(error.message).toContain('MultiAzNetwork "net": region must be');
    });

    it("takes region from args with a provider: AZs and certificate are checked for that region", async () => {
        const record = await run(() => {
            new MultiAzNetwork("net", { region: "us-west-2" }, { provider: west() });
        });
        const subnets = ofType(record, "aws:ec2/subnet:Subnet");
        expect(subnets.length).toBeGreaterThan(0);
        for (const subnet of subnets) expect(subnet.inputs.availabilityZone).toMatch(/^us-west-2[a-z]$/);
        const { error } = await runExpectingError(() => {
            new MultiAzAlb("web", albArgs({ region: "us-west-2" }), { provider: west() });
        });
        expect(error.message).toContain(
            `certificateArn must be an ACM certificate in us-west-2, the ALB's region, got "${CERT}"`,
        );
    });
});

describe("item 14: a missing vpcId", () => {
    it("is refused by MultiAzAlb and Fleet before anything is created, from plain JavaScript", async () => {
        const { error, registered } = await runExpectingError(() => {
            new MultiAzAlb("web", { ...albArgs(), vpcId: undefined } as unknown as MultiAzAlbArgs);
        });
        expect(error.message).toContain(
            'MultiAzAlb "web": vpcId must be a vpc- id (vpc- and 8 or 17 hex digits); required, got nothing',
        );
        expect(registered.filter((r) => r.type.startsWith("aws:"))).toEqual([]);

        const fleet = await runExpectingError(() => {
            new Fleet("app", {
                subnetIds: ["subnet-1"],
                securityGroupIds: [],
                targetGroupArns: [],
                capacity: { min: 1, max: 1, desired: 1 },
            } as unknown as ConstructorParameters<typeof Fleet>[1]);
        });
        expect(fleet.error.message).toContain('Fleet "app": vpcId must be a vpc- id');
    });

    it("is refused when an Output resolves to undefined, and no security group is declared without a VPC", async () => {
        const { error, registered } = await runExpectingError(() => {
            new MultiAzAlb("web", albArgs({ vpcId: pulumi.output(undefined as unknown as string) }));
        });
        expect(error.message).toContain('MultiAzAlb "web": vpcId must be a vpc- id');
        expect(registered.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")).toEqual([]);

        const fleet = await runExpectingError(() => {
            new Fleet("app", {
                vpcId: pulumi.output(undefined as unknown as string),
                subnetIds: ["subnet-1"],
                securityGroupIds: [],
                targetGroupArns: [],
                capacity: { min: 1, max: 1, desired: 1 },
            });
        });
        expect(fleet.error.message).toContain('Fleet "app": vpcId must be a vpc- id');
        expect(fleet.registered.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")).toEqual([]);
    });
});

/**
 * Every resource the stacks give a physical name that AWS keeps unique, and why Pulumi's
 * create-before-delete replacement cannot collide with it: `prefix` (the provider adds a unique
 * suffix), `digest` (the fields that force replacement are in the name), `deleteFirst`
 * (deleteBeforeReplace), or `renameOnly` (every field but the name updates in place, so only a
 * rename replaces it, and a rename is a new name).
 */
const NAMED: Record<string, { how: "prefix" | "digest" | "deleteFirst" | "renameOnly"; why: string }> = {
    "aws:ec2/securityGroup:SecurityGroup": { how: "prefix", why: "description and vpcId replace a group" },
    "aws:lb/targetGroup:TargetGroup": {
        how: "digest",
        why: "port, protocol, target type and VPC replace a group; namePrefix allows 6 characters",
    },
    "aws:lb/loadBalancer:LoadBalancer": { how: "digest", why: "internal replaces the load balancer" },
    "aws:backup/selection:Selection": {
        how: "deleteFirst",
        why: "every field replaces a selection; names are unique per plan",
    },
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": {
        how: "deleteFirst",
        why: "names are unique per testing plan",
    },
    "aws:ec2/launchTemplate:LaunchTemplate": { how: "renameOnly", why: "a change makes a new template version" },
    "aws:autoscaling/group:Group": { how: "renameOnly", why: "launch template, sizes and subnets update in place" },
    "aws:autoscaling/policy:Policy": {
        how: "renameOnly",
        why: "names are unique per group; a new group is a new scope",
    },
    "aws:iam/role:Role": { how: "renameOnly", why: "trust policy and tags update in place" },
    "aws:iam/instanceProfile:InstanceProfile": { how: "renameOnly", why: "the role updates in place" },
    "aws:iam/rolePolicy:RolePolicy": {
        how: "renameOnly",
        why: "names are unique per role; the document updates in place",
    },
    "aws:cloudwatch/logGroup:LogGroup": { how: "renameOnly", why: "retention and key update in place" },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { how: "renameOnly", why: "every other field updates in place" },
    "aws:sns/topic:Topic": { how: "renameOnly", why: "the key and policy update in place" },
    "aws:s3/bucket:Bucket": { how: "renameOnly", why: "settings are separate resources; the name has a random suffix" },
    "aws:backup/vault:Vault": {
        how: "renameOnly",
        why: "a new key would replace it, which no vault with recovery points allows: that is a migration to a new vault.name",
    },
    "aws:backup/plan:Plan": { how: "renameOnly", why: "rules update in place" },
    "aws:backup/framework:Framework": { how: "renameOnly", why: "controls update in place" },
    "aws:cfg/recorder:Recorder": {
        how: "deleteFirst",
        why: "AWS allows one recorder per account and region, whatever its name",
    },
    "aws:cfg/deliveryChannel:DeliveryChannel": {
        how: "deleteFirst",
        why: "AWS allows one delivery channel per account and region, whatever its name",
    },
    "aws:cfg/recorderStatus:RecorderStatus": {
        how: "renameOnly",
        why: "the name is its recorder's: the status of one recorder, no resource of its own",
    },
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": {
        how: "renameOnly",
        why: "schedule and selection update in place",
    },
    "aws:kms/alias:Alias": { how: "renameOnly", why: "the target key updates in place" },
    "aws:route53/record:Record": {
        how: "renameOnly",
        why: "Route 53 upserts a record set; its name and type are its identity",
    },
    "aws:rds/subnetGroup:SubnetGroup": { how: "renameOnly", why: "subnets and description update in place" },
    "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
        how: "renameOnly",
        why: "a new engine family replaces it: a major-version migration, which needs a new name",
    },
    "aws:wafv2/webAcl:WebAcl": {
        how: "renameOnly",
        why: "rules and default action update in place; names are unique per scope and region, and only those replace it",
    },
    "aws:secretsmanager/secret:Secret": {
        how: "renameOnly",
        why: "the value and key update in place; a deleted name stays reserved for the recovery window",
    },
    "aws:dynamodb/table:Table": {
        how: "renameOnly",
        why: "a new key schema replaces it and loses its data: a migration to a new table name",
    },
    "aws:synthetics/canary:Canary": { how: "renameOnly", why: "code, runtime, schedule and role update in place" },
    "aws:ssm/document:Document": { how: "renameOnly", why: "new content becomes a new version of the document" },
    "aws:cloudwatch/eventRule:EventRule": { how: "renameOnly", why: "the pattern and description update in place" },
};

describe("item 10: no physical name collides when Pulumi replaces its resource", () => {
    for (const stack of listStacks(PROJECT_DIR)) {
        it(`stack ${stack}: every named resource is listed, and named the way the list says`, async () => {
            const record = await shippedStack(stack);
            const named = record.resources.filter(
                (r) =>
                    r.custom &&
                    (r.inputs.name ??
                        r.inputs.namePrefix ??
                        (r.type === "aws:s3/bucket:Bucket" ? r.inputs.bucket : undefined)) !== undefined,
            );
            expect(named.length).toBeGreaterThan(0);
            expect(
                [...new Set(named.map((r) => r.type))].filter((t) => !NAMED[t]),
                "named types missing from NAMED",
            ).toEqual([]);
            for (const r of named) {
                const entry = NAMED[r.type];
                if (entry.how === "prefix")
                    expect([r.inputs.name, typeof r.inputs.namePrefix], r.name).toEqual([undefined, "string"]);
                if (entry.how === "digest") expect(r.inputs.name, r.name).toMatch(/-[0-9a-f]{6,7}$/);
                expect(r.options.deleteBeforeReplace, r.name).toBe(entry.how === "deleteFirst");
            }
        });
    }

    it("gives a target group a new name when a field that replaces it changes, and the same name otherwise", async () => {
        const names = async (port: number) => {
            const record = await run(() => {
                new MultiAzAlb("web", albArgs({ targetGroups: { blue: { weight: 1, port } } }));
            });
            return one(record, "aws:lb/targetGroup:TargetGroup").inputs.name as string;
        };
        const [a, again, other] = [await names(8080), await names(8080), await names(8081)];
        expect(a).toBe(again);
        expect(a).not.toBe(other);
        expect(a.length).toBeLessThanOrEqual(32);
    });
});

describe("item 4: Local Zones", () => {
    it("never receive the network's subnets, though the account lists them first", async () => {
        const record = await run(
            () => {
                new MultiAzNetwork("net", { availabilityZoneCount: 3 });
            },
            { localZones: { "us-east-1": ["us-east-1-bos-1a", "us-east-1-mia-1a"] } },
        );
        const zones = ofType(record, "aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
        expect(zones).toHaveLength(6);
        for (const zone of zones) expect(zone).toMatch(/^us-east-1[a-f]$/);
    });
});

describe("item 8: EC2.2, the default security group", () => {
    it("is adopted in every VPC with no rules, so AWS's default allow rules are removed", async () => {
        const record = await run(() => {
            new MultiAzNetwork("net", { region: "us-west-2" });
        });
        const vpc = one(record, "aws:ec2/vpc:Vpc");
        const sg = one(record, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        expect(sg.inputs).toMatchObject({ vpcId: expect.stringMatching(/^vpc-/), ingress: [], egress: [] });
        expect(sg.region).toBe("us-west-2");
        expect(sg.parent).toBe(vpc.parent);
    });
});

describe("item 11: a non-production stack tears down cleanly; prod keeps its protections", () => {
    const byStack = async (stack: string) => {
        const record = await shippedStack(stack);
        return {
            deletionProtection: ofType(record, "aws:lb/loadBalancer:LoadBalancer").map(
                (lb) => lb.inputs.enableDeletionProtection,
            ),
            // An unset forceDestroy is the provider's default, false.
            bucketForceDestroy: ofType(record, "aws:s3/bucket:Bucket").map((b) => b.inputs.forceDestroy ?? false),
            vaultForceDestroy: ofType(record, "aws:backup/vault:Vault").map((v) => v.inputs.forceDestroy),
            protectedOrRetained: record.resources
                .filter((r) => r.options.protect || r.options.retainOnDelete)
                .map((r) => r.name),
            complianceLocks: ofType(record, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").filter(
                (l) => l.inputs.changeableForDays !== undefined,
            ).length,
        };
    };

    it("dev and staging: no deletion protection, buckets and vaults emptied on destroy, nothing protected or retained", async () => {
        for (const stack of ["dev", "staging"]) {
            const s = await byStack(stack);
            expect(s.deletionProtection.length, stack).toBeGreaterThan(0);
            expect(new Set(s.deletionProtection), stack).toEqual(new Set([false]));
            expect(new Set(s.bucketForceDestroy), stack).toEqual(new Set([true]));
            expect(new Set(s.vaultForceDestroy), stack).toEqual(new Set([true]));
            expect(s.protectedOrRetained, stack).toEqual([]);
            expect(s.complianceLocks, stack).toBe(0);
        }
    });

    it("prod: deletion protection on, nothing emptied on destroy, vaults locked in compliance mode", async () => {
        const s = await byStack("prod");
        expect(new Set(s.deletionProtection)).toEqual(new Set([true]));
        expect(new Set(s.bucketForceDestroy)).toEqual(new Set([false]));
        expect(new Set(s.vaultForceDestroy)).toEqual(new Set([false]));
        expect(s.complianceLocks).toBe(2);
    });

    it("is decided by config, not by the stack's name", async () => {
        const dev = JSON.parse(stackConfig("dev").values["pulumi-aws-dr:dr"]);
        const record = await evaluateStack("dev", {
            configOverrides: { "pulumi-aws-dr:dr": { ...dev, protectStatefulResources: undefined } },
        });
        expect(ofType(record, "aws:backup/vault:Vault").map((v) => [v.inputs.forceDestroy, v.options.protect])).toEqual(
            [[false, true]],
        );
    });

    it("refuses a compliance lock on a stack that may be torn down", () => {
        const problems = validateBackupPlanArgs(
            { ...daily, vault: { lock: { mode: "compliance", changeableForDays: 3 } } },
            "us-east-1",
        );
        expect(problems.map((p) => p.path)).toEqual(["vault.lock.mode"]);
    });
});

describe("item 9: vault keys an administrator cannot destroy", () => {
    const keyPolicies = async (args: BackupPlanArgs) => {
        const record = await run(() => {
            new BackupPlan("bk", args);
        });
        return ofType(record, "aws:kms/key:Key")
            .filter((k) => /vault/.test(k.name))
            .map((k) => policyOf(k).Statement);
    };

    it("denies deletion and disabling to all but the break-glass role, and policy changes to all but it and the deployer", async () => {
        const breakGlass = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
        const policies = await keyPolicies({
            ...daily,
            protectStatefulResources: true,
            vault: { keyBreakGlassPrincipalArns: [breakGlass] },
        });
        expect(policies.length).toBeGreaterThan(0);
        for (const statements of policies) {
            expect(statements.find((s) => s.Sid === "DenyKeyDestructionButBreakGlass")).toEqual({
                Sid: "DenyKeyDestructionButBreakGlass",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
                Resource: "*",
                Condition: { ArnNotLike: { "aws:PrincipalArn": [breakGlass] } },
            });
            expect(statements.find((s) => s.Sid === "DenyKeyPolicyChangesButDeployer")?.Condition).toEqual({
                ArnNotLike: { "aws:PrincipalArn": [breakGlass, DEPLOYER] },
            });
        }
    });

    it("leaves the keys of a stack that may be torn down deletable", async () => {
        for (const statements of await keyPolicies(daily))
            expect(statements.filter((s) => s.Effect === "Deny")).toEqual([]);
    });
});

describe("item 12 (part): the flow-log role and fleet roll-outs", () => {
    it("gives the flow-log role AWS's documented minimum", async () => {
        const record = await run(() => {
            new MultiAzNetwork("net", {});
        });
        const actions = policyOf(one(record, "aws:iam/rolePolicy:RolePolicy")).Statement.flatMap((s) =>
            [s.Action].flat(),
        );
        expect(actions.sort()).toEqual([
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:DescribeLogGroups",
            "logs:DescribeLogStreams",
            "logs:PutLogEvents",
        ]);
    });

    it("rolls a new launch template version out through an instance refresh", async () => {
        const record = await run(() => {
            new Fleet("app", {
                vpcId: "vpc-0123456789abcdef0",
                subnetIds: ["subnet-1"],
                securityGroupIds: [],
                targetGroupArns: [],
                capacity: { min: 1, max: 2, desired: 1 },
            });
        });
        expect(one(record, "aws:autoscaling/group:Group").inputs.instanceRefresh).toEqual({
            strategy: "Rolling",
            preferences: { minHealthyPercentage: 90 },
        });
    });
});

describe("item 5: the audit framework is active, and judges only what the plan backs up", () => {
    const audited = (audit: Partial<NonNullable<BackupPlanArgs["audit"]>> = {}): BackupPlanArgs => ({
        ...daily,
        audit: { configRecorder: "create", ...audit },
    });

    it("is refused by the engine without a started recorder in its region, as AWS would leave it inactive", async () => {
        const framework = () =>
            new aws.backup.Framework("audit", {
                name: "audit",
                controls: [{ name: "BACKUP_RECOVERY_POINT_ENCRYPTED" }],
            });
        const { error } = await runExpectingError(framework);
        expect(error.message).toMatch(/no started AWS Config recorder in us-east-1.*inactive/);
        // An account that already records there (Control Tower's recorder, say) activates it.
        expect(
            ofType(await run(framework, { configRecorders: ["us-east-1"] }), "aws:backup/framework:Framework"),
        ).toHaveLength(1);
    });

    it("refuses, as AWS Config does, a second recorder in a region, a channel without a recorder, a start without a channel", async () => {
        const recorder = (name: string) =>
            new aws.cfg.Recorder(name, {
                name,
                roleArn: "arn:aws:iam::123456789012:role/config",
                recordingGroup: { allSupported: true },
            });
        const second = await runExpectingError(() => recorder("mine"), { configRecorders: ["us-east-1"] });
        expect(second.error.message).toContain("MaxNumberOfConfigurationRecordersExceededException");
        const channel = await runExpectingError(() => {
            new aws.cfg.DeliveryChannel("channel", { s3BucketName: "b" });
        });
        expect(channel.error.message).toContain("NoAvailableConfigurationRecorderException");
        const start = await runExpectingError(() => {
            const r = recorder("r");
            new aws.cfg.RecorderStatus("r", { name: r.name, isEnabled: true });
        });
        expect(start.error.message).toContain("NoAvailableDeliveryChannelException");
    });

    it("with configRecorder create: a started recorder of the backup types, a private encrypted bucket, AWS_ConfigRole; the framework after it", async () => {
        const record = await run(() => {
            new BackupPlan("bk", audited());
        });
        const recorder = one(record, "aws:cfg/recorder:Recorder");
        expect(recorder.inputs.recordingGroup).toMatchObject({
            allSupported: false,
            resourceTypes: expect.arrayContaining([
                "AWS::Backup::BackupPlan",
                "AWS::Backup::BackupSelection",
                "AWS::Backup::BackupVault",
                "AWS::Backup::RecoveryPoint",
                "AWS::Config::ResourceCompliance",
            ]),
        });
        const role = one(record, "aws:iam/role:Role", "bk-config");
        expect(recorder.inputs.roleArn).toContain(`:role/${role.inputs.name}`);
        expect(policyOf(role, "assumeRolePolicy").Statement).toEqual([
            expect.objectContaining({
                Principal: { Service: "config.amazonaws.com" },
                Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
            }),
        ]);
        expect(one(record, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "bk-config").inputs.policyArn).toBe(
            "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
        );
        const bucket = one(record, "aws:s3/bucket:Bucket", "bk-config-logs");
        const channel = one(record, "aws:cfg/deliveryChannel:DeliveryChannel");
        expect(channel.inputs.s3BucketName).toBe(bucket.inputs.bucket);
        expect(
            one(record, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "bk-config-logs").inputs,
        ).toMatchObject({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(
            one(
                record,
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "bk-config-logs",
            ).inputs.rules,
        ).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        const status = one(record, "aws:cfg/recorderStatus:RecorderStatus");
        expect(status.inputs).toMatchObject({ name: recorder.inputs.name, isEnabled: true });
        expect(status.options.dependsOn).toEqual([channel.urn]);
        expect(one(record, "aws:backup/framework:Framework").options.dependsOn).toEqual([status.urn]);
    });

    it("with configRecorder existing: no recorder of its own; the engine takes the account's", async () => {
        const existing = audited({ configRecorder: "existing" });
        const record = await run(
            () => {
                new BackupPlan("bk", existing);
            },
            { configRecorders: ["us-east-1"] },
        );
        expect(ofType(record, "aws:cfg/recorder:Recorder")).toEqual([]);
        expect(ofType(record, "aws:backup/framework:Framework")).toHaveLength(1);
        // Said existing, but the account has none there: inactive, refused.
        const { error } = await runExpectingError(() => {
            new BackupPlan("bk", existing);
        });
        expect(error.message).toContain("no started AWS Config recorder in us-east-1");
    });

    it("scopes the resource controls to the selection's tag, and the plan and recovery-point controls to this plan", async () => {
        const record = await run(() => {
            new BackupPlan("bk", audited());
        });
        const controls = one(record, "aws:backup/framework:Framework").inputs.controls as {
            name: string;
            scope?: unknown;
        }[];
        const own = { tags: { "pulumi-aws-dr:backup-plan": "pulumi-aws-dr-test-bk-plan" } };
        // No copies and no lock: the cross-region and vault-lock controls would only ever report failures.
        expect(controls.map((c) => [c.name, c.scope])).toEqual([
            ["BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", own],
            ["BACKUP_RECOVERY_POINT_ENCRYPTED", own],
            ["BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", { tags: { backup: "true" } }],
        ]);
        const plan = one(record, "aws:backup/plan:Plan");
        expect(plan.inputs.tags).toEqual(own.tags);
        expect((plan.inputs.rules as { recoveryPointTags: unknown }[])[0].recoveryPointTags).toEqual(own.tags);
    });

    it("prod: judges the data stores by their tag, never the fleets' instances and volumes", async () => {
        const record = await shippedStack("prod");
        const framework = one(record, "aws:backup/framework:Framework");
        const controls = framework.inputs.controls as { name: string; scope?: { tags?: unknown } }[];
        const resourceControls = controls.filter((c) => /RESOURCES/.test(c.name));
        expect(resourceControls.map((c) => c.name)).toEqual([
            "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
            "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
            "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
            "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
        ]);
        for (const c of resourceControls)
            expect(c.scope, c.name).toEqual({ tags: { "pulumi-aws-dr:data-store": "true" } });
        const fleetTagged = ofType(record, "aws:ec2/launchTemplate:LaunchTemplate").flatMap(
            (lt) => (lt.inputs.tagSpecifications as { tags?: Record<string, string> }[] | undefined) ?? [],
        );
        for (const spec of fleetTagged) expect(spec.tags?.["pulumi-aws-dr:data-store"]).toBeUndefined();
        expect(one(record, "aws:cfg/recorderStatus:RecorderStatus").region).toBe("us-east-1");
    });

    it("refuses an audit without a recorder choice, or one whose selections share no tag or types, by path", async () => {
        const problems = validateBackupPlanArgs(
            {
                ...daily,
                selections: {
                    tagged: { selectionTags: { backup: "true" } },
                    volumes: { resources: ["arn:aws:ec2:*:*:volume/*"] },
                },
                audit: {} as NonNullable<BackupPlanArgs["audit"]>,
            },
            "us-east-1",
        );
        expect(problems.map((p) => p.path)).toEqual(["audit.configRecorder", "audit.scope"]);
        expect(
            validateBackupPlanArgs(
                {
                    ...daily,
                    audit: { configRecorder: "create", scope: { tag: { a: "1", b: "2" }, resourceTypes: ["Floppy"] } },
                },
                "us-east-1",
            ).map((p) => p.path),
        ).toEqual(["audit.scope", "audit.scope.tag", "audit.scope.resourceTypes.0"]);
        const { error } = await runExpectingError(() => {
            new BackupPlan("bk", { ...daily, audit: {} as NonNullable<BackupPlanArgs["audit"]> });
        });
        expect(error.message).toContain("audit.configRecorder");
    });

    it("reads the recorder choice from stack config, and refuses a stack that gives none", async () => {
        const backup = JSON.parse(stackConfig("prod").values["pulumi-aws-dr:backup"]);
        delete backup.audit.configRecorder;
        await expect(evaluateStack("prod", { configOverrides: { "pulumi-aws-dr:backup": backup } })).rejects.toThrow(
            /pulumi-aws-dr:backup\.audit\.configRecorder/,
        );
        backup.audit.configRecorder = "existing";
        const overrides = { configOverrides: { "pulumi-aws-dr:backup": backup } };
        const record = await evaluateStack("prod", overrides);
        expect(ofType(record, "aws:cfg/recorder:Recorder")).toEqual([]);
        expect(ofType(record, "aws:backup/framework:Framework")).toHaveLength(1);
        // What the plan cannot check, it says: the account's recorder is assumed, by region.
        const text = formatChecks(planChecks(stackConfig("prod", overrides), record));
        expect(text).toContain(
            "ASSUMED AWS Config records in us-east-1 (pulumi-aws-dr:backup.audit.configRecorder: existing)",
        );
        expect(formatChecks(planChecks(stackConfig("prod"), await shippedStack("prod")))).not.toContain(
            "ASSUMED AWS Config",
        );
    });
});

describe("item 15: every commercial region with the facts the stacks need", () => {
    // AWS's table of ELB accounts for regions available before August 2022
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
    const ELB_ACCOUNTS: Record<string, string> = {
        "us-east-1": "127311923021",
        "us-east-2": "033677994240",
        "us-west-1": "027434742980",
        "us-west-2": "797873946194",
        "af-south-1": "098369216593",
        "ap-east-1": "754344448648",
        "ap-south-1": "718504428378",
        "ap-northeast-1": "582318560864",
        "ap-northeast-2": "600734575887",
        "ap-northeast-3": "383597477331",
        "ap-southeast-1": "114774131450",
        "ap-southeast-2": "783225319266",
        "ap-southeast-3": "589379963580",
        "ca-central-1": "985666609251",
        "eu-central-1": "054676820928",
        "eu-west-1": "156460612806",
        "eu-west-2": "652711504416",
        "eu-west-3": "009996457667",
        "eu-south-1": "635631232127",
        "eu-north-1": "897822967062",
        "me-south-1": "076674570225",
        "sa-east-1": "507241528517",
    };

    it("accepts the commercial regions beyond the first 12, and still refuses China, GovCloud and made-up ones", () => {
        expect(supportedRegions.length).toBeGreaterThan(12);
        for (const r of ["ap-south-2", "eu-central-2", "eu-south-2", "me-central-1", "eu-north-1", "ap-northeast-2"])
            expect(supportedRegions, r).toContain(r);
        for (const r of ["cn-north-1", "us-gov-west-1", "eu-moon-1"]) expect(supportedRegions, r).not.toContain(r);
    });

    it("resolves each region to its ELB access-log writer: the region's ELB account before August 2022, else the service principal", () => {
        for (const region of supportedRegions) {
            const expected = ELB_ACCOUNTS[region]
                ? { AWS: `arn:aws:iam::${ELB_ACCOUNTS[region]}:root` }
                : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" };
            expect(elbLogDeliveryPrincipal(region), region).toEqual(expected);
            expect(regions[region].availabilityZones.length, region).toBeGreaterThanOrEqual(2);
            expect(regions[region].albHostedZoneId, region).toMatch(/^Z[A-Z0-9]{7,31}$/);
        }
        expect(elbLogDeliveryPrincipal("eu-moon-1")).toBeUndefined();
    });

    it("lets only the service principal write an ALB's logs in a newer region, where there is no ELB account", async () => {
        const record = await run(
            () => {
                new MultiAzAlb("web", {
                    ...albArgs(),
                    certificateArn: CERT.replace("us-east-1", "eu-central-2"),
                });
            },
            { region: "eu-central-2" },
        );
        const [writer, ...others] = policyOf(one(record, "aws:s3/bucketPolicy:BucketPolicy")).Statement.filter(
            (s) => s.Effect === "Allow",
        );
        expect(others).toEqual([]);
        expect(writer.Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
        expect(one(record, "aws:lb/loadBalancer:LoadBalancer").region).toBe("eu-central-2");
    });

    it("plans a stack in two of the newer regions", async () => {
        const dr = JSON.parse(stackConfig("staging").values["pulumi-aws-dr:dr"]);
        const record = await evaluateStack("staging", {
            configOverrides: {
                "aws:region": "eu-central-2",
                "pulumi-aws-dr:dr": { ...dr, primaryRegion: "eu-central-2", secondaryRegion: "eu-south-2" },
            },
        });
        const albRegions = ofType(record, "aws:lb/loadBalancer:LoadBalancer").map((lb) => lb.region);
        expect(albRegions.sort()).toEqual(["eu-central-2", "eu-south-2"]);
    });
});

describe("item 12: the copy vault's notifications", () => {
    const copying: BackupPlanArgs = {
        ...daily,
        rules: { daily: { ...daily.rules.daily, copyTo: [{ region: "us-west-2" }] } },
    };

    it("sends the copy vault's events to a CMK-encrypted topic in its own region, published only by AWS Backup for this account", async () => {
        const record = await run(() => {
            new BackupPlan("bk", copying);
        });
        const copyVault = one(record, "aws:backup/vault:Vault", "bk-vault-us-west-2");
        const notifications = one(
            record,
            "aws:backup/vaultNotifications:VaultNotifications",
            "bk-notifications-us-west-2",
        );
        expect(notifications.region).toBe("us-west-2");
        expect(notifications.inputs.backupVaultName).toBe(copyVault.inputs.name);
        expect(notifications.inputs.backupVaultEvents).toContain("RESTORE_JOB_COMPLETED");
        const topic = one(record, "aws:sns/topic:Topic", "bk-notifications-us-west-2");
        const key = one(record, "aws:kms/key:Key", "bk-notifications-us-west-2-key");
        expect([topic.region, key.region]).toEqual(["us-west-2", "us-west-2"]);
        expect(topic.inputs.kmsMasterKeyId).toMatch(/^arn:aws:kms:us-west-2:/);
        const publish = policyOf(
            one(record, "aws:sns/topicPolicy:TopicPolicy", "bk-notifications-us-west-2"),
        ).Statement.find((s) => s.Sid === "AwsBackupPublishesForThisAccount");
        expect(publish).toMatchObject({
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sns:Publish",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        });
        // The primary vault's topic keeps its logical names (and URNs).
        expect(one(record, "aws:sns/topic:Topic", "bk-notifications").region).toBe("us-east-1");
    });

    it("takes an existing topic per copy region, and refuses one in another region or for a region it does not copy to", async () => {
        const given = "arn:aws:sns:us-west-2:123456789012:backup-events";
        const record = await run(() => {
            new BackupPlan("bk", { ...copying, notifications: { copyTopicArns: { "us-west-2": given } } });
        });
        expect(ofType(record, "aws:sns/topic:Topic").map((t) => t.name)).toEqual(["bk-notifications"]);
        expect(
            one(record, "aws:backup/vaultNotifications:VaultNotifications", "bk-notifications-us-west-2").inputs
                .snsTopicArn,
        ).toBe(given);
        const problems = validateBackupPlanArgs(
            {
                ...copying,
                notifications: {
                    topicArn: "arn:aws:sns:eu-west-1:123456789012:t",
                    copyTopicArns: { "us-west-2": "arn:aws:sns:us-east-1:123456789012:t", "eu-west-1": given },
                },
            },
            "us-east-1",
        );
        expect(problems.map((p) => p.path).sort()).toEqual([
            "notifications.copyTopicArns.eu-west-1",
            "notifications.copyTopicArns.us-west-2",
            "notifications.topicArn",
        ]);
    });

    it("gives staging's and prod's copy vaults in us-west-2 their notifications", async () => {
        for (const stack of ["staging", "prod"]) {
            const record = await shippedStack(stack);
            const copyNotifications = ofType(record, "aws:backup/vaultNotifications:VaultNotifications").filter(
                (n) => n.region === "us-west-2",
            );
            expect(
                copyNotifications.map((n) => n.name),
                stack,
            ).toEqual(["primary-notifications-us-west-2"]);
        }
    });
});

describe("item 12: AutoScaling.6, fleets of several instance types", () => {
    const fleet = (extra: Partial<FleetArgs>) => () => {
        new Fleet("app", {
            vpcId: "vpc-0123456789abcdef0",
            subnetIds: ["subnet-1"],
            securityGroupIds: [],
            targetGroupArns: [],
            capacity: { min: 1, max: 2, desired: 1 },
            ...extra,
        });
    };

    it("launches from a mixed instances policy, On-Demand in the listed order, and no launch template beside it", async () => {
        const record = await run(fleet({ instanceTypes: ["t3.small", "t3a.small"] }));
        const group = one(record, "aws:autoscaling/group:Group");
        const template = one(record, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(group.inputs.launchTemplate).toBeUndefined();
        expect(group.inputs.mixedInstancesPolicy).toEqual({
            launchTemplate: {
                launchTemplateSpecification: { launchTemplateId: expect.stringMatching(/^lt-/), version: "1" },
                overrides: [{ instanceType: "t3.small" }, { instanceType: "t3a.small" }],
            },
            instancesDistribution: {
                onDemandAllocationStrategy: "prioritized",
                onDemandBaseCapacity: 0,
                onDemandPercentageAboveBaseCapacity: 100,
            },
        });
        expect(template.inputs.instanceType).toBe("t3.small");
        // One type stays a plain launch template.
        const single = one(await run(fleet({})), "aws:autoscaling/group:Group");
        expect([single.inputs.launchTemplate !== undefined, single.inputs.mixedInstancesPolicy]).toEqual([
            true,
            undefined,
        ]);
    });

    it("is refused by the engine with both a launch template and a mixed instances policy, as Auto Scaling refuses it", async () => {
        const { error } = await runExpectingError(() => {
            new aws.autoscaling.Group("g", {
                minSize: 1,
                maxSize: 1,
                launchTemplate: { id: "lt-1", version: "1" },
                mixedInstancesPolicy: {
                    launchTemplate: {
                        launchTemplateSpecification: { launchTemplateId: "lt-1" },
                        overrides: [{ instanceType: "t3.small" }, { instanceType: "t3a.small" }],
                    },
                },
            });
        });
        expect(error.message).toContain("mixedInstancesPolicy");
        expect(error.message).toContain("API_CreateAutoScalingGroup.html");
    });

    it("refuses bad, repeated or doubled instance types, all at once, and names the config path in a stack", async () => {
        const problems = validateFleetArgs({
            capacity: { min: 1, max: 2, desired: 1 },
            instanceType: "t3.small",
            instanceTypes: ["t3.small", "T3", "t3.small"],
        });
        expect(problems.map((p) => `${p.path}: ${p.allowed}`)).toEqual([
            "instanceTypes.1: an EC2 instance type such as t3.micro",
            "instanceTypes.2: an instance type not already listed",
            "instanceType: unset when instanceTypes is set: one list of instance types",
        ]);
        expect(validateFleetArgs({ capacity: { min: 1, max: 1, desired: 1 }, instanceTypes: [] })[0].path).toBe(
            "instanceTypes",
        );
        const alb = JSON.parse(stackConfig("dev").values["pulumi-aws-dr:alb"]);
        alb.targetGroups.blue.fleet.instanceTypes = ["t3.micro", "t3.micro"];
        await expect(evaluateStack("dev", { configOverrides: { "pulumi-aws-dr:alb": alb } })).rejects.toThrow(
            /pulumi-aws-dr:alb\.targetGroups\.blue\.fleet\.instanceTypes\.1/,
        );
    });

    it("gives every fleet of the shipped stacks two instance types, so AutoScaling.6 holds", async () => {
        for (const stack of listStacks(PROJECT_DIR)) {
            const record = await shippedStack(stack);
            const groups = ofType(record, "aws:autoscaling/group:Group");
            expect(groups.length, stack).toBeGreaterThan(0);
            for (const g of groups) {
                const overrides = (g.inputs.mixedInstancesPolicy as { launchTemplate: { overrides: unknown[] } })
                    .launchTemplate.overrides;
                expect(overrides.length, `${stack} ${g.name}`).toBeGreaterThanOrEqual(2);
            }
        }
    });
});

describe("item 7: whether one unhealthy microservice fails over everything is a choice the DR report knows", () => {
    const aliases = (record: Awaited<ReturnType<typeof evaluateStack>>) =>
        // The CDN's per-region origin records are each a sole simple alias: with nothing to fail over to,
        // Route 53 answers with them healthy or not, so their setting decides nothing.
        ofType(record, "aws:route53/record:Record")
            .filter((r) => !r.name.startsWith("origin-"))
            .flatMap((r) => (r.inputs.aliases as { evaluateTargetHealth: boolean; zoneId: string }[] | undefined) ?? [])
            // The ALBs' aliases only: a CloudFront alias (its fixed zone) cannot evaluate target health.
            // https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html
            .filter((a) => a.zoneId !== "Z2FDTNDATAQYW2")
            .map((a) => a.evaluateTargetHealth);

    it("defaults to evaluating target health, and the report and the plan say so", async () => {
        const loaded = stackConfig("prod");
        expect(new Set(aliases(await shippedStack("prod")))).toEqual(new Set([true]));
        const report = drReport(drModelInput(stackContext(loaded)));
        expect(report.targetHealth).toEqual({ evaluated: true, path: "pulumi-aws-dr:dns.evaluateTargetHealth" });
        expect(targetHealthText(report.targetHealth!)).toContain("one microservice included");
    });

    it("turns it off from config: the records and the report follow", async () => {
        const dns = { ...JSON.parse(stackConfig("prod").values["pulumi-aws-dr:dns"]), evaluateTargetHealth: false };
        const overrides = { "pulumi-aws-dr:dns": dns };
        expect(new Set(aliases(await evaluateStack("prod", { configOverrides: overrides })))).toEqual(new Set([false]));
        const report = drReport(drModelInput(stackContext(stackConfig("prod", { configOverrides: overrides }))));
        expect(report.targetHealth?.evaluated).toBe(false);
    });
});

describe("item 3: instances reach Systems Manager with no NAT to pay for", () => {
    // The endpoints' one ingress rule in a region names both groups: the endpoints' and the clients'.
    const endpointGroups = (record: Parameters<typeof ofType>[0], region: string | null) => {
        const rules = ofType(record, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (r) => r.name.endsWith("-endpoints-in") && r.region === region,
        );
        expect(rules).toHaveLength(1);
        return {
            endpoints: String(rules[0].inputs.securityGroupId),
            clients: String(rules[0].inputs.referencedSecurityGroupId),
            rule: rules[0],
        };
    };

    it("builds ssm, ssmmessages and ec2messages interface endpoints, private DNS on, open on 443 to one client group only", async () => {
        const record = await run(() => {
            new MultiAzNetwork("net", { availabilityZoneCount: 2 });
        });
        expect(ofType(record, "aws:ec2/natGateway:NatGateway")).toEqual([]);
        const interfaces = ofType(record, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
            (e) => e.inputs.vpcEndpointType === "Interface",
        );
        expect(interfaces.map((e) => e.inputs.serviceName).sort()).toEqual([
            "com.amazonaws.us-east-1.ec2messages",
            "com.amazonaws.us-east-1.ssm",
            "com.amazonaws.us-east-1.ssmmessages",
        ]);
        expect(
            interfaces.every(
                (e) => e.inputs.privateDnsEnabled === true && (e.inputs.subnetIds as string[]).length === 2,
            ),
        ).toBe(true);
        expect(
            ofType(record, "aws:ec2/securityGroup:SecurityGroup")
                .map((g) => g.name)
                .sort(),
        ).toEqual(["net-endpoint-clients", "net-endpoints"]);
        const { endpoints, clients, rule } = endpointGroups(record, "us-east-1");
        expect([endpoints, clients].every((id) => id.startsWith("sg-")) && endpoints !== clients).toBe(true);
        expect([rule.inputs.ipProtocol, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrIpv4]).toEqual([
            "tcp",
            443,
            443,
            undefined,
        ]);
        expect(interfaces.map((e) => e.inputs.securityGroupIds)).toEqual([[endpoints], [endpoints], [endpoints]]);
    });

    it("has none of it with ssmEndpoints false", async () => {
        const record = await run(() => {
            new MultiAzNetwork("net", { availabilityZoneCount: 2, ssmEndpoints: false });
        });
        expect(
            ofType(record, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface"),
        ).toEqual([]);
        expect(ofType(record, "aws:ec2/securityGroup:SecurityGroup")).toEqual([]);
    });

    it.each(listStacks(PROJECT_DIR))(
        "%s: every fleet is in the client group and may send HTTPS to the endpoints, and no NAT is paid for",
        async (stack) => {
            const record = await shippedStack(stack);
            expect(ofType(record, "aws:ec2/natGateway:NatGateway")).toEqual([]);
            const templates = ofType(record, "aws:ec2/launchTemplate:LaunchTemplate");
            expect(templates.length).toBeGreaterThan(0);
            for (const lt of templates) {
                const { endpoints, clients } = endpointGroups(record, lt.region);
                expect(lt.inputs.vpcSecurityGroupIds, lt.name).toContain(clients);
                const fleet = lt.name.replace(/-lt$/, "");
                const egress = ofType(record, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
                    (r) =>
                        r.name.startsWith(`${fleet}-instances-to-`) && r.inputs.referencedSecurityGroupId === endpoints,
                );
                expect(
                    egress.map((r) => [r.inputs.fromPort, r.inputs.toPort]),
                    lt.name,
                ).toEqual([[443, 443]]);
            }
        },
    );
});

describe("item 2: fleets come up healthy, or the plan says they have no application", () => {
    const userDataOf = (lt: { inputs: Record<string, unknown> }) =>
        Buffer.from(String(lt.inputs.userData), "base64").toString("utf8");

    it("dev's fleet runs the stand-in responder on its target port, answering its health-check path", async () => {
        const record = await shippedStack("dev");
        const lt = one(record, "aws:ec2/launchTemplate:LaunchTemplate");
        const script = userDataOf(lt);
        expect(script).toContain('PATHS = ["/health"]');
        expect(script).toContain("ThreadingHTTPServer(('', 80), Health)");
        expect(script).toContain("ExecStart=/usr/bin/python3");
        expect(script).toContain("systemctl enable --now pulumi-aws-dr-health.service");
        const text = formatChecks(planChecks(stackConfig("dev"), record));
        expect(text).toContain("NO APPLICATION YET pulumi-aws-dr:alb.targetGroups.blue.fleet");
    });

    it("takes the stack's own user data or AMI instead, and the plan stops saying so", async () => {
        const alb = JSON.parse(stackConfig("dev").values["pulumi-aws-dr:alb"]);
        alb.targetGroups.blue.fleet = {
            ...alb.targetGroups.blue.fleet,
            imageId: "ami-0123456789abcdef0",
            userData: "#!/bin/bash\nsystemctl start my-app\n",
        };
        const overrides = { "pulumi-aws-dr:alb": alb };
        const record = await evaluateStack("dev", { configOverrides: overrides });
        const lt = one(record, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(lt.inputs.imageId).toBe("ami-0123456789abcdef0");
        expect(userDataOf(lt)).not.toContain("health.py");
        expect(userDataOf(lt)).toContain("systemctl start my-app");
        expect(formatChecks(planChecks(stackConfig("dev", { configOverrides: overrides }), record))).not.toContain(
            "NO APPLICATION YET",
        );
    });

    it("refuses a malformed AMI id, two image sources, and user data over EC2's 16 KB, all at once", () => {
        const args: Partial<FleetArgs> = {
            capacity: { min: 1, max: 1, desired: 1 },
            imageId: "ami-123",
            amiParameter: "/my/ami",
            userData: "#".repeat(16 * 1024 + 1),
        };
        expect(validateFleetArgs(args as FleetArgs).map((p) => [p.path, p.value])).toEqual([
            ["imageId", "ami-123"],
            ["imageId", "ami-123"],
            ["userData", "16385 bytes"],
        ]);
        expect(
            validateFleetArgs({
                ...args,
                imageId: undefined,
                amiParameter: undefined,
                userData: "#".repeat(16 * 1024),
            } as FleetArgs),
        ).toEqual([]);
    });

    it("reports a stack's oversized user data by its config path before anything is created", async () => {
        const alb = JSON.parse(stackConfig("dev").values["pulumi-aws-dr:alb"]);
        alb.targetGroups.blue.fleet = { ...alb.targetGroups.blue.fleet, userData: "#".repeat(20000) };
        await expect(evaluateStack("dev", { configOverrides: { "pulumi-aws-dr:alb": alb } })).rejects.toThrow(
            /alb\.targetGroups\.blue\.fleet\.userData.*20000 bytes/,
        );
    });
});
