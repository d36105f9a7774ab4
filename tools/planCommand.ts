import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { InvalidInputError } from "../components/internal";
import { evaluateStack, EvaluateStackOptions, PlanInputError, stackConfig } from "./engine";
import { diagramMarkdown } from "./diagram";
import { findingText, formatChecks, planChecks } from "./planChecks";
import { formatPlan, planJson } from "./planReport";

export const PLAN_USAGE = "usage: npm run plan -- --stack <name> [--json <file>] [--diagram <file.md>]";

export interface CommandIo {
    stdout(text: string): void;
    stderr(text: string): void;
}

export const processIo: CommandIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
};

/** Writes the whole file or nothing: a failed plan never leaves a partial plan behind. */
function writeAtomically(file: string, text: string): void {
    const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
}

/**
 * The plan command. Returns the exit status: 0 on success, 1 on bad input or a program error
 * (message on stderr, no stack trace unless PLAN_DEBUG is set), 2 on a bad command line.
 * `evaluateOptions` lets tests change the config without touching the stack files.
 */
export async function runPlan(argv: string[], io: CommandIo = processIo, evaluateOptions: EvaluateStackOptions = {}): Promise<number> {
    let values: { stack?: string; json?: string; diagram?: string };
    try {
        ({ values } = parseArgs({ args: argv, options: { stack: { type: "string" }, json: { type: "string" }, diagram: { type: "string" } }, strict: true }));
    } catch (e) {
        io.stderr(`${(e as Error).message}\n${PLAN_USAGE}\n`);
        return 2;
    }
    if (!values.stack) {
        io.stderr(`--stack is required\n${PLAN_USAGE}\n`);
        return 2;
    }
    try {
        const record = await evaluateStack(values.stack, evaluateOptions);
        const checks = planChecks(stackConfig(values.stack, evaluateOptions), record);
        io.stdout(`${formatPlan(record)}\n\n${formatChecks(checks)}\n`);
        if (values.json) {
            writeAtomically(values.json, `${JSON.stringify({ ...planJson(record), dr: checks.dr, policy: checks.policy }, null, 2)}\n`);
            io.stdout(`\nWrote ${values.json}\n`);
        }
        if (values.diagram) {
            writeAtomically(values.diagram, diagramMarkdown(record));
            io.stdout(`Wrote ${values.diagram}\n`);
        }
        if (checks.failed) {
            io.stderr(`error: stack "${values.stack}" does not pass its checks:\n`);
            for (const f of checks.dr.findings.filter((f) => f.severity === "error")) io.stderr(`error: ${findingText(f)}\n`);
            for (const v of checks.policy.filter((v) => v.level === "mandatory")) io.stderr(`error: policy ${v.id} on ${v.urn}: ${v.message}\n`);
            return 1;
        }
        return 0;
    } catch (e) {
        if (e instanceof InvalidInputError || e instanceof PlanInputError) {
            io.stderr(`error: ${e.message.split("\n").join("\nerror: ")}\n`);
        } else {
            const err = e as Error;
            io.stderr(`error: stack "${values.stack}": ${err?.message ?? String(e)}\n`);
            if (process.env.PLAN_DEBUG) io.stderr(`${err?.stack}\n`);
        }
        return 1;
    }
}
