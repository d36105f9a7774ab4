/**
 * Every TypeScript example in the docs compiles against the library as a user imports it: each ```ts block of
 * README.md, docs/*.md and components/<name>/README.md becomes a module of one program, in which `pulumi-aws-dr`
 * is components/index.ts (and `pulumi-aws-dr/testing` components/testing/index.ts), and a relative import starts
 * at the repository root. A block fenced as ```ts fragment is a piece of a larger program and is left out; keep
 * those few.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { cachedResult, filesUnder, inputsHash } from "./user.cache";
import { AWS_INDEX_SUFFIX, awsIndexOf, awsServicesNamed } from "./aws.index.cjs";

const PROJECT_DIR = path.join(__dirname, "..");

interface Example {
    /** Where the block is, as `file:line` of its first code line. */
    readonly at: string;
    readonly code: string;
}

/** The Markdown files whose examples must compile. */
function documentationFiles(): string[] {
    const componentsDir = path.join(PROJECT_DIR, "components");
    const docsDir = path.join(PROJECT_DIR, "docs");
    return [
        path.join(PROJECT_DIR, "README.md"),
        ...fs
            .readdirSync(docsDir, { withFileTypes: true })
            .filter((e) => e.isFile() && e.name.endsWith(".md"))
            .map((e) => path.join(docsDir, e.name)),
        ...fs
            .readdirSync(componentsDir, { withFileTypes: true })
            .filter((e) => e.isDirectory() && fs.existsSync(path.join(componentsDir, e.name, "README.md")))
            .map((e) => path.join(componentsDir, e.name, "README.md")),
    ];
}

/** The ```ts and ```typescript blocks of a Markdown text, fragments left out. */
export function typescriptBlocks(file: string, markdown: string): Example[] {
    const examples: Example[] = [];
    const lines = markdown.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)\s*(.*)$/.exec(lines[i]);
        if (!open) continue;
        const [, indent, fence, language, info] = open;
        const closing = new RegExp(`^\\s*\\${fence[0]}{${fence.length},}\\s*$`);
        const end = lines.findIndex((l, j) => j > i && closing.test(l));
        const close = end === -1 ? lines.length : end;
        const isTypeScript = ["ts", "typescript"].includes(language.toLowerCase());
        if (isTypeScript && !info.split(/\s+/).includes("fragment")) {
            const code = lines.slice(i + 1, close).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
            examples.push({ at: `${path.relative(PROJECT_DIR, file)}:${i + 2}`, code: code.join("\n") });
        }
        i = close;
    }
    return examples;
}

/**
 * What a compile of the examples reads besides the Markdown: the library, the repository's own modules an example
 * may import from the root (`./policy/...`), the installed versions (lockfile), the compiler settings and this
 * procedure.
 */
const EXAMPLE_INPUTS = [
    "components",
    "config",
    "dr",
    "policy",
    "tools",
    "plugin",
    "index.ts",
    "package-lock.json",
    "tsconfig.json",
    "test/docs.examples.test.ts",
    "test/user.cache.ts",
    "test/aws.index.cjs",
];

/**
 * The AWS services (`aws.ec2`, `aws.backup`...) the components and the examples name (test/aws.index.cjs): a use
 * the scan misses fails loudly here ("Property 'rds' does not exist"), never passes by mistake.
 */
function awsServicesUsed(exampleCode: readonly string[]): Set<string> {
    const componentsDir = path.join(PROJECT_DIR, "components");
    const sources = fs
        .readdirSync(componentsDir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => fs.readFileSync(path.join(componentsDir, f), "utf8"));
    return awsServicesNamed([...sources, ...exampleCode]);
}

