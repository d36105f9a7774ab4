/**
 * The FailoverAutomation component (components/failover) and its place in the shipped stacks: every resource
 * in the recovery region, no alarm on the failover path that reads Route 53's metrics (they live in
 * us-east-1, prod's primary), a DNS witness that reads Route 53's answer instead, least-privilege roles, and clear
 * errors for bad input.
 */
import { describe, expect, it } from "vitest";
import { canaryScript, FailoverAutomation, FailoverAutomationArgs, InvalidInputError } from "../components";
import { constraintViolations } from "../components/testing";
import { evaluateStack, stackConfig, StackRecord } from "../tools/engine";
import { ofType, one, policyOf, run, runExpectingError, shippedStack } from "./harness";

const TYPE = "pulumi-aws-dr:failover:FailoverAutomation";

const base: FailoverAutomationArgs = {
    region: "us-west-2",
    primaryRegion: "us-east-1",
    mode: "automatic",
    probeUrl: "https://primary-alb.us-east-1.elb.amazonaws.com:443/health",
    fleets: [{ key: "web", autoScalingGroupName: "web-asg", fullSize: 4 }],
    databases: [
        {
            key: "main",
            globalClusterId: "app-global",
            secondaryClusterArn: "arn:aws:rds:us-west-2:123456789012:cluster:app-us-west-2",
            secondaryClusterId: "app-us-west-2",
            headless: { instanceClass: "db.r6g.large", engine: "aurora-postgresql" },
        },
    ],
    dns: { recordName: "origin.app.example.com", standbyDnsName: "standby-alb-1.us-west-2.elb.amazonaws.com" },
};
const alarmArn = (name: unknown) => `arn:aws:cloudwatch:us-west-2:123456789012:alarm:${String(name)}`;
const eventPattern = (record: StackRecord, name: string) =>
    JSON.parse(String(one(record, "aws:cloudwatch/eventRule:EventRule", name).inputs.eventPattern));
const build = (args: FailoverAutomationArgs) => async () => {
    const automation = new FailoverAutomation("failover", args);
    return { documents: automation.documentNames };
};

/** Every resource of the component (itself excluded), by the component's URN. */
const members = (record: StackRecord) => {
    const component = one(record, TYPE);
    return record.resources.filter((r) => r.urn.includes(`${TYPE}$`) || r.parent === component.urn);
};
const documentSteps = (record: StackRecord, name: string) =>
    JSON.parse(String(one(record, "aws:ssm/document:Document", name).inputs.content)).mainSteps as {
        name: string;
        inputs: Record<string, unknown>;
    }[];

