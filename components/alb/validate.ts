import { parseCidr } from "../network/cidr";
import { InputProblem } from "../shared/errors";
import { nameLimits } from "../shared/naming";
import { isSupportedRegion, supportedRegions } from "../shared/regions";
import { isDeferred, Problems } from "../shared/validation";
import {
    AlbForward,
    albDefaults,
    AlbHealthCheck,
    AlbTargetGroup,
    DUAL_STACK_IP_ADDRESS_TYPES,
    MultiAzAlbArgs,
    TLS13_POLICIES,
} from "./args";
import { defaultForwardWeights } from "./forward";
import { resolveHealthCheck } from "./healthCheck";
import { albLimits } from "./limits";
import {
    checkAuthenticate,
    checkFixedResponse,
    checkRedirect,
    checkRuleConditions,
    routingActionsOf,
} from "./validateRules";

/** Priorities of the rules originVerify adds: open paths, then everything that carries the header. */
export const ORIGIN_OPEN_PRIORITY = 49999;
export const ORIGIN_VERIFIED_PRIORITY = 50000;

export { albLimits } from "./limits";

const KEY = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const KEY_ALLOWED = "a key of lowercase letters, digits and hyphens, not starting or ending with a hyphen";
const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ELB_NAME_ALLOWED = `at most ${nameLimits.targetGroup} letters, digits and hyphens, not starting or ending with a hyphen`;
const LOG_PREFIX = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;

/** One HTTP code 200..499, a list of them (`200,202`) or a range (`200-299`), as ALB accepts. */
export function isHttpMatcher(matcher: string): boolean {
    const code = (s: string) => /^\d{3}$/.test(s) && Number(s) >= 200 && Number(s) <= 499;
    const range = /^(\d{3})-(\d{3})$/.exec(matcher);
    if (range) return code(range[1]) && code(range[2]) && Number(range[1]) <= Number(range[2]);
    return matcher.split(",").every(code);
}

/** How `validateAlbArgs` is called. */
export interface AlbValidationOptions {
    /**
     * The args are Outputs resolved at deploy time: every secret is then a plain string, which is fine;
     * before, a plain-string secret is refused because it sits in the program.
     * @default false
     */
    resolved?: boolean;
}

/**
 * Every problem with an ALB's plain inputs. `stackRegion` is where resources go when `region` is not
 * set. Pure: used by the component before it creates anything, again on resolved Outputs, and by tests.
 */
