/**
 * The drill command's command line, checked before anything else loads: a usage error is answered at
 * once. Imports nothing but Node's own modules and the plan command's io.
 */
import { parseArgs } from "util";
import { CommandIo, processIo } from "./planArgs";

/** The drill's exit statuses (documented in `--help`), numbered like the plan command's. */
export const DRILL_EXIT = {
    /** The drill ran and the report meets the disruption's objectives (or states none). */
    ok: 0,
    /** The drill ran and the report does not meet the disruption's objectives. */
    objectivesMissed: 1,
    usage: 2,
    /** The stack cannot be drilled: unknown stack, invalid config, or it lacks what the drill targets. */
    stackInvalid: 4,
} as const;

/** The disruptions a drill replays, as the DR report names them. */
export const DRILL_DISRUPTION_NAMES = ["region", "az", "corruption"] as const;

export const DRILL_USAGE =
    "usage: npm run drill -- --stack <name> --disruption region|az|corruption [--runs <n>] [--seed <n>]";

export const DRILL_HELP = `${DRILL_USAGE}

Replays a disruption of the stack offline, from the same terms as its DR report: a timeline of what
happens when (checks failing, resolver caches expiring, scaling steps, promotion, restore), and the
downtime and data loss over many disasters at random instants, against the objectives. No cloud call.

Options:
  --stack <name>         the stack (stacks/Pulumi.<name>.yaml); required
  --disruption <type>    region (the primary region is lost), az (one of its AZs), corruption (bad data); required
  --runs <n>             disasters to simulate, 1..100000; default 2000
  --seed <n>             the simulation's seed, an integer; default 12
  -h, --help             print this help

Exit status:
  ${DRILL_EXIT.ok}  the drill ran; the report meets the disruption's objectives, or the stack states none
  ${DRILL_EXIT.objectivesMissed}  the drill ran; the report does not meet them
  ${DRILL_EXIT.usage}  usage error
  ${DRILL_EXIT.stackInvalid}  the stack cannot be drilled: unknown stack, invalid config, or it lacks what the drill targets
`;

export interface DrillRequest {
    readonly stack: string;
    readonly disruption: (typeof DRILL_DISRUPTION_NAMES)[number];
    readonly runs: number;
    readonly seed: number;
}

export type ParsedDrillArgs =
    | { readonly kind: "help" }
    | { readonly kind: "usage"; readonly message: string }
    | { readonly kind: "drill"; readonly request: DrillRequest };

const integerIn = (text: string | undefined, fallback: number, min: number, max: number): number | undefined => {
    if (text === undefined) return fallback;
    const n = Number(text);
    return /^-?\d+$/.test(text) && n >= min && n <= max ? n : undefined;
};

/** Parses the drill command's arguments; every problem at once. Pure. */
export function parseDrillArgs(argv: readonly string[]): ParsedDrillArgs {
    let values: { stack?: string; disruption?: string; runs?: string; seed?: string; help?: boolean };
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: {
                stack: { type: "string" },
                disruption: { type: "string" },
                runs: { type: "string" },
                seed: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
        }));
    } catch (e) {
        return { kind: "usage", message: (e as Error).message };
    }
    if (values.help) return { kind: "help" };
    const problems: string[] = [];
    if (!values.stack) problems.push("--stack is required");
    const disruption = DRILL_DISRUPTION_NAMES.find((d) => d === values.disruption);
    if (values.disruption === undefined) problems.push("--disruption is required: region, az or corruption");
    else if (!disruption)
        problems.push(`--disruption ${values.disruption} is not one of ${DRILL_DISRUPTION_NAMES.join(", ")}`);
    const runs = integerIn(values.runs, 2000, 1, 100_000);
    if (runs === undefined) problems.push(`--runs ${values.runs} is not an integer 1..100000`);
    const seed = integerIn(values.seed, 12, -(2 ** 31), 2 ** 32 - 1);
    if (seed === undefined) problems.push(`--seed ${values.seed} is not an integer`);
    if (problems.length > 0) return { kind: "usage", message: problems.join("\n") };
    return { kind: "drill", request: { stack: values.stack!, disruption: disruption!, runs: runs!, seed: seed! } };
}

/** Prints help or the usage errors and returns the exit status; returns the request when the drill may run. */
export function drillPreflight(argv: readonly string[], io: CommandIo = processIo): DrillRequest | number {
    const parsed = parseDrillArgs(argv);
    if (parsed.kind === "help") {
        io.stdout(DRILL_HELP);
        return DRILL_EXIT.ok;
    }
    if (parsed.kind === "usage") {
        for (const line of parsed.message.split("\n")) io.stderr(`error: ${line}\n`);
        io.stderr(`${DRILL_USAGE}\n`);
        return DRILL_EXIT.usage;
    }
    return parsed.request;
}
