/** The drift report's command line, apart from process globals so that tests can run it in-process. */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { buildReport, hasDrift } from "./model";
import { renderMarkdown } from "./render";
import { parsePreview, PreviewInputError } from "./schema";
import { GITHUB_COMMENT_LIMIT } from "./truncate";

export const EXIT = {
    /** The preview shows no change. */
    noDrift: 0,
    /** Something unexpected, e.g. the --out file could not be written. */
    failure: 1,
    usage: 2,
    /** The input file is missing, empty, not JSON, or not `pulumi preview --json` output. */
    badInput: 3,
    /** The preview shows changes: drift, or with --pending the program's undeployed changes. */
    drift: 4,
    /** The preview reported errors, so the list of changes may be incomplete. Wins over `drift`. */
    previewErrors: 5,
} as const;

/** Below this the note about what was cut would not fit. */
export const MIN_MAX_CHARS = 1_000;

export const USAGE = `usage: npm run drift-report -- <preview.json | -> [--stack <name>] [--pending] [--max-chars <n>] [--out <file>]

Reads the JSON that \`pulumi preview --json\` prints ("-" reads standard input) and writes a Markdown
drift report: a headline, a table by operation, each changed resource with its changed properties
(secret values masked), stateful resources that would be replaced or deleted marked DANGER, and the
preview's errors. The report is cut at whole sections to fit the limit.

options:
  --stack <name>     stack named in the report (default: the stack in the preview's URNs)
  --pending          the preview ran without --refresh: report its changes as pending (merged, not
                     deployed), not as drift
  --max-chars <n>    the report's size limit in characters (default ${GITHUB_COMMENT_LIMIT}, GitHub's comment
                     limit; at least ${MIN_MAX_CHARS})
  --out <file>       write the report to <file> instead of standard output
  -h, --help         print this help

exit status:
  ${EXIT.noDrift}  no changes
  ${EXIT.failure}  unexpected failure (e.g. --out cannot be written)
  ${EXIT.usage}  bad command line
  ${EXIT.badInput}  the input is missing, empty, not JSON, or not \`pulumi preview --json\` output
  ${EXIT.drift}  changes found (drift, or pending with --pending); the report is written
  ${EXIT.previewErrors}  the preview reported errors; the report is written and lists them`;

export interface CliIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** Reads standard input, for the "-" argument. */
    readonly stdin: () => string;
}

export const processIo: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: () => fs.readFileSync(0, "utf8"),
};

interface Options {
    readonly input: string;
    readonly stack?: string;
    readonly pending: boolean;
    readonly maxChars: number;
    readonly out?: string;
}

/** The options, "help", or a usage error message. */
function parseCommandLine(argv: readonly string[]): Options | "help" | string {
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            allowPositionals: true,
            strict: true,
            options: {
                stack: { type: "string" },
                pending: { type: "boolean" },
                "max-chars": { type: "string" },
                out: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (e) {
        return (e as Error).message;
    }
    const { values, positionals } = parsed;
    if (values.help) return "help";
    if (positionals.length !== 1)
        return positionals.length === 0
            ? "the preview file is required"
            : `expected one preview file, got ${positionals.length}`;
    let maxChars = GITHUB_COMMENT_LIMIT;
    if (values["max-chars"] !== undefined) {
        maxChars = Number(values["max-chars"]);
        if (!/^\d+$/.test(values["max-chars"]) || maxChars < MIN_MAX_CHARS)
            return `--max-chars must be an integer >= ${MIN_MAX_CHARS}, got ${values["max-chars"]}`;
    }
    if (values.stack !== undefined && values.stack.trim() === "") return "--stack must not be empty";
    return { input: positionals[0], stack: values.stack, pending: values.pending === true, maxChars, out: values.out };
}

function readInput(input: string, io: CliIo): string {
    if (input === "-") return io.stdin();
    try {
        return fs.readFileSync(input, "utf8");
    } catch (e) {
        const err = e as NodeJS.ErrnoException;
        throw new PreviewInputError(`cannot read ${input}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    }
}

/** Writes the whole file or nothing, so that a failed run never leaves half a report behind. */
function writeAtomically(file: string, text: string): void {
    const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
}

/** Runs the command; returns its exit status (see EXIT). Never throws. */
export function main(argv: readonly string[], io: CliIo = processIo): number {
    const options = parseCommandLine(argv);
    if (options === "help") {
        io.stdout(`${USAGE}\n`);
        return EXIT.noDrift;
    }
    if (typeof options === "string") {
        io.stderr(`error: ${options}\n${USAGE}\n`);
        return EXIT.usage;
    }
    let markdown: string;
    let status: number;
    try {
        const source = options.input === "-" ? "standard input" : options.input;
        const report = buildReport(parsePreview(readInput(options.input, io), source), options.stack);
        markdown = renderMarkdown(report, { maxChars: options.maxChars, kind: options.pending ? "pending" : "drift" });
        status = report.errors.length > 0 ? EXIT.previewErrors : hasDrift(report) ? EXIT.drift : EXIT.noDrift;
    } catch (e) {
        if (e instanceof PreviewInputError) {
            io.stderr(`error: ${e.message}\n`);
            return EXIT.badInput;
        }
        io.stderr(`error: ${(e as Error)?.message ?? String(e)}\n`);
        return EXIT.failure;
    }
    if (options.out === undefined) {
        io.stdout(markdown);
        return status;
    }
    try {
        writeAtomically(options.out, markdown);
    } catch (e) {
        io.stderr(`error: cannot write ${options.out}: ${(e as Error).message}\n`);
        return EXIT.failure;
    }
    io.stderr(`Wrote ${options.out}\n`);
    return status;
}
