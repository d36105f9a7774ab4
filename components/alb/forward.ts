/** Weighted forward actions and who gets traffic. Pure; no resources. */
import * as pulumi from "@pulumi/pulumi";
import { AlbForward, albDefaults, AlbListenerRule, AlbTargetGroup } from "./args";

/**
 * The default action's weights: every target group at its `weight` (default 1), except a
 * microservice's group: one that a listener rule forwards to and that sets no `weight` of its own.
 * Those are reached only through their rules, so one ALB can front more services than the five
 * groups a single forward action may name.
 */
export function defaultForwardWeights(
    targetGroups: Record<string, AlbTargetGroup>,
    rules: Record<string, AlbListenerRule> = {},
): Record<string, pulumi.Input<number>> {
    const routedByRules = new Set(Object.values(rules).flatMap((r) => Object.keys(r.forward?.targetGroups ?? {})));
    return Object.fromEntries(
        Object.entries(targetGroups)
            .filter(([key, tg]) => tg.weight !== undefined || !routedByRules.has(key))
            .map(([key, tg]) => [key, tg.weight ?? albDefaults.weight]),
    );
}

/** A listener `forward` block: the weighted groups in the given order, plus group stickiness when asked. */
export function weightedForward<A>(forward: AlbForward, arnOf: (key: string) => A) {
    return {
        targetGroups: Object.entries(forward.targetGroups).map(([key, weight]) => ({ arn: arnOf(key), weight })),
        ...(forward.stickinessSeconds === undefined
            ? {}
            : { stickiness: { enabled: true, duration: forward.stickinessSeconds } }),
    };
}

/**
 * Keys of the target groups that some forward can send traffic to: a non-zero weight, or one not
 * known until deploy. A group at weight 0 everywhere (an idle blue/green standby) may have no targets.
 */
export function groupsReceivingTraffic(
    defaultWeights: Record<string, pulumi.Input<number>>,
    rules: Record<string, AlbListenerRule>,
): Set<string> {
    const forwards = [defaultWeights, ...Object.values(rules).map((r) => r.forward?.targetGroups ?? {})];
    return new Set(
        forwards.flatMap((weights) =>
            Object.entries(weights)
                .filter(([, w]) => w !== 0)
                .map(([key]) => key),
        ),
    );
}
