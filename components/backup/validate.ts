import { InputProblem } from "../shared/errors";
import { isSupportedRegion, supportedRegions } from "../shared/regions";
import { isDeferred, Problems } from "../shared/validation";
import {
    BACKUP_VAULT_EVENTS,
    BackupLifecycle,
    DEPRECATED_BACKUP_VAULT_EVENTS,
    BackupPlanArgs,
    BackupRestoreTestingArgs,
    BackupRuleArgs,
    BackupSelectionArgs,
    BackupVaultArgs,
    BackupVaultLock,
    backupDefaults,
    copyVaultRegions,
    RESTORE_TESTING_RESOURCE_TYPES,
} from "./args";
import { AUDIT_SCOPE_RESOURCE_TYPES, auditScopeOf } from "./audit";
import { copyDestinationRegion } from "./rpo";
import { AWS_CRON_FORM, isTimeZone, validateBackupSchedule } from "./schedule";

/**
 * AWS Backup limits: names and windows from the API reference
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html), 90 days in cold storage from
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html.
 */
export const backupLimits = {
    vaultName: /^[a-zA-Z0-9\-_]{2,50}$/,
    ruleName: /^[a-zA-Z0-9\-_.]{1,50}$/,
    maxRetentionDays: 36500,
    /** Recovery points stay in cold storage at least 90 days. */
    minColdStorageDays: 90,
    maxContinuousBackupDays: 35,
    minStartWindowMinutes: 60,
    /** The completion window must exceed the start window by at least this much. */
    minCompletionOverStartMinutes: 60,
    minChangeableForDays: 3,
    /** Largest `requiredFrequencyValue` of AWS Config's BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK, by unit. */
    maxAuditFrequency: { hours: 24, days: 31 },
} as const;

const KMS_KEY_ARN = /^arn:[\w-]+:kms:([a-z0-9-]+):\d{12}:(?:key|alias)\/.+$/;
const VAULT_ARN = /^arn:[\w-]+:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9\-_]{2,50}$/;
const PRINCIPAL_ARN = /^arn:[\w-]+:(?:iam|sts)::[\d*]+:\S+$/;
const SNS_TOPIC_ARN = /^arn:[\w-]+:sns:([a-z0-9-]+):\d{12}:[\w-]+$/;

const isInteger = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const supported = `a supported region (${supportedRegions.join(", ")})`;

/** Recovery points' retention under a lifecycle: `deleteAfterDays`, default 35. */
export function retentionDays(lifecycle: BackupLifecycle | undefined): number {
    return lifecycle?.deleteAfterDays ?? backupDefaults.deleteAfterDays;
}

/** Every problem with one lifecycle, with paths relative to it. Pure. */
export function validateLifecycle(lifecycle: BackupLifecycle | undefined): InputProblem[] {
    const p = new Problems();
    if (lifecycle === undefined) return [];
    const cold = lifecycle.coldStorageAfterDays;
    const keep = retentionDays(lifecycle);
    p.integerIn("coldStorageAfterDays", cold, 1, backupLimits.maxRetentionDays);
    p.integerIn("deleteAfterDays", lifecycle.deleteAfterDays, 1, backupLimits.maxRetentionDays);
    if (isInteger(cold) && isInteger(keep) && keep < cold + backupLimits.minColdStorageDays) {
        p.add(
            "deleteAfterDays",
            keep,
            `at least coldStorageAfterDays + 90 (${cold + backupLimits.minColdStorageDays}), since cold storage lasts at least 90 days`,
        );
    }
    if (lifecycle.optInToArchiveForSupportedResources === true) {
        p.require(
            cold !== undefined,
            "coldStorageAfterDays",
            cold,
            "set when optInToArchiveForSupportedResources is true",
        );
    }
    return [...p.list];
}

/** Retention against the vault lock, which would make AWS fail every backup or copy job outside it. */
function checkAgainstLock(p: Problems, path: string, days: number, lock: BackupVaultLock | undefined): void {
    if (!lock || !isInteger(days)) return;
    const { minRetentionDays: min, maxRetentionDays: max } = lock;
    if (isInteger(min)) p.require(days >= min, path, days, `at least ${min}, the vault lock's minRetentionDays`);
    if (isInteger(max)) p.require(days <= max, path, days, `at most ${max}, the vault lock's maxRetentionDays`);
}

