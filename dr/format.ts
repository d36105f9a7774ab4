/** 5400 -> "1h 30m"; used in findings, so a reader compares like with like. */
export function formatSeconds(seconds: number): string {
    if (!Number.isFinite(seconds)) return "unbounded";
    if (seconds === 0) return "0s";
    const parts: string[] = [];
    let rest = Math.round(seconds);
    for (const [unit, size] of [
        ["d", 86400],
        ["h", 3600],
        ["m", 60],
        ["s", 1],
    ] as const) {
        if (rest >= size) {
            parts.push(`${Math.floor(rest / size)}${unit}`);
            rest %= size;
        }
    }
    return parts.join(" ");
}
