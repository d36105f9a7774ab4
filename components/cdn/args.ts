import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";

/** One region's origin: a host name the stack controls (a DNS name of its own zone over that region's ALB). */
export interface CdnOrigin {
    /** The origin's host name, e.g. `origin-us-east-1.example.com`; the ALB's certificate must cover it. */
    domainName: pulumi.Input<string>;
    /** The region the origin serves from, for the report and the diagram. */
    region: string;
}

/**
 * How long CloudFront tries one origin before it fails over: the read path's detection time, per request.
 * Ranges from https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CustomOriginConfig.html and
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html
 */
export interface CdnOriginTimeouts {
    /**
     * Connection attempts per origin, 1..3.
     * @default `2` (`cdnDefaults.connectionAttempts`): one retry rides out a lost SYN; a third only delays failover
     */
    connectionAttempts?: number;
    /**
     * Seconds to wait for a TCP+TLS connection, 1..10.
     * @default `3` (`cdnDefaults.connectionTimeoutSeconds`): an ALB in the same continent answers in well under 1 s
     */
    connectionTimeoutSeconds?: number;
    /**
     * Seconds to wait for the origin's response (the response, or read, timeout), 1..120.
     * @default `10` (`cdnDefaults.responseTimeoutSeconds`): above the app's p99 (the ALB alarms at 2 s)
     */
    responseTimeoutSeconds?: number;
    /**
     * Seconds CloudFront keeps an idle origin connection open, 1..120.
     * @default `5` (`cdnDefaults.keepaliveTimeoutSeconds`)
     */
    keepaliveTimeoutSeconds?: number;
}

/** The AWS WAF web ACL. */
export interface CdnWebAcl {
    /**
     * Requests per client IP per `rateWindowSeconds` above which the rate-based rule blocks, 10..2000000000.
     * @default `2000` (`webAclDefaults.rateLimit`)
     */
    rateLimit?: number;
    /**
     * The rate rule's evaluation window in seconds: 60, 120, 300 or 600.
     * @default `300` (`webAclDefaults.rateWindowSeconds`)
     */
    rateWindowSeconds?: number;
    /**
     * Days the WAF log group keeps its events, a CloudWatch Logs retention value.
     * @default `365` (`webAclDefaults.logRetentionDays`)
     */
    logRetentionDays?: number;
}

/** CloudWatch alarms on the distribution (CloudFront metrics are in us-east-1). */
export interface CdnAlarms {
    /**
     * Whether to create the alarms.
     * @default true
     */
    enabled?: boolean;
    /**
     * SNS topic (in us-east-1) for alarm and OK notifications.
     * @default a topic made by the component, encrypted with its own KMS key
     */
    topicArn?: pulumi.Input<string>;
    /**
     * Percent of responses that are 5xx above which `5xx-rate` fires, 0..100.
     * @default `5` (`cdnDefaults.error5xxRatePercent`)
     */
    error5xxRatePercent?: number;
    /**
     * Origin latency (p90, milliseconds) above which `origin-latency` fires, above 0. Needs the distribution's
     * additional metrics, which the component turns on.
     * @default `3000` (`cdnDefaults.originLatencyMs`)
     */
    originLatencyMs?: number;
}

/** The secret header CloudFront adds to every origin request, so the ALBs can refuse requests that bypass it. */
export interface CdnOriginVerify {
    /** Header name, e.g. `X-Origin-Verify`. Required. */
    headerName: string;
    /** The shared secret; pass a secret Output (RandomPassword or `secure:` config). Required. */
    value: pulumi.Input<string>;
}

/** CloudFront price classes: which edge locations serve the distribution. */
export const CdnPriceClass = {
    PriceClassAll: "PriceClass_All",
    PriceClass200: "PriceClass_200",
    PriceClass100: "PriceClass_100",
} as const;
export type CdnPriceClass = (typeof CdnPriceClass)[keyof typeof CdnPriceClass];

