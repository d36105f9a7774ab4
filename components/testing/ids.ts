import { createHash } from "crypto";

/**
 * Deterministic stand-ins for the identifiers AWS assigns. They have AWS's shapes (prefix, length,
 * alphabet) and are derived from the resource's URN, so the same program always gets the same ids
 * and snapshots stay stable. AWS assigns random ones; nothing in the program may depend on their value.
 */
export function digest(seed: string): string {
    return createHash("sha256").update(seed).digest("hex");
}

export function hexId(seed: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += digest(`${seed}#${i}`);
    return out.slice(0, length);
}

/** e.g. `vpc-0a1b2c3d4e5f60718` (17 hex digits, as EC2 assigns today). */
export function ec2Id(prefix: string, seed: string): string {
    return `${prefix}-${hexId(seed, 17)}`;
}

export function uuid(seed: string): string {
    const h = hexId(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Upper-case alphanumerics, as Route 53 zone ids and IAM unique ids use. */
export function upperAlnum(seed: string, length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const h = hexId(seed, length * 2);
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
    return out;
}

export function digits(seed: string, length: number): string {
    const h = hexId(seed, length * 2);
    let out = "";
    for (let i = 0; i < length; i++) out += String(parseInt(h.slice(i * 2, i * 2 + 2), 16) % 10);
    return out.replace(/^0/, "1");
}
