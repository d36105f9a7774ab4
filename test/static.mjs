/**
 * The typecheck and the lint of `npm test`, from ONE TypeScript program. `npm run typecheck` and
 * `npm run lint` each build a program of tsconfig.json's files: the compiler's, and the one behind the
 * type-aware lint rules (@pulumi/eslint-plugin's). Building it costs about as much CPU as checking it,
 * so here it is built once: its diagnostics are the typecheck, and ESLint gets it through
 * typescript-eslint's `parserOptions.programs` in place of `projectService`. The rules, the files
 * linted and the compiler options are eslint.config.mjs's and tsconfig.json's, unchanged.
 *
 * Like `npm run typecheck` and `npm run lint`, it keeps what it learnt in .cache/ (TypeScript's build
 * info and ESLint's cache), so a rerun checks only what changed; a fresh clone has neither and checks
 * everything. Prints the compiler's diagnostics, then ESLint's report; exits 1 if either has an error.
 */
import { ESLint } from "eslint";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import config from "../eslint.config.mjs";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function typeScriptProgram() {
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
    const options = {
        ...parsed.options,
        noEmit: true,
        incremental: true,
        tsBuildInfoFile: path.join(ROOT, ".cache", "tsc", "static.tsbuildinfo"),
    };
    // As `tsc` parses: the JSDoc of a TypeScript file only where it holds @see or @link, the tags that
    // can bear on a diagnostic. @pulumi/aws's declarations are mostly documentation, so parsing all of
    // it would cost more than checking this repository; no lint rule here reads JSDoc.
    const host = ts.createIncrementalCompilerHost(options);
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const builder = ts.createIncrementalProgram({ rootNames: parsed.fileNames, options, host });
    const diagnostics = [
        ...parsed.errors,
        ...builder.getConfigFileParsingDiagnostics(),
        ...builder.getOptionsDiagnostics(),
        ...builder.getGlobalDiagnostics(),
        ...builder.getSyntacticDiagnostics(),
        ...builder.getSemanticDiagnostics(),
    ];
    // With noEmit, this writes the build info only: what the next run may skip.
    builder.emit();
    return { program: builder.getProgram(), diagnostics };
}

const { program, diagnostics } = typeScriptProgram();
if (diagnostics.length > 0) {
    process.stdout.write(
        ts.formatDiagnostics(diagnostics, {
            getCanonicalFileName: (f) => f,
            getCurrentDirectory: () => ROOT,
            getNewLine: () => "\n",
        }),
    );
}

// The type-aware block of eslint.config.mjs gets the program above instead of building its own. ESLint's
// cache key serializes the config: the program stands there as what it is built from, as
// `projectService: true` does in `npm run lint`'s key.
const programs = Object.defineProperty([program], "toJSON", { value: () => "tsconfig.json" });
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
const results = await eslint.lintFiles(["."]);
const report = await (await eslint.loadFormatter("stylish")).format(results);
if (report) process.stdout.write(report);

const lintErrors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
const typeErrors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
process.exitCode = typeErrors + lintErrors > 0 ? 1 : 0;
