/**
 * The CI workflows, read as data, and their scripts, run with a stand-in `gh`: triggers, permissions,
 * roles, the Pulumi token exchange, the stack matrix, and what the comment, the drift check and the
 * release do are what docs/ci.md promises. test/workflows.lint.test.ts lints the same files.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listStacks, PROJECT_DIR } from "../tools/engine";

const GITHUB = path.join(PROJECT_DIR, ".github");
const WORKFLOWS = path.join(GITHUB, "workflows");

interface Step {
    name?: string;
    id?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    needs?: string | string[];
    environment?: string;
    permissions?: Record<string, string>;
    strategy?: { "fail-fast"?: boolean; "max-parallel"?: number; matrix?: Record<string, unknown> };
    outputs?: Record<string, string>;
    env?: Record<string, string>;
    steps: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    concurrency?: { group: string; "cancel-in-progress": boolean };
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
const runsPulumi = (step: Step) =>
    (action(step) === "pulumi/actions" && step.with?.command !== undefined) || /^\s*pulumi /m.test(step.run ?? "");
/** Steps that run code from a registry: npm's install scripts, or the CLI's installer. */
const installs = (step: Step) =>
    /\bnpm ci\b/.test(step.run ?? "") || (action(step) === "pulumi/actions" && step.with?.command === undefined);

const semver = (v: string) => v.split(".").map(Number);
const atLeast = (v: string, min: string) => {
    const [a, b] = [semver(v), semver(min)];
    const i = a.findIndex((n, j) => n !== b[j]);
    return i === -1 || a[i] > b[i];
};
/** The CLI from which `--expect-no-changes` exits 7 on changes: Pulumi's exit-code mapping (docs/ci.md). */
const EXIT_CODE_7_SINCE = "3.226.1";
const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package-lock.json"), "utf8"));
const SDK_VERSION: string = lock.packages["node_modules/@pulumi/pulumi"].version;
/** Each workflow's AWS role, a repository or environment variable; none is shared. */
const ROLES: Record<string, string> = {
    "preview.yml": "${{ vars.AWS_PREVIEW_ROLE_ARN }}",
    "deploy.yml": "${{ vars.AWS_DEPLOY_ROLE_ARN }}",
    "drift.yml": "${{ vars.AWS_DRIFT_ROLE_ARN }}",
};
const STACK_MATRIX = "${{ fromJSON(needs.stacks.outputs.stacks) }}";

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

it("has the preview, deploy, drift and release workflows", () => {
    expect(files.sort()).toEqual(["deploy.yml", "drift.yml", "preview.yml", "release.yml"]);
});

