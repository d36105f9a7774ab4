import { describe, expect, it } from "vitest";
import { AlbTargetGroup, albWarnings, MultiAzAlbArgs, validateAlbArgs } from "../components/alb";
import { InvalidInputError } from "../components/internal";
import { albArgs, buildAlb } from "./alb.fixtures";
import { one, run, runExpectingError } from "./harness";

const blue = (over: AlbTargetGroup) =>
    albArgs({ targetGroups: { blue: { weight: 100, ...over }, green: { weight: 0 } } });
const withRule = (rule: Partial<NonNullable<MultiAzAlbArgs["listenerRules"]>[string]>) =>
    albArgs({
        listenerRules: {
            api: { priority: 10, pathPatterns: ["/api/*"], forward: { targetGroups: { blue: 1 } }, ...rule },
        },
    });
const six = Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, { weight: 1 }]));

const cases: [string, MultiAzAlbArgs, string][] = [
    // Weights and forward actions
    [
        "a weight above 999",
        albArgs({ targetGroups: { blue: { weight: 100 }, green: { weight: 1200 } } }),
        'MultiAzAlb "web": targetGroups.green.weight must be an integer 0..999, got 1200',
    ],
    ["a fractional weight", blue({ weight: 2.5 }), "targetGroups.blue.weight must be an integer 0..999, got 2.5"],
    ["a negative weight", blue({ weight: -1 }), "targetGroups.blue.weight must be an integer 0..999, got -1"],
    [
        "all default weights zero",
        albArgs({ targetGroups: { blue: { weight: 0 }, green: { weight: 0 } } }),
        'targetGroups must be weights with at least one above 0, or no request could be served, got {"blue":0,"green":0}',
    ],
    [
        "more than 5 groups in the default action",
        albArgs({ targetGroups: six }),
        'targetGroups must be 1 to 5 target groups (the default action forwards to every target group that is not reached only by a listener rule), got {"a":1,"b":1,"c":1,"d":1,"e":1,"f":1}',
    ],
    [
        "more than 5 groups in a rule",
        albArgs({
            targetGroups: { a: { weight: 1 }, b: {}, c: {}, d: {}, e: {} },
            listenerRules: {
                api: {
                    priority: 1,
                    pathPatterns: ["/api"],
                    forward: { targetGroups: { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 } },
                },
            },
        }),
        'listenerRules.api.forward.targetGroups must be 1 to 5 target groups, got {"a":1,"b":1,"c":1,"d":1,"e":1,"f":1}',
    ],
    [
        "a rule forwarding to no group",
        withRule({ forward: { targetGroups: {} } }),
        "listenerRules.api.forward.targetGroups must be 1 to 5 target groups, got {}",
    ],
    [
        "a forward to an unknown group",
        withRule({ forward: { targetGroups: { blue: 1, purple: 1 } } }),
        'listenerRules.api.forward.targetGroups.purple must be one of the target groups (blue, green), got "purple"',
    ],
    [
        "all rule weights zero",
        withRule({ forward: { targetGroups: { blue: 0, green: 0 } } }),
        'listenerRules.api.forward.targetGroups must be weights with at least one above 0, or no request could be served, got {"blue":0,"green":0}',
    ],
    [
        "a rule weight above 999",
        withRule({ forward: { targetGroups: { blue: 1000 } } }),
        "listenerRules.api.forward.targetGroups.blue must be an integer 0..999, got 1000",
    ],
    [
        "default stickiness of 0 s",
        albArgs({ defaultStickinessSeconds: 0 }),
        "defaultStickinessSeconds must be an integer 1..604800, got 0",
    ],
    [
        "rule stickiness over 7 days",
        withRule({ forward: { targetGroups: { blue: 1 }, stickinessSeconds: 604801 } }),
        "listenerRules.api.forward.stickinessSeconds must be an integer 1..604800, got 604801",
    ],
    // Health checks
    [
        "a timeout equal to the interval",
        blue({ healthCheck: { interval: 10, timeout: 10 } }),
        "targetGroups.blue.healthCheck.timeout must be less than the interval (10 s), got 10",
    ],
    [
        "the default timeout with a 5 s interval",
        blue({ healthCheck: { interval: 5 } }),
        "targetGroups.blue.healthCheck.interval must be more than the timeout (5 s, its default), got 5",
    ],
    [
        "a timeout at the default interval",
        blue({ healthCheck: { timeout: 10 } }),
        "targetGroups.blue.healthCheck.timeout must be less than the interval (10 s, its default), got 10",
    ],
    [
        "an interval over 300 s",
        blue({ healthCheck: { interval: 301 } }),
        "targetGroups.blue.healthCheck.interval must be an integer 5..300, got 301",
    ],
    [
        "an interval under 5 s",
        blue({ healthCheck: { interval: 4, timeout: 2 } }),
        "targetGroups.blue.healthCheck.interval must be an integer 5..300, got 4",
    ],
    [
        "a timeout under 2 s",
        blue({ healthCheck: { timeout: 1 } }),
        "targetGroups.blue.healthCheck.timeout must be an integer 2..120, got 1",
    ],
    [
        "a timeout over 120 s",
        blue({ healthCheck: { interval: 300, timeout: 121 } }),
        "targetGroups.blue.healthCheck.timeout must be an integer 2..120, got 121",
    ],
    [
        "a healthy threshold of 1",
        blue({ healthCheck: { healthyThreshold: 1 } }),
        "targetGroups.blue.healthCheck.healthyThreshold must be an integer 2..10, got 1",
    ],
    [
        "an unhealthy threshold of 11",
        blue({ healthCheck: { unhealthyThreshold: 11 } }),
        "targetGroups.blue.healthCheck.unhealthyThreshold must be an integer 2..10, got 11",
    ],
    [
        "a matcher outside 200..499",
        blue({ healthCheck: { matcher: "200,503" } }),
        'targetGroups.blue.healthCheck.matcher must be HTTP codes 200..499: one ("200"), a list ("200,202") or a range ("200-299"), got "200,503"',
    ],
    [
        "a reversed matcher range",
        blue({ healthCheck: { matcher: "299-200" } }),
        "targetGroups.blue.healthCheck.matcher must be HTTP codes 200..499",
    ],
    [
        "a matcher that is not codes",
        blue({ healthCheck: { matcher: "ok" } }),
        "targetGroups.blue.healthCheck.matcher must be HTTP codes 200..499",
    ],
    [
        "a health check path without a leading slash",
        blue({ healthCheck: { path: "healthz" } }),
        'targetGroups.blue.healthCheck.path must be a path starting with "/", at most 1024 characters, got "healthz"',
    ],
    [
        "a health check port out of range",
        blue({ healthCheck: { port: 70000 } }),
        "targetGroups.blue.healthCheck.port must be an integer 1..65535, got 70000",
    ],
    [
        "an unknown health check protocol",
        blue({ healthCheck: { protocol: "TCP" as never } }),
        'targetGroups.blue.healthCheck.protocol must be one of HTTP, HTTPS, got "TCP"',
    ],
    // Target group settings
    [
        "target stickiness of 0 s",
        blue({ stickinessSeconds: 0 }),
        "targetGroups.blue.stickinessSeconds must be an integer 1..604800, got 0",
    ],
    [
        "target stickiness over 7 days",
        blue({ stickinessSeconds: 604801 }),
        "targetGroups.blue.stickinessSeconds must be an integer 1..604800, got 604801",
    ],
    [
        "a slow start under 30 s",
        blue({ slowStart: 20 }),
        "targetGroups.blue.slowStart must be 0 (off) or an integer 30..900, got 20",
    ],
    [
        "a slow start over 900 s",
        blue({ slowStart: 901 }),
        "targetGroups.blue.slowStart must be 0 (off) or an integer 30..900, got 901",
    ],
    [
        "slow start with least outstanding requests",
        blue({ slowStart: 60, algorithm: "least_outstanding_requests" }),
        "targetGroups.blue.slowStart must be 0 with algorithm least_outstanding_requests (slow start needs round_robin), got 60",
    ],
    [
        "slow start with weighted random",
        blue({ slowStart: 60, algorithm: "weighted_random" }),
        "targetGroups.blue.slowStart must be 0 with algorithm weighted_random (slow start needs round_robin), got 60",
    ],
    [
        "anomaly mitigation without weighted random",
        blue({ anomalyMitigation: true, algorithm: "round_robin" }),
        "targetGroups.blue.anomalyMitigation must be false unless algorithm is weighted_random, got true",
    ],
    [
        "anomaly mitigation with the default algorithm",
        blue({ anomalyMitigation: true }),
        "targetGroups.blue.anomalyMitigation must be false unless algorithm is weighted_random, got true",
    ],
    [
        "an unknown algorithm",
        blue({ algorithm: "least_connections" as never }),
        'targetGroups.blue.algorithm must be one of round_robin, least_outstanding_requests, weighted_random, got "least_connections"',
    ],
    [
        "a deregistration delay over an hour",
        blue({ deregistrationDelay: 3601 }),
        "targetGroups.blue.deregistrationDelay must be an integer 0..3600, got 3601",
    ],
    ["a target port of 0", blue({ port: 0 }), "targetGroups.blue.port must be an integer 1..65535, got 0"],
    [
        "a non-HTTP target protocol",
        blue({ protocol: "TCP" as never }),
        'targetGroups.blue.protocol must be one of HTTP, HTTPS, got "TCP"',
    ],
    [
        "an unknown target type",
        blue({ targetType: "alb" as never }),
        'targetGroups.blue.targetType must be one of instance, ip, lambda, got "alb"',
    ],
    [
        "a port on a Lambda group",
        blue({ targetType: "lambda", port: 80 }),
        "targetGroups.blue.port must be unset for a lambda target group, got 80",
    ],
    [
        "an algorithm on a Lambda group",
        blue({ targetType: "lambda", algorithm: "round_robin" }),
        'targetGroups.blue.algorithm must be unset for a lambda target group, got "round_robin"',
    ],
    [
        "a health-check port on a Lambda group",
        blue({ targetType: "lambda", healthCheck: { port: 8080 } }),
        "targetGroups.blue.healthCheck.port must be unset for a lambda target group, got 8080",
    ],
    ["no target groups", albArgs({ targetGroups: {} }), "targetGroups must be at least one target group, got {}"],
    [
        "an uppercase target group key",
        albArgs({ targetGroups: { Blue: { weight: 1 } } }),
        'targetGroups.Blue must be a key of lowercase letters, digits and hyphens, not starting or ending with a hyphen, got "Blue"',
    ],
    // Rules
    [
        "duplicate rule priorities",
        albArgs({
            listenerRules: {
                a: { priority: 5, pathPatterns: ["/a"], forward: { targetGroups: { blue: 1 } } },
                b: { priority: 5, pathPatterns: ["/b"], forward: { targetGroups: { blue: 1 } } },
            },
        }),
        "listenerRules.b.priority must be a priority no other rule has (listenerRules.a has it), got 5",
    ],
    ["a priority of 0", withRule({ priority: 0 }), "listenerRules.api.priority must be an integer 1..50000, got 0"],
    [
        "a priority over 50000",
        withRule({ priority: 50001 }),
        "listenerRules.api.priority must be an integer 1..50000, got 50001",
    ],
    [
        "a rule with no condition",
        withRule({ pathPatterns: undefined }),
        "listenerRules.api must be a rule with at least one condition (hostHeaders, pathPatterns, httpHeaders, httpRequestMethods, queryStrings or sourceIps), got {}",
    ],
    [
        "a condition with 4 values",
        withRule({ pathPatterns: ["/a", "/b", "/c", "/d"] }),
        'listenerRules.api.pathPatterns must be 1 to 3 values, got ["/a","/b","/c","/d"]',
    ],
    [
        "an empty condition",
        withRule({ hostHeaders: [] }),
        "listenerRules.api.hostHeaders must be 1 to 3 values, got []",
    ],
    [
        "6 condition values in one rule",
        withRule({
            hostHeaders: ["a.example.com", "b.example.com", "c.example.com"],
            pathPatterns: ["/a", "/b", "/c"],
        }),
        "listenerRules.api must be a rule with at most 5 condition values in all, got 6",
    ],
    [
        "a rule key with a space",
        albArgs({
            listenerRules: { "my api": { priority: 1, pathPatterns: ["/"], forward: { targetGroups: { blue: 1 } } } },
        }),
        "listenerRules.my api must be a key of lowercase letters, digits and hyphens",
    ],
    // Names
    [
        "a load balancer name over 32 characters",
        albArgs({ loadBalancerName: "a".repeat(33) }),
        `loadBalancerName must be at most 32 letters, digits and hyphens, not starting or ending with a hyphen, got "${"a".repeat(33)}"`,
    ],
    [
        "a load balancer name starting with internal-",
        albArgs({ loadBalancerName: "internal-web" }),
        'loadBalancerName must be a name that does not start with "internal-", got "internal-web"',
    ],
    [
        "a target group name over 32 characters",
        blue({ name: "shop-prod-blue-target-group-eu-west" }),
        'targetGroups.blue.name must be at most 32 letters, digits and hyphens, not starting or ending with a hyphen, got "shop-prod-blue-target-group-eu-west"',
    ],
    [
        "a target group name ending with a hyphen",
        blue({ name: "blue-" }),
        "targetGroups.blue.name must be at most 32 letters",
    ],
    [
        "a target group name with an underscore",
        blue({ name: "blue_tg" }),
        "targetGroups.blue.name must be at most 32 letters",
    ],
    [
        "two target groups with one name",
        albArgs({ targetGroups: { blue: { weight: 1, name: "shop" }, green: { weight: 0, name: "shop" } } }),
        'targetGroups.green.name must be a name no other target group has (targetGroups.blue has it), got "shop"',
    ],
    // Placement, TLS, operations
    [
        "a single subnet",
        albArgs({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] }),
        'subnetIds must be at least 2 subnets, each in a different AZ, got ["subnet-0aaaaaaaaaaaaaaa1"]',
    ],
    [
        "the same subnet twice",
        albArgs({ subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa1"] }),
        "subnetIds must be distinct subnets",
    ],
    [
        "a malformed ingress CIDR",
        albArgs({ ingressCidrs: ["10.0.0.0/16", "10.1.0.0/33"] }),
        'ingressCidrs.1 must be an IPv4 network address in CIDR form, e.g. 10.0.0.0/16, got "10.1.0.0/33"',
    ],
    [
        "a malformed ingress security group",
        albArgs({ ingressSecurityGroupIds: ["default"] }),
        'ingressSecurityGroupIds.0 must be a security group id (sg-...), got "default"',
    ],
    [
        "an internal ALB with no ingress",
        albArgs({ internal: true }),
        "ingressCidrs must be given (or ingressSecurityGroupIds) for an internal ALB, got nothing",
    ],
    [
        "a certificate in another region",
        albArgs({ certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }),
        `certificateArn must be an ACM certificate in us-east-1, the ALB's region, got "arn:aws:acm:eu-west-1:123456789012:certificate/abc"`,
    ],
    [
        "a certificate that is not an ACM ARN",
        albArgs({ certificateArn: "arn:aws:iam::123456789012:server-certificate/web" }),
        'certificateArn must be an ACM certificate ARN, got "arn:aws:iam::123456789012:server-certificate/web"',
    ],
    [
        "a pre-TLS 1.3 policy",
        albArgs({ sslPolicy: "ELBSecurityPolicy-2016-08" }),
        "sslPolicy must be one of ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    ],
    [
        "desync monitor mode",
        albArgs({ desyncMitigationMode: "monitor" as never }),
        'desyncMitigationMode must be one of defensive, strictest, got "monitor"',
    ],
    ["an idle timeout over 4000 s", albArgs({ idleTimeout: 4001 }), "idleTimeout must be an integer 1..4000, got 4001"],
    ["an unsupported region", albArgs({ region: "mars-east-1" }), "region must be a supported region"],
    [
        "a log prefix holding AWSLogs",
        albArgs({ accessLogs: { prefix: "alb/AWSLogs" } }),
        'accessLogs.prefix must be a prefix without "AWSLogs", got "alb/AWSLogs"',
    ],
    [
        "a log prefix with a leading slash",
        albArgs({ accessLogs: { prefix: "/alb" } }),
        `accessLogs.prefix must be a key prefix of letters, digits, '.', '_' and '-' parts separated by single '/', got "/alb"`,
    ],
    [
        "log expiry of 0 days",
        albArgs({ accessLogs: { expirationDays: 0 } }),
        "accessLogs.expirationDays must be a whole number of days, at least 1, got 0",
    ],
    [
        "log expiry for a bucket the component does not own",
        albArgs({ accessLogs: { bucket: "central-logs", expirationDays: 30 } }),
        "accessLogs.expirationDays must be unset when accessLogs.bucket is given (the bucket's owner sets its lifecycle), got 30",
    ],
    [
        "an alarm period of 45 s",
        albArgs({ alarms: { periodSeconds: 45 } }),
        "alarms.periodSeconds must be 10, 30 or a multiple of 60, got 45",
    ],
    [
        "zero evaluation periods",
        albArgs({ alarms: { evaluationPeriods: 0 } }),
        "alarms.evaluationPeriods must be an integer 1..100, got 0",
    ],
    [
        "a topic that is not an SNS ARN",
        albArgs({ alarms: { topicArn: "ops-alerts" } }),
        'alarms.topicArn must be an SNS topic ARN, got "ops-alerts"',
    ],
    [
        "a topic in another region",
        albArgs({ alarms: { topicArn: "arn:aws:sns:us-west-2:123456789012:ops" } }),
        'alarms.topicArn must be an SNS topic in us-east-1, the ALB\'s region, got "arn:aws:sns:us-west-2:123456789012:ops"',
    ],
    [
        "a negative 5XX threshold",
        albArgs({ alarms: { elb5xxThreshold: -1 } }),
        "alarms.elb5xxThreshold must be a count of at least 0, got -1",
    ],
    [
        "a zero latency threshold",
        albArgs({ alarms: { targetResponseTimeP99Seconds: 0 } }),
        "alarms.targetResponseTimeP99Seconds must be a number of seconds above 0, got 0",
    ],
];

describe("MultiAzAlb validation", () => {
    for (const [label, args, message] of cases) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(buildAlb(args));
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error.message).toContain(message);
            expect(error.message.startsWith('MultiAzAlb "web": ')).toBe(true);
            expect(registered).toEqual([]);
        });
    }

    it("lists every problem at once, one line each", async () => {
        const args = albArgs({
            subnetIds: ["subnet-0aaaaaaaaaaaaaaa1"],
            targetGroups: { blue: { weight: 1000, healthCheck: { path: "x" } }, green: { weight: -2 } },
            listenerRules: { api: { priority: 0, forward: { targetGroups: { nope: 1 } } } },
        });
        const { error, registered } = await runExpectingError(buildAlb(args));
        const lines = error.message.split("\n");
        expect(lines.every((l) => l.startsWith('MultiAzAlb "web": '))).toBe(true);
        expect(lines.map((l) => l.split(" ")[2])).toEqual([
            "subnetIds",
            "targetGroups.blue.healthCheck.path",
            "targetGroups.blue.weight",
            "targetGroups.green.weight",
            "listenerRules.api.priority",
            "listenerRules.api",
            "listenerRules.api.forward.targetGroups.nope",
        ]);
        expect(registered).toEqual([]);
    });

    it("keeps generated names within 32 characters however long the component name is", async () => {
        const record = await run(async () => {
            const { MultiAzAlb } = await import("../components/alb/index.js");
            new MultiAzAlb(
                "storefront-checkout-service-primary",
                albArgs({ targetGroups: { "blue-release-candidate": { weight: 1 } } }),
            );
            return {};
        });
        const lb = one(record, "aws:lb/loadBalancer:LoadBalancer").inputs.name as string;
        const tg = one(record, "aws:lb/targetGroup:TargetGroup").inputs.name as string;
        for (const name of [lb, tg]) {
            expect(name.length).toBeLessThanOrEqual(32);
            expect(name).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
        }
        expect(lb).not.toBe(tg);
    });

    it("warns, without refusing, about stickiness with weighted_random, which AWS's documentation leaves unsettled", () => {
        const sticky = albArgs({
            targetGroups: {
                blue: { weight: 1, algorithm: "weighted_random", stickinessSeconds: 60 },
                green: { weight: 1, stickinessSeconds: 60 },
            },
        });
        expect(validateAlbArgs(sticky, "us-east-1")).toEqual([]);
        expect(albWarnings(sticky)).toEqual([
            "targetGroups.blue: stickiness with algorithm weighted_random may be rejected by ELB; if the deploy fails on it, drop stickinessSeconds or use round_robin",
        ]);
        expect(albWarnings(albArgs())).toEqual([]);
    });

    it("accepts valid inputs and is pure", () => {
        expect(validateAlbArgs(albArgs(), "us-east-1")).toEqual([]);
        const full = albArgs({
            internal: true,
            ingressCidrs: ["10.0.0.0/8"],
            targetGroups: {
                blue: {
                    weight: 999,
                    algorithm: "weighted_random",
                    anomalyMitigation: true,
                    healthCheck: { matcher: "200-499", interval: 300, timeout: 120, path: "/" },
                },
                green: { weight: 0, slowStart: 900, stickinessSeconds: 604800 },
            },
            listenerRules: {
                api: {
                    priority: 50000,
                    hostHeaders: ["a.example.com", "b.example.com"],
                    pathPatterns: ["/x", "/y", "/z"],
                    forward: { targetGroups: { blue: 0, green: 1 }, stickinessSeconds: 1 },
                },
            },
            accessLogs: { prefix: "edge/prod-1", expirationDays: 1 },
            alarms: { periodSeconds: 10, evaluationPeriods: 100, elb5xxThreshold: 0 },
        });
        expect(validateAlbArgs(full, "us-east-1")).toEqual([]);
        expect(validateAlbArgs(full, "us-east-1")).toEqual([]);
    });
});
