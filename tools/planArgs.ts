/**
 * The plan command's command line, checked before the engine loads: a usage error, an output that
 * cannot be written or an unknown stack is reported at once, without evaluating anything. Imports
 * nothing that loads Pulumi (Node's own modules, and the project file's reader), so `tools/plan.ts`
 * answers `--help` and these errors without loading it.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { PROJECT_DIR, unknownStack } from "./engine/project";

/** The plan command's exit statuses, one per kind of outcome (documented in `--help`). */
export const PLAN_EXIT = {
    /** The stack was planned and passes its DR and policy checks. */
    ok: 0,
    /** The stack was planned and fails its DR objectives or a mandatory policy. */
    checksFailed: 1,
    /** The command line is wrong: an unknown option, a missing --stack, a repeated output path. */
    usage: 2,
    /** A --json, --diagram or --runbook file cannot be written. */
    outputUnwritable: 3,
    /** The stack cannot be planned: unknown stack, invalid config, or an error in the program. */
    stackInvalid: 4,
    /** The stack passes its checks but its runbook cannot be written: a manual step has no owner. */
    runbookRefused: 5,
} as const;

export const PLAN_USAGE =
    "usage: npm run plan -- --stack <name> [--json <file>] [--diagram <file.md>] [--runbook <file.md>]";

export const PLAN_HELP = `${PLAN_USAGE}

Evaluates the stack's program offline, under mocks that answer like AWS, prints what it would declare,
and checks it against its DR objectives and the policy pack. No cloud call is made.

Options:
  --stack <name>      the stack to plan (stacks/Pulumi.<name>.yaml); required
  --json <file>       also write the plan, DR report and policy results as JSON (schemas/plan.schema.json)
  --diagram <file.md> also write a Mermaid diagram of the stack
  --runbook <file.md> also write the failover and failback runbook (docs/runbook.md); only for a stack
                      that passes its checks
  -h, --help          print this help

Exit status:
  ${PLAN_EXIT.ok}  planned; the DR objectives and mandatory policies are met
  ${PLAN_EXIT.checksFailed}  planned; a DR objective or a mandatory policy is not met (the reasons are on stderr)
  ${PLAN_EXIT.usage}  usage error
  ${PLAN_EXIT.outputUnwritable}  a --json, --diagram or --runbook file cannot be written (checked before planning)
  ${PLAN_EXIT.stackInvalid}  the stack cannot be planned: unknown stack, invalid config, or a program error
  ${PLAN_EXIT.runbookRefused}  planned and checked, but the runbook is not written: a manual step has no owner
`;

/** What the command line asks for, once it parsed. */
export interface PlanRequest {
    readonly stack: string;
    readonly json?: string;
    readonly diagram?: string;
    readonly runbook?: string;
}

export type ParsedPlanArgs =
    | { readonly kind: "help" }
    | { readonly kind: "usage"; readonly message: string }
    | { readonly kind: "plan"; readonly request: PlanRequest };

/** Parses the plan command's arguments. Pure. */
export function parsePlanArgs(argv: readonly string[]): ParsedPlanArgs {
    let values: { stack?: string; json?: string; diagram?: string; runbook?: string; help?: boolean };
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                json: { type: "string" },
                diagram: { type: "string" },
                runbook: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
        }));
    } catch (e) {
        return { kind: "usage", message: (e as Error).message };
    }
    if (values.help) return { kind: "help" };
    if (!values.stack) return { kind: "usage", message: "--stack is required" };
    const outputs = (["json", "diagram", "runbook"] as const).filter((o) => values[o] !== undefined);
    for (const [i, a] of outputs.entries()) {
        const b = outputs.slice(i + 1).find((o) => path.resolve(values[o]!) === path.resolve(values[a]!));
        if (b) return { kind: "usage", message: `--${a} and --${b} both name ${values[a]}; give each its own file` };
    }
    const { stack, json, diagram, runbook } = values;
    return { kind: "plan", request: { stack, json, diagram, runbook } };
}

/**
 * Why `file` cannot be written, or undefined when it can: its directory must exist and be writable,
 * and the file itself, if it exists, must be a writable regular file. Messages name the path as given.
 */
export function unwritableReason(file: string): string | undefined {
    const dir = path.dirname(path.resolve(file));
    let dirStat: fs.Stats;
    try {
        dirStat = fs.statSync(dir);
    } catch {
        return `cannot write ${file}: its directory ${path.dirname(file)} does not exist`;
    }
    if (!dirStat.isDirectory()) return `cannot write ${file}: ${path.dirname(file)} is not a directory`;
    try {
        fs.accessSync(dir, fs.constants.W_OK);
    } catch {
        return `cannot write ${file}: its directory ${path.dirname(file)} is not writable`;
    }
    if (!fs.existsSync(file)) return undefined;
    if (!fs.statSync(file).isFile()) return `cannot write ${file}: it exists and is not a regular file`;
    try {
        fs.accessSync(file, fs.constants.W_OK);
    } catch {
        return `cannot write ${file}: it is not writable`;
    }
    return undefined;
}

/** The problems with the request's output files, one line each. */
export function outputProblems(request: PlanRequest): string[] {
    return [request.json, request.diagram, request.runbook]
        .filter((file): file is string => file !== undefined)
        .map(unwritableReason)
        .filter((reason): reason is string => reason !== undefined);
}

export interface CommandIo {
    stdout(text: string): void;
    stderr(text: string): void;
}

export const processIo: CommandIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
};

/**
 * Everything the plan command checks before it evaluates: the arguments, the output paths and that the
 * stack exists in `projectDir`. Prints help or the errors, and returns the exit status then; returns
 * the request when planning may start.
 */
export function preflight(argv: readonly string[], io: CommandIo, projectDir = PROJECT_DIR): PlanRequest | number {
    const parsed = parsePlanArgs(argv);
    if (parsed.kind === "help") {
        io.stdout(PLAN_HELP);
        return PLAN_EXIT.ok;
    }
    if (parsed.kind === "usage") {
        io.stderr(`error: ${parsed.message}\n${PLAN_USAGE}\n`);
        return PLAN_EXIT.usage;
    }
    const problems = outputProblems(parsed.request);
    if (problems.length > 0) {
        for (const problem of problems) io.stderr(`error: ${problem}\n`);
        return PLAN_EXIT.outputUnwritable;
    }
    const unknown = unknownStack(projectDir, parsed.request.stack);
    if (unknown) {
        io.stderr(`error: ${unknown}\n`);
        return PLAN_EXIT.stackInvalid;
    }
    return parsed.request;
}
