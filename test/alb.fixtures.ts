import { MultiAzAlb, MultiAzAlbArgs } from "../components/alb";

export const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

/** A valid blue/green ALB at 100/0; `over` replaces top-level fields. */
export function albArgs(over: Partial<MultiAzAlbArgs> = {}): MultiAzAlbArgs {
    return {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
        certificateArn: CERT,
        targetGroups: { blue: { weight: 100 }, green: { weight: 0 } },
        ...over,
    };
}

/** A program declaring one ALB named "web" and returning its outputs. */
export const buildAlb = (args: MultiAzAlbArgs) => async () => {
    const alb = new MultiAzAlb("web", args);
    return {
        loadBalancerArn: alb.loadBalancerArn,
        loadBalancerArnSuffix: alb.loadBalancerArnSuffix,
        dnsName: alb.dnsName,
        zoneId: alb.zoneId,
        httpsListenerArn: alb.httpsListenerArn,
        targetGroupArns: alb.targetGroupArns,
        targetGroupArnSuffixes: alb.targetGroupArnSuffixes,
        albSecurityGroupId: alb.albSecurityGroupId,
        targetSecurityGroupId: alb.targetSecurityGroupId,
        logBucketName: alb.logBucketName,
    };
};
