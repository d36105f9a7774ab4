import * as pulumi from "@pulumi/pulumi";
import { MultiAzNetwork } from "./components";
import { loadStackConfig } from "./config/load";

/**
 * The per-stack program. It reads and validates `stacks/Pulumi.<stack>.yaml` before it creates
 * anything, composes the components, and returns the stack outputs.
 */
export = async () => {
    const config = loadStackConfig();
    const protect = config.dr.protectStatefulResources ?? pulumi.getStack() === "prod";
    const tags = { ...config.tags, "pulumi-aws-dr:stack": pulumi.getStack() };

    const network = new MultiAzNetwork("primary", {
        cidrBlock: config.network.cidrBlock,
        availabilityZoneCount: config.network.availabilityZoneCount,
        natGateways: config.network.natGateways,
        flowLogRetentionDays: config.network.flowLogRetentionDays,
        region: config.dr.primaryRegion,
        protectStatefulResources: protect,
        tags,
    });

    return {
        strategy: config.dr.strategy,
        objectives: config.dr.objectives,
        vpcIds: { [config.dr.primaryRegion]: network.vpcId },
        privateSubnetIds: { [config.dr.primaryRegion]: network.privateSubnetIds },
    };
};
