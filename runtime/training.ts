// Training a character-level language model, in Node or a browser tab: batches from the text,
// one-submission steps, validation, and hooks at the moments a caller records something (the
// CLI writes its curve and checkpoints from them). No file system here.
import type { NamedTensor } from "../format/safetensors.js";
import type { Model } from "./model.js";
import type { OptimizerOptions } from "./optimizer.js";
import { batchAt, batchesPerEpoch, type CharText } from "./text.js";
import { Trainer, learningRate } from "./trainer.js";

/** The run cannot go on: a text too short, a loss that is no longer a number. */
export class TrainingError extends Error {}

export interface TrainingOptions {
  steps: number;
  batch: number; // B streams read side by side
  seq: number; // T characters per stream and step; the state carries on (truncated BPTT)
  lr: number;
  minLr: number;
  warmup: number;
  optimizer: OptimizerOptions["kind"];
  clip: number;
  weightDecay: number;
  momentum: number;
  seed: number; // dropout masks
  logEvery: number; // read the loss back every N steps
  evalEvery: number;
  evalBatches?: number; // default: the whole validation split
  checkpointEvery: number;
  /** A budget of training seconds (validation and checkpoints not counted): the run stops at the step that reaches it, and the decay follows the time used. */
  seconds?: number;
}

/** What a checkpoint holds beyond the weights: the optimizer's moments and the carried state. */
export type TrainingState = Record<string, NamedTensor>;

export interface TrainingHooks {
  // `seconds`: the training time so far (steps only: validation and checkpoints not counted).
  /** A training loss read back. */
  loss?: (step: number, loss: number, seconds: number) => void;
  /** A validation loss. */
  validation?: (step: number, loss: number, seconds: number) => void | Promise<void>;
  /** Every checkpointEvery steps and at the last: the weights and the state to resume from. */
  checkpoint?: (step: number, weights: Record<string, NamedTensor>, state: TrainingState, seconds: number) => void | Promise<void>;
  /** After every step. */
  progress?: (step: number, seconds: number) => void;
}

/** Why a model lacks what a kind of training feeds and reads (these inputs; 'loss' and 'logits' out), if it does. */
export function interfaceProblem(model: Pick<Model, "manifest">, inputs: string[], what: string, example: string): string | undefined {
  const names = model.manifest.inputs.map((i) => i.name);
  const outs = model.manifest.outputs.map((o) => o.name);
  if (inputs.every((n) => names.includes(n)) && outs.includes("loss") && outs.includes("logits")) return undefined;
  return `${what} needs inputs ${inputs.map((n) => `'${n}'`).join(", ")} and outputs 'loss' and 'logits' (see ${example})`;
}

/** Why a model cannot be trained as a language model, if it cannot. */
export const languageModelProblem = (model: Pick<Model, "manifest">) => interfaceProblem(model, ["tokens", "targets"], "a language model", "dsl-examples/char_lstm.cell");

/**
 * Train `model` (compiled with gradients) on `text`: its train_step entry trains, its forward
 * entry measures the validation loss, over the same parameters. The weights are whatever the
 * model holds (initialised or loaded by the caller); `resume` continues a run after `resume.step`.
 */
