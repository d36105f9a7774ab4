import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountIdOf, callerIdentity, partitionOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { customerManagedKey, encryptedTopic, policyDocument } from "../shared/kms";
import { denyInsecureTransport, logBucket } from "../shared/logBucket";
import { nameLimits } from "../shared/naming";
import { componentRegion, namerFor } from "../shared/stack";
import { statefulOptions } from "../shared/tags";
import { checkWhenResolved, gateDeferred, isDeferred } from "../shared/validation";
import {
    BackupLifecycle,
    BackupPlanArgs,
    BackupRestoreTestingArgs,
    BackupSelectionArgs,
    BackupSelectionConditions,
    BackupAuditScope,
    backupDefaults,
    copyVaultRegions,
    defaultNotificationEvents,
} from "./args";
import { auditRecordedResourceTypes, auditScopeOf } from "./audit";
import { validateBackupPlanArgs } from "./validate";

export const BACKUP_PLAN_TYPE = "pulumi-aws-dr:backup:BackupPlan";

/** With an audit: the tag on the plan and its recovery points, naming the plan, that the audit's own-plan controls judge by. */
export const BACKUP_PLAN_TAG = "pulumi-aws-dr:backup-plan";

/**
 * Recovery-point actions the vault policy denies to all but the allowed principals. Removing the
 * policy itself stays possible, or the vault could never be torn down; only a compliance lock makes
 * recovery points immune to an admin.
 */
export const DENIED_VAULT_ACTIONS = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"] as const;
/** Denied to all but the allowed principals and the deployer, who must be able to update the policy. */
export const DEPLOYER_ONLY_VAULT_ACTIONS = ["backup:PutBackupVaultAccessPolicy"] as const;

/** AWS managed policies for the backup role: [path under arn:<partition>:iam::aws:policy/, name]. The S3 ones are not under service-role/. */
export const BACKUP_ROLE_POLICIES = [
    "service-role/AWSBackupServiceRolePolicyForBackup",
    "service-role/AWSBackupServiceRolePolicyForRestores",
] as const;
export const S3_BACKUP_ROLE_POLICIES = [
    "AWSBackupServiceRolePolicyForS3Backup",
    "AWSBackupServiceRolePolicyForS3Restore",
] as const;

interface Account {
    readonly id: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;
    /** The principal running the deployment, as IAM matches `aws:PrincipalArn`: an assumed role's role ARN. */
    readonly deployer: pulumi.Output<string>;
}

/** A vault this component made, in one region. */
interface RegionalVault {
    readonly vault: aws.backup.Vault;
    readonly keyArn: pulumi.Output<string>;
}

/**
 * Deny statements that keep an administrator with `kms:*` from destroying a vault key: deletion and
 * disabling only by the break-glass principals, key policy changes only by them and the deployers
 * (who must update the policy, and pass KMS's lockout safety check, on the next deploy).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 */
function keyGuardStatements(
    breakGlass: pulumi.Input<string>[],
    deployers: pulumi.Input<string>[],
): Record<string, unknown>[] {
    return [
        {
            Sid: "DenyKeyDestructionButBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
            Resource: "*",
            ...(breakGlass.length > 0 ? { Condition: { ArnNotLike: { "aws:PrincipalArn": breakGlass } } } : {}),
        },
        {
            Sid: "DenyKeyPolicyChangesButDeployer",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["kms:PutKeyPolicy"],
            Resource: "*",
            Condition: { ArnNotLike: { "aws:PrincipalArn": [...breakGlass, ...deployers] } },
        },
    ];
}

/** AWS Backup's lifecycle input from ours. */
function awsLifecycle(lifecycle: BackupLifecycle | undefined) {
    return {
        coldStorageAfter: lifecycle?.coldStorageAfterDays,
        deleteAfter: lifecycle?.deleteAfterDays ?? backupDefaults.deleteAfterDays,
        optInToArchiveForSupportedResources: lifecycle?.optInToArchiveForSupportedResources,
    };
}

