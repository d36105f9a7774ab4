import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { describe, expect, it } from "vitest";
import { evaluateStack, loadStackConfig, PROJECT_DIR } from "../tools/engine";
import { albProgram } from "../bench/albProgram";
import { flatProgram } from "../bench/flat";
import {
    addedPerService,
    figure,
    formatSpread,
    machineLine,
    median,
    medianInterval,
    pairedRatios,
    perServiceRatio,
    precise,
    quantile,
    resolved,
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

    it("a 95% interval for the median from order statistics, narrowing as values are added", () => {
        // n = 6: P(Binomial(6, 1/2) < 1) = 1/64 <= 2.5%, P(< 2) = 7/64 is not: the extremes.
        expect(medianInterval([6, 1, 5, 2, 4, 3])).toEqual({ median: 3.5, low: 1, high: 6 });
        // n = 20: P(Binomial(20, 1/2) <= 5) = 2.07% <= 2.5%, P(<= 6) = 5.77% is not: the 6th from each end.
        const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
        expect(medianInterval(twenty)).toEqual({ median: 10.5, low: 6, high: 15 });
        expect(() => medianInterval([1, 2, 3, 4, 5])).toThrow("5 values give no 95% interval");
        expect(() => medianInterval(twenty, 1)).toThrow("not between 0 and 1");
    });

    it("gives no per-service ratio, rather than a negative or infinite one, while noise hides what a service adds", () => {
        const baseline = [800, 801, 799, 802, 800, 803, 798, 801];
        const flat = medianInterval(addedPerService([830, 835, 828, 840, 833, 829, 836, 831], baseline, 1));
        // What a busy machine did to the old bench: the component plan with one service sometimes ran
        // faster than the baseline, so the added time's median was negative.
        const noisy = medianInterval(addedPerService([785, 805, 780, 795, 790, 806, 784, 799], baseline, 1));
        expect(noisy.median).toBeLessThan(0);
        expect(perServiceRatio(noisy, flat)).toBeUndefined();
        // A positive median that a third of the rounds contradict is not a figure either.
        const split = medianInterval(addedPerService([790, 850, 780, 845, 840, 850, 790, 846], baseline, 1));
        expect(split.median).toBeGreaterThan(0);
        expect(perServiceRatio(split, flat)).toBeUndefined();
        expect(perServiceRatio(flat, flat)).toEqual({
            median: 1,
            low: flat.low / flat.high,
            high: flat.high / flat.low,
        });
        // Zero added time in the denominator, which gave Infinity.
        const nothing = medianInterval(addedPerService(baseline, baseline, 1));
        expect(perServiceRatio(flat, nothing)).toBeUndefined();
        expect(machineLine("per_service_ratio_to_flat", undefined)).toBe("per_service_ratio_to_flat: n/a");
        expect(figure(Infinity)).toBe("n/a");
        expect(figure(-1 / 0)).toBe("n/a");
    });

    it("more rounds resolve an added time smaller than one round's noise, which the quartiles never do", () => {
        // One service adds 10 ms; each round's difference carries up to +-30 ms of noise (-30..30, shuffled).
        const rounds = (n: number) => Array.from({ length: n }, (_, i) => 10 + ((i * 37) % 61) - 30);
        expect(resolved(medianInterval(rounds(12)))).toBe(false);
        expect(resolved(medianInterval(rounds(122)))).toBe(true);
        expect(medianInterval(rounds(122)).median).toBe(10);
        // Standing out is not enough to divide by: the interval must be within half the median.
        expect(precise(medianInterval(rounds(122)))).toBe(false);
        expect(precise({ median: 10, low: 8, high: 12.5 })).toBe(true);
        expect(precise({ median: 10, low: 7, high: 12.5 })).toBe(false);
        // The first quartile stays below zero however many rounds there are.
        expect(spreadOf(rounds(122)).low).toBeLessThan(0);
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

describe("bench: the programs compared", () => {
    it("the flat program declares each recorded custom resource with its inputs, and keeps dependsOn", async () => {
        const program = () => {
            const bucket = new aws.s3.Bucket("logs", { bucket: "bench-logs-example" });
            new aws.s3.BucketPolicy(
                "logs",
                { bucket: "bench-logs-example", policy: '{"Version":"2012-10-17","Statement":[]}' },
                { dependsOn: [bucket] },
            );
            return {};
        };
        const recorded = await evaluateStack("dev", { program });
        const flat = await evaluateStack("dev", { program: flatProgram(recorded.resources) });
        expect(flat.resources.map((r) => [r.urn, r.inputs])).toEqual(recorded.resources.map((r) => [r.urn, r.inputs]));
        const policy = flat.resources.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")!;
        expect(policy.options.dependsOn).toEqual(["urn:pulumi:dev::pulumi-aws-dr::aws:s3/bucket:Bucket::logs"]);

        // A dependency the flat program cannot declare (here, a component) is refused, not dropped.
        const onComponent = recorded.resources.map((r) =>
            r.type === "aws:s3/bucketPolicy:BucketPolicy"
                ? { ...r, options: { ...r.options, dependsOn: ["urn:pulumi:dev::pulumi-aws-dr::x:y:Z::c"] } }
                : r,
        );
        expect(() => flatProgram(onComponent)).toThrow("which is no custom resource recorded before it");
    });

    it("the scaling plans are prod's primary ALB alone, 4 resources more per service, its resources under the ALB", async () => {
        const prodAlb = JSON.parse(loadStackConfig(PROJECT_DIR, "prod").values["pulumi-aws-dr:alb"]);
        const plan = (n: number) =>
            evaluateStack("prod", {
                program: albProgram,
                configOverrides: { "pulumi-aws-dr:alb": scalingAlbConfig(prodAlb, n) },
            });
        const [none, two] = [await plan(0), await plan(2)];
        expect(two.resources.length - none.resources.length).toBe(8);
        const albs = two.resources.filter((r) => r.type === "pulumi-aws-dr:alb:MultiAzAlb");
        expect(albs.map((r) => r.urn)).toEqual([
            "urn:pulumi:prod::pulumi-aws-dr::pulumi-aws-dr:alb:MultiAzAlb::primary",
        ]);
        const svc2 = two.resources.filter((r) => r.name.includes("svc2")).map((r) => r.type);
        expect(svc2.sort()).toEqual([
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "aws:lb/listenerRule:ListenerRule",
            "aws:lb/targetGroup:TargetGroup",
        ]);
        expect(two.resources.filter((r) => r.name.includes("svc")).every((r) => r.parent === albs[0].urn)).toBe(true);
        // Its placement reaches the ALB as Outputs of resources, as prod's network does.
        const lb = two.resources.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
        expect(lb.region).toBe("us-east-1");
        expect((lb.inputs.subnets as string[]).every((s) => /^subnet-/.test(s))).toBe(true);
    });
});
