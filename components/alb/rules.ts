/** A listener rule's conditions and actions in the provider's shape. Pure; no resources. */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { albDefaults, AlbAuthenticateSession, AlbForward, AlbListenerRule } from "./args";
import { definedFields } from "./healthCheck";

type Condition = aws.types.input.lb.ListenerRuleCondition;
type Action = aws.types.input.lb.ListenerRuleAction;

/** The rule's conditions, one block each (a request must match all of them), hosts and paths first. */
export function ruleConditions(rule: AlbListenerRule): Condition[] {
    return [
        ...(rule.hostHeaders ? [{ hostHeader: { values: rule.hostHeaders } }] : []),
        ...(rule.pathPatterns ? [{ pathPattern: { values: rule.pathPatterns } }] : []),
        ...(rule.httpHeaders ?? []).map((h) => ({ httpHeader: { httpHeaderName: h.name, values: h.values } })),
        ...(rule.httpRequestMethods ? [{ httpRequestMethod: { values: rule.httpRequestMethods } }] : []),
        ...(rule.queryStrings ?? []).map((q) => ({
            queryStrings: q.values.map((m) =>
                m.key === undefined ? { value: m.value } : { key: m.key, value: m.value },
            ),
        })),
        ...(rule.sourceIps ? [{ sourceIp: { values: rule.sourceIps } }] : []),
    ];
}

/**
 * The rule's actions: its authenticate action first when it has one, then its one routing action, which
 * ELB requires to come last (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Action.html).
 * A rule without authentication keeps a single action with no order, as it always had.
 */
export function ruleActions(rule: AlbListenerRule, forward: (f: AlbForward) => Action): Action[] {
    const routing = routingAction(rule, forward);
    const authenticate = authenticateAction(rule);
    return authenticate
        ? [
              { ...authenticate, order: 1 },
              { ...routing, order: 2 },
          ]
        : [routing];
}

function routingAction(rule: AlbListenerRule, forward: (f: AlbForward) => Action): Action {
    if (rule.redirect) {
        const { statusCode, protocol, host, port, path, query } = rule.redirect;
        return { type: "redirect", redirect: { statusCode, ...definedFields({ protocol, host, port, path, query }) } };
    }
    if (rule.fixedResponse) {
        const { statusCode, contentType, messageBody } = rule.fixedResponse;
        return {
            type: "fixed-response",
            fixedResponse: {
                statusCode: String(statusCode),
                contentType: contentType ?? albDefaults.fixedResponseContentType,
                ...definedFields({ messageBody }),
            },
        };
    }
    // Validation guarantees exactly one routing action, so a rule that reaches here forwards.
    return forward(rule.forward!);
}

function authenticateAction(rule: AlbListenerRule): Action | undefined {
    const oidc = rule.authenticateOidc;
    if (oidc) {
        return {
            type: "authenticate-oidc",
            authenticateOidc: {
                issuer: oidc.issuer,
                authorizationEndpoint: oidc.authorizationEndpoint,
                tokenEndpoint: oidc.tokenEndpoint,
                userInfoEndpoint: oidc.userInfoEndpoint,
                clientId: oidc.clientId,
                // Kept encrypted in the state whatever the caller passed (a plain string is refused earlier).
                clientSecret: pulumi.secret(oidc.clientSecret),
                ...sessionSettings(oidc),
            },
        };
    }
    const cognito = rule.authenticateCognito;
    if (cognito) {
        return {
            type: "authenticate-cognito",
            authenticateCognito: {
                userPoolArn: cognito.userPoolArn,
                userPoolClientId: cognito.userPoolClientId,
                userPoolDomain: cognito.userPoolDomain,
                ...sessionSettings(cognito),
            },
        };
    }
    return undefined;
}

function sessionSettings(session: AlbAuthenticateSession) {
    return definedFields({
        scope: session.scope,
        sessionCookieName: session.sessionCookieName,
        sessionTimeout: session.sessionTimeoutSeconds,
        onUnauthenticatedRequest: session.onUnauthenticatedRequest,
        authenticationRequestExtraParams: session.extraParams,
    });
}

/** True when some rule logs users in: the ALB then calls the identity provider's endpoints over HTTPS. */
export function authenticates(rules: Record<string, AlbListenerRule> | undefined): boolean {
    return Object.values(rules ?? {}).some(
        (r) => r.authenticateOidc !== undefined || r.authenticateCognito !== undefined,
    );
}