/** `env` -> `aws:ResourceTag/env`: selection conditions match on resource tags. */
const tagKey = (key: string) => (key.startsWith("aws:ResourceTag/") ? key : `aws:ResourceTag/${key}`);

function awsConditions(
    conditions: BackupSelectionConditions | undefined,
): aws.types.input.backup.SelectionCondition[] | undefined {
    if (!conditions) return undefined;
    const entries = (m: Record<string, string> | undefined) =>
        Object.entries(m ?? {}).map(([key, value]) => ({ key: tagKey(key), value }));
    return [
        {
            stringEquals: entries(conditions.stringEquals),
            stringLikes: entries(conditions.stringLike),
            stringNotEquals: entries(conditions.stringNotEquals),
            stringNotLikes: entries(conditions.stringNotLike),
        },
    ];
}

/** True when a selection may pick S3 buckets, so the role needs the S3 policies. Deferred ARNs need `includeS3`. */
function selectsS3(selection: BackupSelectionArgs): boolean {
    if (selection.includeS3 !== undefined) return selection.includeS3;
    const resources = isDeferred(selection.resources) ? [] : (selection.resources ?? []);
    return resources.some((r) => typeof r === "string" && (r === "*" || /^arn:[^:]+:s3:/.test(r)));
}

/** Names for resources whose AWS names allow only letters, digits and underscores. */
const underscored = (name: string) => name.replace(/-/g, "_");

/**
 * AWS Backup for disaster recovery: a vault encrypted with a customer managed key, guarded by a
 * deny-delete access policy and optionally a vault lock; a plan whose rules copy recovery points to
 * vaults (each with its own key) in other regions or accounts; selections backed by one shared IAM
 * role; vault notifications to SNS; and, when asked, a restore testing plan and an audit framework.
 */
export class BackupPlan extends pulumi.ComponentResource {
    public readonly vaultArn: pulumi.Output<string>;
    public readonly vaultName: pulumi.Output<string>;
    /** Copy vaults made here, by region. */
    public readonly copyVaultArns: Record<string, pulumi.Output<string>>;
    public readonly planId: pulumi.Output<string>;
    public readonly planArn: pulumi.Output<string>;
    /** The shared backup role; undefined when every selection and the restore testing bring their own role. */
    public readonly roleArn: pulumi.Output<string> | undefined;
    /** The key of each vault (given or made here), by region. */
    public readonly kmsKeyArns: Record<string, pulumi.Output<string>>;
    /** The SNS topic notified of vault events; undefined with `notifications: { enabled: false }`. */
    public readonly notificationTopicArn: pulumi.Output<string> | undefined;
    /** The SNS topic notified of each copy vault's events, by region; empty with `notifications: { enabled: false }`. */
    public readonly copyNotificationTopicArns: Record<string, pulumi.Output<string>>;
    /** The region of the vault and plan. */
    public readonly region: string;

    constructor(name: string, args: BackupPlanArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("BackupPlan", name);
        const given = componentRegion(subject, args.region, opts);
        const problems = validateBackupPlanArgs(args, given);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(BACKUP_PLAN_TYPE, name, {}, opts);
        const inputsChecked = checkWhenResolved(subject, args, (resolved) =>
            validateBackupPlanArgs(resolved as BackupPlanArgs, given),
        );
        // From here on, a value known only at deploy reaches a resource only once it has passed the checks.
        args = gateDeferred(inputsChecked, args);

        const region = given ?? "us-east-1";
        this.region = region;
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };
        const account: Account = {
            id: accountIdOf(this),
            partition: partitionOf(this),
            deployer: aws.iam.getSessionContextOutput({ arn: callerIdentity(this).arn }, child).issuerArn,
        };