export function validateAlbArgs(
    args: MultiAzAlbArgs,
    stackRegion: string | undefined,
    options: AlbValidationOptions = {},
): InputProblem[] {
    const p = new Problems();
    const region = args.region ?? stackRegion;
    if (args.region !== undefined) {
        p.require(
            isSupportedRegion(args.region),
            "region",
            args.region,
            `a supported region (${supportedRegions.join(", ")})`,
        );
    }
    // The access-log bucket's policy names the region's ELB log writer, which this library knows for its regions only.
    const logsMadeHere = args.accessLogs?.enabled !== false && args.accessLogs?.bucket === undefined;
    if (args.region === undefined && region !== undefined && logsMadeHere)
        p.require(
            isSupportedRegion(region),
            "region",
            region,
            `a supported region (${supportedRegions.join(", ")}): the stack's aws:region has no known ELB access-log writer; set region, or give accessLogs.bucket`,
        );
    checkPlacement(p, args);

    if (!isDeferred(args.certificateArn)) checkCertificateArn(p, "certificateArn", args.certificateArn, region);
    checkAdditionalCertificates(p, args, region);
    p.oneOf("sslPolicy", args.sslPolicy, TLS13_POLICIES);
    p.oneOf("desyncMitigationMode", args.desyncMitigationMode, ["defensive", "strictest"]);
    p.oneOf("ipAddressType", args.ipAddressType, ["ipv4", ...DUAL_STACK_IP_ADDRESS_TYPES]);
    // "Internal load balancers must use the ipv4 IP address type" (ELB SetIpAddressType, see args.ts).
    if (args.internal === true && args.ipAddressType !== undefined && args.ipAddressType !== "ipv4") {
        const allowed = '"ipv4" for an internal ALB (ELB allows dual-stack only internet-facing)';
        p.add("ipAddressType", args.ipAddressType, allowed);
    }
    p.integerIn("idleTimeout", args.idleTimeout, albLimits.idleTimeout.min, albLimits.idleTimeout.max);
    if (args.loadBalancerName !== undefined && !isDeferred(args.loadBalancerName)) {
        checkElbName(p, "loadBalancerName", args.loadBalancerName);
        p.require(
            !/^internal-/i.test(String(args.loadBalancerName)),
            "loadBalancerName",
            args.loadBalancerName,
            'a name that does not start with "internal-"',
        );
    }

    if (args.originVerify) {
        p.matches(
            "originVerify.headerName",
            args.originVerify.headerName,
            /^(?!host$)[A-Za-z0-9-]{1,40}$/i,
            "an HTTP header name of 1..40 letters, digits and hyphens, other than Host (ALB matches Host only in host-header conditions)",
        );
        const open = args.originVerify.openPaths;
        if (open !== undefined) {
            const ok =
                Array.isArray(open) &&
                open.length >= 1 &&
                open.length <= albLimits.valuesPerRule &&
                open.every((o) => typeof o === "string" && o.startsWith("/"));
            p.require(ok, "originVerify.openPaths", open, `1 to ${albLimits.valuesPerRule} paths starting with /`);
        }
    }
    checkTargetGroups(p, args.targetGroups ?? {});
    const known = Object.keys(args.targetGroups ?? {});
    if (known.length > 0) {
        checkForward(
            p,
            {
                targetGroups: defaultForwardWeights(args.targetGroups, args.listenerRules),
                stickinessSeconds: args.defaultStickinessSeconds,
            },
            known,
            {
                groups: "targetGroups",
                weight: (key) => `targetGroups.${key}.weight`,
                stickiness: "defaultStickinessSeconds",
                what: "the default action forwards to every target group that is not reached only by a listener rule",
            },
        );
    }
    checkListenerRules(p, args, known, options.resolved ?? false);
    checkAccessLogs(p, args);
    checkAlarms(p, args, region);
    return [...p.list];
}

function checkPlacement(p: Problems, args: MultiAzAlbArgs): void {
    p.ec2Id("vpcId", args.vpcId, "vpc");
    if (!isDeferred(args.subnetIds)) {
        const subnets = (args.subnetIds ?? []) as unknown[];
        p.require(subnets.length >= 2, "subnetIds", subnets, "at least 2 subnets, each in a different AZ");
        const plain = subnets.filter((s) => !isDeferred(s));
        p.require(new Set(plain).size === plain.length, "subnetIds", subnets, "distinct subnets");
    }
    (args.ingressCidrs ?? []).forEach((cidr, i) => {
        p.require(
            parseCidr(cidr) !== undefined,
            `ingressCidrs.${i}`,
            cidr,
            "an IPv4 network address in CIDR form, e.g. 10.0.0.0/16",
        );
    });
    (args.ingressSecurityGroupIds ?? []).forEach((id, i) =>
        p.matches(`ingressSecurityGroupIds.${i}`, id, SECURITY_GROUP_ID, "a security group id (sg-...)"),
    );
    if (args.internal && args.ingressCidrs === undefined && args.ingressSecurityGroupIds === undefined) {
        // Inside a VPC "anywhere" is not a safe default, and the VPC's range is not known here.
        p.add("ingressCidrs", undefined, "given (or ingressSecurityGroupIds) for an internal ALB");
    }
}

function checkElbName(p: Problems, path: string, name: unknown): void {
    const ok = typeof name === "string" && name.length <= nameLimits.targetGroup && ELB_NAME.test(name);
    p.require(ok, path, name, ELB_NAME_ALLOWED);
}

