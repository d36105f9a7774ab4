import * as pulumi from "@pulumi/pulumi";

/** What a target group sends traffic to. */
export const AlbTargetType = {
    Instance: "instance",
    Ip: "ip",
    Lambda: "lambda",
} as const;
export type AlbTargetType = (typeof AlbTargetType)[keyof typeof AlbTargetType];

/** Protocol between the ALB and its targets (and for health checks). */
export const AlbTargetProtocol = {
    HTTP: "HTTP",
    HTTPS: "HTTPS",
} as const;
export type AlbTargetProtocol = (typeof AlbTargetProtocol)[keyof typeof AlbTargetProtocol];

/**
 * How a target group picks a target: `round_robin` (in turn), `least_outstanding_requests` (the
 * target with the fewest requests in flight: "least connections") or `weighted_random` (random,
 * weighted, optionally steering away from anomalous targets).
 */
export const AlbAlgorithm = {
    RoundRobin: "round_robin",
    LeastOutstandingRequests: "least_outstanding_requests",
    WeightedRandom: "weighted_random",
} as const;
export type AlbAlgorithm = (typeof AlbAlgorithm)[keyof typeof AlbAlgorithm];

/** How desync-prone (HTTP smuggling) requests are handled. `monitor` is refused: it fails ELB.12. */
export const AlbDesyncMitigationMode = {
    Defensive: "defensive",
    Strictest: "strictest",
} as const;
export type AlbDesyncMitigationMode = (typeof AlbDesyncMitigationMode)[keyof typeof AlbDesyncMitigationMode];
/**
 * The ALB's addresses (ELB SetIpAddressType:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetIpAddressType.html):
 * `ipv4`; `dualstack`, IPv4 and IPv6; `dualstack-without-public-ipv4`, public IPv6 with private IPv4 and IPv6.
 */
export const AlbIpAddressType = {
    Ipv4: "ipv4",
    Dualstack: "dualstack",
    DualstackWithoutPublicIpv4: "dualstack-without-public-ipv4",
} as const;
export type AlbIpAddressType = (typeof AlbIpAddressType)[keyof typeof AlbIpAddressType];
/** The address types with IPv6 addresses, which a `FailoverDns` with `ipv6` may point AAAA records at. */
export const DUAL_STACK_IP_ADDRESS_TYPES: readonly AlbIpAddressType[] = ["dualstack", "dualstack-without-public-ipv4"];

/** The target group health check. Every field is optional; the defaults are `albHealthCheckDefaults`. */
export interface AlbHealthCheck {
    /**
     * Request path, starting with `/`, at most 1024 characters; may be an Output (checked when it resolves).
     * @default `"/"` (`albHealthCheckDefaults.path`)
     */
    path?: pulumi.Input<string>;
    /**
     * Port to check, 1..65535. Not for lambda. (A number only, so that Pulumi's schema inference, which accepts no
     * unions, can offer it to other languages; omit it for AWS's `traffic-port`.) May be an Output (checked when it
     * resolves), which then gets security group rules of its own, like a target port that is one.
     * @default the target's own port, AWS's `"traffic-port"` (`albHealthCheckDefaults.port`)
     */
    port?: pulumi.Input<number>;
    /**
     * `HTTP` or `HTTPS`. Not for lambda.
     * @default the target group's protocol
     */
    protocol?: AlbTargetProtocol;
    /**
     * HTTP codes 200..499 counted as healthy: one code, a list (`"200,202"`) or a range (`"200-299"`).
     * @default `"200-299"` (`albHealthCheckDefaults.matcher`)
     */
    matcher?: string;
    /**
     * Seconds between checks, 5..300.
     * @default `10` (`albHealthCheckDefaults.interval`)
     */
    interval?: number;
    /**
     * Seconds to wait for an answer, 2..120 and less than `interval`.
     * @default `5` (`albHealthCheckDefaults.timeout`)
     */
    timeout?: number;
    /**
     * Consecutive successes before a target is healthy, 2..10.
     * @default `3` (`albHealthCheckDefaults.healthyThreshold`)
     */
    healthyThreshold?: number;
    /**
     * Consecutive failures before a target is unhealthy, 2..10.
     * @default `3` (`albHealthCheckDefaults.unhealthyThreshold`): 30 s to detect with the default interval
     */
    unhealthyThreshold?: number;
}

