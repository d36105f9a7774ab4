import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BaseSequencer, TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

const TESTS = "test/**/*.test.ts";

/**
 * Test files that mock a module (`vi.mock`, `vi.doMock`): a mock applies only to modules loaded after
 * it, so these files need module instances of their own.
 */
const mockingFiles = fs
    .readdirSync(path.join(import.meta.dirname, "test"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => `test/${file.split(path.sep).join("/")}`)
    .filter((file) => /\bvi\.(mock|doMock)\(/.test(fs.readFileSync(path.join(import.meta.dirname, file), "utf8")));

/**
 * Pool and isolation, chosen for a 2-core machine where loading @pulumi/pulumi and @pulumi/aws costs
 * a test file more than most of its tests do:
 * - `forks`: each worker is a process of its own. Pulumi's runtime keeps its state (monitor, config,
 *   mocks) in process globals, so two workers never share it.
 * - `isolate: false`: a worker runs file after file with the modules it has loaded, so the SDKs load
 *   once per worker instead of once per file. Tests stay independent because nothing they share holds
 *   state between evaluations: every evaluation (tools/engine) installs its own config and mocks
 *   before the program runs, and evaluations never overlap, as tests in a file run one at a time.
 *   What a worker does keep on purpose is test/harness.ts's `shippedStack`: each shipped stack
 *   evaluated once, deeply frozen so no test can change what the next one reads.
 * - Files that mock a module run in a project of their own with `isolate: true`, fresh modules each.
 * - `maxWorkers`: one per core. Vitest's default leaves one core to itself, i.e. one worker here,
 *   while its own process is nearly idle during a run.
 * - `--max-semi-space-size=256` (MiB, Node's default is 16 on 64-bit): a stack evaluation allocates
 *   fast and briefly (~25,000 promises and Outputs for prod), so a larger young generation is
 *   scavenged less often: 64 took 4-8% off the workers' CPU time, 256 another 9% on the files that
 *   evaluate stacks, for ~250 MiB more peak memory per worker (docs/testing.md).
 */
/**
 * Files that take longest, started first so that none runs alone at the end while the other core
 * idles (library and component.schema take long only when their cache misses: test/user.cache.ts).
 * Vitest orders by the durations it recorded, but a fresh clone (CI) has none. A file missing here
 * (renamed) just loses its head start.
 */
const SLOWEST = [
    "test/stacks.test.ts",
    "test/deploy.first.test.ts",
    "test/library.test.ts",
    "test/component.schema.test.ts",
    "test/dr.backup.test.ts",
    "test/plan.test.ts",
    "test/dr.simulation.test.ts",
];

class SlowestFirst extends BaseSequencer {
    async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
        const rank = (file: TestSpecification) => {
            const index = SLOWEST.findIndex((slow) => file.moduleId.endsWith(slow));
            return index === -1 ? SLOWEST.length : index;
        };
        // Array.prototype.sort is stable: among the rest, vitest's own order stands.
        return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
    }
}

const shared = {
    pool: "forks" as const,
    execArgv: ["--max-semi-space-size=256"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
};

export default defineConfig({
    test: {
        ...shared,
        maxWorkers: Math.max(1, os.availableParallelism()),
        sequence: { sequencer: SlowestFirst },
        projects: [
            { extends: true, test: { name: "shared", include: [TESTS], exclude: mockingFiles, isolate: false } },
            ...(mockingFiles.length > 0
                ? [{ extends: true as const, test: { name: "isolated", include: mockingFiles, isolate: true } }]
                : []),
        ],
    },
});
