/** Elastic Load Balancing: Security Hub ELB controls and the listeners' TLS policy. */
import { refersTo } from "../match";
import { PolicyRule, UNKNOWN } from "../types";
import { asList, asObject, isAlb, LISTENERS, LOAD_BALANCERS, ofTypes, show, WAF_ASSOCIATION } from "./resources";
import { securityHubControl } from "./securityHub";

/**
 * Security policies whose lowest protocol is TLS 1.2 or 1.3. ELB names encode it: `TLS13-1-2-*` and
 * `TLS13-1-3-*` (TLS 1.3 policies, including the FIPS, Ext and post-quantum variants: the ELB.17
 * list is a subset), `TLS-1-2-*` and `FS-1-2-*` (TLS 1.2 only). Everything else, including the API
 * default `ELBSecurityPolicy-2016-08`, accepts TLS 1.0 or 1.1.
 */
export const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/;

export const elb1: PolicyRule = {
    ...securityHubControl(
        "ELB.1",
        "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS",
        "medium",
    ),
    tags: ["elb", "encryption-in-transit"],
    description: "Every HTTP listener redirects to HTTPS.",
    level: "mandatory",
    remediation:
        'Give the HTTP listener the default action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }.',
    resourceTypes: LISTENERS,
    scope: "resource",
    check: ({ inputs }) => {
        if (inputs.protocol !== "HTTP") return undefined;
        const actions = asList(inputs.defaultActions);
        const redirects = actions.some((a) => a.type === "redirect" && asObject(a.redirect).protocol === "HTTPS");
        return redirects
            ? undefined
            : `HTTP listener on port ${show(inputs.port)} must redirect to HTTPS, its default actions are ${show(actions.map((a) => a.type))}`;
    },
};

export const elb4: PolicyRule = {
    ...securityHubControl(
        "ELB.4",
        "Application Load Balancer should be configured to drop invalid http headers",
        "medium",
    ),
    tags: ["elb", "request-smuggling"],
    description: "Application load balancers drop invalid HTTP headers.",
    level: "mandatory",
    remediation: "Set dropInvalidHeaderFields: true on the load balancer.",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    check: (lb) =>
        isAlb(lb) && lb.inputs.dropInvalidHeaderFields !== true && lb.inputs.dropInvalidHeaderFields !== UNKNOWN
            ? `dropInvalidHeaderFields must be true, got ${show(lb.inputs.dropInvalidHeaderFields)}`
            : undefined,
};

export const elb5: PolicyRule = {
    ...securityHubControl("ELB.5", "Application and Classic Load Balancers logging should be enabled", "medium"),
    tags: ["elb", "logging"],
    description: "Load balancers write access logs.",
    level: "mandatory",
    remediation:
        "Set accessLogs: { bucket, prefix, enabled: true } with an SSE-S3 bucket in the load balancer's region.",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    check: ({ inputs }) => {
        const logs = inputs.accessLogs;
        if (logs === UNKNOWN) return undefined;
        const { enabled, bucket } = asObject(logs);
        return enabled === true && typeof bucket === "string" && bucket !== ""
            ? undefined
            : `accessLogs must be enabled with a bucket, got ${show(logs)}`;
    },
};

export const elb6: PolicyRule = {
    ...securityHubControl(
        "ELB.6",
        "Application, Gateway, and Network Load Balancers should have deletion protection enabled",
        "medium",
    ),
    tags: ["elb", "resilience"],
    description: "In stacks that protect stateful resources, load balancers have deletion protection on.",
    level: "mandatory",
    remediation:
        "Set enableDeletionProtection: true on the load balancer (MultiAzAlb: deletionProtection, default true).",
    resourceTypes: LOAD_BALANCERS,
    // Stack-wide, like stateful-protected: a stack that opts out of protection (dev, staging) must tear down
    // cleanly, and ELB.6 is the one control it then leaves unmet on purpose.
    scope: "stack",
    check: ({ inputs }, context) =>
        context.protectStatefulResources &&
        inputs.enableDeletionProtection !== true &&
        inputs.enableDeletionProtection !== UNKNOWN
            ? `enableDeletionProtection must be true, got ${show(inputs.enableDeletionProtection)}`
            : undefined,
};

