/**
 * `npm run bench`: offline plan time of each shipped stack, what the components cost over the same
 * resources declared flat, for prod and per microservice on one ALB, and peak memory. It prints
 * figures and asserts nothing about time. The last two lines are for machines:
 * `ratio_to_flat_prod: <x.xx>` and `per_service_ratio_to_flat: <x.xx>` (`n/a` when noise hid it).
 *
 * Built to survive a busy machine (docs/bench.md, "Method"): the programs compared run interleaved,
 * one run of each per round in a rotating order; every figure is a ratio or a difference of runs of
 * the same round, reported as a median with its spread; times are the process's CPU time, which other
 * processes do not inflate the way they inflate wall-clock time.
 */
import * as v8 from "v8";
import * as vm from "vm";
import { evaluateStack, listStacks, loadStackConfig, PROJECT_DIR, Program } from "../tools/engine";
import { albProgram } from "./albProgram";
import { flatProgram } from "./flat";
import {
    addedPerService,
    figure,
    formatSpread,
    machineLine,
    median,
    medianInterval,
    mib,
    pairedRatios,
    perServiceRatio,
    precise,
    resolved,
    scalingAlbConfig,
    Spread,
    spreadOf,
    table,
} from "./measure";

/** Rounds of the shipped stacks and flat prod. */
const STACK_ROUNDS = 9;
const SERVICE_COUNTS = [1, 10, 50] as const;
/**
 * Rounds of the scaling plans: prod's primary ALB alone (bench/albProgram.ts), ~35 resources, with N
 * services, each N in rounds of its own against the baseline. One service adds 4 resources, ~10 ms of
 * the main thread's CPU, about the noise of one run on a busy machine: its rounds go on (up to
 * MAX_ROUNDS) until the 95% interval of what it adds, with components and flat, is above zero and no
 * wider than half its median (`precise`). The plans are short, so rounds are cheap.
 */
const MIN_ROUNDS: Record<(typeof SERVICE_COUNTS)[number], number> = { 1: 15, 10: 9, 50: 7 };
const MAX_ROUNDS: Record<(typeof SERVICE_COUNTS)[number], number> = { 1: 150, 10: 60, 50: 30 };
const ALB_KEY = "pulumi-aws-dr:alb";

/**
 * Each run is timed two ways: by the CPU time of all the process's threads (`process.cpuUsage()`),
 * and by that of the thread that runs the program (`process.threadCpuUsage()`). The second leaves out
 * V8's helper threads (concurrent marking and sweeping, parallel scavenges, optimizing compilers),
 * whose share (about half of a scaling plan's CPU time) swings with the machine's load by tens of ms
 * from run to run: more than one service adds, and enough to move prod's ratio by 0.1 between runs
 * of the bench. Both are printed; the scaling plans' added times are taken from the main thread's.
 */
/** `process.threadCpuUsage` (Node 22.15 and later), which this project's @types/node does not declare yet. */
const threadCpuUsage = (previous?: NodeJS.CpuUsage): NodeJS.CpuUsage => {
    const usage = (process as { threadCpuUsage?(previous?: NodeJS.CpuUsage): NodeJS.CpuUsage }).threadCpuUsage;
    if (!usage)
        throw new Error(`npm run bench needs process.threadCpuUsage (Node 22.15 or later), not ${process.version}`);
    return usage.call(process, previous);
};
/** Idle time after the collection that precedes each run: its concurrent sweeping ends in it, not in the run. */
const SWEEP_MS = 50;

// `npm run plan` turns source maps off (tools/plan.ts): time the plan it runs. Mapping each of the
// stack traces Pulumi stamps on its promises back to TypeScript would add to both programs alike.
process.setSourceMapsEnabled(false);
// A full collection before each run, so that no run pays for the garbage of the one before.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

const peak = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}

interface Variant {
    readonly label: string;
    /** Rounds it runs in at least; it stops after them unless `more` asks for another round. */
    readonly minRounds: number;
    readonly run: () => Promise<{ resources: number; custom: number }>;
}

interface Runs {
    /** CPU time (user + system) of each run, in ms, by round. */
    readonly cpuMs: number[];
    /** CPU time of the main thread alone, in ms, by round. */
    readonly threadMs: number[];
    readonly wallMs: number[];
    resources: number;
    custom: number;
}

function stackVariant(
    label: string,
    stack: string,
    minRounds: number,
    options: { program?: Program; configOverrides?: Record<string, unknown> } = {},
): Variant {
    return {
        label,
        minRounds,
        run: async () => {
            const record = await evaluateStack(stack, options);
            return { resources: record.resources.length, custom: record.resources.filter((r) => r.custom).length };
        },
    };
}