function checkTargetGroups(p: Problems, targetGroups: Record<string, AlbTargetGroup>): void {
    const entries = Object.entries(targetGroups);
    p.require(entries.length >= 1, "targetGroups", targetGroups, "at least one target group");
    const namedBy = new Map<unknown, string>();
    for (const [key, tg] of entries) {
        const at = `targetGroups.${key}`;
        p.require(KEY.test(key), at, key, KEY_ALLOWED);
        if (tg.name !== undefined && !isDeferred(tg.name)) {
            checkElbName(p, `${at}.name`, tg.name);
            const other = namedBy.get(tg.name);
            if (other !== undefined)
                p.add(`${at}.name`, tg.name, `a name no other target group has (targetGroups.${other} has it)`);
            namedBy.set(tg.name, key);
        }
        p.oneOf(`${at}.targetType`, tg.targetType, ["instance", "ip", "lambda"]);
        p.integerIn(`${at}.port`, tg.port, albLimits.port.min, albLimits.port.max);
        p.oneOf(`${at}.protocol`, tg.protocol, ["HTTP", "HTTPS"]);
        p.integerIn(
            `${at}.stickinessSeconds`,
            tg.stickinessSeconds,
            albLimits.stickinessSeconds.min,
            albLimits.stickinessSeconds.max,
        );
        p.integerIn(
            `${at}.deregistrationDelay`,
            tg.deregistrationDelay,
            albLimits.deregistrationDelay.min,
            albLimits.deregistrationDelay.max,
        );
        p.oneOf(`${at}.algorithm`, tg.algorithm, ["round_robin", "least_outstanding_requests", "weighted_random"]);
        if (tg.slowStart !== undefined) {
            const { min, max } = albLimits.slowStart;
            const inRange =
                tg.slowStart === 0 || (Number.isInteger(tg.slowStart) && tg.slowStart >= min && tg.slowStart <= max);
            p.require(inRange, `${at}.slowStart`, tg.slowStart, `0 (off) or an integer ${min}..${max}`);
            const algorithm = tg.algorithm ?? albDefaults.algorithm;
            if (inRange && tg.slowStart !== 0) {
                p.require(
                    algorithm === "round_robin",
                    `${at}.slowStart`,
                    tg.slowStart,
                    `0 with algorithm ${algorithm} (slow start needs round_robin)`,
                );
            }
        }
        if (tg.anomalyMitigation) {
            p.require(
                tg.algorithm === "weighted_random",
                `${at}.anomalyMitigation`,
                tg.anomalyMitigation,
                "false unless algorithm is weighted_random",
            );
        }
        if (tg.targetType === "lambda") {
            // A Lambda target has no port, no connection to drain and a single "target" to balance.
            const networkOnly = {
                port: tg.port,
                protocol: tg.protocol,
                deregistrationDelay: tg.deregistrationDelay,
                slowStart: tg.slowStart,
                algorithm: tg.algorithm,
                anomalyMitigation: tg.anomalyMitigation,
                "healthCheck.port": tg.healthCheck?.port,
                "healthCheck.protocol": tg.healthCheck?.protocol,
            };
            for (const [field, value] of Object.entries(networkOnly)) {
                p.require(value === undefined, `${at}.${field}`, value, "unset for a lambda target group");
            }
        }
        checkHealthCheck(p, `${at}.healthCheck`, tg.healthCheck ?? {});
        checkStaticTargets(p, at, tg);
    }
}

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function checkStaticTargets(p: Problems, at: string, tg: AlbTargetGroup): void {
    const type = tg.targetType ?? albDefaults.targetType;
    const seen = new Set<string>();
    (tg.targets ?? []).forEach((target, i) => {
        const identity = `${target.id}:${target.port ?? ""}`;
        if (seen.has(identity))
            p.add(`${at}.targets.${i}`, target, "a target listed once (same id and port as an earlier one)");
        seen.add(identity);
        if (type === "lambda") {
            p.add(
                `${at}.targets.${i}.id`,
                target.id,
                "unset for a lambda target group (attach the function by its permission instead)",
            );
            return;
        }
        const ok = type === "instance" ? INSTANCE_ID.test(target.id) : IPV4.test(target.id);
        p.require(
            ok,
            `${at}.targets.${i}.id`,
            target.id,
            type === "instance" ? "an EC2 instance id such as i-0123456789abcdef0" : "an IPv4 address",
        );
        p.integerIn(`${at}.targets.${i}.port`, target.port, albLimits.port.min, albLimits.port.max);
    });
}

