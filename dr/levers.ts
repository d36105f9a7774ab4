/**
 * The config fields ("levers") behind the parts of the RTO and the RPO: the value as written, the
 * least AWS or the library allows, and how to write a smaller one.
 */
import { formatSeconds } from "./format";
import { DrPart } from "./model";

/** A config field behind a part. Seconds are the field's share of the part. */
export interface Lever {
    readonly path: string;
    /** The value as written in config, quoted in findings. */
    readonly asWritten: string;
    readonly seconds: number;
    /** The part's seconds when this field's fleet or type is the one that counts. */
    readonly partSeconds: number;
    /** The least the field's share can be, and why. */
    readonly least: number;
    readonly leastWhy: string;
    /** The fix that brings the field's share down to `max` seconds (`max` ≥ `least`). */
    readonly fix: (max: number) => string;
    /** For an assumption: what must hold before it may be declared lower. */
    readonly onlyIf?: string;
    /** How many times the field counts in the part (a warm-up counts once per scale-out step). Default 1. */
    readonly timesCounted?: number;
}

export interface Term {
    readonly part: DrPart;
    readonly levers: readonly Lever[];
}

/** 5400 -> "1h30m": a value as a config duration is written. */
export const durationText = (seconds: number) => formatSeconds(seconds).replace(/ /g, "");

/** How a config field is written, from the project's naming: `...Minutes`, `...Seconds`, else a duration. */
function fieldFormat(path: string): { asWritten: (seconds: number) => string; atMost: (max: number) => string } {
    if (path.endsWith("Minutes"))
        return { asWritten: (s) => String(s / 60), atMost: (max) => `set it to at most ${Math.floor(max / 60)}` };
    if (path.endsWith("Seconds"))
        return { asWritten: (s) => String(s), atMost: (max) => `set it to at most ${Math.floor(max)}` };
    return { asWritten: durationText, atMost: (max) => `set it to at most ${durationText(Math.floor(max))}` };
}

/** A field holding a number or a duration, alone or as one fleet's or type's share of a part. */
export function fieldLever(
    path: string,
    seconds: number,
    least: number,
    leastWhy: string,
    onlyIf?: string,
    partSeconds = seconds,
): Lever {
    const w = fieldFormat(path);
    return { path, asWritten: w.asWritten(seconds), seconds, partSeconds, least, leastWhy, fix: w.atMost, onlyIf };
}

export const LEAST_DURATION = "a duration is more than 0";

/** The slowest first; ties keep the input's order. */
export const slowestFirst = <T>(items: readonly T[], seconds: (t: T) => number) =>
    [...items].sort((a, b) => seconds(b) - seconds(a));

/** One lever per field: fleets or types that share a field (one declared value for all) change together. */
export const onePerField = (levers: readonly Lever[]) =>
    levers.filter((l, i) => levers.findIndex((m) => m.path === l.path) === i);
