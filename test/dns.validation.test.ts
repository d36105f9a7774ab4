import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    Endpoint,
    FailoverDnsArgs,
    HealthCheckSpec,
    HEALTH_CHECKER_REGIONS,
    Routing,
    validateFailoverDnsArgs,
} from "../components/dns";
import { InvalidInputError, supportedRegions } from "../components/internal";
import { ofType, run, runExpectingError } from "./harness";
import { buildDns, endpoint, EXAMPLE_ZONE_ID, failoverArgs, HEALTH_CHECK, RECORD } from "./dns.fixtures";

const withPrimaryCheck = (healthCheck: HealthCheckSpec): FailoverDnsArgs =>
    failoverArgs({
        routing: {
            policy: "failover",
            primary: endpoint("us-east-1", { healthCheck }),
            secondary: endpoint("us-west-2"),
        },
    });
const weighted = (weights: Record<string, unknown>): FailoverDnsArgs =>
    failoverArgs({
        routing: {
            policy: "weighted",
            endpoints: Object.fromEntries(
                Object.entries(weights).map(([id, weight], i) => [
                    id,
                    { ...endpoint(i % 2 ? "us-west-2" : "us-east-1"), weight: weight as number },
                ]),
            ),
        },
    });

describe("FailoverDns validation", () => {
    const hc = "routing.primary.healthCheck";
    const cases: [string, FailoverDnsArgs, string][] = [
        // failover without exactly one primary and one secondary
        [
            "failover without a primary",
            failoverArgs({ routing: { policy: "failover", secondary: endpoint("us-west-2") } as never }),
            "routing.primary must be exactly one endpoint { region, target } (failover needs one primary and one secondary), got nothing",
        ],
        [
            "failover with two primaries",
            failoverArgs({
                routing: {
                    policy: "failover",
                    primary: [endpoint("us-east-1"), endpoint("eu-west-1")],
                    secondary: endpoint("us-west-2"),
                } as never,
            }),
            "routing.primary must be exactly one endpoint { region, target } (failover needs one primary and one secondary), got [{",
        ],
        [
            "failover with an endpoint map",
            failoverArgs({
                routing: {
                    policy: "failover",
                    primary: endpoint("us-east-1"),
                    secondary: endpoint("us-west-2"),
                    endpoints: { third: endpoint("eu-west-1") },
                } as never,
            }),
            "routing.endpoints must be omitted for failover, which takes routing.primary and routing.secondary, got {",
        ],
        // Routing is one shape for every policy (other languages get no unions): another policy's fields are refused.
        [
            "a simple record with a failover secondary",
            failoverArgs({
                routing: { policy: "simple", endpoint: endpoint("us-east-1"), secondary: endpoint("us-west-2") },
            }),
            "routing.secondary must be omitted for simple, which takes routing.endpoint, got {",
        ],
        [
            "a latency endpoint with a weight",
            failoverArgs({
                routing: { policy: "latency", endpoints: { a: { ...endpoint("us-east-1"), weight: 5 } } },
            }),
            "routing.endpoints.a.weight must be omitted for latency, which routes by latency, not by weight, got 5",
        ],
        [
            "a health check whose enabled is not a boolean",
            withPrimaryCheck({ enabled: "no" as never }),
            `${hc}.enabled must be true or false, got "no"`,
        ],
        // two endpoints in the same region for failover
        [
            "failover within one region",
            failoverArgs({
                routing: { policy: "failover", primary: endpoint("us-east-1"), secondary: endpoint("us-east-1") },
            }),
            `routing.secondary.region must be a region other than the primary's (us-east-1), got "us-east-1"`,
        ],
        // request interval other than 10 or 30
        [
            "a request interval of 20",
            withPrimaryCheck({ requestInterval: 20 as never }),
            `${hc}.requestInterval must be one of 10, 30, got 20`,
        ],
        // failure threshold outside 1..10
        [
            "a failure threshold of 0",
            withPrimaryCheck({ failureThreshold: 0 }),
            `${hc}.failureThreshold must be an integer 1..10, got 0`,
        ],
        [
            "a failure threshold of 11",
            withPrimaryCheck({ failureThreshold: 11 }),
            `${hc}.failureThreshold must be an integer 1..10, got 11`,
        ],
        // weighted weight outside 0..255 (all zero is fine: Route 53 then spreads evenly)
        [
            "a weight of 256",
            weighted({ a: 256, b: 1 }),
            "routing.endpoints.a.weight must be an integer 0..255, got 256",
        ],
        [
            "a negative weight",
            weighted({ a: -1, b: 1 }),
            "routing.endpoints.a.weight must be an integer 0..255, got -1",
        ],
        [
            "a fractional weight",
            weighted({ a: 1.5, b: 1 }),
            "routing.endpoints.a.weight must be an integer 0..255, got 1.5",
        ],
        [
            "a missing weight",
            weighted({ a: undefined, b: 1 }),
            "routing.endpoints.a.weight must be an integer 0..255, got nothing",
        ],
        // fewer than 3 health-checker regions
        [
            "two checker regions",
            withPrimaryCheck({ regions: ["us-east-1", "eu-west-1"] }),
            `${hc}.regions must be a list of at least 3 distinct Route 53 health-checker regions, got ["us-east-1","eu-west-1"]`,
        ],
        [
            "three regions with a repeat",
            withPrimaryCheck({ regions: ["us-east-1", "eu-west-1", "us-east-1"] }),
            `${hc}.regions must be a list of at least 3 distinct Route 53 health-checker regions, got ["us-east-1","eu-west-1","us-east-1"]`,
        ],
        [
            "a region with no checkers",
            withPrimaryCheck({ regions: ["us-east-1", "eu-west-1", "eu-central-1"] }),
            `${hc}.regions.2 must be one of ${HEALTH_CHECKER_REGIONS.join(", ")}, got "eu-central-1"`,
        ],
        // resource path not starting with / or over 255 characters
        [
            "a relative resource path",
            withPrimaryCheck({ resourcePath: "health" }),
            `${hc}.resourcePath must be a path starting with "/" of at most 255 characters, got "health"`,
        ],
        [
            "a 256-character resource path",
            withPrimaryCheck({ resourcePath: `/${"a".repeat(255)}` }),
            `${hc}.resourcePath must be a path starting with "/" of at most 255 characters, got "/aaaa`,
        ],
        // search string with a non-string-match type
        [
            "a search string on HTTPS",
            withPrimaryCheck({ searchString: "ok" }),
            `${hc}.searchString must be omitted unless type is HTTP_STR_MATCH or HTTPS_STR_MATCH (type is HTTPS), got "ok"`,
        ],
        [
            "a search string on TCP",
            withPrimaryCheck({ type: "TCP", searchString: "ok" }),
            `${hc}.searchString must be omitted unless type is HTTP_STR_MATCH or HTTPS_STR_MATCH (type is TCP), got "ok"`,
        ],
        [
            "a string match with nothing to match",
            withPrimaryCheck({ type: "HTTPS_STR_MATCH" }),
            `${hc}.searchString must be the text to look for, since type is HTTPS_STR_MATCH, got nothing`,
        ],
        // record name outside the zone, with the zone's name known early
        [
            "a record outside a zone given by name",
            failoverArgs({ recordName: "app.example.org" }),
            'recordName must be a name in the hosted zone example.com, got "app.example.org"',
        ],
        [
            "a record outside a created zone",
            failoverArgs({ zone: { create: { name: "example.com" } }, recordName: "appexample.com" }),
            'recordName must be a name in the hosted zone example.com, got "appexample.com"',
        ],
        [
            "a certificate name outside the zone",
            failoverArgs({ certificate: { subjectAlternativeNames: ["www.example.net"] } }),
            'certificate.subjectAlternativeNames.0 must be a name in the hosted zone example.com, got "www.example.net"',
        ],
        // zone given both by id and by name
        [
            "a zone by id and by name",
            failoverArgs({ zone: { zoneId: EXAMPLE_ZONE_ID, zoneName: "example.com" } as never }),
            'zone.zoneName must be omitted when zone.zoneId is given (a zone is named by id or by name, not both), got "example.com"',
        ],
        // beyond the list
        [
            "no zone",
            failoverArgs({ zone: {} as never }),
            "zone must be exactly one of zoneId, zoneName, create or zone, got []",
        ],
        [
            "a malformed record name",
            failoverArgs({ recordName: "app_.example com" }),
            'recordName must be a DNS name such as app.example.com or *.example.com, got "app_.example com"',
        ],
        [
            "an unknown policy",
            failoverArgs({ routing: { policy: "geo" } as never }),
            'routing.policy must be one of simple, failover, weighted, latency, got "geo"',
        ],
        [
            "an unsupported endpoint region",
            failoverArgs({ routing: { policy: "latency", endpoints: { x: endpoint("mars-east-1") } } }),
            "routing.endpoints.x.region must be a supported region (us-east-1, ",
        ],
        [
            "an endpoint without a target",
            failoverArgs({ routing: { policy: "simple", endpoint: { region: "us-east-1" } as never } }),
            "routing.endpoint.target must be { dnsName, zoneId } of the alias target, e.g. an ALB's, got nothing",
        ],
        [
            "an endpoint id that cannot be a set identifier",
            failoverArgs({ routing: { policy: "latency", endpoints: { "a b": endpoint("us-east-1") } } }),
            'routing.endpoints must be keyed by ids of 1..64 letters, digits, - or _, got "a b"',
        ],
        [
            "no weighted endpoints",
            failoverArgs({ routing: { policy: "weighted", endpoints: {} } }),
            "routing.endpoints must be a map of at least one endpoint by id, got {}",
        ],
        [
            "a primary Route 53 cannot see fail",
            failoverArgs({
                routing: {
                    policy: "failover",
                    primary: endpoint("us-east-1", { healthCheck: { enabled: false }, evaluateTargetHealth: false }),
                    secondary: endpoint("us-west-2"),
                },
            }),
            "routing.primary.healthCheck.enabled must be true (a health check), or evaluateTargetHealth true, so Route 53 can see the primary fail, got false",
        ],
        ["a port out of range", withPrimaryCheck({ port: 70000 }), `${hc}.port must be an integer 1..65535, got 70000`],
        [
            "an alarm topic outside us-east-1",
            failoverArgs({ alarms: { topicArn: "arn:aws:sns:us-west-2:123456789012:oncall" } }),
            'alarms.topicArn must be an SNS topic ARN in us-east-1, where Route 53 health-check metrics are, got "arn:aws:sns:us-west-2:123456789012:oncall"',
        ],
    ];

    for (const [label, args, message] of cases) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(buildDns(args));
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error.message).toContain(`FailoverDns "app": ${message}`);
            expect(registered).toEqual([]);
        });
    }

    it("checks a record against a zone given by id once the zone's name resolves, and writes no record", async () => {
        const { error, registered } = await runExpectingError(
            buildDns(failoverArgs({ zone: { zoneId: EXAMPLE_ZONE_ID }, recordName: "app.example.org" })),
        );
        expect(
            error.message.endsWith(
                'FailoverDns "app": recordName must be a name in the hosted zone example.com, got "app.example.org"',
            ),
        ).toBe(true);
        expect(registered.filter((r) => r.type === RECORD)).toEqual([]);
    });

    it("checks values that are Outputs when they resolve, with the same message", async () => {
        const topic = await runExpectingError(
            buildDns(
                failoverArgs({ alarms: { topicArn: pulumi.output("arn:aws:sns:us-west-2:123456789012:oncall") } }),
            ),
        );
        expect(topic.error).toBeInstanceOf(InvalidInputError);
        expect(topic.error.message).toContain(
            'FailoverDns "app": alarms.topicArn must be an SNS topic ARN in us-east-1, where Route 53 health-check metrics are, got "arn:aws:sns:us-west-2:123456789012:oncall"',
        );

        const zone = await runExpectingError(
            buildDns(failoverArgs({ zone: { zoneId: pulumi.output("example.com") } })),
        );
        expect(zone.error).toBeInstanceOf(InvalidInputError);
        expect(zone.error.message).toContain(
            'FailoverDns "app": zone.zoneId must be a hosted zone id such as Z0EXAMPLE1234567890AB, got "example.com"',
        );

        const fine = await run(
            buildDns(
                failoverArgs({
                    zone: { zoneId: pulumi.output(EXAMPLE_ZONE_ID) },
                    alarms: { topicArn: pulumi.output("arn:aws:sns:us-east-1:123456789012:oncall") },
                }),
            ),
        );
        expect(fine.outputs.alarmTopicArn.value).toBe("arn:aws:sns:us-east-1:123456789012:oncall");
    });

    it("lists every problem at once, one line each", async () => {
        const args = failoverArgs({
            recordName: "app.example.org",
            routing: {
                policy: "failover",
                primary: endpoint("us-east-1", { healthCheck: { requestInterval: 5 as never, failureThreshold: 20 } }),
                secondary: endpoint("us-east-1"),
            },
        });
        const { error } = await runExpectingError(buildDns(args));
        const lines = error.message.split("\n");
        expect(lines.every((l) => l.startsWith('FailoverDns "app": '))).toBe(true);
        expect(lines.map((l) => l.split(" ")[2])).toEqual([
            "routing.secondary.region",
            "routing.primary.healthCheck.requestInterval",
            "routing.primary.healthCheck.failureThreshold",
            "recordName",
        ]);
    });

    it("accepts every documented form", () => {
        const ok: FailoverDnsArgs[] = [
            failoverArgs(),
            failoverArgs({
                zone: { zoneId: EXAMPLE_ZONE_ID },
                ipv6: true,
                certificate: { subjectAlternativeNames: ["*.app.example.com"] },
            }),
            failoverArgs({ zone: { create: { name: "app.example.com" } } }),
            weighted({ a: 0, b: 255 }),
            // Route 53: "If you set Weight to 0 for all of the records in the group, traffic is routed to all resources with equal probability"
            weighted({ a: 0, b: 0 }),
            withPrimaryCheck({
                type: "HTTP_STR_MATCH",
                searchString: "ok",
                port: 80,
                regions: [...HEALTH_CHECKER_REGIONS],
            }),
            failoverArgs({ routing: { policy: "simple", endpoint: endpoint("us-east-1") } }),
        ];
        for (const args of ok) expect(validateFailoverDnsArgs(args)).toEqual([]);
    });
});

