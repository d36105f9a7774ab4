import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    AlbListenerRule,
    defaultForwardWeights,
    MultiAzAlbArgs,
    validateAlbArgs,
    weightedForward,
} from "../components/alb";
import { constraintViolations } from "../components/testing";
import { InvalidInputError, ruleConditions } from "../components/internal";
import { albArgs, buildAlb } from "./alb.fixtures";
import { ofType, run, runExpectingError } from "./harness";

const groupKey = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const validWeight = fc.integer({ min: 0, max: 999 });
const invalidWeight = fc.oneof(
    fc.integer({ min: 1000, max: 1_000_000 }),
    fc.integer({ min: -1_000_000, max: -1 }),
    fc.integer({ min: 0, max: 998 }).map((w) => w + 0.5),
);

/** 1..5 groups with weights 0..999, not all 0. */
const validWeights = fc
    .uniqueArray(groupKey, { minLength: 1, maxLength: 5 })
    .chain((keys) =>
        fc.tuple(fc.constant(keys), fc.array(validWeight, { minLength: keys.length, maxLength: keys.length })),
    )
    .filter(([, weights]) => weights.some((w) => w > 0))
    .map(([keys, weights]) => Object.fromEntries(keys.map((k, i) => [k, weights[i]])));

/** 1..5 groups where at least one weight is out of range or fractional; returns the map and the bad keys. */
const invalidWeights = fc
    .uniqueArray(groupKey, { minLength: 1, maxLength: 5 })
    .chain((keys) =>
        fc.tuple(
            fc.constant(keys),
            fc.array(fc.oneof(validWeight, invalidWeight), { minLength: keys.length, maxLength: keys.length }),
            fc.nat(keys.length - 1),
            invalidWeight,
        ),
    )
    .map(([keys, weights, forced, bad]) => {
        const all = weights.map((w, i) => (i === forced ? bad : w));
        const map = Object.fromEntries(keys.map((k, i) => [k, all[i]]));
        return { map, offending: keys.filter((_, i) => !(Number.isInteger(all[i]) && all[i] >= 0 && all[i] <= 999)) };
    });

/** The same weights on the target groups (default action) and on a listener rule. */
function argsFor(weights: Record<string, number>): MultiAzAlbArgs {
    return albArgs({
        targetGroups: Object.fromEntries(Object.entries(weights).map(([k, weight]) => [k, { weight }])),
        listenerRules: { svc: { priority: 1, pathPatterns: ["/svc/*"], forward: { targetGroups: weights } } },
        accessLogs: { enabled: false },
        alarms: { enabled: false },
    });
}

describe("MultiAzAlb weights (property)", () => {
    it("turns any valid weights map into forward actions with exactly those weights", () => {
        fc.assert(
            fc.property(validWeights, (weights) => {
                const args = argsFor(weights);
                expect(validateAlbArgs(args, "us-east-1")).toEqual([]);
                const arnOf = (key: string) => `arn:${key}`;
                const expected = Object.entries(weights).map(([k, weight]) => ({ arn: `arn:${k}`, weight }));
                expect(weightedForward({ targetGroups: defaultForwardWeights(args.targetGroups) }, arnOf)).toEqual({
                    targetGroups: expected,
                });
                expect(weightedForward(args.listenerRules!.svc.forward!, arnOf)).toEqual({ targetGroups: expected });
            }),
            { numRuns: 1000 },
        );
    });

    it("rejects any invalid weights map, naming every offending target group and no other", () => {
        fc.assert(
            fc.property(invalidWeights, ({ map, offending }) => {
                const problems = validateAlbArgs(argsFor(map), "us-east-1");
                const weightPaths = problems
                    .map((p) => p.path)
                    .filter((p) => p.endsWith(".weight") || /\.forward\.targetGroups\.[^.]+$/.test(p));
                const expected = offending.flatMap((k) => [
                    `targetGroups.${k}.weight`,
                    `listenerRules.svc.forward.targetGroups.${k}`,
                ]);
                expect(weightPaths.sort()).toEqual(expected.sort());
                const message = new InvalidInputError('MultiAzAlb "web"', problems).message;
                for (const k of offending)
                    expect(message).toContain(`targetGroups.${k}.weight must be an integer 0..999, got ${map[k]}`);
            }),
            { numRuns: 1000 },
        );
    });

    it("rejects a rule's forward that is invalid as a whole: all zero, over 5 groups, or naming unknown groups", () => {
        const groups = fc.uniqueArray(groupKey, { minLength: 1, maxLength: 10 });
        const broken = fc.oneof(
            groups
                .filter((keys) => keys.length <= 5)
                .map((keys) => ({
                    kind: "all zero" as const,
                    keys,
                    forward: Object.fromEntries(keys.map((k) => [k, 0])),
                })),
            groups
                .filter((keys) => keys.length > 5)
                .map((keys) => ({
                    kind: "too many" as const,
                    keys,
                    forward: Object.fromEntries(keys.map((k) => [k, 1])),
                })),
            fc
                .tuple(
                    groups.filter((keys) => keys.length <= 4),
                    fc.uniqueArray(
                        groupKey.map((k) => `x${k}`),
                        { minLength: 1, maxLength: 1 },
                    ),
                )
                .map(([keys, unknown]) => ({
                    kind: "unknown" as const,
                    keys,
                    unknown,
                    forward: Object.fromEntries([...keys, ...unknown].map((k) => [k, 1])),
                })),
        );
        fc.assert(
            fc.property(broken, (c) => {
                const args = albArgs({
                    targetGroups: Object.fromEntries(c.keys.map((k) => [k, { weight: 1 }])),
                    listenerRules: {
                        svc: { priority: 1, pathPatterns: ["/svc/*"], forward: { targetGroups: c.forward } },
                    },
                });
                const lines = new InvalidInputError(
                    'MultiAzAlb "web"',
                    validateAlbArgs(args, "us-east-1"),
                ).message.split("\n");
                const at = 'MultiAzAlb "web": listenerRules.svc.forward.targetGroups';
                if (c.kind === "all zero")
                    expect(
                        lines.filter((l) => l.startsWith(`${at} must be weights with at least one above 0`)),
                    ).toHaveLength(1);
                if (c.kind === "too many")
                    expect(lines.filter((l) => l.startsWith(`${at} must be 1 to 5 target groups`))).toHaveLength(1);
                if (c.kind === "unknown") {
                    const bad = lines.filter((l) => l.startsWith(`${at}.`));
                    expect(bad).toEqual(
                        c.unknown.map(
                            (k) => `${at}.${k} must be one of the target groups (${c.keys.join(", ")}), got "${k}"`,
                        ),
                    );
                }
            }),
            { numRuns: 1000 },
        );
    });

    // The same properties through the offline engine, fewer runs: each evaluation declares a whole ALB.
    it("declares listeners with exactly the generated weights", async () => {
        await fc.assert(
            fc.asyncProperty(validWeights, async (weights) => {
                const record = await run(buildAlb(argsFor(weights)));
                const arns = record.outputs.targetGroupArns.value as Record<string, string>;
                const expected = Object.entries(weights).map(([k, weight]) => ({ arn: arns[k], weight }));
                const https = ofType(record, "aws:lb/listener:Listener").find((l) => l.name === "web-https")!;
                const rule = ofType(record, "aws:lb/listenerRule:ListenerRule")[0];
                expect((https.inputs.defaultActions as { forward: unknown }[])[0].forward).toEqual({
                    targetGroups: expected,
                });
                expect((rule.inputs.actions as { forward: unknown }[])[0].forward).toEqual({ targetGroups: expected });
            }),
            { numRuns: 15 },
        );
    }, 60_000);

    it("fails the program on invalid weights before declaring anything, naming every offending group", async () => {
        await fc.assert(
            fc.asyncProperty(invalidWeights, async ({ map, offending }) => {
                const { error, registered } = await runExpectingError(buildAlb(argsFor(map)));
                expect(registered).toEqual([]);
                for (const k of offending)
                    expect(error.message).toContain(
                        `MultiAzAlb "web": targetGroups.${k}.weight must be an integer 0..999`,
                    );
            }),
            { numRuns: 30 },
        );
    }, 60_000);
});

