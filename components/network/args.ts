import * as pulumi from "@pulumi/pulumi";

/**
 * How private subnets reach the internet. A constant object and its union type: TypeScript callers keep writing the
 * strings, and Pulumi's schema inference reads it as an enum for the other languages.
 */
export const NatGatewayMode = {
    /** No NAT gateway: private subnets have no route to the internet. */
    None: "none",
    /** One NAT gateway: cheaper, not AZ-resilient (its AZ's loss cuts every private subnet's egress). */
    Single: "single",
    /** One NAT gateway per AZ: an AZ's loss leaves the others' egress intact. */
    OnePerAz: "onePerAz",
} as const;
export type NatGatewayMode = (typeof NatGatewayMode)[keyof typeof NatGatewayMode];

export interface MultiAzNetworkArgs {
    /**
     * The VPC's IPv4 block, /16 to /28 (large enough for the subnets). Public and private subnets of equal size are
     * carved from it, one of each per AZ, in order.
     * @default `"10.0.0.0/16"` (`networkDefaults.cidrBlock`)
     */
    cidrBlock?: string;
    /**
     * How many AZs to spread over, at least 2. Ignored when `availabilityZones` is given.
     * @default `3` (`networkDefaults.availabilityZoneCount`)
     */
    availabilityZoneCount?: number;
    /**
     * Explicit AZ names, e.g. `["us-east-1a", "us-east-1b"]`: at least 2, distinct, in the network's region.
     * @default the first `availabilityZoneCount` AZs the account has in the region
     */
    availabilityZones?: string[];
    /**
     * NAT for the private subnets: `"none"` (no internet egress; AWS services via endpoints), `"single"` (one NAT
     * gateway, cheaper, not AZ-resilient) or `"onePerAz"` (survives an AZ loss).
     * Nothing the shipped stacks run needs the internet: S3 and DynamoDB have gateway endpoints and Systems
     * Manager has `ssmEndpoints`, so NAT is off unless a workload needs it.
     * @default `"none"` (`networkDefaults.natGateways`)
     */
    natGateways?: NatGatewayMode;
    /**
     * Interface endpoints for Systems Manager (`ssm`, `ssmmessages`, `ec2messages`) in the private subnets,
     * with private DNS, so instances are managed without any internet path. They admit HTTPS only from
     * `endpointClientSecurityGroupId`; give instances that group and an HTTPS egress rule to
     * `endpointSecurityGroupId`.
     * https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
     * @default true (`networkDefaults.ssmEndpoints`)
     */
    ssmEndpoints?: boolean;
    /**
     * Region for every resource, through @pulumi/aws v7's per-resource `region`, so one program can build the same
     * network in a primary and a secondary region. Required with an aws provider in the options.
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Days to keep VPC flow logs, one of CloudWatch's retention values.
     * @default `365` (`networkDefaults.flowLogRetentionDays`)
     */
    flowLogRetentionDays?: number;
    /**
     * Protect the flow-log key and log group from deletion and replacement.
     * @default false
     */
    protectStatefulResources?: boolean;
    /**
     * Tags for every resource.
     * @default none
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * A DynamoDB gateway endpoint in the private route tables, for fleets that use tables.
     * @default false
     */
    dynamodbEndpoint?: boolean;
}

export const networkDefaults = {
    cidrBlock: "10.0.0.0/16",
    availabilityZoneCount: 3,
    natGateways: "none" as NatGatewayMode,
    ssmEndpoints: true,
    flowLogRetentionDays: 365,
} as const;
