import { certificateNameProblems, certificateNames } from "../certificate/validate";
import { InputProblem } from "../shared/errors";
import { isSupportedRegion, supportedRegions } from "../shared/regions";
import { isDeferred, Problems } from "../shared/validation";
import {
    Endpoint,
    FailoverDnsArgs,
    HEALTH_CHECKER_REGIONS,
    HealthCheckSpec,
    ROUTE53_METRICS_REGION,
    Routing,
    RoutingPolicy,
} from "./args";
import { endpointsOf, isStringMatch } from "./routing";
import { isDnsName, NameInZone, validateZoneSpec } from "../zone/validate";

/** Route 53 limits (API reference, CreateHealthCheck and ChangeResourceRecordSets). */
export const ROUTE53_LIMITS = {
    requestIntervals: [10, 30] as const,
    failureThreshold: { min: 1, max: 10 },
    weight: { min: 0, max: 255 },
    resourcePathMax: 255,
    searchStringMax: 255,
    minCheckerRegions: 3,
} as const;

const HEALTH_CHECK_TYPES = ["HTTPS", "HTTP", "HTTPS_STR_MATCH", "HTTP_STR_MATCH", "TCP"] as const;
const POLICIES = Object.values(RoutingPolicy);
/** The `Routing` fields each policy takes. */
const POLICY_FIELDS: Record<RoutingPolicy, readonly (keyof Routing)[]> = {
    simple: ["endpoint"],
    failover: ["primary", "secondary"],
    weighted: ["endpoints"],
    latency: ["endpoints"],
};
/** Endpoint ids become `setIdentifier`s (1..128 characters) and parts of logical and physical names. */
const ENDPOINT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The names that must lie in the zone: the record, and the certificate's SANs when asked. */
export function dnsNames(args: FailoverDnsArgs): NameInZone[] {
    if (!args.certificate) return [{ path: "recordName", value: args.recordName }];
    return certificateNames(
        { domainName: args.recordName, subjectAlternativeNames: args.certificate.subjectAlternativeNames },
        { domainName: "recordName", subjectAlternativeNames: "certificate.subjectAlternativeNames" },
    );
}

function healthCheckProblems(check: HealthCheckSpec): InputProblem[] {
    const p = new Problems();
    p.require(
        check.enabled === undefined || typeof check.enabled === "boolean",
        "enabled",
        check.enabled,
        "true or false",
    );
    p.oneOf("type", check.type, HEALTH_CHECK_TYPES);
    if (check.resourcePath !== undefined) {
        const path = check.resourcePath;
        const ok = typeof path === "string" && path.startsWith("/") && path.length <= ROUTE53_LIMITS.resourcePathMax;
        p.require(
            ok,
            "resourcePath",
            path,
            `a path starting with "/" of at most ${ROUTE53_LIMITS.resourcePathMax} characters`,
        );
    }
    p.integerIn("port", check.port, 1, 65535);
    p.oneOf("requestInterval", check.requestInterval, ROUTE53_LIMITS.requestIntervals);
    p.integerIn(
        "failureThreshold",
        check.failureThreshold,
        ROUTE53_LIMITS.failureThreshold.min,
        ROUTE53_LIMITS.failureThreshold.max,
    );
    if (check.searchString !== undefined) {
        p.require(
            isStringMatch(check.type),
            "searchString",
            check.searchString,
            `omitted unless type is HTTP_STR_MATCH or HTTPS_STR_MATCH (type is ${check.type ?? "HTTPS"})`,
        );
        const s = check.searchString;
        p.require(
            typeof s === "string" && s.length >= 1 && s.length <= ROUTE53_LIMITS.searchStringMax,
            "searchString",
            s,
            `a string of 1..${ROUTE53_LIMITS.searchStringMax} characters`,
        );
    } else if (isStringMatch(check.type)) {
        p.add("searchString", undefined, `the text to look for, since type is ${check.type}`);
    }
    if (check.regions !== undefined) {
        const regions = check.regions;
        const ok =
            Array.isArray(regions) &&
            new Set(regions).size >= ROUTE53_LIMITS.minCheckerRegions &&
            new Set(regions).size === regions.length;
        p.require(
            ok,
            "regions",
            regions,
            `a list of at least ${ROUTE53_LIMITS.minCheckerRegions} distinct Route 53 health-checker regions`,
        );
        if (Array.isArray(regions)) regions.forEach((r, i) => p.oneOf(`regions.${i}`, r, HEALTH_CHECKER_REGIONS));
    }
    return [...p.list];
}

function endpointProblems(endpoint: Endpoint): InputProblem[] {
    const p = new Problems();
    p.require(
        isSupportedRegion(endpoint.region),
        "region",
        endpoint.region,
        `a supported region (${supportedRegions.join(", ")})`,
    );
    const target = endpoint.target;
    p.require(
        isObject(target) && target.dnsName !== undefined && target.zoneId !== undefined,
        "target",
        target,
        "{ dnsName, zoneId } of the alias target, e.g. an ALB's",
    );
    if (isObject(endpoint.healthCheck)) p.merge("healthCheck", healthCheckProblems(endpoint.healthCheck));
    return [...p.list];
}

