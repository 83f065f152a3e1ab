// Generating text from a trained character model, in Node or a browser tab. A recurrent model
// runs the prompt once, then each sampled character is fed back with the carried state; a
// model without state (a transformer) reads the last window of text again for each character,
// as long as its positions allow.
import type { NamedTensor } from "../format/safetensors.js";
import type { Model } from "./model.js";
import { Random } from "./random.js";
import { CharText } from "./text.js";
import { carriedPairs } from "./trainer.js";

export interface SamplingOptions {
  length: number; // characters to generate
  temperature: number; // below 1 sharper, above 1 more varied
  topK: number; // sample among the k likeliest only (0: all)
  seed: number;
}

/** The characters after `prompt`, one at a time as they are drawn. */
export async function* sampleText(model: Model, vocab: string[], prompt: string, o: SamplingOptions): AsyncGenerator<string> {
  const ids = new CharText("", vocab).encode(prompt);
  if (!ids.length) throw new Error("the prompt is empty; give at least one character");
  const rng = new Random(o.seed);
  const carry = carriedPairs(model.manifest);
  const V = vocab.length;
  let state: Record<string, NamedTensor> = {};
  const window = carry.length ? Infinity : longestWindow(model);
  let text = ids; // what a model without state reads: the prompt and every character since
  let tokens = text.slice(-window);
  for (let n = 0; n < o.length; n++) {
    const out = await model.run({ tokens: { shape: [tokens.length, 1], data: Float32Array.from(tokens) }, ...state });
    state = Object.fromEntries(carry.map(([from, to]) => [to, out[from]]));
    const logits = out.logits.data.subarray((tokens.length - 1) * V, tokens.length * V);
    const next = pick(logits, o.temperature, o.topK, rng);
    yield vocab[next];
    text = carry.length ? [] : [...text.slice(Math.max(0, text.length + 1 - window)), next];
    tokens = carry.length ? [next] : text;
  }
}

/** The most steps the model reads at once: its position table's rows, or no limit. */
function longestWindow(model: Model): number {
  const steps = model.manifest.inputs.find((i) => i.name === "tokens")?.shape[0];
  const limits = (model.manifest.sizeLimits ?? []).filter((l) => l.size === steps).map((l) => l.max);
  return Math.min(Infinity, ...limits);
}

/** Sample from softmax(logits / temperature), keeping only the top k when k > 0. */
export function pick(logits: ArrayLike<number>, temperature: number, topK: number, rng: Random): number {
  const order = [...Array(logits.length).keys()].sort((a, b) => logits[b] - logits[a]);
  const kept = topK > 0 ? order.slice(0, topK) : order;
  const max = logits[kept[0]];
  const weights = kept.map((i) => Math.exp((logits[i] - max) / temperature));
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < kept.length; j++) if ((r -= weights[j]) <= 0) return kept[j];
  return kept[kept.length - 1];
}
