// Generation: a model compiled to generate (cacheForGeneration.ts) run a few positions at a time
// gives the logits the whole model gives over the whole text, in the interpreter and on the GPU;
// the GPU generation loop (runtime/generation.ts) draws what the host would draw from them.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { compile, GenerationError } from "../../compiler/compile.js";
import { interpret } from "../../compiler/ir/interpret.js";
import type { Tensor } from "../../compiler/ir/ops/row.js";
import type { Manifest } from "../../format/manifest.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { generate } from "../../runtime/generation.js";
import { Model } from "../../runtime/model.js";
import { carriedPairs } from "../../runtime/trainer.js";

const source = readFileSync("dsl-examples/char_transformer.cell", "utf8");
const lstmSource = readFileSync("dsl-examples/char_lstm.cell", "utf8");
const generation = { generation: { outputs: ["logits"] } };
const models: Model[] = [];
afterAll(() => models.forEach((m) => m.destroy()));

async function load(manifest: Manifest, weights?: Record<string, NamedTensor>): Promise<Model> {
  const model = await Model.create(manifest);
  models.push(model);
  if (weights) model.loadWeights(weights);
  else model.initParams(5);
  return model;
}

const f64 = (t: NamedTensor): Tensor => ({ shape: t.shape, data: Float64Array.from(t.data) });
const ids = (values: number[], B: number): NamedTensor => ({ shape: [values.length / B, B], data: Float32Array.from(values) });

/** Zeros for every state input, the cache `capacity` positions long. */
function emptyState(manifest: Manifest, B: number, capacity: number): Record<string, NamedTensor> {
  const sizes: Record<string, number> = { B, context: capacity };
  const out: Record<string, NamedTensor> = {};
  for (const i of manifest.inputs.filter((i) => i.role === "state")) {
    const shape = i.shape.map((d) => (typeof d === "number" ? d : sizes[d]));
    out[i.name] = { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) };
  }
  return out;
}

// Sizes the example was not written for: one head of width 1, an MLP of width 1, batch 2.
const cases = [
  { sizes: { V: 7, N: 2, D: 4, F: 16, P: 12 }, B: 1, chunks: [4, 1, 1, 3, 1, 1] },
  { sizes: { V: 5, N: 1, D: 1, F: 1, P: 9 }, B: 2, chunks: [1, 1, 5, 1, 1] },
];

describe("a transformer compiled to generate, run a few positions at a time, gives the whole model's logits", () => {
  for (const c of cases) {
    const name = Object.entries(c.sizes).map(([k, v]) => `${k}=${v}`).join(" ") + ` B=${c.B}`;
    const T = c.chunks.reduce((a, b) => a + b, 0);
    const V = c.sizes.V;
    const tokens = Array.from({ length: T * c.B }, (_, i) => (i * 5 + 2) % V);
    const full = compile("char_transformer.cell", source, c.sizes);
    const cached = compile("char_transformer.cell", source, c.sizes, generation);

    test(`${name}: on the GPU`, async () => {
      const whole = await load(full.manifest);
      const gen = await load(cached.manifest, whole.stateDict());
      const expected = (await whole.run({ tokens: ids(tokens, c.B) })).logits.data;
      let state = emptyState(cached.manifest, c.B, c.sizes.P); // longer than the text: its tail stays masked
      let at = 0;
      for (const n of c.chunks) {
        const out = await gen.run({ tokens: ids(tokens.slice(at * c.B, (at + n) * c.B), c.B), ...state });
        const rows = expected.subarray(at * c.B * V, (at + n) * c.B * V);
        const worst = Math.max(...Array.from(rows, (v, i) => Math.abs(v - out.logits.data[i])));
        expect(worst, `positions ${at}..${at + n - 1}`).toBeLessThan(1e-5);
        expect(out["position.next"].data[0]).toBe(at + n);
        state = Object.fromEntries(carriedPairs(cached.manifest).map(([from, to]) => [to, out[from]]));
        at += n;
      }
    });

    test(`${name}: in the interpreter (float64)`, async () => {
      const weights = Object.fromEntries(Object.entries((await load(full.manifest)).stateDict()).map(([k, v]) => [k, f64(v)]));
      const expected = interpret(full.optimized.graph, { tokens: f64(ids(tokens, c.B)) }, weights).logits.data;
      let state = Object.fromEntries(Object.entries(emptyState(cached.manifest, c.B, T)).map(([k, v]) => [k, f64(v)]));
      let at = 0;
      for (const n of c.chunks) {
        const out = interpret(cached.optimized.graph, { tokens: f64(ids(tokens.slice(at * c.B, (at + n) * c.B), c.B)), ...state }, weights);
        const rows = expected.subarray(at * c.B * V, (at + n) * c.B * V);
        expect(Math.max(...Array.from(rows, (v, i) => Math.abs(v - out.logits.data[i])))).toBeLessThan(1e-12);
        state = Object.fromEntries(carriedPairs(cached.manifest).map(([from, to]) => [to, out[from]]));
        at += n;
      }
    });
  }
});

