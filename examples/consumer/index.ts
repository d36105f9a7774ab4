import * as pulumi from "@pulumi/pulumi";
import { AlbTargetGroup, BackupPlan, BackupPlanArgs, MultiAzAlb } from "pulumi-aws-dr";

/**
 * A service that lives in the networks a pulumi-aws-dr stack built. It owns none of them: it reads
 * that stack's outputs contract (ids by region) and builds its own load balancers and backups from
 * the components, with its own config.
 */
export = async () => {
    const config = new pulumi.Config();
    const regions = config.requireObject<string[]>("regions");
    const alb = config.requireObject<{ targetGroups: Record<string, AlbTargetGroup> }>("alb");
    const backup = config.requireObject<Pick<BackupPlanArgs, "rules" | "selections">>("backup");
    const tags = { app: pulumi.getProject(), environment: pulumi.getStack() };

    const drStack = config.require("drStack");
    const dr = new pulumi.StackReference(drStack);
    // Every value of the contract is keyed by region; a region the DR stack does not serve fails here.
    const fromDr = <T>(key: string, region: string): pulumi.Output<T> =>
        dr.requireOutput(key).apply((byRegion: Record<string, T>) => {
            if (!(region in byRegion)) throw new Error(`${drStack}: output ${key} has no ${region}`);
            return byRegion[region];
        });

    const albs = regions.map(
        (region) =>
            new MultiAzAlb(`web-${region}`, {
                region,
                vpcId: fromDr<string>("vpcIds", region),
                subnetIds: fromDr<string[]>("publicSubnetIds", region),
                certificateArn: fromDr<string>("certificateArns", region),
                targetGroups: alb.targetGroups,
                tags,
            }),
    );

    // The vault sits in the first region; rules may copy to the others.
    const plan = new BackupPlan("data", { ...backup, region: regions[0], tags });

    return {
        albDnsNames: Object.fromEntries(albs.map((a) => [a.region, a.dnsName])),
        targetGroupArns: Object.fromEntries(albs.map((a) => [a.region, a.targetGroupArns])),
        // Where to run the targets: the DR stack's private subnets, next to each ALB.
        targetSubnetIds: Object.fromEntries(regions.map((r) => [r, fromDr<string[]>("privateSubnetIds", r)])),
        targetSecurityGroupIds: Object.fromEntries(albs.map((a) => [a.region, a.targetSecurityGroupId])),
        vaultArns: { [regions[0]]: plan.vaultArn, ...plan.copyVaultArns },
    };
};