/** One target group. */
export interface AlbTargetGroup {
    /**
     * Physical name: at most 32 letters, digits and hyphens, not starting or ending with a hyphen. May be an
     * Output, e.g. a name another stack exports (checked when it resolves).
     * @default `<project>-<stack>-<component>-tg-<key>`, hashed to fit 32
     */
    name?: pulumi.Input<string>;
    /**
     * Port the targets listen on, 1..65535. Not for lambda. May be an Output (checked when it resolves): its
     * security group rules are then the group's own, so it may not equal another group's port once resolved.
     * @default `80` (`albDefaults.targetPort`)
     */
    port?: pulumi.Input<number>;
    /**
     * `HTTP` or `HTTPS`. Not for lambda.
     * @default `"HTTP"` (`albDefaults.targetProtocol`)
     */
    protocol?: AlbTargetProtocol;
    /**
     * `instance`, `ip` or `lambda`.
     * @default `"instance"` (`albDefaults.targetType`)
     */
    targetType?: AlbTargetType;
    /**
     * Share of the default action's traffic, an integer 0..999 (relative to the other groups). A group that a
     * listener rule forwards to and that sets no weight is left out of the default action: a microservice reached
     * only by its rule.
     * @default `1` (`albDefaults.weight`)
     */
    weight?: pulumi.Input<number>;
    /**
     * Health check.
     * @default every field at its default, `albHealthCheckDefaults`
     */
    healthCheck?: AlbHealthCheck;
    /**
     * `lb_cookie` stickiness for this many seconds, 1..604800.
     * @default no stickiness
     */
    stickinessSeconds?: number;
    /**
     * Seconds to drain a deregistering target, 0..3600. Not for lambda.
     * @default `30` (`albDefaults.deregistrationDelay`): fast blue/green cut-overs
     */
    deregistrationDelay?: number;
    /**
     * Seconds to ramp up a new target: 0 (off) or 30..900, only with `round_robin`. Not for lambda.
     * @default `0` (`albDefaults.slowStart`)
     */
    slowStart?: number;
    /**
     * Load-balancing algorithm. Not for lambda.
     * @default `"round_robin"` (`albDefaults.algorithm`)
     */
    algorithm?: AlbAlgorithm;
    /**
     * Route around anomalous targets; only with `weighted_random`.
     * @default false
     */
    anomalyMitigation?: boolean;
    /**
     * Static targets, each registered by a `TargetGroupAttachment`: instance ids (`i-...`) for instance groups, IPv4
     * addresses for ip groups. `port` defaults to the group's port.
     * @default none: targets are registered elsewhere, e.g. by an Auto Scaling group
     */
    targets?: AlbStaticTarget[];
}

/** A target registered with a target group by this component. */
export interface AlbStaticTarget {
    /** Instance id or IPv4 address. */
    id: string;
    /**
     * Port, 1..65535.
     * @default the target group's port
     */
    port?: number;
}

/**
 * When a CDN fronts the ALB, it adds a secret header to every request it forwards; the ALB then
 * answers 403 to anything without it, so nobody can bypass the CDN by calling the ALB directly.
 */
export interface AlbOriginVerify {
    /** Header name, e.g. `X-Origin-Verify`. */
    headerName: string;
    /** The shared secret; pass a secret Output (RandomPassword or `secure:` config). */
    value: pulumi.Input<string>;
    /**
     * Paths answered without the header, because their callers cannot send it: Route 53 health checks, for one. At
     * most 5, each starting with `/`.
     * @default none
     */
    openPaths?: string[];
}

/** A weighted forward to up to 5 target groups. */
export interface AlbForward {
    /** Target group key to weight (integer 0..999), 1 to 5 groups, at least one weight above 0. */
    targetGroups: Record<string, pulumi.Input<number>>;
    /**
     * Group-level stickiness: keep a client on the group it first hit for this many seconds, 1..604800.
     * @default off
     */
    stickinessSeconds?: number;
}

/**
 * An HTTP header condition: the request's header `name` matches one of `values`
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
 */
export interface AlbHttpHeaderCondition {
    /** Header name: 1..40 characters of RFC 7230's token set, no wildcards, not `Host` (use `hostHeaders`). */
    name: string;
    /** 1..3 values, each 1..128 characters, compared case-insensitively; wildcards `*` and `?`. */
    values: string[];
}

