import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { describe, expect, it } from "vitest";
import { median, perServiceMs, resolveResourceClass, scalingAlbConfig, spread, table } from "../bench/measure";

const packages = { aws, random };

describe("bench: type token to SDK class", () => {
    it("resolves a module's class and the package root for module index", () => {
        expect(resolveResourceClass("aws:lb/loadBalancer:LoadBalancer", packages)).toBe(aws.lb.LoadBalancer);
        expect(resolveResourceClass("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", packages)).toBe(aws.vpc.SecurityGroupIngressRule);
        expect(resolveResourceClass("random:index/randomId:RandomId", packages)).toBe(random.RandomId);
        // Alias modules are told apart by their token, not merged.
        expect(resolveResourceClass("aws:alb/loadBalancer:LoadBalancer", packages)).toBe(aws.alb.LoadBalancer);
    });

    it("refuses what is not a resource class of that token", () => {
        expect(() => resolveResourceClass("pulumi-aws-dr:alb:MultiAzAlb", packages)).toThrow('no SDK for package "pulumi-aws-dr"');
        expect(() => resolveResourceClass("aws:lb/nope:Nope", packages)).toThrow("aws:lb/nope:Nope does not resolve to a resource class (looked for aws.lb.Nope)");
        // A class found at the right place that declares another token is not the one recorded.
        const impostor = Object.assign(class {}, { __pulumiType: "fake:lb/loadBalancer:Other" });
        expect(() => resolveResourceClass("fake:lb/loadBalancer:LoadBalancer", { fake: { lb: { LoadBalancer: impostor } } })).toThrow("does not resolve");
        expect(() => resolveResourceClass("LoadBalancer", packages)).toThrow("is not a resource type token");
    });
});

describe("bench: statistics", () => {
    it("median of odd and even counts, unsorted input", () => {
        expect(median([3, 1, 2])).toBe(2);
        expect(median([4, 1, 3, 2])).toBe(2.5);
        expect(() => median([])).toThrow();
    });

    it("spread is max over min, Infinity when noise made a cost non-positive", () => {
        expect(spread([120, 130, 123])).toBeCloseTo(130 / 120);
        expect(spread([5, 5, 5])).toBe(1);
        expect(spread([-3, 100])).toBe(Infinity);
    });

    it("per-service time is the marginal cost over the baseline", () => {
        expect(perServiceMs(8034, 1877, 50)).toBeCloseTo(123.14);
        expect(perServiceMs(1998, 1877, 1)).toBe(121);
        expect(() => perServiceMs(1, 1, 0)).toThrow();
    });

    it("table pads columns", () => {
        expect(table(["a", "ms"], [["prod", "12"], ["dev", "7"]])).toBe("a     ms\n----  --\nprod  12\ndev    7");
    });
});

describe("bench: scaling config", () => {
    const prodAlb = {
        targetGroups: { web: { weight: 1 }, orders: { port: 8080 } },
        listenerRules: { orders: { priority: 10 } },
        idleTimeout: 60,
    };

    it("keeps web as the only weighted group and gives each service its own rule", () => {
        const config = scalingAlbConfig(prodAlb, 3) as { targetGroups: Record<string, Record<string, unknown>>; listenerRules: Record<string, unknown>; idleTimeout: number };
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
