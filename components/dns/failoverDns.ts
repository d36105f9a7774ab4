import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DnsValidatedCertificate } from "../certificate/dnsValidatedCertificate";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { nameLimits } from "../shared/naming";
import { CLOUDWATCH_ALARMS, encryptedTopic } from "../shared/kms";
import { namerFor } from "../shared/stack";
import { named } from "../shared/tags";
import { checkWhenResolved, gateDeferred } from "../shared/validation";
import { dnsDefaults, FailoverDnsArgs, ROUTE53_METRICS_REGION, Routing } from "./args";
import { endpointsOf, healthCheckOf, NamedEndpoint } from "./routing";
import { dnsNames, validateFailoverDnsArgs } from "./validate";
import { resolveZone } from "../zone/resolveZone";

export const DNS_TYPE = "pulumi-aws-dr:dns:FailoverDns";

/** The routing-policy fields of one endpoint's records. */
function policyFields(routing: Routing, e: NamedEndpoint): Partial<aws.route53.RecordArgs> {
    switch (routing.policy) {
        case "simple":
            return {};
        case "failover":
            return {
                setIdentifier: e.setIdentifier,
                failoverRoutingPolicies: [{ type: e.id === "primary" ? "PRIMARY" : "SECONDARY" }],
            };
        case "weighted":
            return { setIdentifier: e.setIdentifier, weightedRoutingPolicies: [{ weight: e.weight! }] };
        case "latency":
            return { setIdentifier: e.setIdentifier, latencyRoutingPolicies: [{ region: e.endpoint.region }] };
    }
}

/**
 * Route 53 in front of regional endpoints (ALBs): alias records with a failover, weighted, latency
 * or simple routing policy, a health check per endpoint, CloudWatch alarms on those checks in
 * us-east-1, and optionally the hosted zone and DNS-validated ACM certificates.
 */
export class FailoverDns extends pulumi.ComponentResource {
    /** The record's name, once its records exist. */
    public readonly fqdn: pulumi.Output<string>;
    /** Route 53 health check ids by endpoint id (`primary`/`secondary` for failover). */
    public readonly healthCheckIds: Record<string, pulumi.Output<string>>;
    /** Validated certificate ARNs by region; empty unless `certificate` was given. */
    public readonly certificateArns: Record<string, pulumi.Output<string>>;
    /** The hosted zone's id. */
    public readonly zoneId: pulumi.Output<string>;
    /** The SNS topic the health-check alarms notify; undefined when there are no alarms. */
    public readonly alarmTopicArn?: pulumi.Output<string>;

