import { RecordedResource, StackRecord, visibleOutputs } from "./engine";

/**
 * The version of the plan file's shape (schemas/plan.schema.json). Fields may be added within a
 * version; renaming, removing or retyping one makes a new version.
 */
export const PLAN_SCHEMA_VERSION = 1;

/** The plan file: `{ schemaVersion, stack, resources, outputs }`; the plan command adds `dr` and `policy`. */
export function planJson(record: StackRecord): Record<string, unknown> {
    return {
        schemaVersion: PLAN_SCHEMA_VERSION,
        stack: record.stack,
        resources: record.resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            parent: r.parent,
            region: r.region,
            inputs: r.inputs,
            options: {
                protect: r.options.protect,
                retainOnDelete: r.options.retainOnDelete,
                aliases: r.options.aliases,
            },
        })),
        outputs: visibleOutputs(record),
    };
}

/** An indented tree of components and their children, in registration order. */
export function resourceTree(resources: readonly RecordedResource[]): string[] {
    const children = new Map<string | null, RecordedResource[]>();
    for (const r of resources) {
        const siblings = children.get(r.parent) ?? [];
        siblings.push(r);
        children.set(r.parent, siblings);
    }
    const lines: string[] = [];
    const walk = (parent: string | null, depth: number) => {
        const sorted = [...(children.get(parent) ?? [])].sort(
            (a, b) =>
                Number(a.custom) - Number(b.custom) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
        );
        for (const r of sorted) {
            const marks = [r.region ? `@${r.region}` : "", r.options.protect ? "protected" : ""]
                .filter(Boolean)
                .join(" ");
            lines.push(
                `${"  ".repeat(depth)}${r.custom ? "-" : "+"} ${r.type} ${r.name}${marks ? `  (${marks})` : ""}`,
            );
            walk(r.urn, depth + 1);
        }
    };
    walk(null, 0);
    return lines;
}

export function countsByType(resources: readonly RecordedResource[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function formatPlan(record: StackRecord): string {
    const lines = [
        `Stack ${record.project}/${record.stack}: ${record.resources.length} resources (offline plan; nothing was deployed)`,
        "",
    ];
    lines.push(...resourceTree(record.resources), "", "Resources by type:");
    for (const [type, count] of countsByType(record.resources)) lines.push(`  ${String(count).padStart(4)}  ${type}`);
    lines.push("", "Outputs:");
    for (const [key, value] of Object.entries(visibleOutputs(record))) lines.push(`  ${key}: ${JSON.stringify(value)}`);
    return lines.join("\n");
}
