/**
 * `npm run bench`: offline plan time of each shipped stack, its ratio to a flat program declaring the
 * same resources, the per-service cost of microservices on one ALB, and peak memory. It prints figures
 * and asserts nothing about time. The last two lines are for machines:
 * `ratio_to_flat_prod: <x.xx>` and `per_service_spread: <x.xx>`.
 *
 * Variants are measured round-robin (one run of each, N times) rather than one after another, so a
 * slow patch of a shared 2-core machine hits every variant alike instead of skewing one of them.
 */
import { evaluateStack, listStacks, loadStackConfig, PROJECT_DIR, Program } from "../tools/engine";
import { flatProgram } from "./flat";
import { median, mib, perServiceMs, scalingAlbConfig, spread, table } from "./measure";

const RUNS = 5;
const SERVICE_COUNTS = [1, 10, 50] as const;
/**
 * Timed runs per scaling variant. One service adds ~60 ms to a ~0.8 s plan whose run-to-run jitter is
 * about as large, so the baseline and the 1-service plan get 15 runs; 50 services add ~50 times that,
 * so 3 runs pin them down, and fewer runs of the dearest plan keep the bench near 2 minutes.
 */
const SCALING_RUNS: Record<number, number> = { 0: 15, 1: 15, 10: 5, 50: 3 };
const ALB_KEY = "pulumi-aws-dr:alb";

const peak = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}

interface Variant {
    readonly label: string;
    /** Timed runs after the warm-up. */
    readonly runs: number;
    readonly run: () => Promise<{ resources: number; custom: number }>;
}

interface Measured {
    readonly label: string;
    /** Median of the timed runs. */
    readonly ms: number;
    /** Fastest of the timed runs. */
    readonly minMs: number;
    readonly resources: number;
    readonly custom: number;
}

function stackVariant(label: string, stack: string, runs: number, options: { program?: Program; configOverrides?: Record<string, unknown> } = {}): Variant {
    return {
        label,
        runs,
        run: async () => {
            const record = await evaluateStack(stack, options);
            return { resources: record.resources.length, custom: record.resources.filter((r) => r.custom).length };
        },
    };
}

/**
 * A warm-up run of each variant not in `warm`, then round-robin rounds until each has had its runs;
 * the median and the fastest of each variant's runs.
 */
async function measure(variants: readonly Variant[], warm: ReadonlySet<string> = new Set()): Promise<Measured[]> {
    const times = new Map<string, number[]>(variants.map((v) => [v.label, []]));
    const counts = new Map<string, { resources: number; custom: number }>();
    for (const v of variants) {
        if (!warm.has(v.label)) counts.set(v.label, await v.run());
        sampleMemory();
    }
    for (let round = 0; round < Math.max(...variants.map((v) => v.runs)); round++) {
        for (const v of variants.filter((v) => round < v.runs)) {
            const start = performance.now();
            const counted = await v.run();
            times.get(v.label)!.push(performance.now() - start);
            counts.set(v.label, counted);
            sampleMemory();
        }
    }
    return variants.map((v) => ({ label: v.label, ms: median(times.get(v.label)!), minMs: Math.min(...times.get(v.label)!), ...counts.get(v.label)! }));
}

const ms = (x: number) => x.toFixed(0);

