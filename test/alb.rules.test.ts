import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    AlbFixedResponseContentType,
    AlbListenerRule,
    AlbRedirectStatusCode,
    AlbUnauthenticatedRequest,
    MultiAzAlb,
    MultiAzAlbArgs,
    validateAlbArgs,
} from "../components/alb";
import { InvalidInputError } from "../components/internal";
import { constraintViolations } from "../components/testing";
import { evaluateStack, stackConfig } from "../tools/engine";
import { albArgs, buildAlb, CERT } from "./alb.fixtures";
import { ofType, one, run, runExpectingError } from "./harness";

const RULE = "aws:lb/listenerRule:ListenerRule";
const CERTIFICATE = "aws:lb/listenerCertificate:ListenerCertificate";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

const oidc = {
    issuer: "https://login.example.com",
    authorizationEndpoint: "https://login.example.com/authorize",
    tokenEndpoint: "https://login.example.com/token",
    userInfoEndpoint: "https://login.example.com/userinfo",
    clientId: "alb-client",
    clientSecret: pulumi.secret("oidc-client-s3cret"),
};
const cognito = {
    userPoolArn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123",
    userPoolClientId: "1example23456789",
    userPoolDomain: "auth-example",
};

/** A valid ALB with one rule `r`, whose fields `over` replaces (a path condition and a forward to blue). */
const withRule = (over: Partial<AlbListenerRule>, args: Partial<MultiAzAlbArgs> = {}) =>
    albArgs({
        listenerRules: {
            r: { priority: 10, pathPatterns: ["/x/*"], forward: { targetGroups: { blue: 1 } }, ...over },
        },
        ...args,
    });

const CERT_2 = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

