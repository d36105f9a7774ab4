import * as fs from "fs";
import * as path from "path";
import { InvalidInputError } from "../components/internal";
import { evaluateStack, EvaluateStackOptions, PlanInputError, stackConfig } from "./engine";
import { diagramMarkdown } from "./diagram";
import { CommandIo, PLAN_EXIT, PlanRequest, preflight, processIo } from "./planArgs";
import { findingText, formatChecks, planChecks } from "./planChecks";
import { formatPlan, planJson } from "./planReport";
import { buildRunbook, RunbookError, runbookMarkdown } from "./runbook";

export { CommandIo } from "./planArgs";

/** A file of the plan's output could not be written; the message names the path as the user gave it. */
export class OutputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutputError";
    }
}

/**
 * Writes the whole file or nothing: a failed plan never leaves a partial plan behind. The text goes to
 * a temporary file beside `file` first; an error names `file`, never the temporary one, and removes it.
 */
export function writeAtomically(file: string, text: string): void {
    const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temp, text);
        fs.renameSync(temp, file);
    } catch (e) {
        fs.rmSync(temp, { force: true });
        const reason = (e as NodeJS.ErrnoException).code ?? "write failed";
        throw new OutputError(`cannot write ${file} (${reason})`);
    }
}

/**
 * The plan command. Returns the exit status (`PLAN_EXIT`, listed by `--help`); errors go to stderr
 * without a stack trace unless PLAN_DEBUG is set. `evaluateOptions` lets tests change the config
 * without touching the stack files.
 */
export async function runPlan(
    argv: readonly string[],
    io: CommandIo = processIo,
    evaluateOptions: EvaluateStackOptions = {},
): Promise<number> {
    const request = preflight(argv, io);
    return typeof request === "number" ? request : planStack(request, io, evaluateOptions);
}

/** Plans a stack whose command line and output paths passed `preflight`. */
export async function planStack(
    request: PlanRequest,
    io: CommandIo = processIo,
    evaluateOptions: EvaluateStackOptions = {},
): Promise<number> {
    try {
        const record = await evaluateStack(request.stack, evaluateOptions);
        const checks = planChecks(stackConfig(request.stack, evaluateOptions), record);
        io.stdout(`${formatPlan(record)}\n\n${formatChecks(checks)}\n`);
        if (request.json) {
            writeAtomically(
                request.json,
                `${JSON.stringify({ ...planJson(record), dr: checks.dr, policy: checks.policy }, null, 2)}\n`,
            );
            io.stdout(`\nWrote ${request.json}\n`);
        }
        if (request.diagram) {
            writeAtomically(request.diagram, diagramMarkdown(record));
            io.stdout(`Wrote ${request.diagram}\n`);
        }
        if (request.runbook && !checks.failed) {
            const runbook = buildRunbook({ record, ctx: checks.context, input: checks.input, report: checks.dr });
            writeAtomically(request.runbook, runbookMarkdown(runbook));
            io.stdout(`Wrote ${request.runbook}\n`);
        }
        if (checks.failed) {
            if (request.runbook)
                io.stderr(
                    `error: ${request.runbook} not written: a runbook is only written for a stack that passes its checks\n`,
                );
            io.stderr(`error: stack "${request.stack}" does not pass its checks:\n`);
            for (const f of checks.dr.findings.filter((f) => f.severity === "error"))
                io.stderr(`error: ${findingText(f)}\n`);
            for (const v of checks.policy.filter((v) => v.level === "mandatory"))
                io.stderr(`error: policy ${v.id} on ${v.urn}: ${v.message}\n`);
            return PLAN_EXIT.checksFailed;
        }
        return PLAN_EXIT.ok;
    } catch (e) {
        if (e instanceof RunbookError) {
            io.stderr(`error: ${e.message}; ${request.runbook} not written\n`);
            return PLAN_EXIT.runbookRefused;
        }
        if (e instanceof OutputError) {
            io.stderr(`error: ${e.message}\n`);
            return PLAN_EXIT.outputUnwritable;
        }
        if (e instanceof InvalidInputError || e instanceof PlanInputError) {
            io.stderr(`error: ${e.message.split("\n").join("\nerror: ")}\n`);
        } else {
            const err = e as Error;
            io.stderr(`error: stack "${request.stack}": ${err?.message ?? String(e)}\n`);
            if (process.env.PLAN_DEBUG) io.stderr(`${err?.stack}\n`);
        }
        return PLAN_EXIT.stackInvalid;
    }
}