function checkHealthCheck(p: Problems, at: string, hc: AlbHealthCheck): void {
    const { interval, timeout, threshold } = albLimits;
    p.integerIn(`${at}.interval`, hc.interval, interval.min, interval.max);
    p.integerIn(`${at}.timeout`, hc.timeout, timeout.min, timeout.max);
    p.integerIn(`${at}.healthyThreshold`, hc.healthyThreshold, threshold.min, threshold.max);
    p.integerIn(`${at}.unhealthyThreshold`, hc.unhealthyThreshold, threshold.min, threshold.max);
    const resolved = resolveHealthCheck(hc);
    if (resolved.timeout >= resolved.interval) {
        // Blame the field the user set: a timeout left at its default is not theirs to fix.
        if (hc.timeout === undefined)
            p.add(`${at}.interval`, resolved.interval, `more than the timeout (${resolved.timeout} s, its default)`);
        else
            p.add(
                `${at}.timeout`,
                resolved.timeout,
                `less than the interval (${resolved.interval} s${hc.interval === undefined ? ", its default" : ""})`,
            );
    }
    if (hc.path !== undefined && !isDeferred(hc.path)) {
        const ok =
            typeof hc.path === "string" && hc.path.startsWith("/") && hc.path.length <= albLimits.healthCheckPathLength;
        p.require(
            ok,
            `${at}.path`,
            hc.path,
            `a path starting with "/", at most ${albLimits.healthCheckPathLength} characters`,
        );
    }
    if (hc.matcher !== undefined) {
        p.require(
            typeof hc.matcher === "string" && isHttpMatcher(hc.matcher),
            `${at}.matcher`,
            hc.matcher,
            'HTTP codes 200..499: one ("200"), a list ("200,202") or a range ("200-299")',
        );
    }
    p.integerIn(`${at}.port`, hc.port, albLimits.port.min, albLimits.port.max);
    p.oneOf(`${at}.protocol`, hc.protocol, ["HTTP", "HTTPS"]);
}

interface ForwardPaths {
    /** Where the whole set of groups is reported. */
    readonly groups: string;
    readonly weight: (key: string) => string;
    readonly stickiness: string;
    /** Why the groups are in this forward, for the count message. */
    readonly what?: string;
}

/**
 * A forward's weights: known groups, 1..5 of them, integers 0..999, not all 0. Shared by the default
 * action (whose weights live on the target groups) and the listener rules.
 */
function checkForward(p: Problems, forward: AlbForward, known: readonly string[], at: ForwardPaths): void {
    const entries = Object.entries(forward.targetGroups ?? {});
    const max = albLimits.targetGroupsPerForward;
    if (entries.length === 0 || entries.length > max) {
        p.add(at.groups, forward.targetGroups, `1 to ${max} target groups${at.what ? ` (${at.what})` : ""}`);
    }
    let allPlainZero = entries.length > 0;
    for (const [key, weight] of entries) {
        if (!known.includes(key)) p.add(`${at.groups}.${key}`, key, `one of the target groups (${known.join(", ")})`);
        p.integerIn(at.weight(key), weight, albLimits.weight.min, albLimits.weight.max);
        allPlainZero &&= weight === 0;
    }
    if (allPlainZero) {
        p.add(at.groups, forward.targetGroups, "weights with at least one above 0, or no request could be served");
    }
    p.integerIn(
        at.stickiness,
        forward.stickinessSeconds,
        albLimits.stickinessSeconds.min,
        albLimits.stickinessSeconds.max,
    );
}