describe("MultiAzAlb listener rules", () => {
    it("declares every condition type ELB has, one block each, in the provider's shape", async () => {
        const record = await run(
            buildAlb(
                withRule({
                    pathPatterns: undefined,
                    hostHeaders: ["*.example.com"],
                    httpHeaders: [{ name: "X-Tenant", values: ["gold"] }],
                    httpRequestMethods: ["POST"],
                    queryStrings: [{ values: [{ key: "version", value: "v2" }] }],
                    sourceIps: ["2001:db8::/32"],
                }),
            ),
        );
        expect(one(record, RULE, "web-rule-r").inputs.conditions).toEqual([
            { hostHeader: { values: ["*.example.com"] } },
            { httpHeader: { httpHeaderName: "X-Tenant", values: ["gold"] } },
            { httpRequestMethod: { values: ["POST"] } },
            { queryStrings: [{ key: "version", value: "v2" }] },
            { sourceIp: { values: ["2001:db8::/32"] } },
        ]);
    });

    it("redirects and answers fixed responses, with ELB's defaults for what is left out", async () => {
        const record = await run(
            buildAlb(
                albArgs({
                    listenerRules: {
                        moved: {
                            priority: 1,
                            pathPatterns: ["/old/*"],
                            redirect: { statusCode: AlbRedirectStatusCode.Permanent, path: "/new/#{path}" },
                        },
                        maintenance: {
                            priority: 2,
                            hostHeaders: ["down.example.com"],
                            fixedResponse: {
                                statusCode: 503,
                                contentType: AlbFixedResponseContentType.ApplicationJson,
                                messageBody: '{"status":"maintenance"}',
                            },
                        },
                        gone: { priority: 3, pathPatterns: ["/retired"], fixedResponse: { statusCode: 410 } },
                    },
                }),
            ),
        );
        expect(one(record, RULE, "web-rule-moved").inputs.actions).toEqual([
            { type: "redirect", redirect: { statusCode: "HTTP_301", path: "/new/#{path}" } },
        ]);
        expect(one(record, RULE, "web-rule-maintenance").inputs.actions).toEqual([
            {
                type: "fixed-response",
                fixedResponse: {
                    statusCode: "503",
                    contentType: "application/json",
                    messageBody: '{"status":"maintenance"}',
                },
            },
        ]);
        expect(one(record, RULE, "web-rule-gone").inputs.actions).toEqual([
            { type: "fixed-response", fixedResponse: { statusCode: "410", contentType: "text/plain" } },
        ]);
    });

    it("authenticates with OIDC before the forward, keeps the client secret secret and lets the ALB reach the IdP", async () => {
        const record = await run(
            buildAlb(
                withRule({
                    authenticateOidc: {
                        ...oidc,
                        sessionTimeoutSeconds: 3600,
                        onUnauthenticatedRequest: AlbUnauthenticatedRequest.Deny,
                    },
                }),
            ),
        );
        const actions = one(record, RULE, "web-rule-r").inputs.actions as Record<string, unknown>[];
        expect(actions.map((a) => [a.type, a.order])).toEqual([
            ["authenticate-oidc", 1],
            ["forward", 2],
        ]);
        expect(actions[0].authenticateOidc).toEqual({
            issuer: oidc.issuer,
            authorizationEndpoint: oidc.authorizationEndpoint,
            tokenEndpoint: oidc.tokenEndpoint,
            userInfoEndpoint: oidc.userInfoEndpoint,
            clientId: "alb-client",
            clientSecret: "[secret]",
            sessionTimeout: 3600,
            onUnauthenticatedRequest: "deny",
        });
        expect(JSON.stringify(record.resources)).not.toContain("oidc-client-s3cret");
        const idp = one(record, EGRESS, "web-alb-to-idp-443");
        expect(idp.inputs).toMatchObject({ cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443, ipProtocol: "tcp" });
        expect(idp.inputs.securityGroupId).toBe(record.outputs.albSecurityGroupId.value);
    });

    it("authenticates with a Cognito user pool before a fixed response too, and opens no egress without authentication", async () => {
        const record = await run(
            buildAlb(
                withRule({ forward: undefined, fixedResponse: { statusCode: 200 }, authenticateCognito: cognito }),
            ),
        );
        expect(one(record, RULE, "web-rule-r").inputs.actions).toEqual([
            { type: "authenticate-cognito", order: 1, authenticateCognito: cognito },
            { type: "fixed-response", order: 2, fixedResponse: { statusCode: "200", contentType: "text/plain" } },
        ]);
        const plain = await run(buildAlb(withRule({})));
        expect(ofType(plain, EGRESS).map((e) => e.name)).not.toContain("web-alb-to-idp-443");
    });

    it("hands out the rules it made by key", async () => {
        let rules: string[] = [];
        await run(async () => {
            const alb = new MultiAzAlb("web", withRule({}));
            rules = Object.keys(alb.listenerRules);
            return {};
        });
        expect(rules).toEqual(["r"]);
    });
});

