import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../tools/engine";

const FORMAT_CHECK = path.join(PROJECT_DIR, "test", "format.mjs");
const OPTIONS = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, ".prettierrc.json"), "utf8"));

/** A git work tree with this repository's prettier settings and `files`, and a cache directory of its own. */
function scratchRepository(files: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "format-"));
    const root = path.join(dir, "repo");
    fs.mkdirSync(root);
    fs.copyFileSync(path.join(PROJECT_DIR, ".prettierrc.json"), path.join(root, ".prettierrc.json"));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
    execFileSync("git", ["init", "-q"], { cwd: root });
    const check = () =>
        spawnSync(process.execPath, [FORMAT_CHECK, root], {
            encoding: "utf8",
            env: { ...process.env, XDG_CACHE_HOME: path.join(dir, "cache") },
        });
    return { root, check };
}

describe("the format check's cache (test/format.mjs)", () => {
    it("keys a file's verdict by prettier's options, the text and the path in the repository, not on this machine", async () => {
        // An ES module, which this CommonJS test file loads the way Node allows it to.
        const { formatKey } = await import("./format.mjs");
        const key = (root: string, file: string, options: object, text: string) =>
            formatKey(root, path.join(root, file), options, text);
        const base = key("/a/clone", "x.ts", OPTIONS, "export const x = 1;\n");
        expect(key("/elsewhere/clone", "x.ts", OPTIONS, "export const x = 1;\n")).toBe(base);
        expect(key("/a/clone", "x.ts", OPTIONS, "export const x = 2;\n")).not.toBe(base);
        expect(key("/a/clone", "y.ts", OPTIONS, "export const x = 1;\n")).not.toBe(base);
        expect(key("/a/clone", "x.ts", { ...OPTIONS, printWidth: 80 }, "export const x = 1;\n")).not.toBe(base);
    });

    it("finds a file changed since it was found formatted, and a new one, as prettier --check does", () => {
        const { root, check } = scratchRepository({ "a.ts": "export const a = 1;\n" });
        const first = check();
        expect(first.status).toBe(0);
        expect(first.stdout).toContain("All 1 files use Prettier code style (1 checked now");
        expect(check().stdout).toContain("(0 checked now");

        fs.writeFileSync(path.join(root, "a.ts"), "export const a = {x:1};\n");
        fs.writeFileSync(path.join(root, "b.mjs"), "export const b = [1,2];\n");
        const changed = check();
        expect(changed.status).toBe(1);
        expect(changed.stdout).toContain("[warn] a.ts\n[warn] b.mjs\n");

        fs.writeFileSync(path.join(root, "a.ts"), "export const = ;\n");
        expect(check().status).toBe(2);
    });
});