describe.each(files)("%s, like every workflow", (file) => {
    const { text, workflow } = load(file);
    const jobs = Object.values(workflow.jobs);

    it("pins every action to a major version tag", () => {
        const uses = jobs.flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
        expect(uses.length).toBeGreaterThan(0);
        for (const u of uses) expect(u, u).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
    });

    it("grants nothing at the top and each job only what it asks for", () => {
        expect(workflow.permissions).toEqual({});
        for (const job of jobs) expect(job.permissions).toBeDefined();
    });

    it("stores no long-lived AWS keys and no Pulumi token", () => {
        expect(text).not.toMatch(
            /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key|AWS_SESSION_TOKEN/i,
        );
        expect(text).not.toContain("PULUMI_ACCESS_TOKEN");
    });

    it("exchanges GitHub's OIDC token for Pulumi's after every install and before Pulumi runs", () => {
        for (const job of jobs.filter((j) => j.steps.some(runsPulumi))) {
            const auth = stepsUsing(job, "pulumi/auth-actions");
            expect(auth.map((s) => s.with)).toEqual([
                {
                    organization: "${{ vars.PULUMI_ORG }}",
                    "requested-token-type": "urn:pulumi:token-type:access_token:organization",
                },
            ]);
            const at = job.steps.indexOf(auth[0]);
            const lastInstall = Math.max(...job.steps.map((s, i) => (installs(s) ? i : -1)));
            const firstPulumi = job.steps.findIndex(runsPulumi);
            expect(lastInstall).toBeLessThan(at);
            expect(at).toBeLessThan(firstPulumi);
            expect(job.permissions?.["id-token"]).toBe("write");
        }
    });

    it("assumes its own AWS role, and caches the provider plugins, in every job that runs Pulumi", () => {
        for (const job of jobs.filter((j) => j.steps.some(runsPulumi))) {
            expect(
                stepsUsing(job, "aws-actions/configure-aws-credentials").map((s) => s.with?.["role-to-assume"]),
            ).toEqual([ROLES[file]]);
            expect(stepsUsing(job, "actions/cache").map((s) => s.with)).toEqual([
                {
                    path: "~/.pulumi/plugins",
                    key: "pulumi-plugins-${{ runner.os }}-${{ hashFiles('package-lock.json') }}",
                },
            ]);
        }
    });

    it(`pins the Pulumi CLI to a version at least ${EXIT_CODE_7_SINCE} and no older than @pulumi/pulumi`, () => {
        for (const version of jobs.flatMap((job) =>
            stepsUsing(job, "pulumi/actions").map((s) => s.with?.["pulumi-version"]),
        )) {
            expect(version).toMatch(/^\d+\.\d+\.\d+$/);
            expect(atLeast(version as string, EXIT_CODE_7_SINCE), `${version} >= ${EXIT_CODE_7_SINCE}`).toBe(true);
            expect(atLeast(version as string, SDK_VERSION), `${version} >= ${SDK_VERSION}`).toBe(true);
        }
    });

    it("runs Node 22 and installs with npm ci", () => {
        for (const job of jobs.filter((j) => stepsUsing(j, "actions/setup-node").length > 0)) {
            expect(stepsUsing(job, "actions/setup-node").map((s) => s.with?.["node-version"])).toEqual([22]);
            expect(job.steps.some((s) => s.run === "npm ci")).toBe(true);
        }
    });

    it("reads its stack matrix from stacks/, through the stacks job", () => {
        for (const job of jobs.filter((j) => j.strategy?.matrix)) {
            expect(job.strategy?.matrix).toEqual({ stack: STACK_MATRIX });
            expect([job.needs].flat()).toContain("stacks");
            expect(workflow.jobs.stacks.steps.map((s) => s.run).filter(Boolean)).toEqual([
                'echo "stacks=$(bash .github/scripts/stacks.sh)" >> "$GITHUB_OUTPUT"',
            ]);
        }
    });
});

it("pins the same Pulumi CLI in every workflow, and no two workflows share an AWS role", () => {
    const pinned = files.flatMap((file) =>
        Object.values(load(file).workflow.jobs).flatMap((job) =>
            stepsUsing(job, "pulumi/actions").map((s) => s.with?.["pulumi-version"]),
        ),
    );
    expect(new Set(pinned).size).toBe(1);
    expect(new Set(Object.values(ROLES)).size).toBe(Object.keys(ROLES).length);
});

it("stacks.sh lists every stack file, in promotion order: dev first, prod last", () => {
    const listed = JSON.parse(execFileSync("bash", [path.join(GITHUB, "scripts", "stacks.sh")], { encoding: "utf8" }));
    expect([...listed].sort()).toEqual(listStacks(PROJECT_DIR));
    expect(listed[0]).toBe("dev");
    expect(listed.at(-1)).toBe("prod");
    expect(listed.indexOf("staging")).toBe(listed.length - 2);
});

