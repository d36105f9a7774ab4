/* eslint-disable @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON, read field by field */
import { describe, expect, it } from "vitest";
import { evaluateStack, StackRecord } from "../tools/engine";
import { InvalidInputError } from "../components/internal";
import { ofType, one } from "./harness";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const RULE_IN = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

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
        expect(one(record, "aws:wafv2/webAcl:WebAcl").inputs.scope).toBe("CLOUDFRONT");
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
    });
});
