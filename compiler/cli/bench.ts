// `rnnc bench`: how fast a model runs on this machine's adapter, forward or a training step,
// at the run-time sizes given: the median of timed runs after a warm-up (with min-max),
// tokens/s, the products' achieved GFLOP/s, dispatches per run, the device memory, and with
// --kernels each kernel's share. `npm run bench` sets rnnc beside its peers on fixed workloads.
import { readFileSync } from "node:fs";
import { evalSize } from "../../format/sizes.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { compiledVariant, sameVariant, variantText } from "../../runtime/workgroups.js";
import { compile } from "../compile.js";
import { productFlops } from "../ir/productFlops.js";
import { CliError } from "./files.js";
import { productCeiling } from "./productCeiling.js";
import type { Report } from "./report.js";
import { timed } from "./timing.js";
import { activationsOption, numberOption, sizeOverrides, type Options } from "./train.js";

/** The optimisations --off may turn off, to measure each one's effect (docs/performance.md). */
export const SWITCHES = ["mapStateless", "stepsInKernel", "fuseStepEpilogue", "splitReadouts", "splitLongSums", "sumsInLoops", "inlineProducts", "segmentEmbeddingGradients", "reuseMemory", "vec4Products", "oneRowProducts", "vec4Elementwise", "lockstepLoops", "foursTogetherInLoops"] as const;

const mib = (floats: number) => `${((floats * 4) / 2 ** 20).toFixed(1)} MiB`;
const fmt = (v: number, digits = 1) => v.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function bench(path: string, opts: Options, report: Report): Promise<void> {
  const rounds = numberOption(opts, "rounds", 5, { min: 1, max: 1000, integer: true });
  const train = !!opts.train;
  const entry = train ? "train_step" : "forward";
  const at = sizeOverrides(opts, "at");
  const off = opts.off ?? [];
  const unknown = off.find((name) => !(SWITCHES as readonly string[]).includes(name));
  if (unknown !== undefined) throw new CliError(`--off ${unknown}: there is no such optimisation; it is one of ${SWITCHES.join(", ")}`);
  const switches = Object.fromEntries(off.map((name) => [name, false]));
  const compiled = compile(path, readFileSync(path, "utf8"), sizeOverrides(opts), { ...switches, gradients: train, inputGradients: false, activations: activationsOption(opts) });
  const { manifest } = compiled;
  const missing = manifest.runtimeSizes.filter((s) => !(s in at));
  if (missing.length) throw new CliError(`give the run-time sizes to measure at: ${missing.map((s) => `--at ${s}=...`).join(" ")} (this model's: ${manifest.runtimeSizes.join(", ")})`);
  const sizes = { ...manifest.sizes, ...at };

  // Random inputs: every input a run needs (a seed per output for a training step); ids below their table's size.
  const rng = new Random(0);
  const inputs: Record<string, NamedTensor> = {};
  for (const i of manifest.inputs) {
    if (i.optional && i.role !== "seed") continue;
    const shape = i.shape.map((d) => (typeof d === "number" ? d : sizes[d]));
    const n = shape.reduce((a, b) => a * b, 1);
    inputs[i.name] = { shape, data: Float32Array.from({ length: n }, () => (i.ids ? Math.floor(rng.next() * i.ids) : rng.next() * 2 - 1)) };
  }
  // Tokens: the positions of the first data input (its run-time axes: T x B).
  const data = manifest.inputs.find((i) => i.role === "data" && !i.optional);
  const tokens = data ? data.shape.filter((d) => typeof d === "string").reduce<number>((n, d) => n * sizes[d as string], 1) : 1;
  const flops = productFlops(compiled.optimized.graph, sizes, manifest.entries[entry]!.outputs);

  const { device, adapterName } = await acquireDevice();
  const model = await Model.create(manifest, device);
  model.initParams(0);
  // With --tune: how each product kernel runs on this adapter; those not as compiled.
  const tuned = opts.tune
    ? Object.entries(await model.tune(inputs, { entry })).filter(([name, variant]) => !sameVariant(compiledVariant(manifest.kernels.find((k) => k.name === name)!), variant))
    : undefined;
  const ms = await timed(async () => {
    await model.submit(inputs, { entry, read: [] });
    await device.queue.onSubmittedWorkDone();
  }, rounds);
  const ceiling = opts.ceiling ? await productCeiling(rounds) : undefined; // the adapter's best, every optimisation on
  const result = {
    model: path,
    entry,
    sizes: at,
    off,
    adapter: adapterName,
    rounds,
    ms,
    tokensPerSecond: tokens / (ms.median / 1000),
    gflop: flops / 1e9,
    gflopsPerSecond: flops / (ms.median * 1e6),
    dispatches: model.dispatchCount(entry),
    memory: { parameters: manifest.parameterCount, workspace: evalSize(manifest.buffers[1].size, sizes) },
    ...(ceiling ? { ceiling: { gflopsPerSecond: ceiling.gflopsPerSecond, shape: ceiling.shape } } : {}),
    ...(tuned ? { tuned: Object.fromEntries(tuned) } : {}),
  };
  const sizesText = Object.entries(at).map(([k, v]) => `${k}=${v}`).join(", ");
  report.tell("bench", result, [
    `${path}, ${train ? "a training step (forward, backward, every parameter's gradient)" : "forward"} at ${sizesText}${off.length ? `, with ${off.join(", ")} off` : ""}, on ${adapterName}`,
    `  ${fmt(ms.median)} ms (${fmt(ms.min)}–${fmt(ms.max)}): the median of ${rounds} runs after a warm-up, each one submission with its inputs' upload`,
    `  ${fmt(result.tokensPerSecond, 0)} tokens/s (${fmt(tokens, 0)} tokens a run); products ${fmt(result.gflop, 3)} GFLOP a run, ${fmt(result.gflopsPerSecond)} GFLOP/s`,
    `  ${result.dispatches} dispatches a run; memory: parameters ${mib(result.memory.parameters)}, workspace ${mib(result.memory.workspace)}`,
    ...(ceiling
      ? [`  the adapter's product ceiling: ${fmt(ceiling.gflopsPerSecond)} GFLOP/s (rnnc's product kernel alone, best of three shapes: ${ceiling.shape}); this model's products run at ${Math.round((100 * result.gflopsPerSecond) / ceiling.gflopsPerSecond)}% of it`]
      : []),
    ...(tuned
      ? [`  tuned on this adapter: ${tuned.length ? tuned.map(([name, variant]) => `${name} ${variantText(variant)}`).join("; ") : "every product kernel runs as compiled"}`]
      : []),
  ].join("\n"));
  if (opts.kernels) {
    const kernels = await model.kernelTimes(entry);
    report.tell("kernels", { kernels }, ["", "  ms     dispatches  kernel (each dispatch timed alone, summed; their sum is above the run's time by each dispatch's overhead)", ...kernels.map((k) => `  ${fmt(k.ms, 2).padStart(8)} ${String(k.dispatches).padStart(6)}  ${k.kernel}`)].join("\n"));
  }
  model.destroy();
}
