/**
 * `npm run plan -- --stack <name> [--json <file>] [--diagram <file.md>] [--runbook <file.md>]` (`--help`
 * lists the exit statuses): evaluates index.ts for a stack offline, under Pulumi's mock runtime, and prints what it
 * would declare. No cloud call is made. The command line and output paths are checked first, before
 * the engine (and Pulumi) loads, so a usage error is answered at once.
 */
import { preflight, processIo } from "./planArgs";

async function main(argv: readonly string[]): Promise<number> {
    const request = preflight(argv, processIo);
    if (typeof request === "number") return request;
    // Pulumi's SDK captures a stack trace for every internal promise; mapping each back to TypeScript
    // (which tsx turns on) doubles the plan time. The plan prints no stack traces, unless asked to.
    if (!process.env.PLAN_DEBUG) process.setSourceMapsEnabled(false);
    const { planStack } = await import("./planCommand.js");
    return planStack(request, processIo);
}

main(process.argv.slice(2)).then((code) => process.exit(code));