/** A rule's conditions drawn with 0..4 values each (0 leaves the condition out), of values ELB accepts one by one. */
const conditionSizes = fc.record({
    hostHeaders: fc.integer({ min: 0, max: 4 }),
    pathPatterns: fc.integer({ min: 0, max: 4 }),
    httpRequestMethods: fc.integer({ min: 0, max: 4 }),
    sourceIps: fc.integer({ min: 0, max: 4 }),
    httpHeaders: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
    queryStrings: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
});
type ConditionSizes = typeof conditionSizes extends fc.Arbitrary<infer T> ? T : never;

function ruleWith(sizes: ConditionSizes): AlbListenerRule {
    const list = <T>(n: number, value: (i: number) => T) =>
        n === 0 ? undefined : Array.from({ length: n }, (_, i) => value(i));
    return {
        priority: 1,
        hostHeaders: list(sizes.hostHeaders, (i) => `h${i}.example.com`),
        pathPatterns: list(sizes.pathPatterns, (i) => `/p${i}`),
        httpRequestMethods: list(sizes.httpRequestMethods, (i) => ["GET", "POST", "PUT", "HEAD"][i]),
        sourceIps: list(sizes.sourceIps, (i) => `10.${i}.0.0/16`),
        httpHeaders: sizes.httpHeaders.map((n, h) => ({ name: `X-H${h}`, values: list(n, (i) => `v${i}`)! })),
        queryStrings: sizes.queryStrings.map((n) => ({ values: list(n, (i) => ({ key: `k${i}`, value: `v${i}` }))! })),
        forward: { targetGroups: { blue: 1 } },
    };
}

describe("MultiAzAlb rule conditions (property)", () => {
    it("accepts a rule exactly when it has a condition, 3 values at most in each and 5 in all, and declares them all", () => {
        fc.assert(
            fc.property(conditionSizes, (sizes) => {
                const counts = [
                    sizes.hostHeaders,
                    sizes.pathPatterns,
                    sizes.httpRequestMethods,
                    sizes.sourceIps,
                    ...sizes.httpHeaders,
                    ...sizes.queryStrings,
                ].filter((n) => n > 0);
                const total = counts.reduce((a, b) => a + b, 0);
                const valid = counts.length > 0 && counts.every((n) => n <= 3) && total <= 5;
                const rule = ruleWith(sizes);
                const problems = validateAlbArgs(albArgs({ listenerRules: { r: rule } }), "us-east-1");
                expect(problems.length === 0, JSON.stringify(problems)).toBe(valid);
                const conditions = ruleConditions(rule);
                expect(conditions).toHaveLength(counts.length);
                // What the component declares is what the offline engine (and ELB) accepts, and only that.
                const violations = constraintViolations("aws:lb/listenerRule:ListenerRule", {
                    priority: 1,
                    conditions,
                    actions: [{ type: "forward" }],
                });
                expect(violations.length === 0, JSON.stringify(violations)).toBe(valid);
            }),
            { numRuns: 1000 },
        );
    });
});
