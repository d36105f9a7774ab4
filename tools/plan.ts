/**
 * `npm run plan -- --stack <name> [--json <file>]`: evaluates index.ts for a stack offline, under
 * Pulumi's mock runtime, and prints what it would declare. No cloud call is made.
 */
import { runPlan } from "./planCommand";

runPlan(process.argv.slice(2)).then((code) => process.exit(code));
