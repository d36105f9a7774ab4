import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DrModelInput, DrPart, drReport, fleetScaleOuts, formatSeconds } from "../dr";
import { withStrategy } from "../dr/terms";
import { MOCK_ACCOUNT_ID, RecordedResource, StackRecord, stackConfig } from "../tools/engine";
import { PLAN_EXIT } from "../tools/planArgs";
import { planChecks, PlanChecks } from "../tools/planChecks";
import { runPlan } from "../tools/planCommand";
import {
    AZ_STEPS,
    buildRunbook,
    OWNER_PATH,
    REGION_STEPS,
    Runbook,
    RunbookError,
    runbookMarkdown,
    RunbookSection,
    termKind,
} from "../tools/runbook";
import { termSteps } from "../tools/runbook/steps";
import { shippedStack } from "./harness";
import { captureIo } from "./plan.process";

/** The runbook's steps and times against the DR report's terms, on the shipped stacks as evaluated once. */

async function planned(stack: string): Promise<{ record: StackRecord; checks: PlanChecks }> {
    const record = await shippedStack(stack);
    return { record, checks: planChecks(stackConfig(stack), record) };
}

async function runbookOf(stack: string): Promise<{ runbook: Runbook; checks: PlanChecks; record: StackRecord }> {
    const { record, checks } = await planned(stack);
    const runbook = buildRunbook({ record, ctx: checks.context, input: checks.input, report: checks.dr });
    return { runbook, checks, record };
}

const section = (runbook: Runbook, kind: RunbookSection["kind"]) => {
    const found = runbook.sections.find((s) => s.kind === kind);
    if (!found) throw new Error(`no ${kind} section in ${runbook.stack}'s runbook`);
    return found;
};

const commandsOf = (s: RunbookSection) => s.steps.flatMap((step) => step.commands.map((c) => c.text));
const rto = (parts: readonly DrPart[]) => parts.filter((p) => p.objective === "rto");

/** A copy of a shipped record without one of its resources. */
const withoutResources = (record: StackRecord, removed: RecordedResource): StackRecord => ({
    ...record,
    resources: record.resources.filter((r) => r !== removed),
});
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "runbook-"));

describe("runbook times are the DR report's terms", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        it(`${stack}: every RTO term is one step with its time, and the steps add up to the report's RTO`, async () => {
            const { runbook, checks } = await runbookOf(stack);
            const report = checks.dr;
            const regional = runbook.sections.find((s) => s.kind === "failover" || s.kind === "in-region")!;
            expect(regional.steps.map((s) => s.term)).toEqual(expect.arrayContaining(rto(report.parts)));
            expect(regional.steps.filter((s) => s.term).length).toBe(rto(report.parts).length);
            for (const s of regional.steps) {
                expect(rto(report.parts)).toContain(s.term);
                expect(s.seconds).toBe(s.term!.seconds);
            }
            const total = regional.steps.reduce((sum, s) => sum + s.seconds!, 0);
            expect(total).toBe(report.achieved.rtoSeconds);
            expect(regional.reportSeconds).toBe(report.achieved.rtoSeconds);
            expect(runbookMarkdown(runbook)).toContain(
                `Total: ${formatSeconds(total)}; the DR report's worst case: ${formatSeconds(total)}.`,
            );

            const az = report.disruptions.find((d) => d.type === "az")!;
            const azSection = section(runbook, "az");
            expect(azSection.steps.map((s) => s.term)).toEqual(rto(az.parts));
            for (const s of azSection.steps) expect(s.seconds).toBe(s.term!.seconds);
            const azTotal = azSection.steps.reduce((sum, s) => sum + s.seconds!, 0);
            // The AZ RTO is the regional one when the loss empties a fleet and fails the region over.
            if (azTotal === az.achieved.rtoSeconds) expect(azSection.intro.join(" ")).toContain("add up to its RTO");
            else {
                expect(az.achieved.rtoSeconds).toBe(report.achieved.rtoSeconds);
                expect(azSection.intro.join(" ")).toContain("follow the failover section");
            }
        });
    }

    it("points the AZ section at the failover when the report's AZ RTO is the regional one", async () => {
        const { record, checks } = await planned("staging");
        const failsOver =
            "fleet canary keeps no instance after losing one of 3 zones: Route 53 fails the whole region over";
        const disruptions = checks.dr.disruptions.map((d) =>
            d.type === "az"
                ? { ...d, achieved: { ...d.achieved, rtoSeconds: 86400 }, notes: [...d.notes, failsOver] }
                : d,
        );
        const runbook = buildRunbook({
            record,
            ctx: checks.context,
            input: checks.input,
            report: { ...checks.dr, disruptions },
        });
        expect(section(runbook, "az").intro.join(" ")).toContain(
            `${failsOver}. If the service stops, follow the failover section.`,
        );
        expect(section(runbook, "az").reportSeconds).toBe(86400);
    });
});

