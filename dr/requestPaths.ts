import { originFailoverSeconds } from "../components/internal";
import { formatSeconds } from "./format";
import { Term } from "./levers";
import { DrModelInput, DrPart, DrPremise, DrRequestPath } from "./model";
import { rtoTerms } from "./terms";

const ORIGIN_FAILOVER_SOURCE =
    "CloudFront origin group: connectionAttempts × (connectionTimeout + responseTimeout), per request, no DNS TTL: " +
    "it fails over when it cannot connect or the response times out " +
    "(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html), " +
    "and for a custom origin ConnectionAttempts is also the number of tries after a response timeout " +
    "(https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html)";

/**
 * Route 53's parts: its detection, the resolvers' cached answer, and a standby's own health check. CloudFront
 * reaches each region's ALB through a plain alias record of its own, not the failover records, so the standby's
 * own check never delays a read. Detection and the cached answer delay a read only when something else the read
 * waits for starts after them: every trigger, raise and witness term is counted from Route 53's detection (a
 * person paged by it, the automation reading Route 53's answer), so those keep them on the read path.
 */
const isRoute53Part = (part: DrPart) => part.name.startsWith("detect (Route 53") || part.name.startsWith("dns (");
const isStandbyCheck = (part: DrPart) => part.name.startsWith("standby healthy");

/**
 * The stack as a read sees it. A replica that serves reads where it is (an Aurora secondary with reader
 * instances, a replica bucket, a global table replica) needs no promotion before the surviving region
 * answers a GET, so its type's data term is 0 and, when no other type needs one, no one has to start a data
 * recovery either. A headless Aurora secondary, and any type whose only copy is an AWS Backup recovery
 * point, still does: reads wait for it like writes. backup-restore rebuilds everything first.
 */
function asReads(input: DrModelInput): DrModelInput {
    if (input.strategy === "backup-restore" || !input.replicatedStores) return input;
    return {
        ...input,
        replicatedStores: input.replicatedStores.map((store) =>
            store.readsInPlace
                ? {
                      ...store,
                      mechanism: `${store.mechanism}, read in place`,
                      promotionSeconds: { ...store.promotionSeconds, value: 0 },
                      assumption: false,
                      source: store.readsInPlace,
                  }
                : store,
        ),
    };
}

/**
 * The read and write paths of a stack with a CDN. A read that the surviving region can answer at once pays
 * CloudFront's per-request origin failover alone; one that waits for more (launching or scaling its fleets, a
 * promotion or restore for data it cannot read yet, and the person or automation that starts them) also waits
 * for the Route 53 detection those are counted from, like the write path, less the standby's own check. The write path is the regional RTO as it is. Undefined without a
 * CDN: every request then takes the write path.
 */
export function requestPaths(input: DrModelInput, rto: readonly Term[]): DrRequestPath[] | undefined {
    const cdn = input.cdn;
    if (!cdn) return undefined;
    const objective = input.objectives.rtoSeconds.value;
    const failover = originFailoverSeconds(cdn);
    const originPart: DrPart = {
        objective: "rto",
        name: "origin failover (CloudFront, per request)",
        seconds: failover,
        expectedSeconds: failover,
        source: `${ORIGIN_FAILOVER_SOURCE}: ${cdn.connectionAttempts} × (${cdn.connectionTimeoutSeconds} s + ${cdn.responseTimeoutSeconds} s)`,
        assumption: false,
        path: cdn.path,
    };
    // A term the read does not wait for is 0 s (a replica read in place): it is left out rather than listed.
    const waits = rtoTerms(asReads(input))
        .map((t) => t.part)
        .filter((p) => !isStandbyCheck(p) && p.seconds > 0);
    const beyondRoute53 = waits.filter((p) => !isRoute53Part(p));
    const readParts = [originPart, ...(beyondRoute53.length > 0 ? waits : [])];
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
            rto.map((t) => t.part),
        ),
    ];
}

/**
 * What the read path takes for granted where a replica is read in place: that the application reads its own
 * region's copy, the way the stack hands them to the fleets (each region's reader endpoint, bucket and table).
 */
export function readPathPremises(input: DrModelInput): DrPremise[] {
    if (!input.cdn || input.strategy === "backup-restore") return [];
    const inPlace = (input.replicatedStores ?? []).filter((s) => s.readsInPlace);
    if (inPlace.length === 0) return [];
    return [
        {
            name: "the application reads the recovery region's own replicas",
            source: `the read path counts no promotion for ${inPlace.map((s) => s.resourceType).join(", ")}: it holds while reads go to the region's reader endpoint (DB_<NAME>_READER), bucket (BUCKET_<NAME>) and table replica, as the fleets' environment names them; a read through the global writer endpoint waits for the promotion like a write`,
        },
    ];
}

/** One line per path, for the plan's text report: the read path names what it waits for, the write path is the RTO above. */
export function requestPathLines(paths: readonly DrRequestPath[]): string[] {
    return paths.map((p) => {
        const sum =
            p.path === "read"
                ? p.parts.map((part) => `${part.name} ${formatSeconds(part.seconds)}`).join(" + ")
                : "the RTO above";
        return `${p.path} path: ${formatSeconds(p.rtoSeconds)} worst case against ${formatSeconds(p.objectiveSeconds)} (${p.verdict}) = ${sum}; ${p.requests}`;
    });
}
