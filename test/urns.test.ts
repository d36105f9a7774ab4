import { describe, expect, it } from "vitest";
import { listStacks, PROJECT_DIR } from "../tools/engine";
import { shippedStack } from "./harness";

/**
 * URN stability: a changed URN makes Pulumi delete the old resource and create a new one. Each
 * stack's sorted URNs are compared with the committed list in test/fixtures/urns/. A refactor that
 * moves a resource adds an alias; a deliberate change updates the list (`npx vitest run -u`) in the
 * same commit, where review sees it.
 */
describe("URN snapshot", () => {
    for (const stack of listStacks(PROJECT_DIR)) {
        it(`keeps stack ${stack}'s URNs`, async () => {
            const record = await shippedStack(stack);
            const urns = record.resources.map((r) => r.urn).sort();
            expect(new Set(urns).size).toBe(urns.length);
            await expect(`${urns.join("\n")}\n`).toMatchFileSnapshot(`./fixtures/urns/${stack}.txt`);
        });
    }
});
