// Training steps on WebGPU against a float64 reference: gradients from the interpreter, and
// PyTorch's update rules for Adam, AdamW and SGD with momentum, clipping and carried state.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { interpret } from "../../compiler/ir/interpret.js";
import type { Tensor } from "../../compiler/ir/ops/index.js";
import { Model } from "../../runtime/model.js";
import type { OptimizerOptions } from "../../runtime/optimizer.js";
import { Random } from "../../runtime/random.js";
import { sampleText } from "../../runtime/sampling.js";
import { CharText } from "../../runtime/text.js";
import { Trainer } from "../../runtime/trainer.js";
import { trainLanguageModel, TrainingError } from "../../runtime/training.js";
import { asFloat64, maxAbsError } from "../helpers.js";

function referenceUpdate(o: OptimizerOptions, step: number, p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, scale: number, lr: number) {
  const [b1, b2, eps] = [o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.eps ?? 1e-8];
  const wd = o.weightDecay ?? (o.kind === "adamw" ? 0.01 : 0);
  for (let i = 0; i < p.length; i++) {
    let gi = g[i] * scale;
    if (o.kind === "sgd") {
      gi += wd * p[i];
      m[i] = (o.momentum ?? 0.9) * m[i] + gi;
      p[i] -= lr * m[i];
      continue;
    }
    if (o.kind === "adamw") p[i] -= lr * wd * p[i];
    else gi += wd * p[i];
    m[i] = b1 * m[i] + (1 - b1) * gi;
    v[i] = b2 * v[i] + (1 - b2) * gi * gi;
    p[i] -= (lr * (m[i] / (1 - b1 ** step))) / (Math.sqrt(v[i] / (1 - b2 ** step)) + eps);
  }
}

describe("a training step on WebGPU equals the float64 reference", () => {
  const optimizers: OptimizerOptions[] = [
    { kind: "adam", lr: 0.01 },
    { kind: "adamw", lr: 0.02, weightDecay: 0.1, clip: 0.5 },
    { kind: "sgd", lr: 0.1, momentum: 0.9, clip: 1 },
  ];
  for (const options of optimizers) {
    test(`${options.kind}${options.clip ? ` with clipping at ${options.clip}` : ""}`, async () => {
      const sizes = { V: 6, E: 3, H: 4, L: 1 };
      const path = "dsl-examples/char_lstm.cell";
      const { manifest, optimized } = compile(path, readFileSync(path, "utf8"), sizes, { gradients: true });
      const model = await Model.create(manifest);
      model.initParams(2);
      const trainer = new Trainer(model, options);
      expect(trainer.carry).toEqual([["h_n", "h0"], ["c_n", "c0"]]);
      const rng = new Random(3);
      const batch = () => {
        const ids = () => ({ shape: [4, 2], data: Float32Array.from({ length: 8 }, () => Math.floor(rng.next() * sizes.V)) });
        return { tokens: ids(), targets: ids() };
      };
      // Reference state: flat parameters in the manifest's layout.
      const p = Float64Array.from(model.params);
      const [m, v] = [new Float64Array(p.length), new Float64Array(p.length)];
      let carried: Record<string, Tensor> = {};
      for (let step = 1; step <= 3; step++) {
        const b = batch();
        const lr = options.lr * (step === 3 ? 0.5 : 1); // a schedule changes lr between steps
        const params = Object.fromEntries(manifest.params.map((q) => [q.name, { shape: q.shape as number[], data: p.slice(q.offset, q.offset + q.shape.reduce<number>((a, d) => a * (d as number), 1)) }]));
        const out = interpret(optimized.graph, { ...asFloat64(b), ...carried, "seed.loss": { shape: [], data: Float64Array.of(1) } }, params);
        const g = new Float64Array(p.length);
        for (const q of manifest.params) g.set(out[`grad.${q.name}`].data, q.offset);
        const norm = Math.sqrt(g.reduce((a, x) => a + x * x, 0));
        const scale = options.clip ? Math.min(1, options.clip / (norm + 1e-6)) : 1;
        referenceUpdate(options, step, p, g, m, v, scale, lr);
        carried = { h0: out.h_n, c0: out.c_n };
        const loss = await trainer.step(b, lr, true);
        expect(loss).toBeCloseTo(out.loss.data[0], 5);
      }
      await model.syncParams();
      expect(maxAbsError({ p: { shape: [p.length], data: model.params } }, { p: { shape: [p.length], data: p } })).toBeLessThan(2e-5);
      model.destroy();
    });
  }
});