/** Rule values ELB refuses, each with the message the component gives before anything is created. */
const refused: [string, MultiAzAlbArgs, string][] = [
    [
        "a rule with two routing actions",
        withRule({ fixedResponse: { statusCode: 404 } }),
        'listenerRules.r must be a rule with exactly one of forward, redirect and fixedResponse (its routing action), got ["forward","fixedResponse"]',
    ],
    [
        "a rule with no routing action",
        withRule({ forward: undefined }),
        "listenerRules.r must be a rule with exactly one of forward, redirect and fixedResponse (its routing action), got []",
    ],
    [
        "a host over 128 characters",
        withRule({ hostHeaders: [`${"a".repeat(125)}.com`] }),
        "listenerRules.r.hostHeaders.0 must be a host name of at most 128 characters",
    ],
    [
        "a host with no dot",
        withRule({ hostHeaders: ["localhost"] }),
        'listenerRules.r.hostHeaders.0 must be a host name of at most 128 characters: letters, digits, "-", "." and wildcards "*" and "?", with at least one "." and only letters after the last one, got "localhost"',
    ],
    [
        "a host with an underscore",
        withRule({ hostHeaders: ["my_app.example.com"] }),
        "listenerRules.r.hostHeaders.0 must be a host name",
    ],
    [
        "a path over 128 characters",
        withRule({ pathPatterns: [`/${"p".repeat(128)}`] }),
        "listenerRules.r.pathPatterns.0 must be a path pattern of 1..128 characters",
    ],
    [
        "a path with a space",
        withRule({ pathPatterns: ["/a b"] }),
        'listenerRules.r.pathPatterns.0 must be a path pattern of 1..128 characters: letters, digits, _-.$/~"\'@:+& and wildcards "*" and "?", got "/a b"',
    ],
    [
        "a Host header condition",
        withRule({ httpHeaders: [{ name: "Host", values: ["a.example.com"] }] }),
        'listenerRules.r.httpHeaders.0.name must be an HTTP header name of 1..40 RFC 7230 token characters without wildcards, other than Host (use hostHeaders), got "Host"',
    ],
    [
        "a header name over 40 characters",
        withRule({ httpHeaders: [{ name: "X".repeat(41), values: ["v"] }] }),
        "listenerRules.r.httpHeaders.0.name must be an HTTP header name of 1..40",
    ],
    [
        "a wildcard header name",
        withRule({ httpHeaders: [{ name: "X-*", values: ["v"] }] }),
        'listenerRules.r.httpHeaders.0.name must be an HTTP header name of 1..40 RFC 7230 token characters without wildcards, other than Host (use hostHeaders), got "X-*"',
    ],
    [
        "a header value over 128 characters",
        withRule({ httpHeaders: [{ name: "X-A", values: ["v".repeat(129)] }] }),
        "listenerRules.r.httpHeaders.0.values.0 must be a string of 1..128 characters",
    ],
    [
        "a lowercase method",
        withRule({ httpRequestMethods: ["get"] }),
        'listenerRules.r.httpRequestMethods.0 must be an HTTP method of 1..40 characters A-Z, "-" and "_" (case-sensitive, e.g. GET), got "get"',
    ],
    [
        "an empty query value",
        withRule({ queryStrings: [{ values: [{ key: "v", value: "" }] }] }),
        'listenerRules.r.queryStrings.0.values.0.value must be a string of 1..128 characters, got ""',
    ],
    [
        "a source address without a prefix",
        withRule({ sourceIps: ["192.0.2.1"] }),
        'listenerRules.r.sourceIps.0 must be an IPv4 or IPv6 address in CIDR form, e.g. 192.0.2.0/24 or 2001:db8::/32, got "192.0.2.1"',
    ],
    [
        "an IPv6 prefix over 128",
        withRule({ sourceIps: ["2001:db8::/129"] }),
        "listenerRules.r.sourceIps.0 must be an IPv4 or IPv6 address in CIDR form",
    ],
    [
        "4 query matches in one condition",
        withRule({ queryStrings: [{ values: ["a", "b", "c", "d"].map((value) => ({ value })) }] }),
        "listenerRules.r.queryStrings.0.values must be 1 to 3 values",
    ],
    [
        "6 values across four conditions",
        withRule({
            hostHeaders: ["a.example.com", "b.example.com"],
            httpRequestMethods: ["GET", "HEAD"],
            sourceIps: ["10.0.0.0/8"],
        }),
        "listenerRules.r must be a rule with at most 5 condition values in all, got 6",
    ],
    [
        "5 values when the origin header takes one",
        withRule(
            { hostHeaders: ["a.example.com", "b.example.com"], httpRequestMethods: ["GET", "HEAD"] },
            { originVerify: { headerName: "X-Origin-Verify", value: pulumi.secret("s") } },
        ),
        "listenerRules.r must be a rule with at most 4 condition values in all (the origin header takes one of the 5), got 5",
    ],
    [
        "6 wildcards in one rule",
        withRule({ hostHeaders: ["*.*.example.com"], pathPatterns: ["/*/*/*/*"] }),
        'listenerRules.r must be a rule with at most 5 wildcards ("*" and "?") in its conditions, got 6',
    ],
    [
        "a redirect to the same URL",
        withRule({
            forward: undefined,
            redirect: {
                statusCode: "HTTP_302",
                protocol: "HTTPS",
                port: "443",
                host: "#{host}",
                path: "/#{path}",
                query: "a=1",
            },
        }),
        "listenerRules.r.redirect must be a redirect that changes the host, the port (from 443) or the path: one to the same URL loops, and the protocol is HTTPS either way",
    ],
    [
        "a redirect to plain HTTP",
        withRule({
            forward: undefined,
            redirect: { statusCode: "HTTP_301", protocol: "HTTP" as "HTTPS", host: "example.com" },
        }),
        'listenerRules.r.redirect.protocol must be HTTPS or #{protocol} (ELB never redirects HTTPS to HTTP), got "HTTP"',
    ],
    [
        "a redirect status of 307",
        withRule({ forward: undefined, redirect: { statusCode: "HTTP_307" as "HTTP_301", host: "example.com" } }),
        'listenerRules.r.redirect.statusCode must be one of HTTP_301, HTTP_302, got "HTTP_307"',
    ],
    [
        "a redirect path without a slash",
        withRule({ forward: undefined, redirect: { statusCode: "HTTP_301", path: "new" } }),
        'listenerRules.r.redirect.path must be an absolute path starting with "/", 1..128 characters, got "new"',
    ],
    [
        "a redirect port of 0",
        withRule({ forward: undefined, redirect: { statusCode: "HTTP_301", port: "0" } }),
        'listenerRules.r.redirect.port must be a port "1".."65535" or "#{port}", got "0"',
    ],
    [
        "a redirect query over 128 characters",
        withRule({
            forward: undefined,
            redirect: { statusCode: "HTTP_301", host: "example.com", query: "q".repeat(129) },
        }),
        "listenerRules.r.redirect.query must be a query of at most 128 characters",
    ],
    [
        "a fixed response of 302",
        withRule({ forward: undefined, fixedResponse: { statusCode: 302 } }),
        "listenerRules.r.fixedResponse.statusCode must be an HTTP status 2XX, 4XX or 5XX, e.g. 503, got 302",
    ],
    [
        "a fixed response of 600",
        withRule({ forward: undefined, fixedResponse: { statusCode: 600 } }),
        "listenerRules.r.fixedResponse.statusCode must be an HTTP status 2XX, 4XX or 5XX, e.g. 503, got 600",
    ],
    [
        "an XML fixed response",
        withRule({
            forward: undefined,
            fixedResponse: { statusCode: 200, contentType: "application/xml" as "text/plain" },
        }),
        'listenerRules.r.fixedResponse.contentType must be one of text/plain, text/css, text/html, application/javascript, application/json, got "application/xml"',
    ],
    [
        "a fixed response body over 1024 characters",
        withRule({ forward: undefined, fixedResponse: { statusCode: 503, messageBody: "x".repeat(1025) } }),
        "listenerRules.r.fixedResponse.messageBody must be a body of at most 1024 characters",
    ],
    [
        "an OIDC client secret in plain text",
        withRule({ authenticateOidc: { ...oidc, clientSecret: "plain-s3cret" } }),
        "listenerRules.r.authenticateOidc.clientSecret must be a Pulumi secret (config.requireSecret(...) or pulumi.secret(...)), not a plain string in the program, got [secret]",
    ],
    [
        "an OIDC endpoint over HTTP",
        withRule({ authenticateOidc: { ...oidc, tokenEndpoint: "http://login.example.com/token" } }),
        'listenerRules.r.authenticateOidc.tokenEndpoint must be a full https:// URL (protocol, domain and path), got "http://login.example.com/token"',
    ],
    [
        "both authenticate actions",
        withRule({ authenticateOidc: oidc, authenticateCognito: cognito }),
        'listenerRules.r must be a rule with at most one authenticate action, got "authenticateOidc and authenticateCognito"',
    ],
    [
        "a session of 0 seconds",
        withRule({ authenticateCognito: { ...cognito, sessionTimeoutSeconds: 0 } }),
        "listenerRules.r.authenticateCognito.sessionTimeoutSeconds must be a whole number of seconds, at least 1, got 0",
    ],
    [
        "a user pool that is not an ARN",
        withRule({ authenticateCognito: { ...cognito, userPoolArn: "us-east-1_AbCdEf123" } }),
        'listenerRules.r.authenticateCognito.userPoolArn must be a Cognito user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>), got "us-east-1_AbCdEf123"',
    ],
    [
        "11 extra authentication parameters",
        withRule({
            authenticateCognito: {
                ...cognito,
                extraParams: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, "v"])),
            },
        }),
        "listenerRules.r.authenticateCognito.extraParams must be at most 10 query parameters",
    ],
    [
        "101 rules",
        albArgs({
            listenerRules: Object.fromEntries(
                Array.from({ length: 101 }, (_, i) => [
                    `r${i}`,
                    { priority: i + 1, pathPatterns: [`/${i}`], forward: { targetGroups: { blue: 1 } } },
                ]),
            ),
        }),
        "listenerRules must be at most 100 rules on the ALB, the origin-verify rules included (quotas.rulesPerLoadBalancer, AWS's adjustable quota), got 101",
    ],
    // SNI certificates
    [
        "an SNI certificate in another region",
        albArgs({ additionalCertificates: { shop: CERT_2.replace("us-east-1", "eu-west-1") } }),
        `additionalCertificates.shop must be an ACM certificate in us-east-1, the ALB's region, got "${CERT_2.replace("us-east-1", "eu-west-1")}"`,
    ],
    [
        "an SNI certificate that is not an ACM ARN",
        albArgs({ additionalCertificates: { shop: "arn:aws:iam::123456789012:server-certificate/shop" } }),
        'additionalCertificates.shop must be an ACM certificate ARN, got "arn:aws:iam::123456789012:server-certificate/shop"',
    ],
    [
        "the default certificate again",
        albArgs({ additionalCertificates: { again: CERT } }),
        `additionalCertificates.again must be a certificate not already on the listener (certificateArn has it), got "${CERT}"`,
    ],
    [
        "26 SNI certificates",
        albArgs({
            additionalCertificates: Object.fromEntries(
                Array.from({ length: 26 }, (_, i) => [`c${i}`, CERT_2.replace(/5{12}$/, String(i).padStart(12, "0"))]),
            ),
        }),
        "additionalCertificates must be at most 25 certificates besides the default one (quotas.certificatesPerLoadBalancer, AWS's adjustable quota), got 26",
    ],
];