/** One match of a query-string condition: `key=value`, or any key whose value is `value` when `key` is omitted. */
export interface AlbQueryStringMatch {
    /**
     * Key, 1..128 characters; wildcards `*` and `?`.
     * @default any key
     */
    key?: string;
    /** Value, 1..128 characters; wildcards `*` and `?` (escape a literal one with `\`). */
    value: string;
}

/** A query-string condition: the query string holds one of `values` (1..3). */
export interface AlbQueryStringCondition {
    values: AlbQueryStringMatch[];
}

/** Redirect status codes: permanent (301) or temporary (302). */
export const AlbRedirectStatusCode = {
    /** 301: browsers and caches remember it. */
    Permanent: "HTTP_301",
    /** 302: asked again every time. */
    Temporary: "HTTP_302",
} as const;
export type AlbRedirectStatusCode = (typeof AlbRedirectStatusCode)[keyof typeof AlbRedirectStatusCode];

/** Redirect protocols on the HTTPS listener: ELB never redirects HTTPS to HTTP. */
export const AlbRedirectProtocol = {
    Https: "HTTPS",
    /** Keep the request's protocol (HTTPS, on this listener). */
    Keep: "#{protocol}",
} as const;
export type AlbRedirectProtocol = (typeof AlbRedirectProtocol)[keyof typeof AlbRedirectProtocol];

/**
 * A redirect (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RedirectActionConfig.html).
 * An omitted part keeps the request's; the keywords `#{host}`, `#{port}`, `#{path}` and `#{query}` reuse
 * parts of it. To avoid a loop, ELB requires at least one of host, port and path to change (the protocol is
 * always HTTPS here).
 */
export interface AlbRedirect {
    /** `HTTP_301` or `HTTP_302` (`AlbRedirectStatusCode`). */
    statusCode: AlbRedirectStatusCode;
    /**
     * `HTTPS` or `#{protocol}`.
     * @default the request's (HTTPS)
     */
    protocol?: AlbRedirectProtocol;
    /**
     * Host name, 1..128 characters; may contain `#{host}`.
     * @default the request's
     */
    host?: string;
    /**
     * Port, `"1"`..`"65535"` or `"#{port}"`.
     * @default the request's (443)
     */
    port?: string;
    /**
     * Absolute path starting with `/`, 1..128 characters; may contain `#{host}`, `#{path}` and `#{port}`.
     * @default the request's
     */
    path?: string;
    /**
     * Query, at most 128 characters, without the leading `?`; may contain the keywords.
     * @default the request's
     */
    query?: string;
}

/** Content types of a fixed response. */
export const AlbFixedResponseContentType = {
    TextPlain: "text/plain",
    TextCss: "text/css",
    TextHtml: "text/html",
    ApplicationJavascript: "application/javascript",
    ApplicationJson: "application/json",
} as const;
export type AlbFixedResponseContentType =
    (typeof AlbFixedResponseContentType)[keyof typeof AlbFixedResponseContentType];

/**
 * A response the ALB gives itself, e.g. a maintenance page or a 404 for retired paths
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_FixedResponseActionConfig.html).
 */
export interface AlbFixedResponse {
    /** HTTP status, 200..299, 400..499 or 500..599. */
    statusCode: number;
    /**
     * One of `AlbFixedResponseContentType`.
     * @default `"text/plain"` (`albDefaults.fixedResponseContentType`)
     */
    contentType?: AlbFixedResponseContentType;
    /**
     * Body, at most 1024 characters.
     * @default empty
     */
    messageBody?: string;
}

/** What an authenticate action does with a request that carries no valid session. */
export const AlbUnauthenticatedRequest = {
    /** Redirect to the identity provider to log in. */
    Authenticate: "authenticate",
    /** Pass the request on without user claims. */
    Allow: "allow",
    /** Answer 401. */
    Deny: "deny",
} as const;
export type AlbUnauthenticatedRequest = (typeof AlbUnauthenticatedRequest)[keyof typeof AlbUnauthenticatedRequest];

/**
 * Settings both authenticate actions share
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AuthenticateOidcActionConfig.html).
 */
