/**
 * The CrossGuard pack and the offline plan must judge each shipped stack alike. The plan takes its
 * policy settings from the stack config; the pack, which cannot read stack config, infers them from
 * the resources. This feeds each stack's recorded resources to the pack in CrossGuard's shape (no
 * policy server: policy/pack.ts does not construct the PolicyPack) and compares.
 */
import type {
    PolicyResource as CrossGuardResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { policies, settingsFor, toPolicyResource } from "../policy/pack";
import { evaluatePolicies, PolicyViolation } from "../policy/rules";
import { listStacks, PROJECT_DIR, RecordedResource, stackConfig } from "../tools/engine";
import { shippedStack } from "./harness";
import { policySettings, stackContext } from "../tools/planChecks";

/** A recorded resource as CrossGuard passes it: inputs as props, the default AWS provider with the stack's region. */
function asCrossGuard(r: RecordedResource, awsRegion: string): CrossGuardResource & ResourceValidationArgs {
    const provider = r.type.startsWith("aws:")
        ? { type: "pulumi:providers:aws", name: "default", urn: "", props: unknownCheckingProxy({ region: awsRegion }) }
        : undefined;
    return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: unknownCheckingProxy(r.inputs),
        opts: {
            protect: r.options.protect,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        provider,
        dependencies: [],
        propertyDependencies: {},
        getConfig: () => ({}),
    } as unknown as CrossGuardResource & ResourceValidationArgs;
}

/** Every violation the pack reports over the stack, with no policy config, as the preview workflow runs it. */
async function crossGuardViolations(
    resources: (CrossGuardResource & ResourceValidationArgs)[],
): Promise<Omit<PolicyViolation, "level">[]> {
    const found: Omit<PolicyViolation, "level">[] = [];
    for (const policy of policies) {
        const report = (message: string, urn?: string) => found.push({ id: policy.name, urn: urn ?? "", message });
        if ("validateStack" in policy)
            await (policy as StackValidationPolicy).validateStack(
                { resources, getConfig: () => ({}) } as never,
                report,
            );
        else
            for (const r of resources)
                await (
                    (policy as ResourceValidationPolicy).validateResource as (
                        a: ResourceValidationArgs,
                        rep: typeof report,
                    ) => void
                )(r, report);
    }
    return found;
}

const key = (v: Omit<PolicyViolation, "level">) => `${v.id} ${v.urn} ${v.message}`;

describe.each(listStacks(PROJECT_DIR))("stack %s under CrossGuard and offline", (stack) => {
    const config = stackConfig(stack);
    const offline = policySettings(stackContext(config));
    let recorded: RecordedResource[];
    let asSeenByCrossGuard: ReturnType<typeof asCrossGuard>[];
    // In beforeAll, so that stacks evaluate one after another: Pulumi's runtime state is global.
    beforeAll(async () => {
        recorded = (await shippedStack(stack)).resources;
        asSeenByCrossGuard = recorded.map((r) => asCrossGuard(r, config.values["aws:region"]));
    });

    it("gets the same policy settings without any policy config", () => {
        const resources = asSeenByCrossGuard.map(toPolicyResource);
        expect(settingsFor(resources[0].urn, {}, resources)).toEqual(offline);
    });

    it("gets the same violations from every policy", async () => {
        const pack = (await crossGuardViolations(asSeenByCrossGuard)).map(key).sort();
        const plan = evaluatePolicies(recorded, offline).map(key).sort();
        expect(pack).toEqual(plan);
        // Every shipped stack meets every rule, ELB.16 included: each ALB has a REGIONAL web ACL of its own, behind
        // a CDN too.
        expect(plan).toEqual([]);
        const albs = recorded.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer");
        const associated = recorded.filter((r) => r.type === "aws:wafv2/webAclAssociation:WebAclAssociation");
        expect(associated.map((a) => a.region).sort()).toEqual(albs.map((lb) => lb.region).sort());
    });
});

it("the shipped stacks cover a single-region and a multi-region strategy", () => {
    const multiRegion = listStacks(PROJECT_DIR).map((stack) => [
        stack,
        policySettings(stackContext(stackConfig(stack))).multiRegion,
    ]);
    expect(Object.fromEntries(multiRegion)).toEqual({ dev: false, staging: true, prod: true });
});
