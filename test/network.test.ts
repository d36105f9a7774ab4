import { describe, expect, it } from "vitest";
import { MultiAzNetwork, MultiAzNetworkArgs, validateNetworkArgs } from "../components";
import { bitsFor, carve, formatCidr, formatProblem, InvalidInputError, parseCidr } from "../components/internal";
import { ofType, one, policyOf, run, runExpectingError } from "./harness";

const build = (args: MultiAzNetworkArgs) => async () => {
    const network = new MultiAzNetwork("net", args);
    return {
        vpcId: network.vpcId,
        azs: network.availabilityZones,
        privateSubnetIds: network.privateSubnetIds,
        natPublicIps: network.natPublicIps,
    };
};

describe("MultiAzNetwork", () => {
    it("declares a public and a private subnet per AZ with non-overlapping CIDRs carved from the block", async () => {
        const record = await run(build({ cidrBlock: "10.0.0.0/16", availabilityZoneCount: 3 }));
        const subnets = ofType(record, "aws:ec2/subnet:Subnet");
        expect(subnets.map((s) => [s.name, s.inputs.cidrBlock, s.inputs.availabilityZone]).sort()).toEqual([
            ["net-private-0", "10.0.96.0/19", "us-east-1a"],
            ["net-private-1", "10.0.128.0/19", "us-east-1b"],
            ["net-private-2", "10.0.160.0/19", "us-east-1c"],
            ["net-public-0", "10.0.0.0/19", "us-east-1a"],
            ["net-public-1", "10.0.32.0/19", "us-east-1b"],
            ["net-public-2", "10.0.64.0/19", "us-east-1c"],
        ]);
        expect(subnets.every((s) => s.inputs.mapPublicIpOnLaunch !== true)).toBe(true);
        expect(record.outputs.azs.value).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
        const vpc = one(record, "aws:ec2/vpc:Vpc");
        expect(vpc.inputs).toMatchObject({
            cidrBlock: "10.0.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
        });
        expect(vpc.inputs.tags).toMatchObject({ Name: "pulumi-aws-dr-test-net-vpc" });
    });

    it("routes public subnets to the internet gateway and private subnets to their own AZ's NAT", async () => {
        const record = await run(build({ availabilityZoneCount: 2, natGateways: "onePerAz" }));
        const routes = ofType(record, "aws:ec2/route:Route");
        const publicRoute = routes.find((r) => r.name === "net-public-default")!;
        expect(publicRoute.inputs.destinationCidrBlock).toBe("0.0.0.0/0");
        expect(String(publicRoute.inputs.gatewayId)).toMatch(/^igw-[0-9a-f]{17}$/);
        const nats = ofType(record, "aws:ec2/natGateway:NatGateway");
        expect(nats).toHaveLength(2);
        const natIds = routes.filter((r) => r.name.startsWith("net-private-")).map((r) => r.inputs.natGatewayId);
        expect(new Set(natIds).size).toBe(2);
        expect(ofType(record, "aws:ec2/eip:Eip").every((e) => e.inputs.domain === "vpc")).toBe(true);
        expect(ofType(record, "aws:ec2/routeTableAssociation:RouteTableAssociation")).toHaveLength(4);
    });

    it("hands out the NAT gateways' public IPs, one per NAT gateway, for partners' allow-lists", async () => {
        const perAz = await run(build({ availabilityZoneCount: 3, natGateways: "onePerAz" }));
        const ips = perAz.outputs.natPublicIps.value as string[];
        expect(ips).toHaveLength(3);
        for (const ip of ips) expect(ip).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
        // Each is the address of the Elastic IP its NAT gateway is allocated.
        expect(new Set(ips).size).toBe(3);
        expect((await run(build({ natGateways: "single" }))).outputs.natPublicIps.value).toHaveLength(1);
        expect((await run(build({ natGateways: "none" }))).outputs.natPublicIps.value).toEqual([]);
    });

    it("shares one NAT with natGateways single, and has no private default route with none", async () => {
        const single = await run(build({ availabilityZoneCount: 3, natGateways: "single" }));
        expect(ofType(single, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
        const privateRoutes = ofType(single, "aws:ec2/route:Route").filter((r) => r.name.startsWith("net-private-"));
        expect(privateRoutes).toHaveLength(3);
        expect(new Set(privateRoutes.map((r) => r.inputs.natGatewayId)).size).toBe(1);

        const none = await run(build({ natGateways: "none" }));
        expect(ofType(none, "aws:ec2/natGateway:NatGateway")).toHaveLength(0);
        expect(ofType(none, "aws:ec2/eip:Eip")).toHaveLength(0);
        expect(ofType(none, "aws:ec2/route:Route").map((r) => r.name)).toEqual(["net-public-default"]);
    });

    it("adds an S3 gateway endpoint on every route table", async () => {
        const record = await run(build({ availabilityZoneCount: 2 }));
        const endpoint = one(record, "aws:ec2/vpcEndpoint:VpcEndpoint", "net-s3");
        expect(endpoint.inputs).toMatchObject({
            serviceName: "com.amazonaws.us-east-1.s3",
            vpcEndpointType: "Gateway",
        });
        expect(endpoint.inputs.routeTableIds).toHaveLength(3);
    });

    it("sends all flow logs to a log group encrypted with a rotating customer managed key", async () => {
        const record = await run(build({ flowLogRetentionDays: 90 }));
        const key = one(record, "aws:kms/key:Key");
        expect(key.inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
        const logsStatement = policyOf(key).Statement.find((s) => s.Sid === "CloudWatchLogsUsesForThisLogGroupOnly")!;
        expect(logsStatement.Principal).toEqual({ Service: "logs.us-east-1.amazonaws.com" });
        const group = one(record, "aws:cloudwatch/logGroup:LogGroup");
        expect(group.inputs.retentionInDays).toBe(90);
        expect(group.inputs.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
        const flowLog = one(record, "aws:ec2/flowLog:FlowLog");
        expect(flowLog.inputs).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
        expect(flowLog.inputs.logDestination).toMatch(
            /^arn:aws:logs:us-east-1:123456789012:log-group:\/aws\/vpc-flow-logs\//,
        );
        const trust = policyOf(one(record, "aws:iam/role:Role"), "assumeRolePolicy");
        expect(trust.Statement[0].Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
        const rolePolicy = policyOf(one(record, "aws:iam/rolePolicy:RolePolicy"));
        // AWS's documented minimum; DescribeLogGroups takes no single group as its resource.
        expect(rolePolicy.Statement[0].Action).toEqual([
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "logs:DescribeLogStreams",
        ]);
        expect(rolePolicy.Statement[1]).toEqual({
            Effect: "Allow",
            Action: "logs:DescribeLogGroups",
            Resource: "arn:aws:logs:us-east-1:123456789012:log-group:*",
        });
    });

    it("parents every child to the component and puts every regional child in the given region", async () => {
        const record = await run(build({ region: "us-west-2", availabilityZoneCount: 2 }));
        const component = one(record, "pulumi-aws-dr:network:MultiAzNetwork");
        const children = record.resources.filter((r) => r !== component);
        expect(children.length).toBeGreaterThan(20);
        for (const child of children) {
            expect(child.parent, child.name).toBe(component.urn);
            expect(child.urn).toContain("pulumi-aws-dr:network:MultiAzNetwork$");
        }
        const regional = children.filter((c) => !c.type.startsWith("aws:iam/"));
        for (const child of regional) expect([child.name, child.inputs.region]).toEqual([child.name, "us-west-2"]);
        expect(
            ofType(record, "aws:ec2/subnet:Subnet")
                .map((s) => s.inputs.availabilityZone)
                .sort(),
        ).toEqual(["us-west-2a", "us-west-2a", "us-west-2b", "us-west-2b"]);
    });

    it("protects and retains the key and log group only when asked", async () => {
        const plain = await run(build({}));
        expect(one(plain, "aws:kms/key:Key").options.protect).toBe(false);
        const guarded = await run(build({ protectStatefulResources: true }));
        for (const type of ["aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup"]) {
            expect(one(guarded, type).options).toMatchObject({ protect: true, retainOnDelete: true });
        }
        expect(one(guarded, "aws:ec2/vpc:Vpc").options.protect).toBe(false);
    });
});

describe("MultiAzNetwork validation", () => {
    const cases: [string, MultiAzNetworkArgs, string][] = [
        [
            "a malformed CIDR",
            { cidrBlock: "10.0.0/16" },
            'MultiAzNetwork "net": cidrBlock must be an IPv4 network address in CIDR form, e.g. 10.0.0.0/16, got "10.0.0/16"',
        ],
        [
            "host bits set",
            { cidrBlock: "10.0.0.1/16" },
            'cidrBlock must be an IPv4 network address in CIDR form, e.g. 10.0.0.0/16, got "10.0.0.1/16"',
        ],
        [
            "a block too small for the subnets",
            { cidrBlock: "10.0.0.0/27", availabilityZoneCount: 2 },
            'cidrBlock must be large enough for 4 subnets of at least /28 (a /26 or larger), got "10.0.0.0/27"',
        ],
        [
            "a block outside /16../28",
            { cidrBlock: "10.0.0.0/8" },
            'cidrBlock must be a block from /16 to /28, got "10.0.0.0/8"',
        ],
        ["fewer than 2 AZs", { availabilityZoneCount: 1 }, "availabilityZoneCount must be an integer 2..6, got 1"],
        [
            "more AZs than the region has",
            { region: "us-west-1", availabilityZoneCount: 3 },
            "availabilityZoneCount must be at most 2, the AZs us-west-1 has, got 3",
        ],
        [
            "a single explicit AZ",
            { availabilityZones: ["us-east-1a"] },
            'availabilityZones must be a list of at least 2 AZs, got ["us-east-1a"]',
        ],
        [
            "an AZ of another region",
            { availabilityZones: ["us-east-1a", "us-west-2b"] },
            'availabilityZones.1 must be an AZ of us-east-1 (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f), got "us-west-2b"',
        ],
        [
            "an unknown NAT mode",
            { natGateways: "many" as never },
            'natGateways must be one of none, single, onePerAz, got "many"',
        ],
        ["an unsupported region", { region: "mars-east-1" }, "region must be a supported region"],
        [
            "a retention CloudWatch does not offer",
            { flowLogRetentionDays: 10 },
            "flowLogRetentionDays must be one of 1, 3, 5",
        ],
    ];

    for (const [label, args, message] of cases) {
        it(`rejects ${label} before creating anything`, async () => {
            const { error, registered } = await runExpectingError(build(args));
            expect(error).toBeInstanceOf(InvalidInputError);
            expect(error.message).toContain(message);
            expect(registered).toEqual([]);
            // The component says what the pure validator says, and nothing else.
            expect(error.message).toBe(
                validateNetworkArgs(args, "us-east-1")
                    .map((p) => formatProblem('MultiAzNetwork "net"', p))
                    .join("\n"),
            );
        });
    }

    it("lists every problem at once, one line each", async () => {
        const { error } = await runExpectingError(
            build({ cidrBlock: "nope", availabilityZoneCount: 9, natGateways: "x" as never }),
        );
        const lines = error.message.split("\n");
        expect(lines).toHaveLength(3);
        expect(lines.every((l) => l.startsWith('MultiAzNetwork "net": '))).toBe(true);
        expect(lines.map((l) => l.split(" ")[2])).toEqual(["cidrBlock", "availabilityZoneCount", "natGateways"]);
    });

    it("parses only IPv4 network addresses, and carves equal, adjacent, non-overlapping subnets", () => {
        for (const bad of [
            "10.0.0.0",
            "10.0.0/16",
            "256.0.0.0/16",
            "10.0.0.0/33",
            "10.0.0.1/16",
            "10.0.0.0/-1",
            " 10.0.0.0/16",
            "fd00::/8",
        ]) {
            expect(parseCidr(bad), bad).toBeUndefined();
        }
        const block = parseCidr("10.20.0.0/16")!;
        expect(carve(block, 6).map(formatCidr)).toEqual([
            "10.20.0.0/19",
            "10.20.32.0/19",
            "10.20.64.0/19",
            "10.20.96.0/19",
            "10.20.128.0/19",
            "10.20.160.0/19",
        ]);
        expect(carve(parseCidr("10.0.0.0/26")!, 4).map(formatCidr)).toEqual([
            "10.0.0.0/28",
            "10.0.0.16/28",
            "10.0.0.32/28",
            "10.0.0.48/28",
        ]);
        expect(bitsFor(1)).toBe(0);
        expect(bitsFor(5)).toBe(3);
    });

    it("accepts the defaults and is pure", () => {
        expect(validateNetworkArgs({}, "us-east-1")).toEqual([]);
        expect(validateNetworkArgs({ availabilityZoneCount: 6 }, "us-east-1")).toEqual([]);
    });
});
