import Ajv from "ajv";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { listStacks, PROJECT_DIR } from "../tools/engine";
import { PLAN_EXIT } from "../tools/planArgs";
import { runPlan } from "../tools/planCommand";
import { PLAN_SCHEMA_VERSION } from "../tools/planReport";
import { captureIo } from "./plan.process";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));

describe("plan command", () => {
    const stacks = listStacks(PROJECT_DIR);
    const planSchema = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "schemas", "plan.schema.json"), "utf8"));
    const validatePlan = new Ajv({ allErrors: true }).compile(planSchema);

    it("knows the three shipped stacks", () => {
        expect(stacks).toEqual(["dev", "prod", "staging"]);
    });

    for (const stack of stacks) {
        it(`plans stack ${stack} and writes the plan file`, async () => {
            const io = captureIo();
            const file = path.join(tmp(), "plan.json");
            expect(await runPlan(["--stack", stack, "--json", file], io)).toBe(0);
            expect(io.err).toBe("");
            expect(io.out).toContain(`Stack pulumi-aws-dr/${stack}:`);
            expect(io.out).toContain("+ pulumi-aws-dr:network:MultiAzNetwork primary");
            expect(io.out).toContain("Resources by type:");
            const plan = JSON.parse(fs.readFileSync(file, "utf8"));
            expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
            expect(plan.schemaVersion).toBe(PLAN_SCHEMA_VERSION);
            expect(plan.stack).toBe(stack);
            expect(Object.keys(plan)).toEqual(expect.arrayContaining(["stack", "resources", "outputs"]));
            for (const r of plan.resources) {
                expect(Object.keys(r).sort()).toEqual(["inputs", "name", "options", "parent", "region", "type", "urn"]);
                expect(Object.keys(r.options).sort()).toEqual(["aliases", "protect", "retainOnDelete"]);
                expect(r.urn).toMatch(new RegExp(`^urn:pulumi:${stack}::pulumi-aws-dr::`));
            }
        });
    }

    it("prints without --json and writes no file", async () => {
        const io = captureIo();
        expect(await runPlan(["--stack", "dev"], io)).toBe(0);
        expect(io.out).not.toContain("Wrote");
    });

    it("rejects a bad config value with the stack, dotted path, value and what is allowed, and writes no file", async () => {
        const io = captureIo();
        const file = path.join(tmp(), "plan.json");
        const code = await runPlan(["--stack", "dev", "--json", file], io, {
            configOverrides: { "pulumi-aws-dr:network": { cidrBlock: "10.0.0.0/33", availabilityZoneCount: 2 } },
        });
        expect(code).toBe(PLAN_EXIT.stackInvalid);
        expect(io.err).toContain(
            'error: stack "dev": pulumi-aws-dr:network.cidrBlock must be an IPv4 network address in CIDR form, e.g. 10.0.0.0/16, got "10.0.0.0/33"',
        );
        expect(io.err).not.toMatch(/\n\s+at /);
        expect(fs.existsSync(file)).toBe(false);
        expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    });

    it("reports every config problem at once, with a did-you-mean for a misspelled key", async () => {
        const io = captureIo();
        const code = await runPlan(["--stack", "dev"], io, {
            configOverrides: { "pulumi-aws-dr:network": { natGateway: "single", availabilityZoneCount: 1 } },
        });
        expect(code).toBe(PLAN_EXIT.stackInvalid);
        expect(io.err).toContain('pulumi-aws-dr:network.natGateway must be a known key (did you mean "natGateways"?)');
        expect(io.err).toContain("pulumi-aws-dr:network.availabilityZoneCount must be an integer 2..6, got 1");
    });

    it("exits 2 on a bad command line", async () => {
        const io = captureIo();
        expect(await runPlan([], io)).toBe(2);
        expect(io.err).toContain("--stack is required");
    });
});
