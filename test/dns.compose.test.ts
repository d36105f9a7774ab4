import { describe, expect, it } from "vitest";
import { Endpoint } from "../components/dns";
import { contextFor, failoverDnsArgs } from "../config/compose";
import { parseStackConfig, readRawConfig } from "../config/load";
import { stackConfig } from "../tools/engine";

/** The FailoverDns routing a shipped stack composes, with its config's `dr` section changed. */
function routingOf(stack: string, dr: Record<string, unknown> = {}) {
    const values = stackConfig(stack).values;
    const config = parseStackConfig(
        stack,
        readRawConfig({
            ...values,
            "pulumi-aws-dr:dr": JSON.stringify({ ...JSON.parse(values["pulumi-aws-dr:dr"]), ...dr }),
        }),
    );
    const ctx = contextFor(config, stack);
    const targets = Object.fromEntries(
        ctx.layout.regions.map((r) => [
            r.region,
            { dnsName: `${r.region}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" },
        ]),
    );
    return failoverDnsArgs(ctx, targets).routing;
}

const alarmsOf = (endpoints: Record<string, Endpoint>) =>
    Object.fromEntries(Object.entries(endpoints).map(([id, e]) => [id, e.alarm]));

describe("the FailoverDns args a stack composes", () => {
    it("turns off the health-check alarm of a pilot light's standby, which has no targets until a failover", () => {
        const routing = routingOf("staging");
        if (routing.policy !== "failover") throw new Error(`expected failover, got ${routing.policy}`);
        expect(alarmsOf({ primary: routing.primary!, secondary: routing.secondary! })).toEqual({
            primary: true,
            secondary: false,
        });
        expect(routing.secondary!.healthCheck?.enabled).not.toBe(false);
    });

    it("keeps the alarm of every endpoint that runs capacity", () => {
        const warm = routingOf("staging", { strategy: "warm-standby" });
        if (warm.policy !== "failover") throw new Error(`expected failover, got ${warm.policy}`);
        expect(alarmsOf({ primary: warm.primary!, secondary: warm.secondary! })).toEqual({
            primary: true,
            secondary: true,
        });

        const active = routingOf("staging", { strategy: "active-active" });
        if (active.policy !== "weighted") throw new Error(`expected weighted, got ${active.policy}`);
        expect(alarmsOf(active.endpoints!)).toEqual({ "us-east-1": true, "us-west-2": true });
    });
});
