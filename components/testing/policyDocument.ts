/**
 * Renders `aws.iam.getPolicyDocument` inputs to the JSON the provider returns. Like the provider, a
 * list of one action, resource or principal becomes a plain string, and the statement keys appear
 * in the provider's order. Only the fields this project uses are modelled.
 */
type Statement = {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    notPrincipals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
};

const one = (xs: string[]) => (xs.length === 1 ? xs[0] : xs);

function principals(list: { type: string; identifiers: string[] }[]): unknown {
    if (list.length === 1 && list[0].type === "*") return "*";
    const out: Record<string, unknown> = {};
    for (const p of list) out[p.type] = one(p.identifiers);
    return out;
}

export function renderPolicyDocument(inputs: Record<string, unknown>): string {
    const statements = ((inputs.statements as Statement[] | undefined) ?? []).map((s) => {
        const out: Record<string, unknown> = {};
        if (s.sid) out.Sid = s.sid;
        out.Effect = s.effect ?? "Allow";
        if (s.actions?.length) out.Action = one(s.actions);
        if (s.notActions?.length) out.NotAction = one(s.notActions);
        if (s.resources?.length) out.Resource = one(s.resources);
        if (s.notResources?.length) out.NotResource = one(s.notResources);
        if (s.principals?.length) out.Principal = principals(s.principals);
        if (s.notPrincipals?.length) out.NotPrincipal = principals(s.notPrincipals);
        if (s.conditions?.length) {
            const cond: Record<string, Record<string, unknown>> = {};
            for (const c of s.conditions) (cond[c.test] ??= {})[c.variable] = one(c.values);
            out.Condition = cond;
        }
        return out;
    });
    return JSON.stringify(
        { Version: (inputs.version as string | undefined) ?? "2012-10-17", Statement: statements },
        null,
        2,
    );
}
