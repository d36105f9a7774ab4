/**
 * A Mermaid flowchart of what a stack declares, drawn from the recorded resources (not from the
 * config), so it shows what would be deployed: regions, ALBs and their weighted target groups, the
 * DNS records with their routing roles, and the backup vaults with their copy arrows.
 */
import { RecordedResource, StackRecord } from "./engine";

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const id = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
const label = (text: string) => `"${text.replace(/"/g, "'")}"`;

interface Forward {
    targetGroups?: { arn?: string; weight?: number }[];
}

/** The target group name inside a target group ARN: `...:targetgroup/<name>/<id>`. */
const tgName = (arn: unknown) => (typeof arn === "string" ? /:targetgroup\/([^/]+)\//.exec(arn)?.[1] : undefined);
/** Region and vault name inside a vault ARN. */
const vaultOf = (arn: unknown) => (typeof arn === "string" ? /^arn:[\w-]+:backup:([a-z0-9-]+):\d+:backup-vault:(.+)$/.exec(arn) : null);

function routingRole(record: RecordedResource): string {
    const i = record.inputs;
    const failover = list(i.failoverRoutingPolicies)[0];
    if (failover) return String(failover.type);
    const weighted = list(i.weightedRoutingPolicies)[0];
    if (weighted) return `weight ${weighted.weight}`;
    const latency = list(i.latencyRoutingPolicies)[0];
    if (latency) return `latency ${latency.region}`;
    return "alias";
}

export function mermaidDiagram(record: StackRecord): string {
    const of = (type: string) => record.resources.filter((r) => r.type === type);
    const lbs = of("aws:lb/loadBalancer:LoadBalancer");
    const tgs = of("aws:lb/targetGroup:TargetGroup");
    const vaults = of("aws:backup/vault:Vault");
    const lines = ["flowchart LR", `  users((Users))`];

    const aRecords = of("aws:route53/record:Record").filter((r) => r.inputs.type === "A");
    const fqdn = String(aRecords[0]?.inputs.name ?? "");
    lines.push(`  subgraph dns[${label(`Route 53: ${fqdn}`)}]`);
    for (const r of aRecords) lines.push(`    ${id("rec", r.name)}[${label(`A ${routingRole(r)}${r.inputs.healthCheckId ? ", health-checked" : ""}`)}]`);
    lines.push("  end", "  users --> dns");

    const regions = [...new Set([...lbs, ...vaults].map((r) => r.region ?? "global"))].sort();
    for (const region of regions) {
        lines.push(`  subgraph ${id("region", region)}[${label(region)}]`);
        for (const lb of lbs.filter((r) => r.region === region)) lines.push(`    ${id("alb", lb.name)}[${label(`ALB ${lb.inputs.name}`)}]`);
        // Physical names are hashed to fit 32 characters; the logical name ends in the group's key.
        for (const tg of tgs.filter((r) => r.region === region)) lines.push(`    ${id("tg", String(tg.inputs.name))}[${label(`target group ${/-tg-(.+)$/.exec(tg.name)?.[1] ?? tg.name}`)}]`);
        for (const v of vaults.filter((r) => r.region === region)) lines.push(`    ${id("vault", region, String(v.inputs.name))}[(${label(`vault ${v.inputs.name}`)})]`);
        lines.push("  end");
    }

    for (const r of aRecords) {
        const target = String(list(r.inputs.aliases)[0]?.name ?? "");
        const lb = lbs.find((l) => target.startsWith(`${l.inputs.name}-`) || target.startsWith(`internal-${l.inputs.name}-`));
        lines.push(`  ${id("rec", r.name)} --> ${lb ? id("alb", lb.name) : id("ext", r.name)}`);
        if (!lb) lines.push(`  ${id("ext", r.name)}[${label(target)}]`);
    }

    const listeners = of("aws:lb/listener:Listener").filter((l) => l.inputs.protocol === "HTTPS");
    const rules = of("aws:lb/listenerRule:ListenerRule");
    for (const lb of lbs) {
        const listener = listeners.find((l) => l.parent === lb.parent && l.region === lb.region);
        if (!listener) continue;
        const edges: { forward: Forward; what: string }[] = list(listener.inputs.defaultActions)
            .filter((a) => a.type === "forward")
            .map((a) => ({ forward: a.forward as Forward, what: "default" }));
        for (const rule of rules.filter((r) => r.parent === lb.parent && r.region === lb.region)) {
            const paths = list(rule.inputs.conditions).flatMap((c) => ((c.pathPattern as Obj | undefined)?.values as string[] | undefined) ?? []);
            const hosts = list(rule.inputs.conditions).flatMap((c) => ((c.hostHeader as Obj | undefined)?.values as string[] | undefined) ?? []);
            for (const a of list(rule.inputs.actions).filter((a) => a.type === "forward")) {
                edges.push({ forward: a.forward as Forward, what: [...hosts, ...paths].join(" ") || `rule ${rule.inputs.priority}` });
            }
        }
        for (const { forward, what } of edges) {
            for (const group of forward.targetGroups ?? []) {
                const name = tgName(group.arn);
                if (name) lines.push(`  ${id("alb", lb.name)} -->|${label(`${what}: weight ${group.weight}`)}| ${id("tg", name)}`);
            }
        }
    }

    for (const plan of of("aws:backup/plan:Plan")) {
        const copies = new Map<string, string[]>();
        for (const rule of list(plan.inputs.rules)) {
            const source = `${plan.region}/${rule.targetVaultName}`;
            for (const copy of list(rule.copyActions)) {
                const dest = vaultOf(copy.destinationVaultArn);
                if (!dest) continue;
                const key = `${source}>${dest[1]}/${dest[2]}`;
                copies.set(key, [...(copies.get(key) ?? []), String(rule.ruleName)]);
            }
        }
        for (const [key, ruleNames] of copies) {
            const [from, to] = key.split(">").map((v) => v.split("/"));
            lines.push(`  ${id("vault", from[0], from[1])} -.->|${label(`copy: ${ruleNames.join(", ")}`)}| ${id("vault", to[0], to[1])}`);
        }
    }
    return lines.join("\n");
}

/** The diagram as a Markdown file. */
export function diagramMarkdown(record: StackRecord): string {
    return `<!-- generated by: npm run plan -- --stack ${record.stack} --diagram <file.md> -->\n\`\`\`mermaid\n${mermaidDiagram(record)}\n\`\`\`\n`;
}
