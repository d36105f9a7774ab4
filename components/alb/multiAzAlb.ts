import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountIdOf, partitionOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { loadBalancerName, nameLimits, namePrefixOf, replacementName } from "../shared/naming";
import { CLOUDWATCH_ALARMS, encryptedTopic } from "../shared/kms";
import { elbLogDeliveryPrincipal } from "../shared/regions";
import { componentRegion, namerFor } from "../shared/stack";
import { denyInsecureTransport, logBucket } from "../shared/logBucket";
import { named } from "../shared/tags";
import { applyKnown, checkWhenResolved, gateDeferred } from "../shared/validation";
import { AlbForward, albDefaults, AlbIpAddressType, MultiAzAlbArgs } from "./args";
import { defaultForwardWeights, groupsReceivingTraffic, weightedForward } from "./forward";
import { resolveHealthCheck } from "./healthCheck";
import { deferredPortClashes, deferredTargetPorts, targetPorts } from "./ports";
import { authenticates, ruleActions, ruleConditions } from "./rules";
import { albWarnings, ORIGIN_OPEN_PRIORITY, ORIGIN_VERIFIED_PRIORITY, validateAlbArgs } from "./validate";
import { HTTPS_PORT } from "./validateRules";

export const ALB_TYPE = "pulumi-aws-dr:alb:MultiAzAlb";

const HTTP_PORT = 80;

/** Where access logs go; `policy` is set when the component wrote the bucket policy ELB needs. */
interface LogDestination {
    readonly bucket: pulumi.Output<string>;
    readonly prefix: string;
    readonly policy?: aws.s3.BucketPolicy;
}

/** A CloudWatch alarm on one ALB metric, relative to a threshold. */
interface AlarmSpec {
    readonly metricName: string;
    readonly statistic?: string;
    readonly extendedStatistic?: string;
    readonly comparisonOperator: string;
    readonly threshold: number;
    readonly dimensions: Record<string, pulumi.Input<string>>;
    readonly treatMissingData: "breaching" | "notBreaching";
    readonly description: string;
}

type ForwardAction = ReturnType<typeof forwardAction>;

/**
 * A forward action to the target groups by weight. A weight known only at deploy has passed the inputs'
 * check (the constructor gates every deferred arg), so one out of range changes no listener or rule.
 */
function forwardAction(forward: AlbForward, targetGroups: Record<string, aws.lb.TargetGroup>) {
    return { type: "forward", forward: weightedForward(forward, (key) => targetGroups[key].arn) };
}

/** The ALB's two listeners. */
export interface AlbListeners {
    /** The HTTPS listener, where the target groups and listener rules are. */
    readonly https: aws.lb.Listener;
    /** The HTTP listener, which only redirects to HTTPS. */
    readonly http: aws.lb.Listener;
}

/**
 * An Application Load Balancer over at least two AZs: HTTPS with a TLS 1.3 policy, HTTP redirected
 * to HTTPS, weighted target groups for blue/green and canary releases, listener rules per
 * microservice, security groups that only let the ALB reach the targets, access logs to a locked-down
 * bucket, and CloudWatch alarms on target health, ELB 5XX errors and p99 latency.
 */
