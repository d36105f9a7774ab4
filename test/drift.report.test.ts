import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DANGER, EXIT, GITHUB_COMMENT_LIMIT, main } from "../tools/drift";
import { LARGE_CHANGED, LARGE_FIXTURE, largePreview } from "./fixtures/preview/large";

const ROOT = path.resolve(__dirname, "..");
const fixture = (name: string) => path.join(__dirname, "fixtures", "preview", name);

/** Runs the CLI in-process and captures what it prints. */
function run(args: string[], stdin = "") {
    let stdout = "";
    let stderr = "";
    const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: () => stdin });
    return { code, stdout, stderr };
}

describe("drift report on the fixtures", () => {
    it("no-changes.json: says there is no drift and exits 0", () => {
        const { code, stdout, stderr } = run([fixture("no-changes.json")]);
        expect(code).toBe(EXIT.noDrift);
        expect(stderr).toBe("");
        expect(stdout).toContain("### Drift report: stack `prod`");
        expect(stdout).toContain("**No drift**");
        expect(stdout).toContain("| unchanged | 57 |");
        expect(stdout).not.toContain("### Changes");
    });

    it("update.json: lists each updated resource with its changed properties and old and new values", () => {
        const { code, stdout } = run([fixture("update.json")]);
        expect(code).toBe(EXIT.drift);
        expect(stdout).toContain("**4 resources drifted**");
        expect(stdout).toContain("| update | 4 |");
        expect(stdout).toContain("#### `update` `aws:ec2/vpc:Vpc` `net-vpc`");
        expect(stdout).toContain('| `tags.owner` | update | `"platform-team"` | `"sre-team"` |');
        expect(stdout).toContain('| `tags.cost-center` | delete | `"1234"` |  |');
        // inputDiff false: the old value is the drifted one from the refreshed state, not the old input.
        expect(stdout).toContain("| `retentionInDays` | update | `30` | `365` |");
        expect(stdout).not.toContain(DANGER);
    });

    it("update.json: never prints a secret, whether [secret] in the state or named by additionalSecretOutputs", () => {
        const { stdout } = run([fixture("update.json")]);
        expect(stdout).toContain("| `secretString` | update | `[secret]` | `[secret]` |");
        expect(stdout).toContain("| `value` | update | `[secret]` | `[secret]` |");
        expect(stdout).not.toMatch(/PLAINTEXT/);
        // Config is not part of the report, secret or not.
        expect(stdout).not.toContain("alertEmail");
    });

    it("replace-vault.json: marks the vault's replacement as danger, lists it first, and says why", () => {
        const { code, stdout } = run([fixture("replace-vault.json")]);
        expect(code).toBe(EXIT.drift);
        expect(stdout).toContain(`${DANGER}: 1 stateful resource would be replaced or deleted`);
        expect(stdout).toContain("- `replace` `aws:backup/vault:Vault` `prod-vault` (protected");
        const sections = stdout.split("\n").filter((l) => l.startsWith("#### "));
        expect(sections).toEqual([
            `#### ${DANGER} \`replace\` \`aws:backup/vault:Vault\` \`prod-vault\``,
            "#### `update` `aws:backup/vaultPolicy:VaultPolicy` `prod-vault-policy`",
            "#### `create` `aws:kms/key:Key` `prod-vault-key-v2`",
        ]);
        expect(stdout).toContain("Replaced because of: `kmsKeyArn`");
        expect(stdout).toContain(
            '| `kmsKeyArn` | update-replace | `"arn:aws:kms:us-east-1:123456789012:key/1f6e9a52-8c3d-4b7a-a0e1-5d2c9b8f7e64"` | `(known after update)` |',
        );
        expect(stdout).not.toContain("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });

    it("delete.json: a deleted bucket is danger, a deleted alarm is not", () => {
        const { code, stdout } = run([fixture("delete.json")]);
        expect(code).toBe(EXIT.drift);
        expect(stdout).toContain("### Drift report: stack `staging`");
        expect(stdout).toContain("| delete | 2 |");
        expect(stdout).toContain(`#### ${DANGER} \`delete\` \`aws:s3/bucket:Bucket\` \`web-access-logs\``);
        expect(stdout).toContain("#### `delete` `aws:cloudwatch/metricAlarm:MetricAlarm` `web-unhealthy-hosts`");
    });

    it("create.json: creates are changes but never danger, even of a vault", () => {
        const { code, stdout } = run([fixture("create.json")]);
        expect(code).toBe(EXIT.drift);
        expect(stdout).toContain("**3 resources drifted**.");
        expect(stdout).toContain("| create | 3 |");
        expect(stdout).toContain("#### `create` `aws:backup/vault:Vault` `dev-vault`");
        expect(stdout).not.toContain(DANGER);
    });

    it("diagnostic-error.json: prints the error diagnostic, counts the warning, and exits 5", () => {
        const { code, stdout } = run([fixture("diagnostic-error.json")]);
        expect(code).toBe(EXIT.previewErrors);
        expect(stdout).toContain("**The preview failed with 1 error**");
        expect(stdout).toContain("### Errors (1)");
        expect(stdout).toContain(
            'InvalidInputError: MultiAzAlb "web": targetGroups.green.weight must be an integer 0..999, got 1200',
        );
        expect(stdout).toContain("1 warning in the preview (not shown).");
        expect(stdout).not.toContain("Loading stack config");
    });

    it("large.json: is cut at a whole resource section to fit GitHub's comment limit, dangers kept", () => {
        const { code, stdout } = run([fixture("large.json")]);
        expect(code).toBe(EXIT.drift);
        expect(stdout.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
        expect(stdout.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 2_000);
        const shown = stdout.split("\n").filter((l) => l.startsWith("#### ")).length;
        expect(stdout).toContain(`${LARGE_CHANGED - shown} resources left out.`);
        expect(stdout.trimEnd().endsWith("to see every change.")).toBe(true);
        // The last section kept is whole: it ends with its URN line.
        const beforeNote = stdout.slice(0, stdout.lastIndexOf("> :scissors:")).trimEnd();
        expect(beforeNote.endsWith("</sub>")).toBe(true);
        // Dangerous resources are sorted first, so the cut never hides them.
        expect(stdout.split(`#### ${DANGER}`).length - 1).toBe(4);
    });

    it("large.json is what its generator makes", () => {
        expect(JSON.parse(fs.readFileSync(LARGE_FIXTURE, "utf8"))).toEqual(largePreview());
        expect(fs.statSync(LARGE_FIXTURE).size).toBeLessThan(300_000);
    });

    it("--max-chars overrides the limit", () => {
        const { code, stdout } = run([fixture("large.json"), "--max-chars", "5000"]);
        expect(code).toBe(EXIT.drift);
        expect(stdout.length).toBeLessThanOrEqual(5000);
        expect(stdout).toContain("**Report cut to fit 5,000 characters:**");
    });

    it("malformed.json: a clear error on standard error, no report, exit 3", () => {
        const { code, stdout, stderr } = run([fixture("malformed.json")]);
        expect(code).toBe(EXIT.badInput);
        expect(stdout).toBe("");
        expect(stderr).toMatch(/^error: .*malformed\.json is not valid JSON: /);
        expect(stderr).not.toMatch(/\n\s+at /);
    });
});

describe("drift report command line", () => {
    it("rejects an empty file, a missing file, and JSON of another shape with exit 3", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
        const empty = path.join(dir, "empty.json");
        fs.writeFileSync(empty, "\n");
        expect(run([empty])).toMatchObject({
            code: EXIT.badInput,
            stderr: expect.stringContaining("empty.json is empty"),
        });
        expect(run([path.join(dir, "nope.json")])).toMatchObject({
            code: EXIT.badInput,
            stderr: expect.stringContaining("nope.json: no such file"),
        });
        const other = path.join(dir, "other.json");
        fs.writeFileSync(other, JSON.stringify({ name: "pulumi-aws-dr", version: "0.1.0" }));
        expect(run([other]).stderr).toContain("has none of steps, changeSummary or diagnostics");
        fs.writeFileSync(
            other,
            JSON.stringify({
                steps: [{ op: "update", urn: "vpc-1" }, { urn: "urn:pulumi:a::b::c::d" }],
                changeSummary: { update: -1 },
            }),
        );
        const { code, stderr } = run([other]);
        expect(code).toBe(EXIT.badInput);
        expect(stderr).toContain('steps[0].urn: must be a Pulumi URN ("urn:pulumi:...")');
        expect(stderr).toContain("steps[1].op:");
        expect(stderr).toContain("changeSummary.update:");
        fs.writeFileSync(other, "[]");
        expect(run([other]).stderr).toContain("expected a JSON object, got an array");
        fs.rmSync(dir, { recursive: true });
    });

    it("reads standard input for -", () => {
        const { code, stdout } = run(["-"], fs.readFileSync(fixture("delete.json"), "utf8"));
        expect(code).toBe(EXIT.drift);
        expect(stdout).toContain("`web-access-logs`");
        expect(run(["-"], "")).toMatchObject({
            code: EXIT.badInput,
            stderr: "error: standard input is empty: `pulumi preview --json` printed nothing (did the preview fail before it started?)\n",
        });
    });

    it("--stack names the stack; without it the stack comes from the URNs", () => {
        expect(run([fixture("update.json"), "--stack", "acme/prod"]).stdout).toContain(
            "### Drift report: stack `acme/prod`",
        );
        expect(run([fixture("create.json")]).stdout).toContain("### Drift report: stack `dev`");
    });

    it("--pending reports a preview without refresh as changes merged but not deployed, never as drift", () => {
        const pending = run([fixture("update.json"), "--pending"]);
        expect(pending.code).toBe(EXIT.drift);
        expect(pending.stdout).toContain("### Pending changes: stack `prod`");
        expect(pending.stdout).toContain("**4 resources have changes merged but not deployed**");
        expect(pending.stdout).not.toMatch(/drift/i);
        expect(run([fixture("no-changes.json"), "--pending"]).stdout).toContain("**Nothing pending**");
    });

    it("--out writes the report to a file and keeps standard output empty", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
        const out = path.join(dir, "report.md");
        const { code, stdout, stderr } = run([fixture("replace-vault.json"), "--out", out]);
        expect(code).toBe(EXIT.drift);
        expect(stdout).toBe("");
        expect(stderr).toBe(`Wrote ${out}\n`);
        expect(fs.readFileSync(out, "utf8")).toBe(run([fixture("replace-vault.json")]).stdout);
        expect(run([fixture("update.json"), "--out", path.join(dir, "missing", "r.md")]).code).toBe(EXIT.failure);
        fs.rmSync(dir, { recursive: true });
    });

    it.each([
        [[], "the preview file is required"],
        [["a.json", "b.json"], "expected one preview file, got 2"],
        [["a.json", "--max-chars", "999"], "--max-chars must be an integer >= 1000, got 999"],
        [["a.json", "--max-chars", "12k"], "--max-chars must be an integer >= 1000, got 12k"],
        [["a.json", "--stack", " "], "--stack must not be empty"],
        [["a.json", "--colour"], "Unknown option '--colour'"],
    ])("exits 2 on a bad command line: %j", (args, message) => {
        const { code, stdout, stderr } = run(args);
        expect(code).toBe(EXIT.usage);
        expect(stdout).toBe("");
        expect(stderr).toContain(message);
        expect(stderr).toContain("usage: npm run drift-report --");
    });

    it("--help documents every exit code", () => {
        const { code, stdout } = run(["--help"]);
        expect(code).toBe(0);
        for (const status of Object.values(EXIT)) expect(stdout).toMatch(new RegExp(`^  ${status}  \\S`, "m"));
    });

    it("exits with the documented code as a real process", () => {
        const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
        const drift = spawnSync(tsx, ["tools/driftReport.ts", fixture("replace-vault.json")], {
            cwd: ROOT,
            encoding: "utf8",
        });
        expect(drift.status).toBe(EXIT.drift);
        expect(drift.stdout).toContain("`prod-vault`");
        const malformed = spawnSync(tsx, ["tools/driftReport.ts", fixture("malformed.json")], {
            cwd: ROOT,
            encoding: "utf8",
        });
        expect(malformed.status).toBe(EXIT.badInput);
        expect(malformed.stderr).toMatch(/^error: .*is not valid JSON/);
    });
});
