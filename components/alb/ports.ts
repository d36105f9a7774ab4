/** Which ports the ALB talks to its targets on. Pure; no resources. */
import * as pulumi from "@pulumi/pulumi";
import { InputProblem } from "../shared/errors";
import { isDeferred } from "../shared/validation";
import { albDefaults, MultiAzAlbArgs } from "./args";
import { resolveHealthCheck } from "./healthCheck";

type PortArgs = Pick<MultiAzAlbArgs, "targetGroups">;

/** A port the ALB reaches on its targets that is known only at deploy. */
export interface DeferredTargetPort {
    /** Names its security group rules in place of the number: `tg-<key>` or `tg-<key>-check`. */
    readonly id: string;
    /** The field it comes from, for messages: `targetGroups.<key>.port` or `targetGroups.<key>.healthCheck.port`. */
    readonly path: string;
    readonly port: pulumi.Input<number>;
}

/** Each non-Lambda group's port and health-check port (`traffic-port` when it checks the target's own). */
function portsOf(args: PortArgs) {
    return Object.entries(args.targetGroups)
        .filter(([, tg]) => tg.targetType !== "lambda")
        .map(([key, tg]) => ({
            key,
            port: (tg.port ?? albDefaults.targetPort) as pulumi.Input<number>,
            check: resolveHealthCheck(tg.healthCheck).port,
        }));
}

/**
 * Ports the ALB must reach on its targets, known while the program runs: each non-Lambda group's port and
 * numbered health-check port. A port known only at deploy is not among them (see `deferredTargetPorts`).
 */
export function targetPorts(args: PortArgs): number[] {
    const ports = portsOf(args)
        .flatMap(({ port, check }) => [port, check])
        .filter((p): p is number => p !== "traffic-port" && !isDeferred(p));
    return [...new Set(ports)].sort((a, b) => a - b);
}

/**
 * The ports known only at deploy, target ports first: each gets security group rules of its own, named by its
 * id. They must therefore differ from every other port once resolved (`deferredPortClashes`), or EC2 would
 * refuse the second, identical rule.
 */
export function deferredTargetPorts(args: PortArgs): DeferredTargetPort[] {
    const ports = portsOf(args);
    return [
        ...ports
            .filter(({ port }) => isDeferred(port))
            .map(({ key, port }) => ({ id: `tg-${key}`, path: `targetGroups.${key}.port`, port })),
        ...ports
            .filter(({ check }) => isDeferred(check))
            .map(({ key, check }) => ({
                id: `tg-${key}-check`,
                path: `targetGroups.${key}.healthCheck.port`,
                port: check as pulumi.Input<number>,
            })),
    ];
}

const PORT_CLASH_ALLOWED =
    "a port not already used by another target or health-check port of this ALB: a port known only at deploy gets security group rules of its own (write shared ports as plain numbers; leave healthCheck.port out to check the target port itself)";

/**
 * The deferred ports that, once `resolved`, equal another port the ALB reaches, as problems for the deferred
 * check. A group's health check on the group's own port is no clash: it is `traffic-port`, and has no rule.
 */
export function deferredPortClashes(args: PortArgs, resolved: PortArgs): InputProblem[] {
    const taken = new Set<unknown>(targetPorts(args));
    const clashes: InputProblem[] = [];
    for (const { path } of deferredTargetPorts(args)) {
        const port = path
            .split(".")
            .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], resolved);
        if (taken.has(port)) clashes.push({ path, value: port, allowed: PORT_CLASH_ALLOWED });
        taken.add(port);
    }
    return clashes;
}
