// Character transduction with an encoder–decoder (dsl-examples/seq2seq_attention.cell): the
// vocabularies and padded batches of (source, target) pairs, a training loop, and decoding,
// greedy or by beam search, in Node or a browser tab. No file system here.
import type { NamedTensor } from "../format/safetensors.js";
import type { Model } from "./model.js";
import { Random } from "./random.js";
import { Trainer } from "./trainer.js";
import { runSteps, TrainingError, type TrainingHooks, type TrainingOptions } from "./training.js";

export interface Pair {
  source: string;
  target: string;
}

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

const ids = (shape: number[], values: number[]): NamedTensor => ({ shape, data: Float32Array.from(values) });

/** Sources as the encoder reads them: [S, B] ids padded past each length, S the longest. */
export function sourceBatch(vocab: PairVocab, sources: string[], S = Math.max(1, ...sources.map((s) => [...s].length))) {
  const encoded = sources.map((s) => vocab.encodeSource(s));
  const B = sources.length;
  const grid = new Array<number>(S * B).fill(0);
  encoded.forEach((e, b) => {
    if (e.length > S) throw new TrainingError(`a source of ${e.length} characters is longer than ${S}`);
    e.forEach((id, s) => (grid[s * B + b] = id));
  });
  return { source: ids([S, B], grid), source_lengths: ids([B], encoded.map((e) => Math.max(1, e.length))) };
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
export function translationProblem(model: Model): string | undefined {
  const names = model.manifest.inputs.map((i) => i.name);
  const outs = model.manifest.outputs.map((o) => o.name);
  const needed = ["source", "source_lengths", "decoder_inputs", "targets", "target_lengths"];
  if (!needed.every((n) => names.includes(n)) || !outs.includes("loss") || !outs.includes("logits"))
    return `an encoder–decoder needs inputs ${needed.join(", ")} and outputs 'loss' and 'logits' (see dsl-examples/seq2seq_attention.cell)`;
  return undefined;
}

export type PairTrainingOptions = Omit<TrainingOptions, "seq">;

/**
 * Train `model` (compiled with gradients) on pairs: batches of B pairs drawn without
 * replacement, in a new seeded order each epoch; the validation loss over every whole batch
 * of the validation pairs. Sources are padded to the longest of all the pairs, so every step
 * has the same sizes.
 */
export async function trainTranslation(
  model: Model,
  data: { train: Pair[]; validation: Pair[] },
  vocab: PairVocab,
  o: PairTrainingOptions,
  hooks: TrainingHooks = {},
  resume?: { step: number; moments: NamedTensor },
): Promise<{ loss?: number; validation?: number }> {
  const problem = translationProblem(model);
  if (problem) throw new TrainingError(problem);
  const B = o.batch;
  for (const [part, pairs] of [["training", data.train], ["validation", data.validation]] as const)
    if (pairs.length < B) throw new TrainingError(`the ${part} pairs (${pairs.length}) are fewer than one batch of ${B}; use a smaller --batch`);
  const all = [...data.train, ...data.validation];
  const S = Math.max(...all.map((p) => [...p.source].length));
  const T = Math.max(...all.map((p) => [...p.target].length)) + 1;
  const trainer = new Trainer(model, { kind: o.optimizer, lr: o.lr, clip: o.clip, weightDecay: o.weightDecay, momentum: o.momentum, seed: o.seed });
  if (resume) trainer.optimizer.restore(resume.moments.data as Float32Array, resume.step);

  const perEpoch = Math.floor(data.train.length / B);
  let order: number[] = [];
  let orderEpoch = -1;
  const batchAt = (step: number) => {
    const epoch = Math.floor((step - 1) / perEpoch);
    if (epoch !== orderEpoch) [order, orderEpoch] = [shuffled(data.train.length, o.seed * 1_000_003 + epoch), epoch];
    const k = (step - 1) % perEpoch;
    return pairBatch(vocab, order.slice(k * B, (k + 1) * B).map((i) => data.train[i]), S, T);
  };
  const evalBatches = Math.min(o.evalBatches ?? Infinity, Math.floor(data.validation.length / B));
  const evaluate = async () => {
    let total = 0;
    for (let k = 0; k < evalBatches; k++) total += (await model.run(pairBatch(vocab, data.validation.slice(k * B, (k + 1) * B), S, T))).loss.data[0];
    return total / evalBatches;
  };
  const snapshot = async (): Promise<[Record<string, NamedTensor>, Record<string, NamedTensor>]> => {
    await model.syncParams();
    return [model.stateDict(), { moments: { shape: [2, model.manifest.parameterCount], data: await trainer.optimizer.state() } }];
  };

  return runSteps(trainer, o, resume?.step ?? 0, hooks, { batch: batchAt, validate: evaluate, snapshot });
}

/** 0 .. n-1 in a seeded random order (Fisher–Yates). */
function shuffled(n: number, seed: number): number[] {
  const rng = new Random(seed);
  const out = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
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
