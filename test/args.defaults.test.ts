/**
 * Every optional field of the components' `...Args` declares its default with an `@default` tag, and a default
 * that is a value names the exported constant the component applies, which must hold that very value: the JSDoc,
 * the API reference generated from it and the code cannot drift apart.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";

const COMPONENTS_DIR = path.join(__dirname, "..", "components");

/** `` `80` (`albDefaults.targetPort`) ``, optionally followed by prose: the value, then the constant it is in. */
const VALUE_DEFAULT = /^`([^`]+)` \(`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)`\)/;

interface DefaultProblem {
    readonly field: string;
    readonly problem: string;
}

function parse(file: string, text = fs.readFileSync(file, "utf8")): ts.SourceFile {
    return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The component folders' TypeScript sources, where the defaults constants live. */
function componentSources(): ts.SourceFile[] {
    return fs
        .readdirSync(COMPONENTS_DIR, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
        .map((f) => parse(path.join(COMPONENTS_DIR, f)));
}

/** The value of a literal expression (`as const`, `satisfies` and type assertions looked through). */
function literalValue(node: ts.Expression): unknown {
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) {
        return literalValue(node.expression);
    }
    if (ts.isTypeAssertionExpression(node)) return literalValue(node.expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
        return -(literalValue(node.operand as ts.Expression) as number);
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(e));
    if (ts.isObjectLiteralExpression(node)) {
        return Object.fromEntries(
            node.properties.map((p) => {
                if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
                    throw new Error(`not a plain property: ${p.getText()}`);
                }
                return [p.name.text, literalValue(p.initializer)];
            }),
        );
    }
    throw new Error(`not a literal: ${node.getText()}`);
}

/** The value written in a tag, e.g. `80`, `"HTTP"` or `{ unit: "days", value: 1 }`; undefined if it is prose. */
function writtenValue(text: string): { value: unknown } | undefined {
    const statements = parse("default.ts", `(${text});`).statements;
    const statement = statements[0];
    if (statements.length !== 1 || !ts.isExpressionStatement(statement)) return undefined;
    try {
        return { value: literalValue(statement.expression) };
    } catch {
        return undefined;
    }
}

/** Exported constants initialised with literals, by name. */
function exportedConstants(sources: readonly ts.SourceFile[]): Map<string, unknown> {
    const constants = new Map<string, unknown>();
    for (const source of sources) {
        for (const statement of source.statements) {
            if (!ts.isVariableStatement(statement)) continue;
            if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
            for (const declaration of statement.declarationList.declarations) {
                if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
                try {
                    constants.set(declaration.name.text, literalValue(declaration.initializer));
                } catch {
                    // Not a literal (a function call, a computed list): no `@default` can name it.
                }
            }
        }
    }
    return constants;
}

function lookUp(constants: Map<string, unknown>, dotted: string): { found: boolean; value?: unknown } {
    const [head, ...rest] = dotted.split(".");
    if (!constants.has(head)) return { found: false };
    let value: unknown = constants.get(head);
    for (const key of rest) {
        if (value === null || typeof value !== "object" || !(key in value)) return { found: false };
        value = (value as Record<string, unknown>)[key];
    }
    return { found: true, value };
}

/** Each property of an interface or object type in `source`, named `Owner.field`. */
function properties(source: ts.SourceFile): { name: string; node: ts.PropertySignature }[] {
    const found: { name: string; node: ts.PropertySignature }[] = [];
    const visit = (node: ts.Node, owner: string) => {
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) owner = node.name.text;
        if (ts.isPropertySignature(node)) found.push({ name: `${owner}.${node.name.getText()}`, node });
        ts.forEachChild(node, (child) => visit(child, owner));
    };
    visit(source, "");
    return found;
}

/**
 * Every problem with the `@default` tags of `args`: an optional field without exactly one, a required field with
 * one, a value written with no constant, a constant that does not exist or holds another value.
 */
function defaultProblems(args: readonly ts.SourceFile[], constants: Map<string, unknown>): DefaultProblem[] {
    const problems: DefaultProblem[] = [];
    for (const source of args) {
        for (const { name, node } of properties(source)) {
            const field = `${path.relative(COMPONENTS_DIR, source.fileName)} ${name}`;
            const tags = ts.getJSDocTags(node).filter((t) => t.tagName.text === "default");
            // `zoneId?: undefined` only rules a field out of one member of a union: there is nothing to default.
            if (node.type?.kind === ts.SyntaxKind.UndefinedKeyword) continue;
            if (!node.questionToken) {
                if (tags.length > 0) problems.push({ field, problem: "is required but has an @default" });
                continue;
            }
            if (tags.length !== 1) {
                problems.push({ field, problem: `is optional and needs one @default, has ${tags.length}` });
                continue;
            }
            const text = (ts.getTextOfJSDocComment(tags[0].comment) ?? "").replace(/\s+/g, " ").trim();
            const match = VALUE_DEFAULT.exec(text);
            if (!match) {
                const bare = writtenValue(text.replace(/^`(.*)`$/, "$1"));
                // An omitted flag reads as off or on in plain words; any other value lives in a constant.
                if (bare && typeof bare.value !== "boolean") {
                    problems.push({ field, problem: `writes the value ${text} without the constant that holds it` });
                }
                continue;
            }
            const [, written, constant] = match;
            const value = writtenValue(written);
            const held = lookUp(constants, constant);
            if (!value) problems.push({ field, problem: `@default ${written} is not a literal value` });
            else if (!held.found)
                problems.push({ field, problem: `@default names ${constant}, which is not exported` });
            else if (JSON.stringify(value.value) !== JSON.stringify(held.value)) {
                const actual = JSON.stringify(held.value);
                problems.push({ field, problem: `@default says ${written} but ${constant} is ${actual}` });
            }
        }
    }
    return problems;
}

describe("@default tags of the components' args", () => {
    const sources = componentSources();
    const args = sources.filter((s) => path.basename(s.fileName) === "args.ts");
    const constants = exportedConstants(sources);

    it("are on every optional field, and each value equals the constant the component applies", () => {
        expect(args.length).toBeGreaterThanOrEqual(6);
        expect(defaultProblems(args, constants)).toEqual([]);
    });

    it("check real values: the ALB's port, the backup windows and a nested restore-testing default", () => {
        const checked = args
            .flatMap((s) => properties(s))
            .filter(({ node }) =>
                ts.getJSDocTags(node).some((t) => VALUE_DEFAULT.test(ts.getTextOfJSDocComment(t.comment) ?? "")),
            );
        expect(checked.length).toBeGreaterThanOrEqual(50);
        expect(lookUp(constants, "albDefaults.targetPort")).toEqual({ found: true, value: 80 });
        expect(lookUp(constants, "backupDefaults.restoreTesting.recoveryPointTypes").value).toEqual(["SNAPSHOT"]);
    });

    it("report a wrong value, a missing constant, a bare value, a missing tag and a tag on a required field", () => {
        const bad = parse(
            path.join(COMPONENTS_DIR, "example", "args.ts"),
            `export interface ExampleArgs {
                /** @default \`81\` (\`albDefaults.targetPort\`) */
                port?: number;
                /** @default \`"x"\` (\`albDefaults.nothingHere\`) */
                name?: string;
                /** @default 30 */
                interval?: number;
                /** No default written. */
                region?: string;
                /** @default none */
                vpcId: string;
                /** @default false */
                internal?: boolean;
                /** @default the stack's \`aws:region\` */
                zone?: string;
            }`,
        );
        expect(defaultProblems([bad], constants)).toEqual([
            { field: "example/args.ts ExampleArgs.port", problem: "@default says 81 but albDefaults.targetPort is 80" },
            {
                field: "example/args.ts ExampleArgs.name",
                problem: "@default names albDefaults.nothingHere, which is not exported",
            },
            {
                field: "example/args.ts ExampleArgs.interval",
                problem: "writes the value 30 without the constant that holds it",
            },
            { field: "example/args.ts ExampleArgs.region", problem: "is optional and needs one @default, has 0" },
            { field: "example/args.ts ExampleArgs.vpcId", problem: "is required but has an @default" },
        ]);
    });
});