export interface CdnArgs {
    /** Names viewers use, e.g. `app.example.com`; each on `certificateArn`. At least one. */
    aliases: string[];
    /**
     * An issued ACM certificate in us-east-1 for `aliases` (CloudFront only reads certificates there:
     * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html).
     */
    certificateArn: pulumi.Input<string>;
    /** The primary region's origin: it serves every request while it answers. */
    primaryOrigin: CdnOrigin;
    /** The other region's origin: CloudFront retries a GET, HEAD or OPTIONS request here when the primary fails. */
    secondaryOrigin: CdnOrigin;
    /**
     * The host name uncached paths (the API, and every write) go to: best a Route 53 failover name over both
     * regions' ALBs, since CloudFront cannot fail a write over by itself.
     * @default the primary origin's `domainName`: writes then fail over only when that name does
     */
    writeOrigin?: pulumi.Input<string>;
    /**
     * The secret header CloudFront adds to every origin request; the ALBs refuse requests without it. Required:
     * without it anyone could bypass the CDN (and its WAF) by calling an ALB directly.
     */
    originVerify: CdnOriginVerify;
    /**
     * Origin status codes that send the request to the secondary: any of 400, 403, 404, 416, 500, 502, 503, 504.
     * @default `[500, 502, 503, 504]` (`cdnDefaults.failoverStatusCodes`): the origin's own failures; a 4xx is the
     * client's and would only be answered the same way by the other region
     */
    failoverStatusCodes?: number[];
    /**
     * Origin connection attempts and timeouts.
     * @default every field at its default, `cdnDefaults`
     */
    originTimeouts?: CdnOriginTimeouts;
    /**
     * Path patterns cached at the edge with the managed CachingOptimized policy (static content).
     * @default `["/static/*", "/assets/*"]` (`cdnDefaults.cachedPaths`)
     */
    cachedPaths?: string[];
    /**
     * Path patterns never cached, forwarding all viewer headers, cookies and query strings but Host, that accept
     * every method and go to `writeOrigin`. Every other path is read-only (GET, HEAD, OPTIONS) through the
     * origin group, so every path that takes writes must be listed here.
     * @default `["/api/*"]` (`cdnDefaults.uncachedPaths`)
     */
    uncachedPaths?: string[];
    /**
     * Viewer TLS policy, one of CloudFront's current ones.
     * @default `"TLSv1.2_2021"` (`cdnDefaults.minimumProtocolVersion`)
     */
    minimumProtocolVersion?: string;
    /**
     * CloudFront price class.
     * @default `"PriceClass_All"` (`cdnDefaults.priceClass`)
     */
    priceClass?: CdnPriceClass;
    /**
     * The WAF web ACL in front of the distribution.
     * @default on, with every `CdnWebAcl` default
     */
    webAcl?: CdnWebAcl;
    /**
     * Days before the standard-log bucket expires a log object, at least 1.
     * @default `90` (`cdnDefaults.logExpirationDays`)
     */
    logExpirationDays?: number;
    /**
     * Alarms.
     * @default on, to a topic made by the component
     */
    alarms?: CdnAlarms;
    /**
     * Protect the log bucket and the alarm topic's key from deletion and replacement.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource.
     * @default none
     */
    tags?: Tags;
}

/** Where a web ACL applies: `CLOUDFRONT` (a distribution, in us-east-1) or `REGIONAL` (an ALB in its region). */
export const WebAclScope = {
    Cloudfront: "CLOUDFRONT",
    Regional: "REGIONAL",
} as const;
export type WebAclScope = (typeof WebAclScope)[keyof typeof WebAclScope];

/** What a forwarded-IP rate rule does with a header whose first value is no IP address (API_ForwardedIPConfig). */
export const WebAclForwardedIpFallback = {
    Match: "MATCH",
    NoMatch: "NO_MATCH",
} as const;
export type WebAclForwardedIpFallback = (typeof WebAclForwardedIpFallback)[keyof typeof WebAclForwardedIpFallback];

/**
 * Where a REGIONAL web ACL behind a proxy finds the client's address: AWS WAF reads the first IP address in
 * the header (https://docs.aws.amazon.com/waf/latest/APIReference/API_ForwardedIPConfig.html).
 */