export interface AlbAuthenticateSession {
    /**
     * Claims to ask the identity provider for.
     * @default ELB's, `"openid"`
     */
    scope?: string;
    /**
     * Session cookie name.
     * @default ELB's, `"AWSELBAuthSessionCookie"`
     */
    sessionCookieName?: string;
    /**
     * Session length in seconds, at least 1.
     * @default ELB's, 604800 (7 days)
     */
    sessionTimeoutSeconds?: number;
    /**
     * `authenticate`, `allow` or `deny` (`AlbUnauthenticatedRequest`).
     * @default ELB's, `"authenticate"`: a request without a session is sent to log in
     */
    onUnauthenticatedRequest?: AlbUnauthenticatedRequest;
    /**
     * Up to 10 query parameters added to the redirect to the authorization endpoint.
     * @default none
     */
    extraParams?: Record<string, string>;
}

/** Log users in with an OpenID Connect identity provider before the rule's routing action. */
export interface AlbAuthenticateOidc extends AlbAuthenticateSession {
    /** The provider's issuer: a full `https://` URL. */
    issuer: string;
    /** Authorization endpoint: a full `https://` URL. */
    authorizationEndpoint: string;
    /** Token endpoint: a full `https://` URL (the ALB calls it, so it gets HTTPS egress). */
    tokenEndpoint: string;
    /** User info endpoint: a full `https://` URL (the ALB calls it too). */
    userInfoEndpoint: string;
    /** OAuth 2.0 client id. */
    clientId: pulumi.Input<string>;
    /** OAuth 2.0 client secret: a Pulumi secret (`config.requireSecret`, `pulumi.secret`), never a plain string. */
    clientSecret: pulumi.Input<string>;
}

/** Log users in with an Amazon Cognito user pool before the rule's routing action. */
export interface AlbAuthenticateCognito extends AlbAuthenticateSession {
    /** The user pool's ARN. */
    userPoolArn: pulumi.Input<string>;
    /** The user pool client's id (a client with a secret and the code grant). */
    userPoolClientId: pulumi.Input<string>;
    /** The user pool's domain prefix or custom domain. */
    userPoolDomain: pulumi.Input<string>;
}

/**
 * A rule on the HTTPS listener
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html): requests
 * that match every given condition get the rule's one routing action (`forward`, `redirect` or
 * `fixedResponse`), after an optional authenticate action (`authenticateOidc` or `authenticateCognito`). At
 * least one condition; at most 3 values per condition and 5 in all
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html).
 */
export interface AlbListenerRule {
    /** Evaluation order, 1..50000, unique on the listener; lower first. */
    priority: number;
    /**
     * Host names, 1..3 values of at most 128 characters: letters, digits, `-`, `.` and wildcards `*` and `?`,
     * at least one `.`, only letters after the last one. A value may be an Output (checked when it resolves).
     * @default any host
     */
    hostHeaders?: pulumi.Input<string>[];
    /**
     * Path patterns, 1..3 values of at most 128 characters: letters, digits, `_-.$/~"'@:+&` and wildcards.
     * @default any path
     */
    pathPatterns?: string[];
    /**
     * HTTP header conditions, each a header name and 1..3 values; all of them must match.
     * @default none
     */
    httpHeaders?: AlbHttpHeaderCondition[];
    /**
     * HTTP methods, 1..3 of at most 40 characters `A`-`Z`, `-` and `_` (case-sensitive: `GET`, `POST`).
     * @default any method
     */
    httpRequestMethods?: string[];
    /**
     * Query-string conditions; all of them must match.
     * @default none
     */
    queryStrings?: AlbQueryStringCondition[];
    /**
     * Client addresses, 1..3 IPv4 or IPv6 CIDRs (the connection's source, not `X-Forwarded-For`).
     * @default any source
     */
    sourceIps?: string[];
    /**
     * Forward to target groups by weight. Exactly one of `forward`, `redirect` and `fixedResponse`.
     * @default none
     */
    forward?: AlbForward;
    /**
     * Redirect instead.
     * @default none
     */
    redirect?: AlbRedirect;
    /**
     * Answer directly instead.
     * @default none
     */
    fixedResponse?: AlbFixedResponse;
    /**
     * Log users in with an OIDC provider first. At most one of the two authenticate actions.
     * @default none
     */
    authenticateOidc?: AlbAuthenticateOidc;
    /**
     * Log users in with a Cognito user pool first.
     * @default none
     */
    authenticateCognito?: AlbAuthenticateCognito;
}

