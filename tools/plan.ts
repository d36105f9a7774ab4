/**
 * `npm run plan -- --stack <name> [--json <file>]`: evaluates index.ts for a stack offline, under
 * Pulumi's mock runtime, and prints what it would declare. No cloud call is made.
 * Exit status: 0 on success, 1 on bad input or a program error, 2 on a bad command line.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { InvalidInputError } from "../components/shared/errors";
import { evaluateStack, PlanInputError } from "./engine";
import { formatPlan, planJson } from "./planReport";

const usage = "usage: npm run plan -- --stack <name> [--json <file>]";

/** Writes the whole file or nothing: a failed plan never leaves a partial plan behind. */
function writeAtomically(file: string, text: string): void {
    const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
}

async function main(argv: string[]): Promise<number> {
    let values: { stack?: string; json?: string };
    try {
        ({ values } = parseArgs({ args: argv, options: { stack: { type: "string" }, json: { type: "string" } }, strict: true }));
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n${usage}\n`);
        return 2;
    }
    if (!values.stack) {
        process.stderr.write(`--stack is required\n${usage}\n`);
        return 2;
    }
    try {
        const record = await evaluateStack(values.stack);
        process.stdout.write(`${formatPlan(record)}\n`);
        if (values.json) {
            writeAtomically(values.json, `${JSON.stringify(planJson(record), null, 2)}\n`);
            process.stdout.write(`\nWrote ${values.json}\n`);
        }
        return 0;
    } catch (e) {
        if (e instanceof InvalidInputError || e instanceof PlanInputError) {
            process.stderr.write(`error: ${e.message.split("\n").join("\nerror: ")}\n`);
        } else {
            // A program error: its message, but no stack trace unless asked for.
            const err = e as Error;
            process.stderr.write(`error: stack "${values.stack}": ${err?.message ?? String(e)}\n`);
            if (process.env.PLAN_DEBUG) process.stderr.write(`${err?.stack}\n`);
        }
        return 1;
    }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