        const primary = this.vault(name, args, account, {
            region: args.region,
            actualRegion: region,
            suffix: "",
            kmsKeyArn: args.vault?.kmsKeyArn,
        });
        const copyRegions = copyVaultRegions(args.rules);
        const copies = Object.fromEntries(
            copyRegions.map(
                (r) => [r, this.vault(name, args, account, { region: r, actualRegion: r, suffix: `-${r}` })] as const,
            ),
        );
        this.vaultArn = primary.vault.arn;
        this.vaultName = primary.vault.name;
        this.copyVaultArns = Object.fromEntries(Object.entries(copies).map(([r, v]) => [r, v.vault.arn]));
        this.kmsKeyArns = {
            [region]: primary.keyArn,
            ...Object.fromEntries(Object.entries(copies).map(([r, v]) => [r, v.keyArn])),
        };

        const planName = nameOf("plan", 50);
        // With an audit, the plan and its recovery points carry their plan's name, which the controls that
        // judge plans and recovery points are scoped to: another stack's plan in the account is not this one's.
        const planTag: Record<string, string> = args.audit ? { [BACKUP_PLAN_TAG]: planName } : {};
        const plan = new aws.backup.Plan(
            `${name}-plan`,
            {
                ...regional,
                name: planName,
                rules: Object.entries(args.rules).map(([ruleName, rule]) => ({
                    ruleName,
                    targetVaultName: primary.vault.name,
                    schedule: rule.schedule,
                    scheduleExpressionTimezone: rule.scheduleTimezone,
                    // Explicit, so the windows the RPO model assumed are the ones deployed.
                    startWindow: rule.startWindowMinutes ?? backupDefaults.startWindowMinutes,
                    completionWindow: rule.completionWindowMinutes ?? backupDefaults.completionWindowMinutes,
                    enableContinuousBackup: rule.continuousBackup ?? false,
                    lifecycle: awsLifecycle(rule.lifecycle),
                    recoveryPointTags: pulumi
                        .output(args.tags ?? {})
                        .apply((t): Record<string, string> => ({ ...t, ...rule.recoveryPointTags, ...planTag })),
                    copyActions: (rule.copyTo ?? []).map((d) => ({
                        // Validation guarantees exactly one of region and vaultArn.
                        destinationVaultArn: d.region !== undefined ? copies[d.region].vault.arn : d.vaultArn!,
                        lifecycle: awsLifecycle(d.lifecycle ?? rule.lifecycle),
                    })),
                })),
                tags: args.audit ? pulumi.output(args.tags ?? {}).apply((t) => ({ ...t, ...planTag })) : args.tags,
            },
            child,
        );
        this.planId = plan.id;
        this.planArn = plan.arn;

        const sharedRole = this.sharedRole(name, args, account);
        this.roleArn = sharedRole?.arn;
        for (const [selectionName, selection] of Object.entries(args.selections)) {
            new aws.backup.Selection(
                `${name}-${selectionName}`,
                {
                    ...regional,
                    name: nameOf(selectionName, 50),
                    planId: plan.id,
                    iamRoleArn: selection.roleArn ?? sharedRole!.arn,
                    resources: selection.resources,
                    notResources: selection.notResources,
                    selectionTags: Object.entries(selection.selectionTags ?? {}).map(([key, value]) => ({
                        type: "STRINGEQUALS",
                        key,
                        value,
                    })),
                    conditions: awsConditions(selection.conditions),
                    // Every field replaces a selection, and its name must stay unique within the plan.
                },
                { ...child, deleteBeforeReplace: true },
            );
        }

