/** The drift report as GitHub-flavoured Markdown. */
import { DriftReport, hasDrift, parseUrn, ResourceChange } from "./model";
import { PreviewDiagnostic } from "./schema";
import { fitSections, GITHUB_COMMENT_LIMIT, Section } from "./truncate";

export const DANGER = ":warning: **DANGER**";
/** The headline's list of dangerous resources stops here; every one still has its own section. */
const MAX_DANGER_NAMES = 20;
const MAX_DIAGNOSTIC_CHARS = 2_000;

/** Inline code that survives backticks and table pipes in the text. */
export function code(text: string): string {
    const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
    const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(longestRun + 1);
    const pad = longestRun > 0 ? " " : "";
    return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function codeBlock(text: string): string {
    const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(longestRun + 1);
    return `${fence}text\n${text}\n${fence}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * What the changes in a preview are: drift (the preview ran with a refresh, so the cloud's changes are
 * in it) or pending (no refresh: the program's changes that are merged and not yet deployed).
 */
export type ChangeKind = "drift" | "pending";

const WORDING: Record<ChangeKind, { title: string; none: string; unknown: string; changed: (n: number) => string }> = {
    drift: {
        title: "Drift report",
        none: "**No drift**: every resource matches the program.",
        unknown: "drift cannot be ruled out",
        changed: (n) => `${n} ${n === 1 ? "resource" : "resources"} drifted`,
    },
    pending: {
        title: "Pending changes",
        none: "**Nothing pending**: the program matches what is deployed.",
        unknown: "pending changes are unknown",
        changed: (n) => `${n} ${n === 1 ? "resource has" : "resources have"} changes merged but not deployed`,
    },
};

function headline(report: DriftReport, kind: ChangeKind): string {
    const words = WORDING[kind];
    if (report.errors.length > 0 && !hasDrift(report)) {
        return `> :x: **The preview failed with ${plural(report.errors.length, "error")}**: ${words.unknown}.`;
    }
    if (!hasDrift(report)) return `> :white_check_mark: ${words.none}`;
    const changed = report.resources.length + report.unlistedChanges;
    const dangers = report.resources.filter((r) => r.danger).length;
    const danger =
        dangers > 0 ? `, ${DANGER}: ${plural(dangers, "stateful resource")} would be replaced or deleted` : "";
    return `> :warning: **${words.changed(changed)}**${danger}.`;
}

function table(report: DriftReport): string {
    const rows = [...report.counts].map(([op, n]) => `| ${op} | ${n} |`);
    if (report.unlistedChanges > 0) rows.push(`| (in the summary, without a step) | ${report.unlistedChanges} |`);
    if (report.unchanged !== undefined) rows.push(`| unchanged | ${report.unchanged} |`);
    if (rows.length === 0) return "";
    return ["| Operation | Resources |", "| --- | ---: |", ...rows].join("\n");
}

function dangerList(report: DriftReport): string {
    const dangers = report.resources.filter((r) => r.danger);
    if (dangers.length === 0) return "";
    const names = dangers
        .slice(0, MAX_DANGER_NAMES)
        .map(
            (r) =>
                `- ${code(r.op)} ${code(r.type)} ${code(r.name)}${r.protect ? " (protected: the update will fail until `protect` is lifted)" : ""}`,
        );
    if (dangers.length > MAX_DANGER_NAMES) names.push(`- ... and ${dangers.length - MAX_DANGER_NAMES} more, below`);
    return [`${DANGER}: data, keys or backups would be lost:`, ...names].join("\n");
}

function diagnosticSection(d: PreviewDiagnostic): string {
    const message = (d.message ?? "").trim();
    const shown =
        message.length > MAX_DIAGNOSTIC_CHARS
            ? `${message.slice(0, MAX_DIAGNOSTIC_CHARS)}\n... (${message.length - MAX_DIAGNOSTIC_CHARS} more characters)`
            : message;
    const where = d.urn ? ` on ${code(parseUrn(d.urn).type)} ${code(parseUrn(d.urn).name)}` : "";
    return `**Error**${where}:\n\n${codeBlock(shown)}`;
}

function resourceSection(r: ResourceChange): string {
    const marker = r.danger ? `${DANGER} ` : "";
    const lines = [`#### ${marker}${code(r.op)} ${code(r.type)} ${code(r.name)}`];
    if (r.replaceReasons.length > 0) lines.push("", `Replaced because of: ${r.replaceReasons.map(code).join(", ")}`);
    if (r.properties.length > 0) {
        lines.push("", "| Property | Change | Old | New |", "| --- | --- | --- | --- |");
        for (const p of r.properties)
            lines.push(
                `| ${code(p.path)} | ${p.kind} | ${p.old === undefined ? "" : code(p.old)} | ${p.new === undefined ? "" : code(p.new)} |`,
            );
    } else if (r.diffReasons.length > 0) {
        lines.push("", `Changed properties: ${r.diffReasons.map(code).join(", ")}`);
    }
    lines.push("", `<sub>${code(r.urn)}</sub>`);
    return lines.join("\n");
}

export interface RenderOptions {
    /** Default: GitHub's comment limit. */
    readonly maxChars?: number;
    /** Default: drift. */
    readonly kind?: ChangeKind;
}

/** The report's Markdown, cut at whole sections to fit `maxChars`. */
export function renderMarkdown(report: DriftReport, options: RenderOptions = {}): string {
    const stack = report.stack || "(unknown stack)";
    const kind = options.kind ?? "drift";
    const head: Section[] = [
        { text: `### ${WORDING[kind].title}: stack ${code(stack)}`, counts: "other" },
        { text: headline(report, kind), counts: "other" },
        { text: table(report), counts: "other" },
        { text: dangerList(report), counts: "other" },
    ];
    if (report.maybeCorrupt)
        head.push({ text: "> :warning: Pulumi reports that one or more resources may be corrupt.", counts: "other" });
    if (report.warnings > 0)
        head.push({ text: `${plural(report.warnings, "warning")} in the preview (not shown).`, counts: "other" });
    const titled = (title: string, body: Section[]): Section[] =>
        body.length > 0 ? [{ text: title, counts: "other" }, ...body] : [];
    const sections = [
        ...head,
        ...titled(
            `### Errors (${report.errors.length})`,
            report.errors.map((d) => ({ text: diagnosticSection(d), counts: "error" })),
        ),
        ...titled(
            `### Changes (${report.resources.length})`,
            report.resources.map((r) => ({ text: resourceSection(r), counts: "resource" })),
        ),
    ].filter((s) => s.text !== "");
    const hint = `Run ${code(`pulumi preview --diff --stack ${stack}`)} to see every change.`;
    return fitSections(sections, options.maxChars ?? GITHUB_COMMENT_LIMIT, hint).text;
}
