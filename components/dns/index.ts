export { FailoverDns, DNS_TYPE } from "./failoverDns";
export {
    FailoverDnsArgs,
    Routing,
    RoutingPolicy,
    Endpoint,
    SimpleEndpoint,
    WeightedEndpoint,
    AliasTarget,
    HealthCheckSpec,
    HealthCheckType,
    HealthCheckInterval,
    AlarmsSpec,
    CertificateSpec,
    healthCheckDefaults,
    dnsDefaults,
    HEALTH_CHECKER_REGIONS,
    ROUTE53_METRICS_REGION,
} from "./args";
export { validateFailoverDnsArgs, ROUTE53_LIMITS } from "./validate";
export {
    failoverSeconds,
    failoverBreakdown,
    FailoverBreakdown,
    FailoverTimeOptions,
    ELB_ALIAS_TTL_SECONDS,
} from "./failoverTime";
