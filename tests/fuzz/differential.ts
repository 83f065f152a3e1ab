// One model checked every way we can: the interpreter against WebGPU (forward, and gradients
// in one activation mode, save or recompute by the seed's parity), and the interpreter's gradients against float64 finite
// differences. Used by the random-cell fuzzer and by tests of hand-written cells.
import { compile } from "../../compiler/compile.js";
import { CompileError } from "../../compiler/diagnostics.js";
import type { Graph } from "../../compiler/ir/graph.js";
import { interpret } from "../../compiler/ir/interpret.js";
import type { Tensor } from "../../compiler/ir/ops/index.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import type { NamedTensor } from "../../format/safetensors.js";

export interface DifferentialOptions {
  /** Run-time sizes (T, B). */
  runtime: Record<string, number>;
  seed: number;
  device: GPUDevice;
  /** Finite-difference probes per parameter or input. */
  probes?: number;
}

/** What went wrong, if anything: the stage and a one-line reason. */
export interface Finding {
  stage: "model" | "check" | "compile" | "gpu-compile" | "forward" | "gradient" | "finite-differences" | "internal";
  message: string;
}

// float32 kernels against the float64 interpreter, relative to max(1, |value|). Some models
// carry rounding much further (a layer norm of nearly equal values divides by sqrt(1e-5)): an
// element may then stray as far as the model's own spread (see roundingSpread), no further.
const FORWARD_TOLERANCE = 1e-4;
const FD_TOLERANCE = 1e-4;

export async function checkModel(path: string, text: string, opts: DifferentialOptions): Promise<Finding | undefined> {
  try {
    return await check(path, text, opts);
  } catch (e) {
    if (e instanceof CompileError) return { stage: e.diagnostics.some((d) => d.internal) ? "internal" : "check", message: e.message.split("\n")[0] };
    return { stage: "internal", message: e instanceof Error ? (e.stack ?? e.message).split("\n").slice(0, 4).join(" | ") : String(e) };
  }
}

async function check(path: string, text: string, opts: DifferentialOptions): Promise<Finding | undefined> {
  const forward = compile(path, text);
  const graph = forward.lowered.graph;
  const rng = new Random(opts.seed);
  const inputs = randomInputs(graph, opts.runtime, rng);
  const model = await build(forward.manifest, opts.device);
  if ("stage" in model) return model;
  model.initParams(opts.seed);
  const params = model.stateDict();
  const expected = interpret(graph, f64(inputs), f64(params));
  for (const [name, t] of Object.entries(expected))
    if (!t.data.every(Number.isFinite)) return { stage: "model", message: `the model itself computes a value that is not finite ('${name}' in the float64 reference)` };
  const actual = await model.run(inputs);
  model.destroy();
  const forwardError = compare(actual, expected) && compare(actual, expected, roundingSpread(graph, f64(inputs), f64(params), expected));
  if (forwardError) return { stage: "forward", message: forwardError };

  // Gradients of Σ output ⊙ seed, for random seeds.
  const seeds: Record<string, NamedTensor> = {};
  for (const o of graph.outputs) seeds[`seed.${o.name}`] = random(expected[o.name].shape, rng);
  const everything = { ...inputs, ...seeds };
  const differentiated = differentiate(graph);
  const gradients = interpret(differentiated, f64(everything), f64(params));
  const fd = finiteDifferences(graph, f64(inputs), f64(params), f64(seeds), gradients, opts.probes ?? 3, rng);
  if (fd) return { stage: "finite-differences", message: fd };
  // One activation mode per case, alternating with the seed: both get covered, at half the kernels.
  const activations = opts.seed % 2 === 0 ? "save" : "recompute";
  const withGrads = compile(path, text, {}, { gradients: true, activations });
  const gpuModel = await build(withGrads.manifest, opts.device);
  if ("stage" in gpuModel) return gpuModel;
  gpuModel.loadWeights(params);
  const backward = differentiate(graph, { activations });
  const reference = interpret(backward, f64(everything), f64(params));
  const out = await gpuModel.run(everything, "train_step");
  gpuModel.destroy();
  const error = compare(out, reference) && compare(out, reference, roundingSpread(backward, f64(everything), f64(params), reference));
  return error ? { stage: "gradient", message: `activations ${activations}: ${error}` } : undefined;
}

async function build(manifest: Parameters<typeof Model.create>[0], device: GPUDevice): Promise<Model | Finding> {
  device.pushErrorScope("validation");
  let model: Model;
  try {
    model = await Model.create(manifest, device);
  } catch (e) {
    await device.popErrorScope();
    return { stage: "gpu-compile", message: (e instanceof Error ? e.message : String(e)).split("\n").slice(0, 3).join(" | ") };
  }
  const error = await device.popErrorScope();
  if (error) return { stage: "gpu-compile", message: error.message.split("\n")[0] };
  return model;
}

/** Every input the graph declares (optional ones too), random, with integer ids in range. */
export function randomInputs(graph: Graph, runtime: Record<string, number>, rng: Random): Record<string, NamedTensor> {
  const out: Record<string, NamedTensor> = {};
  const size = (d: string | number) => (typeof d === "number" ? d : runtime[d]);
  for (const n of graph.nodes) {
    if (n.op !== "input" || n.attrs.role?.startsWith("dropout")) continue;
    const shape = n.shape.map(size);
    out[n.attrs.name!] = n.attrs.ids ? randomIds(graph, n.id, shape, size, rng) : random(shape, rng);
  }
  return out;
}

