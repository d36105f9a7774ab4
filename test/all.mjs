/**
 * `npm test`: the typecheck, the lint and every test, run at once rather than one after another.
 * The typecheck and the lint are one process each, on one core each, while vitest keeps both cores
 * busy only for part of its run; run side by side, all three fill the machine's cores. Arguments go
 * to vitest (`npm test -- test/alb.test.ts`).
 *
 * vitest prints as it goes; what the typecheck and the lint print is held back and printed after
 * it, under their names, so their errors are not interleaved with test output. Exits with the first
 * failing step's status.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import process from "node:process";

const steps = [
    { name: "typecheck", args: ["run", "--silent", "typecheck"], live: false },
    { name: "lint", args: ["run", "--silent", "lint"], live: false },
    { name: "vitest", args: ["run", "--silent", "test:unit", "--", ...process.argv.slice(2)], live: true },
];

function run({ name, args, live }) {
    const began = performance.now();
    return new Promise((resolve) => {
        const child = spawn("npm", args, { stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
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
