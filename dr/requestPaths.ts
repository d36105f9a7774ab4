import { formatSeconds } from "./format";
import { Term } from "./levers";
import { DrModelInput, DrPart, DrRequestPath } from "./model";

/** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html */
const ORIGIN_FAILOVER_SOURCE =
    "CloudFront origin group: connectionAttempts × connectionTimeout + responseTimeout, per request, no DNS TTL " +
    "(CloudFront Developer Guide, optimizing high availability with origin failover)";

/** Parts that only Route 53 failover pays: its detection and the resolvers' cached answer. */
const isDnsPart = (part: DrPart) => part.name.startsWith("detect (Route 53") || part.name.startsWith("dns (");

/**
 * The read and write paths of a stack with a CDN. The read path swaps Route 53's detection and TTL for
 * CloudFront's per-request origin failover; whatever the surviving region still needs afterwards
 * (scaling out, restoring or promoting data) it pays like the write path, since the secondary origin
 * serves with what it has. Undefined without a CDN: every request then takes the write path.
 */
export function requestPaths(input: DrModelInput, rto: readonly Term[]): DrRequestPath[] | undefined {
    const cdn = input.cdn;
    if (!cdn) return undefined;
    const objective = input.objectives.rtoSeconds.value;
    const failover = cdn.connectionAttempts * cdn.connectionTimeoutSeconds + cdn.responseTimeoutSeconds;
    const originPart: DrPart = {
        objective: "rto",
        name: "origin failover (CloudFront, per request)",
        seconds: failover,
        expectedSeconds: failover,
        source: `${ORIGIN_FAILOVER_SOURCE}: ${cdn.connectionAttempts} × ${cdn.connectionTimeoutSeconds} s + ${cdn.responseTimeoutSeconds} s`,
        assumption: false,
        path: cdn.path,
    };
    const all = rto.map((t) => t.part);
    const readParts = [originPart, ...all.filter((p) => !isDnsPart(p))];
    const path = (name: "read" | "write", requests: string, parts: DrPart[]): DrRequestPath => {
        const seconds = parts.reduce((total, p) => total + p.seconds, 0);
        return {
            path: name,
            requests,
            verdict: seconds <= objective ? "met" : "not met",
            rtoSeconds: seconds,
            objectiveSeconds: objective,
            parts,
        };
    };
    const uncached = cdn.uncachedPaths.length > 0 ? cdn.uncachedPaths.join(", ") : "no path";
    return [
        path(
            "read",
            `GET, HEAD and OPTIONS on every path but ${uncached} (CloudFront fails over only these methods)`,
            readParts,
        ),
        path(
            "write",
            `every request on ${uncached}, which accept PUT, POST, PATCH and DELETE (through the Route 53 failover name)`,
            all,
        ),
    ];
}

/** One line per path, for the plan's text report. */
export function requestPathLines(paths: readonly DrRequestPath[]): string[] {
    return paths.map(
        (p) =>
            `${p.path} path: ${formatSeconds(p.rtoSeconds)} worst case against ${formatSeconds(p.objectiveSeconds)} (${p.verdict}); ${p.requests}`,
    );
}
