/**
 * Checks of one listener rule's conditions and actions against ELB's documented bounds (see limits.ts for
 * the pages). Pure; `validateAlbArgs` calls these for every rule, before anything is created and again
 * once Outputs have resolved.
 */
import { isIPv4, isIPv6 } from "node:net";
import { REDACTED } from "../shared/errors";
import { isDeferred, Problems } from "../shared/validation";
import {
    AlbAuthenticateSession,
    AlbFixedResponse,
    AlbFixedResponseContentType,
    AlbListenerRule,
    AlbRedirect,
    AlbRedirectProtocol,
    AlbRedirectStatusCode,
    AlbUnauthenticatedRequest,
} from "./args";
import { albLimits } from "./limits";

/** The HTTPS listener's port: a redirect to it from a rule on that listener changes nothing. */
export const HTTPS_PORT = 443;

/** Host names: letters, digits, `-`, `.` and wildcards, at least one `.`, only letters after the last one. */
const HOST_HEADER = /^[A-Za-z0-9.*?-]*\.[A-Za-z]+$/;
const HOST_HEADER_ALLOWED = `a host name of at most ${albLimits.hostHeaderLength} characters: letters, digits, "-", "." and wildcards "*" and "?", with at least one "." and only letters after the last one`;
const PATH_PATTERN = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;
const PATH_PATTERN_ALLOWED = `a path pattern of 1..${albLimits.pathPatternLength} characters: letters, digits, _-.$/~"'@:+& and wildcards "*" and "?"`;
/** RFC 7230's token characters, less the `*` that ELB would read as a wildcard, which header names may not have. */
const HEADER_NAME = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/;
const HTTP_METHOD = /^[A-Z_-]+$/;
const HTTP_METHOD_ALLOWED = `an HTTP method of 1..${albLimits.httpMethodLength} characters A-Z, "-" and "_" (case-sensitive, e.g. GET)`;
const HTTPS_URL_ALLOWED = "a full https:// URL (protocol, domain and path)";
const COGNITO_USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[a-z0-9-]+_[0-9A-Za-z]+$/;

/** The values of each condition a rule sets, by its field path; a list condition contributes its list. */
function conditionValues(rule: AlbListenerRule): { path: string; values: unknown }[] {
    const lists = (["hostHeaders", "pathPatterns", "httpRequestMethods", "sourceIps"] as const)
        .filter((field) => rule[field] !== undefined)
        .map((field) => ({ path: field, values: rule[field] as unknown }));
    const headers = (rule.httpHeaders ?? []).map((h, i) => ({ path: `httpHeaders.${i}.values`, values: h?.values }));
    const queries = (rule.queryStrings ?? []).map((q, i) => ({ path: `queryStrings.${i}.values`, values: q?.values }));
    return [...lists, ...headers, ...queries];
}

/** Strings in which ELB counts wildcards: host, path, header values and query keys and values. */
function wildcardTexts(rule: AlbListenerRule): string[] {
    const queryTexts = (rule.queryStrings ?? []).flatMap((q) => (q?.values ?? []).flatMap((m) => [m?.key, m?.value]));
    // A `\` escapes a literal * or ? in a query string; elsewhere there is no escape.
    const unescaped = queryTexts.map((t) => (typeof t === "string" ? t.replace(/\\[*?]/g, "") : t));
    return [
        ...(rule.hostHeaders ?? []),
        ...(rule.pathPatterns ?? []),
        ...(rule.httpHeaders ?? []).flatMap((h) => h?.values ?? []),
        ...unescaped,
    ].filter((t): t is string => typeof t === "string");
}

/**
 * A rule's conditions: at least one; each list 1..3 values, each value within ELB's length and character
 * set; at most `room` values in all (5, less one when the origin secret's header condition is added) and
 * 5 wildcards. Values that are Outputs count towards the totals and are checked once they resolve.
 */