function validateVault(p: Problems, vault: BackupVaultArgs, region: string | undefined): void {
    p.matches("vault.name", vault.name, backupLimits.vaultName, "2..50 letters, digits, hyphens and underscores");
    if (vault.kmsKeyArn !== undefined && !isDeferred(vault.kmsKeyArn)) {
        const keyRegion = KMS_KEY_ARN.exec(String(vault.kmsKeyArn))?.[1];
        if (keyRegion === undefined)
            p.add("vault.kmsKeyArn", vault.kmsKeyArn, "a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<id>");
        else if (region !== undefined)
            p.require(
                keyRegion === region,
                "vault.kmsKeyArn",
                vault.kmsKeyArn,
                `a KMS key in ${region}, the vault's region`,
            );
    }
    for (const field of ["allowedPrincipalArns", "deployerPrincipalArns", "keyBreakGlassPrincipalArns"] as const) {
        (vault[field] ?? []).forEach((arn, i) =>
            p.matches(`vault.${field}.${i}`, arn, PRINCIPAL_ARN, "an IAM principal ARN, wildcards allowed"),
        );
    }

    const lock = vault.lock;
    if (lock === undefined) return;
    p.oneOf("vault.lock.mode", lock.mode, ["governance", "compliance"]);
    if (lock.mode === "compliance") {
        if (lock.changeableForDays === undefined)
            p.add("vault.lock.changeableForDays", undefined, "an integer 3..36500 in compliance mode");
        p.integerIn(
            "vault.lock.changeableForDays",
            lock.changeableForDays,
            backupLimits.minChangeableForDays,
            backupLimits.maxRetentionDays,
        );
    } else if (lock.mode === "governance") {
        p.require(
            lock.changeableForDays === undefined,
            "vault.lock.changeableForDays",
            lock.changeableForDays,
            "absent in governance mode (setting it makes the lock compliance mode)",
        );
    }
    p.integerIn("vault.lock.minRetentionDays", lock.minRetentionDays, 1, backupLimits.maxRetentionDays);
    p.integerIn("vault.lock.maxRetentionDays", lock.maxRetentionDays, 1, backupLimits.maxRetentionDays);
    if (
        isInteger(lock.minRetentionDays) &&
        isInteger(lock.maxRetentionDays) &&
        lock.minRetentionDays > lock.maxRetentionDays
    ) {
        p.add(
            "vault.lock.minRetentionDays",
            lock.minRetentionDays,
            `at most maxRetentionDays (${lock.maxRetentionDays})`,
        );
    }
}

function validateSchedule(p: Problems, path: string, schedule: unknown, timezone: unknown): void {
    const problem = typeof schedule === "string" ? validateBackupSchedule(schedule) : AWS_CRON_FORM;
    if (problem) p.add(`${path}.schedule`, schedule, problem);
    if (timezone !== undefined)
        p.require(
            typeof timezone === "string" && isTimeZone(timezone),
            `${path}.scheduleTimezone`,
            timezone,
            "an IANA time zone, e.g. Europe/Paris",
        );
}

