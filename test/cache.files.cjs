/**
 * Where this suite keeps results between runs, and how it writes them: shared by test/user.cache.ts
 * (the checks vitest runs) and test/format.mjs (the format step, which runs outside vitest).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

/** $XDG_CACHE_HOME, else ~/.cache, then pulumi-aws-dr: where .ci/run also keeps its Node. */
const USER_CACHE_DIR = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-aws-dr");

/** Writes `value` as JSON beside `file` and renames it into place, so no reader ever sees half a file. */
function writeJsonAtomically(file, value) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, JSON.stringify(value));
    fs.renameSync(partial, file);
}

module.exports = { USER_CACHE_DIR, writeJsonAtomically };