/** Type-checks the examples as modules of one program; the problems found, by example. */
function compileExamples(examples: readonly Example[]): string[] {
    const virtual = new Map(
        // Each example sits at the repository root, so `./policy/...` means what it says in the docs; the
        // trailing `export {}` makes it a module whatever it holds, so examples cannot clash.
        examples.map((e, n) => [
            path.join(PROJECT_DIR, `__doc_example_${n}.ts`),
            { example: e, text: `${e.code}\nexport {};\n` },
        ]),
    );
    const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        lib: ["lib.es2022.d.ts"],
        types: ["node"],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        paths: {
            "pulumi-aws-dr": [path.join(PROJECT_DIR, "components", "index.ts")],
            "pulumi-aws-dr/testing": [path.join(PROJECT_DIR, "components", "testing", "index.ts")],
        },
    };
    const host = ts.createCompilerHost(options);
    // As `tsc` parses (test/static.mjs): JSDoc only where it can bear on a diagnostic.
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const { fileExists, readFile, getSourceFile } = host;
    const services = awsServicesUsed(examples.map((e) => e.code));
    host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
    host.readFile = (f) => virtual.get(f)?.text ?? readFile.call(host, f);
    host.getSourceFile = (f, language, onError, create) => {
        const file = virtual.get(f);
        if (file) return ts.createSourceFile(f, file.text, language, true);
        if (f.endsWith(AWS_INDEX_SUFFIX))
            return ts.createSourceFile(f, awsIndexOf(readFile.call(host, f)!, services), language, true);
        return getSourceFile.call(host, f, language, onError, create);
    };
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems: string[] = [];
    for (const [fileName, { example }] of virtual) {
        const source = program.getSourceFile(fileName)!;
        for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
            const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
            const [file, first] = example.at.split(":");
            problems.push(`${file}:${Number(first) + line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
        }
    }
    return problems;
}

describe("TypeScript examples in the docs", () => {
    const files = documentationFiles();
    const examples = files.flatMap((f) => typescriptBlocks(f, fs.readFileSync(f, "utf8")));
    // A broken example in the same program shows that a mistake is caught, and where it is reported.
    const broken: Example = {
        at: "broken.md:10",
        code: [
            'import { MultiAzAlb, failoverSeconds } from "pulumi-aws-dr";',
            "",
            'new MultiAzAlb("web", { vpcId: "vpc-1", subnetIds: [] });',
            'const seconds: string = failoverSeconds({ policy: "simple", endpoint: { region: "us-east-1", target: { dnsName: "a", zoneId: "Z" } } });',
        ].join("\n"),
    };

    it("are found in the README, docs/ and each component's README", () => {
        expect(files.map((f) => path.relative(PROJECT_DIR, f))).toEqual(
            expect.arrayContaining(["README.md", "components/alb/README.md"]),
        );
        const componentReadmes = files.filter((f) => f.includes(`${path.sep}components${path.sep}`));
        for (const readme of componentReadmes) {
            const rel = path.relative(PROJECT_DIR, readme);
            expect(
                examples.some((e) => e.at.startsWith(`${rel}:`)),
                `${rel} has a TypeScript example`,
            ).toBe(true);
        }
    });

    // One program over the library and @pulumi/aws's declarations: CPU-bound, about 8 s of it, so its result is
    // kept under the hash of what the examples can read (test/user.cache.ts).
    it("compile against the public API, in one program", { timeout: 180_000 }, () => {
        const problems = cachedResult(
            "docs-examples",
            inputsHash(PROJECT_DIR, [...files, ...EXAMPLE_INPUTS.flatMap((entry) => filesUnder(PROJECT_DIR, entry))]),
            () => compileExamples([...examples, broken]),
            // Kept only when every example compiles and the broken one fails as it should.
            (found) => found.every((p) => p.startsWith("broken.md:")) && found.length === 2,
        );
        expect(problems.filter((p) => !p.startsWith("broken.md:"))).toEqual([]);
        expect(problems.filter((p) => p.startsWith("broken.md:"))).toEqual([
            expect.stringMatching(/^broken\.md:12: .*missing the following properties .*certificateArn, targetGroups/),
            expect.stringMatching(/^broken\.md:13: Type 'number' is not assignable to type 'string'/),
        ]);
    });

    it("leave out fragments and read indented fences", () => {
        const markdown = ["```ts fragment", "partial(", "```", "- item:", "  ```ts", "  const x = 1;", "  ```"].join(
            "\n",
        );
        expect(typescriptBlocks(path.join(PROJECT_DIR, "x.md"), markdown)).toEqual([
            { at: "x.md:6", code: "const x = 1;" },
        ]);
    });
});