describe("MultiAzAlb listener rule and certificate validation", () => {
    for (const [label, args, message] of refused) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(buildAlb(args));
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error.message).toContain(`MultiAzAlb "web": ${message}`);
            expect(registered).toEqual([]);
        });
    }

    it("never prints an OIDC client secret, even a plain one", () => {
        const problems = validateAlbArgs(
            withRule({ authenticateOidc: { ...oidc, clientSecret: "plain-s3cret" } }),
            "us-east-1",
        );
        expect(JSON.stringify(problems.map((p) => [p.path, String(p.value), p.allowed]))).not.toContain("plain-s3cret");
    });

    it("accepts ELB's bounds exactly, and a raised quota", () => {
        const edge = withRule({
            pathPatterns: undefined,
            hostHeaders: [`${"a".repeat(124)}.com`, "?.example.com"],
            httpHeaders: [{ name: "X-Api_Key.v1!", values: ["*"] }],
            sourceIps: ["0.0.0.0/0", "::/0"],
            forward: undefined,
            redirect: { statusCode: "HTTP_302", port: "8443", query: "q".repeat(128) },
        });
        expect(validateAlbArgs(edge, "us-east-1")).toEqual([]);
        const many = albArgs({
            quotas: { certificatesPerLoadBalancer: 30 },
            additionalCertificates: Object.fromEntries(
                Array.from({ length: 26 }, (_, i) => [`c${i}`, CERT_2.replace(/5{12}$/, String(i).padStart(12, "0"))]),
            ),
        });
        expect(validateAlbArgs(many, "us-east-1")).toEqual([]);
        // Once an Output has resolved, a secret is a plain string: that is no problem then.
        const resolved = withRule({ authenticateOidc: { ...oidc, clientSecret: "resolved-secret" } });
        expect(validateAlbArgs(resolved, "us-east-1", { resolved: true })).toEqual([]);
    });
});

