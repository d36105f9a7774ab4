/**
 * A Mermaid flowchart of what a stack declares, drawn from the recorded resources (not from the
 * config), so it shows what would be deployed: regions, ALBs and their weighted target groups, the
 * DNS records with their routing roles, the backup vaults with their copy arrows, and the data stores
 * with their replication arrows and lag bounds.
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
const vaultOf = (arn: unknown) =>
    typeof arn === "string" ? /^arn:[\w-]+:backup:([a-z0-9-]+):\d+:backup-vault:(.+)$/.exec(arn) : null;

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

interface DataStores {
    /** Node lines by region. */
    readonly nodes: Map<string, string[]>;
    readonly edges: string[];
}

/**
 * The data tier: replicated buckets, DynamoDB tables and their replicas, Aurora clusters, each with a
 * replication arrow labelled with the bound the DR report counts (or "no bound" where AWS gives none).
 */
function dataStores(record: StackRecord): DataStores {
    const of = (type: string) => record.resources.filter((r) => r.type === type);
    const nodes = new Map<string, string[]>();
    const add = (region: string | null, line: string) =>
        nodes.set(region ?? "global", [...(nodes.get(region ?? "global") ?? []), line]);
    const edges: string[] = [];
    const buckets = of("aws:s3/bucket:Bucket");
    const bucketByArn = (arn: unknown) =>
        buckets.find((b) => typeof arn === "string" && arn.endsWith(`:::${String(b.inputs.bucket)}`));
    const shown = new Set<string>();
    const showBucket = (b: RecordedResource) => {
        if (!shown.has(b.urn)) add(b.region, `    ${id("bucket", b.name)}[(${label(`bucket ${b.name}`)})]`);
        shown.add(b.urn);
    };
    for (const config of of("aws:s3/bucketReplicationConfig:BucketReplicationConfig")) {
        const source = buckets.find((b) => b.inputs.bucket === config.inputs.bucket);
        if (!source) continue;
        showBucket(source);
        for (const rule of list(config.inputs.rules)) {
            const destination = (rule.destination ?? {}) as Obj;
            const target = bucketByArn(destination.bucket);
            if (!target) continue;
            showBucket(target);
            const rtc = ((destination.replicationTime ?? {}) as Obj).status === "Enabled";
            edges.push(
                `  ${id("bucket", source.name)} ==>|${label(rtc ? "S3 RTC: 15 min for 99.99 %" : "S3 replication: no bound")}| ${id("bucket", target.name)}`,
            );
        }
    }
    for (const table of of("aws:dynamodb/table:Table")) {
        add(
            table.region,
            `    ${id("table", table.region ?? "", table.name)}[(${label(`table ${table.inputs.name}`)})]`,
        );
        for (const replica of list(table.inputs.replicas)) {
            const region = String(replica.regionName);
            add(region, `    ${id("table", region, table.name)}[(${label(`replica ${table.inputs.name}`)})]`);
            const lag = replica.consistencyMode === "STRONG" ? "MRSC: no loss" : "global table: typical lag, no bound";
            edges.push(
                `  ${id("table", table.region ?? "", table.name)} <==>|${label(lag)}| ${id("table", region, table.name)}`,
            );
        }
    }
    const clusters = of("aws:rds/cluster:Cluster");
    const instances = of("aws:rds/clusterInstance:ClusterInstance");
    const groups = of("aws:rds/clusterParameterGroup:ClusterParameterGroup");
    for (const cluster of clusters) {
        const count = instances.filter(
            (i) =>
                i.region === cluster.region &&
                i.parent === cluster.parent &&
                String(i.name).startsWith(`${cluster.name}-`),
        ).length;
        add(
            cluster.region,
            `    ${id("db", cluster.name)}[(${label(`Aurora ${cluster.name}: ${count === 0 ? "headless" : `${count} instance${count === 1 ? "" : "s"}`}`)})]`,
        );
    }
    const primaries = clusters.filter((c) => c.inputs.masterUsername !== undefined);
    for (const primary of primaries) {
        const bound = list(
            groups.find((g) => g.region === primary.region && g.parent === primary.parent)?.inputs.parameters,
        ).find((p) => p.name === "rds.global_db_rpo");
        for (const secondary of clusters.filter((c) => c !== primary && c.parent === primary.parent)) {
            edges.push(
                `  ${id("db", primary.name)} ==>|${label(bound ? `Aurora global: at most ${String(bound.value)} s (rds.global_db_rpo)` : "Aurora global: typical lag, no bound")}| ${id("db", secondary.name)}`,
            );
        }
    }
    return { nodes, edges };
}

