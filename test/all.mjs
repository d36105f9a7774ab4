/**
 * `npm test`: the typecheck, the lint, the format check and every test, run at once rather than one
 * after another, a process each: the typecheck and the lint (test/static.mjs, each by the fastest tool
 * that checks the same thing), the format check (test/format.mjs, prettier with each file's verdict
 * cached by its content) and vitest. On a 2-core machine vitest's workers and these fill both cores
 * (docs/testing.md, "This repository's suite"). Arguments go to vitest (`npm test -- test/alb.test.ts`).
 *
 * vitest prints as it goes; what the other steps print is held back and printed after it, under their
 * names, so their errors are not interleaved with test output. Exits with the first failing step's
 * status.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
const VITEST = path.join(path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

const steps = [
    {
        name: "typecheck+lint",
        command: process.execPath,
        // A larger young generation than Node's 16 MiB, as vitest's workers have (vitest.config.mts): the
        // compiler allocates fast and briefly, and this took about 10% off the step's CPU (docs/testing.md).
        args: ["--max-semi-space-size=64", path.join(TEST_DIR, "static.mjs")],
        live: false,
    },
    // `npm run format:check`'s check, with each file's verdict cached by its content (test/format.mjs).
    { name: "format", command: process.execPath, args: [path.join(TEST_DIR, "format.mjs")], live: false },
    {
        // `npm run test:unit`, without a second npm process to start it.
        name: "vitest",
        command: process.execPath,
        args: [VITEST, "run", ...process.argv.slice(2)],
        live: true,
    },
];

function run({ name, command, args, live }) {
    const began = performance.now();
    return new Promise((resolve) => {
        const child = spawn(command, args, { stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout?.on("data", (chunk) => (output += chunk));
        child.stderr?.on("data", (chunk) => (output += chunk));
        child.on("error", (error) => resolve({ name, code: 1, output: `${error.message}\n`, seconds: 0 }));
        child.on("close", (code, signal) =>
            resolve({ name, code: code ?? (signal ? 1 : 0), output, seconds: (performance.now() - began) / 1000 }),
        );
    });
}

const results = await Promise.all(steps.map(run));
for (const { name, output } of results) {
    if (output.trim()) process.stdout.write(`\n--- ${name} ---\n${output}`);
}
process.stdout.write(
    `\n${results.map((r) => `${r.name}: ${r.code === 0 ? "ok" : `failed (exit ${r.code})`}, ${r.seconds.toFixed(0)} s`).join("; ")}\n`,
);
process.exitCode = results.find((r) => r.code !== 0)?.code ?? 0;
