// Whole models as users write them: attention decoders (additive, Luong's general and dot
// scores) reading a memory whole at every step under a length mask, a stacked bidirectional
// LSTM over packed sequences, a pre-layer-norm feed-forward block, and an encoder–decoder
// with attention and a masked cross-entropy loss; the recurrences linear in their state, at a
// few steps and at 4,096, with their lowerings on and off. Each against a float64 PyTorch reference
// (golden/make_model_goldens.py), in the interpreter and on WebGPU, forward and gradients.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { acquireDevice } from "../../runtime/device.js";
import { readSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { expectMatchesGoldens } from "./againstGoldens.js";

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
  bothWays?: boolean; // also with the lowerings of linear recurrences off
}
const cases: ModelCase[] = JSON.parse(readFileSync("golden/models/index.json", "utf8"));
const golden = (name: string, part: string): Record<string, NamedTensor> =>
  readSafetensors(readFileSync(`golden/models/${name}.${part}.safetensors`), ["outputs", "grads"].includes(part));

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

      // Every parameter and float input has its gradient; integer ids and lengths have none.
      await expectMatchesGoldens(device, { file: c.file, text, sizes: c.sizes }, { weights, inputs, outputs, seeds, grads });
      // A dispatch per step and the read-outs in their loop: the same numbers.
      if (c.bothWays) await expectMatchesGoldens(device, { file: c.file, text, sizes: c.sizes }, { weights, inputs, outputs, seeds, grads }, { stepsInKernel: false, splitReadouts: false, sumsInLoops: false, inlineProducts: false });
    }, 120_000);
  }
});