        const notifications = args.notifications;
        this.notificationTopicArn =
            notifications?.enabled === false
                ? undefined
                : this.vaultNotifications(
                      name,
                      args,
                      account,
                      { region: args.region, actualRegion: region, suffix: "", topicArn: notifications?.topicArn },
                      primary.vault,
                  );
        // The copy vaults are where a regional disaster restores from: their restores and recovery-point
        // changes are reported in their own region, to a topic there.
        this.copyNotificationTopicArns =
            notifications?.enabled === false
                ? {}
                : Object.fromEntries(
                      Object.entries(copies).map(([copyRegion, copy]) => [
                          copyRegion,
                          this.vaultNotifications(
                              name,
                              args,
                              account,
                              {
                                  region: copyRegion,
                                  actualRegion: copyRegion,
                                  suffix: `-${copyRegion}`,
                                  topicArn: notifications?.copyTopicArns?.[copyRegion],
                              },
                              copy.vault,
                          ),
                      ]),
                  );
        if (args.restoreTesting) {
            this.restoreTesting(name, args.region, args, args.restoreTesting, primary.vault, sharedRole);
            // Logical names of the copies' tests carry the region, so the primary's keep their URNs.
            for (const [copyRegion, copy] of args.restoreTesting.inCopyRegions ? Object.entries(copies) : []) {
                this.restoreTesting(
                    `${name}-${copyRegion}`,
                    copyRegion,
                    args,
                    args.restoreTesting,
                    copy.vault,
                    sharedRole,
                );
            }
        }
        if (args.audit) this.auditFramework(name, args, planTag);