/** Runs a script of .github/scripts with a `gh` that records its arguments and answers `ghAnswer`. */
function runScript(script: string, args: string[], env: Record<string, string>, ghAnswer = "") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-script-"));
    try {
        const calls = path.join(dir, "gh-calls");
        fs.writeFileSync(
            path.join(dir, "gh"),
            `#!/usr/bin/env bash\nline="$*"\nprintf '%s\\n' "\${line//$'\\n'/ }" >> "${calls}"\nfor a in "$@"; do case "$a" in body=@*) cat "\${a#body=@}" > "${dir}/posted";; esac; done\nprintf '%s' '${ghAnswer}'\n`,
            { mode: 0o755 },
        );
        const summary = path.join(dir, "summary.md");
        execFileSync("bash", [path.join(GITHUB, "scripts", script), ...args], {
            cwd: dir,
            encoding: "utf8",
            env: {
                PATH: `${dir}:${process.env.PATH}`,
                GITHUB_STEP_SUMMARY: summary,
                GITHUB_REPOSITORY: "acme/infra",
                GITHUB_SERVER_URL: "https://github.com",
                GITHUB_RUN_ID: "42",
                ...env,
            },
        });
        const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
        return {
            calls: read(calls).trim().split("\n"),
            summary: read(summary),
            posted: read(path.join(dir, "posted")),
            dir,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("preview.yml", () => {
    const { workflow } = load("preview.yml");
    const job = workflow.jobs.preview;
    const step = (id: string) => job.steps.find((s) => s.id === id || s.name === id)!;

    it("runs on pull requests; tests run with contents read only, the preview with the OIDC token and the comment", () => {
        expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
        expect(workflow.jobs.checks.permissions).toEqual({ contents: "read" });
        for (const command of ["npm run typecheck", "npm run lint", "npx vitest run"])
            expect(runs(workflow.jobs.checks)).toContain(command);
        expect(job.needs).toEqual(["checks", "stacks"]);
        expect(job.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
        expect(job.strategy?.["fail-fast"]).toBe(false);
        expect(job.environment).toBeUndefined();
    });

    it("previews with the policy pack, comments whether it passed or failed, then fails the job if it failed", () => {
        expect(step("preview").run).toContain(
            'pulumi preview --stack "$STACK" --policy-pack policy --diff --non-interactive 2>&1 | tee preview.log',
        );
        expect(step("preview").run).toContain('echo "code=${PIPESTATUS[0]}" >> "$GITHUB_OUTPUT"');
        const comment = step("Comment on the pull request, passed or failed");
        expect(comment.if).toBe("always() && steps.preview.outputs.code != ''");
        expect(comment.run).toBe('bash .github/scripts/preview-comment.sh "$STACK" "$PREVIEW_CODE" preview.log');
        const last = job.steps.at(-1)!;
        expect(job.steps.indexOf(comment)).toBe(job.steps.length - 2);
        expect(last.run).toContain('if [ "$PREVIEW_CODE" != 0 ]; then');
    });

    it("the comment of a failed preview says so, with the summary and the end of the output, in the job summary too", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-log-"));
        const log = path.join(dir, "preview.log");
        fs.writeFileSync(
            log,
            "Previewing update (prod)\n  + aws:s3/bucket:Bucket logs create\nerror: policy violation: s3-public\n",
        );
        const { calls, summary, posted } = runScript("preview-comment.sh", ["prod", "255", log], {
            GH_TOKEN: "t",
            PR_NUMBER: "7",
        });
        fs.rmSync(dir, { recursive: true, force: true });
        expect(posted).toContain("<!-- pulumi-aws-dr preview: prod -->");
        expect(posted).toContain(":x: `pulumi preview` failed with exit code 255");
        expect(posted).toContain("**Summary**");
        expect(posted).toContain("(no change summary: the preview stopped before it)");
        expect(posted).toContain("error: policy violation: s3-public");
        expect(summary).toBe(posted);
        // No earlier comment of this stack: a new one is posted.
        expect(calls.at(-1)).toMatch(/^api --method POST repos\/acme\/infra\/issues\/7\/comments -F body=@/);
    });

    it("the comment of a passed preview carries Pulumi's change summary and edits the stack's earlier comment", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-log-"));
        const log = path.join(dir, "preview.log");
        fs.writeFileSync(
            log,
            "Previewing update (dev)\n\nResources:\n    ~ 1 to update\n    57 unchanged\n\nDuration: 12s\n",
        );
        const { calls, posted } = runScript(
            "preview-comment.sh",
            ["dev", "0", log],
            { GH_TOKEN: "t", PR_NUMBER: "7" },
            "991",
        );
        fs.rmSync(dir, { recursive: true, force: true });
        expect(posted).toContain(":white_check_mark: `pulumi preview` succeeded");
        expect(posted).toMatch(/~~~\nResources:\n {4}~ 1 to update\n {4}57 unchanged\n/);
        expect(calls.at(-1)).toMatch(/^api --method PATCH repos\/acme\/infra\/issues\/comments\/991 -F body=@/);
    });
});

describe("deploy.yml", () => {
    const { workflow } = load("deploy.yml");
    const job = workflow.jobs.deploy;

    it("runs on pushes to main and on demand, one deployment at a time", () => {
        expect(workflow.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
        expect(workflow.concurrency).toEqual({ group: "deploy", "cancel-in-progress": false });
    });

    it("deploys each stack behind its own GitHub Environment, in promotion order, stopping at the first failure", () => {
        expect(job.environment).toBe("${{ matrix.stack }}");
        expect(job.strategy).toMatchObject({ "max-parallel": 1, "fail-fast": true });
        expect(job.permissions).toEqual({ "id-token": "write", contents: "read" });
        const [up] = stepsUsing(job, "pulumi/actions");
        expect(up.with).toMatchObject({ command: "up", "stack-name": "${{ matrix.stack }}", policyPacks: "policy" });
    });
});

describe("drift.yml", () => {
    const { workflow } = load("drift.yml");
    const job = workflow.jobs.drift;
    const step = (id: string) => job.steps.find((s) => s.id === id)!;

    it("runs daily and on demand, reads only, and may open issues", () => {
        expect(workflow.on).toEqual({
            schedule: [{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }],
            workflow_dispatch: null,
        });
        expect(job.permissions).toEqual({ "id-token": "write", contents: "read", issues: "write" });
        expect(job.environment).toBeUndefined();
        expect(stepsUsing(job, "pulumi/actions").map((s) => Object.keys(s.with ?? {}))).toEqual([["pulumi-version"]]);
    });

    it("decides drift by pulumi refresh --preview-only --expect-no-changes alone, telling exit code 7 from errors", () => {
        const refresh = step("refresh").run!;
        expect(refresh).toContain('pulumi refresh --stack "$STACK" --preview-only --expect-no-changes');
        expect(refresh).toMatch(/^\s*7\) echo "drift=true" >> "\$GITHUB_OUTPUT" ;;$/m);
        expect(refresh).toMatch(/^\s*0\) echo "drift=false" >> "\$GITHUB_OUTPUT" ;;$/m);
        expect(refresh).toContain("code=${PIPESTATUS[0]}");
        const failure = refresh.split(/^\s*\*\)$/m)[1];
        expect(failure).toContain("tail -n 30 refresh.log");
        expect(failure.indexOf("GITHUB_STEP_SUMMARY")).toBeLessThan(failure.indexOf('exit "$code"'));
        // No other step may call anything drift: the preview is not refreshed and is reported as pending.
        const others = job.steps.filter((s) => s.id !== "refresh" && /^\s*pulumi (preview|refresh)/m.test(s.run ?? ""));
        expect(others.map((s) => s.id)).toEqual(["pending"]);
        expect(step("pending").run).toContain(
            'pulumi preview --stack "$STACK" --json --non-interactive > preview.json',
        );
        expect(step("pending").run).not.toContain("--refresh");
        expect(step("report").run).toContain(
            'npm run --silent drift-report -- preview.json --stack "$STACK" --pending >> "$GITHUB_STEP_SUMMARY"',
        );
    });

    it("notifies on drift only, and fails the job on drift only; pending changes and a failed preview warn", () => {
        const notify = job.steps.find((s) => s.run?.includes("drift-issue.sh"))!;
        expect(notify.if).toBe("steps.refresh.outputs.drift == 'true'");
        const last = job.steps.at(-1)!.run!;
        const [before, drift] = last.split('if [ "$REFRESH_DRIFT" = true ]; then');
        expect(before).toContain('if [ "$REPORT_CODE" = 4 ]; then\n  echo "::warning::');
        expect(before).toContain('if [ "$PENDING_CODE" != 0 ] || [ "$REPORT_CODE" = 5 ]; then\n  echo "::warning::');
        expect(before).not.toMatch(/exit \d/);
        expect(drift).toMatch(/::error::[^\n]*\n\s*exit 1\n/);
    });

    it("drift-issue.sh opens a drift issue for the stack, or comments on the one still open", () => {
        const opened = runScript("drift-issue.sh", ["prod"], { GH_TOKEN: "t" });
        expect(opened.calls.at(-1)).toMatch(
            /^issue create --repo acme\/infra --title Drift in stack prod --label drift --body .*--preview-only --expect-no-changes.*actions\/runs\/42/,
        );
        const still = runScript("drift-issue.sh", ["prod"], { GH_TOKEN: "t" }, "12");
        expect(still.calls.at(-1)).toBe(
            "issue comment 12 --repo acme/infra --body Still drifted: https://github.com/acme/infra/actions/runs/42",
        );
    });
});

