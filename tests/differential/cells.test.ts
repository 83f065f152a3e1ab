// Cells the examples never exercised, as a user wrote them: per-example reductions, sizes of
// 1 beside numbers, a row product as a gate, an epsilon after the variance, a constant. Each
// against a hand-written PyTorch reference (golden/make_cell_goldens.py), on WebGPU and in
// the interpreter, forward and gradients; then the fuzzer's fixed-seed batch and every
// shrunk case it has kept.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import { readSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { Trainer } from "../../runtime/trainer.js";
import { checkModel } from "../fuzz/differential.js";
import { generateModel } from "../fuzz/generate.js";
import { maxAbsError } from "../helpers.js";
import { expectMatchesGoldens } from "./againstGoldens.js";

let device: GPUDevice;
beforeAll(async () => {
  device = (await acquireDevice()).device;
});

interface CellCase {
  name: string;
  file: string;
  sizes: Record<string, number>;
}
const cases: CellCase[] = JSON.parse(readFileSync("golden/cells/index.json", "utf8"));
const golden = (name: string, part: string): Record<string, NamedTensor> =>
  readSafetensors(readFileSync(`golden/cells/${name}.${part}.safetensors`), ["outputs", "grads"].includes(part));

describe("cells as users wrote them match PyTorch (B = 3)", () => {
  for (const c of cases) {
    test(c.name, async () => {
      const text = readFileSync(c.file, "utf8");
      // The goldens name parameters as the cell does; a call's parameters are layer 0's.
      const inputs = golden(c.name, "inputs");
      const stateDictName = (k: string) => (k in inputs ? k : `${k}_l0`);
      const weights = Object.fromEntries(Object.entries(golden(c.name, "weights")).map(([k, v]) => [stateDictName(k), v]));
      const seeds = Object.fromEntries(Object.entries(golden(c.name, "seeds")).map(([k, v]) => [`seed.${k}`, v]));
      const grads = Object.fromEntries(Object.entries(golden(c.name, "grads")).map(([k, v]) => [`grad.${stateDictName(k)}`, v]));
      const outputs = golden(c.name, "outputs");
      await expectMatchesGoldens(device, { file: c.file, text, sizes: c.sizes }, { weights, inputs, outputs, seeds, grads });
    });
  }
});

test("a const is loaded and saved with the weights but never trained, even with weight decay", async () => {
  const text = readFileSync("tests/cells/const_average.cell", "utf8").replace("output y, h_n", "loss = mean(y * y)\n  output loss, y, h_n");
  const { manifest } = compile("const_average.cell", text, {}, { gradients: true });
  expect(manifest.params.find((p) => p.name === "average_l0")?.constant).toBe(true);
  expect(manifest.outputs.some((o) => o.name === "grad.average_l0")).toBe(false);
  const model = await Model.create(manifest, device);
  model.initParams(2);
  const before = model.stateDict();
  expect(Array.from(before.average_l0.data).every((v) => v === Math.fround(1 / 6))).toBe(true);
  const trainer = new Trainer(model, { kind: "adamw", lr: 0.05, weightDecay: 0.5 });
  const x = { shape: [4, 2, 4], data: Float32Array.from({ length: 32 }, (_, i) => Math.sin(i)) };
  for (let step = 0; step < 5; step++) await trainer.step({ x }, 0.05);
  await model.syncParams();
  const after = model.stateDict();
  expect(Array.from(after.average_l0.data)).toEqual(Array.from(before.average_l0.data));
  expect(maxAbsError({ w: after.W_l0 }, { w: before.W_l0 })).toBeGreaterThan(1e-3);
  model.destroy();
});

describe("random cells: interpreter, WebGPU and finite differences agree", () => {
  // A fixed-seed batch from the fuzzer (npm run fuzz runs more).
  const CI_CASES = 6;
  for (let seed = 1; seed <= CI_CASES; seed++) {
    test(`generated model, seed ${seed}`, async () => {
      const { text, runtime } = generateModel(seed);
      expect(await checkModel(`fuzz-${seed}.cell`, text, { runtime, seed, device })).toBeUndefined();
    });
  }
  const kept = existsSync("tests/fuzz/regressions") ? readdirSync("tests/fuzz/regressions").filter((f) => f.endsWith(".cell")) : [];
  for (const file of kept) {
    test(`kept case ${file}`, async () => {
      const text = readFileSync(`tests/fuzz/regressions/${file}`, "utf8");
      const line = /# runtime: (.*)/.exec(text)![1];
      const runtime = Object.fromEntries([...line.matchAll(/(\w+)=(\d+)/g)].map(([, k, v]) => [k, Number(v)]));
      expect(await checkModel(file, text, { runtime, seed: 1, device })).toBeUndefined();
    });
  }
});
