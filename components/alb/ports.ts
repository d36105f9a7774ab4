/** Which ports the ALB talks to its targets on. Pure; no resources. */
import * as pulumi from "@pulumi/pulumi";
import { isDeferred } from "../shared/validation";
import { albDefaults, MultiAzAlbArgs } from "./args";
import { resolveHealthCheck } from "./healthCheck";

type PortArgs = Pick<MultiAzAlbArgs, "targetGroups">;

const networkGroups = (args: PortArgs) =>
    Object.entries(args.targetGroups).filter(([, tg]) => tg.targetType !== "lambda");

/**
 * Ports the ALB must reach on its targets, known while the program runs: each non-Lambda group's port and
 * numbered health-check port. A port known only at deploy is not among them (see `deferredTargetPorts`).
 */
export function targetPorts(args: PortArgs): number[] {
    const ports = networkGroups(args).flatMap(([, tg]) => {
        const port = tg.port ?? albDefaults.targetPort;
        const check = resolveHealthCheck(tg.healthCheck).port;
        return [...(isDeferred(port) ? [] : [port as number]), ...(check === "traffic-port" ? [] : [check])];
    });
    return [...new Set(ports)].sort((a, b) => a - b);
}

/**
 * The groups whose port is known only at deploy, with it: each gets security group rules of its own, named
 * by its key. Their ports must therefore differ from every other port once resolved (`deferredPortClashes`),
 * or EC2 would refuse the second, identical rule.
 */
export function deferredTargetPorts(args: PortArgs): Record<string, pulumi.Input<number>> {
    return Object.fromEntries(
        networkGroups(args)
            .filter(([, tg]) => isDeferred(tg.port))
            .map(([key, tg]) => [key, tg.port as pulumi.Input<number>]),
    );
}

/**
 * Groups whose port, known only at deploy and now `resolved`, equals another port the ALB reaches: each
 * with the port it clashes with, for the deferred check.
 */
export function deferredPortClashes(args: PortArgs, resolved: PortArgs): { key: string; port: unknown }[] {
    const deferred = Object.keys(deferredTargetPorts(args));
    const taken = new Set<unknown>(targetPorts(args));
    const clashes: { key: string; port: unknown }[] = [];
    for (const key of deferred) {
        const port = resolved.targetGroups[key]?.port;
        if (taken.has(port)) clashes.push({ key, port });
        taken.add(port);
    }
    return clashes;
}