describe("generation on the GPU", () => {
  /** The greedy continuation, drawn on the host from runs of the whole window each time. */
  async function greedy(model: Model, prompt: number[], length: number, window: number): Promise<number[]> {
    const text = [...prompt];
    const V = Number(model.manifest.outputs.find((o) => o.name === "logits")!.shape.at(-1));
    for (let n = 0; n < length; n++) {
      const tokens = text.slice(-window);
      const logits = (await model.run({ tokens: ids(tokens, 1) })).logits.data.subarray((tokens.length - 1) * V);
      text.push(logits.indexOf(Math.max(...logits)));
    }
    return text.slice(prompt.length);
  }
  const drawAll = async (model: Model, prompt: number[], o: Parameters<typeof generate>[2], stats?: { dispatchesPerToken: number }) => {
    const out: number[] = [];
    for await (const block of generate(model, prompt, o, stats)) out.push(...block);
    return out;
  };

  test("a transformer with its cache draws, with top-k 1, the whole model's greedy text; a seed draws the same text in blocks of any size", async () => {
    const sizes = { V: 11, N: 2, D: 4, F: 8, P: 40 };
    const whole = await load(compile("char_transformer.cell", source, sizes).manifest);
    const gen = await load(compile("char_transformer.cell", source, sizes, generation).manifest, whole.stateDict());
    const prompt = [3, 1, 4, 1, 5];
    const stats = { dispatchesPerToken: 0 };
    expect(await drawAll(gen, prompt, { length: 30, temperature: 1, topK: 1, seed: 1, block: 8 }, stats)).toEqual(await greedy(whole, prompt, 30, 40));
    expect(stats.dispatchesPerToken).toBeGreaterThan(gen.dispatchCount());
    // A context of 8: the same greedy text while the 8 positions last, then from the last 4 again.
    const short = await drawAll(gen, prompt, { length: 20, temperature: 1, topK: 1, seed: 1, block: 8, context: 8 });
    expect(short).toHaveLength(20);
    expect(short.slice(0, 4)).toEqual((await greedy(whole, prompt, 30, 40)).slice(0, 4));
    // Full after the prompt and 3 tokens: the next 4 continue the last 4 read again.
    expect(short.slice(4, 8)).toEqual(await greedy(whole, short.slice(0, 4), 4, 40));
    // Sampled: the same seed gives the same text whatever the block size, past the 40 positions
    // too (the cache is read again from its last half), and another seed another text.
    const sampled = await drawAll(gen, prompt, { length: 70, temperature: 1.5, topK: 0, seed: 9, block: 16 });
    expect(sampled).toHaveLength(70);
    expect(await drawAll(gen, prompt, { length: 70, temperature: 1.5, topK: 0, seed: 9, block: 5 })).toEqual(sampled);
    expect(await drawAll(gen, prompt, { length: 70, temperature: 1.5, topK: 0, seed: 10, block: 16 })).not.toEqual(sampled);
    expect(new Set(sampled).size).toBeGreaterThan(3); // near-uniform logits at temperature 1.5: many characters
    // Top-k 2: every token is one of the two likeliest after the text before it.
    const top2 = await drawAll(gen, prompt, { length: 12, temperature: 1, topK: 2, seed: 4 });
    const text = [...prompt];
    for (const t of top2) {
      const logits = [...(await whole.run({ tokens: ids(text, 1) })).logits.data.subarray((text.length - 1) * 11)];
      const ranked = [...logits].sort((a, b) => b - a);
      expect(logits[t]).toBeGreaterThanOrEqual(ranked[1]);
      text.push(t);
    }
  });

  test("an LSTM carries its state on the GPU: top-k 1 draws the greedy text", async () => {
    const sizes = { V: 9, E: 4, H: 6, L: 2 };
    const model = await load(compile("char_lstm.cell", lstmSource, sizes).manifest);
    const prompt = [2, 7, 1, 8];
    // Greedy on the host, the state carried through the host.
    const expected: number[] = [];
    let out = await model.run({ tokens: ids(prompt, 1) });
    for (let n = 0; n < 25; n++) {
      const logits = out.logits.data.subarray(out.logits.data.length - 9);
      const next = logits.indexOf(Math.max(...logits));
      expected.push(next);
      out = await model.run({ tokens: ids([next], 1), h0: out.h_n, c0: out.c_n });
    }
    expect(await drawAll(model, prompt, { length: 25, temperature: 1, topK: 1, seed: 1, block: 7 })).toEqual(expected);
  });
});

describe("a model that cannot generate a position at a time says why", () => {
  const attend = (mask: string) => `
size V = 5
size D = 4
size T, B
cell attend(q [D], k [S, D] whole) -> out {
  out = softmax(k @ q${mask}) @ k
}
model {
  input tokens [T, B] int
  param embedding [V, D] init normal(0, 1)
  x = embedding(embedding, tokens)
  a = attend(x, x)
  logits = embedding @ a
  output logits
}`;
  test("attention without a causal mask reads later positions", () => {
    expect(() => compile("encoder.cell", attend(""), {}, generation)).toThrow(GenerationError);
    expect(() => compile("encoder.cell", attend(""), {}, generation)).toThrow(/reads a whole sequence without causal_mask/);
    expect(() => compile("decoder.cell", attend(", mask=causal_mask(S)"), {}, generation)).not.toThrow();
  });
  test("a mean over all positions outside a loop reads later positions", () => {
    const pooled = attend(", mask=causal_mask(S)").replace("logits = embedding @ a", "logits = embedding @ (a + mean(x))");
    expect(() => compile("pooled.cell", pooled, {}, generation)).toThrow(/line 13 combines all positions outside a loop/);
  });
});
