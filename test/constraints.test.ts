import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { listStacks, PROJECT_DIR } from "../tools/engine";
import { constraintViolations, INPUT_CONSTRAINTS } from "../components/testing";
import { albArgs } from "./alb.fixtures";
import { MultiAzAlb } from "../components";
import { run, runExpectingError, shippedStack } from "./harness";

describe("the offline engine refuses what AWS refuses", () => {
    it("cites an AWS documentation page on every row", () => {
        for (const row of INPUT_CONSTRAINTS)
            expect(row.source, `${row.type} ${row.field}`).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    });

    it("refuses an apostrophe in a security group rule's description, as EC2 does", async () => {
        const { error } = await runExpectingError(() => {
            new aws.vpc.SecurityGroupEgressRule("r", {
                securityGroupId: "sg-1",
                referencedSecurityGroupId: "sg-2",
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 80,
                description: "To the targets' group only",
            });
        });
        expect(error.message).toContain('description = "To the targets\' group only"');
        expect(error.message).toContain("API_UserIdGroupPair.html");
    });

    it("accepts & in a group's description but not in a rule's", () => {
        expect(constraintViolations("aws:ec2/securityGroup:SecurityGroup", { description: "ALB & targets" })).toEqual(
            [],
        );
        expect(
            constraintViolations("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
                description: "ALB & targets",
                cidrIpv4: "0.0.0.0/0",
            }),
        ).toHaveLength(1);
    });

    it("reports every broken field of a resource at once, with its path", () => {
        const found = constraintViolations("aws:lb/targetGroup:TargetGroup", {
            name: "-bad-",
            healthCheck: { interval: 10, timeout: 10, healthyThreshold: 1 },
        });
        expect(found.map((v) => v.path).sort()).toEqual([
            "healthCheck.healthyThreshold",
            "healthCheck.timeout",
            "name",
        ]);
    });

    it("judges fields AWS refuses together", () => {
        expect(
            constraintViolations("aws:cloudwatch/metricAlarm:MetricAlarm", {
                statistic: "Sum",
                extendedStatistic: "p99",
                evaluationPeriods: 1,
            }),
        ).toHaveLength(1);
        expect(
            constraintViolations("aws:route53/record:Record", {
                ttl: 60,
                aliases: [{ name: "x", zoneId: "Z", evaluateTargetHealth: true }],
            }),
        ).toHaveLength(1);
        expect(
            constraintViolations("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
                cidrIpv4: "0.0.0.0/0",
                referencedSecurityGroupId: "sg-1",
            }),
        ).toHaveLength(1);
    });

    it("checks list elements by index", () => {
        const found = constraintViolations("aws:backup/plan:Plan", {
            name: "p",
            rules: [
                { ruleName: "ok", startWindow: 60 },
                { ruleName: "not ok", startWindow: 30 },
            ],
        });
        expect(found.map((v) => v.path).sort()).toEqual(["rules.1.ruleName", "rules.1.startWindow"]);
    });

    it("refuses what AWS Config and Backup Audit Manager refuse: long names, types beside allSupported, two scope tags", () => {
        expect(
            constraintViolations("aws:cfg/recorder:Recorder", {
                name: "r".repeat(257),
                roleArn: "arn:aws:iam::123456789012:role/config",
                recordingGroup: { allSupported: true, resourceTypes: ["AWS::Backup::BackupPlan"] },
            }).map((v) => v.path),
        ).toEqual(["name", "recordingGroup.resourceTypes"]);
        expect(
            constraintViolations("aws:cfg/deliveryChannel:DeliveryChannel", { name: "", s3BucketName: "b" }).map(
                (v) => v.path,
            ),
        ).toEqual(["name"]);
        expect(
            constraintViolations("aws:backup/framework:Framework", {
                name: "audit",
                controls: [
                    { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope: { tags: { a: "1", b: "2" } } },
                    { name: "BACKUP_RECOVERY_POINT_ENCRYPTED", scope: { complianceResourceIds: [] } },
                ],
            }).map((v) => v.path),
        ).toEqual(["controls.0.scope.tags", "controls.1.scope.complianceResourceIds"]);
    });

    it("judges a secret's value, as AWS receives it", async () => {
        const { error } = await runExpectingError(() => {
            new aws.backup.Vault("v", { name: pulumi.secret("no spaces allowed") });
        });
        expect(error.message).toContain('name = "no spaces allowed"');
    });

    it("refuses what AWS WAF refuses in a forwarded-IP rate rule and an association, and a log key that is no ARN", () => {
        const rate = (rateBasedStatement: Record<string, unknown>) => ({
            scope: "REGIONAL",
            rules: [{ name: "rate", statement: { rateBasedStatement: { limit: 100, ...rateBasedStatement } } }],
        });
        const paths = (type: string, inputs: Record<string, unknown>) =>
            constraintViolations(type, inputs).map((v) => v.path);
        const ACL = "aws:wafv2/webAcl:WebAcl";
        expect(
            paths(
                ACL,
                rate({
                    aggregateKeyType: "FORWARDED_IP",
                    forwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "NO_MATCH" },
                }),
            ),
        ).toEqual([]);
        // FORWARDED_IP needs a forwardedIpConfig (API_RateBasedStatement).
        expect(paths(ACL, rate({ aggregateKeyType: "FORWARDED_IP" }))).toEqual([
            "rules.0.statement.rateBasedStatement",
        ]);
        expect(
            paths(
                ACL,
                rate({
                    aggregateKeyType: "CLIENT",
                    forwardedIpConfig: { headerName: "X Forwarded", fallbackBehavior: "DROP" },
                }),
            ).sort(),
        ).toEqual([
            "rules.0.statement.rateBasedStatement.aggregateKeyType",
            "rules.0.statement.rateBasedStatement.forwardedIpConfig.fallbackBehavior",
            "rules.0.statement.rateBasedStatement.forwardedIpConfig.headerName",
        ]);
        const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
        const alb = "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/1";
        const acl = (where: string) => `arn:aws:wafv2:us-east-1:123456789012:${where}/webacl/w/1`;
        // A CloudFront web ACL is named by its distribution; a regional one guards resources of its own region only.
        expect(
            paths(ASSOCIATION, { webAclArn: acl("global"), resourceArn: alb.replace("us-west-2", "us-east-1") }),
        ).toEqual(["webAclArn"]);
        expect(paths(ASSOCIATION, { webAclArn: acl("regional"), resourceArn: alb })).toEqual(["resourceArn"]);
        expect(
            paths(ASSOCIATION, { webAclArn: acl("regional"), resourceArn: alb.replace("us-west-2", "us-east-1") }),
        ).toEqual([]);
        expect(paths("aws:cloudwatch/logGroup:LogGroup", { name: "aws-waf-logs-x", kmsKeyId: "alias/logs" })).toEqual([
            "kmsKeyId",
        ]);
    });

    it("lets a MultiAzAlb through (item 1: its rule descriptions use only EC2's characters)", async () => {
        const record = await run(() => {
            new MultiAzAlb("web", albArgs());
        });
        const rules = record.resources.filter((r) => r.type.startsWith("aws:vpc/securityGroup"));
        expect(rules.length).toBeGreaterThan(0);
        for (const rule of rules) expect(rule.inputs.description).toMatch(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]+$/);
    });

    for (const stack of listStacks(PROJECT_DIR)) {
        it(`finds nothing AWS would refuse in stack ${stack}`, async () => {
            const record = await shippedStack(stack);
            expect(
                record.resources.flatMap((r) =>
                    constraintViolations(r.type, r.inputs).map((v) => `${r.name}.${v.path}`),
                ),
            ).toEqual([]);
        });
    }
});
