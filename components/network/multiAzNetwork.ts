import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountIdOf, partitionOf } from "../shared/account";
import { componentSubject, InvalidInputError } from "../shared/errors";
import { encryptedLogGroup } from "../shared/kms";
import { nameLimits, namePrefixOf } from "../shared/naming";
import { componentRegion, namerFor } from "../shared/stack";
import { named } from "../shared/tags";
import { MultiAzNetworkArgs, networkDefaults } from "./args";
import { carve, formatCidr, parseCidr } from "./cidr";
import { azCount, validateNetworkArgs } from "./validate";

export const NETWORK_TYPE = "pulumi-aws-dr:network:MultiAzNetwork";

/**
 * A VPC spread over several AZs: a public and a private subnet in each, an internet gateway, NAT as
 * chosen, an S3 gateway endpoint, and VPC flow logs to a KMS-encrypted CloudWatch log group.
 */
export class MultiAzNetwork extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly publicSubnetIds: pulumi.Output<string>[];
    public readonly privateSubnetIds: pulumi.Output<string>[];
    public readonly availabilityZones: pulumi.Output<string[]>;
    public readonly privateRouteTableIds: pulumi.Output<string>[];
    public readonly flowLogGroupName: pulumi.Output<string>;
    /** The S3 gateway endpoint's prefix list: what instances' security groups allow egress to for S3. */
    public readonly s3PrefixListId: pulumi.Output<string>;
    /** The DynamoDB gateway endpoint's prefix list, for security group egress rules. */
    public readonly dynamodbPrefixListId: pulumi.Output<string> | undefined;
    /**
     * The NAT gateways' Elastic IPs, one per NAT gateway (none with `natGateways: "none"`): the private
     * subnets' traffic to the internet leaves from these, so partners allow-list them.
     */
    public readonly natPublicIps: pulumi.Output<string>[];
    /** The SSM interface endpoints' security group: instances allow HTTPS egress to it (none without `ssmEndpoints`). */
    public readonly endpointSecurityGroupId: pulumi.Output<string> | undefined;
    /** Membership in this group is what the SSM endpoints admit HTTPS from: give it to managed instances. */
    public readonly endpointClientSecurityGroupId: pulumi.Output<string> | undefined;
    /** The region the network lives in. */
    public readonly region: string;

    constructor(name: string, args: MultiAzNetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        const subject = componentSubject("MultiAzNetwork", name);
        const given = componentRegion(subject, args.region, opts);
        const problems = validateNetworkArgs(args, given);
        if (problems.length > 0) throw new InvalidInputError(subject, problems);
        super(NETWORK_TYPE, name, {}, opts);

        const region = given ?? "us-east-1";
        this.region = region;
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };
        const zoneCount = azCount(args)!;
        const [publicCidrs, privateCidrs] = ((all) => [all.slice(0, zoneCount), all.slice(zoneCount)])(
            carve(parseCidr(args.cidrBlock ?? networkDefaults.cidrBlock)!, zoneCount * 2).map(formatCidr),
        );

        this.availabilityZones = args.availabilityZones
            ? pulumi.output(args.availabilityZones)
            : // Real AZs only: an account's opted-in Local Zones are listed too, and have fewer services.
              // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html
              aws
                  .getAvailabilityZonesOutput(
                      {
                          state: "available",
                          region: args.region,
                          filters: [{ name: "zone-type", values: ["availability-zone"] }],
                      },
                      child,
                  )
                  .names.apply((names) => {
                      // The account may see fewer AZs than the region has; only AWS can tell, at deploy time.
                      if (names.length < zoneCount) {
                          throw new InvalidInputError(subject, [
                              {
                                  path: "availabilityZoneCount",
                                  value: zoneCount,
                                  allowed: `at most ${names.length}, the AZs this account has in ${region}`,
                              },
                          ]);
                      }
                      return names.slice(0, zoneCount);
                  });

        const vpc = new aws.ec2.Vpc(
            `${name}-vpc`,
            {
                ...regional,
                cidrBlock: args.cidrBlock ?? networkDefaults.cidrBlock,
                enableDnsSupport: true,
                enableDnsHostnames: true,
                tags: named(args.tags, nameOf("vpc", 255)),
            },
            child,
        );
        this.vpcId = vpc.id;
        // Security Hub EC2.2: the default security group must allow nothing. Adopting it with no rules
        // makes the provider remove AWS's defaults (all traffic from the group itself, all egress).
        // https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
        new aws.ec2.DefaultSecurityGroup(
            `${name}-default-sg`,
            {
                ...regional,
                vpcId: vpc.id,
                ingress: [],
                egress: [],
                tags: named(args.tags, nameOf("default-denies-all", 255)),
            },
            child,
        );

        const igw = new aws.ec2.InternetGateway(
            `${name}-igw`,
            { ...regional, vpcId: vpc.id, tags: named(args.tags, nameOf("igw", 255)) },
            child,
        );
        const publicRoutes = new aws.ec2.RouteTable(
            `${name}-public-rt`,
            { ...regional, vpcId: vpc.id, tags: named(args.tags, nameOf("public", 255)) },
            child,
        );
        new aws.ec2.Route(
            `${name}-public-default`,
            { ...regional, routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
            child,
        );

        const zoneAt = (i: number) => this.availabilityZones.apply((z) => z[i]);
        const publicSubnets = publicCidrs.map((cidrBlock, i) => {
            const subnet = new aws.ec2.Subnet(
                `${name}-public-${i}`,
                {
                    ...regional,
                    vpcId: vpc.id,
                    cidrBlock,
                    availabilityZone: zoneAt(i),
                    // Nothing launched here gets a public IP by accident; the ALB and NAT get theirs explicitly.
                    mapPublicIpOnLaunch: false,
                    tags: named(args.tags, nameOf(`public-${i}`, 255)),
                },
                child,
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-public-${i}`,
                { ...regional, subnetId: subnet.id, routeTableId: publicRoutes.id },
                child,
            );
            return subnet;
        });

        const natMode = args.natGateways ?? networkDefaults.natGateways;
        const natCount = natMode === "none" ? 0 : natMode === "single" ? 1 : zoneCount;
        const natPublicIps: pulumi.Output<string>[] = [];
        const nats = Array.from({ length: natCount }, (_, i) => {
            const eip = new aws.ec2.Eip(
                `${name}-nat-${i}`,
                { ...regional, domain: "vpc", tags: named(args.tags, nameOf(`nat-${i}`, 255)) },
                child,
            );
            natPublicIps.push(eip.publicIp);
            return new aws.ec2.NatGateway(
                `${name}-nat-${i}`,
                {
                    ...regional,
                    allocationId: eip.id,
                    subnetId: publicSubnets[i].id,
                    tags: named(args.tags, nameOf(`nat-${i}`, 255)),
                },
                { ...child, dependsOn: [igw] },
            );
        });
        this.natPublicIps = natPublicIps;

        const privateTables = privateCidrs.map((cidrBlock, i) => {
            const subnet = new aws.ec2.Subnet(
                `${name}-private-${i}`,
                {
                    ...regional,
                    vpcId: vpc.id,
                    cidrBlock,
                    availabilityZone: zoneAt(i),
                    tags: named(args.tags, nameOf(`private-${i}`, 255)),
                },
                child,
            );
            const table = new aws.ec2.RouteTable(
                `${name}-private-${i}`,
                { ...regional, vpcId: vpc.id, tags: named(args.tags, nameOf(`private-${i}`, 255)) },
                child,
            );
            new aws.ec2.RouteTableAssociation(
                `${name}-private-${i}`,
                { ...regional, subnetId: subnet.id, routeTableId: table.id },
                child,
            );
            if (natCount > 0) {
                // With one NAT, every AZ's egress goes through it; with one per AZ, each stays in its AZ.
                const nat = nats[Math.min(i, natCount - 1)];
                new aws.ec2.Route(
                    `${name}-private-${i}-default`,
                    { ...regional, routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
                    child,
                );
            }
            return { subnet, table };
        });

        const s3Endpoint = new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                ...regional,
                vpcId: vpc.id,
                serviceName: `com.amazonaws.${region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds: [publicRoutes.id, ...privateTables.map((t) => t.table.id)],
                tags: named(args.tags, nameOf("s3", 255)),
            },
            child,
        );

        // DynamoDB too has a gateway endpoint: fleets in private subnets reach their tables without NAT.
        const dynamodbEndpoint =
            args.dynamodbEndpoint &&
            new aws.ec2.VpcEndpoint(
                `${name}-dynamodb`,
                {
                    ...regional,
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${region}.dynamodb`,
                    vpcEndpointType: "Gateway",
                    routeTableIds: privateTables.map((t) => t.table.id),
                    tags: named(args.tags, nameOf("dynamodb", 255)),
                },
                child,
            );

        const endpoints =
            (args.ssmEndpoints ?? networkDefaults.ssmEndpoints)
                ? this.ssmEndpoints(
                      name,
                      args,
                      region,
                      vpc,
                      privateTables.map((t) => t.subnet.id),
                  )
                : undefined;
        this.endpointSecurityGroupId = endpoints?.endpointsSg.id;
        this.endpointClientSecurityGroupId = endpoints?.clientsSg.id;

        const flowLogs = this.flowLogs(name, args, region, vpc);
        this.flowLogGroupName = flowLogs.name;

        this.s3PrefixListId = s3Endpoint.prefixListId;
        this.dynamodbPrefixListId = dynamodbEndpoint ? dynamodbEndpoint.prefixListId : undefined;
        this.publicSubnetIds = publicSubnets.map((s) => s.id);
        this.privateSubnetIds = privateTables.map((t) => t.subnet.id);
        this.privateRouteTableIds = privateTables.map((t) => t.table.id);
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            availabilityZones: this.availabilityZones,
            privateRouteTableIds: this.privateRouteTableIds,
            flowLogGroupName: this.flowLogGroupName,
            s3PrefixListId: this.s3PrefixListId,
            dynamodbPrefixListId: this.dynamodbPrefixListId,
            natPublicIps: this.natPublicIps,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            endpointClientSecurityGroupId: this.endpointClientSecurityGroupId,
        });
    }

    /**
     * What Session Manager and Run Command need from a private subnet with no internet path: the ssm,
     * ssmmessages and ec2messages interface endpoints, private DNS on so the agent's default hostnames
     * resolve to them. https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
     */
    private ssmEndpoints(
        name: string,
        args: MultiAzNetworkArgs,
        region: string,
        vpc: aws.ec2.Vpc,
        subnetIds: pulumi.Output<string>[],
    ) {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };
        // A group with no rules: membership alone is what the endpoints admit.
        const clientsSg = new aws.ec2.SecurityGroup(
            `${name}-endpoint-clients`,
            {
                ...regional,
                namePrefix: namePrefixOf(nameOf, "endpoint-clients", nameLimits.securityGroup),
                description: "Members may reach the SSM interface endpoints; no rules of its own",
                vpcId: vpc.id,
                tags: named(args.tags, nameOf("endpoint-clients", 255)),
            },
            child,
        );
        const endpointsSg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                ...regional,
                namePrefix: namePrefixOf(nameOf, "endpoints", nameLimits.securityGroup),
                description: "SSM interface endpoints: HTTPS in from the endpoint clients group only",
                vpcId: vpc.id,
                tags: named(args.tags, nameOf("endpoints", 255)),
            },
            child,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoints-in`,
            {
                ...regional,
                securityGroupId: endpointsSg.id,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                referencedSecurityGroupId: clientsSg.id,
                description: "HTTPS from the endpoint clients group",
                tags: args.tags,
            },
            child,
        );
        for (const service of ["ssm", "ssmmessages", "ec2messages"]) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service}`,
                {
                    ...regional,
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds,
                    securityGroupIds: [endpointsSg.id],
                    tags: named(args.tags, nameOf(service, 255)),
                },
                child,
            );
        }
        return { clientsSg, endpointsSg };
    }

    /** Flow logs of all traffic to a log group encrypted with its own customer managed key. */
    private flowLogs(
        name: string,
        args: MultiAzNetworkArgs,
        region: string,
        vpc: aws.ec2.Vpc,
    ): aws.cloudwatch.LogGroup {
        const nameOf = namerFor(name);
        const child = { parent: this };
        const regional = { region: args.region };

        const { logGroup } = encryptedLogGroup(
            `${name}-flow-logs`,
            {
                region: args.region,
                actualRegion: region,
                logGroupName: `/aws/vpc-flow-logs/${nameOf("vpc", 200)}`,
                retentionInDays: args.flowLogRetentionDays ?? networkDefaults.flowLogRetentionDays,
                description: `Encrypts VPC flow logs of ${nameOf("vpc", 255)}`,
                tags: named(args.tags, nameOf("flow-logs", 255)),
                protect: args.protectStatefulResources,
            },
            this,
        );

        const role = new aws.iam.Role(
            `${name}-flow-logs`,
            {
                name: nameOf("flow-logs", nameLimits.iamRole),
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            // Confused-deputy guard: only flow logs of this account may use the role.
                            Condition: { StringEquals: { "aws:SourceAccount": accountIdOf(this) } },
                        },
                    ],
                }),
                tags: args.tags,
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-flow-logs`,
            {
                role: role.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    // AWS's documented minimum for flow logs to CloudWatch Logs, scoped to this group where the
                    // action allows it: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: [
                                "logs:CreateLogGroup",
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogStreams",
                            ],
                            Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                        },
                        {
                            Effect: "Allow",
                            Action: "logs:DescribeLogGroups",
                            Resource: pulumi.interpolate`arn:${partitionOf(this)}:logs:${region}:${accountIdOf(this)}:log-group:*`,
                        },
                    ],
                }),
            },
            child,
        );

        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                ...regional,
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                maxAggregationInterval: 60,
                tags: named(args.tags, nameOf("flow-logs", 255)),
            },
            child,
        );
        return logGroup;
    }
}
