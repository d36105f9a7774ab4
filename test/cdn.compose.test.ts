/* eslint-disable @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON, read field by field */
import { describe, expect, it } from "vitest";
import { evaluateStack, RecordedResource, StackRecord } from "../tools/engine";
import { InvalidInputError } from "../components/internal";
import { ofType } from "./harness";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const RULE_IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

const prod = (overrides: Record<string, unknown> = {}) => evaluateStack("prod", { configOverrides: overrides });
const cdnOf = (record: StackRecord) => ofType(record, DISTRIBUTION)[0]?.inputs as Record<string, any> | undefined;

describe("the CDN in a stack", () => {
    it("prod: a distribution over both regions' origin names, the app name aliased to it, failover on origin.<app>", async () => {
        const record = await prod();
        const d = cdnOf(record)!;
        const byId = Object.fromEntries((d.origins as any[]).map((o) => [o.originId, o.domainName]));
        expect(byId).toEqual({
            "primary-us-east-1": "origin-us-east-1.app.example.com",
            "secondary-us-west-2": "origin-us-west-2.app.example.com",
            writes: "origin.app.example.com",
        });
        expect(d.viewerCertificate.acmCertificateArn).toMatch(/^arn:aws:acm:us-east-1:/);
        const records = ofType(record, "aws:route53/record:Record").filter((r) => r.inputs.type === "A");
        const app = records.find((r) => r.inputs.name === "app.example.com")!;
        expect((app.inputs.aliases as any[])[0]).toMatchObject({
            zoneId: "Z2FDTNDATAQYW2",
            name: expect.stringMatching(/\.cloudfront\.net$/),
        });
        const failover = records.filter((r) => r.inputs.failoverRoutingPolicies);
        expect(failover.map((r) => r.inputs.name)).toEqual(["origin.app.example.com", "origin.app.example.com"]);
        expect(
            records
                .filter((r) => /^origin-us-/.test(String(r.inputs.name)))
                .map((r) => r.inputs.name)
                .sort(),
        ).toEqual(["origin-us-east-1.app.example.com", "origin-us-west-2.app.example.com"]);
        expect(record.outputs.cdnDomainName.value).toMatch(/\.cloudfront\.net$/);
        expect(record.outputs.cdnDistributionId.value).toMatch(/^E[A-Z0-9]+$/);
        const acls = ofType(record, WEB_ACL);
        expect(acls.map((a) => `${a.name}:${a.region}:${a.inputs.scope}`).sort()).toEqual([
            "app-waf:us-east-1:CLOUDFRONT",
            "primary-waf:us-east-1:REGIONAL",
            "secondary-waf:us-west-2:REGIONAL",
        ]);
        expect(d.webAclId).toMatch(/:global\/webacl\//);
    });

    it("prod: each ALB has its own REGIONAL web ACL too, counting the client address CloudFront forwards", async () => {
        const record = await prod();
        const lbs = ofType(record, "aws:lb/loadBalancer:LoadBalancer");
        const associations = ofType(record, "aws:wafv2/webAclAssociation:WebAclAssociation");
        // One association per ALB, in the ALB's region, with that region's web ACL.
        expect(associations.map((a) => a.region).sort()).toEqual(lbs.map((lb) => lb.region).sort());
        for (const a of associations) {
            expect(a.inputs.webAclArn).toMatch(new RegExp(`^arn:aws:wafv2:${a.region}:\\d{12}:regional/webacl/`));
            expect(a.inputs.resourceArn).toMatch(new RegExp(`^arn:aws:elasticloadbalancing:${a.region}:`));
        }
        const rate = (acl: RecordedResource) =>
            (acl.inputs.rules as any[]).find((r) => r.statement.rateBasedStatement).statement.rateBasedStatement;
        const acls = ofType(record, WEB_ACL);
        // Behind CloudFront every connection is an edge server's: the regional rule counts X-Forwarded-For.
        for (const acl of acls.filter((a) => a.inputs.scope === "REGIONAL")) {
            expect(rate(acl)).toMatchObject({
                aggregateKeyType: "FORWARDED_IP",
                forwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "NO_MATCH" },
            });
        }
        // The edge's own ACL sees each viewer's connection.
        expect(rate(acls.find((a) => a.inputs.scope === "CLOUDFRONT")!).aggregateKeyType).toBe("IP");
        // Same rules and limits everywhere: one settings section, `cdn.waf`.
        const settings = acls.map((a) => ({
            rules: (a.inputs.rules as any[]).map((r) => r.name),
            limit: rate(a).limit,
        }));
        expect(new Set(settings.map((x) => JSON.stringify(x))).size).toBe(1);
        // Every web ACL logs to its own KMS-encrypted aws-waf-logs- group.
        const groups = ofType(record, "aws:cloudwatch/logGroup:LogGroup").filter((g) =>
            String(g.inputs.name).startsWith("aws-waf-logs-"),
        );
        expect(groups).toHaveLength(3);
        expect(groups.every((g) => /^arn:aws:kms:/.test(String(g.inputs.kmsKeyId)))).toBe(true);
    });

    it("prod: the ALBs admit CloudFront's origin-facing and Route 53's health-checker prefix lists, not the internet", async () => {
        const record = await prod();
        const rules = ofType(record, RULE_IN).filter((r) => /-(alb-in|edge-\d+-in)-/.test(r.name));
        expect(rules.some((r) => r.inputs.cidrIpv4 === "0.0.0.0/0")).toBe(false);
        const edge = rules.filter((r) => r.inputs.prefixListId !== undefined);
        expect(edge.map((r) => `${r.region}:${r.inputs.fromPort}`).sort()).toEqual([
            "us-east-1:443",
            "us-east-1:443",
            "us-west-2:443",
            "us-west-2:443",
        ]);
        const lbs = ofType(record, "aws:lb/loadBalancer:LoadBalancer");
        expect(lbs.every((lb) => (lb.inputs.securityGroups as string[]).length === 3)).toBe(true);
        const listeners = ofType(record, "aws:lb/listenerRule:ListenerRule").filter((r) =>
            r.name.includes("origin-verified"),
        );
        expect(listeners).toHaveLength(2);
    });

    it("without a CDN, each ALB gets the web ACL in REGIONAL scope", async () => {
        const record = await prod({ "pulumi-aws-dr:cdn": { enabled: false } });
        expect(cdnOf(record)).toBeUndefined();
        const acls = ofType(record, "aws:wafv2/webAcl:WebAcl");
        expect(acls.map((a) => `${a.region}:${a.inputs.scope}`).sort()).toEqual([
            "us-east-1:REGIONAL",
            "us-west-2:REGIONAL",
        ]);
        expect(ofType(record, "aws:wafv2/webAclAssociation:WebAclAssociation")).toHaveLength(2);
        // Clients reach the ALB directly: the rate rule counts the connection's address.
        for (const acl of acls)
            expect(
                (acl.inputs.rules as any[]).find((r) => r.statement.rateBasedStatement).statement.rateBasedStatement,
            ).toMatchObject({ aggregateKeyType: "IP" });
    });

    it("refuses bad CDN config by its config path, every problem at once, before anything is created", async () => {
        const error = await prod({
            "pulumi-aws-dr:alb": { targetGroups: { web: { healthCheck: { path: "/health" } } } },
            "pulumi-aws-dr:cdn": {
                enabled: true,
                connectionTimeoutSeconds: 20,
                cachedPaths: ["/api/public/*"],
                uncachedPaths: ["/api/*"],
                waf: { rateLimit: 1 },
            },
        }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidInputError);
        const paths = (error as InvalidInputError).problems.map((p) => p.path).sort();
        expect(paths).toEqual(
            expect.arrayContaining([
                "pulumi-aws-dr:alb.originVerifyHeader",
                "pulumi-aws-dr:cdn.cachedPaths.0",
                "pulumi-aws-dr:cdn.connectionTimeoutSeconds",
                "pulumi-aws-dr:cdn.waf.rateLimit",
            ]),
        );
        // The CDN's web ACL and both ALBs' share the setting: reported once.
        expect(paths.filter((p) => p === "pulumi-aws-dr:cdn.waf.rateLimit")).toHaveLength(1);
    });
});
