/** Which ports the ALB talks to its targets on. Pure; no resources. */
import { albDefaults, MultiAzAlbArgs } from "./args";
import { resolveHealthCheck } from "./healthCheck";

/** Ports the ALB must reach on its targets: each non-Lambda group's port and numbered health-check port. */
export function targetPorts(args: Pick<MultiAzAlbArgs, "targetGroups">): number[] {
    const ports = Object.values(args.targetGroups)
        .filter((tg) => tg.targetType !== "lambda")
        .flatMap((tg) => {
            const port = tg.port ?? albDefaults.targetPort;
            const check = resolveHealthCheck(tg.healthCheck).port;
            return check === "traffic-port" ? [port] : [port, check];
        });
    return [...new Set(ports)].sort((a, b) => a - b);
}
