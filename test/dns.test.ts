import { describe, expect, it } from "vitest";
import { Endpoint, failoverBreakdown, failoverSeconds, Routing } from "../components/dns";
import { ofType, one, policyOf, run } from "./harness";
import {
    ALARM,
    albTarget,
    buildDns,
    CERTIFICATE,
    endpoint,
    EXAMPLE_ZONE_ID,
    failoverArgs,
    HEALTH_CHECK,
    RECORD,
    VALIDATION,
} from "./dns.fixtures";

const DNS = "pulumi-aws-dr:dns:FailoverDns";

describe("FailoverDns records", () => {
    it("makes a PRIMARY and a SECONDARY alias record, each with its own health check, in the looked-up zone", async () => {
        const record = await run(buildDns(failoverArgs()));
        const records = ofType(record, RECORD);
        expect(records.map((r) => r.name).sort()).toEqual(["app-primary-a", "app-secondary-a"]);
        const checks = ofType(record, HEALTH_CHECK);
        const checkIds = record.outputs.healthCheckIds.value as Record<string, string>;
        for (const [role, region] of [
            ["primary", "us-east-1"],
            ["secondary", "us-west-2"],
        ]) {
            const r = one(record, RECORD, `app-${role}-a`);
            expect(r.inputs).toMatchObject({
                zoneId: EXAMPLE_ZONE_ID,
                name: "app.example.com",
                type: "A",
                setIdentifier: role,
                failoverRoutingPolicies: [{ type: role.toUpperCase() }],
                aliases: [
                    { name: albTarget(region).dnsName, zoneId: albTarget(region).zoneId, evaluateTargetHealth: true },
                ],
                allowOverwrite: false,
            });
            expect(r.inputs.ttl).toBeUndefined();
            expect(r.inputs.healthCheckId).toBe(checkIds[role]);
        }
        expect(checks.map((c) => c.name).sort()).toEqual(["app-primary", "app-secondary"]);
        expect(new Set(records.map((r) => r.inputs.healthCheckId)).size).toBe(2);
        expect(record.outputs.fqdn.value).toBe("app.example.com");
        expect(record.outputs.zoneId.value).toBe(EXAMPLE_ZONE_ID);
        expect(record.outputs.certificateArns.value).toEqual({});
    });

    it("gives weighted records their weights and endpoint ids as set identifiers", async () => {
        const routing: Routing = {
            policy: "weighted",
            endpoints: {
                blue: { ...endpoint("us-east-1"), weight: 200 },
                green: { ...endpoint("us-west-2"), weight: 0 },
            },
        };
        const record = await run(buildDns(failoverArgs({ routing })));
        const records = ofType(record, RECORD);
        expect(records.map((r) => [r.name, r.inputs.setIdentifier, r.inputs.weightedRoutingPolicies]).sort()).toEqual([
            ["app-blue-a", "blue", [{ weight: 200 }]],
            ["app-green-a", "green", [{ weight: 0 }]],
        ]);
        expect(
            records.every(
                (r) => r.inputs.failoverRoutingPolicies === undefined && typeof r.inputs.healthCheckId === "string",
            ),
        ).toBe(true);
        expect(Object.keys(record.outputs.healthCheckIds.value as object).sort()).toEqual(["blue", "green"]);
    });

    it("gives latency records the endpoint's region", async () => {
        const routing: Routing = {
            policy: "latency",
            endpoints: { use1: endpoint("us-east-1"), euw1: endpoint("eu-west-1") },
        };
        const record = await run(buildDns(failoverArgs({ routing })));
        expect(
            ofType(record, RECORD)
                .map((r) => [r.name, r.inputs.setIdentifier, r.inputs.latencyRoutingPolicies])
                .sort(),
        ).toEqual([
            ["app-euw1-a", "euw1", [{ region: "eu-west-1" }]],
            ["app-use1-a", "use1", [{ region: "us-east-1" }]],
        ]);
        expect(ofType(record, HEALTH_CHECK)).toHaveLength(2);
    });

    it("makes one plain alias for simple routing, with no health check, alarm or topic", async () => {
        const record = await run(
            buildDns(failoverArgs({ routing: { policy: "simple", endpoint: endpoint("us-east-1") } })),
        );
        const r = one(record, RECORD);
        expect(r.name).toBe("app-a");
        expect(r.inputs).toMatchObject({ type: "A", aliases: [{ evaluateTargetHealth: true }] });
        for (const key of [
            "setIdentifier",
            "healthCheckId",
            "failoverRoutingPolicies",
            "weightedRoutingPolicies",
            "latencyRoutingPolicies",
        ]) {
            expect(r.inputs[key], key).toBeUndefined();
        }
        expect(ofType(record, HEALTH_CHECK)).toEqual([]);
        expect(ofType(record, ALARM)).toEqual([]);
        expect(ofType(record, "aws:sns/topic:Topic")).toEqual([]);
        expect(record.outputs.healthCheckIds.value).toEqual({});
    });

    it("mirrors every A record with an AAAA record when ipv6 is on", async () => {
        const record = await run(buildDns(failoverArgs({ ipv6: true })));
        const records = ofType(record, RECORD);
        expect(records.map((r) => r.name).sort()).toEqual([
            "app-primary-a",
            "app-primary-aaaa",
            "app-secondary-a",
            "app-secondary-aaaa",
        ]);
        for (const role of ["primary", "secondary"]) {
            const a = one(record, RECORD, `app-${role}-a`).inputs;
            const aaaa = one(record, RECORD, `app-${role}-aaaa`).inputs;
            expect(aaaa.type).toBe("AAAA");
            expect({ ...aaaa, type: "A" }).toEqual(a);
        }
    });

    it("parents every child to the component", async () => {
        const record = await run(
            buildDns(failoverArgs({ zone: { create: { name: "example.com" } }, certificate: {} })),
        );
        const component = one(record, DNS);
        const certificate = one(record, "pulumi-aws-dr:certificate:DnsValidatedCertificate");
        for (const r of record.resources.filter((x) => x !== component)) {
            expect(r.parent, r.name).toBe(
                r.urn.includes("DnsValidatedCertificate$") && r !== certificate ? certificate.urn : component.urn,
            );
        }
    });
});

