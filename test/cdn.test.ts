/* eslint-disable @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON, read field by field */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { Cdn, CdnArgs, originFailoverSeconds, patternsOverlap, WebAcl, WebAclArgs } from "../components/cdn";
import { InvalidInputError } from "../components/internal";
import { ofType, one, run, runExpectingError } from "./harness";
import type { TestStack } from "../components/testing";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

const base: CdnArgs = {
    aliases: ["app.example.com"],
    certificateArn: CERT,
    primaryOrigin: { domainName: "origin-us-east-1.example.com", region: "us-east-1" },
    secondaryOrigin: { domainName: "origin-us-west-2.example.com", region: "us-west-2" },
    writeOrigin: "origin.example.com",
    originVerify: { headerName: "X-Origin-Verify", value: pulumi.secret("s3cret") },
};

/** The rate-based rule's statement of the one web ACL in `record`. */
const rateRule = (record: TestStack) =>
    (one(record, WEB_ACL).inputs.rules as any[]).find((r) => r.statement.rateBasedStatement).statement
        .rateBasedStatement;

const build = (args: CdnArgs) => async () => {
    const cdn = new Cdn("cdn", args);
    return { domainName: cdn.domainName, distributionId: cdn.distributionId, webAclArn: cdn.webAclArn };
};

