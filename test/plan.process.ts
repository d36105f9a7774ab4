import { spawnSync, SpawnSyncReturns } from "child_process";
import * as path from "path";
import { CommandIo } from "../tools/planArgs";

const ROOT = path.join(__dirname, "..");

/**
 * Runs `tools/plan.ts` as `npm run plan` does (tsx), in a process of its own. Its stderr ends with
 * `pulumi loaded: <true|false>`: whether the plan process loaded any Pulumi module before it exited.
 */
export function runPlanProcess(args: readonly string[]): SpawnSyncReturns<string> {
    const preload = path.join(__dirname, "fixtures", "plan", "reportPulumiLoaded.cjs");
    return spawnSync(
        process.execPath,
        [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/plan.ts", ...args],
        {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, NODE_OPTIONS: `--require ${preload}` },
        },
    );
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