function validateRule(
    p: Problems,
    path: string,
    rule: BackupRuleArgs,
    region: string | undefined,
    lock: BackupVaultLock | undefined,
): void {
    validateSchedule(p, path, rule.schedule, rule.scheduleTimezone);

    const start = rule.startWindowMinutes;
    const minStart = backupLimits.minStartWindowMinutes;
    if (start !== undefined)
        p.require(
            isInteger(start) && start >= minStart,
            `${path}.startWindowMinutes`,
            start,
            `a whole number of minutes, at least ${minStart}`,
        );
    const startOrDefault = isInteger(start) ? start : backupDefaults.startWindowMinutes;
    const completion = rule.completionWindowMinutes ?? backupDefaults.completionWindowMinutes;
    const minCompletion = startOrDefault + backupLimits.minCompletionOverStartMinutes;
    p.require(
        isInteger(completion) && completion >= minCompletion,
        `${path}.completionWindowMinutes`,
        completion,
        `a whole number of minutes at least 60 more than the start window (${minCompletion} or more)`,
    );

    p.merge(`${path}.lifecycle`, validateLifecycle(rule.lifecycle));
    const keep = retentionDays(rule.lifecycle);
    if (rule.continuousBackup === true && isInteger(keep)) {
        p.require(
            keep <= backupLimits.maxContinuousBackupDays,
            `${path}.lifecycle.deleteAfterDays`,
            keep,
            "at most 35 days with continuousBackup, AWS's limit for point-in-time recovery",
        );
    }
    checkAgainstLock(p, `${path}.lifecycle.deleteAfterDays`, keep, lock);

    (rule.copyTo ?? []).forEach((destination, i) => {
        const at = `${path}.copyTo.${i}`;
        const fields: Record<string, unknown> = isRecord(destination) ? destination : {};
        const hasRegion = fields.region !== undefined;
        const hasArn = fields.vaultArn !== undefined;
        if (hasRegion === hasArn) {
            p.add(at, destination, "either { region } for a vault made here or { vaultArn } for an existing one");
            return;
        }
        // A copy in the vault's own region is lost with it. A vault ARN's region is known once it is a plain string.
        const sameRegion = region !== undefined && copyDestinationRegion(destination) === region;
        const otherRegion = `a region other than the vault's (${region}), or the copy survives nothing`;
        if (destination.region !== undefined) {
            if (!isSupportedRegion(destination.region)) p.add(`${at}.region`, destination.region, supported);
            else if (sameRegion) p.add(`${at}.region`, destination.region, otherRegion);
        } else if (!isDeferred(destination.vaultArn) && !VAULT_ARN.test(String(destination.vaultArn))) {
            p.add(
                `${at}.vaultArn`,
                destination.vaultArn,
                "a backup vault ARN, arn:<partition>:backup:<region>:<account>:backup-vault:<name>",
            );
        } else if (sameRegion) {
            p.add(`${at}.vaultArn`, destination.vaultArn, `a vault in ${otherRegion}`);
        }
        if (destination.lifecycle !== undefined) {
            p.merge(`${at}.lifecycle`, validateLifecycle(destination.lifecycle));
            // Copy vaults made here carry the source vault's lock; an external vault's lock is unknown.
            if (destination.region !== undefined)
                checkAgainstLock(p, `${at}.lifecycle.deleteAfterDays`, retentionDays(destination.lifecycle), lock);
        }
    });
}

/** True when a selection picks at least one resource by ARN, tag or condition. */
function selectsSomething(selection: BackupSelectionArgs): boolean {
    const resources = selection.resources;
    const conditionCount = Object.values(selection.conditions ?? {}).reduce(
        (n, c) => n + Object.keys(c ?? {}).length,
        0,
    );
    return (
        (resources !== undefined && (isDeferred(resources) || resources.length > 0)) ||
        Object.keys(selection.selectionTags ?? {}).length > 0 ||
        conditionCount > 0
    );
}

