/** ELB's bounds on ALB inputs, each with the page that states it. Pure data. */

/**
 * ALB and target group limits: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 * (target groups per action, condition values per rule), the health-check and attribute ranges of
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html and
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupTuple.html (weights 0..999).
 * Listener rules (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html):
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
 * (3 match evaluations per condition, 5 per rule, 5 wildcards per rule, host and path values of at most 128
 * characters), https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HttpHeaderConditionConfig.html
 * (header names of at most 40 characters, values of at most 128),
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HttpRequestMethodConditionConfig.html
 * (methods of at most 40 characters), https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RedirectActionConfig.html
 * (redirect parts of at most 128 characters), https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_FixedResponseActionConfig.html
 * (message bodies of at most 1024 characters) and https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AuthenticateOidcActionConfig.html
 * (up to 10 extra authentication request parameters).
 */
export const albLimits = {
    weight: { min: 0, max: 999 },
    targetGroupsPerForward: 5,
    stickinessSeconds: { min: 1, max: 604800 },
    interval: { min: 5, max: 300 },
    timeout: { min: 2, max: 120 },
    threshold: { min: 2, max: 10 },
    healthCheckPathLength: 1024,
    deregistrationDelay: { min: 0, max: 3600 },
    slowStart: { min: 30, max: 900 },
    priority: { min: 1, max: 50000 },
    valuesPerCondition: 3,
    valuesPerRule: 5,
    wildcardsPerRule: 5,
    hostHeaderLength: 128,
    pathPatternLength: 128,
    httpHeaderNameLength: 40,
    conditionValueLength: 128,
    httpMethodLength: 40,
    redirectPartLength: 128,
    messageBodyLength: 1024,
    authenticationExtraParams: 10,
    idleTimeout: { min: 1, max: 4000 },
    port: { min: 1, max: 65535 },
} as const;