export class MultiAzAlb extends pulumi.ComponentResource {
    public readonly loadBalancerArn: pulumi.Output<string>;
    /** `app/<name>/<id>`, the `LoadBalancer` dimension of ALB metrics. */
    public readonly loadBalancerArnSuffix: pulumi.Output<string>;
    public readonly dnsName: pulumi.Output<string>;
    /** The ALB's Route 53 hosted zone, for alias records. */
    public readonly zoneId: pulumi.Output<string>;
    public readonly httpsListenerArn: pulumi.Output<string>;
    /** Target group ARNs by key. */
    public readonly targetGroupArns: Record<string, pulumi.Output<string>>;
    /** `targetgroup/<name>/<id>` by key, the `TargetGroup` dimension of ALB metrics. */
    public readonly targetGroupArnSuffixes: Record<string, pulumi.Output<string>>;
    public readonly albSecurityGroupId: pulumi.Output<string>;
    /** Give this group to the targets: it admits only the ALB, on the target and health-check ports. */
    public readonly targetSecurityGroupId: pulumi.Output<string>;
    /** The access-log bucket; undefined when access logs are off. */
    public readonly logBucketName: pulumi.Output<string | undefined>;
    /** Where the alarms go (given or made here), so on-call can subscribe; undefined without alarms. */
    public readonly alarmTopicArn: pulumi.Output<string> | undefined;
    /**
     * The alarms' ARNs by role (`elb-5xx`, `p99-latency`, `tg-<key>-unhealthy-hosts`, `tg-<key>-no-healthy-hosts`),
     * e.g. for a Fault Injection Service experiment's stop conditions; empty without alarms.
     */
    public readonly alarmArns: Record<string, pulumi.Output<string>> = {};
    /** The region the ALB lives in. */
    public readonly region: string;
    /** `ipv4` or dual-stack; give it to `FailoverDns` with the ALB's `dnsName` and `zoneId` (`target`). */
    public readonly ipAddressType: AlbIpAddressType;
    /** The load balancer itself, for what the component does not set (as awsx's `loadBalancer`). */
    public readonly loadBalancer: aws.lb.LoadBalancer;
    /** The HTTPS listener and the HTTP one that redirects to it, e.g. to add listener rules. */
    public readonly listeners: AlbListeners;
    /** The target groups by key, e.g. to attach an ECS service or an Auto Scaling group. */
    public readonly targetGroups: Record<string, aws.lb.TargetGroup>;
    /** The HTTPS listener's rules by `listenerRules` key (the origin-verify rules are not among them). */
    public readonly listenerRules: Record<string, aws.lb.ListenerRule>;
    /** The SNI certificates' attachments to the HTTPS listener, by `additionalCertificates` key. */
    public readonly listenerCertificates: Record<string, aws.lb.ListenerCertificate>;

    constructor(name: string, args: MultiAzAlbArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("MultiAzAlb", name);
        const region = componentRegion(subject, args.region, opts);
        const problems = validateAlbArgs(args, region);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(ALB_TYPE, name, {}, opts);
        for (const warning of albWarnings(args)) void pulumi.log.warn(`${subject}: ${warning}`, this);
        const original = args;
        const inputsChecked = checkWhenResolved(subject, args, (resolved) => {
            const plain = resolved as unknown as MultiAzAlbArgs;
            return [...validateAlbArgs(plain, region, { resolved: true }), ...deferredPortClashes(original, plain)];
        });
        // From here on, a value known only at deploy reaches a resource only once it has passed the checks.
        args = gateDeferred(inputsChecked, args);

        this.region = region ?? "us-east-1";

        // The gated vpcId reaches EC2 only once checked: without one, EC2 picks the default VPC.
        const { albSg, targetSg, edgeSgs } = this.securityGroups(name, args);
        const logs = this.accessLogs(name, args);

        const lb = this.createLoadBalancer(name, args, [albSg, ...edgeSgs], logs);
        const targetGroups = this.createTargetGroups(name, args);
        const { listeners, rules } = this.createListeners(name, args, lb, targetGroups);
        const https = listeners.https;
        this.listenerRules = rules;
        this.listenerCertificates = this.additionalCertificates(name, args, https);
        this.ipAddressType = args.ipAddressType ?? albDefaults.ipAddressType;
        this.loadBalancer = lb;
        this.listeners = listeners;
        this.targetGroups = targetGroups;

        this.alarmTopicArn = (args.alarms?.enabled ?? true) ? this.alarms(name, args, lb, targetGroups) : undefined;

        this.loadBalancerArn = lb.arn;
        this.loadBalancerArnSuffix = lb.arnSuffix;
        this.dnsName = lb.dnsName;
        this.zoneId = lb.zoneId;
        this.httpsListenerArn = https.arn;
        this.targetGroupArns = Object.fromEntries(Object.entries(targetGroups).map(([k, tg]) => [k, tg.arn]));
        this.targetGroupArnSuffixes = Object.fromEntries(
            Object.entries(targetGroups).map(([k, tg]) => [k, tg.arnSuffix]),
        );
        this.albSecurityGroupId = albSg.id;
        this.targetSecurityGroupId = targetSg.id;
        this.logBucketName = logs ? logs.bucket : pulumi.output(undefined);
        this.registerOutputs({
            loadBalancerArn: this.loadBalancerArn,
            loadBalancerArnSuffix: this.loadBalancerArnSuffix,
            dnsName: this.dnsName,
            zoneId: this.zoneId,
            httpsListenerArn: this.httpsListenerArn,
            targetGroupArns: this.targetGroupArns,
            targetGroupArnSuffixes: this.targetGroupArnSuffixes,
            albSecurityGroupId: this.albSecurityGroupId,
            targetSecurityGroupId: this.targetSecurityGroupId,
            logBucketName: this.logBucketName,
            alarmTopicArn: this.alarmTopicArn,
            alarmArns: this.alarmArns,
            inputsChecked,
        });
    }

