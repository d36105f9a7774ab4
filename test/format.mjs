/**
 * The format check of `npm test`: what `npm run format:check` (`prettier --check`) checks, with each
 * file's verdict kept in the user's cache (docs/testing.md, "Cached by their inputs"). Prettier's output
 * for a file depends on prettier's version, the options it resolves for that file (.prettierrc.json and
 * its overrides, .editorconfig) and the file's text; the key is a hash of those and of the file's path
 * in the repository, never of a path on this machine, so a fresh clone of the same commit finds its
 * files already checked. A file whose key is not there is checked by prettier's API, and only files
 * found formatted are remembered. Prints what `prettier --check` prints for the files it finds
 * unformatted or cannot parse, and exits 1 (unformatted) or 2 (not parsed), as it does.
 *
 * The files are those git knows (tracked, or untracked and not ignored) that end in .ts or .mjs and
 * that prettier does not ignore (.prettierignore, .gitignore): the ones `prettier --check
 * "**\/*.{ts,mjs}"` finds. Outside a git work tree it runs that command instead.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import cacheFiles from "./cache.files.cjs";

const { USER_CACHE_DIR, writeJsonAtomically } = cacheFiles;

/** The repository checked: this one, or the directory given as the first argument. */
const ROOT = path.resolve(process.argv[2] ?? path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const CACHE_DIR = path.join(USER_CACHE_DIR, "format");
/** Keys kept: this run's, then those of earlier runs (other commits, other clones), the newest first. */
const FORMAT_KEYS_KEPT = 5000;

/**
 * The key of `file`'s verdict: what prettier's output for it depends on (its version, the `options` it
 * resolved for the file, the text), and the file's path relative to `root`.
 */
export function formatKey(root, file, options, text) {
    return createHash("sha256")
        .update(`${prettier.version}\0${JSON.stringify(options)}\0${path.relative(root, file)}\0`)
        .update(text)
        .digest("hex")
        .slice(0, 32);
}

/** The files `prettier --check "**\/*.{ts,mjs}"` would check in `root`, or undefined outside a git work tree. */
async function filesToCheck(root) {
    let listed;
    try {
        listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
            cwd: root,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
            maxBuffer: 64 * 1024 * 1024,
        });
    } catch {
        return undefined;
    }
    const files = [];
    for (const relative of listed.split("\0")) {
        if (!/\.(ts|mjs)$/.test(relative)) continue;
        const file = path.join(root, relative);
        if (!fs.existsSync(file)) continue; // deleted in the work tree, not yet in the index
        const info = await prettier.getFileInfo(file, {
            ignorePath: [".gitignore", ".prettierignore"].map((f) => path.join(root, f)),
        });
        if (!info.ignored && info.inferredParser) files.push(file);
    }
    return files;
}

function readKeys(file) {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        return [];
    }
}

async function main() {
    const files = await filesToCheck(ROOT);
    if (files === undefined) {
        const cli = path.join(
            path.dirname(createRequire(import.meta.url).resolve("prettier/package.json")),
            "bin",
            "prettier.cjs",
        );
        return (
            spawnSync(process.execPath, [cli, "--check", "**/*.{ts,mjs}"], { cwd: ROOT, stdio: "inherit" }).status ?? 2
        );
    }
    const store = path.join(CACHE_DIR, `keys-${prettier.version}.json`);
    const known = new Set(readKeys(store));
    const formatted = [];
    const unformatted = [];
    let unparsed = 0;
    let checked = 0;
    for (const file of files) {
        const text = fs.readFileSync(file, "utf8");
        const options = await prettier.resolveConfig(file, { editorconfig: true });
        const key = formatKey(ROOT, file, options, text);
        if (known.has(key)) {
            formatted.push(key);
            continue;
        }
        checked++;
        try {
            if (await prettier.check(text, { ...options, filepath: file })) formatted.push(key);
            else unformatted.push(path.relative(ROOT, file));
        } catch (error) {
            unparsed++;
            process.stderr.write(`[error] ${path.relative(ROOT, file)}: ${error.message}\n`);
        }
    }
    const kept = [...new Set([...formatted, ...known])].slice(0, FORMAT_KEYS_KEPT);
    writeJsonAtomically(store, kept);
    for (const file of unformatted) process.stdout.write(`[warn] ${file}\n`);
    if (unformatted.length > 0) {
        const n = unformatted.length;
        process.stdout.write(
            `[warn] Code style issues found in ${n} file${n > 1 ? "s" : ""}. Run \`npm run format\` to fix.\n`,
        );
    }
    if (unparsed > 0) return 2;
    if (unformatted.length > 0) return 1;
    process.stdout.write(
        `All ${files.length} files use Prettier code style (${checked} checked now, the others unchanged since a check).\n`,
    );
    return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