/**
 * ALB quotas that AWS lets an account raise
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html). The
 * component refuses more than these before deploying; raise them here once AWS has raised yours.
 */
export interface AlbQuotas {
    /**
     * Certificates per ALB, not counting the default one.
     * @default `25` (`albDefaults.certificatesPerLoadBalancer`)
     */
    certificatesPerLoadBalancer?: number;
    /**
     * Listener rules per ALB, not counting default rules (the origin-verify rules count).
     * @default `100` (`albDefaults.rulesPerLoadBalancer`)
     */
    rulesPerLoadBalancer?: number;
}

/** ALB access logs. */
export interface AlbAccessLogs {
    /**
     * Whether the ALB writes access logs.
     * @default true: Security Hub ELB.5
     */
    enabled?: boolean;
    /**
     * An existing bucket in the ALB's region, whose policy already lets ELB write under `prefix`.
     * @default a dedicated bucket made by the component
     */
    bucket?: pulumi.Input<string>;
    /**
     * Key prefix: letters, digits, `.`, `_`, `-`, separated by single `/`; may not contain `AWSLogs`.
     * @default `"alb"` (`albDefaults.accessLogPrefix`)
     */
    prefix?: string;
    /**
     * Days before the component's bucket expires a log object, at least 1. Only with the component's bucket.
     * @default `90` (`albDefaults.accessLogExpirationDays`)
     */
    expirationDays?: number;
}

/** CloudWatch alarms on the ALB and its target groups. */
export interface AlbAlarms {
    /**
     * Whether to create the alarms.
     * @default true
     */
    enabled?: boolean;
    /**
     * SNS topic for alarm and OK notifications.
     * @default a topic made by the component, encrypted with its own KMS key
     */
    topicArn?: pulumi.Input<string>;
    /**
     * Seconds per evaluated period: 10, 30 or a multiple of 60.
     * @default `60` (`albDefaults.alarmPeriodSeconds`)
     */
    periodSeconds?: number;
    /**
     * Consecutive breaching periods before an alarm fires, 1..100.
     * @default `2` (`albDefaults.alarmEvaluationPeriods`)
     */
    evaluationPeriods?: number;
    /**
     * ALB-generated 5XX responses per period above which `elb-5xx` fires, at least 0.
     * @default `10` (`albDefaults.elb5xxThreshold`)
     */
    elb5xxThreshold?: number;
    /**
     * The ALB stands by with no targets (a pilot light): skip the "no healthy host" alarms, which would otherwise
     * stay in ALARM until a failover.
     * @default false
     */
    standby?: boolean;
    /**
     * p99 target response time in seconds above which `p99-latency` fires, above 0.
     * @default `2` (`albDefaults.targetResponseTimeP99Seconds`)
     */
    targetResponseTimeP99Seconds?: number;
}

export interface MultiAzAlbArgs {
    /** The VPC of the target groups and security groups. */
    vpcId: pulumi.Input<string>;
    /** Subnets for the ALB, at least 2, each in a different AZ (public subnets unless `internal`). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * An internal ALB has private addresses only.
     * @default false: internet-facing
     */
    internal?: boolean;
    /**
     * IPv4 only, or dual-stack: the VPC and every subnet need an IPv6 CIDR block for a dual-stack ALB, and
     * ELB requires `ipv4` for an internal one. A `FailoverDns` with `ipv6` needs a dual-stack ALB behind it.
     * @default `"ipv4"` (`albDefaults.ipAddressType`)
     */
    ipAddressType?: AlbIpAddressType;
    /**
     * IPv4 CIDRs allowed to reach ports 443 and 80.
     * @default `["0.0.0.0/0"]` (`albDefaults.internetIngressCidrs`) for an internet-facing ALB without
     * `ingressSecurityGroupIds`; an internal ALB has no default and needs this or those
     */
    ingressCidrs?: string[];
    /**
     * Security groups whose members may reach ports 443 and 80.
     * @default none
     */
    ingressSecurityGroupIds?: pulumi.Input<string>[];
    /**
     * Managed prefix lists whose addresses may reach port 443, e.g. CloudFront's origin-facing list and Route 53's
     * health checkers when a CDN fronts the ALB. Each gets its own security group on the ALB: a prefix list counts
     * its weight against the 60 rules a group holds by default (CloudFront's weighs 55).
     * @default none
     */
    ingressPrefixListIds?: pulumi.Input<string>[];
    /**
     * Region for every resource (v7 per-resource region). Required with an aws provider in the options,
     * whose region is unknown until deploy.
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Tags for every resource.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Physical load balancer name, same rules as target group names, not starting with `internal-`. May be an
     * Output (checked when it resolves).
     * @default `<project>-<stack>-<component>-alb`, hashed to fit 32
     */
    loadBalancerName?: pulumi.Input<string>;