    /** The ALB itself, in the given subnets, behind its security group, logging where `logs` says. */
    private createLoadBalancer(
        name: string,
        args: MultiAzAlbArgs,
        groups: aws.ec2.SecurityGroup[],
        logs: LogDestination | undefined,
    ) {
        const nameOf = namerFor(name);
        return new aws.lb.LoadBalancer(
            `${name}-alb`,
            {
                region: args.region,
                // `internal` is the one field that replaces the ALB: it is in the name so the new one never collides.
                name:
                    args.loadBalancerName ??
                    loadBalancerName(replacementName(nameOf, "alb", nameLimits.loadBalancer, [args.internal ?? false])),
                loadBalancerType: "application",
                internal: args.internal ?? false,
                ipAddressType: args.ipAddressType ?? albDefaults.ipAddressType,
                subnets: args.subnetIds,
                securityGroups: groups.map((g) => g.id),
                idleTimeout: args.idleTimeout ?? albDefaults.idleTimeout,
                dropInvalidHeaderFields: true,
                desyncMitigationMode: args.desyncMitigationMode ?? albDefaults.desyncMitigationMode,
                enableDeletionProtection: args.deletionProtection ?? albDefaults.deletionProtection,
                accessLogs: logs && { bucket: logs.bucket, prefix: logs.prefix, enabled: true },
                tags: named(args.tags, nameOf("alb", 255)),
                // ELB checks that it may write to the bucket when the ALB is created, so the policy goes first.
            },
            { parent: this, dependsOn: logs?.policy ? [logs.policy] : [] },
        );
    }