describe("MultiAzAlb SNI certificates", () => {
    it("attaches each extra certificate to the HTTPS listener, named by its key", async () => {
        let handed: string[] = [];
        const record = await run(async () => {
            const alb = new MultiAzAlb(
                "web",
                albArgs({
                    additionalCertificates: { shop: CERT_2, late: pulumi.output(CERT_2.replace("5555", "6666")) },
                }),
            );
            handed = Object.keys(alb.listenerCertificates);
            return { https: alb.httpsListenerArn };
        });
        const certificates = ofType(record, CERTIFICATE);
        expect(certificates.map((c) => [c.name, c.inputs.certificateArn])).toEqual([
            ["web-cert-shop", CERT_2],
            ["web-cert-late", CERT_2.replace("5555", "6666")],
        ]);
        expect(certificates.every((c) => c.inputs.listenerArn === record.outputs.https.value)).toBe(true);
        expect(handed).toEqual(["shop", "late"]);
    });
});

describe("the offline engine refuses listener rules ELB refuses", () => {
    const rule = (over: Record<string, unknown>) => ({
        priority: 1,
        conditions: [{ pathPattern: { values: ["/a"] } }],
        actions: [{ type: "fixed-response", fixedResponse: { statusCode: "200", contentType: "text/plain" } }],
        ...over,
    });
    const paths = (inputs: Record<string, unknown>) => constraintViolations(RULE, inputs).map((v) => v.path);

    it("refuses each bound the component checks, at its path", () => {
        expect(paths(rule({}))).toEqual([]);
        expect(paths(rule({ conditions: [] }))).toEqual(["conditions"]);
        expect(
            paths(rule({ conditions: [{ pathPattern: { values: ["/a"] } }, { pathPattern: { values: ["/b"] } }] })),
        ).toEqual(["conditions"]);
        expect(paths(rule({ conditions: [{ hostHeader: { values: ["a.b.c", "d.e.f", "g.h.i", "j.k.l"] } }] }))).toEqual(
            ["conditions"],
        );
        expect(paths(rule({ conditions: [{ hostHeader: { values: ["localhost"] } }] }))).toEqual([
            "conditions.0.hostHeader.values.0",
        ]);
        expect(paths(rule({ conditions: [{ httpHeader: { httpHeaderName: "host", values: ["x"] } }] }))).toEqual([
            "conditions.0.httpHeader.httpHeaderName",
        ]);
        expect(paths(rule({ conditions: [{ httpRequestMethod: { values: ["get"] } }] }))).toEqual([
            "conditions.0.httpRequestMethod.values.0",
        ]);
        expect(paths(rule({ conditions: [{ sourceIp: { values: ["10.0.0.1"] } }] }))).toEqual([
            "conditions.0.sourceIp.values.0",
        ]);
        expect(paths(rule({ conditions: [{ queryStrings: [{ value: "q".repeat(129) }] }] }))).toEqual([
            "conditions.0.queryStrings.0.value",
        ]);
        expect(
            paths(
                rule({
                    actions: [
                        { type: "fixed-response", fixedResponse: { statusCode: "302", messageBody: "x".repeat(1025) } },
                    ],
                }),
            ),
        ).toEqual(["actions.0.fixedResponse.statusCode", "actions.0.fixedResponse.messageBody"]);
        expect(
            paths(rule({ actions: [{ type: "redirect", redirect: { statusCode: "HTTP_308", path: "new" } }] })),
        ).toEqual(["actions.0.redirect.statusCode", "actions.0.redirect.path"]);
        expect(paths(rule({ actions: [{ type: "authenticate-cognito", order: 1 }] }))).toEqual(["actions"]);
        expect(
            paths(
                rule({
                    actions: [
                        { type: "forward", order: 1 },
                        { type: "authenticate-oidc", order: 2, authenticateOidc: { issuer: "http://x" } },
                    ],
                }),
            ),
        ).toEqual(["actions", "actions.1.authenticateOidc.issuer"]);
    });

    it("fails a hand-made rule, an authenticating HTTP listener and a foreign SNI certificate", async () => {
        const { error } = await runExpectingError(() => {
            new aws.lb.ListenerRule(
                "bad",
                rule({
                    listenerArn: "arn:l",
                    conditions: [{ httpRequestMethod: { values: ["get"] } }],
                }) as aws.lb.ListenerRuleArgs,
            );
        });
        expect(error.message).toContain("conditions.0.httpRequestMethod.values.0");
        expect(error.message).toContain("API_HttpRequestMethodConditionConfig.html");
        expect(
            constraintViolations("aws:lb/listener:Listener", {
                protocol: "HTTP",
                defaultActions: [
                    { type: "authenticate-oidc", order: 1 },
                    { type: "forward", order: 2 },
                ],
            }).map((v) => v.path),
        ).toEqual(["defaultActions.0.type"]);
        expect(
            constraintViolations(CERTIFICATE, { region: "eu-west-1", certificateArn: CERT }).map((v) => v.allowed),
        ).toEqual(["an ACM certificate ARN (or an IAM server certificate's), in the listener's region"]);
    });
});

