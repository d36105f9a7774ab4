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

/**
 * Where the copy facts come from: AWS Backup copies "most resource types" across regions, but "not
 * yet ... Amazon FSx for NetApp ONTAP volumes", and "copying a Multi-AZ DB cluster snapshot is not
 * supported" (https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html;
 * the per-type table: https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html#features-by-resource).
 * Every type of BACKUP_RESOURCE_TYPES can be copied; DynamoDB only with AWS Backup's advanced
 * DynamoDB features turned on in the account, which the report names as an assumption.
 */
export const CROSS_REGION_COPY_SOURCE =
    "https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html";

/**
 * The types whose recovery points move to cold storage under a lifecycle: EFS and DynamoDB (with
 * advanced features); EBS snapshots move to the archive tier only with
 * `optInToArchiveForSupportedResources`. AWS Backup ignores `coldStorageAfterDays` for the others
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html, and the table above).
 */
export const COLD_STORAGE_RESOURCE_TYPES: readonly string[] = ["DynamoDB", "EFS"];
export const ARCHIVE_TIER_RESOURCE_TYPES: readonly string[] = ["EBS"];

/** What the types cannot be known to exclude, when a selection's ARN names one of several kinds. */
const NOT_COPYABLE = {
    rdsCluster:
        "an RDS cluster ARN names an Aurora, DocumentDB or Neptune cluster, or an RDS Multi-AZ DB cluster, whose snapshots AWS Backup cannot copy",
    fsxVolume:
        "an FSx volume ARN names an FSx for OpenZFS volume or an FSx for NetApp ONTAP volume, which AWS Backup cannot copy",
    anyType:
        "it may pick a resource of any type, including those AWS Backup cannot copy to another region (an RDS Multi-AZ DB cluster, an FSx for NetApp ONTAP volume)",
} as const;

/** Resource ARN forms, wildcards allowed after the resource kind, with what they leave unknown. */
const ARN_TYPES: readonly [RegExp, readonly string[], string?][] = [
    [/^arn:[^:]+:ec2:[^:]*:[^:]*:volume\//, ["EBS"]],
    [/^arn:[^:]+:ec2:[^:]*:[^:]*:instance\//, ["EC2"]],
    [/^arn:[^:]+:rds:[^:]*:[^:]*:db:/, ["RDS"]],
    [/^arn:[^:]+:rds:[^:]*:[^:]*:cluster:/, ["Aurora", "DocumentDB", "Neptune", "RDS"], NOT_COPYABLE.rdsCluster],
    [/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\//, ["DynamoDB"]],
    [/^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:file-system\//, ["EFS"]],
    [/^arn:[^:]+:fsx:[^:]*:[^:]*:file-system\//, ["FSx"]],
    [/^arn:[^:]+:fsx:[^:]*:[^:]*:volume\//, ["FSx"], NOT_COPYABLE.fsxVolume],
    [/^arn:[^:]+:s3:::/, ["S3"]],
];

export interface SelectionForTypes {
    readonly resources?: readonly unknown[];
    readonly selectionTags?: Readonly<Record<string, string>>;
    readonly conditions?: unknown;
    readonly includeS3?: boolean;
}

/** The types a stack's selections may pick. */
export interface SelectedTypes {
    readonly types: string[];
    readonly basis: string;
    /**
     * Why a selection may pick a resource AWS Backup cannot copy to another region, when it may:
     * the selection, and what its ARN or tags leave unknown. The regional RPO then cannot be judged.
     */
    readonly uncopyable?: string;
}

/**
 * The types the selections may pick, and how that was found. A selection that picks by tag (or by
 * conditions alone, or by an ARN this cannot read) can pick a resource of any type, so then every
 * type counts: the worst case. Otherwise the types come from the resource ARNs, `includeS3`, and the
 * restore tests' resource types (a type is tested only if it has recovery points).
 */
export function backedUpResourceTypes(
    selections: Readonly<Record<string, SelectionForTypes>>,
    restoreTestTypes: readonly string[] = [],
): SelectedTypes {
    const named = new Set<string>(restoreTestTypes);
    const unknown: string[] = [];
    for (const [name, selection] of Object.entries(selections)) {
        const resources = selection.resources ?? [];
        if (Object.keys(selection.selectionTags ?? {}).length > 0 || resources.length === 0) {
            return {
                types: [...BACKUP_RESOURCE_TYPES],
                basis: `selection "${name}" picks by tag, so any type`,
                uncopyable: `selection "${name}" picks by tag: ${NOT_COPYABLE.anyType}`,
            };
        }
        for (const arn of resources) {
            const form = typeof arn === "string" ? ARN_TYPES.find(([pattern]) => pattern.test(arn)) : undefined;
            if (!form) {
                const basis = `selection "${name}" names ${JSON.stringify(arn)}, which may be any type`;
                return { types: [...BACKUP_RESOURCE_TYPES], basis, uncopyable: `${basis}: ${NOT_COPYABLE.anyType}` };
            }
            for (const t of form[1]) named.add(t);
            if (form[2]) unknown.push(`selection "${name}" names ${JSON.stringify(arn)}: ${form[2]}`);
        }
        if (selection.includeS3) named.add("S3");
    }
    if (named.size === 0)
        return {
            types: [...BACKUP_RESOURCE_TYPES],
            basis: "no selection names a type, so any type",
            uncopyable: `no selection names a type: ${NOT_COPYABLE.anyType}`,
        };
    const types = BACKUP_RESOURCE_TYPES.filter((t) => named.has(t));
    const basis = "the types the selections and restore tests name";
    return unknown.length > 0 ? { types, basis, uncopyable: unknown.join("; ") } : { types, basis };
}
