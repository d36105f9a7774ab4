/**
 * What to change when an objective is not met: the field behind the largest part, and the largest
 * value of it that would still pass (the objective minus the other parts, in the field's own unit).
 */
import { Lever, Term } from "./levers";

export interface Fix {
    /** The field the finding names, with its value as written. */
    readonly lever: Lever;
    /** True when some value of the field (and of its siblings) passes. */
    readonly feasible: boolean;
    /** Feasible: "set it to at most 120" (and the same for siblings). Else why no value can pass. */
    readonly text: string;
    /** How much the total comes down with the field (and its siblings that must) at the least. */
    readonly reduction: number;
}

/** The parts one field feeds. */
interface Group {
    readonly terms: Term[];
    readonly share: number;
}

function groups(terms: readonly Term[]): Group[] {
    const byPath = new Map<string, Term[]>();
    for (const t of terms) {
        if (t.part.path === undefined || t.levers.length === 0) continue;
        byPath.set(t.part.path, [...(byPath.get(t.part.path) ?? []), t]);
    }
    return [...byPath.values()]
        .map((ts) => ({ terms: ts, share: ts.reduce((total, t) => total + t.part.seconds, 0) }))
        .sort((a, b) => b.share - a.share);
}

/**
 * The fix of one field for an `excess` over the objective. A field feeding k parts (the completion
 * window, and the copy assumed to take as long) must come down by excess / k. A part that is the
 * slowest of several fleets or types must come down to `part − excess`, and so must every one of
 * them above that.
 */
function fixOf(group: Group, excess: number): Fix {
    const [term] = group.terms;
    const k = group.terms.length;
    const slowestOf = term.levers.length > 1 || term.levers[0].partSeconds !== term.levers[0].seconds;
    const budget = term.part.seconds - excess;
    const needed = slowestOf
        ? term.levers
              .filter((l) => l.partSeconds > budget)
              .map((l) => ({ lever: l, max: l.seconds - (l.partSeconds - budget) / (l.timesCounted ?? 1) }))
        : [{ lever: term.levers[0], max: term.levers[0].seconds - excess / k }];
    const [main, ...others] = needed;
    const atLeast = (l: Lever) =>
        needed.some((n) => n.lever === l)
            ? l.partSeconds - (l.seconds - l.least) * (l.timesCounted ?? 1)
            : l.partSeconds;
    const reduction = slowestOf
        ? term.part.seconds - Math.max(...term.levers.map(atLeast))
        : k * (main.lever.seconds - main.lever.least);
    if (!needed.every((n) => n.max >= n.lever.least)) {
        return {
            lever: main.lever,
            feasible: false,
            reduction,
            text: `no value of it can pass (${main.lever.leastWhy})`,
        };
    }
    const text = [
        `${main.lever.fix(main.max)}${main.lever.onlyIf ? `, but only if ${main.lever.onlyIf}` : ""}`,
        ...others.map((o) => `likewise ${o.lever.path} (${o.lever.asWritten}): ${o.lever.fix(o.max)}`),
    ].join("; ");
    return { lever: main.lever, feasible: true, reduction, text };
}

/**
 * The fix of the field behind the largest part, and, when no value of it can pass, the largest
 * other field that can on its own (undefined when none can).
 */
export function fixFor(terms: readonly Term[], excess: number): { blamed?: Fix; instead?: Fix } {
    const fixes = groups(terms).map((g) => fixOf(g, excess));
    const blamed = fixes[0];
    return { blamed, instead: blamed && !blamed.feasible ? fixes.find((f) => f.feasible) : undefined };
}
