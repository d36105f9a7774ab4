import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        // Pulumi's runtime keeps its state in process globals: one process per test file keeps files apart.
        pool: "forks",
        testTimeout: 60_000,
        hookTimeout: 60_000,
    },
});
