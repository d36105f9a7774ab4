import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { PLAN_EXIT, PLAN_USAGE } from "../tools/planArgs";
import { OutputError, runPlan, writeAtomically } from "../tools/planCommand";
import { captureIo, runPlanProcess, runProbeControl } from "./plan.process";

/** The plan command's command line, output paths and exit statuses, checked before any evaluation. */

/** A program that fails the test's expectations if the plan ever gets as far as evaluating it. */
const evaluated: string[] = [];
const neverEvaluated = {
    program: async () => {
        evaluated.push("evaluated");
        throw new Error("the stack was evaluated");
    },
};

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "plan-args-"));

describe("plan command line", () => {
    it("prints --help with every exit status and plans nothing", async () => {
        for (const flag of ["--help", "-h"]) {
            const io = captureIo();
            expect(await runPlan([flag], io, neverEvaluated)).toBe(PLAN_EXIT.ok);
            expect(io.out).toContain(PLAN_USAGE);
            for (const code of Object.values(PLAN_EXIT)) expect(io.out).toMatch(new RegExp(`^  ${code}  \\S`, "m"));
            expect(io.err).toBe("");
        }
        expect(evaluated).toEqual([]);
    });

    it.each([
        [["--stak", "dev"], "Unknown option '--stak'"],
        [[], "--stack is required"],
        [["--stack"], "argument missing"],
        [["--stack", "dev", "extra"], "Unexpected argument 'extra'"],
        [["--stack", "dev", "--json", "out.md", "--diagram", "./out.md"], "--json and --diagram both name out.md"],
    ])("exits %j with a usage error (%s)", async (argv, message) => {
        const io = captureIo();
        expect(await runPlan(argv, io, neverEvaluated)).toBe(PLAN_EXIT.usage);
        expect(io.err).toContain(message);
        expect(io.err).toContain(PLAN_USAGE);
        expect(io.out).toBe("");
        expect(evaluated).toEqual([]);
    });

    it("refuses outputs it cannot write before evaluating, naming each path as given", async () => {
        const dir = tmp();
        const file = path.join(dir, "a-file");
        fs.writeFileSync(file, "");
        const missing = path.join(dir, "missing", "plan.json");
        const underFile = path.join(file, "diagram.md");
        const io = captureIo();
        expect(await runPlan(["--stack", "dev", "--json", missing, "--diagram", underFile], io, neverEvaluated)).toBe(
            PLAN_EXIT.outputUnwritable,
        );
        expect(io.err).toBe(
            `error: cannot write ${missing}: its directory ${path.dirname(missing)} does not exist\n` +
                `error: cannot write ${underFile}: ${file} is not a directory\n`,
        );
        expect(evaluated).toEqual([]);
    });

    it("refuses an output path that is a directory", async () => {
        const dir = tmp();
        const io = captureIo();
        expect(await runPlan(["--stack", "dev", "--json", dir], io, neverEvaluated)).toBe(PLAN_EXIT.outputUnwritable);
        expect(io.err).toBe(`error: cannot write ${dir}: it exists and is not a regular file\n`);
    });

    it("names the user's file, never its temporary file, when a write fails, and leaves nothing behind", () => {
        const dir = tmp();
        const target = path.join(dir, "plan.json");
        fs.mkdirSync(target);
        let error: unknown;
        try {
            writeAtomically(target, "{}");
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(OutputError);
        expect((error as Error).message).toMatch(new RegExp(`^cannot write ${target} \\(E[A-Z]+\\)$`));
        expect((error as Error).message).not.toContain(".tmp");
        expect(fs.readdirSync(dir)).toEqual(["plan.json"]);
    });

    it("answers usage errors, unwritable outputs and unknown stacks from tools/plan.ts without loading Pulumi", () => {
        const usage = runPlanProcess(["--stak", "dev"]);
        expect(usage.status).toBe(PLAN_EXIT.usage);
        expect(usage.stderr).toBe(`error: Unknown option '--stak'\n${PLAN_USAGE}\npulumi loaded: false\n`);
        const unwritable = runPlanProcess(["--stack", "dev", "--json", "/nonexistent/plan.json"]);
        expect(unwritable.status).toBe(PLAN_EXIT.outputUnwritable);
        expect(unwritable.stderr).toBe(
            "error: cannot write /nonexistent/plan.json: its directory /nonexistent does not exist\npulumi loaded: false\n",
        );
        const unknown = runPlanProcess(["--stack", "qa"]);
        expect(unknown.status).toBe(PLAN_EXIT.stackInvalid);
        expect(unknown.stderr).toBe(
            'error: stack "qa" does not exist; the stacks are: dev, prod, staging\npulumi loaded: false\n',
        );
        expect(unknown.stdout).toBe("");
    });

    it("has a probe that does see Pulumi loaded, the way tools/plan.ts would load it", () => {
        const control = runProbeControl();
        expect(control.status).toBe(0);
        expect(control.stderr).toBe("pulumi loaded: true\n");
    });
});
