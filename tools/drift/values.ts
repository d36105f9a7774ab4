/**
 * Property values in a preview, as the report may print them: secrets masked, unknowns named, long
 * values shortened. Nothing else in tools/drift reads a raw property value.
 */

/** What `pulumi preview --json` writes in place of a secret value. */
export const SECRET_PLACEHOLDER = "[secret]";
/** The key of Pulumi's serialized secret (`{ <sig>: "1b47061264138c4ac30d75fd1eb44270", ciphertext | plaintext }`). */
export const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** Pulumi's stand-in for a value that is only known after the update (`resource.UnknownStringValue`). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const MASKED = SECRET_PLACEHOLDER;
const MAX_VALUE_CHARS = 80;
const UNKNOWN_TEXT = "(known after update)";

export type PathSegment = string | number;

/**
 * Splits a Pulumi property path (`tags.Name`, `rules[0].lifecycle`, `tags["a.b"]`) into segments.
 * A path it cannot read comes back as one segment, so a lookup finds nothing rather than the wrong value.
 */
export function parsePropertyPath(path: string): PathSegment[] {
    const segments: PathSegment[] = [];
    let i = 0;
    while (i < path.length) {
        if (path[i] === "[") {
            const close = path.indexOf("]", i);
            if (close < 0) return [path];
            const inner = path.slice(i + 1, close);
            if (/^\d+$/.test(inner)) segments.push(Number(inner));
            else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) segments.push(JSON.parse(inner) as string);
            else return [path];
            i = close + 1;
        } else if (path[i] === ".") {
            i++;
        } else {
            const match = /^[^.[]+/.exec(path.slice(i));
            segments.push(match![0]);
            i += match![0].length;
        }
    }
    return segments;
}

export function isSecretValue(value: unknown): boolean {
    if (value === SECRET_PLACEHOLDER) return true;
    return typeof value === "object" && value !== null && !Array.isArray(value) && SECRET_SIGNATURE_KEY in value;
}

/** True when the value is a secret or holds one anywhere inside it. */
export function containsSecret(value: unknown): boolean {
    if (isSecretValue(value)) return true;
    if (Array.isArray(value)) return value.some(containsSecret);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
    return false;
}

export interface Lookup {
    readonly found: boolean;
    readonly value?: unknown;
    /** A secret lies on the path or inside the value: the value must not be printed. */
    readonly secret: boolean;
}

/** Follows a path into a property map. A secret met on the way makes the whole result secret. */
export function lookup(root: Record<string, unknown> | null | undefined, path: readonly PathSegment[]): Lookup {
    let current: unknown = root;
    for (const segment of path) {
        if (isSecretValue(current)) return { found: true, secret: true };
        if (current === null || typeof current !== "object") return { found: false, secret: false };
        if (Array.isArray(current) ? typeof segment !== "number" : typeof segment !== "string") {
            return { found: false, secret: false };
        }
        if (!Object.prototype.hasOwnProperty.call(current, segment)) return { found: false, secret: false };
        current = (current as Record<PathSegment, unknown>)[segment];
    }
    return { found: true, value: current, secret: containsSecret(current) };
}

/** One line of text for a value that is known not to be secret. */
export function displayValue(value: unknown): string {
    if (value === UNKNOWN_VALUE) return UNKNOWN_TEXT;
    const text = (JSON.stringify(value) ?? String(value)).split(JSON.stringify(UNKNOWN_VALUE)).join(UNKNOWN_TEXT);
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
