import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

/**
 * The library's boundary (docs/component-design.md). Code outside `components/` reaches the library through
 * `components` (the published API), `components/<name>` (one component's index) or `components/internal`
 * (pure validators and helpers for this repository's program, config, DR model and tools), never a
 * component's inner files. Code inside `components/` ships in the package, so it imports nothing outside
 * `components/` but packages.
 */
const DEEP_INTO_COMPONENTS = {
    regex: "(^|/)components/(?!internal$)[^/]+/",
    message: "Import the component's public API (components or components/<name>) or components/internal.",
};
const leavesComponents = (depth) => ({
    regex: `^(\\.\\./){${depth}}`,
    message: "components/ is the published library: it cannot import the program, config, dr, policy or tools.",
});

export default tseslint.config(
    { ignores: ["node_modules/", "dist/", "examples/**/node_modules/", "coverage/", ".cache/", "docs/api/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            // Pulumi resources are often created for their side effect alone.
            "no-new": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        // CommonJS scripts Node preloads (test/fixtures): `require` is how they load modules.
        files: ["**/*.cjs"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // Pulumi's own rules need types: an Output in a plain template literal prints a warning, not its value.
        // The library and the program build Outputs; one type-checked program (tsconfig.json) covers both.
        files: ["components/**/*.ts", "index.ts", "config/**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
    {
        files: ["**/*.ts"],
        ignores: ["components/**"],
        rules: { "no-restricted-imports": ["error", { patterns: [DEEP_INTO_COMPONENTS] }] },
    },
    {
        files: ["components/*.ts"],
        rules: { "no-restricted-imports": ["error", { patterns: [leavesComponents(1)] }] },
    },
    {
        files: ["components/*/**/*.ts"],
        rules: { "no-restricted-imports": ["error", { patterns: [leavesComponents(2)] }] },
    },
);
