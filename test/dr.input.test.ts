import { describe, expect, it } from "vitest";
import { BACKUP_RESOURCE_TYPES, backedUpResourceTypes, drReport } from "../dr";
import { InvalidInputError } from "../components/internal";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { stackConfig } from "../tools/engine";

/** The dev stack (backup-restore, one region) with its `dr` and `backup` sections changed. */
function devWith(change: {
    assumptions?: Record<string, unknown>;
    selections?: Record<string, unknown>;
    restoreTesting?: Record<string, unknown>;
}) {
    const raw = readRawConfig(stackConfig("dev").values) as {
        dr: Record<string, unknown>;
        backup: Record<string, unknown>;
    };
    const dr = { ...raw.dr, assumptions: change.assumptions };
    const backup = {
        ...raw.backup,
        ...(change.selections ? { selections: change.selections } : {}),
        ...(change.restoreTesting ? { restoreTesting: change.restoreTesting } : {}),
    };
    return { ...raw, dr, backup };
}

const restorePart = (raw: Record<string, unknown>) =>
    drReport(drModelInput(contextFor(parseStackConfig("dev", raw), "dev"))).parts.find((p) =>
        p.name.startsWith("restore"),
    )!;

const named = {
    orders: {
        resources: ["arn:aws:rds:us-east-1:123456789012:db:orders", "arn:aws:ec2:us-east-1:123456789012:volume/*"],
    },
};

