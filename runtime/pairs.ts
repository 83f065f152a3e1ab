// Training on (source, target) pairs, whatever the model makes of them (an encoder–decoder,
// a tagger): batches of B pairs drawn without replacement in a new seeded order each epoch,
// and the validation loss over whole batches. No file system here.
import type { NamedTensor } from "../format/safetensors.js";
import type { Model } from "./model.js";
import { Random } from "./random.js";
import type { Pair } from "./tasks/splits.js";
import { Trainer } from "./trainer.js";
import { runSteps, TrainingError, type RunResult, type TrainingHooks, type TrainingOptions } from "./training.js";

export type PairTrainingOptions = Omit<TrainingOptions, "seq">;

/** Integer ids as a model input. */
export const ids = (shape: number[], values: number[]): NamedTensor => ({ shape, data: Float32Array.from(values) });

/** Sequences of ids as [S, B], 0 past each one's end, and their lengths (at least 1: a step always runs). */
export function paddedIds(sequences: number[][], S = Math.max(1, ...sequences.map((s) => s.length))): { ids: NamedTensor; lengths: NamedTensor } {
  const B = sequences.length;
  const grid = new Array<number>(S * B).fill(0);
  sequences.forEach((e, b) => {
    if (e.length > S) throw new TrainingError(`a sequence of ${e.length} characters is longer than ${S}`);
    e.forEach((id, s) => (grid[s * B + b] = id));
  });
  return { ids: ids([S, B], grid), lengths: ids([B], sequences.map((e) => Math.max(1, e.length))) };
}

/**
 * Train `model` (compiled with gradients) on pairs, each batch made by `batchOf`; the caller
 * pads every batch to the same sizes, so one compilation serves them all.
 */
export async function trainOnPairs(
  model: Model,
  data: { train: Pair[]; validation: Pair[] },
  batchOf: (pairs: Pair[]) => Record<string, NamedTensor>,
  o: PairTrainingOptions,
  hooks: TrainingHooks = {},
  resume?: { step: number; moments: NamedTensor; seconds?: number },
): Promise<RunResult> {
  const B = o.batch;
  for (const [part, pairs] of [["training", data.train], ["validation", data.validation]] as const)
    if (pairs.length < B) throw new TrainingError(`the ${part} pairs (${pairs.length}) are fewer than one batch of ${B}; use a smaller --batch`);
  const trainer = new Trainer(model, { kind: o.optimizer, lr: o.lr, clip: o.clip, weightDecay: o.weightDecay, momentum: o.momentum, seed: o.seed });
  if (resume) trainer.optimizer.restore(resume.moments.data as Float32Array, resume.step);

  const perEpoch = Math.floor(data.train.length / B);
  let order: number[] = [];
  let orderEpoch = -1;
  const batchAt = (step: number) => {
    const epoch = Math.floor((step - 1) / perEpoch);
    if (epoch !== orderEpoch) [order, orderEpoch] = [shuffled(data.train.length, o.seed * 1_000_003 + epoch), epoch];
    const k = (step - 1) % perEpoch;
    return batchOf(order.slice(k * B, (k + 1) * B).map((i) => data.train[i]));
  };
  const evalBatches = Math.min(o.evalBatches ?? Infinity, Math.floor(data.validation.length / B));
  const evaluate = async () => {
    let total = 0;
    for (let k = 0; k < evalBatches; k++) total += (await model.run(batchOf(data.validation.slice(k * B, (k + 1) * B)))).loss.data[0];
    return total / evalBatches;
  };
  const snapshot = async (): Promise<[Record<string, NamedTensor>, Record<string, NamedTensor>]> => {
    await model.syncParams();
    return [model.stateDict(), { moments: { shape: [2, model.manifest.parameterCount], data: await trainer.optimizer.state() } }];
  };

  return runSteps(trainer, o, { step: resume?.step ?? 0, seconds: resume?.seconds ?? 0 }, hooks, { batch: batchAt, validate: evaluate, snapshot });
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