    /** One target group per key, with its health check, and an attachment per listed target. */
    private createTargetGroups(name: string, args: MultiAzAlbArgs): Record<string, aws.lb.TargetGroup> {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };
        return Object.fromEntries(
            Object.entries(args.targetGroups).map(([key, tg]) => {
                const lambda = tg.targetType === "lambda";
                const hc = resolveHealthCheck(tg.healthCheck);
                const protocol = tg.protocol ?? albDefaults.targetProtocol;
                const algorithm = tg.algorithm ?? albDefaults.algorithm;
                // The fields that replace a target group are in its name, so its replacement never collides.
                const replaceTriggers = [
                    tg.targetType ?? albDefaults.targetType,
                    lambda ? null : (tg.port ?? albDefaults.targetPort),
                    lambda ? null : protocol,
                ];
                const group = new aws.lb.TargetGroup(
                    `${name}-tg-${key}`,
                    {
                        ...regional,
                        name:
                            tg.name ??
                            applyKnown([...replaceTriggers, lambda ? null : args.vpcId], (triggers) =>
                                replacementName(nameOf, `tg-${key}`, nameLimits.targetGroup, triggers),
                            ),
                        targetType: tg.targetType ?? albDefaults.targetType,
                        ...(lambda
                            ? {}
                            : {
                                  vpcId: args.vpcId,
                                  port: tg.port ?? albDefaults.targetPort,
                                  protocol,
                                  deregistrationDelay: tg.deregistrationDelay ?? albDefaults.deregistrationDelay,
                                  slowStart: tg.slowStart ?? albDefaults.slowStart,
                                  loadBalancingAlgorithmType: algorithm,
                                  loadBalancingAnomalyMitigation:
                                      algorithm === "weighted_random"
                                          ? tg.anomalyMitigation
                                              ? "on"
                                              : "off"
                                          : undefined,
                              }),
                        healthCheck: {
                            enabled: true,
                            path: hc.path,
                            matcher: hc.matcher,
                            interval: hc.interval,
                            timeout: hc.timeout,
                            healthyThreshold: hc.healthyThreshold,
                            unhealthyThreshold: hc.unhealthyThreshold,
                            ...(lambda ? {} : { port: applyKnown(hc.port, String), protocol: hc.protocol ?? protocol }),
                        },
                        stickiness:
                            tg.stickinessSeconds === undefined
                                ? { type: "lb_cookie", enabled: false }
                                : { type: "lb_cookie", enabled: true, cookieDuration: tg.stickinessSeconds },
                        tags: named(args.tags, nameOf(`tg-${key}`, 255)),
                    },
                    child,
                );
                for (const target of tg.targets ?? []) {
                    // Named by target, not by position, so reordering the list replaces nothing.
                    const id = `${name}-tg-${key}-${target.id}${target.port ? `-${target.port}` : ""}`;
                    new aws.lb.TargetGroupAttachment(
                        id,
                        {
                            ...regional,
                            targetGroupArn: group.arn,
                            targetId: target.id,
                            port: target.port ?? tg.port ?? albDefaults.targetPort,
                        },
                        child,
                    );
                }
                return [key, group];
            }),
        );
    }

    /**
     * HTTPS, forwarding by weight to the target groups (or, with an origin secret, answering 403 to
     * requests without it), and HTTP that only redirects to HTTPS.
     */
    private createListeners(
        name: string,
        args: MultiAzAlbArgs,
        lb: aws.lb.LoadBalancer,
        targetGroups: Record<string, aws.lb.TargetGroup>,
    ): { listeners: AlbListeners; rules: Record<string, aws.lb.ListenerRule> } {
        const child = { parent: this };
        const regional = { region: args.region };
        const forward = (f: AlbForward) => forwardAction(f, targetGroups);
        const defaultForward = forward({
            targetGroups: defaultForwardWeights(args.targetGroups, args.listenerRules),
            stickinessSeconds: args.defaultStickinessSeconds,
        });
        const forbidden = { contentType: "text/plain", statusCode: "403", messageBody: "Forbidden" };
        const https = new aws.lb.Listener(
            `${name}-https`,
            {
                ...regional,
                loadBalancerArn: lb.arn,
                port: HTTPS_PORT,
                protocol: "HTTPS",
                sslPolicy: args.sslPolicy ?? albDefaults.sslPolicy,
                certificateArn: args.certificateArn,
                defaultActions: [
                    args.originVerify ? { type: "fixed-response", fixedResponse: forbidden } : defaultForward,
                ],
                tags: args.tags,
            },
            child,
        );
        const http = new aws.lb.Listener(
            `${name}-http`,
            {
                ...regional,
                loadBalancerArn: lb.arn,
                port: HTTP_PORT,
                protocol: "HTTP",
                defaultActions: [
                    {
                        type: "redirect",
                        redirect: { protocol: "HTTPS", port: String(HTTPS_PORT), statusCode: "HTTP_301" },
                    },
                ],
                tags: args.tags,
            },
            child,
        );
        const rules = this.createListenerRules(name, args, https, defaultForward, forward);
        return { listeners: { https, http }, rules };
    }

    /**
     * One `ListenerCertificate` per extra certificate, named by its key: by ARN or position, a reordered list
     * would replace an attachment, and deleting the old one would take the certificate off the listener.
     */
    private additionalCertificates(
        name: string,
        args: MultiAzAlbArgs,
        https: aws.lb.Listener,
    ): Record<string, aws.lb.ListenerCertificate> {
        return Object.fromEntries(
            Object.entries(args.additionalCertificates ?? {}).map(([key, certificateArn]) => [
                key,
                new aws.lb.ListenerCertificate(
                    `${name}-cert-${key}`,
                    { region: args.region, listenerArn: https.arn, certificateArn },
                    { parent: this },
                ),
            ]),
        );
    }

    /**
     * The HTTPS listener's rules: one per microservice, each matching the origin secret too when one
     * is set, plus the rules that let the origin's verified requests and its open paths through.
     */
    private createListenerRules(
        name: string,
        args: MultiAzAlbArgs,
        https: aws.lb.Listener,
        defaultForward: ForwardAction,
        forward: (f: AlbForward) => ForwardAction,
    ): Record<string, aws.lb.ListenerRule> {
        const child = { parent: this };
        type Condition = aws.types.input.lb.ListenerRuleCondition;
        type Action = aws.types.input.lb.ListenerRuleAction;
        const rule = (key: string, priority: number, conditions: Condition[], actions: Action[]) =>
            new aws.lb.ListenerRule(
                `${name}-rule-${key}`,
                {
                    region: args.region,
                    listenerArn: https.arn,
                    priority,
                    conditions,
                    actions,
                    tags: args.tags,
                },
                child,
            );
        // With an origin secret, only requests that carry it are forwarded; the rest get a 403.
        const originCondition = args.originVerify
            ? [{ httpHeader: { httpHeaderName: args.originVerify.headerName, values: [args.originVerify.value] } }]
            : [];
        if (args.originVerify?.openPaths) {
            rule(
                "origin-open",
                ORIGIN_OPEN_PRIORITY,
                [{ pathPattern: { values: args.originVerify.openPaths } }],
                [defaultForward],
            );
        }
        if (args.originVerify) rule("origin-verified", ORIGIN_VERIFIED_PRIORITY, originCondition, [defaultForward]);
        return Object.fromEntries(
            Object.entries(args.listenerRules ?? {}).map(([key, spec]) => [
                key,
                rule(key, spec.priority, [...originCondition, ...ruleConditions(spec)], ruleActions(spec, forward)),
            ]),
        );
    }

    /**
     * The ALB's group admits clients on 443 and 80; the targets' group admits only the ALB's group.
     * Between them, traffic flows only on the ports the targets serve and are checked on. Rules are
     * separate resources named by port and source, so reordering inputs does not replace them.
     */
    private securityGroups(name: string, args: MultiAzAlbArgs) {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };
        const group = (role: string, description: string) =>
            new aws.ec2.SecurityGroup(
                `${name}-${role}`,
                {
                    ...regional,
                    namePrefix: namePrefixOf(nameOf, role, nameLimits.securityGroup),
                    description,
                    vpcId: args.vpcId,
                    // No inline rules: the provider then removes AWS's default allow-all egress.
                    tags: named(args.tags, nameOf(role, 255)),
                },
                child,
            );
        const albSg = group("alb", "ALB: HTTPS and the HTTP redirect from clients; to the targets only");
        const targetSg = group("targets", "ALB targets: from the ALB only");

        const restricted = args.internal || args.ingressSecurityGroupIds || args.ingressPrefixListIds;
        const cidrs = args.ingressCidrs ?? (restricted ? [] : [...albDefaults.internetIngressCidrs]);
        const sources: {
            id: string;
            source: { cidrIpv4: string } | { referencedSecurityGroupId: pulumi.Input<string> };
        }[] = [
            ...cidrs.map((cidr) => ({ id: cidr.replace(/[./]/g, "-"), source: { cidrIpv4: cidr } })),
            // A plain group id names its rule; one known only at deploy time falls back to its position.
            ...(args.ingressSecurityGroupIds ?? []).map((sg, i) => ({
                id: typeof sg === "string" ? sg : `sg-${i}`,
                source: { referencedSecurityGroupId: sg },
            })),
        ];
        for (const port of [HTTPS_PORT, HTTP_PORT]) {
            for (const { id, source } of sources) {
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-alb-in-${port}-${id}`,
                    {
                        ...regional,
                        securityGroupId: albSg.id,
                        ipProtocol: "tcp",
                        fromPort: port,
                        toPort: port,
                        ...source,
                        description: port === HTTP_PORT ? "HTTP, only redirected to HTTPS" : "HTTPS",
                        tags: args.tags,
                    },
                    child,
                );
            }
        }

        // A port known only at deploy cannot name its rules, so they take the group's key instead.
        const ports: [string, pulumi.Input<number>][] = [
            ...targetPorts(args).map((port): [string, pulumi.Input<number>] => [String(port), port]),
            ...deferredTargetPorts(args).map(({ id, port }): [string, pulumi.Input<number>] => [id, port]),
        ];
        for (const [id, port] of ports) {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-alb-to-targets-${id}`,
                {
                    ...regional,
                    securityGroupId: albSg.id,
                    referencedSecurityGroupId: targetSg.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    description: "To the targets group only",
                    tags: args.tags,
                },
                child,
            );
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-targets-from-alb-${id}`,
                {
                    ...regional,
                    securityGroupId: targetSg.id,
                    referencedSecurityGroupId: albSg.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    description: "From the ALB only",
                    tags: args.tags,
                },
                child,
            );
        }
        if (authenticates(args.listenerRules)) {
            // The ALB itself calls the identity provider's token and user info endpoints, wherever they are
            // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html).
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-alb-to-idp-${HTTPS_PORT}`,
                {
                    ...regional,
                    securityGroupId: albSg.id,
                    cidrIpv4: "0.0.0.0/0",
                    ipProtocol: "tcp",
                    fromPort: HTTPS_PORT,
                    toPort: HTTPS_PORT,
                    description: "HTTPS to the identity provider: token and user info endpoints",
                    tags: args.tags,
                },
                child,
            );
        }
        // HTTPS only: a CDN and Route 53 health checks reach the origin over HTTPS, never through the redirect.
        // No egress rule: the ALB's own group already reaches the targets, and groups on one ALB add up.
        const edgeSgs = (args.ingressPrefixListIds ?? []).map((prefixListId, i) => {
            const sg = group(`edge-${i}`, "ALB: HTTPS from an AWS managed prefix list (a CDN or health checkers)");
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-edge-${i}-in-${HTTPS_PORT}`,
                {
                    ...regional,
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: HTTPS_PORT,
                    toPort: HTTPS_PORT,
                    prefixListId,
                    description: "HTTPS from an AWS managed prefix list",
                    tags: args.tags,
                },
                child,
            );
            return sg;
        });
        return { albSg, targetSg, edgeSgs };
    }

    /** The access-log destination: the caller's bucket, or a dedicated one made here, or none. */
    private accessLogs(name: string, args: MultiAzAlbArgs): LogDestination | undefined {
        const settings = args.accessLogs ?? {};
        if (settings.enabled === false) return undefined;
        const prefix = settings.prefix ?? albDefaults.accessLogPrefix;
        if (settings.bucket !== undefined) return { bucket: pulumi.output(settings.bucket), prefix };

        const child = { parent: this };
        const regional = { region: args.region };
        const { bucket, ownership, publicAccess } = logBucket(
            name,
            {
                region: args.region,
                tags: args.tags,
                protect: args.protectStatefulResources ?? false,
                objectOwnership: "BucketOwnerEnforced",
                expiration: {
                    ruleId: "expire-access-logs",
                    prefix: `${prefix}/`,
                    days: settings.expirationDays ?? albDefaults.accessLogExpirationDays,
                },
            },
            this,
        );

        const partition = partitionOf(this);
        const logObjects = pulumi.interpolate`${bucket.arn}/${prefix}/AWSLogs/${accountIdOf(this)}/*`;
        // Regions available before August 2022 deliver the logs from a regional ELB account, newer ones from
        // the log-delivery service principal: only the one this region uses is allowed to write.
        const region = this.region;
        const writer = partition.apply((p) => elbLogDeliveryPrincipal(region, p)!);
        const policy = new aws.s3.BucketPolicy(
            `${name}-logs`,
            {
                ...regional,
                bucket: bucket.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ElbWritesAccessLogs",
                            Effect: "Allow",
                            Principal: writer,
                            Action: "s3:PutObject",
                            Resource: logObjects,
                        },
                        denyInsecureTransport(bucket.arn),
                    ],
                }),
                // S3 refuses policy changes while it is still applying the public access block.
            },
            { ...child, dependsOn: [publicAccess, ownership] },
        );
        return { bucket: bucket.bucket, prefix, policy };
    }

    /**
     * Per target group: any unhealthy host, and no healthy host at all (for groups that get traffic).
     * For the ALB: ELB-generated 5XX errors and p99 target response time.
     */
    private alarms(
        name: string,
        args: MultiAzAlbArgs,
        lb: aws.lb.LoadBalancer,
        targetGroups: Record<string, aws.lb.TargetGroup>,
    ): pulumi.Output<string> {
        const settings = args.alarms ?? {};
        const nameOf = namerFor(name);
        const child = { parent: this };
        const topicArn = pulumi.output(settings.topicArn ?? this.alarmTopic(name, args).arn);
        const alarm = (role: string, spec: AlarmSpec) => {
            this.alarmArns[role] = new aws.cloudwatch.MetricAlarm(
                `${name}-${role}`,
                {
                    region: args.region,
                    name: nameOf(role, 255),
                    alarmDescription: spec.description,
                    namespace: "AWS/ApplicationELB",
                    metricName: spec.metricName,
                    statistic: spec.statistic,
                    extendedStatistic: spec.extendedStatistic,
                    comparisonOperator: spec.comparisonOperator,
                    threshold: spec.threshold,
                    dimensions: spec.dimensions,
                    period: settings.periodSeconds ?? albDefaults.alarmPeriodSeconds,
                    evaluationPeriods: settings.evaluationPeriods ?? albDefaults.alarmEvaluationPeriods,
                    treatMissingData: spec.treatMissingData,
                    alarmActions: [topicArn],
                    okActions: [topicArn],
                    tags: args.tags,
                },
                child,
            ).arn;
        };

        const served = groupsReceivingTraffic(
            defaultForwardWeights(args.targetGroups, args.listenerRules),
            args.listenerRules ?? {},
        );
        for (const [key, tg] of Object.entries(targetGroups)) {
            const dimensions = { LoadBalancer: lb.arnSuffix, TargetGroup: tg.arnSuffix };
            alarm(`tg-${key}-unhealthy-hosts`, {
                metricName: "UnHealthyHostCount",
                statistic: "Maximum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                dimensions,
                treatMissingData: "notBreaching",
                description: `Target group ${key} has unhealthy targets`,
            });
            if (served.has(key) && !settings.standby) {
                alarm(`tg-${key}-no-healthy-hosts`, {
                    // No data from a group that should serve means no registered targets: as bad as none healthy.
                    metricName: "HealthyHostCount",
                    statistic: "Minimum",
                    comparisonOperator: "LessThanThreshold",
                    threshold: 1,
                    dimensions,
                    treatMissingData: "breaching",
                    description: `Target group ${key} receives traffic but has no healthy target`,
                });
            }
        }
        alarm("elb-5xx", {
            metricName: "HTTPCode_ELB_5XX_Count",
            statistic: "Sum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: settings.elb5xxThreshold ?? albDefaults.elb5xxThreshold,
            dimensions: { LoadBalancer: lb.arnSuffix },
            treatMissingData: "notBreaching",
            description: "The ALB itself answers with 5XX errors",
        });
        alarm("p99-latency", {
            metricName: "TargetResponseTime",
            extendedStatistic: "p99",
            comparisonOperator: "GreaterThanThreshold",
            threshold: settings.targetResponseTimeP99Seconds ?? albDefaults.targetResponseTimeP99Seconds,
            dimensions: { LoadBalancer: lb.arnSuffix },
            treatMissingData: "notBreaching",
            description: "p99 target response time is too high",
        });
        return topicArn;
    }

    /** An SNS topic for the alarms, encrypted with a rotating customer managed key CloudWatch may use. */
    private alarmTopic(name: string, args: MultiAzAlbArgs): aws.sns.Topic {
        const nameOf = namerFor(name);
        return encryptedTopic(
            `${name}-alarms`,
            {
                region: args.region,
                keyLogicalName: `${name}-alarms`,
                topicName: nameOf("alarms", nameLimits.snsTopic),
                description: `Encrypts the alarm topic of ${nameOf("alb", 255)}`,
                publisher: CLOUDWATCH_ALARMS,
                tags: args.tags,
                protect: args.protectStatefulResources,
            },
            this,
        );
    }
}
