/**
 * CloudFront: the Security Hub CloudFront controls that apply to a distribution over custom origins
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html).
 */
import { PolicyRule, UNKNOWN } from "../types";
import { asList, asObject, show } from "./resources";
import { securityHubControl } from "./securityHub";

export const DISTRIBUTIONS = ["aws:cloudfront/distribution:Distribution"];

const behaviours = (inputs: Record<string, unknown>) => [
    asObject(inputs.defaultCacheBehavior),
    ...asList(inputs.orderedCacheBehaviors),
];
const customOrigins = (inputs: Record<string, unknown>) =>
    asList(inputs.origins).filter((o) => o.customOriginConfig !== undefined);

export const cloudfront3: PolicyRule = {
    ...securityHubControl("CloudFront.3", "CloudFront distributions should require encryption in transit", "medium"),
    tags: ["cloudfront", "encryption-in-transit"],
    description: "CloudFront distributions require encryption in transit from viewers.",
    level: "mandatory",
    remediation:
        'Set viewerProtocolPolicy to "https-only" (Cdn\'s choice) or "redirect-to-https" on every cache behaviour.',
    resourceTypes: DISTRIBUTIONS,
    scope: "resource",
    check: ({ inputs }) =>
        behaviours(inputs)
            .filter(
                (b) =>
                    b.viewerProtocolPolicy !== UNKNOWN &&
                    b.viewerProtocolPolicy !== "https-only" &&
                    b.viewerProtocolPolicy !== "redirect-to-https",
            )
            .map(
                (b) =>
                    `cache behaviour ${show(b.pathPattern ?? "default")} lets viewers use HTTP (viewerProtocolPolicy ${show(b.viewerProtocolPolicy)})`,
            ),
};

export const cloudfront4: PolicyRule = {
    ...securityHubControl("CloudFront.4", "CloudFront distributions should have origin failover configured", "low"),
    tags: ["cloudfront", "resilience"],
    description: "CloudFront distributions have origin failover configured: an origin group of two origins.",
    level: "mandatory",
    remediation: "Add an origin group whose members are the two regions' origins (Cdn does).",
    resourceTypes: DISTRIBUTIONS,
    scope: "resource",
    check: ({ inputs }) => {
        if (inputs.originGroups === UNKNOWN) return undefined;
        return asList(inputs.originGroups).some((g) => asList(asObject(g).members).length === 2)
            ? undefined
            : "no origin group with two origins";
    },
};

export const cloudfront5: PolicyRule = {
    ...securityHubControl("CloudFront.5", "CloudFront distributions should have logging enabled", "medium"),
    tags: ["cloudfront", "logging"],
    description: "CloudFront distributions write standard logs.",
    level: "mandatory",
    remediation: "Set loggingConfig: { bucket: <bucket>.s3.amazonaws.com } (Cdn makes the bucket).",
    resourceTypes: DISTRIBUTIONS,
    scope: "resource",
    check: ({ inputs }) => {
        const bucket = asObject(inputs.loggingConfig).bucket;
        if (bucket === UNKNOWN) return undefined;
        return typeof bucket === "string" && bucket !== ""
            ? undefined
            : `loggingConfig must name a bucket, got ${show(inputs.loggingConfig)}`;
    },
};

export const cloudfront6: PolicyRule = {
    ...securityHubControl("CloudFront.6", "CloudFront distributions should have WAF enabled", "medium"),
    tags: ["cloudfront", "waf"],
    description: "CloudFront distributions have AWS WAF enabled.",
    level: "mandatory",
    remediation: "Set webAclId to a CLOUDFRONT-scope WAFv2 web ACL's ARN (Cdn makes one).",
    resourceTypes: DISTRIBUTIONS,
    scope: "resource",
    check: ({ inputs }) =>
        inputs.webAclId === UNKNOWN || (typeof inputs.webAclId === "string" && inputs.webAclId !== "")
            ? undefined
            : "no WAF web ACL (webAclId is unset)",
};

export const cloudfront9: PolicyRule = {
    ...securityHubControl(
        "CloudFront.9",
        "CloudFront distributions should encrypt traffic to custom origins",
        "medium",
    ),
    tags: ["cloudfront", "encryption-in-transit"],
    description: "CloudFront distributions encrypt traffic to custom origins.",
    level: "mandatory",
    remediation: 'Set customOriginConfig.originProtocolPolicy to "https-only" on every custom origin.',
    resourceTypes: DISTRIBUTIONS,
    scope: "resource",
    check: ({ inputs }) =>
        customOrigins(inputs)
            .filter((o) => {
                const p = asObject(o.customOriginConfig).originProtocolPolicy;
                return p !== UNKNOWN && p !== "https-only";
            })
            .map(
                (o) =>
                    `origin ${show(o.originId)} may be reached over HTTP (originProtocolPolicy ${show(asObject(o.customOriginConfig).originProtocolPolicy)})`,
            ),
};

/** SSL 3, TLS 1.0 and TLS 1.1 are deprecated. */
const DEPRECATED_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

export const cloudfront10: PolicyRule = {
    ...securityHubControl(
        "CloudFront.10",
        "CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins",
        "medium",
    ),
    tags: ["cloudfront", "encryption-in-transit"],
    description:
        "CloudFront distributions do not use deprecated SSL/TLS protocols between edge locations and custom origins.",
    level: "mandatory",
    remediation: 'Set customOriginConfig.originSslProtocols to ["TLSv1.2"].',
    resourceTypes: DISTRIBUTIONS,
    scope: "resource",
    check: ({ inputs }) =>
        customOrigins(inputs)
            .map((o) => ({ o, protocols: asObject(o.customOriginConfig).originSslProtocols }))
            .filter(
                ({ protocols }) =>
                    protocols !== UNKNOWN &&
                    (!Array.isArray(protocols) || protocols.some((p) => DEPRECATED_PROTOCOLS.includes(String(p)))),
            )
            .map(({ o, protocols }) => `origin ${show(o.originId)} allows deprecated protocols: ${show(protocols)}`),
};
