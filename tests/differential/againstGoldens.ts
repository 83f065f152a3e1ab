// A model checked against float64 reference files, every way: the interpreter's forward and
// gradients (≤ 1e-6 relative), before and after the passes, and WebGPU's forward (≤ 1e-4) and
// gradients (≤ 1e-3) with the activations saved and recomputed (and loops without state run
// step by step as well as mapped), compiled with the `lowering` options given. Used by the cell
// and whole-model golden tests.
import { expect } from "vitest";
import { compile, type CompileOptions } from "../../compiler/compile.js";
import { interpret } from "../../compiler/ir/interpret.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import { Model } from "../../runtime/model.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { asFloat64, maxAbsError } from "../helpers.js";

type Tensors = Record<string, NamedTensor>;

/** Largest error over every tensor, relative to each tensor's largest magnitude. */
export function relativeError(actual: Record<string, { shape: number[]; data: ArrayLike<number> }>, expected: Tensors) {
  let worst = 0;
  for (const [name, e] of Object.entries(expected)) {
    const scale = Math.max(1e-6, ...Array.from(e.data, Math.abs));
    worst = Math.max(worst, maxAbsError({ [name]: actual[name] }, { [name]: e }) / scale);
  }
  return worst;
}

/** `seeds` and `grads` are named as the model's inputs and outputs: seed.<output>, grad.<name>. */
export async function expectMatchesGoldens(
  device: GPUDevice,
  model: { file: string; text: string; sizes: Record<string, number> },
  golden: { weights: Tensors; inputs: Tensors; outputs: Tensors; seeds: Tensors; grads: Tensors },
  lowering: CompileOptions = {},
) {
  const { file, text, sizes } = model;
  const { weights, inputs, outputs, seeds, grads } = golden;
  // The interpreter, in float64: forward and autodiff; every gradient there is, and no other.
  const forward = compile(file, text, sizes);
  expect(relativeError(interpret(forward.lowered.graph, asFloat64(inputs), asFloat64(weights)), outputs)).toBeLessThan(1e-6);
  const reference = interpret(differentiate(forward.lowered.graph), asFloat64({ ...inputs, ...seeds }), asFloat64(weights));
  expect(Object.keys(reference).filter((k) => k.startsWith("grad.")).sort()).toEqual(Object.keys(grads).sort());
  expect(relativeError(reference, grads)).toBeLessThan(1e-6);
  // The passes keep the meaning: the optimized graph, forward and with gradients, in float64.
  expect(relativeError(interpret(forward.optimized.graph, asFloat64(inputs), asFloat64(weights)), outputs)).toBeLessThan(1e-6);
  const optimizedGrads = compile(file, text, sizes, { gradients: true }).optimized.graph;
  expect(relativeError(interpret(optimizedGrads, asFloat64({ ...inputs, ...seeds }), asFloat64(weights)), grads)).toBeLessThan(1e-6);

  // WebGPU: forward ≤ 1e-4, gradients ≤ 1e-3, relative.
  const gpu = await Model.create(compile(file, text, sizes, lowering).manifest, device);
  gpu.loadWeights(weights);
  expect(relativeError(await gpu.run(inputs), outputs)).toBeLessThan(1e-4);
  gpu.destroy();
  // A loop without state runs as one map over all steps; step by step too where there is one.
  const stateless = forward.lowered.graph.nodes.some((n) => n.op === "scan" && n.attrs.scan!.carries === 0);
  for (const mapStateless of stateless ? [true, false] : [true])
    for (const activations of ["save", "recompute"] as const) {
      const withGrads = await Model.create(compile(file, text, sizes, { ...lowering, gradients: true, activations, mapStateless }).manifest, device);
      withGrads.loadWeights(weights);
      expect(relativeError(await withGrads.run({ ...inputs, ...seeds }, "train_step"), grads), `${activations}${mapStateless ? "" : ", step by step"}`).toBeLessThan(1e-3);
      withGrads.destroy();
    }
}
