import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { RecordedResource } from "../tools/engine";
import { PLAN_EXIT } from "../tools/planArgs";
import { runPlan } from "../tools/planCommand";

/**
 * Each file under test/fixtures/config/ is the staging stack with one or more mistakes, and first
 * lines `# expect: <text>` that the plan's error output must each contain: the dotted config path,
 * and usually the whole line. The plan runs in-process, as `npm run plan` does, so what is asserted
 * is what the user reads.
 */
const dir = path.join(__dirname, "fixtures", "config");
const corpus = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();

describe("invalid stack configs", () => {
    it("has at least 25 cases", () => {
        expect(corpus.length).toBeGreaterThanOrEqual(25);
    });

    for (const file of corpus) {
        it(`rejects ${file} by its config path, before any resource`, async () => {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            const expected = [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1]);
            expect(expected.length, "fixture has an # expect: line").toBeGreaterThan(0);
            const registered: RecordedResource[] = [];
            let stderr = "";
            const status = await runPlan(
                ["--stack", "staging"],
                { stdout: () => undefined, stderr: (t) => (stderr += t) },
                { configFile: path.join(dir, file), registrations: registered },
            );
            expect(status).toBe(PLAN_EXIT.stackInvalid);
            for (const line of expected) expect(stderr).toContain(`error: stack "staging": ${line}`);
            expect(
                stderr.split("\n").filter((l) => l.startsWith("error: ")).length,
                "one line per problem, nothing else",
            ).toBe(stderr.trimEnd().split("\n").length);
            expect(stderr).not.toMatch(/\n\s+at /);
            expect(registered).toEqual([]);
        });
    }
});
