import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    BACKUP_VAULT_EVENTS,
    backupDefaults,
    BackupPlan,
    BackupPlanArgs,
    defaultNotificationEvents,
    validateBackupPlanArgs,
} from "../components/backup";
import { InvalidInputError } from "../components/internal";
import { RecordedResource } from "../tools/engine";
import { ofType, one, policyOf, run, runExpectingError } from "./harness";

const TYPE = "pulumi-aws-dr:backup:BackupPlan";
const ACCOUNT = "123456789012";

const build = (args: BackupPlanArgs) => async () => {
    const plan = new BackupPlan("bk", args);
    return {
        vaultArn: plan.vaultArn,
        vaultName: plan.vaultName,
        copyVaultArns: plan.copyVaultArns,
        planId: plan.planId,
        planArn: plan.planArn,
        roleArn: plan.roleArn,
        kmsKeyArns: plan.kmsKeyArns,
        topicArn: plan.notificationTopicArn,
    };
};

/** dev: daily, 7-day retention, no copy. */
const dev: BackupPlanArgs = {
    rules: { daily: { schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfterDays: 7 } } },
    selections: { tagged: { selectionTags: { backup: "daily" } } },
};

/** staging: every 12 hours, copied to the secondary region. */
const staging: BackupPlanArgs = {
    rules: {
        twiceDaily: {
            schedule: "cron(0 */12 ? * * *)",
            startWindowMinutes: 60,
            completionWindowMinutes: 240,
            lifecycle: { deleteAfterDays: 14 },
            copyTo: [{ region: "us-west-2" }],
        },
    },
    selections: { tagged: { selectionTags: { backup: "yes" } } },
};

/** prod: hourly + continuous, a monthly rule with cold storage, copies, a compliance lock, restore testing and audit. */
const prod: BackupPlanArgs = {
    vault: { lock: { mode: "compliance", changeableForDays: 3, minRetentionDays: 7, maxRetentionDays: 400 } },
    rules: {
        hourly: {
            schedule: "cron(0 * ? * * *)",
            startWindowMinutes: 60,
            completionWindowMinutes: 120,
            continuousBackup: true,
            lifecycle: { deleteAfterDays: 35 },
            copyTo: [{ region: "us-west-2" }],
        },
        monthly: {
            schedule: "cron(0 3 1 * ? *)",
            lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 365 },
            copyTo: [{ region: "us-west-2", lifecycle: { deleteAfterDays: 120 } }],
            recoveryPointTags: { rule: "monthly" },
        },
    },
    selections: {
        databases: {
            resources: ["arn:aws:rds:us-east-1:123456789012:db:*", "arn:aws:dynamodb:us-east-1:123456789012:table/*"],
        },
    },
    restoreTesting: {
        resourceTypes: ["RDS", "DynamoDB"],
        validationWindowHours: 4,
        restoreMetadataOverrides: { RDS: { dbsubnetgroupname: "private" } },
    },
    audit: { configRecorder: "create", minimumFrequency: { unit: "hours", value: 1 }, requiredRetentionDays: 35 },
    protectStatefulResources: true,
    tags: { team: "platform" },
};

const statement = (resource: RecordedResource, sid: string) => policyOf(resource).Statement.find((s) => s.Sid === sid)!;
const planRules = (resource: RecordedResource) => resource.inputs.rules as Record<string, unknown>[];

