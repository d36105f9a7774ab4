/**
 * The results of this suite's costliest checks, kept between runs under a hash of every file they read
 * (docs/testing.md, "Cached by their inputs"): the packed library (test/library.test.ts) and the
 * docs' examples compiled (test/docs.examples.test.ts). They live in the user's cache directory, not the
 * clone's, and no hash holds a path, so a fresh clone of the same commit finds them; any change to an
 * input is a new hash, computed afresh.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { expect } from "vitest";
import { USER_CACHE_DIR, writeJsonAtomically } from "./cache.files.cjs";

export { USER_CACHE_DIR };

/** The files of `entry` (a file or a directory, relative to `root`), installed packages left out. */
export function filesUnder(root: string, entry: string): string[] {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return [];
    if (!fs.statSync(full).isDirectory()) return [full];
    return fs
        .readdirSync(full)
        .filter((name) => name !== "node_modules" && name !== "bin")
        .flatMap((name) => filesUnder(root, path.join(entry, name)));
}

/** A hash of the files (by their path relative to `root`, and their content) and of Node's version. */
export function inputsHash(root: string, files: readonly string[]): string {
    const hash = createHash("sha256").update(`${process.version}\0`);
    for (const file of [...files].sort()) {
        hash.update(`${path.relative(root, file)}\0`)
            .update(fs.readFileSync(file))
            .update("\0");
    }
    return hash.digest("hex").slice(0, 16);
}

/**
 * `compute()`'s result, from `<USER_CACHE_DIR>/<check>/<hash>.json` when a run with the same inputs
 * left it there, else computed and left there for the next run. Only a result that passed is worth
 * keeping: `keep(result)` says whether to.
 */
export function cachedResult<T>(check: string, hash: string, compute: () => T, keep: (result: T) => boolean): T {
    const file = path.join(USER_CACHE_DIR, check, `${hash}.json`);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    const result = compute();
    if (keep(result)) writeJsonAtomically(file, result);
    return result;
}

/** What a cache key must follow, as files of a scratch tree (paths relative to it). */
export interface KeyInputs {
    /** Files written first, then changed one by one: each change is a new key. */
    readonly changed: readonly string[];
    /** Files that appear later and are inputs too: each is a new key. */
    readonly added?: readonly string[];
    /** Files that appear last and are not inputs: the key stays. */
    readonly ignored: readonly string[];
}

/**
 * Checks `key(root)` on a scratch tree made under `parent`: a new key for each input changed or added,
 * the same key when only ignored files appear, and the same key for a copy of the tree elsewhere (no
 * path in it). `parent` must be where `key` can resolve what it needs (installed packages).
 */
export function expectKeyFollowsInputs(parent: string, inputs: KeyInputs, key: (root: string) => string): void {
    fs.mkdirSync(parent, { recursive: true });
    const [root, elsewhere] = [0, 1].map(() => fs.mkdtempSync(path.join(parent, "cache-key-")));
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    };
    try {
        for (const file of inputs.changed) write(file, file);
        const seen = new Set([key(root)]);
        const expectNewKey = (file: string) => {
            expect(seen.has(key(root)), `${file} changes the key`).toBe(false);
            seen.add(key(root));
        };
        for (const file of inputs.changed) {
            write(file, `${file} changed`);
            expectNewKey(file);
        }
        for (const file of inputs.added ?? []) {
            write(file, "a new file");
            expectNewKey(file);
        }
        const settled = key(root);
        for (const file of inputs.ignored) write(file, "not an input");
        expect(key(root), "files that are not inputs leave the key").toBe(settled);
        fs.cpSync(root, elsewhere, { recursive: true });
        expect(key(elsewhere), "a copy elsewhere has the same key").toBe(settled);
    } finally {
        for (const dir of [root, elsewhere]) fs.rmSync(dir, { recursive: true, force: true });
    }
}
