/** Durations in config are written `90s`, `15m`, `1h`, `1d` (or combined, `1h30m`). */
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const DURATION = /^(?:\d+[smhd])+$/;

export function parseDuration(text: string): number | undefined {
    if (!DURATION.test(text)) return undefined;
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+)([smhd])/g)) seconds += Number(amount) * UNITS[unit];
    return seconds;
}