/**
 * A warm-up run of each variant not in `warm`, then rounds of one run of each variant, starting one
 * further along the list each round, so no variant always runs first (after the garbage collection)
 * or last. A variant stops after its `minRounds` unless `more(runs)` wants another round of it, up to `maxRounds`.
 */
async function interleave(
    variants: readonly Variant[],
    more: (runs: ReadonlyMap<string, Runs>) => ReadonlySet<string> = () => new Set(),
    warm: ReadonlySet<string> = new Set(),
    maxRounds = Math.max(...variants.map((v) => v.minRounds)),
): Promise<Map<string, Runs>> {
    const runs = new Map<string, Runs>(
        variants.map((v) => [v.label, { cpuMs: [], threadMs: [], wallMs: [], resources: 0, custom: 0 }]),
    );
    for (const v of variants.filter((v) => !warm.has(v.label))) {
        Object.assign(runs.get(v.label)!, await v.run());
        sampleMemory();
    }
    for (let round = 0; round < maxRounds; round++) {
        const extra = more(runs);
        const due = variants.filter((v) => round < v.minRounds || extra.has(v.label));
        if (due.length === 0) break;
        for (let i = 0; i < due.length; i++) {
            const v = due[(i + round) % due.length];
            collectGarbage();
            await new Promise((resolve) => setTimeout(resolve, SWEEP_MS));
            const cpu = process.cpuUsage();
            const thread = threadCpuUsage();
            const start = performance.now();
            const counted = await v.run();
            const wall = performance.now() - start;
            const used = process.cpuUsage(cpu);
            const usedByThread = threadCpuUsage(thread);
            const r = runs.get(v.label)!;
            r.cpuMs.push((used.user + used.system) / 1000);
            r.threadMs.push((usedByThread.user + usedByThread.system) / 1000);
            r.wallMs.push(wall);
            Object.assign(r, counted);
            sampleMemory();
        }
    }
    return runs;
}

const ms = (x: number) => x.toFixed(0);

