import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { MultiAzAlb } from "../components";
import { albArgs, contextFor } from "../config/compose";
import { loadStackConfig } from "../config/load";
import { Program } from "../tools/engine";

/** The public subnets the ALB spans: as many as prod's network has AZs. */
const SUBNETS = 3;

/**
 * The program of the scaling plans: the stack's primary ALB alone, built from the stack's config as
 * `index.ts` builds it (config parsed and validated by the same code, `albArgs`, the same
 * MultiAzAlb), on the least it needs, declared with raw constructors: a VPC, its public subnets,
 * an ACM certificate and the origin-verify secret. Its inputs reach the ALB as Outputs, as the
 * network's, the certificate's and the secret's do in prod, so the ALB's deferred checks and gates run
 * as they do there; the CDN's prefix lists come from the same lookups as in `index.ts`.
 *
 * Why not prod with N services: prod's ~400 resources take ~0.7 s of CPU with a run-to-run jitter of
 * tens of ms, about what one service adds (8 resources), so the added time of one service was lost
 * in the noise. This plan's baseline is ~35 resources, whose jitter is a few ms.
 */
export const albProgram: Program = () => {
    const ctx = contextFor(loadStackConfig(), pulumi.getStack());
    const role = ctx.layout.regions[0];
    const vpc = new aws.ec2.Vpc("bench-vpc", { region: role.region, cidrBlock: "10.0.0.0/16" });
    const subnets = Array.from(
        { length: SUBNETS },
        (_, i) =>
            new aws.ec2.Subnet(`bench-public-${i}`, {
                region: role.region,
                vpcId: vpc.id,
                cidrBlock: `10.0.${i}.0/24`,
                availabilityZone: `${role.region}${"abc"[i]}`,
            }),
    );
    const certificate = new aws.acm.Certificate("bench-certificate", {
        region: role.region,
        domainName: ctx.config.dns.recordName,
        validationMethod: "DNS",
    });
    const alb = new MultiAzAlb(
        role.role,
        albArgs(ctx, role, {
            vpcId: vpc.id,
            subnetIds: subnets.map((s) => s.id),
            certificateArn: certificate.arn,
            originVerifyValue: ctx.config.alb.originVerifyHeader
                ? new random.RandomPassword("bench-origin-verify", { length: 40, special: false }).result
                : undefined,
            ingressPrefixListIds: ctx.config.cdn.enabled
                ? [
                      "com.amazonaws.global.cloudfront.origin-facing",
                      `com.amazonaws.${role.region}.route53-healthchecks`,
                  ].map((name) =>
                      aws.ec2.getManagedPrefixListOutput({ name, region: role.region }).apply((list) => list.id),
                  )
                : undefined,
        }),
    );
    return { dnsName: alb.dnsName };
};
