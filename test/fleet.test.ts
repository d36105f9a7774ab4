import { describe, expect, it } from "vitest";
import { Fleet, FleetArgs } from "../components/fleet";
import { one, run, runExpectingError } from "./harness";

const base: FleetArgs = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-a", "subnet-b"],
    securityGroupIds: ["sg-targets"],
    targetGroupArns: ["arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/0123456789abcdef"],
    capacity: { min: 0, max: 4, desired: 0 },
    region: "us-west-2",
    tags: { team: "platform" },
};

const build = (args: FleetArgs) => async () => {
    const fleet = new Fleet("web", args);
    return { asg: fleet.autoScalingGroupName };
};

describe("Fleet", () => {
    it("launches from a template that requires IMDSv2, encrypts the root volume and resolves the AMI from SSM", async () => {
        const record = await run(build(base));
        const template = one(record, "aws:ec2/launchTemplate:LaunchTemplate");
        expect(template.inputs.imageId).toBe(
            "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
        );
        expect(template.inputs.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
        expect(template.inputs.blockDeviceMappings).toEqual([
            expect.objectContaining({
                ebs: expect.objectContaining({ encrypted: "true", volumeType: "gp3", volumeSize: 20 }),
            }),
        ]);
        const own = one(record, "aws:ec2/securityGroup:SecurityGroup");
        expect(own.inputs.vpcId).toBe("vpc-0123456789abcdef0");
        expect(template.inputs.vpcSecurityGroupIds).toEqual(["sg-targets", expect.stringMatching(/^sg-[0-9a-f]{17}$/)]);
        expect(template.region).toBe("us-west-2");
    });

    it("runs the capacity it is given in the private subnets, attached to the target groups, judged by the ELB", async () => {
        const record = await run(build({ ...base, capacity: { min: 1, max: 6, desired: 2 } }));
        const group = one(record, "aws:autoscaling/group:Group");
        expect(group.inputs).toMatchObject({
            minSize: 1,
            maxSize: 6,
            desiredCapacity: 2,
            vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
            targetGroupArns: base.targetGroupArns,
            healthCheckType: "ELB",
            healthCheckGracePeriod: 300,
            region: "us-west-2",
        });
        expect(group.inputs.tags).toEqual([{ key: "team", value: "platform", propagateAtLaunch: true }]);
        const component = one(record, "pulumi-aws-dr:fleet:Fleet");
        expect(record.resources.filter((r) => r !== component).every((r) => r.parent === component.urn)).toBe(true);
    });

    it("lets the instances out only on 443 to the prefix lists it is given", async () => {
        const none = await run(build(base));
        expect(
            none.resources.filter((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
        ).toEqual([]);
        const record = await run(build({ ...base, egressPrefixListIds: ["pl-63a5400a"] }));
        const egress = one(record, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        expect(egress.inputs).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            prefixListId: "pl-63a5400a",
            region: "us-west-2",
        });
        expect(egress.inputs.cidrIpv4).toBeUndefined();
    });

    it("scales on CPU with target tracking, and leaves the running count to scaling after creation", async () => {
        const record = await run(build({ ...base, targetCpuPercent: 60 }));
        const policy = one(record, "aws:autoscaling/policy:Policy");
        expect(policy.inputs).toMatchObject({
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: 60,
            },
            region: "us-west-2",
        });
        expect(one(record, "aws:autoscaling/group:Group").options.ignoreChanges).toEqual(["desiredCapacity"]);
    });

    it("gives the instances only the SSM managed-instance policy", async () => {
        const record = await run(build(base));
        expect(one(record, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn).toBe(
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        );
    });

    const invalid: [string, Partial<FleetArgs>, string][] = [
        [
            "desired above max",
            { capacity: { min: 0, max: 2, desired: 3 } },
            'Fleet "web": capacity.desired must be within capacity.min..capacity.max (0..2), got 3',
        ],
        [
            "min above max",
            { capacity: { min: 3, max: 2, desired: 2 } },
            "capacity.min must be at most capacity.max (2), got 3",
        ],
        [
            "a fractional size",
            { capacity: { min: 0, max: 2.5, desired: 1 } },
            "capacity.max must be an integer 0..1000, got 2.5",
        ],
        [
            "a bad instance type",
            { instanceType: "large" },
            'instanceType must be an EC2 instance type such as t3.micro, got "large"',
        ],
        [
            "an AMI parameter that is not a path",
            { amiParameter: "ami-123" },
            'amiParameter must be an SSM parameter name starting with /, got "ami-123"',
        ],
        ["a tiny root volume", { rootVolumeGiB: 4 }, "rootVolumeGiB must be an integer 8..16384, got 4"],
        ["a CPU target out of range", { targetCpuPercent: 95 }, "targetCpuPercent must be an integer 10..90, got 95"],
    ];
    for (const [label, change, message] of invalid) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(build({ ...base, ...change }));
            expect(error.message).toContain(message);
            expect(registered).toEqual([]);
        });
    }
});
