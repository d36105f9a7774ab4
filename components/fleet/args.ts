import * as pulumi from "@pulumi/pulumi";
import { Tags } from "../shared/tags";

/** How many instances run. The DR strategy sets these per region (pilot light: 0 standing by). */
export interface FleetCapacity {
    /** Fewest instances. */
    min: number;
    /** Most instances. */
    max: number;
    /** Instances to run at creation; min <= desired <= max. Scaling owns it afterwards. */
    desired: number;
}

/** A security group the instances may reach, on one TCP port. */
export interface FleetEgressRule {
    /** The destination security group, e.g. a database's. Required. */
    securityGroupId: pulumi.Input<string>;
    /** The TCP port, 1..65535. Required. */
    port: number;
    /** The rule's description. Required. */
    description: string;
}

export interface FleetArgs {
    /** The VPC of the subnets; the fleet's own security group lives here. Required. */
    vpcId: pulumi.Input<string>;
    /** Private subnets to launch into, one or more per AZ. Required. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups of the instances: MultiAzAlb's `targetSecurityGroupId`, which admits the ALB. Required. */
    securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Prefix lists the instances may reach on 443, through the fleet's own security group: the network's S3 gateway
     * endpoint (`MultiAzNetwork.s3PrefixListId`) for one.
     * Without any, add interface endpoints or NAT rules for what the instances need.
     * @default none: the instances have no egress at all
     */
    egressPrefixListIds?: pulumi.Input<string>[];
    /** Target groups the instances register with (MultiAzAlb's `targetGroupArns`). Required. */
    targetGroupArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Size of the fleet. Required. */
    capacity: FleetCapacity;
    /**
     * EC2 instance type, the only one the group launches. Prefer `instanceTypes`.
     * @default `"t3.micro"` (`fleetDefaults.instanceType`), unless `instanceTypes` is given
     */
    instanceType?: string;
    /**
     * EC2 instance types, most preferred first, 1..40 of them: the group gets a mixed instances policy
     * (all On-Demand, launched in this order of priority), so when an AZ has no capacity of one type it
     * launches the next, where a single type would leave the fleet short in a failover
     * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html).
     * Two or more meet Security Hub AutoScaling.6
     * (https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-6).
     * Pick types of one size and architecture (the AMI must run on each). Not with `instanceType`.
     * @default `instanceType` alone
     */
    instanceTypes?: string[];
    /**
     * SSM parameter that holds the AMI id, resolved by EC2 at launch, so a new AMI needs no code change.
     * @default `"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"`
     * (`fleetDefaults.amiParameter`): Amazon Linux 2023
     */
    amiParameter?: string;
    /**
     * An AMI id (`ami-` and 8 or 17 hex digits) with the application baked in, instead of `amiParameter`.
     * @default none: the image `amiParameter` names
     */
    imageId?: string;
    /**
     * Root volume size in GiB, 8..16384. Always encrypted.
     * @default `20` (`fleetDefaults.rootVolumeGiB`)
     */
    rootVolumeGiB?: number;
    /**
     * KMS key for the root volume.
     * @default the account's EBS default key
     */
    rootVolumeKmsKeyArn?: pulumi.Input<string>;
    /**
     * Seconds an instance needs from launch until it can pass health checks; the ASG waits this long before it judges
     * a new instance, and the DR report counts it as scale-out time.
     * @default `300` (`fleetDefaults.instanceWarmupSeconds`)
     */
    instanceWarmupSeconds?: number;
    /**
     * Average CPU the fleet's target-tracking policy keeps, 10..90 percent.
     * @default `50` (`fleetDefaults.targetCpuPercent`)
     */
    targetCpuPercent?: number;
    /**
     * Where the instances' data is, as `KEY=value` lines written to `/etc/pulumi-aws-dr/data.env` by the launch
     * template's user data before `userData` runs: bucket and table names, database endpoints, a secret's ARN. Never a
     * secret's value: user data is readable by anyone who can describe the launch template.
     * @default none
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * IAM policy statements added to the instance role, e.g. access to the data stores.
     * @default none
     */
    // Free-form IAM JSON: `any` is what Pulumi's schema inference turns into the schema's Any; `unknown` it refuses.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    instancePolicyStatements?: pulumi.Input<Record<string, any>>[];
    /**
     * Security groups the instances may reach on one TCP port each, e.g. a database's.
     * @default none
     */
    egressSecurityGroups?: FleetEgressRule[];
    /**
     * User data script, plain text (it is base64-encoded here), at most 16 KB before encoding
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html). `healthResponderUserData`
     * makes a stand-in that answers the health checks until there is an application.
     * @default none
     */
    userData?: pulumi.Input<string>;
    /**
     * Region of every resource (v7 per-resource region).
     * @default the stack's `aws:region`
     */
    region?: string;
    /**
     * Tags for every resource, and propagated to the instances.
     * @default none
     */
    tags?: Tags;
}

export const fleetDefaults = {
    instanceType: "t3.micro",
    amiParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    rootVolumeGiB: 20,
    instanceWarmupSeconds: 300,
    targetCpuPercent: 50,
} as const;
