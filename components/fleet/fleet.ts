import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { policyDocument } from "../shared/kms";
import { nameLimits, namePrefixOf } from "../shared/naming";
import { namerFor } from "../shared/stack";
import { named } from "../shared/tags";
import { afterCheck, applyKnown, checkWhenResolved } from "../shared/validation";
import { fleetDefaults, FleetArgs } from "./args";
import { validateFleetArgs, validateFleetPlacement } from "./validate";

export const FLEET_TYPE = "pulumi-aws-dr:fleet:Fleet";

/** Where `environment` is written on the instances. */
export const FLEET_ENVIRONMENT_FILE = "/etc/pulumi-aws-dr/data.env";

/** The user data: a script writing `environment` to its file, then the caller's script; base64-encoded. */
function userDataOf(args: FleetArgs): pulumi.Input<string> | undefined {
    const environment = args.environment ?? {};
    if (Object.keys(environment).length === 0 && !args.userData) return undefined;
    // One Output over the variables and the script, not one per variable.
    return applyKnown({ environment, user: args.userData ?? "" }, (resolved) => {
        const env = Object.entries(resolved.environment).map(([key, value]) => `${key}=${value}`);
        const user = resolved.user;
        const head =
            env.length === 0
                ? []
                : [
                      "#!/bin/bash",
                      `install -d -m 0755 ${FLEET_ENVIRONMENT_FILE.replace(/\/[^/]+$/, "")}`,
                      `cat > ${FLEET_ENVIRONMENT_FILE} <<'EOF'`,
                      ...env,
                      "EOF",
                  ];
        // The caller's script runs after, in the same shell script: its own shebang line is dropped.
        const script = head.length === 0 ? user : [...head, user.replace(/^#!.*\n/, "")].join("\n");
        return Buffer.from(script).toString("base64");
    });
}

/**
 * A small Auto Scaling group behind a MultiAzAlb target group: instances in private subnets from a
 * launch template that requires IMDSv2, encrypts its root volume and takes its AMI from SSM.
 */
export class Fleet extends pulumi.ComponentResource {
    public readonly autoScalingGroupName: pulumi.Output<string>;
    public readonly launchTemplateId: pulumi.Output<string>;
    public readonly instanceRoleArn: pulumi.Output<string>;

    constructor(name: string, args: FleetArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("Fleet", name);
        const problems = [...validateFleetArgs(args), ...validateFleetPlacement(args)];
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(FLEET_TYPE, name, {}, opts);
        // A VPC id known only at deploy reaches EC2 only once checked: without one, EC2 picks the default VPC.
        const placementChecked = checkWhenResolved(subject, { vpcId: args.vpcId }, validateFleetPlacement);

        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };

        // Only what Systems Manager needs to manage the instance: no SSH keys, no broad access.
        const role = new aws.iam.Role(
            `${name}-instance`,
            {
                name: nameOf("instance", nameLimits.iamRole),
                assumeRolePolicy: policyDocument([
                    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
                ]),
                tags: args.tags,
            },
            child,
        );
        const partition = partitionOf(this);
        new aws.iam.RolePolicyAttachment(
            `${name}-ssm`,
            {
                role: role.name,
                policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
            },
            child,
        );
        const profile = new aws.iam.InstanceProfile(
            `${name}-instance`,
            { name: nameOf("instance", nameLimits.iamRole), role: role.name, tags: args.tags },
            child,
        );

        // Egress only where it is asked for: the target group's security group handles ingress.
        const instancesSg = new aws.ec2.SecurityGroup(
            `${name}-instances`,
            {
                ...regional,
                namePrefix: namePrefixOf(nameOf, "instances", nameLimits.securityGroup),
                description: "Fleet instances: HTTPS out to the listed prefix lists only",
                vpcId: afterCheck(placementChecked, args.vpcId),
                tags: named(args.tags, nameOf("instances", 255)),
            },
            child,
        );
        (args.egressPrefixListIds ?? []).forEach((prefixListId, i) => {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-instances-out-${typeof prefixListId === "string" ? prefixListId : i}`,
                {
                    ...regional,
                    securityGroupId: instancesSg.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    prefixListId,
                    description: "HTTPS to an AWS service endpoint",
                    tags: args.tags,
                },
                child,
            );
        });

        (args.egressSecurityGroups ?? []).forEach((target, i) => {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-instances-to-${i}`,
                {
                    ...regional,
                    securityGroupId: instancesSg.id,
                    ipProtocol: "tcp",
                    fromPort: target.port,
                    toPort: target.port,
                    referencedSecurityGroupId: target.securityGroupId,
                    description: target.description,
                    tags: args.tags,
                },
                child,
            );
        });
        if (args.instancePolicyStatements && args.instancePolicyStatements.length > 0) {
            new aws.iam.RolePolicy(
                `${name}-data`,
                {
                    role: role.name,
                    policy: policyDocument(args.instancePolicyStatements),
                },
                child,
            );
        }

        const instanceTypes = args.instanceTypes ?? [args.instanceType ?? fleetDefaults.instanceType];
        const template = new aws.ec2.LaunchTemplate(
            `${name}-lt`,
            {
                ...regional,
                name: nameOf("lt", 128),
                imageId: args.imageId ?? `resolve:ssm:${args.amiParameter ?? fleetDefaults.amiParameter}`,
                // With several types the group's overrides decide; the first is the template's own.
                instanceType: instanceTypes[0],
                vpcSecurityGroupIds: pulumi
                    .all([pulumi.output(args.securityGroupIds), instancesSg.id])
                    .apply(([given, own]) => [...given, own]),
                iamInstanceProfile: { arn: profile.arn },
                // IMDSv2 only, and one hop, so a container on the host cannot reach the credentials.
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                blockDeviceMappings: [
                    {
                        deviceName: "/dev/xvda",
                        ebs: {
                            volumeSize: args.rootVolumeGiB ?? fleetDefaults.rootVolumeGiB,
                            volumeType: "gp3",
                            encrypted: "true",
                            kmsKeyId: args.rootVolumeKmsKeyArn,
                            deleteOnTermination: "true",
                        },
                    },
                ],
                monitoring: { enabled: true },
                userData: userDataOf(args),
                tagSpecifications: [
                    { resourceType: "instance", tags: named(args.tags, nameOf("instance", 255)) },
                    { resourceType: "volume", tags: named(args.tags, nameOf("volume", 255)) },
                ],
                tags: args.tags,
            },
            child,
        );

        const version = template.latestVersion.apply(String);
        const group = new aws.autoscaling.Group(
            `${name}-asg`,
            {
                ...regional,
                name: nameOf("asg", 255),
                vpcZoneIdentifiers: args.subnetIds,
                minSize: args.capacity.min,
                maxSize: args.capacity.max,
                desiredCapacity: args.capacity.desired,
                // AWS takes a launch template or a mixed instances policy, not both.
                ...(instanceTypes.length > 1
                    ? {
                          mixedInstancesPolicy: {
                              launchTemplate: {
                                  launchTemplateSpecification: { launchTemplateId: template.id, version },
                                  overrides: instanceTypes.map((instanceType) => ({ instanceType })),
                              },
                              // All On-Demand, in the listed order: a fleet a failover counts on is not Spot.
                              instancesDistribution: {
                                  onDemandAllocationStrategy: "prioritized",
                                  onDemandBaseCapacity: 0,
                                  onDemandPercentageAboveBaseCapacity: 100,
                              },
                          },
                      }
                    : { launchTemplate: { id: template.id, version } }),
                targetGroupArns: args.targetGroupArns,
                // The load balancer's health check, not just EC2 status, decides when to replace an instance.
                healthCheckType: "ELB",
                // A new launch template version (image, type, user data) rolls out, keeping 90% in service.
                // https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-instance-refresh.html
                instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90 } },
                healthCheckGracePeriod: args.instanceWarmupSeconds ?? fleetDefaults.instanceWarmupSeconds,
                defaultInstanceWarmup: args.instanceWarmupSeconds ?? fleetDefaults.instanceWarmupSeconds,
                tags: applyKnown(args.tags ?? {}, (t) =>
                    Object.entries(t).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
                ),
                // Scaling (the policy below, or an operator raising a pilot light on failover) owns the
                // running count after creation; a later `pulumi up` must not undo a failover.
            },
            { ...child, ignoreChanges: ["desiredCapacity"] },
        );

        // Keeps a running fleet (primary, warm standby) sized to its load: it takes the failed region's
        // traffic by scaling out on CPU. It cannot start a fleet at zero, which has no CPU to measure.
        new aws.autoscaling.Policy(
            `${name}-cpu`,
            {
                ...regional,
                name: nameOf("cpu", 255),
                autoscalingGroupName: group.name,
                policyType: "TargetTrackingScaling",
                estimatedInstanceWarmup: args.instanceWarmupSeconds ?? fleetDefaults.instanceWarmupSeconds,
                targetTrackingConfiguration: {
                    predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                    targetValue: args.targetCpuPercent ?? fleetDefaults.targetCpuPercent,
                },
            },
            child,
        );

        this.autoScalingGroupName = group.name;
        this.launchTemplateId = template.id;
        this.instanceRoleArn = role.arn;
        this.registerOutputs({
            autoScalingGroupName: this.autoScalingGroupName,
            launchTemplateId: this.launchTemplateId,
            instanceRoleArn: this.instanceRoleArn,
            placementChecked,
        });
    }
}
