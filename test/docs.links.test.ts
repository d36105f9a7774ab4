/**
 * The repository documents itself: no tracked file names a path on a developer's machine, every relative link of
 * the Markdown resolves to a file of the repository, and a source file that cites a `.md` page cites one that is
 * in the repository. Facts from AWS or Pulumi are cited by their page's URL instead.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

const PROJECT_DIR = path.join(__dirname, "..");
const THIS_FILE = path.relative(PROJECT_DIR, __filename);

/** Paths that only exist on someone's machine. GitHub's hosted runner home, in recorded CI output, is not one. */
const MACHINE_PATHS: readonly RegExp[] = [
    /(?:^|[\s"'`(=:])\/work\//,
    /shared\/reference/,
    /\/home\/(?!runner\/)[\w.-]+\//,
    /\/Users\/[\w.-]+\//,
    /[A-Za-z]:\\Users\\/,
];
const BINARY = /\.(png|jpe?g|gif|ico|wasm|tgz|zip)$/i;
/** A Markdown link or image target: `[text](target)`, up to a space or the closing parenthesis. */
const MARKDOWN_LINK = /!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
/** A `.md` file named in source text, e.g. `docs/policy.md`. */
const MARKDOWN_FILE = /(?<![\w./:<-])((?:\.{1,2}\/)*[\w-]+(?:\/[\w.-]+)*\.md)\b/g;

function trackedFiles(): string[] {
    return execFileSync("git", ["ls-files", "-z"], { cwd: PROJECT_DIR, encoding: "utf8" })
        .split("\0")
        .filter((f) => f !== "" && fs.existsSync(path.join(PROJECT_DIR, f)));
}

interface Reference {
    readonly at: string;
    readonly problem: string;
}

function lineOf(text: string, index: number): number {
    return text.slice(0, index).split("\n").length;
}

/** The problems of one file's text; `exists` tells whether a repository-relative path is tracked. */
export function referenceProblems(file: string, text: string, exists: (repoPath: string) => boolean): Reference[] {
    const problems: Reference[] = [];
    text.split("\n").forEach((line, i) => {
        for (const pattern of MACHINE_PATHS) {
            const hit = pattern.exec(line);
            if (hit) problems.push({ at: `${file}:${i + 1}`, problem: `names a path of a machine: ${hit[0].trim()}` });
        }
    });
    const resolve = (target: string): string => path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    if (file.endsWith(".md")) {
        for (const match of text.matchAll(MARKDOWN_LINK)) {
            const target = match[1].split("#")[0];
            if (target === "" || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
            const resolved = resolve(target).replace(/\/$/, "");
            if (resolved.startsWith("../") || !exists(resolved)) {
                problems.push({
                    at: `${file}:${lineOf(text, match.index)}`,
                    problem: `links ${match[1]}, not in the repository`,
                });
            }
        }
    } else {
        for (const match of text.matchAll(MARKDOWN_FILE)) {
            const cited = match[1];
            if (![resolve(cited), path.posix.normalize(cited)].some((p) => !p.startsWith("../") && exists(p))) {
                problems.push({
                    at: `${file}:${lineOf(text, match.index)}`,
                    problem: `cites ${cited}, not in the repository`,
                });
            }
        }
    }
    return problems;
}

describe("references in the repository", () => {
    const files = trackedFiles();
    const tracked = new Set(files);
    const directories = new Set(
        files.flatMap((f) =>
            f
                .split("/")
                .slice(0, -1)
                .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
        ),
    );
    const exists = (p: string) => tracked.has(p) || directories.has(p);

    it("stay inside it: no machine paths, no links or cited pages outside it", () => {
        // Source outside test/ cites pages; tests name made-up output files, and fixtures are recorded data.
        const scanned = files.filter(
            (f) => f !== THIS_FILE && !BINARY.test(f) && (f.endsWith(".md") || !f.startsWith("test/")),
        );
        expect(scanned.length).toBeGreaterThan(50);
        const problems = scanned.flatMap((f) =>
            referenceProblems(f, fs.readFileSync(path.join(PROJECT_DIR, f), "utf8"), exists),
        );
        expect(problems).toEqual([]);
    });

    it("keep fixtures and tests free of machine paths too", () => {
        const scanned = files.filter((f) => f !== THIS_FILE && f.startsWith("test/") && !BINARY.test(f));
        const problems = scanned
            .flatMap((f) => referenceProblems(f, fs.readFileSync(path.join(PROJECT_DIR, f), "utf8"), () => true))
            .filter((p) => p.problem.startsWith("names a path"));
        expect(problems).toEqual([]);
    });

    it("are caught: a machine path, a link out of the repository, a missing page, a cited note", () => {
        // Built from parts, so this file itself names no machine path or outside note for a scan to find.
        const machineCopy = ["", "work", "shared", "reference", "x.md"].join("/");
        const outsideNote = ["..", "shared", "reference", "aws-limits.md"].join("/");
        const docs = new Set(["docs/policy.md", "README.md"]);
        const has = (p: string) => docs.has(p) || p === "docs";
        const markdown = [
            "See [policy](policy.md), [the readme](../README.md#top), [AWS](https://docs.aws.amazon.com/x.md).",
            `Notes: [limits](../../shared/notes.md) and [model](dr-model.md); the copy in ${machineCopy}.`,
        ].join("\n");
        expect(referenceProblems("docs/index.md", markdown, has)).toEqual([
            { at: "docs/index.md:2", problem: `names a path of a machine: ${machineCopy.slice(0, 6)}` },
            { at: "docs/index.md:2", problem: "names a path of a machine: shared/reference" },
            { at: "docs/index.md:2", problem: "links ../../shared/notes.md, not in the repository" },
            { at: "docs/index.md:2", problem: "links dr-model.md, not in the repository" },
        ]);
        const source = `/** From ${outsideNote}; see docs/policy.md and https://x.io/a.md. */`;
        expect(referenceProblems("components/alb/validate.ts", source, has)).toEqual([
            { at: "components/alb/validate.ts:1", problem: "names a path of a machine: shared/reference" },
            {
                at: "components/alb/validate.ts:1",
                problem: `cites ${outsideNote}, not in the repository`,
            },
        ]);
    });
});
