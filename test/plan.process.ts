import { spawnSync, SpawnSyncReturns } from "child_process";
import * as path from "path";
import { CommandIo } from "../tools/planArgs";

const ROOT = path.join(__dirname, "..");

const PRELOAD = path.join(__dirname, "fixtures", "plan", "reportPulumiLoaded.cjs");

/**
 * Runs a TypeScript file as `npm run plan` runs tools/plan.ts (`node --import tsx`: one process, where
 * tsx's own CLI would start a second), with the probe.
 */
function runWithProbe(script: string, args: readonly string[]): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: `--require ${PRELOAD}` },
    });
}

/**
 * Runs `tools/plan.ts` as `npm run plan` does, in a process of its own. Its stderr ends with
 * `pulumi loaded: <true|false>`: whether the plan process loaded any Pulumi module before it exited.
 */
export function runPlanProcess(args: readonly string[]): SpawnSyncReturns<string> {
    return runWithProbe("tools/plan.ts", args);
}

/** The probe's positive control: a script run the same way that imports @pulumi/pulumi, as the engine does. */
export function runProbeControl(): SpawnSyncReturns<string> {
    return runWithProbe(path.join("test", "fixtures", "plan", "loadsPulumi.ts"), []);
}

/** A CommandIo that keeps what the plan command prints, for the test to read. */
export function captureIo(): CommandIo & { out: string; err: string } {
    const io = {
        out: "",
        err: "",
        stdout: (t: string) => void (io.out += t),
        stderr: (t: string) => void (io.err += t),
    };
    return io;
}
