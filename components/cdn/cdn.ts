import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { CLOUDWATCH_ALARMS, encryptedTopic } from "../shared/kms";
import { nameLimits } from "../shared/naming";
import { namerFor } from "../shared/stack";
import { denyInsecureTransport, logBucket } from "../shared/logBucket";
import { checkWhenResolved, gateDeferred } from "../shared/validation";
import { cdnDefaults, CdnArgs, MANAGED_POLICIES } from "./args";
import { validateCdnArgs } from "./validate";
import { WebAcl } from "./webAcl";

export const CDN_TYPE = "pulumi-aws-dr:cdn:Cdn";

/** CloudFront is global; its certificate, web ACL and metrics live in us-east-1. */
const CLOUDFRONT_REGION = "us-east-1";
const ORIGIN_GROUP_ID = "regions";

/**
 * A CloudFront distribution in front of two regions' ALBs: an origin group fails a read (GET, HEAD,
 * OPTIONS) over to the secondary per request, on connection failures, timeouts and the chosen 5xx codes;
 * other methods go to the primary only and rely on Route 53 failover of the origin name
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html).
 * Viewers get HTTPS only (HTTP/2 and HTTP/3, compression, a TLS 1.2+ policy), origins HTTPS with TLS 1.2
 * and a secret header the ALBs require; static paths are cached, the API is not; a WAF web ACL filters
 * everything; standard logs go to a locked-down bucket and alarms watch the 5xx rate and origin latency.
 */
export class Cdn extends pulumi.ComponentResource {
    public readonly distributionId: pulumi.Output<string>;
    public readonly distributionArn: pulumi.Output<string>;
    /** `dxxxx.cloudfront.net`, for alias records. */
    public readonly domainName: pulumi.Output<string>;
    /** CloudFront's hosted zone id, for alias records. */
    public readonly hostedZoneId: pulumi.Output<string>;
    public readonly webAclArn: pulumi.Output<string>;
    public readonly logBucketName: pulumi.Output<string>;
    public readonly alarmTopicArn: pulumi.Output<string> | undefined;

    constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("Cdn", name);
        const problems = validateCdnArgs(args);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(CDN_TYPE, name, {}, opts);
        const inputsChecked = checkWhenResolved(subject, args, (resolved) =>
            validateCdnArgs(resolved as unknown as CdnArgs),
        );
        args = gateDeferred(inputsChecked, args);
        const child = { parent: this };

        const webAcl = new WebAcl(
            `${name}-waf`,
            {
                ...args.webAcl,
                scope: "CLOUDFRONT",
                protectStatefulResources: args.protectStatefulResources,
                tags: args.tags,
            },
            child,
        );
        const logBucket = this.logBucket(name, args);
        const distribution = this.distribution(name, args, webAcl, logBucket);

