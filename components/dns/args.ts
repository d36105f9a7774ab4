import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";
import { ZoneSpec } from "../zone/args";

export const HealthCheckType = {
    HTTPS: "HTTPS",
    HTTP: "HTTP",
    HTTPSSTRMATCH: "HTTPS_STR_MATCH",
    HTTPSTRMATCH: "HTTP_STR_MATCH",
    TCP: "TCP",
} as const;
export type HealthCheckType = (typeof HealthCheckType)[keyof typeof HealthCheckType];

/** Seconds between a Route 53 checker's requests: 10 (fast, costs more) or 30 (standard). */
export const HealthCheckInterval = {
    Fast: 10,
    Standard: 30,
} as const;
export type HealthCheckInterval = (typeof HealthCheckInterval)[keyof typeof HealthCheckInterval];

/** A Route 53 health check on one endpoint. */
export interface HealthCheckSpec {
    /**
     * `false` for no health check on this endpoint (Route 53 then sees it fail only through `evaluateTargetHealth`).
     * @default true
     */
    enabled?: boolean;
    /**
     * Protocol. `*_STR_MATCH` also looks for `searchString` in the body.
     * @default `"HTTPS"` (`healthCheckDefaults.type`)
     */
    type?: HealthCheckType;
    /**
     * Path requested, starting with `/`, at most 255 characters. Ignored for TCP.
     * @default `"/health"` (`healthCheckDefaults.resourcePath`)
     */
    resourcePath?: string;
    /**
     * Port, 1..65535. The HTTP types default to 80: a plain-HTTP probe of the TLS
     * listener on 443 would never pass.
     * @default `{ HTTP: 80, HTTP_STR_MATCH: 80, HTTPS: 443, HTTPS_STR_MATCH: 443, TCP: 443 }`
     * (`healthCheckDefaults.port`), by `type`
     */
    port?: number;
    /**
     * Seconds between checks from each checker: 10 or 30 (10 costs more).
     * @default `30` (`healthCheckDefaults.requestInterval`)
     */
    requestInterval?: HealthCheckInterval;
    /**
     * Consecutive failures before the endpoint is unhealthy, 1..10.
     * @default `3` (`healthCheckDefaults.failureThreshold`)
     */
    failureThreshold?: number;
    /**
     * Record latency graphs in CloudWatch (cannot be changed later).
     * @default `false` (`healthCheckDefaults.measureLatency`)
     */
    measureLatency?: boolean;
    /**
     * Text the body must contain, at most 255 characters; only with a `*_STR_MATCH` type, which needs it.
     * @default none
     */
    searchString?: string;
    /**
     * Route 53 checker regions to use: at least 3 of us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1,
     * ap-southeast-2, ap-northeast-1, sa-east-1.
     * @default all of `HEALTH_CHECKER_REGIONS`
     */
    regions?: string[];
    /**
     * Host name to check.
     * @default the endpoint's `target.dnsName`
     */
    fqdn?: pulumi.Input<string>;
}

/** Where an alias record points: a load balancer, as MultiAzAlb outputs it. */
export interface AliasTarget {
    /** The target's DNS name, e.g. the ALB's `dnsName`. */
    dnsName: pulumi.Input<string>;
    /** The target's Route 53 hosted zone id, e.g. the ALB's `zoneId`. */
    zoneId: pulumi.Input<string>;
    /**
     * The ALB's `ipAddressType`. With `ipv6`, an `ipv4` target is refused: its AAAA alias would have no
     * address to answer with.
     * @default not known: not checked
     */
    ipAddressType?: string;
}

/** A simple record has no health check, so nothing to alarm on or fail over to. */
export interface SimpleEndpoint {
    /** Region the target lives in; also where its certificate is requested. Required. */
    region: string;
    /** The alias target. Required. */
    target: AliasTarget;
    /**
     * Let Route 53 also follow the target's own health (an ALB with no healthy targets).
     * @default `true` (`dnsDefaults.evaluateTargetHealth`)
     */
    evaluateTargetHealth?: boolean;
}

export interface Endpoint extends SimpleEndpoint {
    /**
     * The endpoint's Route 53 health check; `{ enabled: false }` for none.
     * @default a check with every default of `HealthCheckSpec`
     */
    healthCheck?: HealthCheckSpec;
    /**
     * Alarm on this endpoint's health check when `alarms` are enabled. Set false for an endpoint that is unhealthy by
     * design, such as a pilot light's standby with no targets, whose alarm would otherwise stay in ALARM until a
     * failover.
     * @default `true` (`dnsDefaults.endpointAlarm`)
     */
    alarm?: boolean;
}