describe("FailoverAutomation", () => {
    it("creates every resource in the recovery region, as children of the component", async () => {
        const record = await run(build(base));
        const regional = members(record).filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("aws:iam/"));
        expect(regional.length).toBeGreaterThan(10);
        for (const r of regional) expect(r.region, r.urn).toBe("us-west-2");
        expect(members(record).every((r) => r.parent === one(record, TYPE).urn)).toBe(true);
    });

    it("probes the primary's health-check URL from a canary with a CMK-encrypted, private artifacts bucket", async () => {
        const record = await run(build(base));
        const canary = one(record, "aws:synthetics/canary:Canary");
        expect(canary.inputs.schedule).toEqual({ expression: "rate(1 minute)" });
        expect(
            (canary.inputs.runConfig as { environmentVariables: Record<string, string> }).environmentVariables,
        ).toEqual({
            PROBE_URL: base.probeUrl,
            RECORD_NAME: "origin.app.example.com",
            STANDBY_NAME: "standby-alb-1.us-west-2.elb.amazonaws.com",
            METRIC_NAMESPACE: "PulumiAwsDr/Failover",
            METRIC_NAME: "RoutedToStandby",
        });
        expect(canary.inputs.artifactConfig).toEqual({
            s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: expect.stringMatching(/^arn:aws:kms:us-west-2:/) },
        });
        const keyArn = (canary.inputs.artifactConfig as { s3Encryption: { kmsKeyArn: string } }).s3Encryption.kmsKeyArn;
        expect(one(record, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const sse = one(
            record,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        ).inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId: string } }[];
        expect(sse[0].applyServerSideEncryptionByDefault.kmsMasterKeyId).toBe(keyArn);
        expect(policyOf(one(record, "aws:s3/bucketPolicy:BucketPolicy")).Statement[0]).toMatchObject({
            Effect: "Deny",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
    });

    it("alarms on the probe with the declared period and data points, and never on AWS/Route53 metrics", async () => {
        const record = await run(
            build({ ...base, probe: { periodSeconds: 30, datapointsToAlarm: 3, evaluationPeriods: 5 } }),
        );
        const probe = one(record, "aws:cloudwatch/metricAlarm:MetricAlarm", "failover-probe");
        expect(probe.inputs).toMatchObject({
            namespace: "CloudWatchSynthetics",
            metricName: "SuccessPercent",
            period: 30,
            datapointsToAlarm: 3,
            evaluationPeriods: 5,
            comparisonOperator: "LessThanThreshold",
            threshold: 100,
        });
        // The DNS witness: every run of the period resolved the record to the standby (Minimum ≥ 1), 2 × 60 s by
        // default; a canary that does not run publishes nothing, which is no evidence (notBreaching).
        const dns = one(record, "aws:cloudwatch/metricAlarm:MetricAlarm", "failover-dns");
        expect(dns.inputs).toMatchObject({
            namespace: "PulumiAwsDr/Failover",
            metricName: "RoutedToStandby",
            dimensions: { RecordName: "origin.app.example.com" },
            statistic: "Minimum",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            period: 60,
            datapointsToAlarm: 2,
            evaluationPeriods: 2,
            treatMissingData: "notBreaching",
        });
        for (const alarm of ofType(record, "aws:cloudwatch/metricAlarm:MetricAlarm"))
            expect(alarm.inputs.namespace).not.toBe("AWS/Route53");
    });

    it("automatic: the composite alarm needs the probe and the DNS witness, and EventBridge starts the promotion on it", async () => {
        const record = await run(build(base));
        const probe = one(record, "aws:cloudwatch/metricAlarm:MetricAlarm", "failover-probe");
        const dns = one(record, "aws:cloudwatch/metricAlarm:MetricAlarm", "failover-dns");
        const composite = one(record, "aws:cloudwatch/compositeAlarm:CompositeAlarm");
        expect(composite.inputs.alarmRule).toBe(
            `ALARM("${alarmArn(probe.inputs.name)}") AND ALARM("${alarmArn(dns.inputs.name)}")`,
        );
        const pattern = (name: string) => eventPattern(record, name);
        expect(pattern("failover-promote")).toEqual({
            source: ["aws.cloudwatch"],
            "detail-type": ["CloudWatch Alarm State Change"],
            resources: [alarmArn(composite.inputs.alarmName)],
            detail: { state: { value: ["ALARM"] } },
        });
        expect(pattern("failover-raise").resources).toEqual([alarmArn(probe.inputs.name)]);
        const target = one(record, "aws:cloudwatch/eventTarget:EventTarget", "failover-promote");
        expect(target.inputs.arn).toMatch(
            /^arn:aws:ssm:us-west-2:123456789012:automation-definition\/pulumi-aws-dr-test-failover-promote:\$DEFAULT$/,
        );
    });

    it("without a probe (the primary admits only CloudFront): the DNS witness alone raises and promotes", async () => {
        const record = await run(build({ ...base, probeUrl: undefined }));
        const alarms = ofType(record, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarms.map((a) => a.name)).toEqual(["failover-dns"]);
        const dns = alarmArn(alarms[0].inputs.name);
        expect(one(record, "aws:cloudwatch/compositeAlarm:CompositeAlarm").inputs.alarmRule).toBe(`ALARM("${dns}")`);
        expect(eventPattern(record, "failover-raise").resources).toEqual([dns]);
        const env = (
            one(record, "aws:synthetics/canary:Canary").inputs.runConfig as {
                environmentVariables: Record<string, string>;
            }
        ).environmentVariables;
        expect(env.PROBE_URL).toBeUndefined();
        expect(env.RECORD_NAME).toBe("origin.app.example.com");
    });

    it("the documents raise each fleet's minimum to full size and fail the global database over, adding an instance to a headless one", async () => {
        const record = await run(build(base));
        expect(documentSteps(record, "failover-raise")).toEqual([
            {
                name: "raise_web",
                action: "aws:executeAwsApi",
                inputs: {
                    Service: "autoscaling",
                    Api: "UpdateAutoScalingGroup",
                    AutoScalingGroupName: "web-asg",
                    MinSize: 4,
                },
            },
        ]);
        const promote = documentSteps(record, "failover-promote");
        expect(promote.map((s) => s.name)).toEqual([
            "add_instance_main",
            "wait_for_instance_main",
            "fail_over_main",
            "wait_for_promotion_main",
        ]);
        expect(promote[2].inputs).toEqual({
            Service: "rds",
            Api: "FailoverGlobalCluster",
            GlobalClusterIdentifier: "app-global",
            TargetDbClusterIdentifier: "arn:aws:rds:us-west-2:123456789012:cluster:app-us-west-2",
            AllowDataLoss: true,
        });
    });

    it("gives each role only what its steps need", async () => {
        const record = await run(build(base));
        const statements = (name: string) =>
            policyOf(one(record, "aws:iam/rolePolicy:RolePolicy", name)).Statement as {
                Action: string | string[];
                Resource: string | string[];
            }[];
        expect(statements("failover-raise")).toEqual([
            {
                Sid: "RaiseFleets",
                Effect: "Allow",
                Action: "autoscaling:UpdateAutoScalingGroup",
                Resource: [
                    "arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg",
                ],
            },
        ]);
        const failOver = statements("failover-promote").find((s) => s.Action === "rds:FailoverGlobalCluster")!;
        expect(failOver.Resource).toEqual([
            "arn:aws:rds::123456789012:global-cluster:app-global",
            "arn:aws:rds:us-west-2:123456789012:cluster:app-us-west-2",
        ]);
        // The canary may put metrics in Synthetics' namespace and the DNS witness's, nowhere else.
        const metrics = statements("failover-probe").find((s) => s.Action === "cloudwatch:PutMetricData")!;
        expect(metrics).toMatchObject({
            Resource: "*",
            Condition: { StringEquals: { "cloudwatch:namespace": ["CloudWatchSynthetics", "PulumiAwsDr/Failover"] } },
        });
        const start = statements("failover-promote-start");
        expect(start.map((s) => s.Action)).toEqual(["ssm:StartAutomationExecution", "iam:PassRole"]);
        for (const role of ofType(record, "aws:iam/role:Role")) {
            const principals = policyOf(role, "assumeRolePolicy").Statement.map((s) => s.Principal);
            expect(principals).toHaveLength(1);
        }
    });

    it("manual: the promotion document is there for its owner, and nothing starts it", async () => {
        const record = await run(build({ ...base, mode: "manual", owner: "platform-oncall", dns: undefined }));
        expect(
            ofType(record, "aws:ssm/document:Document")
                .map((d) => d.name)
                .sort(),
        ).toEqual(["failover-promote", "failover-raise"]);
        expect(ofType(record, "aws:cloudwatch/compositeAlarm:CompositeAlarm")).toEqual([]);
        expect(ofType(record, "aws:cloudwatch/eventRule:EventRule").map((r) => r.name)).toEqual(["failover-raise"]);
    });

    it("refuses bad input before creating anything, every problem at once", async () => {
        const { error, registered } = await runExpectingError(
            build({
                ...base,
                primaryRegion: "us-west-2",
                mode: "manual",
                dns: { recordName: "origin app", standbyDnsName: undefined as never, periodSeconds: 45 },
                probe: { intervalMinutes: 0, timeoutSeconds: 90, datapointsToAlarm: 3, evaluationPeriods: 2 },
            }),
        );
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual([
            "primaryRegion",
            "owner",
            "probe.intervalMinutes",
            "probe.timeoutSeconds",
            "probe.datapointsToAlarm",
            "probe.evaluationPeriods",
            "dns.periodSeconds",
            "dns.recordName",
            "dns.standbyDnsName",
        ]);
        expect(error.message).toContain('FailoverAutomation "failover"');
        expect(error.message).toContain('"origin app"');
        expect(registered.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    });

    it("refuses an automatic promotion without the DNS witness, and a canary with neither probe nor witness", async () => {
        const paths = async (args: FailoverAutomationArgs) =>
            ((await runExpectingError(build(args))).error as InvalidInputError).problems.map((p) => [
                p.path,
                p.allowed,
            ]);
        expect(await paths({ ...base, dns: undefined })).toEqual([
            ["dns", expect.stringContaining("an automatic promotion waits for Route 53's answer")],
        ]);
        expect(await paths({ ...base, mode: "manual", owner: "x", probeUrl: undefined, dns: undefined })).toEqual([
            ["dns", expect.stringContaining("without probeUrl the DNS witness is the only thing that raises")],
        ]);
    });
});

describe("failover automation in the shipped stacks", () => {
    for (const stack of ["staging", "prod"]) {
        it(`${stack}: everything on the failover path lives in us-west-2, and no alarm of it reads AWS/Route53`, async () => {
            const record = await shippedStack(stack);
            const own = members(record).filter((r) => r.type.startsWith("aws:") && !r.type.startsWith("aws:iam/"));
            expect(own.length).toBeGreaterThan(10);
            for (const r of own) expect(r.region, r.urn).toBe("us-west-2");
            const env = (
                one(record, "aws:synthetics/canary:Canary").inputs.runConfig as {
                    environmentVariables: Record<string, string>;
                }
            ).environmentVariables;
            const albs = ofType(record, "aws:lb/loadBalancer:LoadBalancer");
            const albName = (region: string) => String(albs.find((lb) => lb.region === region)!.inputs.name);
            const albDns = (region: string) => `${albName(region)}-\\d+\\.${region}\\.elb\\.amazonaws\\.com`;
            // The DNS witness resolves the stack's own failover record (FailoverDns's) and compares it with the
            // standby ALB, the secondary record's alias target.
            const record53 = ofType(record, "aws:route53/record:Record").find((r) => r.inputs.failoverRoutingPolicies)!;
            expect(env.RECORD_NAME).toBe(record53.inputs.name);
            expect(env.STANDBY_NAME).toMatch(new RegExp(`^${albDns("us-west-2")}$`));
            const alarms = own.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
            if (stack === "prod") {
                // Behind the CDN the primary's ALB admits only CloudFront and Route 53's checkers: no probe.
                expect(env.RECORD_NAME).toBe("origin.app.example.com");
                expect(env.PROBE_URL).toBeUndefined();
                expect(alarms.map((a) => a.inputs.namespace)).toEqual(["PulumiAwsDr/Failover"]);
                expect(one(record, "aws:cloudwatch/metricAlarm:MetricAlarm", "failover-dns").inputs).toMatchObject({
                    period: 60,
                    datapointsToAlarm: 1,
                });
            } else {
                // The probe requests what Route 53 checks: the primary's ALB and health-check path.
                expect(env.PROBE_URL).toMatch(new RegExp(`^https://${albDns("us-east-1")}:443/health$`));
                expect(alarms.map((a) => a.inputs.namespace).sort()).toEqual([
                    "CloudWatchSynthetics",
                    "PulumiAwsDr/Failover",
                ]);
            }
        });
    }

    it("staging raises both pilot-light fleets to the primary's maximum and adds an instance to its headless secondary", async () => {
        const record = await shippedStack("staging");
        const raise = documentSteps(record, "failover-raise").map((s) => [s.name, s.inputs.MinSize]);
        expect(raise).toEqual([
            ["raise_stable", 4],
            ["raise_canary", 2],
        ]);
        expect(documentSteps(record, "failover-promote").map((s) => s.name)[0]).toBe("add_instance_main");
    });

    it("prod's promotion fails its global database over to the us-west-2 cluster, with no instance to add", async () => {
        const record = await shippedStack("prod");
        const cluster = ofType(record, "aws:rds/cluster:Cluster").find((c) => c.region === "us-west-2")!;
        const steps = documentSteps(record, "failover-promote");
        expect(steps.map((s) => s.name)).toEqual(["fail_over_main", "wait_for_promotion_main"]);
        expect(steps[0].inputs.TargetDbClusterIdentifier).toBe(
            `arn:aws:rds:us-west-2:123456789012:cluster:${String(cluster.inputs.clusterIdentifier)}`,
        );
    });

    it("a manual promotion without an owner is a config error naming dr.failover.owner", async () => {
        const dr = JSON.parse(stackConfig("prod").values["pulumi-aws-dr:dr"]);
        const error = await evaluateStack("prod", {
            configOverrides: { "pulumi-aws-dr:dr": { ...dr, failover: { mode: "manual" } } },
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toContain("pulumi-aws-dr:dr.failover.owner");
        expect(error?.message).toContain("a manual step needs an owner");
    });

    it("failover automation on a single-region stack is a config error naming dr.failover", async () => {
        const dr = JSON.parse(stackConfig("dev").values["pulumi-aws-dr:dr"]);
        const error = await evaluateStack("dev", {
            configOverrides: { "pulumi-aws-dr:dr": { ...dr, failover: { mode: "automatic" } } },
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toContain("pulumi-aws-dr:dr.failover must be manual or unset for backup-restore");
    });
});

describe("the offline engine refuses what AWS refuses for the failover types", () => {
    it("a canary name over 21 characters or with capitals", () => {
        expect(constraintViolations("aws:synthetics/canary:Canary", { name: "pulumi-aws-dr-prod-probe" })).toHaveLength(
            1,
        );
        expect(constraintViolations("aws:synthetics/canary:Canary", { name: "Probe" })).toHaveLength(1);
        expect(constraintViolations("aws:synthetics/canary:Canary", { name: "pulumi-aws-dr-0a1b2c3" })).toEqual([]);
    });

    it("a canary schedule faster than once a minute, and a run timeout outside 3..840 s", () => {
        const found = constraintViolations("aws:synthetics/canary:Canary", {
            schedule: { expression: "rate(30 seconds)" },
            runConfig: { timeoutInSeconds: 900 },
        });
        expect(found.map((v) => v.path).sort()).toEqual(["runConfig.timeoutInSeconds", "schedule.expression"]);
        expect(
            constraintViolations("aws:synthetics/canary:Canary", { schedule: { expression: "rate(5 minutes)" } }),
        ).toEqual([]);
    });

    it("SSE_KMS artifacts without a key", () => {
        expect(
            constraintViolations("aws:synthetics/canary:Canary", {
                artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS" } },
            }),
        ).toHaveLength(1);
    });

    it("an alarm period of 45 s, and more data points than evaluation periods", () => {
        const found = constraintViolations("aws:cloudwatch/metricAlarm:MetricAlarm", {
            period: 45,
            evaluationPeriods: 2,
            datapointsToAlarm: 3,
        });
        expect(found.map((v) => v.path).sort()).toEqual(["datapointsToAlarm", "period"]);
        expect(
            constraintViolations("aws:cloudwatch/metricAlarm:MetricAlarm", {
                period: 120,
                evaluationPeriods: 2,
                datapointsToAlarm: 2,
            }),
        ).toEqual([]);
    });

    it("an SSM document named with a reserved prefix or too short, an EventBridge rule name with a space", () => {
        expect(constraintViolations("aws:ssm/document:Document", { name: "aws-failover" })).toHaveLength(1);
        expect(constraintViolations("aws:ssm/document:Document", { name: "ab" })).toHaveLength(1);
        expect(
            constraintViolations("aws:ssm/document:Document", { name: "pulumi-aws-dr-prod-failover-promote" }),
        ).toEqual([]);
        expect(constraintViolations("aws:cloudwatch/eventRule:EventRule", { name: "raise on alarm" })).toHaveLength(1);
        expect(
            constraintViolations("aws:cloudwatch/eventTarget:EventTarget", { targetId: "x".repeat(65) }),
        ).toHaveLength(1);
    });

    it("an alarm namespace starting with a colon, a canary environment variable named with a digit first", () => {
        expect(constraintViolations("aws:cloudwatch/metricAlarm:MetricAlarm", { namespace: ":Failover" })).toHaveLength(
            1,
        );
        expect(
            constraintViolations("aws:cloudwatch/metricAlarm:MetricAlarm", { namespace: "PulumiAwsDr/Failover" }),
        ).toEqual([]);
        expect(
            constraintViolations("aws:synthetics/canary:Canary", {
                runConfig: { environmentVariables: { "1X": "a" } },
            }),
        ).toHaveLength(1);
        expect(
            constraintViolations("aws:synthetics/canary:Canary", {
                runConfig: { environmentVariables: { RECORD_NAME: "origin.app.example.com" } },
            }),
        ).toEqual([]);
    });

    it("a composite alarm name over 255 characters", () => {
        expect(
            constraintViolations("aws:cloudwatch/compositeAlarm:CompositeAlarm", {
                alarmName: "a".repeat(256),
                alarmRule: 'ALARM("x")',
            }),
        ).toHaveLength(1);
    });
});

/**
 * The canary's script, run as Synthetics runs it (its handler, its environment) with Node's resolver and the
 * CloudWatch client replaced by tables: what it publishes for each answer Route 53 may give.
 */
describe("the canary's DNS witness", () => {
    const STANDBY = ["10.0.2.1", "10.0.2.2"];
    const PRIMARY = ["10.0.1.1", "10.0.1.2"];
    const runScript = async (answers: Record<string, string[] | Error>, env: Record<string, string> = {}) => {
        const published: { Namespace: string; MetricData: { MetricName: string; Value: number }[] }[] = [];
        const lookup = (name: string) => {
            const answer = answers[name] ?? Object.assign(new Error("not found"), { code: "ENOTFOUND" });
            return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
        };
        const modules: Record<string, unknown> = {
            https: {},
            http: {},
            dns: {
                promises: {
                    Resolver: class {
                        resolve4 = lookup;
                        resolve6 = () => Promise.reject(Object.assign(new Error("no AAAA"), { code: "ENODATA" }));
                    },
                },
            },
            "@aws-sdk/client-cloudwatch": {
                CloudWatchClient: class {
                    send = async (command: { input: (typeof published)[number] }) => void published.push(command.input);
                },
                PutMetricDataCommand: class {
                    constructor(public input: unknown) {}
                },
            },
        };
        const exports: { handler?: () => Promise<unknown> } = {};
        const process = {
            env: {
                RECORD_NAME: "origin.app.example.com",
                STANDBY_NAME: "standby.elb",
                METRIC_NAMESPACE: "PulumiAwsDr/Failover",
                METRIC_NAME: "RoutedToStandby",
                ...env,
            },
        };
        new Function("require", "exports", "process", "console", canaryScript(10))(
            (name: string) => modules[name],
            exports,
            process,
            { log: () => undefined },
        );
        const result = await exports.handler!().then(
            (value) => ({ value }),
            (error: Error) => ({ error }),
        );
        return { result, values: published.map((p) => p.MetricData[0].Value), published };
    };

    it("publishes 1 only when every address of the record is the standby's (Route 53 answered with the secondary)", async () => {
        const routed = await runScript({ "origin.app.example.com": STANDBY, "standby.elb": STANDBY });
        expect(routed.values).toEqual([1]);
        expect(routed.published[0]).toMatchObject({
            Namespace: "PulumiAwsDr/Failover",
            MetricData: [
                {
                    MetricName: "RoutedToStandby",
                    Dimensions: [{ Name: "RecordName", Value: "origin.app.example.com" }],
                },
            ],
        });
        expect((await runScript({ "origin.app.example.com": PRIMARY, "standby.elb": STANDBY })).values).toEqual([0]);
    });

    it("reads every doubt as no failover: a record with no addresses, or a standby whose addresses changed", async () => {
        expect((await runScript({ "standby.elb": STANDBY })).values).toEqual([0]);
        const moved = await runScript({ "origin.app.example.com": ["10.0.2.1", "10.0.2.9"], "standby.elb": STANDBY });
        expect(moved.values).toEqual([0]);
    });

    it("publishes nothing when a lookup fails, and without a probe the run fails", async () => {
        const timedOut = Object.assign(new Error("queryA ETIMEOUT"), { code: "ETIMEOUT" });
        const failed = await runScript({ "origin.app.example.com": timedOut, "standby.elb": STANDBY });
        expect(failed.values).toEqual([]);
        expect(failed.result).toMatchObject({ error: { message: "queryA ETIMEOUT" } });
    });
});

describe("a pilot light behind the CDN", () => {
    it("is refused: no probe reaches its primary, and Route 53 never answers with a standby that is not raised", async () => {
        const dr = JSON.parse(stackConfig("prod").values["pulumi-aws-dr:dr"]);
        const error = await evaluateStack("prod", {
            configOverrides: {
                "pulumi-aws-dr:dr": { ...dr, strategy: "pilot-light", standbyCapacityPercent: undefined },
            },
        }).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).toContain("pulumi-aws-dr:dr.failover must be unset for a pilot light behind the CDN");
    });
});