describe("FailoverDns property", () => {
    const healthCheck: fc.Arbitrary<HealthCheckSpec | undefined> = fc.option(
        fc
            .record({
                type: fc.constantFrom("HTTPS", "HTTP", "HTTPS_STR_MATCH", "HTTP_STR_MATCH", "TCP" as const),
                requestInterval: fc.constantFrom(10 as const, 30 as const),
                failureThreshold: fc.integer({ min: 1, max: 10 }),
                port: fc.integer({ min: 1, max: 65535 }),
                resourcePath: fc.stringMatching(/^\/[a-z0-9/_-]{0,40}$/),
                measureLatency: fc.boolean(),
                regions: fc.option(fc.subarray([...HEALTH_CHECKER_REGIONS], { minLength: 3 }), { nil: undefined }),
            })
            .map((c): HealthCheckSpec => (c.type.endsWith("_STR_MATCH") ? { ...c, searchString: "ok" } : c)),
        { nil: undefined },
    );
    const endpointIn = (region: string): fc.Arbitrary<Endpoint> =>
        fc
            .record({ evaluateTargetHealth: fc.boolean(), healthCheck })
            .map(({ evaluateTargetHealth, healthCheck: check }) =>
                endpoint(region, { evaluateTargetHealth, healthCheck: check }),
            );
    const failoverConfig = fc
        .uniqueArray(fc.constantFrom(...supportedRegions), { minLength: 2, maxLength: 2 })
        .chain(([primary, secondary]) =>
            fc.record({ primary: endpointIn(primary), secondary: endpointIn(secondary), ipv6: fc.boolean() }),
        )
        .map(({ primary, secondary, ipv6 }): FailoverDnsArgs =>
            failoverArgs({ ipv6, routing: { policy: "failover", primary, secondary } satisfies Routing }),
        );

    it("any valid failover config yields exactly one PRIMARY and one SECONDARY record per type, each with its own health check", async () => {
        await fc.assert(
            fc.asyncProperty(failoverConfig, async (args) => {
                expect(validateFailoverDnsArgs(args)).toEqual([]);
                const record = await run(buildDns(args));
                const checks = ofType(record, HEALTH_CHECK);
                const checkIds = record.outputs.healthCheckIds.value as Record<string, string>;
                const records = ofType(record, RECORD);
                for (const type of args.ipv6 ? ["A", "AAAA"] : ["A"]) {
                    const ofRecordType = records.filter((r) => r.inputs.type === type);
                    const roles = ofRecordType
                        .map((r) => (r.inputs.failoverRoutingPolicies as { type: string }[])[0].type)
                        .sort();
                    expect(roles).toEqual(["PRIMARY", "SECONDARY"]);
                    const ids = ofRecordType.map((r) => r.inputs.healthCheckId);
                    expect(ids.every((id) => typeof id === "string")).toBe(true);
                    expect(new Set(ids).size).toBe(2);
                    for (const r of ofRecordType)
                        expect(r.inputs.healthCheckId).toBe(checkIds[String(r.inputs.setIdentifier)]);
                }
                expect(checks).toHaveLength(2);
                const regionOf = {
                    primary: (args.routing as { primary: Endpoint }).primary.region,
                    secondary: (args.routing as { secondary: Endpoint }).secondary.region,
                };
                for (const role of ["primary", "secondary"] as const) {
                    const check = checks.find((c) => c.name === `app-${role}`)!;
                    expect(check.inputs.fqdn).toBe(`web-1234567890.${regionOf[role]}.elb.amazonaws.com`);
                }
            }),
            { numRuns: 25 },
        );
    });
});

