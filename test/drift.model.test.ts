import { describe, expect, it } from "vitest";
import {
    buildReport,
    DANGER,
    fitSections,
    hasDrift,
    isStatefulType,
    parsePreview,
    parseUrn,
    PreviewDigest,
    renderMarkdown,
} from "../tools/drift";
import { displayValue, lookup, parsePropertyPath, SECRET_SIGNATURE_KEY } from "../tools/drift/values";

const URN = "urn:pulumi:prod::pulumi-aws-dr::pulumi-aws-dr:backup:BackupPlan$aws:backup/vault:Vault::prod-vault";

const digest = (steps: unknown[], rest: Record<string, unknown> = {}): PreviewDigest =>
    parsePreview(JSON.stringify({ steps, ...rest }), "test");

describe("URNs and types", () => {
    it("takes the stack, the resource's own type and its name from a URN", () => {
        expect(parseUrn(URN)).toEqual({
            stack: "prod",
            project: "pulumi-aws-dr",
            type: "aws:backup/vault:Vault",
            name: "prod-vault",
        });
        expect(parseUrn("urn:pulumi:dev::p::aws:s3/bucket:Bucket::a::b").name).toBe("a::b");
    });

    it("flags the stateful types, not their policies, aliases or alarms", () => {
        for (const t of [
            "aws:backup/vault:Vault",
            "aws:kms/key:Key",
            "aws:kms/replicaKey:ReplicaKey",
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketV2:BucketV2",
            "aws:cloudwatch/logGroup:LogGroup",
            "aws:rds/cluster:Cluster",
            "aws:dynamodb/table:Table",
        ]) {
            expect(isStatefulType(t), t).toBe(true);
        }
        for (const t of [
            "aws:backup/vaultPolicy:VaultPolicy",
            "aws:kms/alias:Alias",
            "aws:s3/bucketPolicy:BucketPolicy",
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "pulumi-aws-dr:backup:BackupPlan",
        ]) {
            expect(isStatefulType(t), t).toBe(false);
        }
    });
});

