/** IPv4 CIDR arithmetic for carving subnets. Pure; no Pulumi. */

export interface Cidr {
    /** Network address as an unsigned 32-bit integer. */
    readonly base: number;
    readonly prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (base % size !== 0) return undefined; // host bits set: 10.0.0.1/16 is not a network address
    return { base, prefix };
}

export function formatCidr(c: Cidr): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(c.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${c.prefix}`;
}

/** Bits needed to number `count` equal subnets. */
export function bitsFor(count: number): number {
    return Math.ceil(Math.log2(Math.max(count, 1)));
}

/** The `count` first equal subnets of `block`, each `bitsFor(count)` bits longer. */
export function carve(block: Cidr, count: number): Cidr[] {
    const prefix = block.prefix + bitsFor(count);
    const size = 2 ** (32 - prefix);
    return Array.from({ length: count }, (_, i) => ({ base: block.base + i * size, prefix }));
}
