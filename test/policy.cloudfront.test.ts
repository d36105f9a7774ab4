import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { Cdn } from "../components/cdn";
import { evaluatePolicies, PolicyResource, PolicySettings } from "../policy/rules";
import { one, run } from "./harness";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const settings: PolicySettings = { stack: "prod", protectStatefulResources: true, multiRegion: true };

const distribution = (inputs: Record<string, unknown>): PolicyResource => ({
    type: DISTRIBUTION,
    name: "d",
    urn: `urn:pulumi:prod::pulumi-aws-dr::${DISTRIBUTION}::d`,
    inputs,
    options: { protect: false },
    region: null,
});
const cloudfrontIds = (resources: PolicyResource[]) =>
    evaluatePolicies(resources, settings)
        .filter((v) => v.id.startsWith("CloudFront."))
        .map((v) => `${v.id}: ${v.message}`);

describe("CloudFront policy rules", () => {
    it("pass on the distribution Cdn declares", async () => {
        const record = await run(async () => {
            const cdn = new Cdn("cdn", {
                aliases: ["app.example.com"],
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                primaryOrigin: { domainName: "origin-us-east-1.example.com", region: "us-east-1" },
                secondaryOrigin: { domainName: "origin-us-west-2.example.com", region: "us-west-2" },
                originVerify: { headerName: "X-Origin-Verify", value: pulumi.secret("s") },
            });
            return { id: cdn.distributionId };
        });
        const d = one(record, DISTRIBUTION);
        expect(cloudfrontIds([distribution(d.inputs)])).toEqual([]);
    });

    it("flag HTTP viewers, no origin group, no logs, no WAF, HTTP and deprecated TLS to origins", () => {
        const found = cloudfrontIds([
            distribution({
                defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" },
                orderedCacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "https-only" }],
                origins: [
                    {
                        originId: "alb",
                        customOriginConfig: {
                            originProtocolPolicy: "http-only",
                            originSslProtocols: ["TLSv1", "TLSv1.2"],
                        },
                    },
                ],
            }),
        ]);
        expect(found.map((f) => f.split(":")[0]).sort()).toEqual([
            "CloudFront.10",
            "CloudFront.3",
            "CloudFront.4",
            "CloudFront.5",
            "CloudFront.6",
            "CloudFront.9",
        ]);
        expect(found.find((f) => f.startsWith("CloudFront.3"))).toContain('"default"');
    });
});