describe("FailoverDns ipv6 and the ALBs' address types", () => {
    const withTypes = (primary: string | undefined, secondary: string | undefined): FailoverDnsArgs =>
        failoverArgs({
            ipv6: true,
            routing: {
                policy: "failover",
                primary: endpoint("us-east-1", { target: { ...endpoint("us-east-1").target, ipAddressType: primary } }),
                secondary: endpoint("us-west-2", {
                    target: { ...endpoint("us-west-2").target, ipAddressType: secondary },
                }),
            },
        });

    it("refuses AAAA records for an ALB that has no IPv6 address, naming the endpoint", () => {
        expect(validateFailoverDnsArgs(withTypes("dualstack", "ipv4"))).toEqual([
            {
                path: "routing.secondary.target.ipAddressType",
                value: "ipv4",
                allowed: "a dual-stack ALB (dualstack or dualstack-without-public-ipv4) when ipv6 is true",
            },
        ]);
    });

    it("accepts dual-stack ALBs, targets whose type it is not told, and ipv4 ALBs without ipv6", () => {
        expect(validateFailoverDnsArgs(withTypes("dualstack", "dualstack-without-public-ipv4"))).toEqual([]);
        expect(validateFailoverDnsArgs(withTypes(undefined, undefined))).toEqual([]);
        expect(validateFailoverDnsArgs({ ...withTypes("ipv4", "ipv4"), ipv6: false })).toEqual([]);
    });
});