async function main(): Promise<void> {
    const sampler = setInterval(sampleMemory, 10);
    sampler.unref();
    const began = performance.now();

    // Recording prod doubles as its warm-up run.
    const prod = await evaluateStack("prod");
    const flat = flatProgram(prod.resources);
    const stacks = listStacks(PROJECT_DIR);
    const plans = await measure(
        [...stacks.map((s) => stackVariant(s, s, RUNS)), stackVariant("prod (flat)", "prod", RUNS, { program: flat })],
        new Set(["prod"]),
    );
    const stacksPeak = { ...peak };
    const byLabel = (label: string) => plans.find((p) => p.label === label)!;
    const ratio = byLabel("prod").ms / byLabel("prod (flat)").ms;

    console.log(`Offline plan time: median of ${RUNS} runs after one warm-up (Node ${process.version}, tsx)\n`);
    console.log(
        table(
            ["program", "ms", "resources", "custom", "ms/resource"],
            plans.map((p) => [p.label, ms(p.ms), String(p.resources), String(p.custom), (p.ms / p.resources).toFixed(2)]),
        ),
    );
    console.log(`\nprod with components / flat prod: ${ratio.toFixed(2)} (goal <= 1.15)\n`);

    const prodAlb = JSON.parse(loadStackConfig(PROJECT_DIR, "prod").values[ALB_KEY]);
    const scaled = (n: number) => stackVariant(`${n} services`, "prod", SCALING_RUNS[n], { configOverrides: { [ALB_KEY]: scalingAlbConfig(prodAlb, n) } });
    // The stacks above warmed up everything but the scaling plans' extra target groups and rules, which
    // 10 services exercise; warming the others too would add ~12 s for nothing.
    const variants = [scaled(0), ...SERVICE_COUNTS.map(scaled)];
    const scaling = await measure(variants, new Set(variants.filter((v) => v.label !== "10 services").map((v) => v.label)));
    const [baseline, ...withServices] = scaling;
    // From the fastest runs, not the medians. A plan does the same work every time and noise (GC
    // timing, other processes) only adds to it, so the minimum is the steadiest estimate of that work,
    // and one service's cost is within the run-to-run jitter of the whole plan.
    const perService = withServices.map((m, i) => perServiceMs(m.minMs, baseline.minMs, SERVICE_COUNTS[i]));
    const perServiceSpread = spread(perService);

    // The same plans declared flat: how much of any growth per service is the Pulumi runtime's own,
    // which registers more resources more slowly past a few hundred, rather than the components'.
    // One evaluation at a time: the engine's mocks are process-wide.
    const flatVariants: Variant[] = [];
    for (const n of [0, ...SERVICE_COUNTS]) {
        const recorded = await evaluateStack("prod", { configOverrides: { [ALB_KEY]: scalingAlbConfig(prodAlb, n) } });
        flatVariants.push(stackVariant(`${n} services (flat)`, "prod", SCALING_RUNS[n], { program: flatProgram(recorded.resources) }));
    }
    const flatScaling = await measure(flatVariants);
    const [flatBaseline, ...flatWithServices] = flatScaling;
    const flatPerService = flatWithServices.map((m, i) => perServiceMs(m.minMs, flatBaseline.minMs, SERVICE_COUNTS[i]));

    console.log(`Scaling: prod with N microservices on its ALB (own target group + listener rule each, no fleet);`);
    console.log(`per service = (fastest time(N) - fastest time(0)) / N, of ${SCALING_RUNS[0]}/${SERVICE_COUNTS.map((n) => SCALING_RUNS[n]).join("/")} runs\n`);
    console.log(
        table(
            ["services", "median ms", "fastest ms", "resources", "resources/service", "ms/service", "flat ms/service"],
            [
                ["0 (baseline)", ms(baseline.ms), ms(baseline.minMs), String(baseline.resources), "-", "-", "-"],
                ...withServices.map((m, i) => [
                    String(SERVICE_COUNTS[i]),
                    ms(m.ms),
                    ms(m.minMs),
                    String(m.resources),
                    ((m.resources - baseline.resources) / SERVICE_COUNTS[i]).toFixed(1),
                    perService[i].toFixed(1),
                    flatPerService[i].toFixed(1),
                ]),
            ],
        ),
    );
    console.log(`\nper-service spread (max/min over 1, 10, 50): ${perServiceSpread.toFixed(2)} (goal: flat, ~1); the same plans flat: ${spread(flatPerService).toFixed(2)}\n`);

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
    console.log(`ratio_to_flat_prod: ${ratio.toFixed(2)}`);
    console.log(`per_service_spread: ${perServiceSpread.toFixed(2)}`);
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
