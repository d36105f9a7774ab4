import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { evaluatePolicies, PolicySettings } from "../policy/rules";
import { run } from "./harness";

/** The rules over what the offline engine records of raw @pulumi/aws resources (no components). */

const prod: PolicySettings = { stack: "test", protectStatefulResources: true, multiRegion: true };

interface Choices {
    readonly secure: boolean;
}

/** A small DR stack with raw resources; `secure: false` breaks one setting per rule. */
function program({ secure }: Choices) {
    return async () => {
        const stateful = secure ? { protect: true, retainOnDelete: true } : {};
        const key = new aws.kms.Key("key", { enableKeyRotation: secure }, stateful);
        const copyKey = new aws.kms.Key("copy-key", { region: "us-west-2", enableKeyRotation: true }, stateful);
        const vault = new aws.backup.Vault("vault", { kmsKeyArn: secure ? key.arn : undefined }, stateful);
        const copyVault = new aws.backup.Vault(
            "copy-vault",
            { region: secure ? "us-west-2" : undefined, kmsKeyArn: copyKey.arn },
            stateful,
        );
        new aws.backup.Plan("plan", {
            rules: [
                {
                    ruleName: "hourly",
                    targetVaultName: vault.name,
                    schedule: "cron(0 * ? * * *)",
                    copyActions: [{ destinationVaultArn: copyVault.arn }],
                },
            ],
        });

        // Auto-named: the rules must find it from the name the provider would give it.
        const logs = new aws.s3.Bucket("logs", {}, stateful);
        new aws.s3.BucketPublicAccessBlock("logs", {
            bucket: logs.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: secure,
        });
        new aws.s3.BucketPolicy("logs", {
            bucket: logs.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: secure ? "Deny" : "Allow",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [logs.arn, pulumi.interpolate`${logs.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        });

        const albSg = new aws.ec2.SecurityGroup("alb", { vpcId: "vpc-0123456789abcdef0" });
        new aws.vpc.SecurityGroupIngressRule("alb-https", {
            securityGroupId: albSg.id,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
        });
        new aws.vpc.SecurityGroupIngressRule("alb-ssh", {
            securityGroupId: albSg.id,
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrIpv4: secure ? "10.0.0.0/16" : "0.0.0.0/0",
        });
        const lb = new aws.lb.LoadBalancer("web", {
            loadBalancerType: "application",
            subnets: secure ? ["subnet-a", "subnet-b"] : ["subnet-a"],
            securityGroups: [albSg.id],
            dropInvalidHeaderFields: secure,
            enableDeletionProtection: secure,
            desyncMitigationMode: secure ? "strictest" : "monitor",
            accessLogs: { bucket: logs.bucket, prefix: "alb", enabled: secure },
        });
        new aws.lb.Listener("https", {
            loadBalancerArn: lb.arn,
            protocol: "HTTPS",
            port: 443,
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
            sslPolicy: secure ? "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" : "ELBSecurityPolicy-2016-08",
            defaultActions: [
                { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } },
            ],
        });
        new aws.lb.Listener("http", {
            loadBalancerArn: lb.arn,
            protocol: "HTTP",
            port: 80,
            defaultActions: [
                secure
                    ? { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }
                    : { type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } },
            ],
        });
        if (secure)
            new aws.wafv2.WebAclAssociation("web", {
                resourceArn: lb.arn,
                webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/web/1",
            });
        return {};
    };
}

describe("policy rules over recorded resources", () => {
    it("find no violation in a stack built to pass them, matching auto-named buckets, ALB ARNs and vaults by their recorded values", async () => {
        const record = await run(program({ secure: true }));
        expect(evaluatePolicies(record.resources, prod)).toEqual([]);
    });

    it("flag every rule in a stack that breaks each of them", async () => {
        const record = await run(program({ secure: false }));
        const found = evaluatePolicies(record.resources, prod).map(
            (v) => `${v.id} ${v.level} ${v.urn.split("::").pop()}`,
        );
        expect(found).toEqual([
            "ELB.1 mandatory http",
            "ELB.4 mandatory web",
            "ELB.5 mandatory web",
            "ELB.6 mandatory web",
            "ELB.12 mandatory web",
            "ELB.13 mandatory web",
            "ELB.16 advisory web",
            "Backup.1 mandatory plan",
            "KMS.4 mandatory key",
            "S3.5 mandatory logs",
            "S3.8 mandatory logs",
            "backup-vault-cmk mandatory vault",
            "stateful-protected mandatory copy-vault",
            "stateful-protected mandatory vault",
            "stateful-protected mandatory copy-key",
            "stateful-protected mandatory key",
            "stateful-protected mandatory logs",
            "backup-cross-region-copy mandatory plan",
            "elb-listener-tls12 mandatory https",
            "sg-no-world-open mandatory alb-ssh",
        ]);
    });

    it("report the field and value that break a rule", async () => {
        const record = await run(program({ secure: false }));
        const messages = evaluatePolicies(record.resources, prod)
            .filter((v) => ["backup-cross-region-copy", "S3.8"].includes(v.id))
            .map((v) => v.message);
        expect(messages).toEqual([
            "the BucketPublicAccessBlock must set restrictPublicBuckets to true",
            'rules[0] (hourly) must copy to a vault outside us-east-1, it copies to ["us-east-1"]',
        ]);
    });
});
