/**
 * `npm run drill -- --stack <name> --disruption region|az|corruption` (`--help` lists the exit
 * statuses): replays a disruption of the stack offline from its DR report's terms. The command line is
 * checked first, before the config and the DR model load, so a usage error is answered at once.
 */
import { drillPreflight } from "./drillArgs";
import { processIo } from "./planArgs";

async function main(argv: readonly string[]): Promise<number> {
    const request = drillPreflight(argv, processIo);
    if (typeof request === "number") return request;
    const { runDrill } = await import("./drillCommand.js");
    return runDrill(request, processIo);
}

main(process.argv.slice(2)).then((code) => process.exit(code));
