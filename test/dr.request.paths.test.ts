import { describe, expect, it } from "vitest";
import { drReport } from "../dr";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { stackConfig } from "../tools/engine";

/** prod's config, with the CDN settings replaced. */
function prodInput(cdn: Record<string, unknown>) {
    const raw = readRawConfig(stackConfig("prod").values);
    return drModelInput(contextFor(parseStackConfig("prod", { ...raw, cdn }), "prod"));
}

describe("the DR report's read and write paths", () => {
    it("gives the read path CloudFront's per-request failover instead of Route 53 detection and TTL", () => {
        const report = drReport(prodInput({ enabled: true, uncachedPaths: ["/api/*"] }));
        const [read, write] = report.requestPaths!;
        expect(read.path).toBe("read");
        expect(read.parts[0]).toMatchObject({ name: "origin failover (CloudFront, per request)", seconds: 2 * 3 + 10 });
        expect(read.parts.some((p) => p.name.startsWith("detect (Route 53") || p.name.startsWith("dns ("))).toBe(false);
        expect(write.rtoSeconds).toBe(report.achieved.rtoSeconds);
        expect(read.rtoSeconds).toBe(write.rtoSeconds - 30 - 60 + 16);
        expect(read.requests).toContain("GET, HEAD and OPTIONS");
        expect(write.requests).toContain("/api/*");
        // The existing fields stay.
        expect(report).toHaveProperty("achieved.rtoSeconds");
        expect(report).toHaveProperty("disruptions");
    });

    it("flags a read path slower than the objective at the cdn section", () => {
        const raw = prodInput({
            enabled: true,
            connectionAttempts: 3,
            connectionTimeoutSeconds: 10,
            responseTimeoutSeconds: 120,
        });
        const input = {
            ...raw,
            objectives: { ...raw.objectives, rtoSeconds: { ...raw.objectives.rtoSeconds, value: 60 } },
        };
        const report = drReport(input);
        const read = report.requestPaths!.find((p) => p.path === "read")!;
        expect(read.parts[0].seconds).toBe(150);
        expect(read.verdict).toBe("not met");
        expect(report.findings.some((f) => f.path.endsWith(":cdn") && f.achievedSeconds === read.rtoSeconds)).toBe(
            true,
        );
    });

    it("has no request paths without a CDN", () => {
        expect(drReport(prodInput({ enabled: false })).requestPaths).toBeUndefined();
    });
});