    /** ARN of an ACM certificate in the ALB's region, for the HTTPS listener. */
    certificateArn: pulumi.Input<string>;
    /**
     * More ACM certificates for the HTTPS listener, by key (lowercase letters, digits, hyphens), served by SNI to
     * clients asking for their names; each in the ALB's region. Keys name the attachments, so reordering or an
     * ARN known only at deploy replaces nothing.
     * @default none
     */
    additionalCertificates?: Record<string, pulumi.Input<string>>;
    /**
     * TLS policy of the HTTPS listener, one of the TLS 1.3 policies ELB.17 accepts.
     * @default `"ELBSecurityPolicy-TLS13-1-2-Res-2021-06"` (`albDefaults.sslPolicy`)
     */
    sslPolicy?: string;

    /** Target groups by key (lowercase letters, digits, hyphens), at least one. */
    targetGroups: Record<string, AlbTargetGroup>;
    /**
     * Group-level stickiness of the default action, in seconds, 1..604800.
     * @default off
     */
    defaultStickinessSeconds?: number;
    /**
     * Require a CDN's secret header on every request.
     * @default off
     */
    originVerify?: AlbOriginVerify;
    /**
     * HTTPS listener rules by key (lowercase letters, digits, hyphens), e.g. one per microservice.
     * @default none
     */
    listenerRules?: Record<string, AlbListenerRule>;

    /**
     * The account's raised ALB quotas.
     * @default AWS's defaults, `albDefaults.certificatesPerLoadBalancer` and `albDefaults.rulesPerLoadBalancer`
     */
    quotas?: AlbQuotas;

    /**
     * Access logs.
     * @default on, to a dedicated bucket, with every `AlbAccessLogs` default
     */
    accessLogs?: AlbAccessLogs;
    /**
     * Deletion protection (ELB.6).
     * @default `true` (`albDefaults.deletionProtection`)
     */
    deletionProtection?: boolean;
    /**
     * Desync mitigation (ELB.12).
     * @default `"defensive"` (`albDefaults.desyncMitigationMode`)
     */
    desyncMitigationMode?: AlbDesyncMitigationMode;
    /**
     * Seconds a connection may stay idle, 1..4000.
     * @default `60` (`albDefaults.idleTimeout`)
     */
    idleTimeout?: number;
    /**
     * Alarms.
     * @default on, to a topic made by the component
     */
    alarms?: AlbAlarms;
    /**
     * Protect the log bucket (and the alarm topic's key) from deletion and replacement. When false, the
     * log bucket is emptied on destroy (`forceDestroy`), so a non-production stack tears down.
     * @default false
     */
    protectStatefulResources?: boolean;
}

/** TLS 1.3 listener policies that Security Hub control ELB.17 accepts. */
export const TLS13_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
] as const;

export const albDefaults = {
    internetIngressCidrs: ["0.0.0.0/0"],
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    targetPort: 80,
    targetProtocol: "HTTP" as AlbTargetProtocol,
    targetType: "instance" as AlbTargetType,
    weight: 1,
    deregistrationDelay: 30,
    slowStart: 0,
    algorithm: "round_robin" as AlbAlgorithm,
    accessLogPrefix: "alb",
    accessLogExpirationDays: 90,
    deletionProtection: true,
    desyncMitigationMode: "defensive" as AlbDesyncMitigationMode,
    ipAddressType: "ipv4" as AlbIpAddressType,
    idleTimeout: 60,
    alarmPeriodSeconds: 60,
    alarmEvaluationPeriods: 2,
    elb5xxThreshold: 10,
    targetResponseTimeP99Seconds: 2,
    fixedResponseContentType: "text/plain" as AlbFixedResponseContentType,
    certificatesPerLoadBalancer: 25,
    rulesPerLoadBalancer: 100,
} as const;