function validateRestoreTesting(p: Problems, testing: BackupRestoreTestingArgs, rules: BackupPlanArgs["rules"]): void {
    const at = "restoreTesting";
    if (testing.schedule !== undefined || testing.scheduleTimezone !== undefined) {
        validateSchedule(p, at, testing.schedule ?? backupDefaults.restoreTesting.schedule, testing.scheduleTimezone);
    }
    p.integerIn(`${at}.startWindowHours`, testing.startWindowHours, 1, 168);
    p.integerIn(`${at}.selectionWindowDays`, testing.selectionWindowDays, 1, 365);
    p.integerIn(`${at}.validationWindowHours`, testing.validationWindowHours, 1, 168);
    p.oneOf(`${at}.algorithm`, testing.algorithm, ["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"]);
    if (testing.recoveryPointTypes !== undefined) {
        p.require(
            Array.isArray(testing.recoveryPointTypes) && testing.recoveryPointTypes.length > 0,
            `${at}.recoveryPointTypes`,
            testing.recoveryPointTypes,
            "a list of at least one of SNAPSHOT, CONTINUOUS",
        );
        (testing.recoveryPointTypes ?? []).forEach((t, i) =>
            p.oneOf(`${at}.recoveryPointTypes.${i}`, t, ["SNAPSHOT", "CONTINUOUS"]),
        );
    }
    const types = testing.resourceTypes;
    if (!Array.isArray(types) || types.length === 0) {
        p.add(`${at}.resourceTypes`, types, `a list of at least one of ${RESTORE_TESTING_RESOURCE_TYPES.join(", ")}`);
    } else {
        types.forEach((t, i) => p.oneOf(`${at}.resourceTypes.${i}`, t, RESTORE_TESTING_RESOURCE_TYPES));
    }
    for (const type of Object.keys(testing.restoreMetadataOverrides ?? {})) {
        p.require(
            Array.isArray(types) && types.includes(type),
            `${at}.restoreMetadataOverrides.${type}`,
            type,
            "one of restoreTesting.resourceTypes",
        );
    }
    if (testing.inCopyRegions) {
        p.require(
            copyVaultRegions(rules).length > 0,
            `${at}.inCopyRegions`,
            testing.inCopyRegions,
            "true only when a rule copies to a { region } vault this component makes (a vault given by ARN is tested where it lives)",
        );
    }
}

/** The recorder choice, and a scope the controls can judge by: given, or read off the selections. */
function validateAuditScope(p: Problems, args: BackupPlanArgs): void {
    const audit = args.audit!;
    p.require(
        audit.configRecorder === "create" || audit.configRecorder === "existing",
        "audit.configRecorder",
        audit.configRecorder,
        "create (a recorder made here; AWS allows one per account and region) or existing (the account already records in this region): AWS leaves the framework inactive without one",
    );
    const scope = audit.scope;
    if (scope === undefined) {
        if (isRecord(args.selections) && auditScopeOf(args.selections) === undefined)
            p.add(
                "audit.scope",
                scope,
                "a tag or resource types the controls judge, since the selections share no single tag and name no resource types: without a scope the controls would report every resource the plan leaves out",
            );
        return;
    }
    const tag = Object.entries(scope.tag ?? {});
    p.require(
        (scope.tag === undefined) !== (scope.resourceTypes === undefined),
        "audit.scope",
        scope,
        "exactly one of tag and resourceTypes",
    );
    if (scope.tag !== undefined)
        p.require(tag.length === 1, "audit.scope.tag", scope.tag, "one tag key and its value (AWS takes at most one)");
    if (scope.resourceTypes !== undefined) {
        const known = Object.keys(AUDIT_SCOPE_RESOURCE_TYPES);
        p.require(
            Array.isArray(scope.resourceTypes) && scope.resourceTypes.length > 0,
            "audit.scope.resourceTypes",
            scope.resourceTypes,
            `a list of at least one of ${known.join(", ")}`,
        );
        (Array.isArray(scope.resourceTypes) ? scope.resourceTypes : []).forEach((t, i) =>
            p.oneOf(`audit.scope.resourceTypes.${i}`, t, known),
        );
    }
}

/**
 * Every problem with a backup plan's plain inputs. `stackRegion` is where resources go when `region`
 * is not set. Pure: used by the component before it creates anything, and directly by tests.
 */