describe("listener rules from a stack file", () => {
    const devAlb = () => JSON.parse(stackConfig("dev").values["pulumi-aws-dr:alb"]);

    it("passes redirects, fixed responses and every condition from the stack config to each ALB", async () => {
        const listenerRules = {
            status: {
                priority: 5,
                hostHeaders: ["status.example.com"],
                httpRequestMethods: ["GET"],
                fixedResponse: { statusCode: 503, contentType: "application/json", messageBody: '{"up":false}' },
            },
            legacy: {
                priority: 6,
                pathPatterns: ["/old/*"],
                redirect: { statusCode: "HTTP_301", path: "/new/#{path}" },
            },
        };
        const record = await evaluateStack("dev", {
            configOverrides: { "pulumi-aws-dr:alb": { ...devAlb(), listenerRules } },
        });
        const rules = ofType(record, RULE);
        const status = rules.filter((r) => r.name.endsWith("-rule-status"));
        expect(status.length).toBeGreaterThan(0);
        for (const rule of status) {
            expect(rule.inputs.actions).toEqual([
                {
                    type: "fixed-response",
                    fixedResponse: { statusCode: "503", contentType: "application/json", messageBody: '{"up":false}' },
                },
            ]);
        }
        expect(rules.filter((r) => r.name.endsWith("-rule-legacy")).map((r) => r.inputs.actions)).toContainEqual([
            { type: "redirect", redirect: { statusCode: "HTTP_301", path: "/new/#{path}" } },
        ]);
    });

    it("refuses a value ELB would refuse before the program runs, naming the stack and the config path", async () => {
        const error = await evaluateStack("dev", {
            configOverrides: {
                "pulumi-aws-dr:alb": {
                    ...devAlb(),
                    listenerRules: {
                        gone: { priority: 5, pathPatterns: ["/gone"], fixedResponse: { statusCode: 302 } },
                    },
                },
            },
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toBe(
            'stack "dev": pulumi-aws-dr:alb.listenerRules.gone.fixedResponse.statusCode must be an HTTP status 2XX, 4XX or 5XX, e.g. 503, got 302',
        );
    });
});
