import { Endpoint, FailoverDns, FailoverDnsArgs } from "../components/dns";

/** An ALB-like alias target in a region, as MultiAzAlb outputs it. */
export function albTarget(region: string, label = "web"): Endpoint["target"] {
    const zoneIds: Record<string, string> = {
        "us-east-1": "Z35SXDOTRQ7X7K",
        "us-west-2": "Z1H1FL5HABSF5",
        "eu-west-1": "Z32O12XQLNTSW2",
    };
    return { dnsName: `${label}-1234567890.${region}.elb.amazonaws.com`, zoneId: zoneIds[region] ?? "Z35SXDOTRQ7X7K" };
}

export const endpoint = (region: string, extra: Partial<Endpoint> = {}): Endpoint => ({
    region,
    target: albTarget(region),
    ...extra,
});

export const failoverArgs = (extra: Partial<FailoverDnsArgs> = {}): FailoverDnsArgs => ({
    zone: { zoneName: "example.com" },
    recordName: "app.example.com",
    routing: { policy: "failover", primary: endpoint("us-east-1"), secondary: endpoint("us-west-2") },
    ...extra,
});

/** A program declaring one FailoverDns named "app" and exporting its outputs. */
export const buildDns = (args: FailoverDnsArgs) => async () => {
    const dns = new FailoverDns("app", args);
    return {
        fqdn: dns.fqdn,
        zoneId: dns.zoneId,
        healthCheckIds: dns.healthCheckIds,
        certificateArns: dns.certificateArns,
        alarmTopicArn: dns.alarmTopicArn,
    };
};

export const RECORD = "aws:route53/record:Record";
export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const CERTIFICATE = "aws:acm/certificate:Certificate";
export const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
export const EXAMPLE_ZONE_ID = "Z0EXAMPLE1234567890AB";