describe("every kind of DR term has a step", () => {
    /** The shipped stacks' inputs under every strategy, and with the AZ terms a single NAT gateway adds. */
    async function inputs(): Promise<DrModelInput[]> {
        const all: DrModelInput[] = [];
        for (const stack of ["dev", "staging", "prod"]) {
            const { checks } = await planned(stack);
            for (const strategy of ["backup-restore", "pilot-light", "warm-standby", "active-active"] as const) {
                const input = withStrategy(checks.input, strategy);
                all.push(input, {
                    ...input,
                    az: { ...input.az, natGateways: { value: "single", path: input.az.natGateways.path } },
                });
            }
        }
        return all;
    }

    it("maps each region and AZ term kind any strategy produces to a builder", async () => {
        const kinds = { region: new Set<string>(), az: new Set<string>() };
        for (const input of await inputs()) {
            const report = drReport(input);
            for (const p of rto(report.parts)) kinds.region.add(termKind(p));
            for (const p of rto(report.disruptions.find((d) => d.type === "az")!.parts)) kinds.az.add(termKind(p));
        }
        expect([...kinds.region].filter((k) => !Object.hasOwn(REGION_STEPS, k))).toEqual([]);
        expect([...kinds.az].filter((k) => !Object.hasOwn(AZ_STEPS, k))).toEqual([]);
        // The matrix does reach the kinds a shipped stack alone would not.
        expect([...kinds.region]).toEqual(
            expect.arrayContaining(["capacity", "standby healthy", "restore", "data recovery"]),
        );
        expect([...kinds.az]).toContain("egress");
    });

    it("refuses a term of an unknown kind instead of leaving it out", async () => {
        const { record, checks } = await planned("prod");
        const unknown: DrPart = {
            objective: "rto",
            name: "teleport (move the users)",
            seconds: 60,
            expectedSeconds: 60,
            source: "a new term",
            assumption: false,
        };
        const report = { ...checks.dr, parts: [...checks.dr.parts, unknown] };
        expect(() => buildRunbook({ record, ctx: checks.context, input: checks.input, report })).toThrow(
            'the runbook has no step for the DR report\'s region term "teleport (move the users)" (kind "teleport")',
        );
        expect(() => termSteps("az", AZ_STEPS, {} as never, [unknown])).toThrow(/az term "teleport/);
    });
});

describe("prod's runbook", () => {
    it("fails over by automation in us-west-2, with the SSM document and the CLI as the manual fallback", async () => {
        const { runbook, record } = await runbookOf("prod");
        const failover = section(runbook, "failover");
        expect(failover.steps.map((s) => [termKind(s.term!), s.performer.kind])).toEqual([
            ["detect", "automation"],
            ["dns", "automation"],
            ["witnesses", "automation"],
            ["data recovery", "automation"],
        ]);
        const promote = record.resources.find(
            (r) =>
                r.type === "aws:ssm/document:Document" &&
                String(r.inputs.content).includes('"Api":"FailoverGlobalCluster"'),
        )!;
        expect(promote.region).toBe("us-west-2");
        expect(commandsOf(failover)).toEqual([
            ["aws ssm start-automation-execution", "--region us-west-2", `--document-name ${promote.inputs.name}`].join(
                " \\\n  ",
            ),
            [
                "aws rds failover-global-cluster",
                "--region us-west-2",
                "--global-cluster-identifier pulumi-aws-dr-prod-data-main-global",
                "--target-db-cluster-identifier 'arn:aws:rds:us-west-2:<ACCOUNT_ID>:cluster:pulumi-aws-dr-prod-data-main-us-west-2'",
                "--allow-data-loss",
            ].join(" \\\n  "),
        ]);
        const checks = failover.steps.flatMap((s) => s.checks.map((c) => c.command.text));
        expect(checks.join("\n")).not.toContain("--region us-east-1");
        expect(checks.join("\n")).toContain("--table-name pulumi-aws-dr-prod-data-sessions-table");
    });

    it("fails back in the order that keeps one writer: pause, hold traffic, re-replicate, switch over, reopen", async () => {
        const { runbook, checks, record } = await runbookOf("prod");
        const failback = section(runbook, "failback");
        const titles = failback.steps.map((s) => s.title);
        const at = (text: string) => {
            const i = titles.findIndex((t) => t.includes(text));
            expect(i, `${text} in ${titles.join(" | ")}`).toBeGreaterThanOrEqual(0);
            return i;
        };
        const pause = at("Pause the failover automation in us-west-2");
        const hold = at("Hold traffic in us-west-2");
        const rejoin = at("the old primary replicates again");
        const s3 = at("S3 documents: replicate us-west-2 back to us-east-1");
        const dynamo = at("DynamoDB: the us-east-1 replicas are active again");
        const switchover = at("switch the writer back to us-east-1");
        const reopen = at("Reopen us-east-1");
        const healthy = at("Route 53 marks the primary healthy");
        expect(pause).toBeLessThan(hold);
        expect(hold).toBeLessThan(rejoin);
        expect(Math.max(rejoin, s3, dynamo)).toBeLessThan(switchover);
        expect(switchover).toBeLessThan(reopen);
        expect(reopen).toBeLessThan(healthy);

        const commands = commandsOf(failback).join("\n");
        expect(commands).toContain("aws rds switchover-global-cluster");
        expect(commands).toContain(
            "--target-db-cluster-identifier 'arn:aws:rds:us-east-1:<ACCOUNT_ID>:cluster:pulumi-aws-dr-prod-data-main-primary'",
        );
        expect(commands).not.toContain("--allow-data-loss");
        // Every EventBridge rule that starts the automation is paused first and enabled at the end.
        const rules = record.resources.filter(
            (r) =>
                r.type === "aws:cloudwatch/eventTarget:EventTarget" &&
                String(r.inputs.arn).includes(":automation-definition/"),
        );
        expect(rules.length).toBeGreaterThan(0);
        const stepCommands = (i: number) => failback.steps[i].commands.map((c) => c.text).join("\n");
        for (const rule of rules) {
            expect(stepCommands(pause)).toContain(
                `aws events disable-rule \\\n  --region us-west-2 \\\n  --name ${rule.inputs.rule}`,
            );
            expect(stepCommands(failback.steps.length - 1)).toContain(
                `aws events enable-rule \\\n  --region us-west-2 \\\n  --name ${rule.inputs.rule}`,
            );
        }
        expect(commands).toContain("aws s3api put-bucket-replication \\\n  --region us-west-2");
        // Holding traffic sets every primary fleet to zero; reopening gives back the declared sizes.
        expect(commandsOf({ ...failback, steps: [failback.steps[hold]] })).toHaveLength(3);
        expect(commandsOf({ ...failback, steps: [failback.steps[hold]] }).join("\n")).toContain(
            "--auto-scaling-group-name pulumi-aws-dr-prod-primary-web-asg \\\n  --min-size 0 \\\n  --desired-capacity 0",
        );
        expect(commandsOf({ ...failback, steps: [failback.steps[reopen]] }).join("\n")).toContain(
            "--auto-scaling-group-name pulumi-aws-dr-prod-primary-web-asg \\\n  --min-size 3 \\\n  --max-size 12 \\\n  --desired-capacity 3",
        );
        // Route 53's way back takes the same terms as its way out.
        const detect = checks.dr.parts.find((p) => termKind(p) === "detect");
        expect(failback.steps[healthy].term).toBe(detect);
        expect(failback.steps[healthy].seconds).toBe(detect!.seconds);
    });

    it("restores from the vault for corruption, before the corruption started, with the plan's restore role", async () => {
        const { runbook } = await runbookOf("prod");
        const commands = commandsOf(section(runbook, "corruption")).join("\n");
        for (const type of ["Aurora", "DynamoDB", "S3"]) expect(commands).toContain(`--resource-type ${type}`);
        expect(commands).toContain("--backup-vault-name pulumi-aws-dr-prod-primary-vault");
        expect(commands).toContain("--by-created-before '<CORRUPTION_START>'");
        expect(commands).toContain("--iam-role-arn 'arn:aws:iam::<ACCOUNT_ID>:role/pulumi-aws-dr-prod-primary-backup'");
        expect(section(runbook, "corruption").steps.every((s) => s.seconds === null)).toBe(true);
    });

    it("shows no value the offline mocks made up, and lists every placeholder it uses", async () => {
        const { runbook, record } = await runbookOf("prod");
        const text = runbookMarkdown(runbook);
        expect(text).not.toContain(MOCK_ACCOUNT_ID);
        // A step's time is the DR report's worst case for its term, and says so.
        expect(text).toContain("- **Worst-case time:** ");
        expect(text).not.toContain("Expected time");
        const outputs = JSON.stringify(record.outputs);
        const healthCheckIds = [
            ...outputs.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g),
        ].map((m) => m[0]);
        expect(healthCheckIds.length).toBeGreaterThan(0);
        for (const id of healthCheckIds) expect(text).not.toContain(id);
        const used = new Set([...text.matchAll(/<([A-Z0-9_]+)>/g)].map((m) => m[1]));
        expect([...used].sort()).toEqual(runbook.placeholders.map((p) => p.name).sort());
        for (const doc of ["https://docs.aws.amazon.com/cli/latest/reference/rds/failover-global-cluster.html"])
            expect(text).toContain(doc);
    });

    it("is what docs/runbook.md shows as its sample", async () => {
        const { runbook } = await runbookOf("prod");
        const doc = fs.readFileSync(path.join(__dirname, "..", "docs", "runbook.md"), "utf8");
        const excerpt =
            /<!-- runbook excerpt: prod -->\n````markdown\n([\s\S]+?)````\n<!-- end runbook excerpt -->/.exec(doc);
        expect(excerpt, "docs/runbook.md has the marked excerpt").not.toBeNull();
        expect(excerpt![1]).toContain("aws rds switchover-global-cluster");
        expect(runbookMarkdown(runbook)).toContain(excerpt![1]);
    });

    it("names the promotion's SSM document and the alarm that starts it; without that alarm the owner starts it", async () => {
        const { record, checks } = await planned("prod");
        const composite = record.resources.find((r) => r.type === "aws:cloudwatch/compositeAlarm:CompositeAlarm")!;
        const promote = record.resources.find(
            (r) =>
                r.type === "aws:ssm/document:Document" &&
                String(r.inputs.content).includes('"Api":"FailoverGlobalCluster"'),
        )!;
        const build = (r: StackRecord) =>
            buildRunbook({ record: r, ctx: checks.context, input: checks.input, report: checks.dr });
        const dataStep = (runbook: Runbook) =>
            section(runbook, "failover").steps.find((s) => termKind(s.term!) === "data recovery")!;

        const automatic = build(record);
        expect(dataStep(automatic).performer).toEqual({
            kind: "automation",
            by: `SSM Automation document ${promote.inputs.name} in us-west-2, started by ${composite.inputs.alarmName}; the commands below are its manual fallback`,
        });
        const witnesses = section(automatic, "failover").steps.find((s) => termKind(s.term!) === "witnesses")!;
        expect(witnesses.checks.map((c) => c.command.text)).toEqual([
            expect.stringContaining(`--alarm-names ${composite.inputs.alarmName}`),
        ]);
        // Behind the CDN no probe reaches the primary: the step says Route 53's answer alone decides.
        expect(witnesses.title).toBe("Route 53 answers with us-west-2: the primary is gone");
        expect(witnesses.notes[1]).toContain("the one the write path follows");
        expect(runbookMarkdown(automatic)).toContain("Manual fallback:");

        // Manual mode declares the document but no alarm to start it: a person does.
        const manual = build(withoutResources(record, composite));
        expect(dataStep(manual).performer.kind).toBe("owner");
        expect(dataStep(manual).commands[0].text).toContain(`--document-name ${promote.inputs.name}`);
    });
});