function checkListenerRules(p: Problems, args: MultiAzAlbArgs, known: readonly string[], resolved: boolean): void {
    const byPriority = new Map<unknown, string>();
    // The origin secret's header condition takes one of each rule's values.
    const room = albLimits.valuesPerRule - (args.originVerify ? 1 : 0);
    for (const [key, rule] of Object.entries(args.listenerRules ?? {})) {
        const at = `listenerRules.${key}`;
        p.require(KEY.test(key), at, key, KEY_ALLOWED);
        p.integerIn(`${at}.priority`, rule.priority, albLimits.priority.min, albLimits.priority.max);
        const other = byPriority.get(rule.priority);
        if (other !== undefined)
            p.add(`${at}.priority`, rule.priority, `a priority no other rule has (listenerRules.${other} has it)`);
        byPriority.set(rule.priority, key);
        if (args.originVerify) {
            // The last priorities are taken by the rules for open paths and origin-verified requests.
            p.require(
                rule.priority < ORIGIN_OPEN_PRIORITY,
                `${at}.priority`,
                rule.priority,
                `below ${ORIGIN_OPEN_PRIORITY} when originVerify is set`,
            );
        }

        checkRuleConditions(p, at, rule, room);
        const routing = routingActionsOf(rule);
        if (routing.length !== 1) {
            p.add(at, routing, "a rule with exactly one of forward, redirect and fixedResponse (its routing action)");
        }
        if (rule.forward !== undefined) {
            const forwardAt = `${at}.forward`;
            checkForward(p, rule.forward, known, {
                groups: `${forwardAt}.targetGroups`,
                weight: (tg) => `${forwardAt}.targetGroups.${tg}`,
                stickiness: `${forwardAt}.stickinessSeconds`,
            });
        }
        if (rule.redirect !== undefined) checkRedirect(p, `${at}.redirect`, rule.redirect);
        if (rule.fixedResponse !== undefined) checkFixedResponse(p, `${at}.fixedResponse`, rule.fixedResponse);
        checkAuthenticate(p, at, rule, resolved);
    }
    const rules = Object.keys(args.listenerRules ?? {}).length + originRuleCount(args);
    const quota = args.quotas?.rulesPerLoadBalancer ?? albDefaults.rulesPerLoadBalancer;
    p.require(
        rules <= quota,
        "listenerRules",
        rules,
        `at most ${quota} rules on the ALB, the origin-verify rules included (quotas.rulesPerLoadBalancer, AWS's adjustable quota)`,
    );
}

/** The rules `originVerify` adds: one for verified requests, and one for the open paths when there are any. */
function originRuleCount(args: MultiAzAlbArgs): number {
    return args.originVerify ? (args.originVerify.openPaths ? 2 : 1) : 0;
}

/**
 * The SNI certificates: ACM ARNs in the ALB's region, each on the listener once, no more than the quota
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html).
 */
function checkAdditionalCertificates(p: Problems, args: MultiAzAlbArgs, region: string | undefined): void {
    const certificates = Object.entries(args.additionalCertificates ?? {});
    const seen = new Map<unknown, string>(
        isDeferred(args.certificateArn) ? [] : [[args.certificateArn, "certificateArn"]],
    );
    for (const [key, arn] of certificates) {
        const at = `additionalCertificates.${key}`;
        p.require(KEY.test(key), at, key, KEY_ALLOWED);
        if (isDeferred(arn)) continue;
        checkCertificateArn(p, at, arn, region);
        const other = seen.get(arn);
        if (other !== undefined) p.add(at, arn, `a certificate not already on the listener (${other} has it)`);
        seen.set(arn, at);
    }
    const quota = args.quotas?.certificatesPerLoadBalancer ?? albDefaults.certificatesPerLoadBalancer;
    p.require(
        certificates.length <= quota,
        "additionalCertificates",
        certificates.length,
        `at most ${quota} certificates besides the default one (quotas.certificatesPerLoadBalancer, AWS's adjustable quota)`,
    );
    for (const field of ["certificatesPerLoadBalancer", "rulesPerLoadBalancer"] as const)
        p.integerIn(`quotas.${field}`, args.quotas?.[field], 1, Number.MAX_SAFE_INTEGER);
}

