import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DrModelInput, DrPart, drReport, fleetScaleOuts, formatSeconds } from "../dr";
import { withStrategy } from "../dr/terms";
import { MOCK_ACCOUNT_ID, StackRecord, stackConfig } from "../tools/engine";
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

    it("staging's AZ loss fails the region over, so its AZ section points at the failover", async () => {
        const { runbook, checks } = await runbookOf("staging");
        const az = checks.dr.disruptions.find((d) => d.type === "az")!;
        expect(az.achieved.rtoSeconds).toBe(checks.dr.achieved.rtoSeconds);
        expect(section(runbook, "az").intro.join(" ")).toContain("follow the failover section");
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
    it("fails over with commands against us-west-2 only, the Aurora failover by the named owner", async () => {
        const { runbook } = await runbookOf("prod");
        const failover = section(runbook, "failover");
        expect(failover.steps.map((s) => [s.title, s.performer.kind])).toEqual([
            ["Route 53 marks the primary unhealthy", "automation"],
            ["Resolvers follow Route 53 to us-west-2", "automation"],
            ["Decide to fail over and start the recovery", "owner"],
            ["Bring the data back in us-west-2", "owner"],
        ]);
        for (const s of failover.steps.filter((s) => s.performer.kind === "owner")) {
            expect(s.performer).toEqual({ kind: "owner", owner: "platform-team on-call", path: OWNER_PATH });
        }
        const commands = commandsOf(failover);
        expect(commands).toEqual([
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

    it("fails back in the order that keeps one writer: hold traffic, re-replicate, switch over, then reopen", async () => {
        const { runbook, checks } = await runbookOf("prod");
        const failback = section(runbook, "failback");
        const titles = failback.steps.map((s) => s.title);
        const at = (text: string) => {
            const i = titles.findIndex((t) => t.includes(text));
            expect(i, `${text} in ${titles.join(" | ")}`).toBeGreaterThanOrEqual(0);
            return i;
        };
        const hold = at("Hold traffic in us-west-2");
        const rejoin = at("the old primary replicates again");
        const s3 = at("S3 documents: replicate us-west-2 back to us-east-1");
        const dynamo = at("DynamoDB: the us-east-1 replicas are active again");
        const switchover = at("switch the writer back to us-east-1");
        const reopen = at("Reopen us-east-1");
        const healthy = at("Route 53 marks the primary healthy");
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

    it("names the SSM Automation document as the performer once one is declared, with the CLI as fallback", async () => {
        const { record, checks } = await planned("prod");
        const withAutomation: StackRecord = {
            ...record,
            resources: [
                ...record.resources,
                {
                    ...record.resources[0],
                    type: "aws:ssm/document:Document",
                    name: "failover-automation",
                    region: "us-west-2",
                    inputs: { documentType: "Automation", name: "pulumi-aws-dr-prod-promote-data" },
                },
            ],
        };
        const runbook = buildRunbook({
            record: withAutomation,
            ctx: checks.context,
            input: checks.input,
            report: checks.dr,
        });
        const data = section(runbook, "failover").steps.find((s) => s.title.startsWith("Bring the data back"))!;
        expect(data.performer).toEqual({
            kind: "automation",
            by: "SSM Automation document pulumi-aws-dr-prod-promote-data in us-west-2; the commands below are its manual fallback",
        });
        expect(data.commands.map((c) => c.text.split(" \\")[0])).toEqual(["aws rds failover-global-cluster"]);
        expect(runbookMarkdown(runbook)).toContain("Manual fallback:");
    });
});

describe("staging's and dev's runbooks", () => {
    it("staging raises the pilot light to full size and adds an instance to the headless Aurora secondary first", async () => {
        const { runbook, checks } = await runbookOf("staging");
        const failover = section(runbook, "failover");
        const launch = failover.steps.find((s) => termKind(s.term!) === "capacity")!;
        expect(launch.performer.kind).toBe("owner");
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
        // Pilot light: users follow DNS last, once the standby's own check is healthy.
        expect(termKind(failover.steps[failover.steps.length - 1].term!)).toBe("dns");
        // The EBS data restored in us-west-2 goes back through a backup and a copy to us-east-1's vault.
        expect(commandsOf(section(runbook, "failback")).join("\n")).toContain(
            "--destination-backup-vault-arn 'arn:aws:backup:us-east-1:<ACCOUNT_ID>:backup-vault:pulumi-aws-dr-staging-primary-vault'",
        );
    });

    it("staging's launch and trigger become automation's once the report's trigger is not a person's", async () => {
        const { record, checks } = await planned("staging");
        const automatic = (p: DrPart) =>
            termKind(p) === "trigger" ? { ...p, name: "trigger (scale-out alarm, automatic)" } : p;
        const report = { ...checks.dr, parts: checks.dr.parts.map(automatic) };
        const runbook = buildRunbook({ record, ctx: checks.context, input: checks.input, report });
        const failover = section(runbook, "failover");
        const performer = (kind: string) => failover.steps.find((s) => termKind(s.term!) === kind)!.performer.kind;
        expect([performer("trigger"), performer("capacity")]).toEqual(["automation", "automation"]);
        // Restoring the EBS copies still takes a person.
        expect(performer("restore")).toBe("owner");
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
        const { record, checks } = await planned("prod");
        const config = checks.context.config;
        const ctx = { ...checks.context, config: { ...config, dr: { ...config.dr, failover: undefined } } };
        let error: unknown;
        try {
            buildRunbook({ record, ctx, input: checks.input, report: checks.dr });
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(RunbookError);
        const message = (error as Error).message;
        expect(message).toMatch(/^pulumi-aws-dr:dr\.failover\.owner is not set, and the runbook has manual steps/);
        expect(message).toContain("trigger (decide and start the data recovery, manual)");
        expect(message).toContain("failback: Aurora switchover");
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
