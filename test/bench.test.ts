import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { describe, expect, it } from "vitest";
import {
    addedPerService,
    figure,
    formatSpread,
    machineLine,
    median,
    pairedRatios,
    perServiceRatio,
    quantile,
    resolveResourceClass,
    scalingAlbConfig,
    spreadOf,
    table,
} from "../bench/measure";

const packages = { aws, random };

describe("bench: type token to SDK class", () => {
    it("resolves a module's class and the package root for module index", () => {
        expect(resolveResourceClass("aws:lb/loadBalancer:LoadBalancer", packages)).toBe(aws.lb.LoadBalancer);
        expect(resolveResourceClass("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", packages)).toBe(
            aws.vpc.SecurityGroupIngressRule,
        );
        expect(resolveResourceClass("random:index/randomId:RandomId", packages)).toBe(random.RandomId);
        // Alias modules are told apart by their token, not merged.
        expect(resolveResourceClass("aws:alb/loadBalancer:LoadBalancer", packages)).toBe(aws.alb.LoadBalancer);
    });

    it("refuses what is not a resource class of that token", () => {
        expect(() => resolveResourceClass("pulumi-aws-dr:alb:MultiAzAlb", packages)).toThrow(
            'no SDK for package "pulumi-aws-dr"',
        );
        expect(() => resolveResourceClass("aws:lb/nope:Nope", packages)).toThrow(
            "aws:lb/nope:Nope does not resolve to a resource class (looked for aws.lb.Nope)",
        );
        // A class found at the right place that declares another token is not the one recorded.
        const impostor = Object.assign(class {}, { __pulumiType: "fake:lb/loadBalancer:Other" });
        expect(() =>
            resolveResourceClass("fake:lb/loadBalancer:LoadBalancer", { fake: { lb: { LoadBalancer: impostor } } }),
        ).toThrow("does not resolve");
        expect(() => resolveResourceClass("LoadBalancer", packages)).toThrow("is not a resource type token");
    });
});

describe("bench: statistics", () => {
    it("median of odd and even counts, unsorted input", () => {
        expect(median([3, 1, 2])).toBe(2);
        expect(median([4, 1, 3, 2])).toBe(2.5);
        expect(() => median([])).toThrow("no values");
    });

    it("quantiles interpolate between neighbours; the spread is the middle half", () => {
        expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
        expect(quantile([10, 20], 0.25)).toBe(12.5);
        expect(spreadOf([5, 1, 4, 2, 3])).toEqual({ median: 3, low: 2, high: 4 });
        expect(() => quantile([1], 1.5)).toThrow("not between 0 and 1");
    });

    it("pairs runs of the same round: a slow round slows both and leaves their ratio", () => {
        // Round 2 ran on a busy machine: both runs took twice as long.
        expect(pairedRatios([110, 220, 112], [100, 200, 100])).toEqual([1.1, 1.1, 1.12]);
        expect(() => pairedRatios([1, 2], [1])).toThrow("equally long");
        expect(() => pairedRatios([1], [0])).toThrow("positive time");
    });

    it("a service's added time is the paired difference over the baseline, divided by the services", () => {
        expect(addedPerService([8034, 8100], [1877, 1900], 50)).toEqual([123.14, 124]);
        expect(addedPerService([1998], [1877], 1)).toEqual([121]);
        expect(() => addedPerService([1], [1], 0)).toThrow("at least one service");
        expect(() => addedPerService([1, 2], [1], 1)).toThrow("paired rounds");
    });

    it("gives no per-service ratio, rather than a negative or infinite one, while noise hides what a service adds", () => {
        const flat = spreadOf(addedPerService([830, 835, 828, 840], [800, 801, 799, 802], 1));
        // What a busy machine did to the old bench: the component plan with one service sometimes ran
        // faster than the baseline, so the added time's median was negative.
        const noisy = spreadOf(addedPerService([785, 805, 780, 795], [800, 801, 799, 802], 1));
        expect(noisy.median).toBeLessThan(0);
        expect(perServiceRatio(noisy, flat)).toBeUndefined();
        // A positive median that two rounds in four contradict is not a figure either.
        const split = spreadOf(addedPerService([790, 850, 780, 845], [800, 801, 799, 802], 1));
        expect(split.median).toBeGreaterThan(0);
        expect(perServiceRatio(split, flat)).toBeUndefined();
        expect(perServiceRatio(flat, flat)).toEqual({
            median: 1,
            low: flat.low / flat.high,
            high: flat.high / flat.low,
        });
        // Zero added time in the denominator, which gave Infinity.
        const nothing = spreadOf(addedPerService([800, 801, 799, 802], [800, 801, 799, 802], 1));
        expect(perServiceRatio(flat, nothing)).toBeUndefined();
        expect(machineLine("per_service_ratio_to_flat", undefined)).toBe("per_service_ratio_to_flat: n/a");
        expect(figure(Infinity)).toBe("n/a");
        expect(figure(-1 / 0)).toBe("n/a");
    });

    it("a per-service ratio is the ratio of the medians, bounded by the quartiles", () => {
        const components = { median: 40, low: 36, high: 44 };
        const flat = { median: 32, low: 30, high: 34 };
        expect(perServiceRatio(components, flat)).toEqual({ median: 1.25, low: 36 / 34, high: 44 / 30 });
        expect(formatSpread({ median: 1.25, low: 1.0588, high: 1.4667 })).toBe("1.25 (1.06–1.47)");
        expect(machineLine("ratio_to_flat_prod", 1.126)).toBe("ratio_to_flat_prod: 1.13");
    });

    it("table pads columns", () => {
        expect(
            table(
                ["a", "ms"],
                [
                    ["prod", "12"],
                    ["dev", "7"],
                ],
            ),
        ).toBe("a     ms\n----  --\nprod  12\ndev    7");
    });
});

describe("bench: scaling config", () => {
    const prodAlb = {
        targetGroups: { web: { weight: 1 }, orders: { port: 8080 } },
        listenerRules: { orders: { priority: 10 } },
        idleTimeout: 60,
    };

    it("keeps web as the only weighted group and gives each service its own rule", () => {
        const config = scalingAlbConfig(prodAlb, 3) as {
            targetGroups: Record<string, Record<string, unknown>>;
            listenerRules: Record<string, unknown>;
            idleTimeout: number;
        };
        expect(Object.keys(config.targetGroups)).toEqual(["web", "svc1", "svc2", "svc3"]);
        expect(config.targetGroups.svc2).toEqual({ healthCheck: { path: "/svc2/health" } });
        expect(config.listenerRules).toEqual({
            svc1: { priority: 1, pathPatterns: ["/svc1/*"], forward: { targetGroups: { svc1: 1 } } },
            svc2: { priority: 2, pathPatterns: ["/svc2/*"], forward: { targetGroups: { svc2: 1 } } },
            svc3: { priority: 3, pathPatterns: ["/svc3/*"], forward: { targetGroups: { svc3: 1 } } },
        });
        expect(config.idleTimeout).toBe(60);
    });

    it("the baseline has web alone and no listener rules", () => {
        expect(scalingAlbConfig(prodAlb, 0)).toEqual({ targetGroups: { web: { weight: 1 } }, idleTimeout: 60 });
    });
});
