// Generating text from a trained character model, in Node or a browser tab. A model that
// carries state (a recurrent model, or a transformer compiled to generate, whose state is its
// key and value caches) generates on the GPU, a block of characters per submission
// (generation.ts). A model without state reads the last window of text again for each
// character, as long as its positions allow, and draws each on the host.
import type { Model } from "./model.js";
import { generate, generatesOnGpu } from "./generation.js";
import { Random } from "./random.js";
import { CharText } from "./text.js";

export interface SamplingOptions {
  length: number; // characters to generate
  temperature: number; // below 1 sharper, above 1 more varied
  topK: number; // sample among the k likeliest only (0: all)
  seed: number;
  context?: number; // the most characters a model without state reads (default: its position table's rows)
}

/** The characters after `prompt`, as they are drawn. */
export async function* sampleText(model: Model, vocab: string[], prompt: string, o: SamplingOptions): AsyncGenerator<string> {
  const ids = new CharText("", vocab).encode(prompt);
  if (!ids.length) throw new Error("the prompt is empty; give at least one character");
  if (generatesOnGpu(model)) {
    for await (const block of generate(model, ids, o)) for (const id of block) yield vocab[id];
    return;
  }
  const rng = new Random(o.seed);
  const V = vocab.length;
  const window = Math.min(longestWindow(model), o.context ?? Infinity);
  let text = ids; // the prompt and every character since
  for (let n = 0; n < o.length; n++) {
    const tokens = text.slice(-window);
    const out = await model.run({ tokens: { shape: [tokens.length, 1], data: Float32Array.from(tokens) } });
    const logits = out.logits.data.subarray((tokens.length - 1) * V, tokens.length * V);
    const next = pick(logits, o.temperature, o.topK, rng);
    yield vocab[next];
    text = [...text.slice(Math.max(0, text.length + 1 - window)), next];
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
