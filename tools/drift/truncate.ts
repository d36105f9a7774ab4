/**
 * Fits a Markdown report into a size limit by dropping whole sections from the end, never cutting one
 * in the middle, and says what was left out.
 */

/** GitHub's limit for the body of an issue or pull request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface Section {
    readonly text: string;
    /** What the section describes, for the note on what was left out; "other" sections are not counted. */
    readonly counts: "resource" | "error" | "other";
}

/** Room kept for the closing note; the longest note is well under this. */
const NOTE_RESERVE = 400;

export interface Fitted {
    readonly text: string;
    readonly omittedResources: number;
    readonly omittedErrors: number;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Joins sections with blank lines, keeping the longest prefix that fits in `maxChars` together with
 * the note. The text ends with a newline, which counts toward the limit. `hint` tells the reader where
 * to see everything.
 */
export function fitSections(sections: readonly Section[], maxChars: number, hint: string): Fitted {
    const whole = `${sections.map((s) => s.text).join("\n\n")}\n`;
    if (whole.length <= maxChars) return { text: whole, omittedResources: 0, omittedErrors: 0 };

    const budget = maxChars - NOTE_RESERVE;
    const kept: string[] = [];
    let length = 0;
    let cut = sections.length;
    for (const [i, section] of sections.entries()) {
        const added = section.text.length + (kept.length > 0 ? 2 : 0);
        if (length + added > budget) {
            cut = i;
            break;
        }
        kept.push(section.text);
        length += added;
    }
    const dropped = sections.slice(cut);
    const omittedResources = dropped.filter((s) => s.counts === "resource").length;
    const omittedErrors = dropped.filter((s) => s.counts === "error").length;
    const left = [
        omittedResources > 0 ? plural(omittedResources, "resource") : "",
        omittedErrors > 0 ? plural(omittedErrors, "error diagnostic") : "",
    ]
        .filter(Boolean)
        .join(" and ");
    const note = `> :scissors: **Report cut to fit ${maxChars.toLocaleString("en-US")} characters:** ${left || "some sections"} left out. ${hint}`;
    const text = `${[...kept, note].join("\n\n")}\n`;
    // Only a limit smaller than the note itself gets here; the CLI rejects such limits.
    return {
        text: text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}\n`,
        omittedResources,
        omittedErrors,
    };
}