export interface WebAclForwardedIp {
    /**
     * The header, 1..255 letters, digits and hyphens. CloudFront sends X-Forwarded-For to the origin with the
     * viewer's address appended to whatever the viewer sent
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html#RequestCustomIPAddresses),
     * so its first address is the client's claim: name a header the edge sets itself (e.g. True-Client-IP
     * from a CloudFront Function) where that matters.
     * @default `"X-Forwarded-For"` (`webAclDefaults.forwardedIpHeader`)
     */
    headerName?: string;
    /**
     * What the rate rule does with a request whose header's first value is not an IP address: `MATCH` blocks
     * it, `NO_MATCH` lets it through uncounted. A request without the header is never counted (AWS WAF skips
     * the rule).
     * @default `"NO_MATCH"` (`webAclDefaults.forwardedIpFallback`): the first address is the client's to
     * write, so blocking a malformed one stops no attacker (any valid address evades the count too) and only
     * refuses clients whose proxies write `unknown`; the CLOUDFRONT-scope ACL in front already limits the
     * connection's own address
     */
    fallbackBehavior?: WebAclForwardedIpFallback;
}

/** Arguments of a stand-alone web ACL: CLOUDFRONT for a distribution, REGIONAL for ALBs. */
export interface WebAclArgs extends CdnWebAcl {
    /** `CLOUDFRONT` (in us-east-1, for a distribution) or `REGIONAL` (for an ALB in `region`). */
    scope: WebAclScope;
    /**
     * Region of a REGIONAL web ACL; a CLOUDFRONT one is always in us-east-1.
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * ARNs of regional resources (ALBs) to associate; not for CLOUDFRONT, which the distribution names itself.
     * @default none
     */
    associateWith?: pulumi.Input<string>[];
    /**
     * REGIONAL only: rate-limit the client address a proxy forwards instead of the connection's source. Set it
     * (`{}` takes every default) when the ALB sits behind CloudFront: there every connection comes from
     * CloudFront's edge servers, and a rule on the source IP would rate-limit the edges, thousands of viewers
     * at once (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-forwarded-ip-address.html).
     * @default none: the rate rule counts the connection's source IP (AWS WAF's `IP` aggregation)
     */
    forwardedIp?: WebAclForwardedIp;
    /**
     * Protect the log group and its key from deletion.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource.
     * @default none
     */
    tags?: Tags;
}

/** CloudFront's current viewer TLS policies (TLS 1.2 and later only). */
export const CDN_TLS_POLICIES = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] as const;

/** Status codes an origin group may fail over on (the console's list; API OriginGroupFailoverCriteria). */
export const FAILOVER_STATUS_CODES = [400, 403, 404, 416, 500, 502, 503, 504] as const;

export const cdnDefaults = {
    connectionAttempts: 2,
    connectionTimeoutSeconds: 3,
    responseTimeoutSeconds: 10,
    keepaliveTimeoutSeconds: 5,
    failoverStatusCodes: [500, 502, 503, 504],
    cachedPaths: ["/static/*", "/assets/*"],
    uncachedPaths: ["/api/*"],
    minimumProtocolVersion: "TLSv1.2_2021",
    priceClass: "PriceClass_All",
    logExpirationDays: 90,
    error5xxRatePercent: 5,
    originLatencyMs: 3000,
} as const;

export const webAclDefaults = {
    rateLimit: 2000,
    rateWindowSeconds: 300,
    logRetentionDays: 365,
    forwardedIpHeader: "X-Forwarded-For",
    forwardedIpFallback: "NO_MATCH",
} as const;

/**
 * AWS managed rule groups the web ACL runs, in order: common exploits (OWASP-style), known bad inputs
 * (e.g. Log4j), and IPs Amazon threat intelligence flags. https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export const MANAGED_RULE_GROUPS = [
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
] as const;

/** Managed CloudFront policies, by their documented ids. */
export const MANAGED_POLICIES = {
    /** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html */
    cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    /** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html */
    allViewerExceptHostHeader: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;
