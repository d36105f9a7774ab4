/**
 * The typecheck and the lint of `npm test`, side by side, each by the fastest tool that checks the
 * same thing:
 * - The typecheck is TypeScript 7's `tsc` (the native compiler, devDependency `typescript-go`) over
 *   tsconfig.json, as `npm run typecheck` runs it: about a third of the CPU of TypeScript 5.9's. One
 *   thread (`--singleThreaded`): in `npm test` both cores are busy with vitest, and its parallel checkers
 *   cost more CPU in all for the same diagnostics.
 * - ESLint's type-aware rules (@pulumi/eslint-plugin's) need TypeScript's JavaScript API, which only 5.x
 *   has (`typescript`). They ask for the types of a few expressions, so the program is built and its types
 *   are computed only where a rule asks; nothing checks it in full, as the compiler above already has.
 *   ESLint gets it through typescript-eslint's `parserOptions.programs` in place of `projectService`. The
 *   rules and the files linted are eslint.config.mjs's, unchanged.
 *
 * Like `npm run typecheck` and `npm run lint`, it keeps what it learnt in .cache/ (the compiler's build
 * info, ESLint's cache), so a rerun checks only what changed; a fresh clone has neither and checks
 * everything. Prints the compiler's diagnostics, then ESLint's report; exits 1 if either found an error.
 */
import { spawn } from "node:child_process";
import { ESLint } from "eslint";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import config from "../eslint.config.mjs";
import awsIndex from "./aws.index.cjs";

const { AWS_INDEX_SUFFIX, awsIndexOf, awsServicesNamed, hiddenAwsUses } = awsIndex;
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TSC = path.join(path.dirname(createRequire(import.meta.url).resolve("typescript-go/package.json")), "bin", "tsc");

/** TypeScript 7's typecheck of tsconfig.json; resolves to what it printed and whether it found errors. */
function typecheck() {
    const args = ["-p", "tsconfig.json", "--noEmit", "--singleThreaded", "--incremental"];
    args.push("--tsBuildInfoFile", path.join(".cache", "tsc", "static.tsbuildinfo"));
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [TSC, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("error", (error) => resolve({ output: `${error.message}\n`, failed: true }));
        child.on("close", (code) => resolve({ output, failed: code !== 0 }));
    });
}

/**
 * A TypeScript 5 program with tsconfig.json's options, of the files that `typeAware` says the type-aware
 * rules lint (and what they import); ESLint parses the rest on its own, so no file is parsed twice.
 */
async function lintProgram(typeAware) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, "tsconfig.json"),
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (d) => {
                throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
            },
        },
    );
    const options = { ...parsed.options, noEmit: true };
    // As `tsc` parses: the JSDoc of a TypeScript file only where it holds @see or @link, the tags that
    // can bear on a type. @pulumi/aws's declarations are mostly documentation; no lint rule here reads it.
    const host = ts.createCompilerHost(options);
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const rootNames = [];
    for (const file of parsed.fileNames) if (await typeAware(file)) rootNames.push(file);
    // @pulumi/aws's index with only the services these files name (test/aws.index.cjs): about a quarter of
    // the step's CPU. Nothing checks this program's diagnostics, so a use of @pulumi/aws the scan cannot
    // see is refused here rather than left to turn into `any`.
    const texts = rootNames.map((file) => fs.readFileSync(file, "utf8"));
    const hidden = rootNames.flatMap((file, i) => hiddenAwsUses(texts[i]).map((use) => `${file}: ${use}`));
    if (hidden.length > 0) {
        throw new Error(
            `import @pulumi/aws as \`import * as aws\` and name services as aws.<service>:\n${hidden.join("\n")}`,
        );
    }
    const services = awsServicesNamed(texts);
    const { getSourceFile } = host;
    host.getSourceFile = (file, language, onError, create) =>
        file.endsWith(AWS_INDEX_SUFFIX)
            ? ts.createSourceFile(file, awsIndexOf(ts.sys.readFile(file), services), language, true)
            : getSourceFile.call(host, file, language, onError, create);
    return ts.createProgram({ rootNames, options, host });
}

const typechecked = typecheck();

// The type-aware block of eslint.config.mjs gets the program built below instead of building its own. ESLint's
// cache key serializes the config: the program stands there as what it is built from, as
// `projectService: true` does in `npm run lint`'s key.
const programs = Object.defineProperty([], "toJSON", { value: () => "tsconfig.json" });
const sharedProgram = config.map((block) =>
    block.languageOptions?.parserOptions?.projectService
        ? {
              ...block,
              languageOptions: {
                  ...block.languageOptions,
                  parserOptions: { ...block.languageOptions.parserOptions, projectService: false, programs },
              },
          }
        : block,
);
if (sharedProgram.every((block, i) => block === config[i])) {
    throw new Error("eslint.config.mjs has no type-aware block (parserOptions.projectService) to give the program to");
}
const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: sharedProgram,
    cache: true,
    cacheLocation: path.join(ROOT, ".cache", "eslint-static") + path.sep,
});
try {
    programs.push(
        await lintProgram(
            async (file) => (await eslint.calculateConfigForFile(file))?.languageOptions?.parserOptions?.programs,
        ),
    );
} catch (error) {
    process.stdout.write(`${(await typechecked).output}error: ${error.message}\n`);
    process.exit(1);
}
const results = await eslint.lintFiles(["."]);
const report = await (await eslint.loadFormatter("stylish")).format(results);
const { output, failed } = await typechecked;
if (output) process.stdout.write(output);
if (report) process.stdout.write(report);

const lintErrors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
process.exitCode = failed || lintErrors > 0 ? 1 : 0;
