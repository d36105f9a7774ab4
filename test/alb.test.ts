import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    albDetectionSeconds,
    albHealthCheckDefaults,
    MultiAzAlb,
    targetPorts,
    validateAlbArgs,
} from "../components/alb";
import { InvalidInputError } from "../components/internal";
import { RecordedResource } from "../tools/engine";
import { albArgs, buildAlb } from "./alb.fixtures";
import { ofType, one, policyOf, run, runExpectingError } from "./harness";

const T = {
    component: "pulumi-aws-dr:alb:MultiAzAlb",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    key: "aws:kms/key:Key",
} as const;

type Forward = { targetGroups: { arn: string; weight: number }[]; stickiness?: { enabled: boolean; duration: number } };
const forwardOf = (r: RecordedResource, key: "defaultActions" | "actions" = "defaultActions") =>
    (r.inputs[key] as { type: string; forward: Forward }[])[0];
const tgArn = (record: Awaited<ReturnType<typeof run>>, key: string) =>
    (record.outputs.targetGroupArns.value as Record<string, string>)[key];

describe("MultiAzAlb", () => {
    it("declares an application load balancer with the secure defaults", async () => {
        const record = await run(buildAlb(albArgs()));
        const lb = one(record, T.lb);
        expect(lb.inputs).toMatchObject({
            // The digest of the fields that replace the ALB keeps its replacement from colliding.
            name: expect.stringMatching(/^pulumi-aws-dr-test-web-[a-z0-9-]{1,9}$/),
            loadBalancerType: "application",
            internal: false,
            subnets: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
            securityGroups: [record.outputs.albSecurityGroupId.value],
            dropInvalidHeaderFields: true,
            enableDeletionProtection: true,
            desyncMitigationMode: "defensive",
            idleTimeout: 60,
        });
        expect(lb.inputs.accessLogs).toEqual({
            bucket: record.outputs.logBucketName.value,
            prefix: "alb",
            enabled: true,
        });
        // ELB checks its write access when the ALB is created.
        expect(lb.options.dependsOn).toEqual([one(record, T.bucketPolicy).urn]);
        expect(lb.options.protect).toBe(false);
        expect(record.outputs.zoneId.value).toBe("Z35SXDOTRQ7X7K");
        expect(record.outputs.dnsName.value).toMatch(
            /^pulumi-aws-dr-test-web-[a-z0-9-]{1,9}-\d+\.us-east-1\.elb\.amazonaws\.com$/,
        );
        expect(record.outputs.loadBalancerArnSuffix.value).toMatch(
            /^app\/pulumi-aws-dr-test-web-[a-z0-9-]{1,9}\/[0-9a-f]{16}$/,
        );
    });

    it("takes the operational settings it is given", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    deletionProtection: false,
                    desyncMitigationMode: "strictest",
                    idleTimeout: 120,
                    internal: true,
                    ingressCidrs: ["10.0.0.0/16"],
                    loadBalancerName: "shop-edge",
                }),
            ),
        );
        expect(one(record, T.lb).inputs).toMatchObject({
            name: "shop-edge",
            enableDeletionProtection: false,
            desyncMitigationMode: "strictest",
            idleTimeout: 120,
            internal: true,
            dropInvalidHeaderFields: true,
        });
    });

    it("serves HTTPS with a TLS 1.3 policy, forwarding by weight, and redirects HTTP with a 301", async () => {
        const record = await run(buildAlb(albArgs()));
        const https = ofType(record, T.listener).find((l) => l.name === "web-https")!;
        expect(https.inputs).toMatchObject({
            port: 443,
            protocol: "HTTPS",
            sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            certificateArn: albArgs().certificateArn,
        });
        expect(https.inputs.loadBalancerArn).toBe(record.outputs.loadBalancerArn.value);
        const action = forwardOf(https);
        expect(action.type).toBe("forward");
        expect(action.forward).toEqual({
            targetGroups: [
                { arn: tgArn(record, "blue"), weight: 100 },
                { arn: tgArn(record, "green"), weight: 0 },
            ],
        });

        const http = ofType(record, T.listener).find((l) => l.name === "web-http")!;
        expect(http.inputs).toMatchObject({ port: 80, protocol: "HTTP" });
        expect(http.inputs.defaultActions).toEqual([
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
    });

    it("splits a canary 90/10 with group stickiness, and gives each group weight 1 when none is set", async () => {
        const canary = await run(
            buildAlb(
                albArgs({
                    targetGroups: { stable: { weight: 90 }, canary: { weight: 10 } },
                    defaultStickinessSeconds: 3600,
                    sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06",
                }),
            ),
        );
        const https = ofType(canary, T.listener).find((l) => l.name === "web-https")!;
        expect(https.inputs.sslPolicy).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
        expect(forwardOf(https).forward).toEqual({
            targetGroups: [
                { arn: tgArn(canary, "stable"), weight: 90 },
                { arn: tgArn(canary, "canary"), weight: 10 },
            ],
            stickiness: { enabled: true, duration: 3600 },
        });
        const even = await run(buildAlb(albArgs({ targetGroups: { a: {}, b: {} } })));
        const weights = forwardOf(
            ofType(even, T.listener).find((l) => l.name === "web-https")!,
        ).forward.targetGroups.map((g) => g.weight);
        expect(weights).toEqual([1, 1]);
    });

    it("gives target groups fast health checks and the chosen algorithm, stickiness and timings", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: {
                        blue: {
                            weight: 100,
                            port: 8080,
                            protocol: "HTTP",
                            algorithm: "least_outstanding_requests",
                            stickinessSeconds: 600,
                            deregistrationDelay: 10,
                        },
                        green: {
                            weight: 0,
                            port: 8443,
                            protocol: "HTTPS",
                            targetType: "ip",
                            algorithm: "weighted_random",
                            anomalyMitigation: true,
                            name: "shop-green",
                            healthCheck: {
                                path: "/healthz",
                                port: 9000,
                                matcher: "200,204",
                                interval: 30,
                                timeout: 10,
                                healthyThreshold: 2,
                                unhealthyThreshold: 5,
                            },
                        },
                        slow: { weight: 0, slowStart: 60 },
                    },
                }),
            ),
        );
        const blue = one(record, T.tg, "web-tg-blue");
        expect(blue.inputs).toMatchObject({
            name: expect.stringMatching(/^pulumi-aws-dr-test-web-[a-z0-9-]{1,9}$/),
            vpcId: "vpc-0123456789abcdef0",
            port: 8080,
            protocol: "HTTP",
            targetType: "instance",
            loadBalancingAlgorithmType: "least_outstanding_requests",
            deregistrationDelay: 10,
            slowStart: 0,
            stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 600 },
        });
        expect(blue.inputs.loadBalancingAnomalyMitigation).toBeUndefined();
        expect(blue.inputs.healthCheck).toEqual({
            enabled: true,
            path: "/",
            port: "traffic-port",
            protocol: "HTTP",
            matcher: "200-299",
            interval: 10,
            timeout: 5,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        });

        const green = one(record, T.tg, "web-tg-green");
        expect(green.inputs).toMatchObject({
            name: "shop-green",
            targetType: "ip",
            protocol: "HTTPS",
            loadBalancingAlgorithmType: "weighted_random",
            loadBalancingAnomalyMitigation: "on",
            stickiness: { type: "lb_cookie", enabled: false },
        });
        expect(green.inputs.healthCheck).toEqual({
            enabled: true,
            path: "/healthz",
            port: "9000",
            protocol: "HTTPS",
            matcher: "200,204",
            interval: 30,
            timeout: 10,
            healthyThreshold: 2,
            unhealthyThreshold: 5,
        });
        expect(one(record, T.tg, "web-tg-slow").inputs).toMatchObject({
            slowStart: 60,
            loadBalancingAlgorithmType: "round_robin",
            deregistrationDelay: 30,
        });
        expect(record.outputs.targetGroupArnSuffixes.value).toMatchObject({
            green: expect.stringMatching(/^targetgroup\/shop-green\/[0-9a-f]{16}$/),
        });
    });

    it("declares Lambda target groups without port, protocol, VPC or algorithm", async () => {
        const record = await run(
            buildAlb(albArgs({ targetGroups: { fn: { targetType: "lambda", healthCheck: { path: "/ping" } } } })),
        );
        const fn = one(record, T.tg);
        expect(fn.inputs.targetType).toBe("lambda");
        for (const field of [
            "port",
            "protocol",
            "vpcId",
            "loadBalancingAlgorithmType",
            "deregistrationDelay",
            "slowStart",
        ])
            expect(fn.inputs[field], field).toBeUndefined();
        expect(fn.inputs.healthCheck).toEqual({
            enabled: true,
            path: "/ping",
            matcher: "200-299",
            interval: 10,
            timeout: 5,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        });
        // Nothing in the VPC to reach, so the ALB gets no egress at all.
        expect(ofType(record, T.egress)).toEqual([]);
    });

    it("adds one rule per microservice, each a weighted forward over its own groups", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: {
                        web: { weight: 1 },
                        orders: { weight: 0 },
                        "orders-next": { weight: 0 },
                        users: { weight: 0 },
                    },
                    listenerRules: {
                        orders: {
                            priority: 10,
                            pathPatterns: ["/orders", "/orders/*"],
                            forward: { targetGroups: { orders: 95, "orders-next": 5 }, stickinessSeconds: 300 },
                        },
                        users: {
                            priority: 20,
                            hostHeaders: ["users.example.com"],
                            pathPatterns: ["/api/*"],
                            forward: { targetGroups: { users: 1 } },
                        },
                    },
                }),
            ),
        );
        const rules = ofType(record, T.rule);
        expect(rules.map((r) => r.name).sort()).toEqual(["web-rule-orders", "web-rule-users"]);
        const https = ofType(record, T.listener).find((l) => l.name === "web-https")!;
        const orders = rules.find((r) => r.name === "web-rule-orders")!;
        expect(orders.inputs).toMatchObject({
            priority: 10,
            listenerArn: record.outputs.httpsListenerArn.value,
            conditions: [{ pathPattern: { values: ["/orders", "/orders/*"] } }],
        });
        expect(forwardOf(orders, "actions").forward).toEqual({
            targetGroups: [
                { arn: tgArn(record, "orders"), weight: 95 },
                { arn: tgArn(record, "orders-next"), weight: 5 },
            ],
            stickiness: { enabled: true, duration: 300 },
        });
        const users = rules.find((r) => r.name === "web-rule-users")!;
        expect(users.inputs.conditions).toEqual([
            { hostHeader: { values: ["users.example.com"] } },
            { pathPattern: { values: ["/api/*"] } },
        ]);
        expect(forwardOf(users, "actions").forward).toEqual({
            targetGroups: [{ arn: tgArn(record, "users"), weight: 1 }],
        });
        expect(https.urn).toContain("MultiAzAlb$aws:lb/listener:Listener::web-https");
    });

    it("lets clients reach only 443 and 80, and the ALB reach only the targets' group on their ports", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: {
                        blue: { weight: 1, port: 8080 },
                        green: { weight: 1, port: 8080, healthCheck: { port: 9000 } },
                    },
                }),
            ),
        );
        const albSg = record.outputs.albSecurityGroupId.value;
        const targetSg = record.outputs.targetSecurityGroupId.value;
        for (const sg of ofType(record, T.sg)) {
            // Inline rules would fight the rule resources; none means the provider drops AWS's allow-all egress.
            expect(sg.inputs.ingress, sg.name).toBeUndefined();
            expect(sg.inputs.egress, sg.name).toBeUndefined();
            expect(sg.inputs.vpcId).toBe("vpc-0123456789abcdef0");
        }
        const ingress = ofType(record, T.ingress).map((r) => ({
            name: r.name,
            sg: r.inputs.securityGroupId,
            from: r.inputs.fromPort,
            to: r.inputs.toPort,
            cidr: r.inputs.cidrIpv4,
            ref: r.inputs.referencedSecurityGroupId,
        }));
        expect(ingress).toEqual([
            { name: "web-alb-in-443-0-0-0-0-0", sg: albSg, from: 443, to: 443, cidr: "0.0.0.0/0", ref: undefined },
            { name: "web-alb-in-80-0-0-0-0-0", sg: albSg, from: 80, to: 80, cidr: "0.0.0.0/0", ref: undefined },
            { name: "web-targets-from-alb-8080", sg: targetSg, from: 8080, to: 8080, cidr: undefined, ref: albSg },
            { name: "web-targets-from-alb-9000", sg: targetSg, from: 9000, to: 9000, cidr: undefined, ref: albSg },
        ]);
        const egress = ofType(record, T.egress);
        expect(
            egress.map((r) => [
                r.name,
                r.inputs.securityGroupId,
                r.inputs.fromPort,
                r.inputs.toPort,
                r.inputs.referencedSecurityGroupId,
                r.inputs.ipProtocol,
            ]),
        ).toEqual([
            ["web-alb-to-targets-8080", albSg, 8080, 8080, targetSg, "tcp"],
            ["web-alb-to-targets-9000", albSg, 9000, 9000, targetSg, "tcp"],
        ]);
        expect(egress.every((r) => r.inputs.cidrIpv4 === undefined && r.inputs.cidrIpv6 === undefined)).toBe(true);
        expect(
            targetPorts({
                targetGroups: { a: { port: 8443, healthCheck: { port: 80 } }, b: {}, c: { targetType: "lambda" } },
            }),
        ).toEqual([80, 8443]);
    });

    it("admits only the given CIDRs and security groups, and nothing from anywhere by default when internal", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    internal: true,
                    ingressCidrs: ["10.0.0.0/16"],
                    ingressSecurityGroupIds: ["sg-0123456789abcdef0"],
                }),
            ),
        );
        const ingress = ofType(record, T.ingress).filter((r) => r.name.startsWith("web-alb-in-"));
        expect(
            ingress
                .map((r) => [r.name, r.inputs.fromPort, r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId])
                .sort(),
        ).toEqual([
            ["web-alb-in-443-10-0-0-0-16", 443, "10.0.0.0/16"],
            ["web-alb-in-443-sg-0123456789abcdef0", 443, "sg-0123456789abcdef0"],
            ["web-alb-in-80-10-0-0-0-16", 80, "10.0.0.0/16"],
            ["web-alb-in-80-sg-0123456789abcdef0", 80, "sg-0123456789abcdef0"],
        ]);
        const groupsOnly = await run(buildAlb(albArgs({ ingressSecurityGroupIds: ["sg-0123456789abcdef0"] })));
        expect(ofType(groupsOnly, T.ingress).some((r) => r.inputs.cidrIpv4 !== undefined)).toBe(false);
    });

    it("writes access logs to a private, SSE-S3, expiring bucket that only ELB may write to, under its prefix", async () => {
        const record = await run(buildAlb(albArgs()));
        const bucket = one(record, T.bucket);
        const name = record.outputs.logBucketName.value as string;
        expect(name).toMatch(/^pulumi-aws-dr-test-web-logs-[0-9a-f]{8}$/);
        expect(bucket.inputs.bucket).toBe(name);
        expect(one(record, "random:index/randomId:RandomId").inputs.byteLength).toBe(4);
        expect(one(record, T.publicAccess).inputs).toMatchObject({
            bucket: name,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(one(record, T.ownership).inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
        expect(one(record, T.sse).inputs.rules).toEqual([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ]);
        expect(one(record, T.lifecycle).inputs.rules).toEqual([
            {
                id: "expire-access-logs",
                status: "Enabled",
                filter: { prefix: "alb/" },
                expiration: { days: 90 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
            },
        ]);

        const policy = one(record, T.bucketPolicy);
        const statements = policyOf(policy).Statement;
        const logObjects = `arn:aws:s3:::${name}/alb/AWSLogs/123456789012/*`;
        // us-east-1 predates August 2022: its ELB account writes the logs, and no one else may.
        expect(statements.find((s) => s.Sid === "ElbWritesAccessLogs")).toMatchObject({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::127311923021:root" },
            Action: "s3:PutObject",
            Resource: logObjects,
        });
        expect(statements.filter((s) => s.Effect === "Allow")).toHaveLength(1);
        expect(statements.find((s) => s.Sid === "DenyInsecureTransport")).toEqual({
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        expect(statements).toHaveLength(2);
        expect(policy.options.dependsOn).toEqual(
            expect.arrayContaining([one(record, T.publicAccess).urn, one(record, T.ownership).urn]),
        );
    });

    it("uses the given log prefix and expiry, an existing bucket, or no logs at all", async () => {
        const custom = await run(buildAlb(albArgs({ accessLogs: { prefix: "edge/prod", expirationDays: 30 } })));
        expect(one(custom, T.lifecycle).inputs.rules).toMatchObject([
            { filter: { prefix: "edge/prod/" }, expiration: { days: 30 } },
        ]);
        expect(JSON.stringify(policyOf(one(custom, T.bucketPolicy)).Statement[0].Resource)).toContain(
            "/edge/prod/AWSLogs/123456789012/*",
        );
        expect(one(custom, T.lb).inputs.accessLogs).toMatchObject({ prefix: "edge/prod", enabled: true });

        const existing = await run(buildAlb(albArgs({ accessLogs: { bucket: "central-alb-logs" } })));
        expect(ofType(existing, T.bucket)).toEqual([]);
        expect(ofType(existing, T.bucketPolicy)).toEqual([]);
        expect(one(existing, T.lb).inputs.accessLogs).toEqual({
            bucket: "central-alb-logs",
            prefix: "alb",
            enabled: true,
        });
        expect(one(existing, T.lb).options.dependsOn).toEqual([]);
        expect(existing.outputs.logBucketName.value).toBe("central-alb-logs");

        const off = await run(buildAlb(albArgs({ accessLogs: { enabled: false } })));
        expect(one(off, T.lb).inputs.accessLogs).toBeUndefined();
        expect(ofType(off, T.bucket)).toEqual([]);
        expect(off.outputs.logBucketName.value).toBeUndefined();
    });

    it("alarms on unhealthy and missing healthy hosts per group, ELB 5XX and p99 latency, to an encrypted topic", async () => {
        const record = await run(buildAlb(albArgs()));
        const topic = one(record, T.topic);
        const key = one(record, T.key);
        expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
        const cloudwatch = policyOf(key).Statement.find((s) => s.Sid === "CloudWatchPublishesAlarms")!;
        expect(cloudwatch).toMatchObject({
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        });
        expect(topic.inputs).toMatchObject({
            name: "pulumi-aws-dr-test-web-alarms",
            kmsMasterKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//),
        });
        const topicArn = "arn:aws:sns:us-east-1:123456789012:pulumi-aws-dr-test-web-alarms";

        const alarms = Object.fromEntries(ofType(record, T.alarm).map((a) => [a.name, a.inputs]));
        // Green is an idle standby at weight 0 everywhere: it may have no targets, so only unhealthy ones alarm.
        expect(Object.keys(alarms).sort()).toEqual([
            "web-elb-5xx",
            "web-p99-latency",
            "web-tg-blue-no-healthy-hosts",
            "web-tg-blue-unhealthy-hosts",
            "web-tg-green-unhealthy-hosts",
        ]);
        const lbSuffix = record.outputs.loadBalancerArnSuffix.value;
        const suffixes = record.outputs.targetGroupArnSuffixes.value as Record<string, string>;
        const common = {
            namespace: "AWS/ApplicationELB",
            period: 60,
            evaluationPeriods: 2,
            alarmActions: [topicArn],
            okActions: [topicArn],
        };
        expect(alarms["web-tg-blue-unhealthy-hosts"]).toMatchObject({
            ...common,
            metricName: "UnHealthyHostCount",
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            treatMissingData: "notBreaching",
            dimensions: { LoadBalancer: lbSuffix, TargetGroup: suffixes.blue },
        });
        expect(alarms["web-tg-green-unhealthy-hosts"].dimensions).toEqual({
            LoadBalancer: lbSuffix,
            TargetGroup: suffixes.green,
        });
        expect(alarms["web-tg-blue-no-healthy-hosts"]).toMatchObject({
            ...common,
            metricName: "HealthyHostCount",
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            treatMissingData: "breaching",
        });
        expect(alarms["web-elb-5xx"]).toMatchObject({
            ...common,
            metricName: "HTTPCode_ELB_5XX_Count",
            statistic: "Sum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 10,
            dimensions: { LoadBalancer: lbSuffix },
        });
        expect(alarms["web-p99-latency"]).toMatchObject({
            ...common,
            metricName: "TargetResponseTime",
            extendedStatistic: "p99",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 2,
            dimensions: { LoadBalancer: lbSuffix },
        });
        expect(alarms["web-p99-latency"].statistic).toBeUndefined();
        expect(alarms["web-elb-5xx"].name).toBe("pulumi-aws-dr-test-web-elb-5xx");
    });

    it("sends alarms to a given topic with the given thresholds, counts rule traffic, and can skip alarms", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:ops";
        const record = await run(
            buildAlb(
                albArgs({
                    listenerRules: {
                        next: {
                            priority: 1,
                            hostHeaders: ["next.example.com"],
                            forward: { targetGroups: { green: 1 } },
                        },
                    },
                    alarms: {
                        topicArn,
                        periodSeconds: 300,
                        evaluationPeriods: 3,
                        elb5xxThreshold: 50,
                        targetResponseTimeP99Seconds: 0.5,
                    },
                }),
            ),
        );
        expect(ofType(record, T.topic)).toEqual([]);
        expect(ofType(record, T.key)).toEqual([]);
        const alarms = ofType(record, T.alarm);
        expect(
            alarms.every(
                (a) =>
                    JSON.stringify(a.inputs.alarmActions) === JSON.stringify([topicArn]) &&
                    a.inputs.period === 300 &&
                    a.inputs.evaluationPeriods === 3,
            ),
        ).toBe(true);
        expect(alarms.find((a) => a.name === "web-elb-5xx")!.inputs.threshold).toBe(50);
        expect(alarms.find((a) => a.name === "web-p99-latency")!.inputs.threshold).toBe(0.5);
        // Green gets traffic through the rule, so it must have healthy hosts.
        expect(alarms.some((a) => a.name === "web-tg-green-no-healthy-hosts")).toBe(true);

        const quiet = await run(buildAlb(albArgs({ alarms: { enabled: false } })));
        expect(ofType(quiet, T.alarm)).toEqual([]);
        expect(ofType(quiet, T.topic)).toEqual([]);
    });

    it("parents every child to the component and puts every regional child in the given region", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    region: "us-west-2",
                    certificateArn: "arn:aws:acm:us-west-2:123456789012:certificate/abc-123",
                }),
            ),
        );
        const component = one(record, T.component);
        const children = record.resources.filter((r) => r !== component);
        expect(children.length).toBeGreaterThan(20);
        for (const c of children) {
            expect(c.parent, c.name).toBe(component.urn);
            expect(c.urn).toContain("pulumi-aws-dr:alb:MultiAzAlb$");
        }
        for (const c of children.filter((r) => r.type.startsWith("aws:")))
            expect([c.name, c.inputs.region]).toEqual([c.name, "us-west-2"]);
        expect(record.outputs.zoneId.value).toBe("Z1H1FL5HABSF5");
        const elbAccount = policyOf(one(record, T.bucketPolicy)).Statement.find(
            (s) => s.Sid === "ElbWritesAccessLogs",
        )!;
        expect(elbAccount.Principal).toEqual({ AWS: "arn:aws:iam::797873946194:root" });
    });

    it("protects and retains the log bucket and alarm key only when asked", async () => {
        const plain = await run(buildAlb(albArgs()));
        expect(one(plain, T.bucket).options).toMatchObject({ protect: false, retainOnDelete: false });
        const guarded = await run(buildAlb(albArgs({ protectStatefulResources: true })));
        for (const type of [T.bucket, T.key])
            expect(one(guarded, type).options, type).toMatchObject({ protect: true, retainOnDelete: true });
        for (const type of [T.lb, T.tg, T.topic]) expect(ofType(guarded, type)[0].options.protect, type).toBe(false);
    });

    it("returns every output, with target group ARNs by key", async () => {
        const record = await run(buildAlb(albArgs()));
        const arns = record.outputs.targetGroupArns.value as Record<string, string>;
        expect(Object.keys(arns)).toEqual(["blue", "green"]);
        const blue = one(record, T.tg, "web-tg-blue").inputs.name;
        expect(arns.blue).toMatch(
            new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${blue}/[0-9a-f]{16}$`),
        );
        expect(record.outputs.loadBalancerArn.value).toMatch(
            /:loadbalancer\/app\/pulumi-aws-dr-test-web-[a-z0-9-]{1,9}\//,
        );
        expect(record.outputs.httpsListenerArn.value).toMatch(
            /:listener\/app\/pulumi-aws-dr-test-web-[a-z0-9-]{1,9}\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
        );
        expect(record.outputs.albSecurityGroupId.value).toMatch(/^sg-/);
        expect(record.outputs.targetSecurityGroupId.value).not.toBe(record.outputs.albSecurityGroupId.value);
    });

    it("checks values that are Outputs when they resolve, with the same message", async () => {
        const badWeight = await runExpectingError(async () => {
            const alb = new MultiAzAlb(
                "web",
                albArgs({ targetGroups: { blue: { weight: pulumi.output(1200) }, green: { weight: 0 } } }),
            );
            return { dns: alb.dnsName };
        });
        expect(badWeight.error).toBeInstanceOf(InvalidInputError);
        expect(badWeight.error.message).toContain(
            'MultiAzAlb "web": targetGroups.blue.weight must be an integer 0..999, got 1200',
        );
        expect(
            badWeight.registered.filter((r) => r.type === T.listener).map((l) => l.name),
            "the weighted listener never reaches AWS",
        ).toEqual(["web-http"]);

        const oneSubnet = await runExpectingError(async () => {
            new MultiAzAlb("web", albArgs({ subnetIds: pulumi.output(["subnet-0aaaaaaaaaaaaaaa1"]) }));
            return {};
        });
        // Said once: the header and the problem, not repeated or prefixed by each input that carried it.
        expect(oneSubnet.error.message).toBe(
            [
                'MultiAzAlb "web": inputs known only at deploy time failed their checks; nothing that uses them was created',
                'MultiAzAlb "web": subnetIds must be at least 2 subnets, each in a different AZ, got ["subnet-0aaaaaaaaaaaaaaa1"]',
            ].join("\n"),
        );
        // The SDK prefixes the property name to the message of each input that rejects; this one stays as written.
        const said = oneSubnet.error.message;
        oneSubnet.error.message = `error serializing property "subnets": ${said}`;
        expect(oneSubnet.error.message).toBe(said);
        // Nothing that takes the subnets was registered; what is built from plain values alone was.
        const types = new Set(oneSubnet.registered.map((r) => r.type));
        expect(types.has(T.lb)).toBe(false);
        expect(types.has(T.listener)).toBe(false);
        expect(
            oneSubnet.registered.filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup").length,
        ).toBeGreaterThan(0);

        const fine = await run(
            buildAlb(
                albArgs({
                    targetGroups: { blue: { weight: pulumi.output(7) } },
                    certificateArn: pulumi.output(albArgs().certificateArn),
                }),
            ),
        );
        expect(
            forwardOf(ofType(fine, T.listener).find((l) => l.name === "web-https")!).forward.targetGroups[0].weight,
        ).toBe(7);
    });
});

describe("albDetectionSeconds", () => {
    it("is unhealthyThreshold checks at the interval, defaults applied", () => {
        expect(albHealthCheckDefaults).toMatchObject({
            interval: 10,
            unhealthyThreshold: 3,
            healthyThreshold: 3,
            timeout: 5,
            path: "/",
            port: "traffic-port",
            matcher: "200-299",
        });
        expect(albDetectionSeconds()).toBe(30);
        expect(albDetectionSeconds({ interval: 30 })).toBe(90);
        expect(albDetectionSeconds({ unhealthyThreshold: 2, interval: 5 })).toBe(10);
        expect(albDetectionSeconds({ interval: undefined, unhealthyThreshold: 10 })).toBe(100);
    });
});

describe("MultiAzAlb static targets and origin verification", () => {
    it("registers each static target with a TargetGroupAttachment on its group's port", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: {
                        app: {
                            port: 8080,
                            targets: [{ id: "i-0123456789abcdef0" }, { id: "i-0123456789abcdef1", port: 9090 }],
                        },
                        edge: { targetType: "ip", targets: [{ id: "10.0.1.10" }] },
                    },
                }),
            ),
        );
        const attachments = ofType(record, "aws:lb/targetGroupAttachment:TargetGroupAttachment");
        expect(attachments.map((a) => [a.name, a.inputs.targetId, a.inputs.port])).toEqual([
            ["web-tg-app-i-0123456789abcdef0", "i-0123456789abcdef0", 8080],
            ["web-tg-app-i-0123456789abcdef1-9090", "i-0123456789abcdef1", 9090],
            ["web-tg-edge-10.0.1.10", "10.0.1.10", 80],
        ]);
        const app = one(record, T.tg, "web-tg-app");
        expect(attachments[0].inputs.targetGroupArn).toContain(`:targetgroup/${app.inputs.name}/`);
        expect(attachments.every((a) => a.parent === app.parent)).toBe(true);
    });

    it("answers 403 unless the CDN's secret header is present, and keeps the secret out of the record", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: { blue: { weight: 1 } },
                    listenerRules: {
                        api: { priority: 10, pathPatterns: ["/api/*"], forward: { targetGroups: { blue: 1 } } },
                    },
                    originVerify: { headerName: "X-Origin-Verify", value: pulumi.secret("s3cr3t-value") },
                }),
            ),
        );
        const https = ofType(record, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS")!;
        expect(https.inputs.defaultActions).toEqual([
            expect.objectContaining({
                type: "fixed-response",
                fixedResponse: expect.objectContaining({ statusCode: "403" }),
            }),
        ]);
        const verified = one(record, "aws:lb/listenerRule:ListenerRule", "web-rule-origin-verified");
        expect(verified.inputs.priority).toBe(50000);
        expect(verified.inputs.actions).toEqual([expect.objectContaining({ type: "forward" })]);
        const api = one(record, "aws:lb/listenerRule:ListenerRule", "web-rule-api");
        expect(api.inputs.conditions).toEqual(
            expect.arrayContaining([{ httpHeader: { httpHeaderName: "X-Origin-Verify", values: ["[secret]"] } }]),
        );
        expect(JSON.stringify(record.resources)).not.toContain("s3cr3t-value");
    });
});

describe("MultiAzAlb microservices", () => {
    it("leaves groups reached only by their rule out of the default action, so one ALB fronts more than five services", async () => {
        const services = Array.from({ length: 8 }, (_, i) => `svc${i}`);
        const record = await run(
            buildAlb(
                albArgs({
                    targetGroups: { site: {}, ...Object.fromEntries(services.map((s) => [s, {}])) },
                    listenerRules: Object.fromEntries(
                        services.map((s, i) => [
                            s,
                            { priority: i + 1, pathPatterns: [`/${s}/*`], forward: { targetGroups: { [s]: 1 } } },
                        ]),
                    ),
                }),
            ),
        );
        const https = ofType(record, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS")!;
        const forward = (
            https.inputs.defaultActions as { forward: { targetGroups: { arn: string; weight: number }[] } }[]
        )[0].forward;
        expect(forward.targetGroups).toEqual([
            { arn: expect.stringContaining(`targetgroup/${one(record, T.tg, "web-tg-site").inputs.name}/`), weight: 1 },
        ]);
        expect(ofType(record, "aws:lb/listenerRule:ListenerRule")).toHaveLength(8);
    });
});

describe("MultiAzAlb alarm topic output", () => {
    it("exposes the topic it made, so on-call can subscribe", async () => {
        const record = await run(async () => ({ topic: new MultiAzAlb("web", albArgs()).alarmTopicArn }));
        expect(record.outputs.topic.value).toBe(
            `arn:aws:sns:us-east-1:123456789012:${one(record, "aws:sns/topic:Topic").inputs.name}`,
        );
    });
});

describe("MultiAzAlb dual-stack and child resources", () => {
    it("makes a dual-stack ALB when asked, and says so to FailoverDns", async () => {
        let said: string | undefined;
        const record = await run(async () => {
            const alb = new MultiAzAlb("web", albArgs({ ipAddressType: "dualstack" }));
            said = alb.ipAddressType;
            return {};
        });
        expect(one(record, T.lb).inputs.ipAddressType).toBe("dualstack");
        expect(said).toBe("dualstack");
        const ipv4 = await run(buildAlb(albArgs()));
        expect(one(ipv4, T.lb).inputs.ipAddressType).toBe("ipv4");
    });

    it("refuses a dual-stack internal ALB and an unknown address type, as ELB does", () => {
        const internal = albArgs({ internal: true, ingressCidrs: ["10.0.0.0/8"], ipAddressType: "dualstack" });
        expect(validateAlbArgs(internal, "us-east-1")).toContainEqual({
            path: "ipAddressType",
            value: "dualstack",
            allowed: '"ipv4" for an internal ALB (ELB allows dual-stack only internet-facing)',
        });
        expect(validateAlbArgs(albArgs({ ipAddressType: "ipv6" as never }), "us-east-1")).toContainEqual({
            path: "ipAddressType",
            value: "ipv6",
            allowed: "one of ipv4, dualstack, dualstack-without-public-ipv4",
        });
    });

    it("hands out the load balancer, both listeners and the target groups it made", async () => {
        const urns: Record<string, pulumi.Output<string>> = {};
        const record = await run(async () => {
            const alb = new MultiAzAlb("web", albArgs());
            urns.lb = alb.loadBalancer.urn;
            urns.https = alb.listeners.https.urn;
            urns.http = alb.listeners.http.urn;
            urns.blue = alb.targetGroups.blue.urn;
            urns.green = alb.targetGroups.green.urn;
            return urns;
        });
        const urnOf = (type: string, name: string) => one(record, type, name).urn;
        expect(record.outputs.lb.value).toBe(urnOf(T.lb, "web-alb"));
        expect(record.outputs.https.value).toBe(urnOf(T.listener, "web-https"));
        expect(record.outputs.http.value).toBe(urnOf(T.listener, "web-http"));
        expect(record.outputs.blue.value).toBe(urnOf(T.tg, "web-tg-blue"));
        expect(record.outputs.green.value).toBe(urnOf(T.tg, "web-tg-green"));
    });
});