describe("FailoverDns health checks", () => {
    it("defaults to HTTPS on 443 /health every 30 s, 3 failures, at the target's name, tagged", async () => {
        const record = await run(buildDns(failoverArgs({ tags: { team: "sre" } })));
        const check = one(record, HEALTH_CHECK, "app-primary");
        expect(check.inputs).toMatchObject({
            type: "HTTPS",
            port: 443,
            resourcePath: "/health",
            requestInterval: 30,
            failureThreshold: 3,
            measureLatency: false,
            enableSni: true,
            fqdn: albTarget("us-east-1").dnsName,
            tags: { team: "sre", Name: "pulumi-aws-dr-test-app-primary" },
        });
        expect(check.inputs.regions).toBeUndefined();
        expect(check.inputs.searchString).toBeUndefined();
        expect(check.region).toBeNull();
    });

    it("passes every health-check setting through, and leaves out the path for TCP", async () => {
        const routing: Routing = {
            policy: "failover",
            primary: endpoint("us-east-1", {
                healthCheck: {
                    type: "HTTPS_STR_MATCH",
                    searchString: "ok",
                    resourcePath: "/ready",
                    port: 8443,
                    requestInterval: 10,
                    failureThreshold: 2,
                    measureLatency: true,
                    regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
                    fqdn: "origin.example.com",
                },
            }),
            secondary: endpoint("us-west-2", { healthCheck: { type: "TCP", port: 80, resourcePath: "/ignored" } }),
        };
        const record = await run(buildDns(failoverArgs({ routing })));
        expect(one(record, HEALTH_CHECK, "app-primary").inputs).toMatchObject({
            type: "HTTPS_STR_MATCH",
            searchString: "ok",
            resourcePath: "/ready",
            port: 8443,
            requestInterval: 10,
            failureThreshold: 2,
            measureLatency: true,
            regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
            fqdn: "origin.example.com",
            enableSni: true,
        });
        const tcp = one(record, HEALTH_CHECK, "app-secondary").inputs;
        expect(tcp).toMatchObject({ type: "TCP", port: 80 });
        expect(tcp.resourcePath).toBeUndefined();
        expect(tcp.enableSni).toBeUndefined();
    });

    it("defaults the port by type: 80 for plain HTTP, which would fail against the TLS listener, 443 otherwise", async () => {
        const types = ["HTTP", "HTTP_STR_MATCH", "HTTPS", "HTTPS_STR_MATCH", "TCP"] as const;
        const routing: Routing = {
            policy: "latency",
            endpoints: Object.fromEntries(
                types.map((type) => [
                    type.replace(/_/g, "-"),
                    endpoint("us-east-1", {
                        healthCheck: type.endsWith("_STR_MATCH") ? { type, searchString: "ok" } : { type },
                    }),
                ]),
            ),
        };
        const record = await run(buildDns(failoverArgs({ routing })));
        expect(Object.fromEntries(ofType(record, HEALTH_CHECK).map((c) => [c.inputs.type, c.inputs.port]))).toEqual({
            HTTP: 80,
            HTTP_STR_MATCH: 80,
            HTTPS: 443,
            HTTPS_STR_MATCH: 443,
            TCP: 443,
        });
        const explicit = await run(
            buildDns(
                failoverArgs({
                    routing: {
                        policy: "failover",
                        primary: endpoint("us-east-1", { healthCheck: { type: "HTTP", port: 8080 } }),
                        secondary: endpoint("us-west-2"),
                    },
                }),
            ),
        );
        expect(one(explicit, HEALTH_CHECK, "app-primary").inputs.port).toBe(8080);
    });

    it("skips the health check of an endpoint that opts out, keeping the record's target-health evaluation", async () => {
        const routing: Routing = {
            policy: "failover",
            primary: endpoint("us-east-1"),
            secondary: endpoint("us-west-2", { healthCheck: { enabled: false } }),
        };
        const record = await run(buildDns(failoverArgs({ routing })));
        expect(ofType(record, HEALTH_CHECK).map((c) => c.name)).toEqual(["app-primary"]);
        expect(one(record, RECORD, "app-secondary-a").inputs.healthCheckId).toBeUndefined();
        expect(ofType(record, ALARM)).toHaveLength(1);
    });
});