async function main(): Promise<void> {
    const sampler = setInterval(sampleMemory, 10);
    sampler.unref();
    const began = performance.now();

    // Recording prod doubles as its warm-up run.
    const prod = await evaluateStack("prod");
    const stacks = listStacks(PROJECT_DIR);
    const plans = await interleave(
        [
            ...stacks.map((s) => stackVariant(s, s, STACK_ROUNDS)),
            stackVariant("prod (flat)", "prod", STACK_ROUNDS, { program: flatProgram(prod.resources) }),
        ],
        undefined,
        new Set(["prod"]),
    );
    const stacksPeak = { ...peak };
    const prodRatio = spreadOf(pairedRatios(plans.get("prod")!.cpuMs, plans.get("prod (flat)")!.cpuMs));
    const prodThreadRatio = spreadOf(pairedRatios(plans.get("prod")!.threadMs, plans.get("prod (flat)")!.threadMs));

    console.log(
        `Offline plan time: ${STACK_ROUNDS} interleaved rounds after one warm-up (Node ${process.version}, tsx, source maps off as in npm run plan)\n`,
    );
    console.log(
        table(
            ["program", "CPU ms", "main-thread CPU ms", "wall ms", "resources", "custom", "CPU ms/resource"],
            [...plans].map(([label, r]) => [
                label,
                ms(median(r.cpuMs)),
                ms(median(r.threadMs)),
                ms(median(r.wallMs)),
                String(r.resources),
                String(r.custom),
                (median(r.cpuMs) / r.resources).toFixed(2),
            ]),
        ),
    );
    console.log(
        `\nprod with components / flat prod, per round: ${formatSpread(prodRatio)} (median (quartiles); goal <= 1.15)`,
    );
    console.log(`the same, main thread's CPU time alone: ${formatSpread(prodThreadRatio)}\n`);

    // The scaling plans (prod's primary ALB alone, with N services), and each of them declared flat,
    // from a recording of it. One evaluation at a time: the engine's mocks are process-wide. Each N
    // runs in rounds of its own with the baseline (0 services), so that the runs a difference is taken
    // from are never more than three runs apart.
    const prodAlb = JSON.parse(loadStackConfig(PROJECT_DIR, "prod").values[ALB_KEY]);
    const label = (n: number, flat: boolean) => `${n} services${flat ? " (flat)" : ""}`;
    const variantsOf = async (n: number, rounds: number): Promise<Variant[]> => {
        const configOverrides = { [ALB_KEY]: scalingAlbConfig(prodAlb, n) };
        const recorded = await evaluateStack("prod", { program: albProgram, configOverrides });
        return [
            stackVariant(label(n, false), "prod", rounds, { program: albProgram, configOverrides }),
            stackVariant(label(n, true), "prod", rounds, { program: flatProgram(recorded.resources) }),
        ];
    };
    const added = (runs: ReadonlyMap<string, Runs>, n: number, flat: boolean): Spread =>
        medianInterval(addedPerService(runs.get(label(n, flat))!.threadMs, runs.get(label(0, flat))!.threadMs, n));
    const perService = [];
    let baseline: Runs | undefined;
    let flatBaseline: Runs | undefined;
    for (const n of SERVICE_COUNTS) {
        const rounds = MIN_ROUNDS[n];
        // The recordings warmed up the component plans; the flat ones get their warm-up run.
        const variants = [...(await variantsOf(0, rounds)), ...(await variantsOf(n, rounds))];
        // One more round while what a service adds, with components or flat, is not pinned down.
        const more = (runs: ReadonlyMap<string, Runs>) =>
            runs.get(label(n, false))!.cpuMs.length >= rounds &&
            [false, true].some((flat) => !precise(added(runs, n, flat)))
                ? new Set(variants.map((v) => v.label))
                : new Set<string>();
        const warm = new Set([label(0, false), label(n, false)]);
        const runs = await interleave(variants, more, warm, MAX_ROUNDS[n]);
        if (n === SERVICE_COUNTS[0]) {
            baseline = runs.get(label(0, false));
            flatBaseline = runs.get(label(0, true));
        }
        const components = added(runs, n, false);
        const flat = added(runs, n, true);
        perService.push({
            n,
            components,
            flat,
            ratio: perServiceRatio(components, flat),
            withN: runs.get(label(n, false))!,
            flatWithN: runs.get(label(n, true))!,
        });
    }
    const perServiceAdded = (a: Spread) => (resolved(a) ? formatSpread(a, 1) : "below noise");
    console.log(
        `Scaling: prod's primary ALB alone with N microservices (own target group, alarms and listener rule each, no fleet).`,
    );
    console.log(
        `Main-thread CPU ms; a service adds (time(N) - time(0)) / N from runs of the same round: median (95% interval of the median)\n`,
    );
    console.log(
        table(
            [
                "services",
                "rounds",
                "resources",
                "CPU ms",
                "flat CPU ms",
                "added/service",
                "flat added/service",
                "ratio to flat",
            ],
            [
                [
                    "0 (baseline)",
                    String(baseline!.cpuMs.length),
                    String(baseline!.resources),
                    ms(median(baseline!.threadMs)),
                    ms(median(flatBaseline!.threadMs)),
                    "-",
                    "-",
                    "-",
                ],
                ...perService.map(({ n, components, flat, ratio, withN, flatWithN }) => [
                    String(n),
                    String(withN.cpuMs.length),
                    String(withN.resources),
                    ms(median(withN.threadMs)),
                    ms(median(flatWithN.threadMs)),
                    perServiceAdded(components),
                    perServiceAdded(flat),
                    ratio ? formatSpread(ratio) : "n/a",
                ]),
            ],
        ),
    );
    const ratios = perService.map((p) => p.ratio);
    // The largest over 1, 10 and 50 services; none at all if any of them was lost in the noise.
    const perServiceRatioToFlat = ratios.every((r) => r !== undefined)
        ? Math.max(...ratios.map((r) => r!.median))
        : undefined;
    console.log(`\nlargest per-service ratio to flat: ${figure(perServiceRatioToFlat)} (goal <= 1.15)\n`);

    sampleMemory();
    // High-water marks sampled every 10 ms and after each run. They include garbage not yet collected:
    // V8 lets the heap grow before a full collection, so they are an upper bound on what a plan needs.
    console.log(
        table(
            ["peak memory (MiB)", "rss", "heapUsed"],
            [
                ["shipped stacks + flat", mib(stacksPeak.rss).toFixed(0), mib(stacksPeak.heapUsed).toFixed(0)],
                ["whole bench (up to 50 services)", mib(peak.rss).toFixed(0), mib(peak.heapUsed).toFixed(0)],
            ],
        ),
    );
    console.log(`\nWhole bench: ${((performance.now() - began) / 1000).toFixed(0)} s\n`);
    console.log(machineLine("ratio_to_flat_prod", prodRatio.median));
    console.log(machineLine("per_service_ratio_to_flat", perServiceRatioToFlat));
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