describe("restore time per resource type", () => {
    it("keeps one duration for every type, as stacks wrote it before", () => {
        const part = restorePart(devWith({ assumptions: { restoreTime: "2h" } }));
        expect(part).toMatchObject({ seconds: 7200, path: "pulumi-aws-dr:dr.assumptions.restoreTime" });
        expect(part.slowestOf!.every((c) => c.seconds === 7200 && c.source === "declared")).toBe(true);
    });

    it("defaults every type to 4h when nothing is declared", () => {
        const part = restorePart(devWith({}));
        expect(part).toMatchObject({ seconds: 4 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime" });
        expect(part.slowestOf!.map((c) => c.name)).toEqual(BACKUP_RESOURCE_TYPES);
    });

    it("takes the slowest of the types the selections back up, and ignores the others", () => {
        const part = restorePart(
            devWith({ selections: named, assumptions: { restoreTime: { RDS: "3h", EBS: "1h", DynamoDB: "9h" } } }),
        );
        expect(part).toMatchObject({ seconds: 3 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.RDS" });
        expect(part.slowestOf).toEqual([
            { name: "EBS", seconds: 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.EBS", source: "declared" },
            {
                name: "RDS",
                seconds: 3 * 3600,
                path: "pulumi-aws-dr:dr.assumptions.restoreTime.RDS",
                source: "declared",
            },
        ]);
    });

    it("counts every type, at its default when not declared, when a selection picks by tag", () => {
        const part = restorePart(devWith({ assumptions: { restoreTime: { EBS: "1h" } } }));
        expect(part).toMatchObject({ seconds: 4 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.Aurora" });
        expect(part.source).toContain('selection "tagged" picks by tag, so any type');
        expect(part.slowestOf!.find((c) => c.name === "EBS")).toMatchObject({ seconds: 3600, source: "declared" });
        expect(part.slowestOf!.find((c) => c.name === "RDS")).toMatchObject({
            seconds: 4 * 3600,
            source: "default 4h: AWS publishes no bound",
        });
    });

    it("adds the types the restore tests restore", () => {
        const part = restorePart(
            devWith({
                selections: named,
                restoreTesting: { resourceTypes: ["DynamoDB"] },
                assumptions: { restoreTime: { DynamoDB: "5h" } },
            }),
        );
        expect(part.slowestOf!.map((c) => c.name)).toEqual(["DynamoDB", "EBS", "RDS"]);
        expect(part).toMatchObject({ seconds: 5 * 3600, path: "pulumi-aws-dr:dr.assumptions.restoreTime.DynamoDB" });
    });

    it("refuses an unknown resource type or a bad duration, by config path", () => {
        const problems = (restoreTime: unknown) => {
            try {
                parseStackConfig("dev", devWith({ assumptions: { restoreTime } }));
            } catch (e) {
                expect(e).toBeInstanceOf(InvalidInputError);
                return (e as Error).message;
            }
            return "";
        };
        expect(problems({ Ebs: "1h" })).toContain(
            `pulumi-aws-dr:dr.assumptions.restoreTime must be a duration such as 4h, or a map from resource type (${BACKUP_RESOURCE_TYPES.join(", ")}) to a duration, got {"Ebs":"1h"}`,
        );
        expect(problems({ EBS: "1 hour" })).toContain(
            'pulumi-aws-dr:dr.assumptions.restoreTime.EBS must be a duration such as 90s, 15m, 1h, 1d or 1d12h, got "1 hour"',
        );
    });

    it("reads a declared cold-storage restore time, and refuses a bad one by path, beside other problems", () => {
        const input = drModelInput(
            contextFor(parseStackConfig("dev", devWith({ assumptions: { coldStorageRestore: "12h" } })), "dev"),
        );
        expect(input.coldStorageRestoreSeconds).toEqual({
            value: 12 * 3600,
            path: "pulumi-aws-dr:dr.assumptions.coldStorageRestore",
            declared: true,
        });
        const message = (() => {
            try {
                parseStackConfig("dev", devWith({ assumptions: { coldStorageRestore: "3 days", copyLag: 0 } }));
            } catch (e) {
                return (e as Error).message;
            }
            return "";
        })();
        expect(message).toContain(
            'pulumi-aws-dr:dr.assumptions.coldStorageRestore must be a duration such as 90s, 15m, 1h, 1d or 1d12h, got "3 days"',
        );
        expect(message).toContain("pulumi-aws-dr:dr.assumptions.copyLag must be a string, got 0");
    });
});

describe("backed-up resource types", () => {
    it("reads them from resource ARNs, and takes every type for a tag, a wildcard or an unknown ARN", () => {
        // An RDS cluster ARN may also be a Multi-AZ DB cluster (type RDS), whose snapshots AWS Backup cannot copy.
        const cluster = backedUpResourceTypes({
            a: { resources: ["arn:aws:rds:us-east-1:1:cluster:c", "arn:aws:s3:::logs"] },
        });
        expect(cluster.types).toEqual(["Aurora", "DocumentDB", "Neptune", "RDS", "S3"]);
        expect(cluster.uncopyable).toBe(
            'selection "a" names "arn:aws:rds:us-east-1:1:cluster:c": an RDS cluster ARN names an Aurora, DocumentDB or Neptune cluster, or an RDS Multi-AZ DB cluster, whose snapshots AWS Backup cannot copy',
        );
        expect(
            backedUpResourceTypes({
                a: { resources: ["arn:aws:ec2:*:*:volume/*"], conditions: { stringEquals: { backup: "true" } } },
            }),
        ).toEqual({
            types: ["EBS"],
            basis: "the types the selections and restore tests name",
        });
        expect(
            backedUpResourceTypes({ a: { resources: ["arn:aws:dynamodb:us-east-1:1:table/t"], includeS3: true } })
                .types,
        ).toEqual(["DynamoDB", "S3"]);
        expect(backedUpResourceTypes({ a: { resources: ["*"] } })).toEqual({
            types: BACKUP_RESOURCE_TYPES,
            basis: 'selection "a" names "*", which may be any type',
            uncopyable:
                'selection "a" names "*", which may be any type: it may pick a resource of any type, including those AWS Backup cannot copy to another region (an RDS Multi-AZ DB cluster, an FSx for NetApp ONTAP volume)',
        });
        expect(backedUpResourceTypes({ a: { selectionTags: { backup: "true" } } }).types).toEqual(
            BACKUP_RESOURCE_TYPES,
        );
        expect(backedUpResourceTypes({ a: { resources: ["arn:aws:redshift:us-east-1:1:cluster:r"] } }).types).toEqual(
            BACKUP_RESOURCE_TYPES,
        );
    });
});