export interface WeightedEndpoint extends Endpoint {
    /**
     * Share of answers, 0..255, relative to the other endpoints' weights; 0 takes no traffic. Required with the
     * `weighted` policy, refused with `latency`.
     * @default none
     */
    weight?: number;
}

/** Route 53 routing policies. */
export const RoutingPolicy = {
    Simple: "simple",
    Failover: "failover",
    Weighted: "weighted",
    Latency: "latency",
} as const;
export type RoutingPolicy = (typeof RoutingPolicy)[keyof typeof RoutingPolicy];

/**
 * How Route 53 chooses between endpoints. `setIdentifier`s are the endpoint ids (`primary`/`secondary` for failover).
 * Each policy takes its own fields, and the others must be omitted (checked with the other inputs):
 * - `simple`: `endpoint`;
 * - `failover`: `primary` and `secondary`;
 * - `weighted`: `endpoints`, each with a `weight`;
 * - `latency`: `endpoints`, without weights.
 *
 * One interface rather than a union of four shapes: Pulumi's schema inference accepts no unions.
 */
export interface Routing {
    /** The routing policy. Required. */
    policy: RoutingPolicy;
    /**
     * `simple` only: the one endpoint.
     * @default none
     */
    endpoint?: SimpleEndpoint;
    /**
     * `failover` only: the endpoint that serves while healthy.
     * @default none
     */
    primary?: Endpoint;
    /**
     * `failover` only: the endpoint that serves when the primary is unhealthy.
     * @default none
     */
    secondary?: Endpoint;
    /**
     * `weighted` and `latency`: the endpoints by id (1..64 letters, digits, `-` or `_`).
     * @default none
     */
    endpoints?: Record<string, WeightedEndpoint>;
}

export interface AlarmsSpec {
    /**
     * Alarm when a health check turns unhealthy.
     * @default `true` (`dnsDefaults.alarmsEnabled`)
     */
    enabled?: boolean;
    /**
     * SNS topic in us-east-1 to notify.
     * @default a topic the component creates, encrypted with its own KMS key
     */
    topicArn?: pulumi.Input<string>;
}

export interface CertificateSpec {
    /**
     * More names on the certificate besides `recordName`, each in the zone.
     * @default none
     */
    subjectAlternativeNames?: string[];
}

export interface FailoverDnsArgs {
    /** The public hosted zone: `{ zoneId }`, `{ zoneName }`, `{ create: { name, comment? } }` or `{ zone }`. Required. */
    zone: ZoneSpec;
    /** The name users resolve, e.g. `app.example.com`; must be in the zone. Required. */
    recordName: string;
    /** The routing policy and its endpoints. Required. */
    routing: Routing;
    /**
     * Also publish AAAA alias records (the targets must be dual-stack).
     * @default `false` (`dnsDefaults.ipv6`)
     */
    ipv6?: boolean;
    /**
     * CloudWatch alarms on each health check, in us-east-1.
     * @default on, to a topic the component creates
     */
    alarms?: AlarmsSpec;
    /**
     * Request and DNS-validate an ACM certificate for `recordName` in each endpoint's region, as a child
     * DnsValidatedCertificate. A stack that feeds the ARNs to its ALBs uses DnsValidatedCertificate directly instead,
     * before the ALBs, to avoid a cycle.
     * @default none
     */
    certificate?: CertificateSpec;
    /**
     * Protect and retain the created zone and the alarm topic's KMS key.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every taggable resource.
     * @default none
     */
    tags?: Tags;
}

export const healthCheckDefaults = {
    type: "HTTPS" as HealthCheckType,
    resourcePath: "/health",
    port: { HTTP: 80, HTTP_STR_MATCH: 80, HTTPS: 443, HTTPS_STR_MATCH: 443, TCP: 443 } satisfies Record<
        HealthCheckType,
        number
    >,
    requestInterval: 30 as HealthCheckInterval,
    failureThreshold: 3,
    measureLatency: false,
} as const;

export const dnsDefaults = {
    ipv6: false,
    evaluateTargetHealth: true,
    alarmsEnabled: true,
    endpointAlarm: true,
} as const;

/** The 8 regions Route 53 health checkers run from (Route 53 API, HealthCheckConfig.Regions). */
export const HEALTH_CHECKER_REGIONS = [
    "us-east-1",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "sa-east-1",
] as const;

/** Route 53 publishes HealthCheckStatus only in us-east-1, so alarms and their topic live there. */
export const ROUTE53_METRICS_REGION = "us-east-1";
