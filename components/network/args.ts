import * as pulumi from "@pulumi/pulumi";

/** How private subnets reach the internet. */
export type NatGatewayMode = "none" | "single" | "onePerAz";

export interface MultiAzNetworkArgs {
    /**
     * The VPC's IPv4 block, /16 to /28 (large enough for the subnets). Public and private subnets of equal size are carved from it,
     * one of each per AZ, in order. Default `"10.0.0.0/16"`.
     */
    cidrBlock?: string;
    /** How many AZs to spread over, at least 2. Ignored when `availabilityZones` is given. Default 3. */
    availabilityZoneCount?: number;
    /**
     * Explicit AZ names, e.g. `["us-east-1a", "us-east-1b"]`: at least 2, distinct, in the network's
     * region. Default: the first `availabilityZoneCount` AZs the account has in the region.
     */
    availabilityZones?: string[];
    /**
     * NAT for the private subnets: `"none"` (no internet egress; AWS services via endpoints),
     * `"single"` (one NAT gateway, cheaper, not AZ-resilient) or `"onePerAz"` (survives an AZ loss).
     * Default `"onePerAz"`.
     */
    natGateways?: NatGatewayMode;
    /**
     * Region for every resource, through @pulumi/aws v7's per-resource `region`, so one program can
     * build the same network in a primary and a secondary region. Default: the stack's `aws:region`;
     * required with an aws provider in the options, whose region is unknown until deploy.
     */
    region?: string;
    /** Days to keep VPC flow logs, one of CloudWatch's retention values. Default 365. */
    flowLogRetentionDays?: number;
    /** Protect the flow-log key and log group from deletion and replacement. Default false. */
    protectStatefulResources?: boolean;
    /** Tags for every resource. Default none. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export const networkDefaults = {
    cidrBlock: "10.0.0.0/16",
    availabilityZoneCount: 3,
    natGateways: "onePerAz" as NatGatewayMode,
    flowLogRetentionDays: 365,
} as const;