        this.registerOutputs({
            vaultArn: this.vaultArn,
            vaultName: this.vaultName,
            copyVaultArns: this.copyVaultArns,
            planId: this.planId,
            planArn: this.planArn,
            roleArn: this.roleArn,
            kmsKeyArns: this.kmsKeyArns,
            notificationTopicArn: this.notificationTopicArn,
            copyNotificationTopicArns: this.copyNotificationTopicArns,
            inputsChecked,
        });
    }

    /**
     * A vault in one region: its key (unless given), the vault, the deny-delete policy and the lock.
     * The source vault and every copy vault are made here, so they are guarded alike. The policy and
     * the lock get the vault's protection: replacing or deleting either would drop the guard.
     */
    private vault(
        name: string,
        args: BackupPlanArgs,
        account: Account,
        where: { region: string | undefined; actualRegion: string; suffix: string; kmsKeyArn?: pulumi.Input<string> },
    ): RegionalVault {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const stateful = { ...child, ...statefulOptions(args.protectStatefulResources) };
        const regional = { region: where.region };
        const vaultArgs = args.vault ?? {};
        const role = `vault${where.suffix}`;

        const keyArn =
            where.kmsKeyArn !== undefined
                ? pulumi.output(where.kmsKeyArn)
                : customerManagedKey(
                      `${name}-${role}-key`,
                      {
                          ...regional,
                          description: `Encrypts the recovery points in backup vault ${vaultArgs.name ?? nameOf("vault", nameLimits.backupVault)} (${where.actualRegion})`,
                          statements: [
                              ...(args.protectStatefulResources
                                  ? keyGuardStatements(
                                        vaultArgs.keyBreakGlassPrincipalArns ?? [],
                                        vaultArgs.deployerPrincipalArns ?? [account.deployer],
                                    )
                                  : []),
                              {
                                  // Principals of this account (the backup roles) may use the key, but only through AWS Backup here.
                                  Sid: "AwsBackupUses",
                                  Effect: "Allow",
                                  Principal: { AWS: "*" },
                                  Action: [
                                      "kms:Encrypt",
                                      "kms:Decrypt",
                                      "kms:ReEncrypt*",
                                      "kms:GenerateDataKey*",
                                      "kms:DescribeKey",
                                  ],
                                  Resource: "*",
                                  Condition: {
                                      StringEquals: {
                                          "kms:ViaService": `backup.${where.actualRegion}.amazonaws.com`,
                                          "kms:CallerAccount": account.id,
                                      },
                                  },
                              },
                              {
                                  // AWS Backup hands the key to the services it backs up (EFS, DynamoDB...) through grants.
                                  Sid: "AwsBackupGrants",
                                  Effect: "Allow",
                                  Principal: { AWS: "*" },
                                  Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                                  Resource: "*",
                                  Condition: {
                                      StringEquals: {
                                          "kms:ViaService": `backup.${where.actualRegion}.amazonaws.com`,
                                          "kms:CallerAccount": account.id,
                                      },
                                      Bool: { "kms:GrantIsForAWSResource": "true" },
                                  },
                              },
                          ],
                          tags: args.tags,
                          protect: args.protectStatefulResources,
                      },
                      this,
                  ).arn;

        const vault = new aws.backup.Vault(
            `${name}-${role}`,
            {
                ...regional,
                name: vaultArgs.name ?? nameOf("vault", nameLimits.backupVault),
                kmsKeyArn: keyArn,
                // Unprotected (a stack that may be torn down): destroy deletes the recovery points, which AWS
                // requires before it deletes a vault. The vault policy is deleted first, as it depends on the vault.
                forceDestroy: !args.protectStatefulResources,
                tags: args.tags,
            },
            stateful,
        );

        if (vaultArgs.denyDeletePolicy ?? backupDefaults.denyDeletePolicy) {
            const allowed = vaultArgs.allowedPrincipalArns ?? [];
            const deployers = vaultArgs.deployerPrincipalArns ?? [account.deployer];
            new aws.backup.VaultPolicy(
                `${name}-${role}-policy`,
                {
                    ...regional,
                    backupVaultName: vault.name,
                    policy: policyDocument([
                        {
                            Sid: "DenyRecoveryPointDeletion",
                            Effect: "Deny",
                            Principal: { AWS: "*" },
                            Action: [...DENIED_VAULT_ACTIONS],
                            Resource: "*",
                            // No exemption at all when the list is empty: an empty ArnNotLike list would be ambiguous.
                            ...(allowed.length > 0
                                ? { Condition: { ArnNotLike: { "aws:PrincipalArn": allowed } } }
                                : {}),
                        },
                        {
                            // The deployer keeps the right to update this policy, or the next change to it fails.
                            Sid: "DenyPolicyChangesButDeployer",
                            Effect: "Deny",
                            Principal: { AWS: "*" },
                            Action: [...DEPLOYER_ONLY_VAULT_ACTIONS],
                            Resource: "*",
                            Condition: { ArnNotLike: { "aws:PrincipalArn": [...allowed, ...deployers] } },
                        },
                    ]),
                },
                stateful,
            );
        }

        const lock = vaultArgs.lock;
        if (lock) {
            new aws.backup.VaultLockConfiguration(
                `${name}-${role}-lock`,
                {
                    ...regional,
                    backupVaultName: vault.name,
                    changeableForDays: lock.mode === "compliance" ? lock.changeableForDays : undefined,
                    minRetentionDays: lock.minRetentionDays,
                    maxRetentionDays: lock.maxRetentionDays,
                },
                stateful,
            );
        }
        return { vault, keyArn };
    }

    /**
     * One role for every selection and the restore tests that bring none: they all need the same AWS
     * managed policies, so one role per selection would only duplicate them. Undefined when unused.
     */
    private sharedRole(name: string, args: BackupPlanArgs, account: Account): aws.iam.Role | undefined {
        const users = Object.values(args.selections).filter((s) => s.roleArn === undefined);
        const testing =
            args.restoreTesting && args.restoreTesting.roleArn === undefined ? args.restoreTesting : undefined;
        if (users.length === 0 && !testing) return undefined;
        const child = { parent: this };
        const role = new aws.iam.Role(
            `${name}-backup`,
            {
                name: namerFor(name)("backup", nameLimits.iamRole),
                // AWS documents no confused-deputy condition for the roles AWS Backup assumes, so none is set.
                assumeRolePolicy: policyDocument([
                    { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
                ]),
                tags: args.tags,
            },
            child,
        );
        const s3 = users.some(selectsS3) || (testing?.resourceTypes.includes("S3") ?? false);
        const policies: readonly string[] = [...BACKUP_ROLE_POLICIES, ...(s3 ? S3_BACKUP_ROLE_POLICIES : [])];
        for (const policy of policies) {
            new aws.iam.RolePolicyAttachment(
                `${name}-backup-${policy.replace(/^.*\//, "")}`,
                {
                    role: role.name,
                    policyArn: pulumi.interpolate`arn:${account.partition}:iam::aws:policy/${policy}`,
                },
                child,
            );
        }
        return role;
    }

    /**
     * Vault events to SNS, for one vault: the topic is in the vault's region, as AWS Backup requires. A
     * topic made here gets its own key rather than the vault's, so the vault key's policy stays limited
     * to backup data and the topic works when the vault key is passed in. The primary vault's children
     * are `<name>-notifications` (suffix ""), a copy vault's `<name>-notifications-<region>`.
     */
    private vaultNotifications(
        name: string,
        args: BackupPlanArgs,
        account: Account,
        where: {
            region: string | undefined;
            actualRegion: string;
            suffix: string;
            topicArn: pulumi.Input<string> | undefined;
        },
        vault: aws.backup.Vault,
    ): pulumi.Output<string> {
        const settings = args.notifications ?? {};
        const logicalName = `${name}-notifications${where.suffix}`;
        const child = { parent: this };
        const regional = { region: where.region };
        let topicArn: pulumi.Output<string>;
        if (where.topicArn !== undefined) {
            topicArn = pulumi.output(where.topicArn);
        } else {
            const topicName = namerFor(name)(`notifications${where.suffix}`, nameLimits.snsTopic);
            const topic = encryptedTopic(
                logicalName,
                {
                    ...regional,
                    keyLogicalName: `${logicalName}-key`,
                    topicName,
                    description: `Encrypts the backup notifications topic ${topicName} (${where.actualRegion})`,
                    publisher: { service: "backup.amazonaws.com", sid: "AwsBackupPublishes" },
                    tags: args.tags,
                    protect: args.protectStatefulResources,
                },
                this,
            );
            new aws.sns.TopicPolicy(
                logicalName,
                {
                    ...regional,
                    arn: topic.arn,
                    policy: policyDocument([
                        {
                            Sid: "AccountManages",
                            Effect: "Allow",
                            Principal: { AWS: pulumi.interpolate`arn:${account.partition}:iam::${account.id}:root` },
                            Action: [
                                "sns:GetTopicAttributes",
                                "sns:SetTopicAttributes",
                                "sns:Subscribe",
                                "sns:ListSubscriptionsByTopic",
                                "sns:Publish",
                            ],
                            Resource: topic.arn,
                        },
                        {
                            Sid: "AwsBackupPublishesForThisAccount",
                            Effect: "Allow",
                            Principal: { Service: "backup.amazonaws.com" },
                            Action: "sns:Publish",
                            Resource: topic.arn,
                            Condition: { StringEquals: { "aws:SourceAccount": account.id } },
                        },
                        {
                            Sid: "TlsOnly",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "sns:Publish",
                            Resource: topic.arn,
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ]),
                },
                child,
            );
            topicArn = topic.arn;
        }
        new aws.backup.VaultNotifications(
            logicalName,
            {
                ...regional,
                backupVaultName: vault.name,
                snsTopicArn: topicArn,
                backupVaultEvents: settings.events ?? defaultNotificationEvents(args.rules),
            },
            child,
        );
        return topicArn;
    }

    /**
     * A restore testing plan over one vault, in the vault's region, with a selection per resource
     * type: the latest recovery points are restored on a schedule, so restores are known to work.
     */
    private restoreTesting(
        name: string,
        region: string | undefined,
        args: BackupPlanArgs,
        testing: BackupRestoreTestingArgs,
        vault: aws.backup.Vault,
        sharedRole: aws.iam.Role | undefined,
    ): void {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region };
        const defaults = backupDefaults.restoreTesting;
        const testingPlan = new aws.backup.RestoreTestingPlan(
            `${name}-restore-testing`,
            {
                ...regional,
                name: underscored(nameOf("restore-testing", 50)),
                scheduleExpression: testing.schedule ?? defaults.schedule,
                scheduleExpressionTimezone: testing.scheduleTimezone,
                startWindowHours: testing.startWindowHours ?? defaults.startWindowHours,
                recoveryPointSelection: {
                    algorithm: testing.algorithm ?? defaults.algorithm,
                    includeVaults: [vault.arn],
                    recoveryPointTypes: testing.recoveryPointTypes ?? [...defaults.recoveryPointTypes],
                    selectionWindowDays: testing.selectionWindowDays ?? defaults.selectionWindowDays,
                },
                tags: args.tags,
            },
            child,
        );
        for (const type of testing.resourceTypes) {
            new aws.backup.RestoreTestingSelection(
                `${name}-restore-testing-${type.toLowerCase()}`,
                {
                    ...regional,
                    name: underscored(nameOf(`restore-${type}`, 50)),
                    restoreTestingPlanName: testingPlan.name,
                    protectedResourceType: type,
                    // Every protected resource of the type whose recovery points are in the vault.
                    protectedResourceArns: ["*"],
                    iamRoleArn: testing.roleArn ?? sharedRole!.arn,
                    validationWindowHours: testing.validationWindowHours,
                    restoreMetadataOverrides: testing.restoreMetadataOverrides?.[type],
                    // Its name must stay unique within the testing plan, and most fields replace it.
                },
                { ...child, deleteBeforeReplace: true },
            );
        }
    }

    /**
     * Audit Manager controls for what this plan promises, each judging only what the plan covers: its own
     * plan and recovery points (by `PLAN_TAG`), the resources it backs up (the audit scope), cross-region
     * copies only when it copies, the vault lock only when it locks, restore time when asked. With
     * `configRecorder: "create"`, after the recorder it needs has started.
     */
    private auditFramework(name: string, args: BackupPlanArgs, planTag: Record<string, string>): void {
        const audit = args.audit!;
        const frequency = audit.minimumFrequency ?? backupDefaults.audit.minimumFrequency;
        const retention = String(audit.requiredRetentionDays ?? backupDefaults.audit.requiredRetentionDays);
        const params = (p: Record<string, string>) => Object.entries(p).map(([key, value]) => ({ name: key, value }));
        const scope = audit.scope ?? auditScopeOf(args.selections);
        // https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ControlScope.html: no scope is every resource.
        const resources =
            scope === undefined || scope === "everything"
                ? undefined
                : scope.tag !== undefined
                  ? { tags: scope.tag }
                  : { complianceResourceTypes: scope.resourceTypes };
        const ownOnly = { tags: planTag };
        const recording =
            audit.configRecorder === "create" ? this.configRecorder(name, args, scope ?? "everything") : undefined;
        new aws.backup.Framework(
            `${name}-audit`,
            {
                region: args.region,
                name: underscored(namerFor(name)("audit", 256)),
                description: "Backups are frequent, retained, encrypted, copied to another region and locked",
                controls: [
                    {
                        name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
                        inputParameters: params({
                            requiredFrequencyUnit: frequency.unit,
                            requiredFrequencyValue: String(frequency.value),
                            requiredRetentionDays: retention,
                        }),
                        scope: ownOnly,
                    },
                    { name: "BACKUP_RECOVERY_POINT_ENCRYPTED", scope: ownOnly },
                    { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope: resources },
                    ...(copyVaultRegions(args.rules).length > 0 ||
                    Object.values(args.rules).some((r) => (r.copyTo ?? []).length > 0)
                        ? [{ name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", scope: resources }]
                        : []),
                    ...(args.vault?.lock
                        ? [{ name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK", scope: resources }]
                        : []),
                    ...(audit.maxRestoreMinutes === undefined
                        ? []
                        : [
                              {
                                  name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
                                  inputParameters: params({ maxRestoreTime: String(audit.maxRestoreMinutes) }),
                                  scope: resources,
                              },
                          ]),
                ],
                tags: args.tags,
            },
            { parent: this, dependsOn: recording ? [recording] : [] },
        );
    }

    /**
     * A customer managed AWS Config recorder in the plan's region, recording what the framework's controls
     * read (`auditRecordedResourceTypes`), delivering to a private, encrypted bucket through a role with
     * AWS's AWS_ConfigRole policy, and started. AWS allows one per account and region, and refuses to start
     * one without a delivery channel (https://docs.aws.amazon.com/config/latest/developerguide/gs-cli-subscribe.html).
     * Returns the recorder's status, which is what the framework waits for.
     */
    private configRecorder(
        name: string,
        args: BackupPlanArgs,
        scope: BackupAuditScope | "everything",
    ): aws.cfg.RecorderStatus {
        const child = { parent: this };
        const regional = { region: args.region };
        const nameOf = namerFor(name);
        const at = `${name}-config`;
        const partition = partitionOf(this);
        const { bucket, ownership, publicAccess } = logBucket(
            at,
            {
                region: args.region,
                tags: args.tags,
                protect: args.protectStatefulResources ?? false,
                objectOwnership: "BucketOwnerEnforced",
                expiration: {
                    ruleId: "expire-config-history",
                    prefix: "AWSLogs/",
                    days: backupDefaults.audit.configDeliveryExpirationDays,
                },
            },
            this,
        );
        new aws.s3.BucketPolicy(
            `${at}-logs`,
            {
                ...regional,
                bucket: bucket.id,
                policy: policyDocument([denyInsecureTransport(bucket.arn)]),
            },
            // S3 refuses policy changes while it is still applying the public access block.
            { ...child, dependsOn: [publicAccess, ownership] },
        );
        const role = new aws.iam.Role(
            at,
            {
                name: nameOf("config", nameLimits.iamRole),
                // Only AWS Config acting for this account (https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html).
                assumeRolePolicy: policyDocument([
                    {
                        Effect: "Allow",
                        Principal: { Service: "config.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": accountIdOf(this) } },
                    },
                ]),
                tags: args.tags,
            },
            child,
        );
        new aws.iam.RolePolicyAttachment(
            at,
            {
                role: role.name,
                policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
            },
            child,
        );
        // Delivery to the bucket, as AWS Config's guide grants it to the role: the bucket's ACL, and its own prefix.
        new aws.iam.RolePolicy(
            `${at}-delivery`,
            {
                role: role.name,
                policy: policyDocument([
                    { Effect: "Allow", Action: "s3:GetBucketAcl", Resource: bucket.arn },
                    {
                        Effect: "Allow",
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${bucket.arn}/AWSLogs/${accountIdOf(this)}/*`,
                    },
                ]),
            },
            child,
        );
        const recorder = new aws.cfg.Recorder(
            at,
            {
                ...regional,
                name: nameOf("config-recorder", 256),
                roleArn: role.arn,
                recordingGroup: {
                    allSupported: false,
                    resourceTypes: auditRecordedResourceTypes(scope),
                    recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
                },
            },
            // AWS allows one recorder per account and region, whatever its name: a replacement must delete first.
            { ...child, deleteBeforeReplace: true },
        );
        const channel = new aws.cfg.DeliveryChannel(
            at,
            {
                ...regional,
                name: nameOf("config-delivery", 256),
                s3BucketName: bucket.bucket,
            },
            // AWS refuses a delivery channel before a recorder exists, and allows one per account and region.
            { ...child, dependsOn: [recorder], deleteBeforeReplace: true },
        );
        return new aws.cfg.RecorderStatus(
            at,
            { ...regional, name: recorder.name, isEnabled: true },
            { ...child, dependsOn: [channel] },
        );
    }
}
