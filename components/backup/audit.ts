import { isDeferred } from "../shared/validation";
import { BackupAuditScope, BackupSelectionArgs } from "./args";

/**
 * The AWS Backup resource types an audit scope may name, with the AWS Config resource type each is
 * recorded as (https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html).
 */
export const AUDIT_SCOPE_RESOURCE_TYPES: Readonly<Record<string, string>> = {
    Aurora: "AWS::RDS::DBCluster",
    DynamoDB: "AWS::DynamoDB::Table",
    EBS: "AWS::EC2::Volume",
    EC2: "AWS::EC2::Instance",
    EFS: "AWS::EFS::FileSystem",
    RDS: "AWS::RDS::DBInstance",
    S3: "AWS::S3::Bucket",
};

/**
 * What a recorder must record for the framework's controls: AWS Backup's own types, and AWS Config's
 * resource compliance, which every control needs to record its status
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/choosing-controls.html). The protected
 * resources' types come on top (`auditRecordedResourceTypes`).
 */
export const AUDIT_RECORDED_RESOURCE_TYPES = [
    "AWS::Backup::BackupPlan",
    "AWS::Backup::BackupSelection",
    "AWS::Backup::BackupVault",
    "AWS::Backup::RecoveryPoint",
    "AWS::Config::ResourceCompliance",
] as const;

/** The AWS Config types a recorder made for a framework of this scope records. */
export function auditRecordedResourceTypes(scope: BackupAuditScope | "everything"): string[] {
    const protectedTypes =
        scope !== "everything" && scope.resourceTypes ? scope.resourceTypes : Object.keys(AUDIT_SCOPE_RESOURCE_TYPES);
    return [...AUDIT_RECORDED_RESOURCE_TYPES, ...protectedTypes.map((t) => AUDIT_SCOPE_RESOURCE_TYPES[t])];
}

/** The AWS Backup resource type of a resource ARN, where its form says it. */
function backupTypeOfArn(arn: string): string | undefined {
    const forms: [RegExp, string][] = [
        [/^arn:[\w-]+:ec2:[^:]*:[^:]*:volume\//, "EBS"],
        [/^arn:[\w-]+:ec2:[^:]*:[^:]*:instance\//, "EC2"],
        [/^arn:[\w-]+:rds:[^:]*:[^:]*:cluster:/, "Aurora"],
        [/^arn:[\w-]+:rds:[^:]*:[^:]*:db:/, "RDS"],
        [/^arn:[\w-]+:dynamodb:[^:]*:[^:]*:table\//, "DynamoDB"],
        [/^arn:[\w-]+:elasticfilesystem:[^:]*:[^:]*:file-system\//, "EFS"],
        [/^arn:[\w-]+:s3:::/, "S3"],
    ];
    return forms.find(([form]) => form.test(arn))?.[1];
}

/** The one tag a selection picks by, when that is all it picks by (besides every resource, `*`). */
function selectionTag(selection: BackupSelectionArgs): Record<string, string> | undefined {
    const tags = Object.entries(selection.selectionTags ?? {});
    const c = selection.conditions ?? {};
    const conditions = [c.stringEquals, c.stringLike, c.stringNotEquals, c.stringNotLike].flatMap((m) =>
        Object.entries(m ?? {}),
    );
    if (tags.length === 1 && conditions.length === 0 && selection.resources === undefined)
        return Object.fromEntries(tags);
    const equals = Object.entries(c.stringEquals ?? {});
    if (tags.length === 0 && conditions.length === 1 && equals.length === 1)
        return { [equals[0][0].replace(/^aws:ResourceTag\//, "")]: equals[0][1] };
    return undefined;
}

/** The resource types a selection's plain ARNs name; undefined for `*`, an unknown form or a deferred ARN. */
function selectionTypes(selection: BackupSelectionArgs): string[] | undefined {
    const resources = selection.resources;
    if (resources === undefined || isDeferred(resources) || resources.length === 0) return undefined;
    const types = resources.map((r) => (typeof r === "string" ? backupTypeOfArn(r) : undefined));
    return types.every((t): t is string => t !== undefined) ? [...new Set(types)] : undefined;
}

/**
 * What the plan backs up, as a control scope: the one tag every selection picks by, else the resource
 * types their ARNs name; `"everything"` when a selection takes every resource (`*`, unconditioned);
 * undefined when the selections share neither, and the scope must be given.
 */
export function auditScopeOf(
    selections: Record<string, BackupSelectionArgs>,
): BackupAuditScope | "everything" | undefined {
    const all = Object.values(selections ?? {});
    if (all.length === 0) return undefined;
    const everything = all.some(
        (s) =>
            !isDeferred(s.resources) &&
            (s.resources ?? []).includes("*") &&
            s.conditions === undefined &&
            s.selectionTags === undefined &&
            s.notResources === undefined,
    );
    if (everything) return "everything";
    const tags = all.map(selectionTag);
    const [first] = tags;
    if (first && tags.every((t) => t && JSON.stringify(t) === JSON.stringify(first))) return { tag: first };
    const types = all.map(selectionTypes);
    if (types.every((t) => t !== undefined)) return { resourceTypes: [...new Set(types.flat())].sort() };
    return undefined;
}