function routingProblems(routing: FailoverDnsArgs["routing"]): InputProblem[] {
    const p = new Problems();
    if (!isObject(routing) || !(POLICIES as readonly unknown[]).includes(routing.policy)) {
        p.add("routing.policy", isObject(routing) ? routing.policy : routing, `one of ${POLICIES.join(", ")}`);
        return [...p.list];
    }
    const r = routing as unknown as Record<string, unknown>;
    const shape = new Problems();
    // One shape for every policy (other languages get no unions): a field of another policy is a mistake.
    const takes = POLICY_FIELDS[routing.policy];
    for (const field of Object.values(POLICY_FIELDS).flat()) {
        if (takes.includes(field)) continue;
        p.require(
            r[field] === undefined,
            `routing.${field}`,
            r[field],
            `omitted for ${routing.policy}, which takes ${takes.map((f) => `routing.${f}`).join(" and ")}`,
        );
    }
    switch (routing.policy) {
        case "simple":
            shape.require(isObject(r.endpoint), "routing.endpoint", r.endpoint, "one endpoint { region, target }");
            break;
        case "failover": {
            const allowed = "exactly one endpoint { region, target } (failover needs one primary and one secondary)";
            for (const role of ["primary", "secondary"])
                shape.require(isObject(r[role]), `routing.${role}`, r[role], allowed);
            if (isObject(r.primary) && isObject(r.secondary)) {
                const [primary, secondary] = [routing.primary!, routing.secondary!];
                p.require(
                    primary.region !== secondary.region,
                    "routing.secondary.region",
                    secondary.region,
                    `a region other than the primary's (${primary.region})`,
                );
                // Route 53 cannot tell a dead primary from a live one without either signal.
                p.require(
                    primary.healthCheck?.enabled !== false || primary.evaluateTargetHealth !== false,
                    "routing.primary.healthCheck.enabled",
                    primary.healthCheck?.enabled,
                    "true (a health check), or evaluateTargetHealth true, so Route 53 can see the primary fail",
                );
            }
            break;
        }
        case "weighted":
        case "latency": {
            const endpoints = r.endpoints;
            if (!isObject(endpoints) || Object.keys(endpoints).length === 0) {
                shape.add("routing.endpoints", endpoints, "a map of at least one endpoint by id");
                break;
            }
            for (const [id, e] of Object.entries(endpoints)) {
                p.require(
                    ENDPOINT_ID.test(id),
                    "routing.endpoints",
                    id,
                    "keyed by ids of 1..64 letters, digits, - or _",
                );
                shape.require(isObject(e), `routing.endpoints.${id}`, e, "an endpoint { region, target }");
            }
            if (routing.policy === "latency") {
                for (const [id, e] of Object.entries(endpoints))
                    p.require(
                        !isObject(e) || e.weight === undefined,
                        `routing.endpoints.${id}.weight`,
                        isObject(e) ? e.weight : undefined,
                        "omitted for latency, which routes by latency, not by weight",
                    );
            } else {
                const weights = Object.entries(endpoints).map(
                    ([id, e]) => [id, isObject(e) ? e.weight : undefined] as const,
                );
                for (const [id, w] of weights) {
                    if (w === undefined)
                        p.add(
                            `routing.endpoints.${id}.weight`,
                            w,
                            `an integer ${ROUTE53_LIMITS.weight.min}..${ROUTE53_LIMITS.weight.max}`,
                        );
                    else
                        p.integerIn(
                            `routing.endpoints.${id}.weight`,
                            w,
                            ROUTE53_LIMITS.weight.min,
                            ROUTE53_LIMITS.weight.max,
                        );
                }
            }
            break;
        }
    }
    // Each endpoint's own checks need every endpoint to be there; other problems do not stop them.
    if (shape.list.length === 0) {
        for (const e of endpointsOf(routing)) p.merge(e.path, endpointProblems(e.endpoint));
    }
    return [...shape.list, ...p.list];
}

/** Every problem with FailoverDns' plain inputs. Pure: used before anything is created, and by tests. */
export function validateFailoverDnsArgs(args: FailoverDnsArgs): InputProblem[] {
    const p = new Problems();
    const names = dnsNames(args);
    // The certificate's name checks cover recordName too, as its domain name.
    p.merge(
        "",
        certificateNameProblems(
            names,
            args.certificate?.subjectAlternativeNames,
            "certificate.subjectAlternativeNames",
        ),
    );
    const routing = routingProblems(args.routing);
    p.merge("", routing);
    if (args.ipv6 === true && routing.length === 0) {
        for (const e of endpointsOf(args.routing)) {
            const type = isObject(e.endpoint.target) ? e.endpoint.target.ipAddressType : undefined;
            // An alias AAAA record to an ALB without IPv6 addresses answers nothing: dual-stack or no ipv6.
            const allowed = "a dual-stack ALB (dualstack or dualstack-without-public-ipv4) when ipv6 is true";
            p.require(type !== "ipv4", `${e.path}.target.ipAddressType`, type, allowed);
        }
    }
    const alarms = args.alarms;
    if (alarms?.topicArn !== undefined && !isDeferred(alarms.topicArn)) {
        p.matches(
            "alarms.topicArn",
            alarms.topicArn,
            new RegExp(`^arn:aws[a-z-]*:sns:${ROUTE53_METRICS_REGION}:\\d{12}:[A-Za-z0-9_-]{1,256}$`),
            `an SNS topic ARN in ${ROUTE53_METRICS_REGION}, where Route 53 health-check metrics are`,
        );
    }
    p.merge(
        "",
        validateZoneSpec(
            args.zone,
            names.filter((n) => isDnsName(n.value)),
        ),
    );
    return [...p.list];
}
