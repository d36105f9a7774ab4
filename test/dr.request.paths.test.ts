/* eslint-disable @typescript-eslint/no-explicit-any -- raw stack config is untyped YAML, patched field by field */
import { describe, expect, it } from "vitest";
import { drReport } from "../dr";
import { DataStoreInput, replicatedStores } from "../dr/dataStores";
import { requestPathLines } from "../dr/requestPaths";
import type { DrPart, DrRequestPath } from "../dr/model";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { stackConfig } from "../tools/engine";

/** A shipped stack's config, with the CDN settings replaced and any other section patched. */
function stackInput(stack: string, cdn: Record<string, unknown>, patch: (raw: Record<string, any>) => void = () => {}) {
    const raw = structuredClone(readRawConfig(stackConfig(stack).values)) as Record<string, any>;
    patch(raw);
    return drModelInput(contextFor(parseStackConfig(stack, { ...raw, cdn }), stack));
}
const prodInput = (cdn: Record<string, unknown>, patch?: (raw: Record<string, any>) => void) =>
    stackInput("prod", cdn, patch);
const names = (path: DrRequestPath) => path.parts.map((p) => p.name);
/** Route 53's detection and the resolvers' cached answer: every trigger, raise and witness is counted from them. */
const ROUTE53_DETECTION = /^detect \(Route 53|^dns \(/;
/** The standby's own Route 53 check gates the failover record only: CloudFront asks the origin directly. */
const STANDBY_CHECK = /^standby healthy/;
/** The write path's parts that a read waiting for more than the origin failover also waits for. */
const likeAWrite = (write: DrRequestPath) => write.parts.filter((p) => !STANDBY_CHECK.test(p.name) && p.seconds > 0);
const bySeconds = (parts: readonly DrPart[]) => parts.map((p) => `${p.name}: ${p.seconds}`);

describe("the DR report's read and write paths", () => {
    it("gives the read path CloudFront's per-request failover instead of Route 53 detection and TTL", () => {
        const report = drReport(prodInput({ enabled: true, uncachedPaths: ["/api/*"] }));
        const [read, write] = report.requestPaths!;
        expect(read.path).toBe("read");
        expect(read.parts[0]).toMatchObject({
            name: "origin failover (CloudFront, per request)",
            seconds: 2 * (3 + 10),
        });
        expect(read.parts.some((p) => p.name.startsWith("detect (Route 53") || p.name.startsWith("dns ("))).toBe(false);
        expect(write.rtoSeconds).toBe(report.achieved.rtoSeconds);
        // prod's read path pays neither Route 53 (48 s detection, 60 s TTL) nor the Aurora promotion and what starts
        // it: see the warm-standby case below. CloudFront retries a response timeout as often as a connection
        // (ConnectionAttempts, API Origin), so each of the 2 attempts may take 3 s to connect and 10 s to time out.
        expect(read.rtoSeconds).toBe(26);
        expect(read.requests).toContain("GET, HEAD and OPTIONS");
        // The plan's text names what the read waits for; the write path is the RTO printed above it.
        const [readLine, writeLine] = requestPathLines(report.requestPaths!);
        expect(readLine).toMatch(
            /^read path: 26s worst case against \S+ \(met\) = origin failover \(CloudFront, per request\) 26s; /,
        );
        expect(writeLine).toContain("(met) = the RTO above; ");
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
        expect(read.parts[0].seconds).toBe(3 * (10 + 120));
        expect(read.verdict).toBe("not met");
        expect(report.findings.some((f) => f.path.endsWith(":cdn") && f.achievedSeconds === read.rtoSeconds)).toBe(
            true,
        );
    });

    it("blames the CDN's timeouts only when they are what tips the read path over", () => {
        // Headless: the read path waits for the start of the recovery and the promotion too, over a 20 m objective with or
        // without CloudFront's 26 s: the regional findings name those terms, the CDN section is not the fix.
        const headless = prodInput({ enabled: true }, (raw) => {
            raw.data.databases.main.secondaryInstances = 0;
            raw.dr.objectives.rto = "20m";
        });
        const report = drReport(headless);
        expect(report.requestPaths!.find((p) => p.path === "read")!.verdict).toBe("not met");
        expect(report.findings.some((f) => f.path.endsWith(":cdn"))).toBe(false);
        expect(report.findings.some((f) => f.severity === "error")).toBe(true);
    });

    it("has no request paths without a CDN", () => {
        expect(drReport(prodInput({ enabled: false })).requestPaths).toBeUndefined();
    });
});

/**
 * What a read through CloudFront's origin group needs from the surviving region, case by case. CloudFront
 * sends a failed GET to the secondary origin at once; the read is answered only if that region can already
 * read its data and run the app. Each case argues from AWS's documented behaviour.
 */
describe("the read path counts only what a read waits for", () => {
    it("warm standby (prod): Aurora readers, replica bucket and global table serve reads without promotion or trigger", () => {
        // Aurora Replicas "support only read operations" and a secondary cluster keeps them
        // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.html); a replica bucket serves
        // GETs (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html); every global table replica
        // serves reads (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html).
        const report = drReport(prodInput({ enabled: true }));
        const [read, write] = report.requestPaths!;
        expect(names(read)).toEqual(["origin failover (CloudFront, per request)"]);
        // Writes still wait for whatever starts the Aurora global failover (a person or the automation), and the
        // failover itself; reads wait for neither.
        const beyondRoute53 = write.parts.filter((p) => !ROUTE53_DETECTION.test(p.name));
        expect(names(write)).toContain("data recovery (promote Aurora Global Database)");
        expect(beyondRoute53.length).toBeGreaterThanOrEqual(2);
        expect(report.premises.map((p) => p.name)).toContain(
            "the application reads the recovery region's own replicas",
        );
    });

    it("a headless Aurora secondary: reads wait for the recovery's start, an instance and the promotion, like writes", () => {
        // A headless secondary is a cluster "without a DB instance"
        // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attach.console.headless.html):
        // nothing answers a query until one is added.
        const input = prodInput({ enabled: true }, (raw) => {
            raw.data.databases.main.secondaryInstances = 0;
        });
        const [read, write] = drReport(input).requestPaths!;
        const data = read.parts.find((p) => p.name.startsWith("data recovery"))!;
        expect(data.name).toBe("data recovery (promote Aurora Global Database, headless secondary)");
        expect(data.seconds).toBe(600 + 900);
        // The promotion starts from Route 53's answer (the DNS witness), so the read waits for Route 53's detection and
        // the resolvers' cache like a write, and pays CloudFront's per-request failover on top.
        expect(bySeconds(read.parts.slice(1))).toEqual(bySeconds(likeAWrite(write)));
        expect(names(read)).toEqual(expect.arrayContaining(["detect (Route 53 health check)", "dns (resolver cache)"]));
        expect(read.rtoSeconds).toBe(2 * (3 + 10) + likeAWrite(write).reduce((t, p) => t + p.seconds, 0));
    });

    it("a type whose only copy is an AWS Backup recovery point: reads wait for its restore", () => {
        const prod = prodInput({ enabled: true });
        const input = {
            ...prod,
            backedUp: {
                ...prod.backedUp,
                types: [
                    ...prod.backedUp.types,
                    { resourceType: "EBS", restoreSeconds: { value: 7200, path: "ebs" }, declared: true },
                ],
            },
        };
        const [read, write] = drReport(input).requestPaths!;
        const restore = read.parts.find((p) => p.name.startsWith("restore ("))!;
        expect(restore.seconds).toBe(7200);
        expect(restore.slowestOf?.find((c) => c.name === "Aurora")?.seconds).toBe(0);
        // And for whatever starts that restore, like a write.
        expect(bySeconds(read.parts.slice(1))).toEqual(bySeconds(likeAWrite(write)));
    });

    it("pilot light (staging): the fleets launch and the data comes back before a read is answered", () => {
        const report = drReport(
            stackInput("staging", { enabled: true }, (raw) => {
                raw.alb.originVerifyHeader = "X-Origin-Verify";
                // Behind a CDN no probe reaches the primary and Route 53 never answers with an unraised standby, so
                // config refuses a pilot light's automation there (config/checks.ts): a person raises it.
                delete raw.dr.failover;
            }),
        );
        const [read, write] = report.requestPaths!;
        expect(names(read)[0]).toBe("origin failover (CloudFront, per request)");
        expect(names(read)).toEqual(expect.arrayContaining([expect.stringMatching(/^capacity \(launch from zero/)]));
        expect(names(write)).toContain("standby healthy (its own Route 53 check)");
        expect(names(read).some((n) => STANDBY_CHECK.test(n))).toBe(false);
        // Its EBS volumes come back only from AWS Backup copies, and its Aurora secondary is headless: reads wait for
        // all of it, like writes (the person is paged on Route 53's detection), less the standby's own check.
        expect(names(read)).toContain("restore (restore the data from AWS Backup copies in us-west-2)");
        const standbyCheck = write.parts.find((p) => STANDBY_CHECK.test(p.name))!;
        expect(bySeconds(read.parts.slice(1))).toEqual(bySeconds(likeAWrite(write)));
        expect(read.rtoSeconds).toBe(write.rtoSeconds - standbyCheck.seconds + 2 * (3 + 10));
    });

    it("backup-restore gains nothing from replicas: the stack is rebuilt before any read", () => {
        const input = { ...prodInput({ enabled: true }), strategy: "backup-restore" as const };
        const [read, write] = drReport(input).requestPaths!;
        expect(read.parts.slice(1)).toEqual(likeAWrite(write));
        expect(drReport(input).premises.map((p) => p.name)).not.toContain(
            "the application reads the recovery region's own replicas",
        );
    });

    it("a type reads in place only when every store of it does", () => {
        const database = (name: string, headless: boolean): DataStoreInput => ({
            kind: "database",
            name,
            replicated: true,
            replicationLag: { value: 60, path: "lag", declared: false },
            promotion: { value: 600, path: "promotion", declared: false },
            headlessLaunch: headless ? { value: 900, path: "launch", declared: false } : undefined,
        });
        expect(replicatedStores([database("a", false)])[0].readsInPlace).toMatch(/Aurora.Overview/);
        expect(replicatedStores([database("a", false), database("b", true)])[0].readsInPlace).toBeUndefined();
        expect(replicatedStores([database("b", true), database("a", false)])[0].readsInPlace).toBeUndefined();
    });
});
