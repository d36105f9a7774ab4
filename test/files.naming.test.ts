import * as fs from "fs";
import { describe, expect, it } from "vitest";

/** Test files are named one way: `<subject>[.<aspect>].test.ts`, helpers `<subject>[.<aspect>].ts`, all lowercase. */
describe("test file names", () => {
    it("are lowercase words joined by dots", () => {
        const files = fs.readdirSync(__dirname).filter((f) => f.endsWith(".ts"));
        expect(files.length).toBeGreaterThan(10);
        expect(files.filter((f) => !/^[a-z0-9]+(\.[a-z0-9]+)*\.ts$/.test(f))).toEqual([]);
    });
});