    constructor(name: string, args: FailoverDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("FailoverDns", name);
        const problems = validateFailoverDnsArgs(args);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(DNS_TYPE, name, {}, opts);
        const inputsChecked = checkWhenResolved(subject, args, (resolved) =>
            validateFailoverDnsArgs(resolved as unknown as FailoverDnsArgs),
        );
        // From here on, a value known only at deploy reaches a resource only once it has passed the checks.
        args = gateDeferred(inputsChecked, args);

        const child = { parent: this };
        const nameOf = namerFor(name);
        const zone = resolveZone(args.zone, {
            parent: this,
            name,
            subject,
            names: dnsNames(args),
            tags: args.tags,
            protect: args.protectStatefulResources,
            inputsChecked,
        });
        this.zoneId = zone.zoneId;

        const endpoints = endpointsOf(args.routing);
        const healthChecks = new Map<string, aws.route53.HealthCheck>();
        for (const e of endpoints) {
            const check = healthCheckOf(e.endpoint);
            if (!check) continue;
            healthChecks.set(
                e.id,
                new aws.route53.HealthCheck(
                    `${name}-${e.id}`,
                    {
                        type: check.type,
                        fqdn: check.fqdn ?? e.endpoint.target.dnsName,
                        port: check.port,
                        resourcePath: check.type === "TCP" ? undefined : check.resourcePath,
                        requestInterval: check.requestInterval,
                        failureThreshold: check.failureThreshold,
                        measureLatency: check.measureLatency,
                        searchString: check.searchString,
                        regions: check.regions,
                        // SNI sends `fqdn` (the ALB's own name unless set); Route 53 does not validate the
                        // certificate it gets back, so the check works although the certificate names recordName.
                        enableSni: check.type.startsWith("HTTPS") ? true : undefined,
                        // Security Hub Route53.1: health checks are tagged.
                        tags: named(args.tags, nameOf(e.id, 255)),
                    },
                    child,
                ),
            );
        }
        this.healthCheckIds = Object.fromEntries([...healthChecks].map(([id, check]) => [id, check.id]));

        const recordTypes = (args.ipv6 ?? dnsDefaults.ipv6) ? ["A", "AAAA"] : ["A"];
        const records = endpoints.flatMap((e) =>
            recordTypes.map((type) => {
                const role = [e.setIdentifier, type.toLowerCase()].filter(Boolean).join("-");
                return new aws.route53.Record(
                    `${name}-${role}`,
                    {
                        zoneId: zone.zoneId,
                        name: args.recordName,
                        type,
                        aliases: [
                            {
                                name: e.endpoint.target.dnsName,
                                zoneId: e.endpoint.target.zoneId,
                                evaluateTargetHealth:
                                    e.endpoint.evaluateTargetHealth ?? dnsDefaults.evaluateTargetHealth,
                            },
                        ],
                        healthCheckId: healthChecks.get(e.id)?.id,
                        ...policyFields(args.routing, e),
                        allowOverwrite: false,
                    },
                    child,
                );
            }),
        );
        this.fqdn = records[0].fqdn;

        const alarmed = endpoints.filter(
            (e) => healthChecks.has(e.id) && (e.endpoint.alarm ?? dnsDefaults.endpointAlarm),
        );
        if ((args.alarms?.enabled ?? dnsDefaults.alarmsEnabled) && alarmed.length > 0) {
            const topicArn =
                args.alarms?.topicArn !== undefined ? pulumi.output(args.alarms.topicArn) : this.alarmTopic(name, args);
            this.alarmTopicArn = topicArn;
            for (const { id } of alarmed) {
                const check = healthChecks.get(id)!;
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${id}-health`,
                    {
                        region: ROUTE53_METRICS_REGION,
                        name: nameOf(`${id}-health`, 255),
                        alarmDescription: pulumi.interpolate`Route 53 health check ${check.id} (${id} of ${args.recordName}) is unhealthy`,
                        namespace: "AWS/Route53",
                        metricName: "HealthCheckStatus",
                        dimensions: { HealthCheckId: check.id },
                        statistic: "Minimum",
                        period: 60,
                        evaluationPeriods: 1,
                        threshold: 1,
                        comparisonOperator: "LessThanThreshold",
                        // No data means Route 53 stopped reporting the check, which is no proof of health.
                        treatMissingData: "breaching",
                        alarmActions: [topicArn],
                        okActions: [topicArn],
                        tags: args.tags,
                    },
                    child,
                );
            }
        }

        this.certificateArns = {};
        if (args.certificate) {
            const certificate = new DnsValidatedCertificate(
                `${name}-certificate`,
                {
                    // A zone this component created is passed as a resource: it cannot be looked up yet.
                    zone: zone.created ? { zone: zone.created } : args.zone,
                    domainName: args.recordName,
                    subjectAlternativeNames: args.certificate.subjectAlternativeNames,
                    regions: [...new Set(endpoints.map((e) => e.endpoint.region))],
                    tags: args.tags,
                },
                child,
            );
            this.certificateArns = certificate.certificateArns;
        }

        this.registerOutputs({
            fqdn: this.fqdn,
            healthCheckIds: this.healthCheckIds,
            certificateArns: this.certificateArns,
            // Resolves only once the record names were checked against the zone's real name.
            zoneId: this.zoneId,
            alarmTopicArn: this.alarmTopicArn,
            inputsChecked,
        });
    }

    /** An SNS topic in us-east-1, encrypted with its own customer managed key that CloudWatch may use. */
    private alarmTopic(name: string, args: FailoverDnsArgs): pulumi.Output<string> {
        const nameOf = namerFor(name);
        return encryptedTopic(
            `${name}-alarms`,
            {
                region: ROUTE53_METRICS_REGION,
                keyLogicalName: `${name}-alarms`,
                topicName: nameOf("alarms", nameLimits.snsTopic),
                description: `Encrypts the health-check alarm topic ${nameOf("alarms", nameLimits.snsTopic)}`,
                publisher: CLOUDWATCH_ALARMS,
                tags: named(args.tags, nameOf("alarms", 255)),
                protect: args.protectStatefulResources,
            },
            this,
        ).arn;
    }
}