describe("training and sampling with the runtime alone (as the browser test does in a page)", () => {
  test("a char-LSTM learns a repeated pattern, checkpoints, and samples it back", async () => {
    const corpus = "abcd abcd abcd dcba dcba ".repeat(40);
    const text = new CharText(corpus);
    const source = readFileSync("dsl-examples/char_lstm.cell", "utf8");
    const sizes = { V: text.vocab.length, E: 8, H: 16, L: 1 };
    const train = await Model.create(compile("char_lstm.cell", source, sizes, { gradients: true }).manifest);
    train.initParams(1);
    const losses: number[] = [];
    const checkpoints: number[] = [];
    const options = { steps: 40, batch: 4, seq: 16, lr: 0.02, minLr: 0.002, warmup: 2, optimizer: "adamw" as const, clip: 1, weightDecay: 0.01, momentum: 0.9, seed: 0, logEvery: 1, evalEvery: 20, evalBatches: 1, checkpointEvery: 20 };
    const result = await trainLanguageModel(train, text, options, {
      loss: (_, loss) => losses.push(loss),
      checkpoint: (step, weights, state) => {
        checkpoints.push(step);
        expect(Object.keys(weights).sort()).toEqual(train.manifest.params.map((p) => p.name).sort());
        expect(state.moments.data).toHaveLength(2 * train.manifest.parameterCount);
      },
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(0, 5))).toBeGreaterThan(1.4); // ln 5 = 1.61: guessing among five characters
    expect(mean(losses.slice(-5))).toBeLessThan(0.9);
    expect(result.validation).toBeLessThan(0.9);
    expect(checkpoints).toEqual([20, 40]);
    let sample = "";
    for await (const c of sampleText(train, text.vocab, "ab", { length: 20, temperature: 0.5, topK: 0, seed: 3 })) sample += c;
    expect(sample).toHaveLength(20);
    expect([...sample].every((c) => text.vocab.includes(c))).toBe(true);
    await expect(trainLanguageModel(train, new CharText("ab"), options)).rejects.toThrow(TrainingError);
  }, 60_000);

  test("a transformer (no state carried) trains on windows and samples past its position table", async () => {
    const text = new CharText("abcd abcd dcba dcba ".repeat(30));
    const source = readFileSync("dsl-examples/char_transformer.cell", "utf8");
    const sizes = { V: text.vocab.length, N: 2, D: 4, F: 16, P: 6 };
    const model = await Model.create(compile("char_transformer.cell", source, sizes, { gradients: true }).manifest);
    model.initParams(2);
    const options = { steps: 40, batch: 4, seq: 6, lr: 0.01, minLr: 0.001, warmup: 2, optimizer: "adamw" as const, clip: 1, weightDecay: 0.01, momentum: 0.9, seed: 1, logEvery: 1, evalEvery: 40, evalBatches: 2, checkpointEvery: 100 };
    const losses: number[] = [];
    const result = await trainLanguageModel(model, text, options, { loss: (_, loss) => losses.push(loss) });
    expect(result.validation).toBeLessThan(losses[0] * 0.85); // 1.61 -> 1.24 nats when written
    // A prompt longer than the 6 positions: each character reads the last 6 again.
    let sample = "";
    for await (const c of sampleText(model, text.vocab, "abcd abcd ", { length: 12, temperature: 0.5, topK: 0, seed: 3 })) sample += c;
    expect(sample).toHaveLength(12);
    expect([...sample].every((c) => text.vocab.includes(c))).toBe(true);
    model.destroy();
  }, 60_000);

  test("validation between steps leaves the training streams' state and the dropout masks as they were", async () => {
    const text = new CharText("the quick brown fox jumps over the lazy dog. ".repeat(30));
    const source = readFileSync("dsl-examples/char_lstm.cell", "utf8");
    const manifest = compile("char_lstm.cell", source, { V: text.vocab.length, E: 8, H: 12, L: 2 }, { gradients: true }).manifest;
    const options = { steps: 6, batch: 3, seq: 8, lr: 0.02, minLr: 0.002, warmup: 1, optimizer: "adamw" as const, clip: 1, weightDecay: 0.01, momentum: 0.9, seed: 5, logEvery: 1, evalBatches: 2, checkpointEvery: 100 };
    const lossesWith = async (evalEvery: number) => {
      const model = await Model.create(manifest);
      model.initParams(4);
      const losses: number[] = [];
      const validations: number[] = [];
      await trainLanguageModel(model, text, { ...options, evalEvery }, { loss: (_, l) => losses.push(l), validation: (_, v) => void validations.push(v) });
      model.destroy();
      return { losses, validations };
    };
    const quiet = await lossesWith(100);
    const busy = await lossesWith(1);
    expect(busy.validations).toHaveLength(6);
    expect(busy.validations.at(-1)).toBe(quiet.validations.at(-1));
    expect(busy.losses).toEqual(quiet.losses);
  }, 60_000);
});