export function checkRuleConditions(p: Problems, at: string, rule: AlbListenerRule, room: number): void {
    const conditions = conditionValues(rule);
    if (conditions.length === 0) {
        p.add(
            at,
            {},
            "a rule with at least one condition (hostHeaders, pathPatterns, httpHeaders, httpRequestMethods, queryStrings or sourceIps)",
        );
        return;
    }
    const per = albLimits.valuesPerCondition;
    for (const { path, values } of conditions) {
        const ok = Array.isArray(values) && values.length >= 1 && values.length <= per;
        p.require(ok, `${at}.${path}`, values, `1 to ${per} values`);
    }
    const eachValue = <T>(field: string, list: T[] | undefined, check: (path: string, value: T) => void) =>
        (Array.isArray(list) ? list : []).forEach((v, i) => {
            if (!isDeferred(v)) check(`${at}.${field}.${i}`, v);
        });
    const patterned = [
        ["hostHeaders", albLimits.hostHeaderLength, HOST_HEADER, HOST_HEADER_ALLOWED],
        ["pathPatterns", albLimits.pathPatternLength, PATH_PATTERN, PATH_PATTERN_ALLOWED],
        ["httpRequestMethods", albLimits.httpMethodLength, HTTP_METHOD, HTTP_METHOD_ALLOWED],
    ] as const;
    for (const [field, max, pattern, allowed] of patterned) {
        eachValue<unknown>(field, rule[field], (path, value) =>
            p.require(typeof value === "string" && value.length <= max && pattern.test(value), path, value, allowed),
        );
    }
    eachValue("sourceIps", rule.sourceIps, (path, cidr) =>
        p.require(
            isIpCidr(cidr),
            path,
            cidr,
            "an IPv4 or IPv6 address in CIDR form, e.g. 192.0.2.0/24 or 2001:db8::/32",
        ),
    );
    (rule.httpHeaders ?? []).forEach((header, i) => {
        const name = header?.name;
        const nameOk =
            typeof name === "string" &&
            name.length <= albLimits.httpHeaderNameLength &&
            HEADER_NAME.test(name) &&
            name.toLowerCase() !== "host";
        p.require(
            nameOk,
            `${at}.httpHeaders.${i}.name`,
            name,
            `an HTTP header name of 1..${albLimits.httpHeaderNameLength} RFC 7230 token characters without wildcards, other than Host (use hostHeaders)`,
        );
        eachValue(`httpHeaders.${i}.values`, header?.values, (path, value) => checkConditionText(p, path, value));
    });
    (rule.queryStrings ?? []).forEach((query, i) =>
        eachValue(`queryStrings.${i}.values`, query?.values, (path, match) => {
            if (match?.key !== undefined) checkConditionText(p, `${path}.key`, match.key);
            checkConditionText(p, `${path}.value`, match?.value);
        }),
    );

    const total = conditions.reduce((n, c) => n + (Array.isArray(c.values) ? c.values.length : 0), 0);
    const origin = room < albLimits.valuesPerRule ? " (the origin header takes one of the 5)" : "";
    p.require(total <= room, at, total, `a rule with at most ${room} condition values in all${origin}`);
    const wildcards = wildcardTexts(rule).reduce((n, t) => n + (t.match(/[*?]/g)?.length ?? 0), 0);
    p.require(
        wildcards <= albLimits.wildcardsPerRule,
        at,
        wildcards,
        `a rule with at most ${albLimits.wildcardsPerRule} wildcards ("*" and "?") in its conditions`,
    );
}

function checkConditionText(p: Problems, path: string, value: unknown): void {
    const max = albLimits.conditionValueLength;
    p.require(
        typeof value === "string" && value.length >= 1 && value.length <= max,
        path,
        value,
        `a string of 1..${max} characters`,
    );
}