export async function trainLanguageModel(
  model: Model,
  text: CharText,
  o: TrainingOptions,
  hooks: TrainingHooks = {},
  resume?: { step: number; state: TrainingState; seconds?: number },
): Promise<RunResult> {
  const problem = languageModelProblem(model);
  if (problem) throw new TrainingError(problem);
  const [T, B] = [o.seq, o.batch];
  const trainIds = text.split("train");
  const validationIds = text.split("validation");
  for (const [part, ids] of [["training", trainIds], ["validation", validationIds]] as const)
    if (batchesPerEpoch(ids, T, B) < 1)
      throw new TrainingError(`the ${part} part of the text (${ids.length} characters${part === "validation" ? ", the last 10%" : ""}) is too short for one batch of ${B} streams of ${T} characters; use a smaller batch or seq (--batch, --seq), or a longer text`);
  const evalBatches = o.evalBatches ?? Math.max(1, batchesPerEpoch(validationIds, T, B));
  const trainer = new Trainer(model, { kind: o.optimizer, lr: o.lr, clip: o.clip, weightDecay: o.weightDecay, momentum: o.momentum, seed: o.seed });
  const carry = trainer.carry;
  let carried: TrainingState = {};
  if (resume) {
    const { moments, ...rest } = resume.state;
    trainer.optimizer.restore(moments.data as Float32Array, resume.step);
    carried = rest;
  }

  // Validation runs the forward entry on the training workspace: the training streams' state
  // is read out before it and given back to the next step.
  const evaluate = async () => {
    carried = { ...(await trainer.carriedState()), ...carried };
    let total = 0;
    let state: Record<string, NamedTensor> = {};
    for (let k = 0; k < evalBatches; k++) {
      const out = await model.run({ ...batchAt(validationIds, k, T, B).batch, ...state });
      total += out.loss.data[0];
      state = Object.fromEntries(carry.map(([from, to]) => [to, out[from]]));
    }
    return total / evalBatches;
  };
  const snapshot = async (): Promise<[Record<string, NamedTensor>, TrainingState]> => {
    await model.syncParams();
    const state: TrainingState = { moments: { shape: [2, model.manifest.parameterCount], data: await trainer.optimizer.state() } };
    const now = Object.keys(carried).length ? carried : await trainer.carriedState();
    for (const [, to] of carry) if (now[to]) state[to] = now[to];
    return [model.stateDict(), state];
  };

  return runSteps(trainer, o, { step: resume?.step ?? 0, seconds: resume?.seconds ?? 0 }, hooks, {
    batch: (step) => {
      const { batch, startsEpoch } = batchAt(trainIds, step - 1, T, B);
      if (startsEpoch) trainer.resetState();
      const inputs = startsEpoch ? batch : { ...batch, ...carried };
      carried = {};
      return inputs;
    },
    validate: evaluate,
    snapshot,
  });
}

/** Where a run ended: its last step, its losses there, and its training seconds. */
export interface RunResult {
  step: number;
  loss?: number;
  validation?: number;
  seconds: number;
}

/**
 * The loop every kind of training shares: steps from `done.step + 1` to `o.steps` (or until
 * `o.seconds` of training) on the warm-up + cosine schedule, the loss read back every logEvery
 * steps (and refused once it is not a number), validation every evalEvery, a checkpoint every
 * checkpointEvery, each at the last step too.
 */
export async function runSteps(
  trainer: Trainer,
  o: Omit<TrainingOptions, "seq" | "batch">,
  done: { step: number; seconds: number },
  hooks: TrainingHooks,
  run: {
    batch: (step: number) => Record<string, NamedTensor>;
    validate: () => Promise<number>;
    snapshot: () => Promise<[Record<string, NamedTensor>, TrainingState]>;
  },
): Promise<RunResult> {
  let loss: number | undefined;
  let validation: number | undefined;
  let seconds = done.seconds;
  let step = done.step;
  const budget = o.seconds ?? Infinity;
  while (step < o.steps && seconds < budget) {
    step++;
    const started = performance.now();
    const rate = learningRate(step, { lr: o.lr, warmup: o.warmup, total: o.steps, minLr: o.minLr }, seconds / budget);
    // Reading the loss back waits for the GPU; under a time budget every step does, so the
    // time counted is the step's own.
    const readLoss = step % o.logEvery === 0 || step === o.steps || o.seconds !== undefined;
    const read = await trainer.step(run.batch(step), rate, readLoss);
    seconds += (performance.now() - started) / 1000;
    const ends = step === o.steps || seconds >= budget;
    if (read !== undefined) {
      if (!Number.isFinite(read)) throw new TrainingError(`the loss became ${read} at step ${step}; lower the learning rate (--lr) or clip the gradient norm (--clip)`);
      loss = read;
      if (step % o.logEvery === 0 || ends) hooks.loss?.(step, read, seconds);
    }
    if (step % o.evalEvery === 0 || ends) {
      validation = await run.validate();
      await hooks.validation?.(step, validation, seconds);
    }
    if (hooks.checkpoint && (step % o.checkpointEvery === 0 || ends)) await hooks.checkpoint(step, ...(await run.snapshot()), seconds);
    hooks.progress?.(step, seconds);
  }
  return { step, loss, validation, seconds };
}
