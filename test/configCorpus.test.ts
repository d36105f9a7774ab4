import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../components/shared/errors";
import { evaluateStack, RecordedResource } from "../tools/engine";

/**
 * Each file under test/fixtures/config/ is the staging stack with one mistake, and a first line
 * `# expect: <text>` that the error must contain: the dotted config path, and usually the whole line.
 */
const dir = path.join(__dirname, "fixtures", "config");
const corpus = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

describe("invalid stack configs", () => {
    it("has at least 25 cases", () => {
        expect(corpus.length).toBeGreaterThanOrEqual(25);
    });

    for (const file of corpus) {
        it(`rejects ${file} by its config path, before any resource`, async () => {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            const expected = /^# expect: (.+)$/m.exec(text)?.[1];
            expect(expected, "fixture has an # expect: line").toBeTruthy();
            const registered: RecordedResource[] = [];
            const error = await evaluateStack("staging", { configFile: path.join(dir, file), registrations: registered }).then(
                () => undefined,
                (e: Error) => e,
            );
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error!.message).toContain(`stack "staging": ${expected}`);
            expect(error!.message).not.toMatch(/\n\s+at /);
            expect(registered).toEqual([]);
        });
    }
});