export function validateBackupPlanArgs(args: BackupPlanArgs, stackRegion: string | undefined): InputProblem[] {
    const p = new Problems();
    const region = args.region ?? stackRegion;
    if (args.region !== undefined) p.require(isSupportedRegion(args.region), "region", args.region, supported);
    validateVault(p, args.vault ?? {}, region);
    const lock = args.vault?.lock;
    if (lock?.mode === "compliance" && !args.protectStatefulResources) {
        // A stack that may be torn down empties its vaults on destroy, which a compliance lock forbids.
        p.add(
            "vault.lock.mode",
            lock.mode,
            "governance, or protectStatefulResources true: a compliance lock keeps recovery points until they expire, so the vault could never be destroyed",
        );
    }

    if (!isRecord(args.rules) || Object.keys(args.rules).length === 0) {
        p.add("rules", args.rules, "a map of at least one rule, by rule name");
    } else {
        for (const [name, rule] of Object.entries(args.rules)) {
            if (!backupLimits.ruleName.test(name))
                p.add(`rules.${name}`, name, "a rule named with 1..50 letters, digits, hyphens, underscores and dots");
            validateRule(p, `rules.${name}`, rule, region, lock);
        }
    }

    if (!isRecord(args.selections) || Object.keys(args.selections).length === 0) {
        p.add("selections", args.selections, "a map of at least one selection, by name");
    } else {
        for (const [name, selection] of Object.entries(args.selections)) {
            p.require(
                selectsSomething(selection),
                `selections.${name}`,
                selection,
                "a selection of some resources, selectionTags or conditions",
            );
        }
    }

    if (args.notifications) {
        const { enabled } = args.notifications;
        p.require(
            enabled === undefined || typeof enabled === "boolean",
            "notifications.enabled",
            enabled,
            "true or false",
        );
        const { events, topicArn, copyTopicArns } = args.notifications;
        p.matches("notifications.topicArn", topicArn, SNS_TOPIC_ARN, "an SNS topic ARN");
        const topicRegion = typeof topicArn === "string" ? SNS_TOPIC_ARN.exec(topicArn)?.[1] : undefined;
        if (topicRegion !== undefined && region !== undefined)
            p.require(
                topicRegion === region,
                "notifications.topicArn",
                topicArn,
                `an SNS topic in ${region}, the vault's region`,
            );
        const copyRegions = isRecord(args.rules) ? copyVaultRegions(args.rules) : [];
        for (const [copyRegion, arn] of Object.entries(copyTopicArns ?? {})) {
            const at = `notifications.copyTopicArns.${copyRegion}`;
            if (!copyRegions.includes(copyRegion)) {
                p.add(at, arn, `a topic for a copy vault this component makes (${copyRegions.join(", ") || "none"})`);
            } else if (!isDeferred(arn)) {
                const copyTopicRegion = SNS_TOPIC_ARN.exec(String(arn))?.[1];
                p.require(
                    copyTopicRegion === copyRegion,
                    at,
                    arn,
                    `an SNS topic ARN in ${copyRegion}, the copy vault's region`,
                );
            }
        }
        if (events !== undefined) {
            p.require(
                Array.isArray(events) && events.length > 0,
                "notifications.events",
                events,
                "a list of at least one vault event",
            );
            (events ?? []).forEach((e, i) => {
                // The API accepts deprecated events and then sends nothing: say why, or the user would retry it.
                if ((DEPRECATED_BACKUP_VAULT_EVENTS as readonly unknown[]).includes(e)) {
                    const why =
                        "AWS deprecated this event and never sends it (failed backup and restore jobs arrive as BACKUP_JOB_COMPLETED and RESTORE_JOB_COMPLETED)";
                    p.add(`notifications.events.${i}`, e, `one of ${BACKUP_VAULT_EVENTS.join(", ")}; ${why}`);
                } else {
                    p.oneOf(`notifications.events.${i}`, e, BACKUP_VAULT_EVENTS);
                }
            });
        }
    }
    if (args.restoreTesting) validateRestoreTesting(p, args.restoreTesting, args.rules);
    if (args.audit) {
        validateAuditScope(p, args);
        const frequency = args.audit.minimumFrequency;
        if (frequency) {
            p.oneOf("audit.minimumFrequency.unit", frequency.unit, ["hours", "days"]);
            p.integerIn(
                "audit.minimumFrequency.value",
                frequency.value,
                1,
                backupLimits.maxAuditFrequency[frequency.unit === "hours" ? "hours" : "days"],
            );
        }
        p.integerIn("audit.requiredRetentionDays", args.audit.requiredRetentionDays, 1, backupLimits.maxRetentionDays);
        const maxRestore = args.audit.maxRestoreMinutes;
        if (maxRestore !== undefined)
            p.require(
                Number.isInteger(maxRestore) && maxRestore >= 1,
                "audit.maxRestoreMinutes",
                maxRestore,
                "a whole number of minutes, at least 1",
            );
    }
    return [...p.list];
}