export function mermaidDiagram(record: StackRecord): string {
    const of = (type: string) => record.resources.filter((r) => r.type === type);
    const lbs = of("aws:lb/loadBalancer:LoadBalancer");
    const tgs = of("aws:lb/targetGroup:TargetGroup");
    const vaults = of("aws:backup/vault:Vault");
    const lines = ["flowchart LR", `  users((Users))`];

    const aRecords = of("aws:route53/record:Record").filter((r) => r.inputs.type === "A");
    // With a CDN, the name users resolve is the one aliased to the distribution.
    const front =
        aRecords.find((r) => String(list(r.inputs.aliases)[0]?.name ?? "").endsWith(".cloudfront.net")) ?? aRecords[0];
    const fqdn = String(front?.inputs.name ?? "");
    lines.push(`  subgraph dns[${label(`Route 53: ${fqdn}`)}]`);
    for (const r of aRecords)
        lines.push(
            `    ${id("rec", r.name)}[${label(`A ${routingRole(r)}${r.inputs.healthCheckId ? ", health-checked" : ""}`)}]`,
        );
    lines.push("  end", "  users --> dns");

    const data = dataStores(record);
    const regions = [
        ...new Set([...lbs, ...vaults].map((r) => r.region ?? "global").concat([...data.nodes.keys()])),
    ].sort();
    for (const region of regions) {
        lines.push(`  subgraph ${id("region", region)}[${label(region)}]`);
        for (const lb of lbs.filter((r) => r.region === region))
            lines.push(`    ${id("alb", lb.name)}[${label(`ALB ${lb.inputs.name}`)}]`);
        // Physical names are hashed to fit 32 characters; the logical name ends in the group's key.
        for (const tg of tgs.filter((r) => r.region === region))
            lines.push(
                `    ${id("tg", String(tg.inputs.name))}[${label(`target group ${/-tg-(.+)$/.exec(tg.name)?.[1] ?? tg.name}`)}]`,
            );
        for (const v of vaults.filter((r) => r.region === region))
            lines.push(`    ${id("vault", region, String(v.inputs.name))}[(${label(`vault ${v.inputs.name}`)})]`);
        lines.push(...(data.nodes.get(region) ?? []));
        lines.push("  end");
    }

    const cdn = of("aws:cloudfront/distribution:Distribution")[0];
    if (cdn) lines.push(...cdnLines(cdn, aRecords));
    for (const acl of of("aws:wafv2/webAcl:WebAcl")) {
        // Behind CloudFront a REGIONAL rate rule counts the forwarded client address, not the edge server's.
        const rate = list(acl.inputs.rules)
            .map((r) => (r.statement as Obj | undefined)?.rateBasedStatement as Obj | undefined)
            .find((statement) => statement !== undefined);
        const forwarded = rate?.aggregateKeyType === "FORWARDED_IP" ? (rate.forwardedIpConfig as Obj) : undefined;
        const per = forwarded ? ` per ${forwarded.headerName} address` : " per IP";
        lines.push(`  ${id("waf", acl.name)}{{${label(`WAF ${acl.inputs.scope}: managed rules + rate limit${per}`)}}}`);
        if (acl.inputs.scope === "CLOUDFRONT" && cdn) lines.push(`  ${id("waf", acl.name)} -.- cdn`);
        // A REGIONAL web ACL of this stack guards the ALB of its region (the stack makes one per ALB).
        if (acl.inputs.scope === "REGIONAL")
            for (const lb of lbs.filter((l) => l.region === acl.region))
                lines.push(`  ${id("waf", acl.name)} -.- ${id("alb", lb.name)}`);
    }

    for (const r of aRecords) {
        const target = String(list(r.inputs.aliases)[0]?.name ?? "");
        if (cdn && target.endsWith(".cloudfront.net")) {
            lines.push(`  ${id("rec", r.name)} --> cdn`);
            continue;
        }
        const lb = lbs.find(
            (l) => target.startsWith(`${l.inputs.name}-`) || target.startsWith(`internal-${l.inputs.name}-`),
        );
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
            const paths = list(rule.inputs.conditions).flatMap(
                (c) => ((c.pathPattern as Obj | undefined)?.values as string[] | undefined) ?? [],
            );
            const hosts = list(rule.inputs.conditions).flatMap(
                (c) => ((c.hostHeader as Obj | undefined)?.values as string[] | undefined) ?? [],
            );
            for (const a of list(rule.inputs.actions).filter((a) => a.type === "forward")) {
                edges.push({
                    forward: a.forward as Forward,
                    what: [...hosts, ...paths].join(" ") || `rule ${rule.inputs.priority}`,
                });
            }
        }
        for (const { forward, what } of edges) {
            for (const group of forward.targetGroups ?? []) {
                const name = tgName(group.arn);
                if (name)
                    lines.push(
                        `  ${id("alb", lb.name)} -->|${label(`${what}: weight ${group.weight}`)}| ${id("tg", name)}`,
                    );
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
            lines.push(
                `  ${id("vault", from[0], from[1])} -.->|${label(`copy: ${ruleNames.join(", ")}`)}| ${id("vault", to[0], to[1])}`,
            );
        }
    }
    lines.push(...data.edges);
    return lines.join("\n");
}

/**
 * The distribution and where its origins lead: the origin group's members (reads, failing over per
 * request) and the write origin (the Route 53 failover name), each to the A records of that name.
 */
function cdnLines(cdn: RecordedResource, aRecords: readonly RecordedResource[]): string[] {
    const origins = list(cdn.inputs.origins);
    const group = list(cdn.inputs.originGroups)[0];
    const members = list(group?.members).map((m) => String(m.originId));
    const lines = [`  cdn[${label(`CloudFront: origin group ${members.join(" then ")}`)}]`];
    for (const origin of origins) {
        const member = members.indexOf(String(origin.originId));
        const how = member === 0 ? "reads" : member > 0 ? "reads on failover" : "writes, uncached paths";
        for (const r of aRecords.filter((a) => a.inputs.name === origin.domainName)) {
            lines.push(`  cdn ${member > 0 ? "-.->" : "-->"}|${label(how)}| ${id("rec", r.name)}`);
        }
    }
    return lines;
}

/** The diagram as a Markdown file. */
export function diagramMarkdown(record: StackRecord): string {
    return `<!-- generated by: npm run plan -- --stack ${record.stack} --diagram <file.md> -->\n\`\`\`mermaid\n${mermaidDiagram(record)}\n\`\`\`\n`;
}