        this.distributionId = distribution.id;
        this.distributionArn = distribution.arn;
        this.domainName = distribution.domainName;
        this.hostedZoneId = distribution.hostedZoneId;
        this.webAclArn = webAcl.arn;
        this.logBucketName = logBucket.bucket;
        this.alarmTopicArn = (args.alarms?.enabled ?? true) ? this.alarms(name, args, distribution) : undefined;
        this.registerOutputs({
            distributionId: this.distributionId,
            distributionArn: this.distributionArn,
            domainName: this.domainName,
            hostedZoneId: this.hostedZoneId,
            webAclArn: this.webAclArn,
            logBucketName: this.logBucketName,
            alarmTopicArn: this.alarmTopicArn,
            inputsChecked,
        });
    }

    private distribution(
        name: string,
        args: CdnArgs,
        webAcl: WebAcl,
        logBucket: aws.s3.Bucket,
    ): aws.cloudfront.Distribution {
        const t = { ...cdnDefaults, ...args.originTimeouts };
        const origin = (id: string, domainName: pulumi.Input<string>) => ({
            originId: id,
            domainName,
            connectionAttempts: t.connectionAttempts,
            connectionTimeout: t.connectionTimeoutSeconds,
            customHeaders: [{ name: args.originVerify.headerName, value: args.originVerify.value }],
            customOriginConfig: {
                httpPort: 80,
                httpsPort: 443,
                originProtocolPolicy: "https-only",
                // TLS 1.2 only: SSLv3, TLSv1 and TLSv1.1 are deprecated (Security Hub CloudFront.10).
                originSslProtocols: ["TLSv1.2"],
                originReadTimeout: t.responseTimeoutSeconds,
                originKeepaliveTimeout: t.keepaliveTimeoutSeconds,
            },
        });
        const primaryId = `primary-${args.primaryOrigin.region}`;
        const writeId = "writes";
        const secondaryId = `secondary-${args.secondaryOrigin.region}`;
        const readOnly = ["GET", "HEAD", "OPTIONS"];
        const allMethods = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];
        // A behaviour that allows writes cannot target an origin group (CloudFront fails over only GET, HEAD and
        // OPTIONS): uncached paths go to the write origin, a name Route 53 fails over (the write path).
        const uncached = {
            targetOriginId: writeId,
            viewerProtocolPolicy: "https-only",
            allowedMethods: allMethods,
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: MANAGED_POLICIES.cachingDisabled,
            originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
            compress: true,
        };
        const cached = (pathPattern: string) => ({
            pathPattern,
            targetOriginId: ORIGIN_GROUP_ID,
            viewerProtocolPolicy: "https-only",
            allowedMethods: readOnly,
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: MANAGED_POLICIES.cachingOptimized,
            compress: true,
        });
        return new aws.cloudfront.Distribution(
            name,
            {
                enabled: true,
                comment: `${name}: reads fail over between ${args.primaryOrigin.region} and ${args.secondaryOrigin.region}`,
                aliases: args.aliases,
                httpVersion: "http2and3",
                isIpv6Enabled: true,
                priceClass: args.priceClass ?? cdnDefaults.priceClass,
                webAclId: webAcl.arn,
                origins: [
                    origin(primaryId, args.primaryOrigin.domainName),
                    origin(secondaryId, args.secondaryOrigin.domainName),
                    origin(writeId, args.writeOrigin ?? args.primaryOrigin.domainName),
                ],
                originGroups: [
                    {
                        originId: ORIGIN_GROUP_ID,
                        failoverCriteria: {
                            statusCodes: [...(args.failoverStatusCodes ?? cdnDefaults.failoverStatusCodes)],
                        },
                        members: [{ originId: primaryId }, { originId: secondaryId }],
                    },
                ],
                // Reads of the app (not cached) also take the origin group; writes go to the uncached path behaviours.
                defaultCacheBehavior: { ...uncached, targetOriginId: ORIGIN_GROUP_ID, allowedMethods: readOnly },
                orderedCacheBehaviors: [
                    ...(args.cachedPaths ?? cdnDefaults.cachedPaths).map(cached),
                    ...(args.uncachedPaths ?? cdnDefaults.uncachedPaths).map((pathPattern) => ({
                        ...uncached,
                        pathPattern,
                    })),
                ],
                viewerCertificate: {
                    acmCertificateArn: args.certificateArn,
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: args.minimumProtocolVersion ?? cdnDefaults.minimumProtocolVersion,
                },
                restrictions: { geoRestriction: { restrictionType: "none" } },
                loggingConfig: { bucket: logBucket.bucketDomainName, includeCookies: false, prefix: "cloudfront/" },
                tags: args.tags,
            },
            { parent: this },
        );
    }

    /**
     * The standard-log bucket. CloudFront writes these logs with an ACL grant, so the bucket keeps ACLs
     * (BucketOwnerPreferred) and must not use SSE-KMS with an AWS managed key
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
     */
    private logBucket(name: string, args: CdnArgs): aws.s3.Bucket {
        const child = { parent: this };
        const regional = { region: CLOUDFRONT_REGION };
        const { bucket, publicAccess } = logBucket(
            name,
            {
                region: CLOUDFRONT_REGION,
                tags: args.tags,
                protect: args.protectStatefulResources ?? false,
                objectOwnership: "BucketOwnerPreferred",
                expiration: {
                    ruleId: "expire-standard-logs",
                    prefix: "cloudfront/",
                    days: args.logExpirationDays ?? cdnDefaults.logExpirationDays,
                },
            },
            this,
        );
        new aws.s3.BucketPolicy(
            `${name}-logs`,
            {
                ...regional,
                bucket: bucket.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [denyInsecureTransport(bucket.arn)],
                }),
                // S3 refuses policy changes while it is still applying the public access block.
            },
            { ...child, dependsOn: [publicAccess] },
        );
        return bucket;
    }

    /** The 5xx error rate and p90 origin latency, in us-east-1 where CloudFront publishes its metrics. */
    private alarms(name: string, args: CdnArgs, distribution: aws.cloudfront.Distribution): pulumi.Output<string> {
        const settings = args.alarms ?? {};
        const nameOf = namerFor(name);
        const child = { parent: this };
        // Origin latency is one of the additional metrics, off unless asked for.
        new aws.cloudfront.MonitoringSubscription(
            name,
            {
                distributionId: distribution.id,
                monitoringSubscription: {
                    realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: "Enabled" },
                },
            },
            child,
        );
        const topicArn = pulumi.output(
            settings.topicArn ??
                encryptedTopic(
                    `${name}-alarms`,
                    {
                        region: CLOUDFRONT_REGION,
                        keyLogicalName: `${name}-alarms`,
                        topicName: nameOf("alarms", nameLimits.snsTopic),
                        description: `Encrypts the alarm topic of ${nameOf("cdn", 255)}`,
                        publisher: CLOUDWATCH_ALARMS,
                        tags: args.tags,
                        protect: args.protectStatefulResources,
                    },
                    this,
                ).arn,
        );
        const alarm = (
            role: string,
            metricName: string,
            stat: { statistic?: string; extendedStatistic?: string },
            threshold: number,
            description: string,
        ) =>
            new aws.cloudwatch.MetricAlarm(
                `${name}-${role}`,
                {
                    region: CLOUDFRONT_REGION,
                    name: nameOf(role, 255),
                    alarmDescription: description,
                    namespace: "AWS/CloudFront",
                    metricName,
                    ...stat,
                    comparisonOperator: "GreaterThanThreshold",
                    threshold,
                    // CloudFront publishes with Region=Global (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html).
                    dimensions: { DistributionId: distribution.id, Region: "Global" },
                    period: 60,
                    evaluationPeriods: 3,
                    treatMissingData: "notBreaching",
                    alarmActions: [topicArn],
                    okActions: [topicArn],
                    tags: args.tags,
                },
                child,
            );
        alarm(
            "5xx-rate",
            "5xxErrorRate",
            { statistic: "Average" },
            settings.error5xxRatePercent ?? cdnDefaults.error5xxRatePercent,
            "Share of CloudFront responses that are 5xx is too high: both origins may be failing",
        );
        alarm(
            "origin-latency",
            "OriginLatency",
            { extendedStatistic: "p90" },
            settings.originLatencyMs ?? cdnDefaults.originLatencyMs,
            "p90 origin latency is too high: reads may be waiting on a failing primary",
        );
        return topicArn;
    }
}
