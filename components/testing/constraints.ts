/**
 * AWS's input constraints for the resource types this project declares, so that the offline engine
 * refuses what AWS would refuse: a mock that accepts a description EC2 rejects lets a plan pass that
 * fails on the first `pulumi up`. Each row names the AWS API reference page it comes from. The
 * engine checks every registered resource against the rows of its type (mocks.ts), in every plan and
 * test, and fails the registration with AWS's kind of error. Rows cover the fields this project
 * sets; a field the table does not list is not checked, which is a gap, never a promise.
 */

type Inputs = Record<string, unknown>;

export interface InputConstraint {
    /** The Pulumi type token the row applies to. */
    readonly type: string;
    /** Dotted input path; `*` stands for every element of a list. */
    readonly field: string;
    /** What AWS allows, in words, as the error says it. */
    readonly allowed: string;
    /** True when AWS accepts the value; `inputs` is the whole resource, for fields AWS judges together. */
    readonly ok: (value: unknown, inputs: Inputs) => boolean;
    /** The AWS API reference page that states the rule. */
    readonly source: string;
}

const api = {
    ec2: (action: string) => `https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_${action}.html`,
    elb: (action: string) => `https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_${action}.html`,
    backup: (action: string) => `https://docs.aws.amazon.com/aws-backup/latest/devguide/API_${action}.html`,
    iam: (action: string) => `https://docs.aws.amazon.com/IAM/latest/APIReference/API_${action}.html`,
    logs: (action: string) => `https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_${action}.html`,
    cloudwatch: (action: string) =>
        `https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_${action}.html`,
    kms: (action: string) => `https://docs.aws.amazon.com/kms/latest/APIReference/API_${action}.html`,
    route53: (action: string) => `https://docs.aws.amazon.com/Route53/latest/APIReference/API_${action}.html`,
    sns: (action: string) => `https://docs.aws.amazon.com/sns/latest/api/API_${action}.html`,
    s3: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    cloudfront: (type: string) => `https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_${type}.html`,
    wafv2: (type: string) => `https://docs.aws.amazon.com/waf/latest/APIReference/API_${type}.html`,
    autoscaling: (action: string) => `https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_${action}.html`,
    config: (type: string) => `https://docs.aws.amazon.com/config/latest/APIReference/API_${type}.html`,
    fis: (type: string) => `https://docs.aws.amazon.com/fis/latest/APIReference/API_${type}.html`,
    synthetics: (type: string) => `https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_${type}.html`,
    events: (action: string) => `https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_${action}.html`,
    ssm: (action: string) => `https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_${action}.html`,
};

/** FIS's actions reference: the action ids and each one's parameters and bounds. */
const FIS_ACTIONS = "https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html";

/**
 * The action ids of FIS's actions reference (FIS_ACTIONS) for the services this project declares. An
 * id not listed is refused: FIS refuses an unknown id, and one it added since is a row to add here.
 */
export const FIS_ACTION_IDS = [
    "aws:fis:inject-api-internal-error",
    "aws:fis:inject-api-throttle-error",
    "aws:fis:inject-api-unavailable-error",
    "aws:fis:wait",
    "aws:cloudwatch:assert-alarm-state",
    "aws:arc:start-zonal-autoshift",
    "aws:dynamodb:global-table-pause-replication",
    "aws:ebs:pause-volume-io",
    "aws:ec2:api-insufficient-instance-capacity-error",
    "aws:ec2:asg-insufficient-instance-capacity-error",
    "aws:ec2:reboot-instances",
    "aws:ec2:send-spot-instance-interruptions",
    "aws:ec2:stop-instances",
    "aws:ec2:terminate-instances",
    "aws:network:disrupt-connectivity",
    "aws:network:route-table-disrupt-cross-region-connectivity",
    "aws:network:transit-gateway-disrupt-cross-region-connectivity",
    "aws:rds:failover-db-cluster",
    "aws:rds:reboot-db-instances",
    "aws:s3:bucket-pause-replication",
    "aws:ssm:send-command",
    "aws:ssm:start-automation-execution",
] as const;

/** The duration-like parameters of the actions above and their bounds in minutes (FIS_ACTIONS: "from one minute to 12 hours"). */
const FIS_DURATION_PARAMETERS: Record<string, Record<string, { min: number; max: number }>> = {
    "aws:network:disrupt-connectivity": { duration: { min: 1, max: 720 } },
    "aws:fis:wait": { duration: { min: 1, max: 720 } },
    "aws:ec2:stop-instances": { startInstancesAfterDuration: { min: 1, max: 720 } },
    "aws:ebs:pause-volume-io": { duration: { min: 1, max: 720 } },
    "aws:s3:bucket-pause-replication": { duration: { min: 1, max: 720 } },
    "aws:dynamodb:global-table-pause-replication": { duration: { min: 1, max: 720 } },
    "aws:arc:start-zonal-autoshift": { duration: { min: 1, max: 720 } },
};

/** An ISO-8601 duration of hours, minutes and seconds (`PT1H30M`, `PT90S`) in minutes; undefined when it is not one. */
export function isoDurationMinutes(value: unknown): number | undefined {
    if (typeof value !== "string") return undefined;
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
    if (!m || value === "PT") return undefined;
    return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
}

/** `ALL`, `COUNT(n)` with n >= 1, or `PERCENT(n)` with n in 1..100 (API_CreateExperimentTemplateTargetInput: selectionMode). */
export function isSelectionMode(value: unknown): boolean {
    if (value === "ALL") return true;
    const m = typeof value === "string" ? /^(COUNT|PERCENT)\((\d+)\)$/.exec(value) : null;
    if (!m) return false;
    const n = Number(m[2]);
    return n >= 1 && (m[1] === "COUNT" || n <= 100);
}

type FisAction = { actionId?: unknown; parameters?: { key?: unknown; value?: unknown }[] };

/** Every duration parameter of the action within its bounds. */
function fisDurationsOk(action: unknown): boolean {
    const a = action as FisAction;
    const bounds = FIS_DURATION_PARAMETERS[String(a?.actionId)] ?? {};
    return (a?.parameters ?? []).every((p) => {
        const bound = bounds[String(p.key)];
        if (!bound || p.value === undefined || p.value === null) return true;
        const minutes = isoDurationMinutes(p.value);
        return minutes !== undefined && minutes >= bound.min && minutes <= bound.max;
    });
}