function checkCertificateArn(p: Problems, at: string, value: unknown, region: string | undefined): void {
    const arn = CERTIFICATE_ARN.exec(String(value));
    p.require(arn !== null, at, value, "an ACM certificate ARN");
    if (arn && region) p.require(arn[1] === region, at, value, `an ACM certificate in ${region}, the ALB's region`);
}

function checkAccessLogs(p: Problems, args: MultiAzAlbArgs): void {
    const logs = args.accessLogs ?? {};
    if (logs.prefix !== undefined) {
        p.matches(
            "accessLogs.prefix",
            logs.prefix,
            LOG_PREFIX,
            "a key prefix of letters, digits, '.', '_' and '-' parts separated by single '/'",
        );
        // ELB appends AWSLogs/<account>/ itself and refuses a prefix that already holds it.
        p.require(
            !String(logs.prefix).includes("AWSLogs"),
            "accessLogs.prefix",
            logs.prefix,
            'a prefix without "AWSLogs"',
        );
    }
    if (logs.expirationDays !== undefined) {
        const days = logs.expirationDays;
        p.require(
            Number.isInteger(days) && days >= 1,
            "accessLogs.expirationDays",
            days,
            "a whole number of days, at least 1",
        );
        p.require(
            logs.bucket === undefined,
            "accessLogs.expirationDays",
            days,
            "unset when accessLogs.bucket is given (the bucket's owner sets its lifecycle)",
        );
    }
}

function checkAlarms(p: Problems, args: MultiAzAlbArgs, region: string | undefined): void {
    const alarms = args.alarms ?? {};
    p.matches("alarms.topicArn", alarms.topicArn, SNS_TOPIC_ARN, "an SNS topic ARN");
    const topicRegion = typeof alarms.topicArn === "string" ? SNS_TOPIC_ARN.exec(alarms.topicArn)?.[1] : undefined;
    // CloudWatch alarm actions notify topics in the alarm's own region only.
    if (topicRegion && region)
        p.require(
            topicRegion === region,
            "alarms.topicArn",
            alarms.topicArn,
            `an SNS topic in ${region}, the ALB's region`,
        );
    if (alarms.periodSeconds !== undefined) {
        const s = alarms.periodSeconds;
        p.require(
            s === 10 || s === 30 || (Number.isInteger(s) && s >= 60 && s % 60 === 0),
            "alarms.periodSeconds",
            s,
            "10, 30 or a multiple of 60",
        );
    }
    p.integerIn("alarms.evaluationPeriods", alarms.evaluationPeriods, 1, 100);
    if (alarms.elb5xxThreshold !== undefined) {
        p.require(
            Number.isFinite(alarms.elb5xxThreshold) && alarms.elb5xxThreshold >= 0,
            "alarms.elb5xxThreshold",
            alarms.elb5xxThreshold,
            "a count of at least 0",
        );
    }
    if (alarms.targetResponseTimeP99Seconds !== undefined) {
        const s = alarms.targetResponseTimeP99Seconds;
        p.require(Number.isFinite(s) && s > 0, "alarms.targetResponseTimeP99Seconds", s, "a number of seconds above 0");
    }
}

/**
 * Combinations AWS may reject that its documentation does not settle: warned about, not refused, so a
 * valid config is never blocked on a guess.
 * Pure; each line follows the component's name.
 */
export function albWarnings(args: MultiAzAlbArgs): string[] {
    return Object.entries(args.targetGroups ?? {})
        .filter(([, tg]) => tg.algorithm === "weighted_random" && tg.stickinessSeconds !== undefined)
        .map(
            ([key]) =>
                `targetGroups.${key}: stickiness with algorithm weighted_random may be rejected by ELB; if the deploy fails on it, drop stickinessSeconds or use round_robin`,
        );
}