describe("release.yml", () => {
    const { workflow } = load("release.yml");
    const job = workflow.jobs.publish;

    it("publishes a version tag that matches package.json, after the tests, with npm provenance", () => {
        expect(workflow.on).toEqual({ push: { tags: ["v*.*.*"] } });
        expect(job.permissions).toEqual({ "id-token": "write", contents: "write" });
        const commands = job.steps.map((s) => s.run ?? "");
        const at = (re: RegExp) => commands.findIndex((c) => re.test(c));
        expect(at(/"\$TAG" != "v\$version"/)).toBeGreaterThan(-1);
        expect(at(/^npm test$/)).toBeGreaterThan(at(/"\$TAG" != "v\$version"/));
        expect(at(/^npm publish --provenance --access public$/)).toBeGreaterThan(at(/^npm test$/));
        expect(at(/repository\.url/)).toBeLessThan(at(/^npm publish/));
        expect(commands.at(-1)).toMatch(/^npm pack\ngh release create "\$TAG" \.\/\*\.tgz/);
        expect(stepsUsing(job, "actions/setup-node")[0].with?.["registry-url"]).toBe("https://registry.npmjs.org");
    });
});

it("package.json names the repository that releases it, and publishes with provenance", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
    const repo = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(manifest.repository.url)?.[1];
    expect(repo).toBeDefined();
    expect(manifest.homepage).toBe(`https://github.com/${repo}#readme`);
    expect(manifest.bugs).toEqual({ url: `https://github.com/${repo}/issues` });
    expect(manifest.publishConfig).toEqual({ access: "public", provenance: true });
});

describe("renovate.json", () => {
    const config = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "renovate.json"), "utf8"));

    it("groups the @pulumi packages with the pinned CLI, and the actions together", () => {
        const groups = Object.fromEntries(config.packageRules.map((r: { groupName: string }) => [r.groupName, r]));
        expect(groups.Pulumi.matchPackageNames).toEqual(["@pulumi/**", "pulumi/pulumi"]);
        expect(groups["GitHub Actions"].matchManagers).toEqual(["github-actions"]);
        const [cli] = config.customManagers;
        expect(cli.depNameTemplate).toBe("pulumi/pulumi");
        // The manager's pattern finds every workflow's pin.
        const pattern = new RegExp(cli.matchStrings[0]);
        for (const file of ["preview.yml", "deploy.yml", "drift.yml"]) expect(load(file).text).toMatch(pattern);
    });
});