export const elb12: PolicyRule = {
    ...securityHubControl(
        "ELB.12",
        "Application Load Balancer should be configured with defensive or strictest desync mitigation mode",
        "medium",
    ),
    tags: ["elb", "request-smuggling"],
    description: "Application load balancers use the defensive or strictest desync mitigation mode.",
    level: "mandatory",
    remediation: 'Set desyncMitigationMode to "defensive" (the default) or "strictest".',
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    // Unset means AWS's default, defensive.
    check: (lb) =>
        isAlb(lb) && ![undefined, UNKNOWN, "defensive", "strictest"].includes(lb.inputs.desyncMitigationMode as string)
            ? `desyncMitigationMode must be defensive or strictest, got ${show(lb.inputs.desyncMitigationMode)}`
            : undefined,
};

export const elb13: PolicyRule = {
    ...securityHubControl(
        "ELB.13",
        "Application, Network and Gateway Load Balancers should span multiple Availability Zones",
        "medium",
    ),
    tags: ["elb", "resilience", "availability-zones"],
    description: "Load balancers span at least two Availability Zones.",
    level: "mandatory",
    remediation: "Give the load balancer subnets in at least two AZs.",
    resourceTypes: LOAD_BALANCERS,
    scope: "resource",
    // An ELB takes at most one subnet per AZ, so distinct subnets are distinct AZs.
    check: ({ inputs }) => {
        const mappings = inputs.subnetMappings;
        const subnets =
            Array.isArray(mappings) && mappings.length > 0 ? asList(mappings).map((m) => m.subnetId) : inputs.subnets;
        if (!Array.isArray(subnets) || subnets.includes(UNKNOWN)) return undefined;
        const count = new Set(subnets).size;
        return count >= 2
            ? undefined
            : `the load balancer must span at least 2 Availability Zones, it has ${count} subnet${count === 1 ? "" : "s"}`;
    },
};

export const elb16: PolicyRule = {
    ...securityHubControl(
        "ELB.16",
        "Application Load Balancers should be associated with an AWS WAF web ACL",
        "medium",
    ),
    tags: ["elb", "waf"],
    description: "Application load balancers are associated with an AWS WAF web ACL.",
    level: "advisory",
    remediation:
        "Associate a regional WAFv2 web ACL with the ALB (aws.wafv2.WebAclAssociation with resourceArn: the ALB's ARN).",
    resourceTypes: LOAD_BALANCERS,
    scope: "stack",
    check: (lb, context) => {
        if (!isAlb(lb)) return undefined;
        const protectedBy = ofTypes(context, [WAF_ASSOCIATION]).some((a) =>
            refersTo(a, "resourceArn", a.inputs.resourceArn, lb),
        );
        return protectedBy ? undefined : "no WAF web ACL is associated with this ALB";
    },
};

export const listenerTls: PolicyRule = {
    id: "elb-listener-tls12",
    severity: "high",
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    tags: ["elb", "encryption-in-transit"],
    description: "Every HTTPS or TLS listener uses a security policy whose lowest protocol is TLS 1.2 or 1.3.",
    level: "mandatory",
    remediation:
        "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (MultiAzAlb's default) or another TLS13-1-2, TLS13-1-3, TLS-1-2 or FS-1-2 policy.",
    resourceTypes: LISTENERS,
    scope: "resource",
    check: ({ inputs }) => {
        if (inputs.protocol !== "HTTPS" && inputs.protocol !== "TLS") return undefined;
        const policy = inputs.sslPolicy;
        if (policy === UNKNOWN) return undefined;
        if (policy === undefined)
            return `sslPolicy is unset, so AWS applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0; set a TLS 1.2+ policy`;
        return typeof policy === "string" && TLS12_POLICY.test(policy)
            ? undefined
            : `sslPolicy must accept only TLS 1.2 or later, got ${show(policy)}`;
    },
};
