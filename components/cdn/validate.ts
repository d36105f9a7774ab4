import { InputProblem } from "../shared/errors";
import { isSupportedRegion, supportedRegions } from "../shared/regions";
import { isDeferred, Problems } from "../shared/validation";
import { CDN_TLS_POLICIES, CdnArgs, CdnWebAcl, FAILOVER_STATUS_CODES, WebAclArgs } from "./args";

/** CloudFront's origin ranges (API_Origin, API_CustomOriginConfig in the CloudFront API reference). */
export const ORIGIN_LIMITS = {
    connectionAttempts: [1, 3],
    connectionTimeoutSeconds: [1, 10],
    responseTimeoutSeconds: [1, 120],
    keepaliveTimeoutSeconds: [1, 120],
} as const;

/**
 * A rate-based rule's limit and windows (https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html).
 */
export const RATE_LIMIT_RANGE = [10, 2_000_000_000] as const;
export const RATE_WINDOWS = [60, 120, 300, 600] as const;
/** A forwarded-IP header name: 1..255 letters, digits and hyphens (API_ForwardedIPConfig, HeaderName). */
export const FORWARDED_IP_HEADER = /^[A-Za-z0-9-]{1,255}$/;
export const FORWARDED_IP_FALLBACKS = ["MATCH", "NO_MATCH"] as const;
/** CloudWatch Logs' retention values (API_PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** CloudFront path patterns: start with `/` or `*`, at most 255 characters of URL characters. */
const PATH_PATTERN = /^[/*][A-Za-z0-9_\-.*$/~"'@:+&?=]{0,254}$/;

/** The region in an ACM certificate ARN, or undefined when the value is not a plain ARN. */
export function certificateRegion(arn: unknown): string | undefined {
    if (typeof arn !== "string") return undefined;
    return /^arn:aws[\w-]*:acm:([a-z0-9-]+):\d{12}:certificate\//.exec(arn)?.[1];
}

/**
 * Whether two CloudFront path patterns can match one path: CloudFront picks the first behaviour whose
 * pattern matches, so a cached pattern that also matches API paths would cache API responses. `*` matches
 * any run of characters, `?` one; the check is exact for these wildcards (a small automaton product).
 */
export function patternsOverlap(a: string, b: string): boolean {
    const memo = new Map<string, boolean>();
    const go = (i: number, j: number): boolean => {
        const key = `${i},${j}`;
        if (memo.has(key)) return memo.get(key)!;
        let result: boolean;
        if (i === a.length && j === b.length) result = true;
        else if (a[i] === "*")
            result = go(i + 1, j) || (j < b.length && (b[j] === "*" ? go(i, j + 1) || go(i + 1, j) : go(i, j + 1)));
        else if (b[j] === "*") result = go(i, j + 1) || (i < a.length && go(i + 1, j));
        else if (i === a.length || j === b.length) result = false;
        else result = (a[i] === b[j] || a[i] === "?" || b[j] === "?") && go(i + 1, j + 1);
        memo.set(key, result);
        return result;
    };
    return go(0, 0);
}

/** Problems with a web ACL's settings. Pure. */
export function webAclProblems(acl: CdnWebAcl | undefined): InputProblem[] {
    const p = new Problems();
    if (acl === undefined) return [];
    p.integerIn("rateLimit", acl.rateLimit, RATE_LIMIT_RANGE[0], RATE_LIMIT_RANGE[1]);
    p.oneOf("rateWindowSeconds", acl.rateWindowSeconds, RATE_WINDOWS);
    p.oneOf("logRetentionDays", acl.logRetentionDays, LOG_RETENTION_DAYS);
    return [...p.list];
}

/** Every problem with a stand-alone web ACL's plain inputs. Pure. */
export function validateWebAclArgs(args: WebAclArgs): InputProblem[] {
    const p = new Problems();
    p.oneOf("scope", args.scope, ["CLOUDFRONT", "REGIONAL"]);
    if (args.scope === "CLOUDFRONT") {
        p.require(
            args.region === undefined || args.region === "us-east-1",
            "region",
            args.region,
            "us-east-1 (CloudFront web ACLs live there) or unset",
        );
        p.require(
            !args.associateWith?.length,
            "associateWith",
            args.associateWith,
            "none for CLOUDFRONT scope: the distribution names its web ACL",
        );
        p.require(
            args.forwardedIp === undefined,
            "forwardedIp",
            args.forwardedIp,
            "unset for CLOUDFRONT scope: CloudFront's web ACL sees each viewer's own address",
        );
    }
    const forwarded = args.forwardedIp;
    if (forwarded !== undefined && forwarded !== null) {
        if (typeof forwarded !== "object")
            p.add("forwardedIp", forwarded, "an object: { headerName?, fallbackBehavior? }");
        else {
            p.matches(
                "forwardedIp.headerName",
                forwarded.headerName,
                FORWARDED_IP_HEADER,
                "an HTTP header name of 1..255 letters, digits and hyphens",
            );
            p.oneOf("forwardedIp.fallbackBehavior", forwarded.fallbackBehavior, FORWARDED_IP_FALLBACKS);
        }
    }
    if (args.region !== undefined)
        p.require(
            isSupportedRegion(args.region),
            "region",
            args.region,
            `a supported region (${supportedRegions.join(", ")})`,
        );
    p.merge("", webAclProblems(args));
    return [...p.list];
}

/** Every problem with a CDN's plain inputs, all at once. Pure. */
export function validateCdnArgs(args: CdnArgs): InputProblem[] {
    const p = new Problems();
    if (!Array.isArray(args.aliases) || args.aliases.length === 0)
        p.add("aliases", args.aliases, "at least one host name");
    const region = certificateRegion(args.certificateArn);
    if (!isDeferred(args.certificateArn)) {
        p.require(
            region === "us-east-1",
            "certificateArn",
            args.certificateArn,
            "an ACM certificate ARN in us-east-1 (CloudFront reads certificates only there)",
        );
    }
    for (const key of ["primaryOrigin", "secondaryOrigin"] as const) {
        const origin = args[key];
        if (origin === undefined) {
            p.add(key, origin, "an origin host name and its region");
            continue;
        }
        p.require(
            isSupportedRegion(origin.region),
            `${key}.region`,
            origin.region,
            `a supported region (${supportedRegions.join(", ")})`,
        );
        p.matches(`${key}.domainName`, origin.domainName, HOST_NAME, "a DNS host name");
    }
    if (args.primaryOrigin && args.secondaryOrigin) {
        p.require(
            args.primaryOrigin.region !== args.secondaryOrigin.region,
            "secondaryOrigin.region",
            args.secondaryOrigin.region,
            "a region other than primaryOrigin's: failover within one region survives no regional outage",
        );
    }
    p.matches("writeOrigin", args.writeOrigin, HOST_NAME, "a DNS host name");
    const verify = args.originVerify;
    if (verify === undefined || verify.value === undefined || verify.value === "") {
        p.add(
            "originVerify",
            verify === undefined ? undefined : { headerName: verify.headerName },
            "a header name and a secret value: without it the ALBs cannot tell CloudFront from anyone else",
        );
    } else {
        p.matches(
            "originVerify.headerName",
            verify.headerName,
            /^[A-Za-z0-9-]{1,40}$/,
            "an HTTP header name (letters, digits, hyphens)",
        );
    }
    const codes = args.failoverStatusCodes;
    if (codes !== undefined) {
        if (!Array.isArray(codes) || codes.length === 0)
            p.add("failoverStatusCodes", codes, `a non-empty list of ${FAILOVER_STATUS_CODES.join(", ")}`);
        else codes.forEach((c, i) => p.oneOf(`failoverStatusCodes.${i}`, c, FAILOVER_STATUS_CODES));
    }
    const t = args.originTimeouts ?? {};
    for (const [field, [min, max]] of Object.entries(ORIGIN_LIMITS)) {
        p.integerIn(`originTimeouts.${field}`, t[field as keyof typeof t], min, max);
    }
    const cached = args.cachedPaths ?? [];
    const uncached = args.uncachedPaths ?? [];
    const seen = new Set<string>();
    for (const [field, list] of [
        ["cachedPaths", cached],
        ["uncachedPaths", uncached],
    ] as const) {
        list.forEach((pattern, i) => {
            p.matches(
                `${field}.${i}`,
                pattern,
                PATH_PATTERN,
                "a CloudFront path pattern: starts with / or *, at most 255 characters",
            );
            p.require(
                pattern !== "*" && pattern !== "/*",
                `${field}.${i}`,
                pattern,
                "a pattern narrower than everything (the default behaviour covers *)",
            );
            p.require(!seen.has(pattern), `${field}.${i}`, pattern, "a pattern not listed already");
            seen.add(pattern);
        });
    }
    cached.forEach((c, i) => {
        const clash = uncached.find((u) => typeof c === "string" && typeof u === "string" && patternsOverlap(c, u));
        if (clash !== undefined)
            p.add(
                `cachedPaths.${i}`,
                c,
                `a pattern no uncached path also matches (it overlaps "${clash}", so API responses could be cached)`,
            );
    });
    p.oneOf("minimumProtocolVersion", args.minimumProtocolVersion, CDN_TLS_POLICIES);
    p.oneOf("priceClass", args.priceClass, ["PriceClass_All", "PriceClass_200", "PriceClass_100"]);
    if (args.logExpirationDays !== undefined) p.integerIn("logExpirationDays", args.logExpirationDays, 1, 36500);
    const alarms = args.alarms ?? {};
    if (alarms.error5xxRatePercent !== undefined) {
        p.require(
            typeof alarms.error5xxRatePercent === "number" &&
                alarms.error5xxRatePercent >= 0 &&
                alarms.error5xxRatePercent <= 100,
            "alarms.error5xxRatePercent",
            alarms.error5xxRatePercent,
            "a percentage 0..100",
        );
    }
    if (alarms.originLatencyMs !== undefined) {
        p.require(
            typeof alarms.originLatencyMs === "number" && alarms.originLatencyMs > 0,
            "alarms.originLatencyMs",
            alarms.originLatencyMs,
            "milliseconds above 0",
        );
    }
    p.merge("webAcl", webAclProblems(args.webAcl));
    return [...p.list];
}

/**
 * The most a read request waits on a failed primary before CloudFront asks the secondary, in seconds:
 * every connection attempt timing out, or a connection that answers nothing until the response timeout.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html
 */
export function originFailoverSeconds(t: {
    connectionAttempts: number;
    connectionTimeoutSeconds: number;
    responseTimeoutSeconds: number;
}): number {
    return t.connectionAttempts * t.connectionTimeoutSeconds + t.responseTimeoutSeconds;
}
