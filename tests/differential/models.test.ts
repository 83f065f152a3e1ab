// Whole models as users write them: attention decoders (additive, Luong's general and dot
// scores) reading a memory whole at every step under a length mask, a stacked bidirectional
// LSTM over packed sequences, a pre-layer-norm feed-forward block, and an encoder–decoder
// with attention and a masked cross-entropy loss. Each against a float64 PyTorch reference
// (golden/make_model_goldens.py), in the interpreter and on WebGPU, forward and gradients.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { interpret } from "../../compiler/ir/interpret.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import { readSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { asFloat64, maxAbsError } from "../helpers.js";

let device: GPUDevice;
beforeAll(async () => {
  device = (await acquireDevice()).device;
});

interface ModelCase {
  name: string;
  file: string;
  sizes: Record<string, number>;
  runtime: Record<string, number>;
  replace?: [string, string][];
}
const cases: ModelCase[] = JSON.parse(readFileSync("golden/models/index.json", "utf8"));
const golden = (name: string, part: string): Record<string, NamedTensor> =>
  readSafetensors(readFileSync(`golden/models/${name}.${part}.safetensors`), ["outputs", "grads"].includes(part));

/** Largest error over every tensor, relative to each tensor's largest magnitude. */
function relativeError(actual: Record<string, { shape: number[]; data: ArrayLike<number> }>, expected: Record<string, NamedTensor>) {
  let worst = 0;
  for (const [name, e] of Object.entries(expected)) {
    const scale = Math.max(1e-6, ...Array.from(e.data, Math.abs));
    worst = Math.max(worst, maxAbsError({ [name]: actual[name] }, { [name]: e }) / scale);
  }
  return worst;
}

/** The model's text with the case's edits made (each must be found). */
function source(c: ModelCase): string {
  let text = readFileSync(c.file, "utf8");
  for (const [from, to] of c.replace ?? []) {
    expect(text.includes(from), `'${from}' in ${c.file}`).toBe(true);
    text = text.replace(from, to);
  }
  return text;
}

describe("whole models match PyTorch", () => {
  for (const c of cases) {
    test(`${c.name} (${Object.entries(c.runtime).map(([k, v]) => `${k}=${v}`).join(" ")})`, async () => {
      const text = source(c);
      const weights = golden(c.name, "weights");
      const inputs = golden(c.name, "inputs");
      const outputs = golden(c.name, "outputs");
      const seeds = Object.fromEntries(Object.entries(golden(c.name, "seeds")).map(([k, v]) => [`seed.${k}`, v]));
      const grads = Object.fromEntries(Object.entries(golden(c.name, "grads")).map(([k, v]) => [`grad.${k}`, v]));

      // The interpreter, in float64: forward and autodiff.
      const forward = compile(c.file, text, c.sizes);
      expect(relativeError(interpret(forward.lowered.graph, asFloat64(inputs), asFloat64(weights)), outputs)).toBeLessThan(1e-6);
      const reference = interpret(differentiate(forward.lowered.graph), asFloat64({ ...inputs, ...seeds }), asFloat64(weights));
      // Every parameter and float input has its gradient; integer ids and lengths have none.
      expect(Object.keys(reference).filter((k) => k.startsWith("grad.")).sort()).toEqual(Object.keys(grads).sort());
      expect(relativeError(reference, grads)).toBeLessThan(1e-6);

      // WebGPU: forward ≤ 1e-4, gradients ≤ 1e-3, relative.
      const model = await Model.create(forward.manifest, device);
      model.loadWeights(weights);
      expect(relativeError(await model.run(inputs), outputs)).toBeLessThan(1e-4);
      model.destroy();
      for (const activations of ["save", "recompute"] as const) {
        const withGrads = await Model.create(compile(c.file, text, c.sizes, { gradients: true, activations }).manifest, device);
        withGrads.loadWeights(weights);
        expect(relativeError(await withGrads.run({ ...inputs, ...seeds }, "train_step"), grads), activations).toBeLessThan(1e-3);
        withGrads.destroy();
      }
    });
  }
});