/** Integer ids for what reads them: a row of the table (embedding, cross_entropy), or a length from 1 to the steps. */
function randomIds(graph: Graph, input: number, shape: number[], size: (d: string | number) => number, rng: Random): NamedTensor {
  const reader = graph.nodes.find((n) => n.inputs.includes(input) && n.op !== "scan");
  const [low, high] = !reader
    ? [0, 0]
    : reader.op === "length_mask" ? [1, size(reader.attrs.extent!)] : [0, size(graph.nodes[reader.inputs[0]].shape.at(reader.op === "gather" ? 0 : -1)!) - 1];
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: n }, () => low + Math.min(high - low, Math.floor(rng.next() * (high - low + 1)))) };
}

function random(shape: number[], rng: Random): NamedTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: n }, () => rng.next() * 2 - 1) };
}

const f64 = (ts: Record<string, NamedTensor>): Record<string, Tensor> =>
  Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, { shape: t.shape, data: Float64Array.from(t.data) }]));

/** The first disagreement beyond tolerance, described; undefined when all agree. */
/**
 * How far errors of a few float32 ulps in every op (as a GPU's exp and tanh make) move each
 * output of the float64 reference: the precision the model itself allows. Three seeded trials.
 */
function roundingSpread(graph: Graph, inputs: Record<string, Tensor>, params: Record<string, Tensor>, exact: Record<string, Tensor>): Record<string, Float64Array> {
  const rng = new Random(12345);
  const ULPS = 4 * 2 ** -24;
  const noisy = (t: Tensor): Tensor => ({ shape: t.shape, data: t.data.map((x) => x * (1 + (rng.next() * 2 - 1) * ULPS)) });
  const spread = Object.fromEntries(Object.entries(exact).map(([name, t]) => [name, new Float64Array(t.data.length)]));
  for (let trial = 0; trial < 3; trial++) {
    const out = interpret(graph, inputs, params, { eachResult: noisy });
    for (const [name, s] of Object.entries(spread)) out[name].data.forEach((v, i) => (s[i] = Math.max(s[i], Math.abs(v - exact[name].data[i]))));
  }
  return spread;
}

function compare(actual: Record<string, { shape: number[]; data: ArrayLike<number> }>, expected: Record<string, Tensor>, spread?: Record<string, Float64Array>): string | undefined {
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    if (!a) return `output '${name}' is missing`;
    if (a.shape.join() !== e.shape.join()) return `'${name}' is [${a.shape}], expected [${e.shape}]`;
    for (let i = 0; i < e.data.length; i++) {
      const tolerance = Math.max(FORWARD_TOLERANCE * Math.max(1, Math.abs(e.data[i])), 4 * (spread?.[name][i] ?? 0));
      if (!(Math.abs(a.data[i] - e.data[i]) <= tolerance)) return `'${name}'[${i}] is ${a.data[i]}, expected ${e.data[i]}`;
    }
  }
  return undefined;
}

/**
 * Central differences in float64 at a few random entries of each parameter and input. Where
 * two step sizes disagree, or the slopes just left and just right of the point do, the function
 * has a kink there (relu near or at 0, a tie in max), and the entry is skipped: no derivative
 * to compare. (At a kink exactly on the point, as for relu of a parameter initialised to zeros,
 * both step sizes give the same average of the two slopes; only the one-sided slopes tell.)
 */
function finiteDifferences(
  graph: Graph,
  inputs: Record<string, Tensor>,
  params: Record<string, Tensor>,
  seeds: Record<string, Tensor>,
  gradients: Record<string, Tensor>,
  probes: number,
  rng: Random,
): string | undefined {
  const objective = (ins: Record<string, Tensor>, ps: Record<string, Tensor>) => {
    const out = interpret(graph, ins, ps);
    let total = 0;
    for (const o of graph.outputs) {
      const seed = seeds[`seed.${o.name}`].data;
      out[o.name].data.forEach((v, i) => (total += v * seed[i]));
    }
    return total;
  };
  const difference = (target: Record<string, Tensor>, name: string, i: number, h: number) => {
    const data = target[name].data;
    const keep = data[i];
    const at = objective(inputs, params);
    data[i] = keep + h;
    const up = objective(inputs, params);
    data[i] = keep - h;
    const down = objective(inputs, params);
    data[i] = keep;
    return { central: (up - down) / (2 * h), right: (up - at) / h, left: (at - down) / h };
  };
  for (const [target, kind] of [[params, "parameter"], [inputs, "input"]] as const) {
    for (const name of Object.keys(target)) {
      const analytic = gradients[`grad.${name}`];
      if (!analytic) continue;
      const n = target[name].data.length;
      for (let p = 0; p < Math.min(probes, n); p++) {
        const i = Math.floor(rng.next() * n);
        const coarse = difference(target, name, i, 1e-4).central;
        const { central: fine, left, right } = difference(target, name, i, 1e-6);
        const scale = Math.max(1, Math.abs(fine));
        if (Math.abs(coarse - fine) > 1e-3 * scale || Math.abs(left - right) > 1e-3 * scale) continue; // not smooth here
        if (Math.abs(analytic.data[i] - fine) > FD_TOLERANCE * scale)
          return `d/d ${kind} '${name}'[${i}]: autodiff ${analytic.data[i]}, finite differences ${fine}`;
      }
    }
  }
  return undefined;
}
