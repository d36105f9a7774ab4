/**
 * Which resource types a stack's backup selections protect, by AWS Backup's names. The restore part
 * of the RTO is the slowest of them, and the in-region RPO depends on which support continuous backup.
 */
import { RESTORE_TESTING_RESOURCE_TYPES } from "../components/internal";

/** The types AWS Backup protects that this library knows (those a restore test can restore). */
export const BACKUP_RESOURCE_TYPES: readonly string[] = RESTORE_TESTING_RESOURCE_TYPES;

/**
 * AWS Backup's continuous backup (point-in-time recovery) covers Aurora, RDS and S3 (and SAP HANA on
 * EC2, which this library does not model); a rule with `continuousBackup` takes snapshots of the
 * other types on its schedule (AWS Backup Developer Guide, "Continuous backups and point-in-time
 * recovery (PITR)").
 */
export const CONTINUOUS_BACKUP_RESOURCE_TYPES: readonly string[] = ["Aurora", "RDS", "S3"];

/** Resource ARN forms, wildcards allowed after the resource kind. An RDS cluster ARN may be any of three engines. */
const ARN_TYPES: readonly [RegExp, readonly string[]][] = [
    [/^arn:[^:]+:ec2:[^:]*:[^:]*:volume\//, ["EBS"]],
    [/^arn:[^:]+:ec2:[^:]*:[^:]*:instance\//, ["EC2"]],
    [/^arn:[^:]+:rds:[^:]*:[^:]*:db:/, ["RDS"]],
    [/^arn:[^:]+:rds:[^:]*:[^:]*:cluster:/, ["Aurora", "DocumentDB", "Neptune"]],
    [/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\//, ["DynamoDB"]],
    [/^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:file-system\//, ["EFS"]],
    [/^arn:[^:]+:fsx:/, ["FSx"]],
    [/^arn:[^:]+:s3:::/, ["S3"]],
];

export interface SelectionForTypes {
    readonly resources?: readonly unknown[];
    readonly selectionTags?: Readonly<Record<string, string>>;
    readonly conditions?: unknown;
    readonly includeS3?: boolean;
}

/**
 * The types the selections may pick, and how that was found. A selection picks by tag (or by
 * conditions alone, or by an ARN this cannot read) can pick a resource of any type, so then every
 * type counts: the worst case. Otherwise the types come from the resource ARNs, `includeS3`, and the
 * restore tests' resource types (a type is tested only if it has recovery points).
 */
export function backedUpResourceTypes(selections: Readonly<Record<string, SelectionForTypes>>, restoreTestTypes: readonly string[] = []): { types: string[]; basis: string } {
    const named = new Set<string>(restoreTestTypes);
    for (const [name, selection] of Object.entries(selections)) {
        const resources = selection.resources ?? [];
        if (Object.keys(selection.selectionTags ?? {}).length > 0 || resources.length === 0) {
            return { types: [...BACKUP_RESOURCE_TYPES], basis: `selection "${name}" picks by tag, so any type` };
        }
        for (const arn of resources) {
            const types = typeof arn === "string" ? ARN_TYPES.find(([form]) => form.test(arn))?.[1] : undefined;
            if (!types) return { types: [...BACKUP_RESOURCE_TYPES], basis: `selection "${name}" names ${JSON.stringify(arn)}, which may be any type` };
            for (const t of types) named.add(t);
        }
        if (selection.includeS3) named.add("S3");
    }
    if (named.size === 0) return { types: [...BACKUP_RESOURCE_TYPES], basis: "no selection names a type, so any type" };
    return { types: BACKUP_RESOURCE_TYPES.filter((t) => named.has(t)), basis: "the types the selections and restore tests name" };
}