describe("property paths and secret values", () => {
    it("parses Pulumi property paths", () => {
        expect(parsePropertyPath("tags.Name")).toEqual(["tags", "Name"]);
        expect(parsePropertyPath("rules[0].lifecycle.deleteAfter")).toEqual(["rules", 0, "lifecycle", "deleteAfter"]);
        expect(parsePropertyPath('tags["kubernetes.io/role"]')).toEqual(["tags", "kubernetes.io/role"]);
        expect(parsePropertyPath("a[x")).toEqual(["a[x"]);
    });

    it("treats [secret] and Pulumi's secret signature as secret, anywhere on or under the path", () => {
        const sig = { [SECRET_SIGNATURE_KEY]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
        const root = { password: "[secret]", nested: { inner: sig }, list: [{ token: "[secret]" }], plain: { a: 1 } };
        expect(lookup(root, ["password"])).toEqual({ found: true, value: "[secret]", secret: true });
        expect(lookup(root, ["nested", "inner", "deeper"])).toEqual({ found: true, secret: true });
        expect(lookup(root, ["list"]).secret).toBe(true);
        expect(lookup(root, ["plain", "a"])).toEqual({ found: true, value: 1, secret: false });
        expect(lookup(root, ["plain", "b"])).toEqual({ found: false, secret: false });
        expect(lookup(root, ["list", "0"])).toEqual({ found: false, secret: false });
    });

    it("names unknown values and shortens long ones", () => {
        expect(displayValue("04da6b54-80e4-46f7-96ec-b56ff0331ba9")).toBe("(known after update)");
        expect(displayValue({ arn: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toBe('{"arn":(known after update)}');
        const long = displayValue("x".repeat(500));
        expect(long).toHaveLength(80);
        expect(long.endsWith("…")).toBe(true);
    });

    it("masks both sides of a change when either side, or the state's secret outputs, make it secret", () => {
        const sig = { [SECRET_SIGNATURE_KEY]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"hunter2-in-signature"' };
        const report = buildReport(
            digest([
                {
                    op: "update",
                    urn: URN,
                    oldState: {
                        type: "aws:backup/vault:Vault",
                        inputs: { a: "old-plain-A", b: { c: "old-plain-C" }, d: "old-plain-D", e: sig },
                        outputs: {},
                    },
                    newState: {
                        type: "aws:backup/vault:Vault",
                        inputs: { a: "[secret]", b: "[secret]", d: "new-plain-D", e: "new-plain-E" },
                        additionalSecretOutputs: ["d"],
                    },
                    detailedDiff: {
                        a: { kind: "update", inputDiff: true },
                        "b.c": { kind: "update", inputDiff: true },
                        d: { kind: "update", inputDiff: true },
                        e: { kind: "update", inputDiff: true },
                    },
                },
            ]),
        );
        expect(report.resources[0].properties).toEqual([
            { path: "a", kind: "update", old: "[secret]", new: "[secret]" },
            { path: "b.c", kind: "update", old: "[secret]", new: "[secret]" },
            { path: "d", kind: "update", old: "[secret]", new: "[secret]" },
            { path: "e", kind: "update", old: "[secret]", new: "[secret]" },
        ]);
        expect(renderMarkdown(report)).not.toMatch(/plain|hunter2/);
    });
});

describe("building the report", () => {
    it("folds the three steps of a shown replacement into one dangerous replace", () => {
        const steps = ["create-replacement", "replace", "delete-replaced"].map((op) => ({
            op,
            urn: URN,
            replaceReasons: ["kmsKeyArn"],
        }));
        const report = buildReport(digest(steps));
        expect(report.resources).toHaveLength(1);
        expect(report.resources[0]).toMatchObject({ op: "replace", danger: true, replaceReasons: ["kmsKeyArn"] });
        expect([...report.counts]).toEqual([["replace", 1]]);
    });

    it("ignores same and read steps, and refresh steps that found no diff", () => {
        const report = buildReport(
            digest([
                { op: "same", urn: URN },
                { op: "read", urn: "urn:pulumi:prod::p::aws:ec2/vpc:Vpc::v" },
                { op: "refresh", urn: "urn:pulumi:prod::p::aws:ec2/subnet:Subnet::s", detailedDiff: null },
                { op: "refresh", urn: "urn:pulumi:prod::p::aws:ec2/subnet:Subnet::t", diffReasons: ["tags"] },
            ]),
        );
        expect(report.resources.map((r) => [r.op, r.name])).toEqual([["refresh", "t"]]);
    });

    it("reports an op it does not know as a change under its own name", () => {
        const report = buildReport(digest([{ op: "teleport", urn: URN }]));
        expect(report.resources[0].op).toBe("teleport");
        expect(hasDrift(report)).toBe(true);
    });

    it("still reports drift when the summary counts changes that no step shows", () => {
        const report = buildReport(digest([], { changeSummary: { same: 3, update: 2 } }));
        expect(report.unlistedChanges).toBe(2);
        expect(hasDrift(report)).toBe(true);
        expect(renderMarkdown(report)).toContain("**2 resources drifted**");
    });

    it("escapes backticks and pipes so a value cannot break the table", () => {
        const report = buildReport(
            digest([
                {
                    op: "update",
                    urn: "urn:pulumi:prod::p::aws:ssm/document:Document::d",
                    oldState: { inputs: { content: "a | b" } },
                    newState: { inputs: { content: "``` c" } },
                    detailedDiff: { content: { kind: "update", inputDiff: true } },
                },
            ]),
        );
        expect(renderMarkdown(report)).toContain('| `content` | update | `"a \\| b"` | ```` "``` c" ```` |');
    });

    it("keeps the danger marker on a stateful delete even when sections are cut", () => {
        const report = buildReport(digest([{ op: "delete", urn: URN, oldState: { protect: true } }]));
        const text = renderMarkdown(report, { maxChars: 1_000 });
        expect(text).toContain(`#### ${DANGER} \`delete\``);
        expect(text).toContain("(protected: the update will fail until `protect` is lifted)");
    });
});

describe("fitting sections into a limit", () => {
    const sections = Array.from({ length: 10 }, (_, i) => ({
        text: `section ${i} ${"x".repeat(190)}`,
        counts: "resource" as const,
    }));

    it("returns everything when it fits", () => {
        const fitted = fitSections(sections, 10_000, "hint");
        expect(fitted).toMatchObject({ omittedResources: 0, omittedErrors: 0 });
        expect(fitted.text).not.toContain(":scissors:");
    });

    it("drops whole sections from the end and counts them", () => {
        const fitted = fitSections(
            [{ text: "# head", counts: "other" }, ...sections, { text: "error", counts: "error" }],
            1_200,
            "See all.",
        );
        expect(fitted.text.length).toBeLessThanOrEqual(1_200);
        expect(fitted.omittedErrors).toBe(1);
        const kept = (fitted.text.match(/^section \d+ x+$/gm) ?? []).length;
        expect(kept + fitted.omittedResources).toBe(10);
        expect(fitted.text).toContain(`${fitted.omittedResources} resources and 1 error diagnostic left out. See all.`);
    });
});
