// Character transduction with an encoder–decoder (dsl-examples/seq2seq_attention.cell): the
// vocabularies and padded batches of (source, target) pairs, a training loop, and decoding,
// greedy or by beam search, in Node or a browser tab. No file system here.
import type { NamedTensor } from "../format/safetensors.js";
import type { Model } from "./model.js";
import { ids, paddedIds, trainOnPairs, type PairTrainingOptions } from "./pairs.js";
import type { Pair } from "./tasks/splits.js";
import { interfaceProblem, TrainingError, type RunResult, type TrainingHooks } from "./training.js";

// Reserved ids. Sources: 0 pads (never read: `lengths=` stops there). Targets: the decoder's
// first input is START; END follows every target and pads past it (the loss counts it once).
const PAD = "\u0000";
const START = "\u0002";
const END = "\u0003";

/** The source and target characters, each with its reserved symbols first. */
export class PairVocab {
  private readonly sourceIds: Map<string, number>;
  private readonly targetIds: Map<string, number>;

  constructor(
    readonly source: string[],
    readonly target: string[],
  ) {
    if (source[0] !== PAD || target[0] !== START || target[1] !== END) throw new Error("not a pair vocabulary: its reserved symbols are missing");
    this.sourceIds = new Map(source.map((c, i) => [c, i]));
    this.targetIds = new Map(target.map((c, i) => [c, i]));
  }

  /** Every character of the pairs, sorted, after the reserved symbols. */
  static of(pairs: Pair[]): PairVocab {
    const chars = (texts: string[]) => [...new Set(texts.flatMap((t) => [...t]))].sort();
    return new PairVocab([PAD, ...chars(pairs.map((p) => p.source))], [START, END, ...chars(pairs.map((p) => p.target))]);
  }

  static readonly end = 1;
  static readonly start = 0;

  encodeSource(text: string): number[] {
    return [...text].map((c) => {
      const id = this.sourceIds.get(c);
      if (id === undefined || id === 0) throw new TrainingError(`the character ${JSON.stringify(c)} is not in the source vocabulary (${this.source.length - 1} characters seen in training)`);
      return id;
    });
  }

  encodeTarget(text: string): number[] {
    return [...text].map((c) => {
      const id = this.targetIds.get(c);
      if (id === undefined || id < 2) throw new TrainingError(`the character ${JSON.stringify(c)} is not in the target vocabulary`);
      return id;
    });
  }

  decodeTarget(ids: number[]): string {
    return ids.map((id) => this.target[id]).join("");
  }
}

/** Sources as the encoder reads them: [S, B] ids padded past each length, S the longest. */
export function sourceBatch(vocab: PairVocab, sources: string[], S?: number) {
  const { ids, lengths } = paddedIds(sources.map((s) => vocab.encodeSource(s)), S);
  return { source: ids, source_lengths: lengths };
}

/**
 * A teacher-forced batch: decoder inputs START t1 .. tn, targets t1 .. tn END, END past them;
 * target_lengths n + 1. T is the longest target plus one.
 */
export function pairBatch(vocab: PairVocab, pairs: Pair[], S?: number, T?: number): Record<string, NamedTensor> {
  const targets = pairs.map((p) => vocab.encodeTarget(p.target));
  const steps = T ?? Math.max(...targets.map((t) => t.length)) + 1;
  const B = pairs.length;
  const inputs = new Array<number>(steps * B).fill(PairVocab.end);
  const next = new Array<number>(steps * B).fill(PairVocab.end);
  targets.forEach((t, b) => {
    if (t.length + 1 > steps) throw new TrainingError(`a target of ${t.length} characters is longer than ${steps - 1}`);
    inputs[b] = PairVocab.start;
    t.forEach((id, k) => {
      if (k + 1 < steps) inputs[(k + 1) * B + b] = id;
      next[k * B + b] = id;
    });
  });
  return {
    ...sourceBatch(vocab, pairs.map((p) => p.source), S),
    decoder_inputs: ids([steps, B], inputs),
    targets: ids([steps, B], next),
    target_lengths: ids([B], targets.map((t) => t.length + 1)),
  };
}

/** Why a model cannot be trained on pairs, if it cannot. */
export const translationProblem = (model: Model) =>
  interfaceProblem(model, ["source", "source_lengths", "decoder_inputs", "targets", "target_lengths"], "an encoder–decoder", "dsl-examples/seq2seq_attention.cell");

/**
 * Train `model` (compiled with gradients) on pairs (runtime/pairs.ts). Sources are padded to
 * the longest of all the pairs, targets likewise, so every step has the same sizes.
 */
