/**
 * `npm run drift-report -- <preview.json | -> [--stack s] [--max-chars n] [--out file]`: turns the JSON
 * of `pulumi preview --json` into a Markdown drift report. Options and exit codes: `--help`, docs/drift.md.
 */
import { main } from "./drift/cli";

// exitCode rather than process.exit(): a large report piped to a file is flushed before the process ends.
process.exitCode = main(process.argv.slice(2));
