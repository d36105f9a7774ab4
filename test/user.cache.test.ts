import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { cachedResult, inputsHash, USER_CACHE_DIR } from "./user.cache";

describe("results cached by their inputs", () => {
    it("computes once, then reads what it kept; keeps nothing that failed", () => {
        const check = `cache-test-${process.pid}-${Date.now()}`;
        try {
            let computed = 0;
            const compute = (value: string) => () => {
                computed++;
                return [value];
            };
            expect(cachedResult(check, "a", compute("first"), () => true)).toEqual(["first"]);
            expect(cachedResult(check, "a", compute("second"), () => true)).toEqual(["first"]);
            expect(computed).toBe(1);
            expect(cachedResult(check, "b", compute("failed"), () => false)).toEqual(["failed"]);
            expect(cachedResult(check, "b", compute("again"), () => false)).toEqual(["again"]);
            expect(computed).toBe(3);
            expect(fs.readdirSync(path.join(USER_CACHE_DIR, check))).toEqual(["a.json"]);
        } finally {
            fs.rmSync(path.join(USER_CACHE_DIR, check), { recursive: true, force: true });
        }
    });

    it("hashes contents and relative paths, not where the files are", () => {
        const [one, two] = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "inputs-hash-")));
        try {
            for (const root of [one, two]) fs.writeFileSync(path.join(root, "a.ts"), "same");
            const key = (root: string) => inputsHash(root, [path.join(root, "a.ts")]);
            const same = key(one);
            expect(key(two)).toBe(same);
            fs.writeFileSync(path.join(two, "a.ts"), "changed");
            expect(key(two)).not.toBe(same);
            fs.renameSync(path.join(one, "a.ts"), path.join(one, "b.ts"));
            expect(inputsHash(one, [path.join(one, "b.ts")])).not.toBe(same);
        } finally {
            for (const root of [one, two]) fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