/** `192.0.2.0/24` or `2001:db8::/32`: an address and a prefix length that fits it. */
function isIpCidr(value: unknown): boolean {
    if (typeof value !== "string") return false;
    const [address, prefix, ...rest] = value.split("/");
    if (rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
    if (isIPv4(address)) return Number(prefix) <= 32;
    return isIPv6(address) && Number(prefix) <= 128;
}

/** The routing actions a rule sets: ELB requires exactly one, and it runs last. */
export function routingActionsOf(rule: AlbListenerRule): string[] {
    return (["forward", "redirect", "fixedResponse"] as const).filter((action) => rule[action] !== undefined);
}

/**
 * A redirect from the HTTPS listener: a known status, parts within their lengths, never to plain HTTP
 * (ELB cannot redirect HTTPS to HTTP), and a change of host, port or path: a redirect to the same URL loops.
 */
export function checkRedirect(p: Problems, at: string, redirect: AlbRedirect): void {
    p.oneOf(`${at}.statusCode`, redirect.statusCode, Object.values(AlbRedirectStatusCode));
    if (redirect.statusCode === undefined) p.add(`${at}.statusCode`, undefined, "HTTP_301 or HTTP_302; required");
    if (redirect.protocol !== undefined) {
        p.require(
            (Object.values(AlbRedirectProtocol) as unknown[]).includes(redirect.protocol),
            `${at}.protocol`,
            redirect.protocol,
            "HTTPS or #{protocol} (ELB never redirects HTTPS to HTTP)",
        );
    }
    const max = albLimits.redirectPartLength;
    const part = (field: "host" | "path", extra: (v: string) => boolean, allowed: string) => {
        const value = redirect[field];
        if (value === undefined) return;
        const ok = typeof value === "string" && value.length >= 1 && value.length <= max && extra(value);
        p.require(ok, `${at}.${field}`, value, allowed);
    };
    part("host", () => true, `a host name of 1..${max} characters`);
    part("path", (v) => v.startsWith("/"), `an absolute path starting with "/", 1..${max} characters`);
    if (redirect.query !== undefined) {
        p.require(
            typeof redirect.query === "string" && redirect.query.length <= max && !redirect.query.startsWith("?"),
            `${at}.query`,
            redirect.query,
            `a query of at most ${max} characters, without the leading "?"`,
        );
    }
    if (redirect.port !== undefined) {
        const port = redirect.port;
        const ok =
            port === "#{port}" ||
            (typeof port === "string" &&
                /^[1-9]\d*$/.test(port) &&
                Number(port) >= albLimits.port.min &&
                Number(port) <= albLimits.port.max);
        p.require(ok, `${at}.port`, port, `a port "1".."65535" or "#{port}"`);
    }
    const changes =
        (redirect.host !== undefined && redirect.host !== "#{host}") ||
        (redirect.path !== undefined && redirect.path !== "/#{path}") ||
        (redirect.port !== undefined && redirect.port !== "#{port}" && redirect.port !== String(HTTPS_PORT));
    p.require(
        changes,
        at,
        redirect,
        `a redirect that changes the host, the port (from ${HTTPS_PORT}) or the path: one to the same URL loops, and the protocol is HTTPS either way`,
    );
}

export function checkFixedResponse(p: Problems, at: string, response: AlbFixedResponse): void {
    const status = response.statusCode;
    const ok = Number.isInteger(status) && [2, 4, 5].includes(Math.floor(status / 100)) && status < 600;
    p.require(ok, `${at}.statusCode`, status, "an HTTP status 2XX, 4XX or 5XX, e.g. 503");
    p.oneOf(`${at}.contentType`, response.contentType, Object.values(AlbFixedResponseContentType));
    if (response.messageBody !== undefined) {
        const max = albLimits.messageBodyLength;
        p.require(
            typeof response.messageBody === "string" && response.messageBody.length <= max,
            `${at}.messageBody`,
            response.messageBody,
            `a body of at most ${max} characters`,
        );
    }
}

/**
 * The rule's authenticate action, if any: at most one of the two, with every required field, https://
 * endpoints and, for OIDC, a client secret that is a Pulumi secret. `resolved` is set once Outputs have
 * resolved, when every secret is a plain string.
 */
export function checkAuthenticate(p: Problems, at: string, rule: AlbListenerRule, resolved: boolean): void {
    const { authenticateOidc: oidc, authenticateCognito: cognito } = rule;
    if (oidc && cognito) {
        p.add(at, "authenticateOidc and authenticateCognito", "a rule with at most one authenticate action");
    }
    if (oidc) {
        const path = `${at}.authenticateOidc`;
        for (const field of ["issuer", "authorizationEndpoint", "tokenEndpoint", "userInfoEndpoint"] as const)
            p.require(isHttpsUrl(oidc[field]), `${path}.${field}`, oidc[field], HTTPS_URL_ALLOWED);
        requireText(p, `${path}.clientId`, oidc.clientId, "an OAuth 2.0 client id");
        if (oidc.clientSecret === undefined || oidc.clientSecret === "") {
            p.add(`${path}.clientSecret`, oidc.clientSecret, "the OAuth 2.0 client secret; required");
        } else if (!resolved && typeof oidc.clientSecret === "string") {
            p.add(
                `${path}.clientSecret`,
                REDACTED,
                "a Pulumi secret (config.requireSecret(...) or pulumi.secret(...)), not a plain string in the program",
            );
        }
        checkSession(p, path, oidc);
    }
    if (cognito) {
        const path = `${at}.authenticateCognito`;
        p.require(
            isDeferred(cognito.userPoolArn) || COGNITO_USER_POOL_ARN.test(String(cognito.userPoolArn)),
            `${path}.userPoolArn`,
            cognito.userPoolArn,
            "a Cognito user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>)",
        );
        requireText(p, `${path}.userPoolClientId`, cognito.userPoolClientId, "a user pool client id");
        requireText(p, `${path}.userPoolDomain`, cognito.userPoolDomain, "the user pool's domain");
        checkSession(p, path, cognito);
    }
}

function checkSession(p: Problems, at: string, session: AlbAuthenticateSession): void {
    if (session.sessionTimeoutSeconds !== undefined) {
        const s = session.sessionTimeoutSeconds;
        // ELB documents 1 second as the shortest session and 7 days as its default, and no longest one.
        p.require(
            Number.isInteger(s) && s >= 1,
            `${at}.sessionTimeoutSeconds`,
            s,
            "a whole number of seconds, at least 1",
        );
    }
    p.oneOf(
        `${at}.onUnauthenticatedRequest`,
        session.onUnauthenticatedRequest,
        Object.values(AlbUnauthenticatedRequest),
    );
    if (session.scope !== undefined) requireText(p, `${at}.scope`, session.scope, "space-separated OAuth scopes");
    if (session.sessionCookieName !== undefined)
        requireText(p, `${at}.sessionCookieName`, session.sessionCookieName, "a cookie name");
    if (session.extraParams !== undefined) {
        const max = albLimits.authenticationExtraParams;
        p.require(
            Object.keys(session.extraParams).length <= max,
            `${at}.extraParams`,
            session.extraParams,
            `at most ${max} query parameters`,
        );
    }
}

function requireText(p: Problems, path: string, value: unknown, what: string): void {
    if (isDeferred(value)) return;
    p.require(typeof value === "string" && value.trim().length > 0, path, value, `${what}; required`);
}

function isHttpsUrl(value: unknown): boolean {
    if (typeof value !== "string") return false;
    try {
        const url = new URL(value);
        return url.protocol === "https:" && url.hostname.length > 0;
    } catch {
        return false;
    }
}