describe("FailoverDns alarms", () => {
    it("alarms on each health check's HealthCheckStatus in us-east-1, to an encrypted topic there", async () => {
        const record = await run(buildDns(failoverArgs()), { region: "us-west-2" });
        const alarms = ofType(record, ALARM);
        const ids = record.outputs.healthCheckIds.value as Record<string, string>;
        expect(alarms.map((a) => a.name).sort()).toEqual(["app-primary-health", "app-secondary-health"]);
        const topic = one(record, "aws:sns/topic:Topic");
        const key = one(record, "aws:kms/key:Key");
        for (const alarm of alarms) {
            const id = alarm.name.replace(/^app-|-health$/g, "");
            expect(alarm.region).toBe("us-east-1");
            expect(alarm.inputs).toMatchObject({
                region: "us-east-1",
                namespace: "AWS/Route53",
                metricName: "HealthCheckStatus",
                dimensions: { HealthCheckId: ids[id] },
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                statistic: "Minimum",
            });
            expect(alarm.inputs.alarmActions).toEqual([record.outputs.alarmTopicArn.value]);
            expect(alarm.inputs.okActions).toEqual([record.outputs.alarmTopicArn.value]);
        }
        expect(record.outputs.alarmTopicArn.value).toMatch(
            /^arn:aws:sns:us-east-1:123456789012:pulumi-aws-dr-test-app-alarms$/,
        );
        expect(topic.region).toBe("us-east-1");
        expect(topic.inputs.kmsMasterKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
        expect(key.region).toBe("us-east-1");
        expect(key.inputs).toMatchObject({ enableKeyRotation: true });
        const cloudwatch = policyOf(key).Statement.find((s) => s.Sid === "CloudWatchPublishesAlarms")!;
        expect(cloudwatch.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
        expect(cloudwatch.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
        expect(key.options.protect).toBe(false);
    });

    it("uses a given topic and creates none, or makes no alarms when disabled", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:oncall";
        const given = await run(buildDns(failoverArgs({ alarms: { topicArn } })));
        expect(ofType(given, "aws:sns/topic:Topic")).toEqual([]);
        expect(ofType(given, "aws:kms/key:Key")).toEqual([]);
        expect(ofType(given, ALARM).map((a) => a.inputs.alarmActions)).toEqual([[topicArn], [topicArn]]);

        const off = await run(buildDns(failoverArgs({ alarms: { enabled: false } })));
        expect(ofType(off, ALARM)).toEqual([]);
        expect(ofType(off, "aws:sns/topic:Topic")).toEqual([]);
        expect(off.outputs.alarmTopicArn.value).toBeUndefined();
    });

    it("keeps the health check but skips the alarm of an endpoint with alarm: false, such as an empty standby", async () => {
        const routing: Routing = {
            policy: "failover",
            primary: endpoint("us-east-1", { alarm: true }),
            secondary: endpoint("us-west-2", { alarm: false }),
        };
        const record = await run(buildDns(failoverArgs({ routing })));
        expect(
            ofType(record, HEALTH_CHECK)
                .map((c) => c.name)
                .sort(),
        ).toEqual(["app-primary", "app-secondary"]);
        expect(typeof one(record, RECORD, "app-secondary-a").inputs.healthCheckId).toBe("string");
        expect(ofType(record, ALARM).map((a) => a.name)).toEqual(["app-primary-health"]);
        expect(ofType(record, "aws:sns/topic:Topic")).toHaveLength(1);

        const none = await run(
            buildDns(failoverArgs({ routing: { ...routing, primary: endpoint("us-east-1", { alarm: false }) } })),
        );
        expect(ofType(none, ALARM)).toEqual([]);
        expect(ofType(none, "aws:sns/topic:Topic")).toEqual([]);
        expect(none.outputs.alarmTopicArn.value).toBeUndefined();
    });
});

describe("FailoverDns zones", () => {
    it("creates the zone when asked, protected on request, and puts the records in it", async () => {
        const record = await run(
            buildDns(
                failoverArgs({
                    zone: { create: { name: "example.com", comment: "app" } },
                    protectStatefulResources: true,
                }),
            ),
        );
        const zone = one(record, "aws:route53/zone:Zone");
        expect(zone.inputs).toMatchObject({ name: "example.com", comment: "app", forceDestroy: false });
        expect(zone.options).toMatchObject({ protect: true, retainOnDelete: true });
        const zoneId = record.outputs.zoneId.value;
        expect(zoneId).toMatch(/^Z[A-Z0-9]{20}$/);
        expect(ofType(record, RECORD).every((r) => r.inputs.zoneId === zoneId)).toBe(true);
        expect(one(record, "aws:kms/key:Key").options.protect).toBe(true);
    });

    it("accepts a zone by id and checks the record against the zone's name", async () => {
        const record = await run(buildDns(failoverArgs({ zone: { zoneId: EXAMPLE_ZONE_ID } })));
        expect(ofType(record, RECORD).every((r) => r.inputs.zoneId === EXAMPLE_ZONE_ID)).toBe(true);
    });
});

describe("FailoverDns certificate", () => {
    it("requests a certificate in each endpoint's region through a child DnsValidatedCertificate", async () => {
        const record = await run(
            buildDns(failoverArgs({ certificate: { subjectAlternativeNames: ["*.app.example.com"] } })),
        );
        const certificates = ofType(record, CERTIFICATE);
        expect(
            certificates.map((c) => [c.name, c.region, c.inputs.domainName, c.inputs.subjectAlternativeNames]).sort(),
        ).toEqual([
            ["app-certificate-us-east-1", "us-east-1", "app.example.com", ["*.app.example.com"]],
            ["app-certificate-us-west-2", "us-west-2", "app.example.com", ["*.app.example.com"]],
        ]);
        // app.example.com and *.app.example.com share one CNAME, and both regions share it too.
        const validationRecords = ofType(record, RECORD).filter((r) => r.inputs.type === "CNAME");
        expect(validationRecords.map((r) => r.name)).toEqual(["app-certificate-validation-app.example.com"]);
        const arns = record.outputs.certificateArns.value as Record<string, string>;
        expect(Object.keys(arns).sort()).toEqual(["us-east-1", "us-west-2"]);
        expect(arns["us-west-2"]).toMatch(/^arn:aws:acm:us-west-2:123456789012:certificate\//);
        expect(ofType(record, VALIDATION)).toHaveLength(2);
    });

    it("validates in the zone it created", async () => {
        const record = await run(
            buildDns(failoverArgs({ zone: { create: { name: "example.com" } }, certificate: {} })),
        );
        const zoneId = record.outputs.zoneId.value;
        expect(ofType(record, "aws:route53/zone:Zone")).toHaveLength(1);
        expect(ofType(record, RECORD).every((r) => r.inputs.zoneId === zoneId)).toBe(true);
    });
});

describe("failoverSeconds", () => {
    const failover = (primary: Partial<Endpoint>, secondary: Partial<Endpoint> = {}): Routing => ({
        policy: "failover",
        primary: endpoint("us-east-1", primary),
        secondary: endpoint("us-west-2", secondary),
    });
    const weighted = (endpoints: Record<string, [number, Partial<Endpoint>]>): Routing => ({
        policy: "weighted",
        endpoints: Object.fromEntries(
            Object.entries(endpoints).map(([id, [weight, extra]], i) => [
                id,
                { ...endpoint(i % 2 ? "us-west-2" : "us-east-1", extra), weight },
            ]),
        ),
    });

    it("is requestInterval × failureThreshold + the 60 s ELB alias TTL", () => {
        expect(failoverSeconds(failover({}))).toBe(30 * 3 + 60);
        expect(failoverBreakdown(failover({}))).toEqual({ detectSeconds: 90, ttlSeconds: 60 });
        expect(
            failoverSeconds(
                failover(
                    { healthCheck: { requestInterval: 10, failureThreshold: 3 } },
                    { healthCheck: { requestInterval: 10, failureThreshold: 3 } },
                ),
            ),
        ).toBe(90);
        expect(
            failoverSeconds(
                failover(
                    { healthCheck: { requestInterval: 10, failureThreshold: 1 } },
                    { healthCheck: { requestInterval: 10, failureThreshold: 1 } },
                ),
            ),
        ).toBe(70);
    });

    it("counts only the primary's check for failover: the secondary's does not decide when traffic moves", () => {
        expect(
            failoverSeconds(
                failover(
                    { healthCheck: { requestInterval: 10, failureThreshold: 2 } },
                    { healthCheck: { requestInterval: 30, failureThreshold: 10 } },
                ),
            ),
        ).toBe(10 * 2 + 60);
        expect(
            failoverSeconds(
                failover(
                    { healthCheck: { requestInterval: 30, failureThreshold: 10 } },
                    { healthCheck: { requestInterval: 10, failureThreshold: 1 } },
                ),
            ),
        ).toBe(30 * 10 + 60);
        expect(failoverSeconds(failover({}, { healthCheck: { enabled: false }, evaluateTargetHealth: false }))).toBe(
            150,
        );
    });

    it("takes the target's own detection for a primary with no Route 53 check that evaluates target health", () => {
        const targetOnly = failover({ healthCheck: { enabled: false } });
        expect(failoverBreakdown(targetOnly, { targetDetectionSeconds: 30 })).toEqual({
            detectSeconds: 30,
            ttlSeconds: 60,
        });
        // Not given: nothing to count, which understates it (documented).
        expect(failoverBreakdown(targetOnly)).toEqual({ detectSeconds: 0, ttlSeconds: 60 });
        // A Route 53 check sees every failure, so it bounds detection whatever target health does.
        expect(
            failoverBreakdown(failover({ healthCheck: { requestInterval: 10, failureThreshold: 3 } }), {
                targetDetectionSeconds: 300,
            }).detectSeconds,
        ).toBe(30);
        // Neither signal: only a manual failover.
        expect(
            failoverBreakdown(failover({ healthCheck: { enabled: false }, evaluateTargetHealth: false }), {
                targetDetectionSeconds: 30,
            }).detectSeconds,
        ).toBe(0);
    });

    it("takes the slowest serving endpoint for weighted and latency, each taken out by its own health", () => {
        const slow = { healthCheck: { requestInterval: 10 as const, failureThreshold: 5 } };
        expect(failoverBreakdown(weighted({ a: [1, slow], b: [1, { healthCheck: { enabled: false } }] }))).toEqual({
            detectSeconds: 50,
            ttlSeconds: 60,
        });
        expect(
            failoverBreakdown(weighted({ a: [1, slow], b: [1, { healthCheck: { enabled: false } }] }), {
                targetDetectionSeconds: 120,
            }).detectSeconds,
        ).toBe(120);
        expect(failoverBreakdown(weighted({ a: [1, {}], b: [3, slow] })).detectSeconds).toBe(90);
        // A weight of 0 serves no one while another endpoint is healthy.
        expect(
            failoverBreakdown(
                weighted({ a: [1, slow], b: [0, { healthCheck: { requestInterval: 30, failureThreshold: 10 } }] }),
            ).detectSeconds,
        ).toBe(50);
        const latency: Routing = {
            policy: "latency",
            endpoints: { use1: endpoint("us-east-1", slow), usw2: endpoint("us-west-2") },
        };
        expect(failoverSeconds(latency)).toBe(90 + 60);
    });

    it("is the TTL alone for simple routing, whose failover is manual", () => {
        expect(failoverBreakdown({ policy: "simple", endpoint: endpoint("us-east-1") })).toEqual({
            detectSeconds: 0,
            ttlSeconds: 60,
        });
        expect(
            failoverSeconds({ policy: "simple", endpoint: endpoint("us-east-1") }, { targetDetectionSeconds: 30 }),
        ).toBe(60);
    });
});