describe("BackupPlan", () => {
    it("encrypts the vault with a rotating customer managed key that only AWS Backup may use", async () => {
        const record = await run(build(dev));
        const key = one(record, "aws:kms/key:Key", "bk-vault-key");
        expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
        expect(statement(key, "AccountAdministers")).toMatchObject({
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
        });
        expect(statement(key, "AwsBackupUses")).toMatchObject({
            Principal: { AWS: "*" },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Condition: {
                StringEquals: { "kms:ViaService": "backup.us-east-1.amazonaws.com", "kms:CallerAccount": ACCOUNT },
            },
        });
        expect(statement(key, "AwsBackupGrants")).toMatchObject({
            Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Condition: {
                StringEquals: { "kms:ViaService": "backup.us-east-1.amazonaws.com" },
                Bool: { "kms:GrantIsForAWSResource": "true" },
            },
        });
        const vault = one(record, "aws:backup/vault:Vault");
        expect(vault.inputs.name).toBe("pulumi-aws-dr-test-bk-vault");
        expect(vault.inputs.kmsKeyArn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
        expect(record.outputs.vaultArn.value).toBe(
            `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:pulumi-aws-dr-test-bk-vault`,
        );
        expect(record.outputs.kmsKeyArns.value).toEqual({ "us-east-1": vault.inputs.kmsKeyArn });
        expect(record.outputs.copyVaultArns.value).toEqual({});
    });

    it("denies deleting recovery points to everyone, and changing the vault policy to all but the deployer, by default", async () => {
        const record = await run(build(dev));
        const policy = one(record, "aws:backup/vaultPolicy:VaultPolicy");
        expect(policy.inputs.backupVaultName).toBe("pulumi-aws-dr-test-bk-vault");
        expect(policyOf(policy).Statement).toEqual([
            {
                Sid: "DenyRecoveryPointDeletion",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
                Resource: "*",
            },
            {
                Sid: "DenyPolicyChangesButDeployer",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: ["backup:PutBackupVaultAccessPolicy"],
                Resource: "*",
                // The offline deploy runs as a session of role pulumi-deploy; IAM matches the role's ARN.
                Condition: { ArnNotLike: { "aws:PrincipalArn": [`arn:aws:iam::${ACCOUNT}:role/pulumi-deploy`] } },
            },
        ]);
        expect(ofType(record, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).toHaveLength(0);
    });

    it("exempts only the allowed principals, and drops the policy when asked", async () => {
        const allowed = ["arn:aws:iam::123456789012:role/break-glass", "arn:aws:iam::123456789012:role/deployer-*"];
        const record = await run(build({ ...dev, vault: { allowedPrincipalArns: allowed } }));
        const [deny, policyChanges] = policyOf(one(record, "aws:backup/vaultPolicy:VaultPolicy")).Statement;
        expect(deny.Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": allowed } });
        expect(policyChanges.Condition).toEqual({
            ArnNotLike: { "aws:PrincipalArn": [...allowed, `arn:aws:iam::${ACCOUNT}:role/pulumi-deploy`] },
        });

        const none = await run(build({ ...dev, vault: { denyDeletePolicy: false } }));
        expect(ofType(none, "aws:backup/vaultPolicy:VaultPolicy")).toHaveLength(0);
    });

    it("declares the rules with explicit windows, the lifecycle and no copy for dev", async () => {
        const record = await run(build(dev));
        const plan = one(record, "aws:backup/plan:Plan");
        expect(plan.inputs.name).toBe("pulumi-aws-dr-test-bk-plan");
        expect(planRules(plan)).toEqual([
            {
                ruleName: "daily",
                targetVaultName: "pulumi-aws-dr-test-bk-vault",
                schedule: "cron(0 5 ? * * *)",
                startWindow: 480,
                completionWindow: 10080,
                enableContinuousBackup: false,
                lifecycle: { deleteAfter: 7 },
                recoveryPointTags: {},
                copyActions: [],
            },
        ]);
        expect(record.outputs.planId.value).toMatch(/^[0-9a-f-]{36}$/);
        expect(record.outputs.planArn.value).toBe(
            `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:${record.outputs.planId.value}`,
        );
    });

    it("copies to a vault with its own key in the secondary region (staging)", async () => {
        const record = await run(build(staging));
        const vaults = ofType(record, "aws:backup/vault:Vault");
        expect(vaults.map((v) => [v.name, v.region, v.inputs.name]).sort()).toEqual([
            ["bk-vault", "us-east-1", "pulumi-aws-dr-test-bk-vault"],
            ["bk-vault-us-west-2", "us-west-2", "pulumi-aws-dr-test-bk-vault"],
        ]);
        const copyKey = one(record, "aws:kms/key:Key", "bk-vault-us-west-2-key");
        expect(copyKey.region).toBe("us-west-2");
        expect(statement(copyKey, "AwsBackupUses").Condition).toMatchObject({
            StringEquals: { "kms:ViaService": "backup.us-west-2.amazonaws.com" },
        });
        expect(one(record, "aws:backup/vault:Vault", "bk-vault-us-west-2").inputs.kmsKeyArn).toMatch(
            /^arn:aws:kms:us-west-2:/,
        );
        expect(one(record, "aws:backup/vaultPolicy:VaultPolicy", "bk-vault-us-west-2-policy").region).toBe("us-west-2");

        const copyVaultArn = `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:pulumi-aws-dr-test-bk-vault`;
        const [rule] = planRules(one(record, "aws:backup/plan:Plan"));
        expect(rule).toMatchObject({ schedule: "cron(0 */12 ? * * *)", startWindow: 60, completionWindow: 240 });
        expect(rule.copyActions).toEqual([{ destinationVaultArn: copyVaultArn, lifecycle: { deleteAfter: 14 } }]);
        expect(record.outputs.copyVaultArns.value).toEqual({ "us-west-2": copyVaultArn });
        expect(Object.keys(record.outputs.kmsKeyArns.value as object).sort()).toEqual(["us-east-1", "us-west-2"]);
    });

    it("makes one copy vault per region, shared by the rules, and passes vault ARNs through", async () => {
        const external = "arn:aws:backup:eu-west-1:210987654321:backup-vault:central";
        const record = await run(
            build({
                ...dev,
                rules: {
                    a: { schedule: "cron(0 5 ? * * *)", copyTo: [{ region: "us-west-2" }, { vaultArn: external }] },
                    b: {
                        schedule: "cron(0 6 ? * * *)",
                        copyTo: [{ region: "us-west-2", lifecycle: { deleteAfterDays: 90 } }],
                    },
                },
            }),
        );
        expect(ofType(record, "aws:backup/vault:Vault")).toHaveLength(2);
        const [a, b] = planRules(one(record, "aws:backup/plan:Plan"));
        const copies = (r: Record<string, unknown>) =>
            r.copyActions as { destinationVaultArn: string; lifecycle: unknown }[];
        expect(copies(a).map((c) => c.destinationVaultArn)).toEqual([
            expect.stringMatching(/^arn:aws:backup:us-west-2:/),
            external,
        ]);
        expect(copies(b)[0]).toEqual({
            destinationVaultArn: copies(a)[0].destinationVaultArn,
            lifecycle: { deleteAfter: 90 },
        });
    });

    it("guards prod: two locked vaults in two regions, hourly and continuous, cold storage monthly, protected state", async () => {
        const record = await run(build(prod), { stack: "prod" });
        const locks = ofType(record, "aws:backup/vaultLockConfiguration:VaultLockConfiguration");
        expect(
            locks
                .map((l) => [
                    l.region,
                    l.inputs.changeableForDays,
                    l.inputs.minRetentionDays,
                    l.inputs.maxRetentionDays,
                ])
                .sort(),
        ).toEqual([
            ["us-east-1", 3, 7, 400],
            ["us-west-2", 3, 7, 400],
        ]);
        const [hourly, monthly] = planRules(one(record, "aws:backup/plan:Plan"));
        expect(hourly).toMatchObject({
            schedule: "cron(0 * ? * * *)",
            enableContinuousBackup: true,
            lifecycle: { deleteAfter: 35 },
            recoveryPointTags: { team: "platform" },
        });
        expect(monthly).toMatchObject({
            lifecycle: { coldStorageAfter: 30, deleteAfter: 365 },
            recoveryPointTags: { team: "platform", rule: "monthly" },
        });
        expect((monthly.copyActions as { lifecycle: unknown }[])[0].lifecycle).toEqual({ deleteAfter: 120 });

        // The policy and the lock too: replacing either would drop the deny-delete guard or the compliance lock.
        const guarded = [
            "aws:backup/vault:Vault",
            "aws:kms/key:Key",
            "aws:backup/vaultPolicy:VaultPolicy",
            "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        ];
        for (const type of guarded) {
            expect(ofType(record, type).length, type).toBeGreaterThanOrEqual(2);
            for (const r of ofType(record, type))
                expect([r.name, r.options]).toEqual([
                    r.name,
                    expect.objectContaining({ protect: true, retainOnDelete: true }),
                ]);
        }
        // The two vault keys and one key per notifications topic (the vault's and the copy vault's).
        expect(ofType(record, "aws:kms/key:Key")).toHaveLength(4);
        expect(one(record, "aws:backup/plan:Plan").options.protect).toBe(false);
        // Unprotected means it may be torn down, which a compliance lock forbids: a governance lock here.
        const plain = await run(
            build({ ...staging, vault: { lock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 400 } } }),
        );
        for (const type of guarded)
            expect(
                ofType(plain, type).every((r) => !r.options.protect && !r.options.retainOnDelete),
                type,
            ).toBe(true);
    });

    it("tests restores of each protected resource type on a schedule", async () => {
        const record = await run(build(prod), { stack: "prod" });
        const testing = one(record, "aws:backup/restoreTestingPlan:RestoreTestingPlan");
        expect(testing.inputs).toMatchObject({
            name: "pulumi_aws_dr_prod_bk_restore_testing",
            scheduleExpression: "cron(0 3 ? * SUN *)",
            startWindowHours: 24,
            recoveryPointSelection: {
                algorithm: "LATEST_WITHIN_WINDOW",
                includeVaults: [`arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:pulumi-aws-dr-prod-bk-vault`],
                recoveryPointTypes: ["SNAPSHOT"],
                selectionWindowDays: 7,
            },
        });
        const selections = ofType(record, "aws:backup/restoreTestingSelection:RestoreTestingSelection");
        expect(
            selections
                .map((s) => [
                    s.inputs.protectedResourceType,
                    s.inputs.name,
                    s.inputs.protectedResourceArns,
                    s.inputs.validationWindowHours,
                ])
                .sort(),
        ).toEqual([
            ["DynamoDB", "pulumi_aws_dr_prod_bk_restore_dynamodb", ["*"], 4],
            ["RDS", "pulumi_aws_dr_prod_bk_restore_rds", ["*"], 4],
        ]);
        expect(
            one(record, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "bk-restore-testing-rds").inputs
                .restoreMetadataOverrides,
        ).toEqual({ dbsubnetgroupname: "private" });
        expect(
            selections.every(
                (s) =>
                    s.inputs.restoreTestingPlanName === testing.inputs.name &&
                    s.inputs.iamRoleArn === record.outputs.roleArn.value,
            ),
        ).toBe(true);
    });

    it("with inCopyRegions, also tests restores from the copy vault, in the copy's region", async () => {
        const record = await run(build({ ...prod, restoreTesting: { ...prod.restoreTesting!, inCopyRegions: true } }), {
            stack: "prod",
        });
        const plans = ofType(record, "aws:backup/restoreTestingPlan:RestoreTestingPlan");
        expect(
            plans.map((p) => [
                p.name,
                p.region,
                (p.inputs.recoveryPointSelection as { includeVaults: string[] }).includeVaults,
            ]),
        ).toEqual([
            [
                "bk-restore-testing",
                "us-east-1",
                [`arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:pulumi-aws-dr-prod-bk-vault`],
            ],
            [
                "bk-us-west-2-restore-testing",
                "us-west-2",
                [`arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:pulumi-aws-dr-prod-bk-vault`],
            ],
        ]);
        const west = ofType(record, "aws:backup/restoreTestingSelection:RestoreTestingSelection").filter(
            (s) => s.region === "us-west-2",
        );
        expect(west.map((s) => [s.inputs.protectedResourceType, s.inputs.restoreTestingPlanName]).sort()).toEqual([
            ["DynamoDB", plans[1].inputs.name],
            ["RDS", plans[1].inputs.name],
        ]);
        expect(west.every((s) => s.parent === plans[1].parent)).toBe(true);

        const noCopy = validateBackupPlanArgs(
            { ...dev, restoreTesting: { resourceTypes: ["EBS"], inCopyRegions: true } },
            "us-east-1",
        );
        expect(noCopy.map((p) => `${p.path} must be ${p.allowed}`)).toEqual([
            "restoreTesting.inCopyRegions must be true only when a rule copies to a { region } vault this component makes (a vault given by ARN is tested where it lives)",
        ]);
    });

    it("audits frequency and retention, encryption, coverage, cross-region copies and the vault lock", async () => {
        const record = await run(build(prod), { stack: "prod" });
        const framework = one(record, "aws:backup/framework:Framework");
        expect(framework.inputs.name).toBe("pulumi_aws_dr_prod_bk_audit");
        // The plan's own controls judge this plan and its recovery points; the rest what its selections name.
        const ownPlan = { tags: { "pulumi-aws-dr:backup-plan": "pulumi-aws-dr-prod-bk-plan" } };
        const selected = { complianceResourceTypes: ["DynamoDB", "RDS"] };
        expect(framework.inputs.controls).toEqual([
            {
                name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
                inputParameters: [
                    { name: "requiredFrequencyUnit", value: "hours" },
                    { name: "requiredFrequencyValue", value: "1" },
                    { name: "requiredRetentionDays", value: "35" },
                ],
                scope: ownPlan,
            },
            { name: "BACKUP_RECOVERY_POINT_ENCRYPTED", scope: ownPlan },
            { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope: selected },
            { name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", scope: selected },
            { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", scope: selected },
        ]);
        expect(ofType(await run(build(dev)), "aws:backup/framework:Framework")).toHaveLength(0);
    });

    it("audits the restore time only when given one, with the restore-time control's parameter in minutes", async () => {
        const record = await run(build({ ...prod, audit: { ...prod.audit!, maxRestoreMinutes: 240 } }), {
            stack: "prod",
        });
        const controls = one(record, "aws:backup/framework:Framework").inputs.controls as { name: string }[];
        expect(controls.at(-1)).toEqual({
            name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
            inputParameters: [{ name: "maxRestoreTime", value: "240" }],
            scope: { complianceResourceTypes: ["DynamoDB", "RDS"] },
        });
        expect(
            validateBackupPlanArgs({ ...prod, audit: { ...prod.audit!, maxRestoreMinutes: 1.5 } }, "us-east-1").map(
                (p) => `${p.path} ${p.allowed}`,
            ),
        ).toEqual(["audit.maxRestoreMinutes a whole number of minutes, at least 1"]);
    });

    it("backs each selection with one shared role trusted by AWS Backup, with the managed policies", async () => {
        const record = await run(
            build({
                ...dev,
                selections: {
                    a: { selectionTags: { x: "1" } },
                    b: { resources: ["arn:aws:ec2:us-east-1:123456789012:volume/*"] },
                },
            }),
        );
        const role = one(record, "aws:iam/role:Role");
        expect(role.inputs.name).toBe("pulumi-aws-dr-test-bk-backup");
        expect(policyOf(role, "assumeRolePolicy").Statement).toEqual([
            { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        expect(
            ofType(record, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                .map((a) => a.inputs.policyArn)
                .sort(),
        ).toEqual([
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        const selections = ofType(record, "aws:backup/selection:Selection");
        expect(selections.map((s) => s.inputs.name).sort()).toEqual([
            "pulumi-aws-dr-test-bk-a",
            "pulumi-aws-dr-test-bk-b",
        ]);
        expect(
            selections.every(
                (s) => s.inputs.iamRoleArn === `arn:aws:iam::${ACCOUNT}:role/pulumi-aws-dr-test-bk-backup`,
            ),
        ).toBe(true);
        expect(selections.every((s) => s.inputs.planId === record.outputs.planId.value)).toBe(true);
        expect(one(record, "aws:backup/selection:Selection", "bk-a").inputs.selectionTags).toEqual([
            { type: "STRINGEQUALS", key: "x", value: "1" },
        ]);
        expect(record.outputs.roleArn.value).toBe(selections[0].inputs.iamRoleArn);
    });

    it("adds the S3 policies when S3 is selected by ARN, by * or declared, and maps conditions to resource tags", async () => {
        const s3 = [
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
        ].sort();
        const policies = async (selection: BackupPlanArgs["selections"][string]) =>
            ofType(
                await run(build({ ...dev, selections: { s: selection } })),
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            )
                .map((a) => a.inputs.policyArn)
                .sort();
        expect(await policies({ resources: ["arn:aws:s3:::my-bucket"] })).toEqual(s3);
        expect(await policies({ resources: ["*"], conditions: { stringEquals: { env: "prod" } } })).toEqual(s3);
        expect(await policies({ selectionTags: { backup: "yes" }, includeS3: true })).toEqual(s3);

        const record = await run(
            build({
                ...dev,
                selections: {
                    s: {
                        resources: ["*"],
                        notResources: ["arn:aws:ec2:*:*:volume/*"],
                        conditions: {
                            stringEquals: { env: "prod" },
                            stringNotLike: { "aws:ResourceTag/tier": "scratch*" },
                        },
                    },
                },
            }),
        );
        const selection = one(record, "aws:backup/selection:Selection");
        expect(selection.inputs).toMatchObject({ resources: ["*"], notResources: ["arn:aws:ec2:*:*:volume/*"] });
        expect(selection.inputs.conditions).toEqual([
            {
                stringEquals: [{ key: "aws:ResourceTag/env", value: "prod" }],
                stringLikes: [],
                stringNotEquals: [],
                stringNotLikes: [{ key: "aws:ResourceTag/tier", value: "scratch*" }],
            },
        ]);
    });

    it("makes no role when every selection brings one, and uses a given key instead of making one", async () => {
        const roleArn = "arn:aws:iam::123456789012:role/backup";
        const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
        const record = await run(
            build({
                ...dev,
                vault: { kmsKeyArn },
                selections: { a: { resources: ["*"], roleArn } },
                notifications: { enabled: false },
            }),
        );
        expect(ofType(record, "aws:iam/role:Role")).toHaveLength(0);
        expect(one(record, "aws:backup/selection:Selection").inputs.iamRoleArn).toBe(roleArn);
        expect(record.outputs.roleArn.value).toBeUndefined();
        expect(ofType(record, "aws:kms/key:Key")).toHaveLength(0);
        expect(one(record, "aws:backup/vault:Vault").inputs.kmsKeyArn).toBe(kmsKeyArn);
        expect(record.outputs.kmsKeyArns.value).toEqual({ "us-east-1": kmsKeyArn });
    });

    it("notifies an encrypted topic that only AWS Backup of this account may publish to", async () => {
        const record = await run(build(dev));
        const topic = one(record, "aws:sns/topic:Topic");
        const topicKey = one(record, "aws:kms/key:Key", "bk-notifications-key");
        expect(topic.inputs.kmsMasterKeyId).toMatch(/^arn:aws:kms:us-east-1:/);
        expect(topic.inputs.kmsMasterKeyId).not.toBe(one(record, "aws:backup/vault:Vault").inputs.kmsKeyArn);
        expect(statement(topicKey, "AwsBackupPublishes")).toEqual({
            Sid: "AwsBackupPublishes",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        });
        const topicPolicy = one(record, "aws:sns/topicPolicy:TopicPolicy");
        expect(statement(topicPolicy, "AwsBackupPublishesForThisAccount")).toEqual({
            Sid: "AwsBackupPublishesForThisAccount",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sns:Publish",
            Resource: record.outputs.topicArn.value,
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        });
        expect(statement(topicPolicy, "TlsOnly")).toMatchObject({
            Effect: "Deny",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        const notifications = one(record, "aws:backup/vaultNotifications:VaultNotifications");
        expect(notifications.inputs).toEqual(
            expect.objectContaining({
                backupVaultName: "pulumi-aws-dr-test-bk-vault",
                snsTopicArn: record.outputs.topicArn.value,
                backupVaultEvents: [
                    "BACKUP_JOB_COMPLETED",
                    "COPY_JOB_FAILED",
                    "RESTORE_JOB_COMPLETED",
                    "RECOVERY_POINT_MODIFIED",
                ],
            }),
        );
    });

    it("adds CONTINUOUS_BACKUP_INTERRUPTED to the default events when a rule has continuous backup, and no success-only event", async () => {
        const record = await run(build(prod), { stack: "prod" });
        const events = one(record, "aws:backup/vaultNotifications:VaultNotifications", "bk-notifications").inputs
            .backupVaultEvents;
        expect(events).toEqual([
            "BACKUP_JOB_COMPLETED",
            "COPY_JOB_FAILED",
            "RESTORE_JOB_COMPLETED",
            "RECOVERY_POINT_MODIFIED",
            "CONTINUOUS_BACKUP_INTERRUPTED",
        ]);
        expect(defaultNotificationEvents(prod.rules)).toEqual(events);
        expect(defaultNotificationEvents(dev.rules)).toEqual(backupDefaults.notificationEvents);
    });

    it("uses a given topic and events, or none at all", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:ops";
        const given = await run(
            build({
                ...dev,
                notifications: { topicArn, events: ["COPY_JOB_FAILED", "CONTINUOUS_BACKUP_INTERRUPTED"] },
            }),
        );
        expect(ofType(given, "aws:sns/topic:Topic")).toHaveLength(0);
        expect(one(given, "aws:backup/vaultNotifications:VaultNotifications").inputs).toMatchObject({
            snsTopicArn: topicArn,
            backupVaultEvents: ["COPY_JOB_FAILED", "CONTINUOUS_BACKUP_INTERRUPTED"],
        });
        const none = await run(build({ ...dev, notifications: { enabled: false } }));
        expect(ofType(none, "aws:backup/vaultNotifications:VaultNotifications")).toHaveLength(0);
        expect(none.outputs.topicArn.value).toBeUndefined();
    });

    it("parents every child to the component and puts regional children in the given region", async () => {
        const record = await run(
            build({
                ...prod,
                region: "eu-west-1",
                rules: { r: { schedule: "cron(0 5 ? * * *)", copyTo: [{ region: "eu-central-1" }] } },
            }),
        );
        const component = one(record, TYPE);
        const children = record.resources.filter((r) => r !== component);
        expect(children.length).toBeGreaterThan(15);
        for (const c of children) {
            expect(c.parent, c.name).toBe(component.urn);
            expect(c.urn).toContain(`${TYPE}$`);
        }
        const elsewhere = children.filter((c) => c.region !== null && c.region !== "eu-west-1");
        expect(elsewhere.map((c) => [c.name, c.region]).sort()).toEqual([
            ["bk-notifications-eu-central-1", "eu-central-1"],
            ["bk-notifications-eu-central-1", "eu-central-1"],
            ["bk-notifications-eu-central-1", "eu-central-1"],
            ["bk-notifications-eu-central-1-key", "eu-central-1"],
            ["bk-vault-eu-central-1", "eu-central-1"],
            ["bk-vault-eu-central-1-key", "eu-central-1"],
            ["bk-vault-eu-central-1-lock", "eu-central-1"],
            ["bk-vault-eu-central-1-policy", "eu-central-1"],
        ]);
    });
});

describe("BackupPlan validation", () => {
    const ok = dev;
    const lock = (l: NonNullable<NonNullable<BackupPlanArgs["vault"]>["lock"]>): BackupPlanArgs => ({
        ...ok,
        vault: { lock: l },
    });
    const rule = (r: Partial<BackupPlanArgs["rules"][string]>): BackupPlanArgs => ({
        ...ok,
        rules: { daily: { schedule: "cron(0 5 ? * * *)", ...r } },
    });
    const form =
        "AWS's 6-field cron form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 5 ? * * *)";
    const events = BACKUP_VAULT_EVENTS.join(", ");
    const ownRegionVault = "arn:aws:backup:us-east-1:123456789012:backup-vault:other";
    /** [label, args, the whole line after `BackupPlan "bk": `: path, rule and value]. */
    const cases: [string, BackupPlanArgs, string][] = [
        [
            "a 3-field cron",
            rule({ schedule: "cron(0 5 *)" }),
            `rules.daily.schedule must be ${form}, not 3 fields, got "cron(0 5 *)"`,
        ],
        [
            "a 5-field cron",
            rule({ schedule: "cron(0 5 * * ?)" }),
            `rules.daily.schedule must be ${form}, not 5 fields, got "cron(0 5 * * ?)"`,
        ],
        [
            "a cron firing more often than hourly",
            rule({ schedule: "cron(0/30 * ? * * *)" }),
            'rules.daily.schedule must be a schedule that fires at most once an hour, AWS Backup\'s limit (this one fires 30 minutes apart), got "cron(0/30 * ? * * *)"',
        ],
        [
            "a start window under 60 minutes",
            rule({ startWindowMinutes: 30 }),
            "rules.daily.startWindowMinutes must be a whole number of minutes, at least 60, got 30",
        ],
        [
            "a completion window not 60 past the start",
            rule({ startWindowMinutes: 60, completionWindowMinutes: 100 }),
            "rules.daily.completionWindowMinutes must be a whole number of minutes at least 60 more than the start window (120 or more), got 100",
        ],
        [
            "deletion before cold storage + 90",
            rule({ lifecycle: { coldStorageAfterDays: 30, deleteAfterDays: 100 } }),
            "rules.daily.lifecycle.deleteAfterDays must be at least coldStorageAfterDays + 90 (120), since cold storage lasts at least 90 days, got 100",
        ],
        [
            "continuous backup kept over 35 days",
            rule({ continuousBackup: true, lifecycle: { deleteAfterDays: 60 } }),
            "rules.daily.lifecycle.deleteAfterDays must be at most 35 days with continuousBackup, AWS's limit for point-in-time recovery, got 60",
        ],
        [
            "a lock changeable for under 3 days",
            lock({ mode: "compliance", changeableForDays: 2 }),
            "vault.lock.changeableForDays must be an integer 3..36500, got 2",
        ],
        [
            "a compliance lock without changeableForDays",
            lock({ mode: "compliance" }),
            "vault.lock.changeableForDays must be an integer 3..36500 in compliance mode, got nothing",
        ],
        [
            "a lock whose min exceeds its max",
            lock({ mode: "governance", minRetentionDays: 30, maxRetentionDays: 10 }),
            "vault.lock.minRetentionDays must be at most maxRetentionDays (10), got 30",
        ],
        [
            "a rule kept less than the lock's minimum",
            {
                ...rule({ lifecycle: { deleteAfterDays: 7 } }),
                vault: { lock: { mode: "governance", minRetentionDays: 30 } },
            },
            "rules.daily.lifecycle.deleteAfterDays must be at least 30, the vault lock's minRetentionDays, got 7",
        ],
        [
            "a copy kept less than the lock's minimum",
            {
                ...rule({
                    lifecycle: { deleteAfterDays: 35 },
                    copyTo: [{ region: "us-west-2", lifecycle: { deleteAfterDays: 7 } }],
                }),
                vault: { lock: { mode: "governance", minRetentionDays: 30 } },
            },
            "rules.daily.copyTo.0.lifecycle.deleteAfterDays must be at least 30, the vault lock's minRetentionDays, got 7",
        ],
        [
            "a vault name with a dot",
            { ...ok, vault: { name: "my.vault" } },
            'vault.name must be 2..50 letters, digits, hyphens and underscores, got "my.vault"',
        ],
        [
            "a vault name too long",
            { ...ok, vault: { name: "v".repeat(51) } },
            `vault.name must be 2..50 letters, digits, hyphens and underscores, got "${"v".repeat(51)}"`,
        ],
        [
            "a copy to the vault's own region",
            rule({ copyTo: [{ region: "us-east-1" }] }),
            'rules.daily.copyTo.0.region must be a region other than the vault\'s (us-east-1), or the copy survives nothing, got "us-east-1"',
        ],
        [
            "a copy to a vault ARN in the vault's own region",
            rule({ copyTo: [{ vaultArn: ownRegionVault }] }),
            `rules.daily.copyTo.0.vaultArn must be a vault in a region other than the vault's (us-east-1), or the copy survives nothing, got "${ownRegionVault}"`,
        ],
        [
            "a copy to something not a vault ARN",
            rule({ copyTo: [{ vaultArn: "arn:aws:s3:::bucket" }] }),
            'rules.daily.copyTo.0.vaultArn must be a backup vault ARN, arn:<partition>:backup:<region>:<account>:backup-vault:<name>, got "arn:aws:s3:::bucket"',
        ],
        [
            "a selection of nothing",
            { ...ok, selections: { empty: { resources: [], notResources: ["arn:aws:s3:::x"] } } },
            'selections.empty must be a selection of some resources, selectionTags or conditions, got {"resources":[],"notResources":["arn:aws:s3:::x"]}',
        ],
        [
            "a key ARN from another region",
            { ...ok, vault: { kmsKeyArn: "arn:aws:kms:us-west-2:123456789012:key/abc" } },
            'vault.kmsKeyArn must be a KMS key in us-east-1, the vault\'s region, got "arn:aws:kms:us-west-2:123456789012:key/abc"',
        ],
        [
            "an unknown vault event",
            { ...ok, notifications: { events: ["BACKUP_JOB_ABORTED"] } },
            `notifications.events.0 must be one of ${events}, got "BACKUP_JOB_ABORTED"`,
        ],
        [
            "a deprecated vault event",
            { ...ok, notifications: { events: ["COPY_JOB_FAILED", "BACKUP_JOB_FAILED"] } },
            `notifications.events.1 must be one of ${events}; AWS deprecated this event and never sends it (failed backup and restore jobs arrive as BACKUP_JOB_COMPLETED and RESTORE_JOB_COMPLETED), got "BACKUP_JOB_FAILED"`,
        ],
        [
            "an unknown time zone",
            rule({ scheduleTimezone: "Mars/Olympus" }),
            'rules.daily.scheduleTimezone must be an IANA time zone, e.g. Europe/Paris, got "Mars/Olympus"',
        ],
        [
            "a copy destination with both region and ARN",
            rule({
                copyTo: [
                    { region: "us-west-2", vaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:x" } as never,
                ],
            }),
            'rules.daily.copyTo.0 must be either { region } for a vault made here or { vaultArn } for an existing one, got {"region":"us-west-2","vaultArn":"arn:aws:backup:us-west-2:123456789012:backu...',
        ],
        [
            "a restore test of an unknown type",
            { ...ok, restoreTesting: { resourceTypes: ["Redshift"] } },
            'restoreTesting.resourceTypes.0 must be one of Aurora, DocumentDB, DynamoDB, EBS, EC2, EFS, FSx, Neptune, RDS, S3, got "Redshift"',
        ],
        [
            "an audit frequency over 31 days",
            { ...ok, audit: { configRecorder: "existing", minimumFrequency: { unit: "days", value: 32 } } },
            "audit.minimumFrequency.value must be an integer 1..31, got 32",
        ],
        [
            "an audit frequency over 24 hours",
            { ...ok, audit: { configRecorder: "existing", minimumFrequency: { unit: "hours", value: 25 } } },
            "audit.minimumFrequency.value must be an integer 1..24, got 25",
        ],
        ["no rules", { ...ok, rules: {} }, "rules must be a map of at least one rule, by rule name, got {}"],
    ];

    for (const [label, args, line] of cases) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(build(args));
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error.message.split("\n")).toContain(`BackupPlan "bk": ${line}`);
            expect(registered).toEqual([]);
        });
    }

    it("lists every problem at once, one line each", async () => {
        const { error } = await runExpectingError(
            build({
                vault: { name: "x" },
                rules: { daily: { schedule: "cron(0 5 *)", startWindowMinutes: 10 } },
                selections: { s: {} },
            }),
        );
        const lines = error.message.split("\n");
        expect(lines.every((l) => l.startsWith('BackupPlan "bk": '))).toBe(true);
        expect(lines.map((l) => l.split(" ")[2])).toEqual([
            "vault.name",
            "rules.daily.schedule",
            "rules.daily.startWindowMinutes",
            "selections.s",
        ]);
    });

    it("checks Output values when they resolve", async () => {
        const { error, registered } = await runExpectingError(
            build({ ...ok, vault: { kmsKeyArn: pulumi.output("arn:aws:kms:eu-west-1:123456789012:key/abc") } }),
        );
        expect(error.message).toContain(
            'BackupPlan "bk": vault.kmsKeyArn must be a KMS key in us-east-1, the vault\'s region, got "arn:aws:kms:eu-west-1:123456789012:key/abc"',
        );
        expect(registered.some((r) => r.type === TYPE)).toBe(true);

        const arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:other";
        const copy = await runExpectingError(
            build({
                ...ok,
                rules: { daily: { schedule: "cron(0 5 ? * * *)", copyTo: [{ vaultArn: pulumi.output(arn) }] } },
            }),
        );
        expect(copy.error.message).toContain(
            `BackupPlan "bk": rules.daily.copyTo.0.vaultArn must be a vault in a region other than the vault's (us-east-1), or the copy survives nothing, got "${arn}"`,
        );
    });

    it("accepts every current vault event, the audit frequency bounds and a vault ARN in another region", () => {
        // AWS Backup developer guide, "Notification options with AWS Backup".
        expect(BACKUP_VAULT_EVENTS).toEqual([
            "BACKUP_JOB_STARTED",
            "BACKUP_JOB_COMPLETED",
            "CONTINUOUS_BACKUP_INTERRUPTED",
            "COPY_JOB_STARTED",
            "COPY_JOB_SUCCESSFUL",
            "COPY_JOB_FAILED",
            "RESTORE_JOB_STARTED",
            "RESTORE_JOB_COMPLETED",
            "RECOVERY_POINT_MODIFIED",
            "RECOVERY_POINT_INDEX_COMPLETED",
            "RECOVERY_POINT_INDEX_DELETED",
            "RECOVERY_POINT_INDEXING_FAILED",
            "S3_BACKUP_OBJECT_FAILED",
            "S3_RESTORE_OBJECT_FAILED",
            "EKS_BACKUP_OBJECT_FAILED",
            "EKS_RESTORE_OBJECT_FAILED",
            "EKS_RESTORE_OBJECT_SKIPPED",
        ]);
        expect(
            validateBackupPlanArgs({ ...ok, notifications: { events: [...BACKUP_VAULT_EVENTS] } }, "us-east-1"),
        ).toEqual([]);
        for (const minimumFrequency of [
            { unit: "hours", value: 24 },
            { unit: "days", value: 31 },
        ] as const) {
            expect(
                validateBackupPlanArgs({ ...ok, audit: { configRecorder: "existing", minimumFrequency } }, "us-east-1"),
            ).toEqual([]);
        }
        const elsewhere = {
            ...ok,
            rules: {
                daily: {
                    schedule: "cron(0 5 ? * * *)",
                    copyTo: [{ vaultArn: "arn:aws:backup:us-west-2:123456789012:backup-vault:other" }],
                },
            },
        };
        expect(validateBackupPlanArgs(elsewhere, "us-east-1")).toEqual([]);
    });

    it("accepts the dev, staging and prod shapes and is pure", () => {
        for (const args of [dev, staging, prod]) expect(validateBackupPlanArgs(args, "us-east-1")).toEqual([]);
    });
});