describe("Cdn", () => {
    it("puts an origin group over both regions, failing over on 5xx with deliberate timeouts", async () => {
        const record = await run(build(base));
        const d = one(record, DISTRIBUTION).inputs as Record<string, any>;
        expect(d.originGroups).toEqual([
            {
                originId: "regions",
                failoverCriteria: { statusCodes: [500, 502, 503, 504] },
                members: [{ originId: "primary-us-east-1" }, { originId: "secondary-us-west-2" }],
            },
        ]);
        const origins = Object.fromEntries((d.origins as any[]).map((o) => [o.originId, o]));
        expect(origins["primary-us-east-1"].domainName).toBe("origin-us-east-1.example.com");
        expect(origins["secondary-us-west-2"].domainName).toBe("origin-us-west-2.example.com");
        expect(origins.writes.domainName).toBe("origin.example.com");
        for (const o of d.origins as any[]) {
            expect(o).toMatchObject({ connectionAttempts: 2, connectionTimeout: 3 });
            expect(o.customOriginConfig).toMatchObject({
                originProtocolPolicy: "https-only",
                originSslProtocols: ["TLSv1.2"],
                originReadTimeout: 10,
            });
            expect(o.customHeaders).toEqual([{ name: "X-Origin-Verify", value: "[secret]" }]);
        }
        expect(
            originFailoverSeconds({ connectionAttempts: 2, connectionTimeoutSeconds: 3, responseTimeoutSeconds: 10 }),
        ).toBe(16);
    });

    it("serves HTTPS only over HTTP/2 and 3 with a current TLS policy, compressed, with the WAF and logs", async () => {
        const record = await run(build(base));
        const d = one(record, DISTRIBUTION).inputs as Record<string, any>;
        expect(d.httpVersion).toBe("http2and3");
        expect(d.viewerCertificate).toMatchObject({
            acmCertificateArn: CERT,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        });
        const behaviours = [d.defaultCacheBehavior, ...d.orderedCacheBehaviors];
        expect(behaviours.every((b: any) => b.viewerProtocolPolicy === "https-only" && b.compress === true)).toBe(true);
        const acl = one(record, WEB_ACL);
        expect(acl.region).toBe("us-east-1");
        expect(acl.inputs.scope).toBe("CLOUDFRONT");
        expect(d.webAclId).toMatch(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//);
        expect(d.loggingConfig.bucket).toMatch(/\.s3\.amazonaws\.com$/);
        expect(record.outputs.domainName.value).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);
    });

    it("caches static paths, never the API, and sends writes only to the write origin", async () => {
        const record = await run(build({ ...base, cachedPaths: ["/img/*"], uncachedPaths: ["/api/*", "/orders/*"] }));
        const d = one(record, DISTRIBUTION).inputs as Record<string, any>;
        const byPath = Object.fromEntries((d.orderedCacheBehaviors as any[]).map((b) => [b.pathPattern, b]));
        expect(byPath["/img/*"]).toMatchObject({
            targetOriginId: "regions",
            cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
            allowedMethods: ["GET", "HEAD", "OPTIONS"],
        });
        for (const path of ["/api/*", "/orders/*"]) {
            expect(byPath[path]).toMatchObject({
                targetOriginId: "writes",
                cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                originRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
            });
            expect(byPath[path].allowedMethods).toContain("POST");
        }
        expect(d.defaultCacheBehavior).toMatchObject({
            targetOriginId: "regions",
            allowedMethods: ["GET", "HEAD", "OPTIONS"],
        });
    });

    it("runs AWS's managed rule groups and a rate rule, logging to an aws-waf-logs- group", async () => {
        const record = await run(build({ ...base, webAcl: { rateLimit: 500, rateWindowSeconds: 60 } }));
        const rules = one(record, WEB_ACL).inputs.rules as any[];
        expect(rules.map((r) => r.name)).toEqual([
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
            "AWSManagedRulesAmazonIpReputationList",
            "rate-per-ip",
        ]);
        expect(rules[3].statement.rateBasedStatement).toEqual({
            limit: 500,
            evaluationWindowSec: 60,
            aggregateKeyType: "IP",
        });
        const group = one(record, "aws:cloudwatch/logGroup:LogGroup");
        expect(group.inputs.name).toMatch(/^aws-waf-logs-/);
        const logging = one(record, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
        expect(logging.inputs.logDestinationConfigs).toEqual([expect.stringContaining(":log-group:aws-waf-logs-")]);
        // The logs are encrypted with a key of their own, which CloudWatch Logs may use for this group only.
        const key = ofType(record, "aws:kms/key:Key").find((k) => k.name === "cdn-waf-logs")!;
        expect(key.region).toBe("us-east-1");
        expect(group.inputs.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
        const logsStatement = JSON.parse(key.inputs.policy as string).Statement.find(
            (st: any) => st.Principal?.Service === "logs.us-east-1.amazonaws.com",
        );
        expect(logsStatement.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"]).toMatch(
            new RegExp(`:logs:us-east-1:\\d{12}:log-group:${group.inputs.name}$`),
        );
    });

    it("alarms on the 5xx rate and origin latency in us-east-1, and parents every child to the component", async () => {
        const record = await run(build(base));
        const alarms = ofType(record, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarms.map((a) => a.inputs.metricName).sort()).toEqual(["5xxErrorRate", "OriginLatency"]);
        expect(alarms.every((a) => a.region === "us-east-1" && (a.inputs.dimensions as any).Region === "Global")).toBe(
            true,
        );
        const component = one(record, "pulumi-aws-dr:cdn:Cdn");
        const acl = one(record, "pulumi-aws-dr:cdn:WebAcl");
        for (const r of record.resources.filter((r) => r.urn !== component.urn)) {
            expect([component.urn, acl.urn], r.name).toContain(r.parent);
        }
    });

    it("reports every bad input at once, by dotted path, before creating anything", async () => {
        const { error, registered } = await runExpectingError(
            build({
                ...base,
                certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
                originVerify: undefined as unknown as CdnArgs["originVerify"],
                originTimeouts: { connectionTimeoutSeconds: 30, connectionAttempts: 4, responseTimeoutSeconds: 0 },
                cachedPaths: ["/api/static/*"],
                uncachedPaths: ["/api/*"],
                webAcl: { rateLimit: 5 },
            }),
        );
        expect(error).toBeInstanceOf(InvalidInputError);
        const paths = (error as InvalidInputError).problems.map((p) => p.path).sort();
        expect(paths).toEqual([
            "cachedPaths.0",
            "certificateArn",
            "originTimeouts.connectionAttempts",
            "originTimeouts.connectionTimeoutSeconds",
            "originTimeouts.responseTimeoutSeconds",
            "originVerify",
            "webAcl.rateLimit",
        ]);
        expect(error.message).toContain('Cdn "cdn"');
        expect(registered.filter((r) => r.custom)).toEqual([]);
    });

    it("tells overlapping CloudFront path patterns apart", () => {
        expect(patternsOverlap("/api/*", "/api/v1/*")).toBe(true);
        expect(patternsOverlap("*.js", "/api/*")).toBe(true);
        expect(patternsOverlap("/static/*", "/api/*")).toBe(false);
        expect(patternsOverlap("/img/?.png", "/img/a.png")).toBe(true);
        expect(patternsOverlap("/img/?.png", "/img/ab.png")).toBe(false);
    });
});

describe("WebAcl", () => {
    it("in REGIONAL scope, lives in the ALB's region and is associated with it", async () => {
        const record = await run(async () => {
            const acl = new WebAcl("alb-waf", {
                scope: "REGIONAL",
                region: "us-west-2",
                associateWith: ["arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/x/1"],
            });
            return { arn: acl.arn };
        });
        expect(one(record, WEB_ACL).region).toBe("us-west-2");
        expect(one(record, "aws:wafv2/webAclAssociation:WebAclAssociation").inputs.resourceArn).toContain(
            "loadbalancer/app/x/1",
        );
        expect(record.outputs.arn.value).toMatch(/^arn:aws:wafv2:us-west-2:\d{12}:regional\/webacl\//);
        expect(one(record, "aws:cloudwatch/logGroup:LogGroup").region).toBe("us-west-2");
        expect(one(record, "aws:kms/key:Key").region).toBe("us-west-2");
        expect(rateRule(record)).toMatchObject({ aggregateKeyType: "IP" });
        expect(rateRule(record)).not.toHaveProperty("forwardedIpConfig");
    });

    it("behind a proxy, rate-limits the forwarded client address, not the proxy's", async () => {
        const regional = (forwardedIp: WebAclArgs["forwardedIp"]) =>
            run(async () => {
                const acl = new WebAcl("alb-waf", { scope: "REGIONAL", region: "us-east-1", forwardedIp });
                return { arn: acl.arn };
            });
        expect(rateRule(await regional({}))).toEqual({
            limit: 2000,
            evaluationWindowSec: 300,
            aggregateKeyType: "FORWARDED_IP",
            forwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "NO_MATCH" },
        });
        expect(
            rateRule(await regional({ headerName: "True-Client-IP", fallbackBehavior: "MATCH" })).forwardedIpConfig,
        ).toEqual({ headerName: "True-Client-IP", fallbackBehavior: "MATCH" });
    });

    it("refuses a forwarded address on a CLOUDFRONT web ACL and a header or fallback AWS refuses", async () => {
        const { error, registered } = await runExpectingError(async () => {
            new WebAcl("w", { scope: "CLOUDFRONT", forwardedIp: {} });
            return {};
        });
        expect((error as InvalidInputError).problems).toEqual([
            expect.objectContaining({ path: "forwardedIp", allowed: expect.stringContaining("CLOUDFRONT") }),
        ]);
        expect(error.message).toContain('WebAcl "w"');
        expect(registered.filter((r) => r.custom)).toEqual([]);
        const second = await runExpectingError(async () => {
            new WebAcl("r", {
                scope: "REGIONAL",
                region: "us-east-1",
                forwardedIp: { headerName: "X_Forwarded For", fallbackBehavior: "DROP" as "MATCH" },
            });
            return {};
        });
        expect((second.error as InvalidInputError).problems.map((p) => `${p.path}=${String(p.value)}`)).toEqual([
            "forwardedIp.headerName=X_Forwarded For",
            "forwardedIp.fallbackBehavior=DROP",
        ]);
    });

    it("refuses a CLOUDFRONT web ACL outside us-east-1 and a rate limit outside AWS's bounds", async () => {
        const { error } = await runExpectingError(async () => {
            new WebAcl("w", {
                scope: "CLOUDFRONT",
                region: "eu-west-1",
                rateLimit: 3_000_000_000,
                rateWindowSeconds: 90,
            });
            return {};
        });
        expect((error as InvalidInputError).problems.map((p) => p.path).sort()).toEqual([
            "rateLimit",
            "rateWindowSeconds",
            "region",
        ]);
    });
});
