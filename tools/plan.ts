/**
 * `npm run plan -- --stack <name> [--json <file>] [--diagram <file.md>]`: evaluates index.ts for a
 * stack offline, under Pulumi's mock runtime, and prints what it would declare. No cloud call is made.
 */
import { runPlan } from "./planCommand";

// Pulumi's SDK captures a stack trace for every internal promise; mapping each back to TypeScript
// (which tsx turns on) doubles the plan time. The plan prints no stack traces, unless asked to.
if (!process.env.PLAN_DEBUG) process.setSourceMapsEnabled(false);

runPlan(process.argv.slice(2)).then((code) => process.exit(code));