export async function trainTranslation(
  model: Model,
  data: { train: Pair[]; validation: Pair[] },
  vocab: PairVocab,
  o: PairTrainingOptions,
  hooks: TrainingHooks = {},
  resume?: { step: number; moments: NamedTensor; seconds?: number },
): Promise<RunResult> {
  const problem = translationProblem(model);
  if (problem) throw new TrainingError(problem);
  const all = [...data.train, ...data.validation];
  const S = Math.max(...all.map((p) => [...p.source].length));
  const T = Math.max(...all.map((p) => [...p.target].length)) + 1;
  return trainOnPairs(model, data, (pairs) => pairBatch(vocab, pairs, S, T), o, hooks, resume);
}

export interface DecodeOptions {
  /** Hypotheses kept per source: 1 is greedy. */
  beam: number;
  /** The most characters decoded (the end symbol not counted). */
  maxLength: number;
  /** Beam scores are log-probabilities over ((5 + length) / 6)^α (GNMT's length normalisation); 0 turns it off. */
  lengthPenalty: number;
}

export interface Decoded {
  text: string;
  /** The normalised log-probability of the text and its end symbol. */
  score: number;
  /** Per decoded character (and the end), the attention over the source characters, when the model outputs `alpha`. */
  attention?: number[][];
  /** Forward runs (each one submission and one read-back) the decoding took for its whole batch. */
  runs: number;
}

/**
 * Decode each source. Every step runs the model's forward entry once for all sources and
 * hypotheses (the encoder included) and reads the last step's logits back: one host round
 * trip per decoded character, whatever the batch.
 */
export async function translate(model: Model, vocab: PairVocab, sources: string[], o: DecodeOptions): Promise<Decoded[]> {
  const K = Math.max(1, o.beam);
  const W = vocab.target.length;
  const N = sources.length;
  const normalised = (score: number, length: number) => (o.lengthPenalty > 0 ? score / ((5 + length) / 6) ** o.lengthPenalty : score);
  interface Hypothesis {
    ids: number[]; // after START; ends with END once finished
    score: number;
    done: boolean;
    attention: number[][];
  }
  // Rows: source n's hypotheses at n*K .. n*K + K - 1 (a source's own encoding repeated).
  let beams: Hypothesis[][] = sources.map(() => [{ ids: [], score: 0, done: false, attention: [] }]);
  const encoded = sourceBatch(vocab, sources.flatMap((s) => Array<string>(K).fill(s)));
  const S = encoded.source.shape[0];
  let runs = 0;
  for (let k = 0; k <= o.maxLength && beams.some((b) => b.some((h) => !h.done)); k++) {
    const steps = k + 1;
    const rows = N * K;
    const inputs = new Array<number>(steps * rows).fill(PairVocab.end);
    beams.forEach((b, n) =>
      b.forEach((h, j) => {
        const row = n * K + j;
        inputs[row] = PairVocab.start;
        h.ids.slice(0, k).forEach((id, t) => (inputs[(t + 1) * rows + row] = id));
      }),
    );
    const out = await model.run({ ...encoded, decoder_inputs: ids([steps, rows], inputs), target_lengths: ids([rows], Array(rows).fill(steps)) });
    runs++;
    const logits = out.logits.data;
    const last = (row: number) => logSoftmax(logits.subarray((k * rows + row) * W, (k * rows + row + 1) * W));
    const attentionAt = (row: number) => (out.alpha ? Array.from(out.alpha.data.subarray((k * rows + row) * S, (k * rows + row) * S + S)) : []);
    beams = beams.map((b, n) => {
      const candidates: Hypothesis[] = [];
      b.forEach((h, j) => {
        if (h.done) return candidates.push(h);
        const lp = last(n * K + j);
        const attention = [...h.attention, attentionAt(n * K + j)];
        for (let w = 1; w < W; w++) candidates.push({ ids: [...h.ids, w], score: h.score + lp[w], done: w === PairVocab.end || k === o.maxLength, attention });
      });
      return candidates.sort((a, c) => normalised(c.score, c.ids.length) - normalised(a.score, a.ids.length)).slice(0, K);
    });
  }
  return beams.map((b, n) => {
    const best = b[0];
    const text = best.ids.filter((id) => id !== PairVocab.end);
    const length = [...sources[n]].length;
    const attention = noneRead(best.attention) ? undefined : best.attention.map((row) => row.slice(0, length));
    return { text: vocab.decodeTarget(text), score: normalised(best.score, best.ids.length), ...(attention ? { attention } : {}), runs };
  });
}

/** No attention was read (the model has no `alpha` output). */
const noneRead = (rows: number[][]) => rows.every((r) => r.length === 0);

function logSoftmax(x: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) max = Math.max(max, x[i]);
  let total = 0;
  for (let i = 0; i < x.length; i++) total += Math.exp(x[i] - max);
  const lse = max + Math.log(total);
  return Float64Array.from(x, (v) => v - lse);
}
