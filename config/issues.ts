import type { z } from "zod";
import { InputProblem } from "../components/internal";

/** Levenshtein distance, for "did you mean" on misspelled keys. Keys are short; O(a*b) is fine. */
export function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(
                prev[j] + 1,
                row[j - 1] + 1,
                prev[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
            );
        }
        prev = row;
    }
    return prev[b.length];
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    for (const c of candidates) {
        const d = editDistance(word, c);
        if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    return best;
}

const typeNames: Record<string, string> = {
    string: "a string",
    number: "a number",
    boolean: "true or false",
    object: "a map of keys to values",
    array: "a list",
};

function allowedText(issue: z.core.$ZodIssue): string {
    switch (issue.code) {
        case "invalid_type": {
            const expected = typeNames[issue.expected] ?? `a ${issue.expected}`;
            return issue.input === undefined ? `set (it is required): ${expected}` : expected;
        }
        case "invalid_value":
            return `one of ${issue.values.map((v) => String(v)).join(", ")}`;
        default:
            return issue.message;
    }
}

/**
 * Turns schema issues into the project's problems: a dotted path under `prefix`, the value, and
 * what is allowed. Unknown keys become one problem each, with the nearest known key suggested.
 */
export function problemsFromIssues(
    issues: readonly z.core.$ZodIssue[],
    knownKeysAt: (path: readonly PropertyKey[]) => readonly string[],
    pathText: (path: readonly PropertyKey[]) => string,
): InputProblem[] {
    const problems: InputProblem[] = [];
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys") {
            const known = knownKeysAt(issue.path);
            for (const key of issue.keys) {
                const guess = closest(key, known);
                problems.push({
                    path: pathText([...issue.path, key]),
                    value: (issue.input as Record<string, unknown> | undefined)?.[key],
                    allowed: `a known key${guess ? ` (did you mean "${guess}"?)` : ""}; the keys here are ${known.join(", ")}`,
                });
            }
            continue;
        }
        if (issue.code === "invalid_key") {
            // A map key that breaks its pattern: report the key itself under its own path.
            const inner = issue.issues[0];
            problems.push({
                path: pathText([...issue.path]),
                value: issue.input,
                allowed: inner ? allowedText(inner as z.core.$ZodIssue) : issue.message,
            });
            continue;
        }
        if (issue.code === "invalid_union") {
            problems.push({ path: pathText(issue.path), value: issue.input, allowed: issue.message });
            continue;
        }
        problems.push({ path: pathText(issue.path), value: issue.input, allowed: allowedText(issue) });
    }
    return problems;
}
