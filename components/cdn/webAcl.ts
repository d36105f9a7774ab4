import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { namerFor, stackRegion } from "../shared/stack";
import { encryptedLogGroup } from "../shared/kms";
import { MANAGED_RULE_GROUPS, webAclDefaults, WebAclArgs, WebAclForwardedIp } from "./args";
import { validateWebAclArgs } from "./validate";

export const WEB_ACL_TYPE = "pulumi-aws-dr:cdn:WebAcl";

/**
 * An AWS WAF web ACL: AWS's common, known-bad-inputs and IP-reputation rule groups, then a rate-based rule
 * per client IP, everything else allowed; every request logged to a CloudWatch log group encrypted with its
 * own KMS key. CLOUDFRONT scope lives in us-east-1
 * (https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html); REGIONAL scope
 * is associated with the given ALBs (Security Hub ELB.16), and behind CloudFront counts the forwarded client
 * address (`forwardedIp`) rather than the edge server's.
 */
export class WebAcl extends pulumi.ComponentResource {
    public readonly arn: pulumi.Output<string>;
    public readonly id: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    /** Where the web ACL lives: us-east-1 for CLOUDFRONT. */
    public readonly region: string;

    constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = validateWebAclArgs(args);
        if (problems.length > 0) throw new InvalidInputError(componentSubject("WebAcl", name), problems);
        super(WEB_ACL_TYPE, name, {}, opts);
        const child = { parent: this };
        const nameOf = namerFor(name);
        this.region = args.scope === "CLOUDFRONT" ? "us-east-1" : (args.region ?? stackRegion() ?? "us-east-1");
        const regional = { region: this.region };
        const visibility = (metric: string) => ({
            cloudwatchMetricsEnabled: true,
            sampledRequestsEnabled: true,
            metricName: metric,
        });

        const acl = new aws.wafv2.WebAcl(
            name,
            {
                ...regional,
                name: nameOf("waf", 128),
                scope: args.scope,
                defaultAction: { allow: {} },
                rules: [
                    ...MANAGED_RULE_GROUPS.map((group, priority) => ({
                        name: group,
                        priority,
                        overrideAction: { none: {} },
                        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
                        visibilityConfig: visibility(group),
                    })),
                    {
                        name: "rate-per-ip",
                        priority: MANAGED_RULE_GROUPS.length,
                        action: { block: {} },
                        statement: {
                            rateBasedStatement: {
                                limit: args.rateLimit ?? webAclDefaults.rateLimit,
                                evaluationWindowSec: args.rateWindowSeconds ?? webAclDefaults.rateWindowSeconds,
                                ...clientAddress(args.forwardedIp),
                            },
                        },
                        visibilityConfig: visibility("rate-per-ip"),
                    },
                ],
                visibilityConfig: visibility(nameOf("waf", 128)),
                tags: args.tags,
            },
            child,
        );

        // WAF only logs to groups named aws-waf-logs-* (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html).
        const { logGroup: logs } = encryptedLogGroup(
            `${name}-logs`,
            {
                ...regional,
                actualRegion: this.region,
                logGroupName: `aws-waf-logs-${nameOf("waf", 480)}`,
                retentionInDays: args.logRetentionDays ?? webAclDefaults.logRetentionDays,
                description: `Encrypts the request logs of web ACL ${nameOf("waf", 128)}`,
                tags: args.tags,
                protect: args.protectStatefulResources,
            },
            this,
        );
        new aws.wafv2.WebAclLoggingConfiguration(
            name,
            {
                ...regional,
                resourceArn: acl.arn,
                logDestinationConfigs: [logs.arn],
                // Viewers' credentials stay out of the logs.
                redactedFields: [{ singleHeader: { name: "authorization" } }],
            },
            child,
        );
        (args.associateWith ?? []).forEach((resourceArn, i) => {
            new aws.wafv2.WebAclAssociation(`${name}-${i}`, { ...regional, resourceArn, webAclArn: acl.arn }, child);
        });

        this.arn = acl.arn;
        this.id = acl.id;
        this.logGroupName = logs.name;
        this.registerOutputs({ arn: this.arn, id: this.id, logGroupName: this.logGroupName });
    }
}

/**
 * The rate rule's aggregation key: the connection's source IP, or behind a proxy the first address of the
 * forwarded header (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-aggregation-options.html).
 */
function clientAddress(forwarded: WebAclForwardedIp | undefined) {
    if (forwarded === undefined) return { aggregateKeyType: "IP" };
    return {
        aggregateKeyType: "FORWARDED_IP",
        forwardedIpConfig: {
            headerName: forwarded.headerName ?? webAclDefaults.forwardedIpHeader,
            fallbackBehavior: forwarded.fallbackBehavior ?? webAclDefaults.forwardedIpFallback,
        },
    };
}