describe("staging's and dev's runbooks", () => {
    it("staging launches the pilot light at full size and adds an instance to the headless Aurora secondary first", async () => {
        const { runbook, checks } = await runbookOf("staging");
        const failover = section(runbook, "failover");
        const launch = failover.steps.find((s) => termKind(s.term!) === "capacity")!;
        // The probe's raise sets the size; Auto Scaling launches; the commands are the fallback.
        expect(launch.performer.kind).toBe("automation");
        const full = new Map(fleetScaleOuts(checks.input).map((s) => [s.fleet.targetGroup, s.full]));
        expect(launch.commands.map((c) => c.text)).toEqual(
            ["stable", "canary"].map((key) =>
                [
                    "aws autoscaling update-auto-scaling-group",
                    "--region us-west-2",
                    `--auto-scaling-group-name pulumi-aws-dr-staging-secondary-${key}-asg`,
                    `--min-size ${full.get(key)}`,
                    `--desired-capacity ${full.get(key)}`,
                ].join(" \\\n  "),
            ),
        );
        const data = commandsOf(failover).map((c) => c.split(" \\")[0]);
        expect(data.indexOf("aws rds create-db-instance")).toBeLessThan(
            data.indexOf("aws rds wait db-instance-available"),
        );
        expect(data.indexOf("aws rds wait db-instance-available")).toBeLessThan(
            data.indexOf("aws rds failover-global-cluster"),
        );
        expect(commandsOf(failover).join("\n")).toContain("--by-resource-type EBS");
        // The EBS restore still takes a person, so the data step is the owner's.
        expect(failover.steps.find((s) => termKind(s.term!) === "restore")!.performer.kind).toBe("owner");
        // Pilot light: users follow DNS last, once the standby's own check is healthy.
        expect(termKind(failover.steps[failover.steps.length - 1].term!)).toBe("dns");
        // The EBS data restored in us-west-2 goes back through a backup and a copy to us-east-1's vault.
        expect(commandsOf(section(runbook, "failback")).join("\n")).toContain(
            "--destination-backup-vault-arn 'arn:aws:backup:us-east-1:<ACCOUNT_ID>:backup-vault:pulumi-aws-dr-staging-primary-vault'",
        );
    });

    it("staging's probe raises the standby through its SSM document, with the step's time the raise term's", async () => {
        const { runbook, checks, record } = await runbookOf("staging");
        const raiseTerm = checks.dr.parts.find((p) => termKind(p) === "raise")!;
        const step = section(runbook, "failover").steps.find((s) => s.term === raiseTerm)!;
        expect(step.seconds).toBe(raiseTerm.seconds);
        const document = record.resources.find(
            (r) =>
                r.type === "aws:ssm/document:Document" &&
                String(r.inputs.content).includes('"Api":"UpdateAutoScalingGroup"'),
        )!;
        const probe = record.resources.find(
            (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.inputs.namespace === "CloudWatchSynthetics",
        )!;
        expect(step.performer).toEqual({
            kind: "automation",
            by: `probe alarm ${probe.inputs.name} starts SSM Automation document ${document.inputs.name}; the commands below are its manual fallback`,
        });
        expect(step.commands.map((c) => c.text.split(" \\")[0])).toEqual([
            "aws ssm start-automation-execution",
            "aws autoscaling update-auto-scaling-group",
            "aws autoscaling update-auto-scaling-group",
        ]);
        expect(step.checks.map((c) => c.expect)).toEqual(['"ALARM"', '"Success"']);
    });

    it("without the raise in the report, a person launches the pilot light", async () => {
        const { record, checks } = await planned("staging");
        const report = { ...checks.dr, parts: checks.dr.parts.filter((p) => termKind(p) !== "raise") };
        const runbook = buildRunbook({ record, ctx: checks.context, input: checks.input, report });
        const launch = section(runbook, "failover").steps.find((s) => termKind(s.term!) === "capacity")!;
        expect(launch.performer).toEqual({ kind: "owner", owner: "platform-team on-call", path: OWNER_PATH });
    });

    it("dev says a region loss is not covered and rebuilds in place, with no failback", async () => {
        const { runbook, checks } = await runbookOf("dev");
        expect(runbook.sections.map((s) => s.kind)).toEqual(["not-covered", "in-region", "az", "corruption"]);
        const region = checks.dr.disruptions.find((d) => d.type === "region")!;
        expect(region.verdict).toBe("not covered");
        expect(section(runbook, "not-covered").intro).toEqual(expect.arrayContaining([...region.notes]));
        expect(section(runbook, "not-covered").steps).toEqual([]);
        const rebuild = section(runbook, "in-region");
        expect(commandsOf(rebuild)[0]).toBe("pulumi up --stack dev");
        expect(commandsOf(rebuild).join("\n")).toContain("--region us-east-1");
        expect(commandsOf(rebuild).join("\n")).not.toContain("us-west-2");
    });
});

describe("bad input", () => {
    it("names the owner field and every manual step when dr.failover.owner is missing", async () => {
        const { record, checks } = await planned("staging");
        const config = checks.context.config;
        const failover = { ...config.dr.failover!, owner: undefined };
        const ctx = { ...checks.context, config: { ...config, dr: { ...config.dr, failover } } };
        let error: unknown;
        try {
            buildRunbook({ record, ctx, input: checks.input, report: checks.dr });
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(RunbookError);
        const message = (error as Error).message;
        expect(message).toMatch(/^pulumi-aws-dr:dr\.failover\.owner is not set, and the runbook has manual steps/);
        const trigger = checks.dr.parts.find((p) => termKind(p) === "trigger")!;
        for (const manual of [trigger.name, "failback: Aurora switchover", "corruption: restore"])
            expect(message).toContain(manual);
    });

    it("writes no runbook for a stack without an owner (exit 5) or failing its checks (exit 1)", async () => {
        const dev = JSON.parse(stackConfig("dev").values["pulumi-aws-dr:dr"]);
        const dir = tmp();
        const file = path.join(dir, "runbook.md");
        const noOwner = captureIo();
        expect(
            await runPlan(["--stack", "dev", "--runbook", file], noOwner, {
                configOverrides: { "pulumi-aws-dr:dr": { ...dev, failover: undefined } },
            }),
        ).toBe(PLAN_EXIT.runbookRefused);
        expect(noOwner.err).toContain(`error: ${OWNER_PATH} is not set`);
        expect(noOwner.err).toContain(`${file} not written`);

        const failing = captureIo();
        expect(
            await runPlan(["--stack", "dev", "--runbook", file], failing, {
                configOverrides: { "pulumi-aws-dr:dr": { ...dev, objectives: { ...dev.objectives, rto: "10m" } } },
            }),
        ).toBe(PLAN_EXIT.checksFailed);
        expect(failing.err).toContain(
            `error: ${file} not written: a runbook is only written for a stack that passes its checks`,
        );
        expect(fs.readdirSync(dir)).toEqual([]);
    });

    it("refuses an unwritable --runbook path, or one shared with --json, before evaluating", async () => {
        const neverEvaluated = {
            program: async () => {
                throw new Error("the stack was evaluated");
            },
        };
        const missing = captureIo();
        expect(await runPlan(["--stack", "prod", "--runbook", "no/such/dir/runbook.md"], missing, neverEvaluated)).toBe(
            PLAN_EXIT.outputUnwritable,
        );
        expect(missing.err).toBe(
            "error: cannot write no/such/dir/runbook.md: its directory no/such/dir does not exist\n",
        );
        const shared = captureIo();
        expect(
            await runPlan(["--stack", "prod", "--json", "out.md", "--runbook", "./out.md"], shared, neverEvaluated),
        ).toBe(PLAN_EXIT.usage);
        expect(shared.err).toContain("--json and --runbook both name out.md");
    });

    it("writes prod's runbook through the plan command", async () => {
        const { checks } = await planned("prod");
        const file = path.join(tmp(), "runbook.md");
        const io = captureIo();
        expect(await runPlan(["--stack", "prod", "--runbook", file], io)).toBe(PLAN_EXIT.ok);
        expect(io.out).toContain(`Wrote ${file}`);
        const text = fs.readFileSync(file, "utf8");
        expect(text).toMatch(/^# Runbook: stack prod\n/);
        const rtoText = formatSeconds(checks.dr.achieved.rtoSeconds);
        expect(text).toContain(`Total: ${rtoText}; the DR report's worst case: ${rtoText}.`);
    });
});
