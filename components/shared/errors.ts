import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with one input: where it is, what it was, and what would have been accepted. */
export interface InputProblem {
    /** Dotted path of the field, relative to the component's args (or the stack config). */
    readonly path: string;
    /** The value that was given. */
    readonly value: unknown;
    /** What is allowed, phrased to follow "must be": e.g. "an integer 0..999". */
    readonly allowed: string;
}

/** Stands for a secret value in a problem, so the message can name the field without printing it. */
export const REDACTED: unique symbol = Symbol("redacted");

/** Formats a value for an error message: short, unambiguous, never a stack of nested JSON. */
export function describeValue(value: unknown): string {
    if (value === REDACTED) return "[secret]";
    if (value === undefined) return "nothing";
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

export function formatProblem(subject: string, problem: InputProblem): string {
    return `${subject}: ${problem.path} must be ${problem.allowed}, got ${describeValue(problem.value)}`;
}

/**
 * Raised when inputs are invalid, before any resource is registered.
 *
 * It extends `pulumi.RunError` so that the Pulumi CLI prints only the message, with no JavaScript
 * stack trace, and the offline plan command does the same. Every problem is listed, one per line,
 * each line complete on its own so it can be grepped.
 */
export class InvalidInputError extends pulumi.RunError {
    /** e.g. `MultiAzAlb "web"` or `stack "prod"`. */
    public readonly subject: string;
    public readonly problems: readonly InputProblem[];

    /**
     * @param whenResolved the values were known only at deploy time: the message says so, and that
     * nothing depending on them was registered.
     */
    constructor(subject: string, problems: readonly InputProblem[], whenResolved = false) {
        const lines = problems.map((p) => formatProblem(subject, p));
        if (whenResolved) {
            lines.unshift(
                `${subject}: inputs known only at deploy time failed their checks; nothing that uses them was created`,
            );
        }
        const message = lines.join("\n");
        super(message);
        this.name = "InvalidInputError";
        this.subject = subject;
        this.problems = problems;
        // Every resource input that depends on a failed check rejects with this same error, and the SDK
        // prefixes "error serializing property ..." to the message of each one it passes through. The
        // message stays as written, so the Pulumi CLI, which reports an error object once, says it once.
        Object.defineProperty(this, "message", { get: () => message, set: () => undefined, enumerable: false });
    }
}

/** `MultiAzAlb "web"`: how every message names the component it is about. */
export function componentSubject(kind: string, name: string): string {
    return `${kind} ${JSON.stringify(name)}`;
}