/** FIS's tag limits: keys 1..128, values at most 256, at most 50 (API_CreateExperimentTemplate: tags). */
const fisTagsOk = (v: unknown) =>
    typeof v === "object" &&
    v !== null &&
    Object.keys(v).length <= 50 &&
    Object.entries(v).every(
        ([k, val]) => k.length >= 1 && k.length <= 128 && (typeof val !== "string" || val.length <= 256),
    );

const FIS_TEMPLATE = "aws:fis/experimentTemplate:ExperimentTemplate";

/** A standard-resolution alarm's period: 10, 30 or a multiple of 60 seconds. */
const alarmPeriod = (v: unknown) =>
    typeof v === "number" && Number.isInteger(v) && (v === 10 || v === 30 || (v >= 60 && v % 60 === 0));
/** A canary's schedule: rate(n minute[s]) for 0..60, rate(1 hour), or a cron expression. */
const CANARY_SCHEDULE = /^(rate\((0|1) (minute|hour)\)|rate\(([2-9]|[1-5][0-9]|60) minutes\)|cron\(.+\))$/;
/** SSM's reserved document name prefixes. */
const SSM_RESERVED = /^(aws|amazon|amzn|AWSEC2|AWSConfigRemediation|AWSSupport)/i;

const text = (pattern: RegExp) => (v: unknown) => typeof v === "string" && pattern.test(v);
const intIn = (min: number, max: number) => (v: unknown) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
const oneOf =
    (...values: unknown[]) =>
    (v: unknown) =>
        values.includes(v);

/** EC2's character set for security group names and descriptions: `&` is allowed here... */
const SG_GROUP_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;
/** ...but not in the description of a rule that references a group or a prefix list. */
const SG_RULE_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]{0,255}$/;
const SG_RULE_ALLOWED = "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=;{}!$*";
const ELB_NAME = /^(?!-)(?!internal-)[a-zA-Z0-9-]{1,32}(?<!-)$/;
const ELB_NAME_ALLOWED =
    "1..32 letters, digits and hyphens, not starting or ending with a hyphen, not starting with internal-";
const BACKUP_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;

const sgRuleRows = (type: string): InputConstraint[] => [
    {
        type,
        field: "description",
        allowed: SG_RULE_ALLOWED,
        ok: text(SG_RULE_TEXT),
        source: api.ec2("UserIdGroupPair"),
    },
    { type, field: "fromPort", allowed: "-1..65535", ok: intIn(-1, 65535), source: api.ec2("IpPermission") },
    { type, field: "toPort", allowed: "-1..65535", ok: intIn(-1, 65535), source: api.ec2("IpPermission") },
    {
        type,
        field: "referencedSecurityGroupId",
        allowed: "exactly one of cidrIpv4, cidrIpv6, prefixListId and referencedSecurityGroupId",
        ok: (_v, i) =>
            ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter((k) => i[k] !== undefined)
                .length === 1,
        source: api.ec2("IpPermission"),
    },
];

/** https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html */
const RULE_CONDITIONS = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html";
const textUpTo = (max: number) => text(new RegExp(`^.{1,${max}}$`, "s"));
const isHttpsUrl = (v: unknown) => {
    try {
        return typeof v === "string" && new URL(v).protocol === "https:";
    } catch {
        return false;
    }
};
const ROUTING_ACTIONS = ["forward", "redirect", "fixed-response"];
const AUTHENTICATE_ACTIONS = ["authenticate-oidc", "authenticate-cognito", "jwt-validation"];

/** Action rows shared by a listener's default actions and a rule's actions (ELB's `Action` type). */
const listenerActionRows = (type: string, field: string): InputConstraint[] => [
    {
        type,
        field,
        allowed:
            "exactly one routing action (forward, redirect or fixed-response), performed last, after at most one authenticate action",
        ok: (v) => {
            if (!Array.isArray(v)) return false;
            const ordered = [...(v as Inputs[])].sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0));
            const types = ordered.map((a) => String(a.type));
            const routing = types.filter((t) => ROUTING_ACTIONS.includes(t));
            const auth = types.filter((t) => AUTHENTICATE_ACTIONS.includes(t));
            return routing.length === 1 && ROUTING_ACTIONS.includes(types[types.length - 1]) && auth.length <= 1;
        },
        source: api.elb("Action"),
    },
    {
        type,
        field: `${field}.*.redirect.statusCode`,
        allowed: "HTTP_301 or HTTP_302",
        ok: oneOf("HTTP_301", "HTTP_302"),
        source: api.elb("RedirectActionConfig"),
    },
    {
        type,
        field: `${field}.*.redirect.protocol`,
        allowed: "HTTP, HTTPS or #{protocol}",
        ok: oneOf("HTTP", "HTTPS", "#{protocol}"),
        source: api.elb("RedirectActionConfig"),
    },
    {
        type,
        field: `${field}.*.redirect.port`,
        allowed: "1..65535 or #{port}",
        ok: (v) => v === "#{port}" || intIn(1, 65535)(Number(v)),
        source: api.elb("RedirectActionConfig"),
    },
    {
        type,
        field: `${field}.*.redirect.host`,
        allowed: "1..128 characters",
        ok: textUpTo(128),
        source: api.elb("RedirectActionConfig"),
    },
    {
        type,
        field: `${field}.*.redirect.path`,
        allowed: "1..128 characters starting with /",
        ok: text(/^\/.{0,127}$/s),
        source: api.elb("RedirectActionConfig"),
    },
    {
        type,
        field: `${field}.*.redirect.query`,
        allowed: "0..128 characters",
        ok: text(/^.{0,128}$/s),
        source: api.elb("RedirectActionConfig"),
    },
    {
        type,
        field: `${field}.*.fixedResponse.statusCode`,
        allowed: "2XX, 4XX or 5XX",
        ok: text(/^(2|4|5)\d\d$/),
        source: api.elb("FixedResponseActionConfig"),
    },
    {
        type,
        field: `${field}.*.fixedResponse.contentType`,
        allowed: "text/plain, text/css, text/html, application/javascript or application/json",
        ok: oneOf("text/plain", "text/css", "text/html", "application/javascript", "application/json"),
        source: api.elb("FixedResponseActionConfig"),
    },
    {
        type,
        field: `${field}.*.fixedResponse.messageBody`,
        allowed: "0..1024 characters",
        ok: text(/^.{0,1024}$/s),
        source: api.elb("FixedResponseActionConfig"),
    },
    ...(["issuer", "authorizationEndpoint", "tokenEndpoint", "userInfoEndpoint"] as const).map((endpoint) => ({
        type,
        field: `${field}.*.authenticateOidc.${endpoint}`,
        allowed: "a full URL with the HTTPS protocol, the domain and the path",
        ok: isHttpsUrl,
        source: api.elb("AuthenticateOidcActionConfig"),
    })),
    ...(["authenticateOidc", "authenticateCognito"] as const).flatMap((action) => [
        {
            type,
            field: `${field}.*.${action}.authenticationRequestExtraParams`,
            allowed: "up to 10 query parameters",
            ok: (v: unknown) => typeof v === "object" && v !== null && Object.keys(v).length <= 10,
            source: api.elb("AuthenticateOidcActionConfig"),
        },
        {
            type,
            field: `${field}.*.${action}.onUnauthenticatedRequest`,
            allowed: "deny, allow or authenticate",
            ok: oneOf("deny", "allow", "authenticate"),
            source: api.elb("AuthenticateOidcActionConfig"),
        },
    ]),
];

