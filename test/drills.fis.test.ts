/**
 * The FIS drill templates: what staging declares (targets, actions, stop conditions, role, logs, region),
 * the component's refusals, and the FIS constraint rows refusing what AWS refuses.
 */
import { describe, expect, it } from "vitest";
import { DrillTemplates, DrillTemplatesArgs } from "../components";
import { constraintViolations } from "../components/testing";
import { contextFor } from "../config/compose";
import { drModelInput } from "../config/drInput";
import { parseStackConfig, readRawConfig } from "../config/load";
import { drReport, formatSeconds } from "../dr";
import { evaluateStack, stackConfig } from "../tools/engine";
import { ofType, one, policyOf, run, runExpectingError, shippedStack } from "./harness";

const TEMPLATE = "aws:fis/experimentTemplate:ExperimentTemplate";
const FIS_TEMPLATE_TYPE = "aws:fis/experimentTemplate:ExperimentTemplate";

const stagingReport = () => {
    const input = drModelInput(
        contextFor(parseStackConfig("staging", readRawConfig(stackConfig("staging").values)), "staging"),
    );
    return drReport(input);
};

type Statement = {
    Sid?: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
};
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe("staging's FIS drills", () => {
    it("declares the AZ failure on one AZ's two subnets of the primary, for the report's AZ RTO", async () => {
        const record = await shippedStack("staging");
        const az = one(record, TEMPLATE, "drills-azFailure");
        expect(az.region).toBe("us-east-1");
        const [target] = az.inputs.targets as Record<string, unknown>[];
        expect(target.resourceType).toBe("aws:ec2:subnet");
        expect(target.selectionMode).toBe("ALL");
        // The subnets of AZ 0 (public and private), as their route table associations name them.
        const zoneZero = ["primary-public-0", "primary-private-0"].map(
            (n) => one(record, "aws:ec2/routeTableAssociation:RouteTableAssociation", n).inputs.subnetId as string,
        );
        expect((target.resourceArns as string[]).map((a) => a.split("/")[1]).sort()).toEqual([...zoneZero].sort());
        for (const arn of target.resourceArns as string[])
            expect(arn).toMatch(/^arn:aws:ec2:us-east-1:\d{12}:subnet\/subnet-/);
        const zone = one(record, "aws:ec2/subnet:Subnet", "primary-private-0").inputs.availabilityZone;
        expect(zone).toMatch(/^us-east-1[a-z]$/);
        expect(target.filters).toEqual([{ path: "AvailabilityZone", values: [zone] }]);
        const [action] = az.inputs.actions as { actionId: string; parameters: { key: string; value: string }[] }[];
        expect(action.actionId).toBe("aws:network:disrupt-connectivity");
        const azRto = stagingReport().disruptions.find((d) => d.type === "az")!.achieved.rtoSeconds!;
        expect(action.parameters).toEqual([
            { key: "duration", value: `PT${Math.ceil(azRto / 60)}M` },
            { key: "scope", value: "all" },
        ]);
        // The report's terms in order, and its worst case: more than their sum when the AZ's loss fails the region over.
        const azEntry = stagingReport().disruptions.find((d) => d.type === "az")!;
        const terms = azEntry.parts.filter((p) => p.objective === "rto");
        const sum = terms.reduce((t, p) => t + p.seconds, 0);
        expect(az.inputs.description).toContain(
            `${terms.map((p) => `${p.name.split(" (")[0]} ${formatSeconds(p.seconds)}`).join(", ")} = ` +
                (azRto > sum
                    ? `${formatSeconds(sum)}; ${formatSeconds(azRto)} worst (the report's notes say why)`
                    : `${formatSeconds(azRto)} worst`),
        );
        expect((az.inputs.tags as Record<string, string>)["pulumi-aws-dr:expected-rto"]).toBe(formatSeconds(azRto));
    });

    it("stops the AZ drill on the no-healthy-hosts alarm of the group that should survive, and on overruns", async () => {
        const record = await shippedStack("staging");
        const az = one(record, TEMPLATE, "drills-azFailure");
        const stops = (az.inputs.stopConditions as { source: string; value: string }[]).map((s) => {
            expect(s.source).toBe("aws:cloudwatch:alarm");
            return s.value.split(":alarm:")[1];
        });
        // canary (desired 1) is emptied by the loss of its AZ, as the report says; stable (2 in 3 AZs) keeps one.
        expect(stops.filter((a) => a.endsWith("no-healthy-hosts"))).toEqual([
            expect.stringContaining("tg-stable-no-healthy-hosts"),
        ]);
        const overruns = stops.filter((a) => a.endsWith("overrun"));
        expect(overruns).toHaveLength(2);
        for (const tg of ["canary", "stable"])
            expect(
                overruns.some((a) => a.includes(`-${tg}-overrun`)),
                tg,
            ).toBe(true);
        const overrun = one(record, "aws:cloudwatch/metricAlarm:MetricAlarm", "drills-azFailure-stable-overrun");
        const azRto = stagingReport().disruptions.find((d) => d.type === "az")!.achieved.rtoSeconds!;
        expect(overrun.inputs).toMatchObject({
            metricName: "HealthyHostCount",
            period: 60,
            evaluationPeriods: Math.ceil(azRto / 60),
        });
    });

    it("terminates every running instance of the primary's fleets, then watches for the regional RTO", async () => {
        const record = await shippedStack("staging");
        const app = one(record, TEMPLATE, "drills-applicationLoss");
        expect(app.region).toBe("us-east-1");
        const groups = ofType(record, "aws:autoscaling/group:Group")
            .filter((g) => g.region === "us-east-1")
            .map((g) => g.inputs.name);
        const targets = app.inputs.targets as {
            resourceType: string;
            resourceTags: { key: string; value: string }[];
        }[];
        expect(targets.every((t) => t.resourceType === "aws:ec2:instance")).toBe(true);
        expect(targets.map((t) => t.resourceTags[0]).sort((a, b) => a.value.localeCompare(b.value))).toEqual(
            groups.sort().map((value) => ({ key: "aws:autoscaling:groupName", value })),
        );
        const actions = app.inputs.actions as {
            actionId: string;
            startAfters?: string[];
            parameters?: { value: string }[];
        }[];
        expect(actions.filter((a) => a.actionId === "aws:ec2:terminate-instances")).toHaveLength(groups.length);
        const wait = actions.find((a) => a.actionId === "aws:fis:wait")!;
        expect(wait.startAfters).toHaveLength(groups.length);
        expect(wait.parameters![0].value).toBe(`PT${Math.ceil(stagingReport().achieved.rtoSeconds / 60)}M`);
    });

    it("runs both as one role only FIS of this account and region may assume, allowed only what the actions need", async () => {
        const record = await shippedStack("staging");
        const role = one(record, "aws:iam/role:Role", "drills-fis");
        const [trust] = policyOf(role, "assumeRolePolicy").Statement as Statement[] & { Principal: unknown }[];
        expect((trust as unknown as { Principal: unknown }).Principal).toEqual({ Service: "fis.amazonaws.com" });
        expect(trust.Condition!.StringEquals["aws:SourceAccount"]).toMatch(/^\d{12}$/);
        expect(trust.Condition!.ArnLike["aws:SourceArn"]).toMatch(/^arn:aws:fis:us-east-1:\d{12}:experiment\/\*$/);
        const statements = policyOf(one(record, "aws:iam/rolePolicy:RolePolicy", "drills-fis"))
            .Statement as Statement[];
        expect(new Set(actionsOf(statements))).toEqual(
            new Set([
                "logs:CreateLogDelivery",
                "logs:PutResourcePolicy",
                "logs:DescribeResourcePolicies",
                "logs:DescribeLogGroups",
                "ec2:CreateNetworkAcl",
                "ec2:CreateTags",
                "ec2:CreateNetworkAclEntry",
                "ec2:DeleteNetworkAcl",
                "ec2:ReplaceNetworkAclAssociation",
                "ec2:DescribeNetworkAcls",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcs",
                "ec2:DescribeManagedPrefixLists",
                "ec2:TerminateInstances",
                "ec2:DescribeInstances",
            ]),
        );
        const terminate = statements.find((s) => s.Action === "ec2:TerminateInstances")!;
        expect(terminate.Condition!.StringEquals["aws:ResourceTag/aws:autoscaling:groupName"]).toHaveLength(2);
        const swap = statements.find((s) => s.Action === "ec2:ReplaceNetworkAclAssociation")!;
        expect((swap.Resource as string[]).filter((r) => r.includes(":subnet/"))).toHaveLength(2);
        for (const s of statements.filter((s) => s.Resource === "*"))
            expect(
                [s.Action].flat().every((a) => /^(logs:|ec2:Describe)/.test(a)),
                JSON.stringify(s),
            ).toBe(true);
    });

    it("logs to a log group with retention, encrypted with its own key", async () => {
        const record = await shippedStack("staging");
        const logs = one(record, "aws:cloudwatch/logGroup:LogGroup", "drills-logs");
        expect(logs.inputs.retentionInDays).toBe(365);
        expect(logs.inputs.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
        const key = policyOf(one(record, "aws:kms/key:Key", "drills-logs")).Statement as Statement[];
        const logsUse = key.find((st) => st.Sid === "CloudWatchLogsUsesForThisLogGroupOnly")!;
        const groupArn = `arn:aws:logs:us-east-1:${(logs.inputs.kmsKeyId as string).split(":")[4]}:log-group:${logs.inputs.name}`;
        expect(logsUse.Condition!.ArnEquals["kms:EncryptionContext:aws:logs:arn"]).toBe(groupArn);
        for (const t of ofType(record, TEMPLATE))
            expect(t.inputs.logConfiguration).toEqual({
                logSchemaVersion: 2,
                cloudwatchLogsConfiguration: { logGroupArn: `${groupArn}:*` },
            });
    });

    it("declares no drill in prod or dev", async () => {
        for (const stack of ["prod", "dev"]) expect(ofType(await shippedStack(stack), TEMPLATE)).toHaveLength(0);
    });
});

const expected = { timeline: "detect 30s = 30s worst", rto: "30s", disruption: "az" };
const goodArgs = (): DrillTemplatesArgs => ({
    region: "us-east-1",
    azFailure: {
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-01234567", "subnet-89abcdef"],
        availabilityZone: "us-east-1a",
        stopConditionAlarmArns: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"],
        expected,
    },
});

describe("DrillTemplates refuses bad input before creating anything", () => {
    it("declares a template for good input", async () => {
        const record = await run(() => {
            new DrillTemplates("d", goodArgs());
        });
        expect(record.ofType(TEMPLATE)).toHaveLength(1);
    });

    it("names every bad field at once", async () => {
        const args = goodArgs();
        args.azFailure!.subnetIds = ["a", "b", "c", "d", "e", "f"];
        args.azFailure!.durationMinutes = 721;
        args.azFailure!.stopConditionAlarmArns = [];
        args.azFailure!.expected = { ...expected, timeline: "x".repeat(600) };
        args.logRetentionDays = 42;
        const { error, registered } = await runExpectingError(() => {
            new DrillTemplates("d", args);
        });
        expect(registered.filter((r) => r.type === TEMPLATE)).toHaveLength(0);
        for (const path of [
            "azFailure.subnetIds",
            "azFailure.durationMinutes",
            "azFailure.stopConditionAlarmArns",
            "azFailure.expected.timeline",
            "logRetentionDays",
        ])
            expect(error.message).toContain(path);
        expect(error.message).toContain('DrillTemplates "d"');
    });

    it("refuses a drills config on a stack whose network comes from another stack", () => {
        const raw = readRawConfig(stackConfig("staging").values);
        expect(() =>
            parseStackConfig("staging", {
                ...raw,
                network: { ...(raw.network as object), fromStack: "org/net/staging" },
            }),
        ).toThrow(/network\.fromStack/);
    });

    it("refuses a zoneIndex beyond the network's AZs", () => {
        const raw = readRawConfig(stackConfig("staging").values);
        const dr = { ...(raw.dr as object), drills: { enabled: true, zoneIndex: 3 } };
        expect(() => parseStackConfig("staging", { ...raw, dr })).toThrow(/dr\.drills\.zoneIndex[\s\S]*0\.\.2/);
    });

    it("composes prod's drills from its warm standby when it opts in", async () => {
        const dr = { ...JSON.parse(stackConfig("prod").values["pulumi-aws-dr:dr"]), drills: { enabled: true } };
        const record = await evaluateStack("prod", { configOverrides: { "pulumi-aws-dr:dr": dr } });
        const templates = ofType(record, TEMPLATE);
        expect(templates.map((t) => t.region)).toEqual(["us-east-1", "us-east-1"]);
        const app = templates.find((t) => t.name === "drills-applicationLoss")!;
        const input = drModelInput(
            contextFor(parseStackConfig("prod", readRawConfig(stackConfig("prod").values)), "prod"),
        );
        expect(app.inputs.description).toContain(`${formatSeconds(drReport(input).achieved.rtoSeconds)} worst`);
        const groups = ofType(record, "aws:autoscaling/group:Group").filter((g) => g.region === "us-east-1");
        expect((app.inputs.targets as unknown[]).length).toBe(groups.length);
    });
});

describe("the engine refuses FIS values AWS refuses", () => {
    const base = {
        description: "drill",
        roleArn: "arn:aws:iam::123456789012:role/r",
        stopConditions: [{ source: "none" }],
        targets: [
            {
                name: "t",
                resourceType: "aws:ec2:instance",
                selectionMode: "ALL",
                resourceTags: [{ key: "k", value: "v" }],
            },
        ],
        actions: [{ name: "a", actionId: "aws:ec2:terminate-instances", target: { key: "Instances", value: "t" } }],
    };
    const paths = (inputs: Record<string, unknown>) =>
        constraintViolations(FIS_TEMPLATE_TYPE, inputs).map((v) => v.path);

    it("accepts a valid template", () => expect(paths(base)).toEqual([]));
    it("refuses a description over 512 characters", () =>
        expect(paths({ ...base, description: "x".repeat(513) })).toEqual(["description"]));
    it("refuses an unknown action id", () =>
        expect(paths({ ...base, actions: [{ ...base.actions[0], actionId: "aws:ec2:explode" }] })).toEqual([
            "actions.0.actionId",
        ]));
    it("refuses durations outside PT1M..PT12H or not ISO-8601", () => {
        for (const value of ["PT30S", "PT13H", "30m", "P1D"])
            expect(
                paths({
                    ...base,
                    actions: [{ name: "w", actionId: "aws:fis:wait", parameters: [{ key: "duration", value }] }],
                }),
                value,
            ).toEqual(["actions.0"]);
        expect(
            paths({
                ...base,
                actions: [{ name: "w", actionId: "aws:fis:wait", parameters: [{ key: "duration", value: "PT12H" }] }],
            }),
        ).toEqual([]);
    });
    it("takes ALL, COUNT(n) and PERCENT(n) as selection modes, nothing else", () => {
        for (const mode of ["ALL", "COUNT(1)", "PERCENT(100)"])
            expect(paths({ ...base, targets: [{ ...base.targets[0], selectionMode: mode }] })).toEqual([]);
        for (const mode of ["all", "COUNT(0)", "PERCENT(101)", "SOME"])
            expect(paths({ ...base, targets: [{ ...base.targets[0], selectionMode: mode }] }), mode).toEqual([
                "targets.0.selectionMode",
            ]);
    });
    it("refuses more than 5 target ARNs, and ARNs with tags", () => {
        const arns = Array.from({ length: 6 }, (_, i) => `arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0${i}`);
        expect(
            paths({ ...base, targets: [{ ...base.targets[0], resourceTags: undefined, resourceArns: arns }] }),
        ).toEqual(["targets.0"]);
        expect(paths({ ...base, targets: [{ ...base.targets[0], resourceArns: arns.slice(0, 1) }] })).toEqual([
            "targets.0",
        ]);
    });
    it("takes stop conditions from a CloudWatch alarm or none", () => {
        expect(
            paths({ ...base, stopConditions: [{ source: "aws:sns:topic", value: "arn:aws:sns:us-east-1:1:t" }] }),
        ).toEqual(["stopConditions.0"]);
    });
    it("refuses a tag value over 256 characters", () =>
        expect(paths({ ...base, tags: { k: "v".repeat(257) } })).toEqual(["tags"]));
});