/** How many match evaluations one condition block holds. */
function conditionValueCount(condition: Inputs): number {
    const lists = ["hostHeader", "httpHeader", "httpRequestMethod", "pathPattern", "sourceIp"].map((k) =>
        Array.isArray((condition[k] as Inputs | undefined)?.values)
            ? ((condition[k] as Inputs).values as unknown[])
            : [],
    );
    const queries = Array.isArray(condition.queryStrings) ? condition.queryStrings : [];
    return [...lists, queries].reduce((n, l) => n + l.length, 0);
}

const SINGLE_CONDITIONS = ["hostHeader", "httpRequestMethod", "pathPattern", "sourceIp"];

const listenerConditionRows: InputConstraint[] = [
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions",
        allowed:
            "1 or more conditions, at most one each of hostHeader, httpRequestMethod, pathPattern and sourceIp, 1..3 values each and 5 in all",
        ok: (v) => {
            if (!Array.isArray(v) || v.length === 0) return false;
            const conditions = v as Inputs[];
            const counts = conditions.map(conditionValueCount);
            const singlesOk = SINGLE_CONDITIONS.every((k) => conditions.filter((c) => c[k] !== undefined).length <= 1);
            return singlesOk && counts.every((n) => n >= 1 && n <= 3) && counts.reduce((a, b) => a + b, 0) <= 5;
        },
        source: RULE_CONDITIONS,
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.hostHeader.values.*",
        allowed: "at most 128 of letters, digits, -, ., * and ?, with a . and only letters after the last one",
        ok: (v) => textUpTo(128)(v) && /^[A-Za-z0-9.*?-]*\.[A-Za-z]+$/.test(v as string),
        source: api.elb("HostHeaderConditionConfig"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.pathPattern.values.*",
        allowed: "1..128 of letters, digits, _-.$/~\"'@:+&, * and ?",
        ok: (v) => textUpTo(128)(v) && /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/.test(v as string),
        source: RULE_CONDITIONS,
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.httpHeader.httpHeaderName",
        allowed: "1..40 RFC 7230 token characters without wildcards, not Host",
        ok: (v) => text(/^[!#$%&'+\-.^_`|~0-9A-Za-z]{1,40}$/)(v) && String(v).toLowerCase() !== "host",
        source: api.elb("HttpHeaderConditionConfig"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.httpHeader.values.*",
        allowed: "1..128 characters",
        ok: textUpTo(128),
        source: api.elb("HttpHeaderConditionConfig"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.httpRequestMethod.values.*",
        allowed: "1..40 of A-Z, - and _",
        ok: text(/^[A-Z_-]{1,40}$/),
        source: api.elb("HttpRequestMethodConditionConfig"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.queryStrings.*.value",
        allowed: "1..128 characters",
        ok: textUpTo(128),
        source: api.elb("QueryStringKeyValuePair"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.queryStrings.*.key",
        allowed: "1..128 characters",
        ok: textUpTo(128),
        source: api.elb("QueryStringKeyValuePair"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "conditions.*.sourceIp.values.*",
        allowed: "an IPv4 or IPv6 address in CIDR form",
        ok: (v) =>
            typeof v === "string" &&
            (/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/.test(v) ||
                /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(\d{1,2}|1[01]\d|12[0-8])$/.test(v)),
        source: api.elb("SourceIpConditionConfig"),
    },
];

export const INPUT_CONSTRAINTS: readonly InputConstraint[] = [
    // EC2
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "name",
        allowed: "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-",
        ok: (v) => text(SG_GROUP_TEXT)(v) && !(v as string).startsWith("sg-"),
        source: api.ec2("CreateSecurityGroup"),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "description",
        allowed: "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*",
        ok: text(SG_GROUP_TEXT),
        source: api.ec2("CreateSecurityGroup"),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "ingress.*.description",
        allowed: SG_RULE_ALLOWED,
        ok: text(SG_RULE_TEXT),
        source: api.ec2("UserIdGroupPair"),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        field: "egress.*.description",
        allowed: SG_RULE_ALLOWED,
        ok: text(SG_RULE_TEXT),
        source: api.ec2("UserIdGroupPair"),
    },
    {
        type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        field: "ingress.*.description",
        allowed: SG_RULE_ALLOWED,
        ok: text(SG_RULE_TEXT),
        source: api.ec2("UserIdGroupPair"),
    },
    ...sgRuleRows("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
    ...sgRuleRows("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        field: "name",
        allowed: "3..128 of a-z, A-Z, 0-9 and ().-/_",
        ok: text(/^[a-zA-Z0-9().\-/_]{3,128}$/),
        source: api.ec2("CreateLaunchTemplate"),
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        field: "namePrefix",
        allowed: "at most 102 of a-z, A-Z, 0-9 and ().-/_ (the provider adds 26 characters)",
        ok: text(/^[a-zA-Z0-9().\-/_]{1,102}$/),
        source: api.ec2("CreateLaunchTemplate"),
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        field: "userData",
        allowed: "base64 of at most 16 KB",
        ok: (v) =>
            typeof v === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && Buffer.from(v, "base64").length <= 16384,
        source: api.ec2("RequestLaunchTemplateData"),
    },
    {
        type: "aws:ec2/flowLog:FlowLog",
        field: "maxAggregationInterval",
        allowed: "60 or 600",
        ok: oneOf(60, 600),
        source: api.ec2("CreateFlowLogs"),
    },
    {
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        field: "securityGroupIds",
        allowed: "security groups only for an Interface endpoint",
        ok: (v, i) => i.vpcEndpointType === "Interface" || (Array.isArray(v) && v.length === 0),
        source: api.ec2("CreateVpcEndpoint"),
    },
    {
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        field: "routeTableIds",
        allowed: "route tables only for a Gateway endpoint",
        ok: (v, i) => i.vpcEndpointType === "Gateway" || (Array.isArray(v) && v.length === 0),
        source: api.ec2("CreateVpcEndpoint"),
    },
    // Elastic Load Balancing
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        field: "name",
        allowed: ELB_NAME_ALLOWED,
        ok: text(ELB_NAME),
        source: api.elb("CreateLoadBalancer"),
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        field: "idleTimeout",
        allowed: "1..4000 seconds",
        ok: intIn(1, 4000),
        source: api.elb("LoadBalancerAttribute"),
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        field: "desyncMitigationMode",
        allowed: "monitor, defensive or strictest",
        ok: oneOf("monitor", "defensive", "strictest"),
        source: api.elb("LoadBalancerAttribute"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "name",
        allowed: ELB_NAME_ALLOWED.replace(", not starting with internal-", ""),
        ok: text(/^(?!-)[a-zA-Z0-9-]{1,32}(?<!-)$/),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "port",
        allowed: "1..65535",
        ok: intIn(1, 65535),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "healthCheck.interval",
        allowed: "5..300 seconds",
        ok: intIn(5, 300),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "healthCheck.timeout",
        allowed: "2..120 seconds, less than the interval",
        ok: (v, i) => intIn(2, 120)(v) && (v as number) < Number((i.healthCheck as Inputs | undefined)?.interval ?? 30),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "healthCheck.healthyThreshold",
        allowed: "2..10",
        ok: intIn(2, 10),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "healthCheck.unhealthyThreshold",
        allowed: "2..10",
        ok: intIn(2, 10),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "healthCheck.path",
        allowed: "1..1024 characters starting with /",
        ok: text(/^\/.{0,1023}$/s),
        source: api.elb("CreateTargetGroup"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "deregistrationDelay",
        allowed: "0..3600 seconds",
        ok: (v) => intIn(0, 3600)(Number(v)),
        source: api.elb("TargetGroupAttribute"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "slowStart",
        allowed: "0 or 30..900 seconds",
        ok: (v) => v === 0 || intIn(30, 900)(v),
        source: api.elb("TargetGroupAttribute"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        field: "stickiness.cookieDuration",
        allowed: "1..604800 seconds",
        ok: intIn(1, 604800),
        source: api.elb("TargetGroupAttribute"),
    },
    {
        type: "aws:lb/listener:Listener",
        field: "port",
        allowed: "1..65535",
        ok: intIn(1, 65535),
        source: api.elb("CreateListener"),
    },
    ...listenerActionRows("aws:lb/listener:Listener", "defaultActions"),
    {
        type: "aws:lb/listener:Listener",
        field: "defaultActions.*.type",
        allowed: "authenticate-oidc and authenticate-cognito only on an HTTPS listener",
        ok: (v, i) => !String(v).startsWith("authenticate-") || i.protocol === "HTTPS",
        source: api.elb("Action"),
    },
    {
        type: "aws:lb/listenerRule:ListenerRule",
        field: "priority",
        allowed: "1..50000",
        ok: intIn(1, 50000),
        source: api.elb("CreateRule"),
    },
    ...listenerActionRows("aws:lb/listenerRule:ListenerRule", "actions"),
    ...listenerConditionRows,
    {
        type: "aws:lb/listenerCertificate:ListenerCertificate",
        field: "certificateArn",
        allowed: "an ACM certificate ARN (or an IAM server certificate's), in the listener's region",
        ok: (v, i) => {
            const acm =
                typeof v === "string" ? /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/.exec(v) : null;
            const iam = typeof v === "string" && /^arn:aws[a-z-]*:iam::\d{12}:server-certificate\/.+$/.test(v);
            return iam || (acm !== null && (i.region === undefined || acm[1] === i.region));
        },
        source: api.elb("Certificate"),
    },
    // AWS Backup
    {
        type: "aws:backup/vault:Vault",
        field: "name",
        allowed: "2..50 of a-z, A-Z, 0-9, - and _",
        ok: text(/^[a-zA-Z0-9\-_]{2,50}$/),
        source: api.backup("CreateBackupVault"),
    },
    {
        type: "aws:backup/plan:Plan",
        field: "name",
        allowed: "1..50 of a-z, A-Z, 0-9, -, _ and .",
        ok: text(BACKUP_NAME),
        source: api.backup("BackupPlanInput"),
    },
    {
        type: "aws:backup/plan:Plan",
        field: "rules.*.ruleName",
        allowed: "1..50 of a-z, A-Z, 0-9, -, _ and .",
        ok: text(BACKUP_NAME),
        source: api.backup("BackupRuleInput"),
    },
    {
        type: "aws:backup/plan:Plan",
        field: "rules.*.startWindow",
        allowed: "at least 60 minutes",
        ok: (v) => typeof v === "number" && v >= 60,
        source: api.backup("BackupRuleInput"),
    },
    {
        type: "aws:backup/selection:Selection",
        field: "name",
        allowed: "1..50 of a-z, A-Z, 0-9, -, _ and .",
        ok: text(BACKUP_NAME),
        source: api.backup("BackupSelection"),
    },
    {
        type: "aws:backup/framework:Framework",
        field: "name",
        allowed: "1..256 of a-z, A-Z, 0-9 and _, starting with a letter",
        ok: text(/^[a-zA-Z][_a-zA-Z0-9]{0,255}$/),
        source: api.backup("CreateFramework"),
    },
    {
        type: "aws:backup/framework:Framework",
        field: "controls.*.scope.tags",
        allowed: "at most one tag key and value",
        ok: (v) => typeof v === "object" && v !== null && Object.keys(v).length <= 1,
        source: api.backup("ControlScope"),
    },
    {
        type: "aws:backup/framework:Framework",
        field: "controls.*.scope.complianceResourceIds",
        allowed: "1..100 resource ids",
        ok: (v) => Array.isArray(v) && v.length >= 1 && v.length <= 100,
        source: api.backup("ControlScope"),
    },
    {
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        field: "name",
        allowed: "1..50 of a-z, A-Z, 0-9 and _, starting with a letter",
        ok: text(/^[a-zA-Z][_a-zA-Z0-9]{0,49}$/),
        source: api.backup("RestoreTestingPlanForCreate"),
    },
    {
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        field: "name",
        allowed: "1..50 of a-z, A-Z, 0-9 and _, starting with a letter",
        ok: text(/^[a-zA-Z][_a-zA-Z0-9]{0,49}$/),
        source: api.backup("RestoreTestingSelectionForCreate"),
    },
    {
        type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        field: "changeableForDays",
        allowed: "at least 3 days",
        ok: (v) => typeof v === "number" && v >= 3,
        source: api.backup("PutBackupVaultLockConfiguration"),
    },
    // IAM
    {
        type: "aws:iam/role:Role",
        field: "name",
        allowed: "1..64 of a-z, A-Z, 0-9 and _+=,.@-",
        ok: text(/^[\w+=,.@-]{1,64}$/),
        source: api.iam("CreateRole"),
    },
    {
        type: "aws:iam/role:Role",
        field: "namePrefix",
        allowed: "1..38 of a-z, A-Z, 0-9 and _+=,.@- (the provider adds 26 characters)",
        ok: text(/^[\w+=,.@-]{1,38}$/),
        source: api.iam("CreateRole"),
    },
    {
        type: "aws:iam/instanceProfile:InstanceProfile",
        field: "name",
        allowed: "1..128 of a-z, A-Z, 0-9 and _+=,.@-",
        ok: text(/^[\w+=,.@-]{1,128}$/),
        source: api.iam("CreateInstanceProfile"),
    },
    {
        type: "aws:iam/instanceProfile:InstanceProfile",
        field: "namePrefix",
        allowed: "1..102 of a-z, A-Z, 0-9 and _+=,.@-",
        ok: text(/^[\w+=,.@-]{1,102}$/),
        source: api.iam("CreateInstanceProfile"),
    },
    // CloudWatch
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        field: "kmsKeyId",
        allowed: "a KMS key's ARN",
        ok: text(/^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/),
        source: api.logs("CreateLogGroup"),
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        field: "name",
        allowed: "1..512 of a-z, A-Z, 0-9 and _-/.#",
        ok: text(/^[.\-_/#A-Za-z0-9]{1,512}$/),
        source: api.logs("CreateLogGroup"),
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        field: "retentionInDays",
        allowed:
            "0 (never expire) or one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        ok: oneOf(
            0,
            1,
            3,
            5,
            7,
            14,
            30,
            60,
            90,
            120,
            150,
            180,
            365,
            400,
            545,
            731,
            1096,
            1827,
            2192,
            2557,
            2922,
            3288,
            3653,
        ),
        source: api.logs("PutRetentionPolicy"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "name",
        allowed: "1..255 characters",
        ok: text(/^.{1,255}$/s),
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "namespace",
        allowed: "1..255 characters, not starting with a colon",
        ok: text(/^[^:].{0,254}$/s),
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "extendedStatistic",
        allowed: "unset when statistic is set: AWS refuses both",
        ok: (_v, i) => i.statistic === undefined,
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "evaluationPeriods",
        allowed: "at least 1",
        ok: (v) => typeof v === "number" && v >= 1,
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "period",
        allowed: "10, 30 or a multiple of 60 seconds",
        ok: alarmPeriod,
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "datapointsToAlarm",
        allowed: "1..evaluationPeriods",
        ok: (v, i) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= Number(i.evaluationPeriods),
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        field: "evaluationPeriods",
        allowed: "period × evaluationPeriods at most one day (86400 s)",
        ok: (v, i) => i.period === undefined || Number(v) * Number(i.period) <= 86400,
        source: api.cloudwatch("PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
        field: "alarmName",
        allowed: "1..255 characters",
        ok: text(/^.{1,255}$/s),
        source: api.cloudwatch("PutCompositeAlarm"),
    },
    {
        type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
        field: "alarmRule",
        allowed: "1..10240 characters",
        ok: (v) => typeof v === "string" && v.length >= 1 && v.length <= 10240,
        source: api.cloudwatch("PutCompositeAlarm"),
    },
    // EventBridge
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        field: "name",
        allowed: "1..64 of a-z, A-Z, 0-9 and .-_",
        ok: text(/^[.\-_A-Za-z0-9]{1,64}$/),
        source: api.events("PutRule"),
    },
    {
        type: "aws:cloudwatch/eventRule:EventRule",
        field: "description",
        allowed: "at most 512 characters",
        ok: (v) => typeof v === "string" && v.length <= 512,
        source: api.events("PutRule"),
    },
    {
        type: "aws:cloudwatch/eventTarget:EventTarget",
        field: "targetId",
        allowed: "1..64 of a-z, A-Z, 0-9 and .-_",
        ok: text(/^[.\-_A-Za-z0-9]{1,64}$/),
        source: api.events("Target"),
    },
    // CloudWatch Synthetics
    {
        type: "aws:synthetics/canary:Canary",
        field: "name",
        allowed:
            "1..21 of a-z, 0-9, _ and - (CreateCanary takes lowercase letters, digits, _ and -; its Lambda function cwsyn-<name>-<36-character id> must fit in 64)",
        ok: text(/^[0-9a-z_-]{1,21}$/),
        source: api.synthetics("CreateCanary"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        field: "schedule.expression",
        allowed: "rate(1 minute)..rate(60 minutes), rate(1 hour), rate(0 minute) (run once) or cron(...)",
        ok: text(CANARY_SCHEDULE),
        source: api.synthetics("CanaryScheduleInput"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        field: "runConfig.timeoutInSeconds",
        allowed: "3..840 seconds",
        ok: intIn(3, 840),
        source: api.synthetics("CanaryRunConfigInput"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        field: "runConfig.environmentVariables",
        allowed: "keys of a letter then letters, digits or _ (2 characters at least), 4 KB in all",
        ok: (v) =>
            typeof v === "object" &&
            v !== null &&
            Object.keys(v).every((key) => /^[a-zA-Z][a-zA-Z0-9_]+$/.test(key)) &&
            Buffer.byteLength(JSON.stringify(v)) <= 4096,
        source: api.synthetics("CanaryRunConfigInput"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        field: "successRetentionPeriod",
        allowed: "1..455 days",
        ok: intIn(1, 455),
        source: api.synthetics("CreateCanary"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        field: "failureRetentionPeriod",
        allowed: "1..455 days",
        ok: intIn(1, 455),
        source: api.synthetics("CreateCanary"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        field: "artifactConfig.s3Encryption.encryptionMode",
        allowed: "SSE_S3, or SSE_KMS with a kmsKeyArn",
        ok: (v, i) =>
            v === "SSE_S3" ||
            (v === "SSE_KMS" &&
                typeof (i.artifactConfig as { s3Encryption?: { kmsKeyArn?: unknown } }).s3Encryption?.kmsKeyArn ===
                    "string"),
        source: api.synthetics("S3EncryptionConfig"),
    },
    // Systems Manager
    {
        type: "aws:ssm/document:Document",
        field: "name",
        allowed:
            "3..128 of a-z, A-Z, 0-9 and _-., not starting with aws, amazon, amzn, AWSEC2, AWSConfigRemediation or AWSSupport",
        ok: (v) => typeof v === "string" && /^[a-zA-Z0-9_\-.]{3,128}$/.test(v) && !SSM_RESERVED.test(v),
        source: api.ssm("CreateDocument"),
    },
    {
        type: "aws:ssm/document:Document",
        field: "documentType",
        allowed: "a document type such as Command, Automation or Policy",
        ok: oneOf(
            "Command",
            "Policy",
            "Automation",
            "Session",
            "Package",
            "ApplicationConfiguration",
            "ApplicationConfigurationSchema",
            "DeploymentStrategy",
            "ChangeCalendar",
            "Automation.ChangeTemplate",
            "ProblemAnalysis",
            "ProblemAnalysisTemplate",
            "CloudFormation",
            "ConformancePackTemplate",
            "QuickSetup",
            "ManualApprovalPolicy",
            "AutoApprovalPolicy",
        ),
        source: api.ssm("CreateDocument"),
    },
    // KMS
    {
        type: "aws:kms/key:Key",
        field: "deletionWindowInDays",
        allowed: "7..30 days",
        ok: intIn(7, 30),
        source: api.kms("ScheduleKeyDeletion"),
    },
    {
        type: "aws:kms/key:Key",
        field: "description",
        allowed: "at most 8192 characters",
        ok: (v) => typeof v === "string" && v.length <= 8192,
        source: api.kms("CreateKey"),
    },
    // S3, SNS
    {
        type: "aws:s3/bucket:Bucket",
        field: "bucket",
        allowed: "3..63 of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
        ok: text(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
        source: api.s3,
    },
    {
        type: "aws:sns/topic:Topic",
        field: "name",
        allowed: "1..256 of a-z, A-Z, 0-9, - and _",
        ok: text(/^[\w-]{1,256}$/),
        source: api.sns("CreateTopic"),
    },
    // Route 53
    {
        type: "aws:route53/healthCheck:HealthCheck",
        field: "requestInterval",
        allowed: "10 or 30 seconds",
        ok: oneOf(10, 30),
        source: api.route53("HealthCheckConfig"),
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        field: "failureThreshold",
        allowed: "1..10",
        ok: intIn(1, 10),
        source: api.route53("HealthCheckConfig"),
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        field: "resourcePath",
        allowed: "at most 255 characters",
        ok: text(/^.{0,255}$/s),
        source: api.route53("HealthCheckConfig"),
    },
    {
        type: "aws:route53/record:Record",
        field: "ttl",
        allowed: "unset on an alias record: AWS refuses TTL with AliasTarget",
        ok: (_v, i) => !Array.isArray(i.aliases) || i.aliases.length === 0,
        source: api.route53("ResourceRecordSet"),
    },
    // CloudFront
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "origins.*.connectionAttempts",
        allowed: "1..3",
        ok: intIn(1, 3),
        source: api.cloudfront("Origin"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "origins.*.connectionTimeout",
        allowed: "1..10 seconds",
        ok: intIn(1, 10),
        source: api.cloudfront("Origin"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "origins.*.customOriginConfig.originReadTimeout",
        allowed: "1..120 seconds",
        ok: intIn(1, 120),
        source: api.cloudfront("CustomOriginConfig"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "origins.*.customOriginConfig.originKeepaliveTimeout",
        allowed: "1..120 seconds",
        ok: intIn(1, 120),
        source: api.cloudfront("CustomOriginConfig"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "originGroups.*.members",
        allowed: "exactly 2 origins",
        ok: (v) => Array.isArray(v) && v.length === 2,
        source: api.cloudfront("OriginGroupMembers"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "originGroups.*.failoverCriteria.statusCodes.*",
        allowed: "400, 403, 404, 416, 500, 502, 503 or 504",
        ok: oneOf(400, 403, 404, 416, 500, 502, 503, 504),
        source: api.cloudfront("StatusCodes"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "orderedCacheBehaviors",
        allowed: "no behaviour that allows PUT, POST, PATCH or DELETE targeting an origin group",
        ok: (v, i) => {
            const groups = new Set(((i.originGroups as Inputs[] | undefined) ?? []).map((g) => g.originId));
            const behaviours = [
                ...(Array.isArray(v) ? (v as Inputs[]) : []),
                ...(i.defaultCacheBehavior ? [i.defaultCacheBehavior as Inputs] : []),
            ];
            return behaviours.every(
                (b) =>
                    !groups.has(b.targetOriginId) ||
                    ((b.allowedMethods as string[] | undefined) ?? []).every((m) =>
                        ["GET", "HEAD", "OPTIONS"].includes(m),
                    ),
            );
        },
        source: api.cloudfront("CacheBehavior"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "orderedCacheBehaviors.*.pathPattern",
        allowed: "1..255 characters",
        ok: text(/^.{1,255}$/s),
        source: api.cloudfront("CacheBehavior"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "viewerCertificate.acmCertificateArn",
        allowed: "an ACM certificate in us-east-1",
        ok: text(/^arn:aws[\w-]*:acm:us-east-1:/),
        source: api.cloudfront("ViewerCertificate"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        field: "comment",
        allowed: "at most 128 characters",
        ok: text(/^.{0,128}$/s),
        source: api.cloudfront("DistributionConfig"),
    },
    // WAF
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "name",
        allowed: "1..128 of a-z, A-Z, 0-9, - and _",
        ok: text(/^[\w-]{1,128}$/),
        source: api.wafv2("CreateWebACL"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "rules.*.statement.rateBasedStatement.limit",
        allowed: "10..2000000000",
        ok: intIn(10, 2_000_000_000),
        source: api.wafv2("RateBasedStatement"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "rules.*.statement.rateBasedStatement.evaluationWindowSec",
        allowed: "60, 120, 300 or 600",
        ok: oneOf(60, 120, 300, 600),
        source: api.wafv2("RateBasedStatement"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "rules.*.statement.rateBasedStatement.aggregateKeyType",
        allowed: "one of IP, FORWARDED_IP, CUSTOM_KEYS, CONSTANT",
        ok: oneOf("IP", "FORWARDED_IP", "CUSTOM_KEYS", "CONSTANT"),
        source: api.wafv2("RateBasedStatement"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "rules.*.statement.rateBasedStatement",
        allowed: "a forwardedIpConfig when aggregateKeyType is FORWARDED_IP",
        ok: (v) => (v as Inputs).aggregateKeyType !== "FORWARDED_IP" || (v as Inputs).forwardedIpConfig != null,
        source: api.wafv2("RateBasedStatement"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "rules.*.statement.rateBasedStatement.forwardedIpConfig.headerName",
        allowed: "1..255 letters, digits and hyphens",
        ok: text(/^[a-zA-Z0-9-]{1,255}$/),
        source: api.wafv2("ForwardedIPConfig"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "rules.*.statement.rateBasedStatement.forwardedIpConfig.fallbackBehavior",
        allowed: "MATCH or NO_MATCH",
        ok: oneOf("MATCH", "NO_MATCH"),
        source: api.wafv2("ForwardedIPConfig"),
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        field: "region",
        allowed: "us-east-1 for CLOUDFRONT scope",
        ok: (v, i) => i.scope !== "CLOUDFRONT" || v === "us-east-1",
        source: api.wafv2("CreateWebACL"),
    },
    {
        type: "aws:wafv2/webAclAssociation:WebAclAssociation",
        field: "webAclArn",
        allowed: "a REGIONAL web ACL (a CloudFront one is named by the distribution, never associated)",
        ok: (v) => typeof v !== "string" || !v.includes(":global/webacl/"),
        source: api.wafv2("AssociateWebACL"),
    },
    {
        type: "aws:wafv2/webAclAssociation:WebAclAssociation",
        field: "resourceArn",
        allowed: "a resource in the web ACL's region",
        ok: (v, i) => {
            const regionOf = (arn: unknown) => (typeof arn === "string" ? arn.split(":")[3] : undefined);
            const [acl, resource] = [regionOf(i.webAclArn), regionOf(v)];
            return acl === undefined || resource === undefined || acl === resource;
        },
        source: "https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html",
    },
    {
        type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
        field: "logDestinationConfigs.*",
        allowed: "a log group named aws-waf-logs-*",
        ok: (v) => typeof v !== "string" || !v.includes(":log-group:") || /:log-group:aws-waf-logs-/.test(v),
        source: api.wafv2("LoggingConfiguration"),
    },
    // AWS Config
    {
        type: "aws:cfg/recorder:Recorder",
        field: "name",
        allowed: "1..256 characters",
        ok: text(/^.{1,256}$/s),
        source: api.config("ConfigurationRecorder"),
    },
    {
        type: "aws:cfg/recorder:Recorder",
        field: "recordingGroup.resourceTypes",
        allowed: "only with allSupported false (AWS refuses both)",
        ok: (v, i) =>
            !Array.isArray(v) || v.length === 0 || (i.recordingGroup as Inputs | undefined)?.allSupported === false,
        source: api.config("RecordingGroup"),
    },
    {
        type: "aws:cfg/deliveryChannel:DeliveryChannel",
        field: "name",
        allowed: "1..256 characters",
        ok: text(/^.{1,256}$/s),
        source: api.config("DeliveryChannel"),
    },
    // Auto Scaling
    {
        type: "aws:autoscaling/group:Group",
        field: "name",
        allowed: "1..255 characters",
        ok: text(/^.{1,255}$/s),
        source: api.autoscaling("CreateAutoScalingGroup"),
    },
    {
        type: "aws:autoscaling/group:Group",
        field: "mixedInstancesPolicy",
        allowed: "no launchTemplate beside it (AWS takes one or the other)",
        ok: (_v, i) => i.launchTemplate === undefined,
        source: api.autoscaling("CreateAutoScalingGroup"),
    },
    {
        type: "aws:autoscaling/group:Group",
        field: "mixedInstancesPolicy.launchTemplate.overrides",
        allowed: "1..40 overrides",
        ok: (v) => Array.isArray(v) && v.length >= 1 && v.length <= 40,
        source: api.autoscaling("LaunchTemplate"),
    },
    {
        type: "aws:autoscaling/group:Group",
        field: "desiredCapacity",
        allowed: "between minSize and maxSize",
        ok: (v, i) => typeof v === "number" && v >= Number(i.minSize) && v <= Number(i.maxSize),
        source: api.autoscaling("CreateAutoScalingGroup"),
    },
    // Fault Injection Service
    {
        type: FIS_TEMPLATE,
        field: "description",
        allowed: "1..512 characters",
        ok: text(/^[\s\S]{1,512}$/),
        source: api.fis("CreateExperimentTemplate"),
    },
    {
        type: FIS_TEMPLATE,
        field: "tags",
        allowed: "at most 50 tags, keys 1..128 and values at most 256 characters",
        ok: fisTagsOk,
        source: api.fis("CreateExperimentTemplate"),
    },
    {
        type: FIS_TEMPLATE,
        field: "actions.*.actionId",
        allowed: `an action id of FIS's actions reference (${FIS_ACTION_IDS.join(", ")})`,
        ok: oneOf(...FIS_ACTION_IDS),
        source: FIS_ACTIONS,
    },
    {
        type: FIS_TEMPLATE,
        field: "actions.*",
        allowed: "duration parameters as ISO-8601 (PT1M, PT1H30M) within the action's bounds, PT1M..PT12H",
        ok: fisDurationsOk,
        source: FIS_ACTIONS,
    },
    {
        type: FIS_TEMPLATE,
        field: "actions.*.name",
        allowed: "1..64 characters, no whitespace",
        ok: text(/^\S{1,64}$/),
        source: api.fis("CreateExperimentTemplateActionInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "actions.*.description",
        allowed: "at most 512 characters",
        ok: text(/^[\s\S]{0,512}$/),
        source: api.fis("CreateExperimentTemplateActionInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "targets.*.name",
        allowed: "1..64 characters, no whitespace",
        ok: text(/^\S{1,64}$/),
        source: api.fis("CreateExperimentTemplateTargetInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "targets.*.selectionMode",
        allowed: "ALL, COUNT(n) with n >= 1, or PERCENT(n) with n in 1..100",
        ok: isSelectionMode,
        source: api.fis("CreateExperimentTemplateTargetInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "targets.*",
        allowed: "resourceArns (at most 5) or resourceTags (at most 50), not both",
        ok: (v) => {
            const t = v as { resourceArns?: unknown[]; resourceTags?: unknown[] };
            const arns = t?.resourceArns?.length ?? 0;
            const tags = t?.resourceTags?.length ?? 0;
            return arns > 0 !== tags > 0 && arns <= 5 && tags <= 50;
        },
        source: api.fis("CreateExperimentTemplateTargetInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "targets.*.resourceTags.*",
        allowed: "a key of 1..128 and a value of at most 256 characters",
        ok: (v) => {
            const tag = v as { key?: unknown; value?: unknown };
            return text(/^[\s\S]{1,128}$/)(tag?.key) && text(/^[\s\S]{0,256}$/)(tag?.value);
        },
        source: api.fis("CreateExperimentTemplateTargetInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "stopConditions.*",
        allowed: "source aws:cloudwatch:alarm with an alarm ARN (20..2048 characters) as value, or none",
        ok: (v) => {
            const c = v as { source?: unknown; value?: unknown };
            if (c?.source === "none") return true;
            return c?.source === "aws:cloudwatch:alarm" && (c.value === undefined || text(/^\S{20,2048}$/)(c.value));
        },
        source: api.fis("CreateExperimentTemplateStopConditionInput"),
    },
    {
        type: FIS_TEMPLATE,
        field: "logConfiguration.logSchemaVersion",
        allowed: "an integer of at least 1",
        ok: intIn(1, Number.MAX_SAFE_INTEGER),
        source: api.fis("ExperimentTemplateLogConfiguration"),
    },
    {
        type: FIS_TEMPLATE,
        field: "experimentOptions.emptyTargetResolutionMode",
        allowed: "fail or skip",
        ok: oneOf("fail", "skip"),
        source: api.fis("ExperimentTemplateExperimentOptions"),
    },
    {
        type: FIS_TEMPLATE,
        field: "experimentOptions.accountTargeting",
        allowed: "single-account or multi-account",
        ok: oneOf("single-account", "multi-account"),
        source: api.fis("ExperimentTemplateExperimentOptions"),
    },
];

const byType = new Map<string, InputConstraint[]>();
for (const row of INPUT_CONSTRAINTS) byType.set(row.type, [...(byType.get(row.type) ?? []), row]);

/** Every value at a dotted path with `*` for list elements, with its concrete path. */
function valuesAt(inputs: unknown, path: string): { path: string; value: unknown }[] {
    let found: { path: string; value: unknown }[] = [{ path: "", value: inputs }];
    for (const key of path.split(".")) {
        found = found.flatMap(({ path: at, value }) => {
            const join = (k: string | number) => (at ? `${at}.${k}` : String(k));
            if (key === "*") return Array.isArray(value) ? value.map((v, i) => ({ path: join(i), value: v })) : [];
            return value && typeof value === "object" && key in value
                ? [{ path: join(key), value: (value as Inputs)[key] }]
                : [];
        });
    }
    return found;
}

/** Values the program has not resolved (previews), which AWS would judge later, are not judged here. */
const unresolved = (value: unknown) => value === undefined || value === null;

export interface ConstraintViolation {
    readonly path: string;
    readonly value: unknown;
    readonly allowed: string;
    readonly source: string;
}

/** The AWS constraints one resource's inputs break. */
export function constraintViolations(type: string, inputs: Inputs): ConstraintViolation[] {
    return (byType.get(type) ?? []).flatMap((row) =>
        valuesAt(inputs, row.field)
            .filter(({ value }) => !unresolved(value) && !row.ok(value, inputs))
            .map(({ path, value }) => ({ path, value, allowed: row.allowed, source: row.source })),
    );
}
