// `rnnc train` on a TSV of (source, target) pairs: the files, the run folder, checkpoints,
// the curve and the progress bar around the runtime's pair training. What the pairs mean
// (an encoder–decoder's translations, a tagger's tags) is the task's: translation.ts, tagging.ts.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { NamedTensor } from "../../format/safetensors.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import type { OptimizerOptions } from "../../runtime/optimizer.js";
import type { PairTrainingOptions } from "../../runtime/pairs.js";
import type { Pair } from "../../runtime/tasks/splits.js";
import { TrainingError, type RunResult, type TrainingHooks } from "../../runtime/training.js";
import { loadCheckpoint, saveCheckpoint, type CheckpointInfo } from "./checkpoint.js";
import { parse } from "../frontend/syntax/parse.js";
import { CliError, readText } from "./files.js";
import { LossCurve } from "./lossCurve.js";
import type { Report } from "./report.js";
import { openRunFolder } from "./runFolder.js";
import { activationsOption, compileFor, Progress, recordingHooks, runOptions, sizeOverrides, type Options } from "./train.js";

type Data = { train: Pair[]; validation: Pair[] };

/** What a kind of pair model makes of its pairs, for training it. */
export interface PairTask<V> {
  /** "an encoder–decoder" */
  noun: string;
  /** The sizes rnnc sets from the data, with what each counts. */
  fromData: { sizes: [string, string][]; data: string };
  vocabOf(pairs: Pair[]): V;
  /** The vocabulary a checkpoint saved; undefined when the run is of another kind. */
  restore(info: CheckpointInfo): V | undefined;
  /** The sizes the vocabulary sets, and the words that describe it. */
  sizes(vocab: V): Record<string, number>;
  describe(vocab: V): string;
  /** The checkpoint's record of the vocabulary. */
  saved(vocab: V): Pick<CheckpointInfo, "vocab" | "targetVocab" | "tags">;
  problem(model: Model): string | undefined;
  train(model: Model, data: Data, vocab: V, o: PairTrainingOptions, hooks: TrainingHooks, resume?: { step: number; moments: NamedTensor; seconds?: number }): Promise<RunResult>;
}

/** Whether a model file declares an input of this name (a file that does not parse says so when it compiles). */
export function readsInput(modelPath: string, name: string): boolean {
  const program = parse(readText(modelPath, "model file")).program;
  return !!program?.models.some((m) => m.body.some((s) => s.kind === "input" && s.name.text === name));
}

/** A trained run of the task's kind: its model compiled to run forward, with the run's weights, and its vocabulary. */
export async function loadTrained<V>(modelPath: string, task: PairTask<V>, dir: string | undefined): Promise<{ model: Model; vocab: V }> {
  if (!dir) throw new CliError("missing the trained run: --checkpoint RUN_DIR");
  const { info, weights } = loadCheckpoint(dir);
  const vocab = task.restore(info);
  if (!vocab) throw new CliError(`the run in '${dir}' is not ${task.noun}; a language model samples with rnnc sample, an encoder–decoder translates with rnnc translate, a tagger tags with rnnc tag`, 1);
  const model = await Model.create(compileFor(modelPath, info.sizes, false, "save", task.fromData));
  const problem = task.problem(model);
  if (problem) throw new CliError(`${modelPath} is not ${task.noun}: ${problem}`, 1);
  model.loadWeights(weights);
  return { model, vocab };
}

/** `source<TAB>target` lines; blank lines are skipped, anything else is refused with its line number. */
export function readPairs(path: string, what: string): Pair[] {
  const pairs: Pair[] = [];
  readText(path, what)
    .split("\n")
    .forEach((line, i) => {
      const text = line.replace(/\r$/, "");
      if (!text.trim()) return;
      const parts = text.split("\t");
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CliError(`${path}:${i + 1}: expected 'source<TAB>target', found ${JSON.stringify(text.slice(0, 60))}`, 1);
      pairs.push({ source: parts[0], target: parts[1] });
    });
  if (!pairs.length) throw new CliError(`${path} holds no pairs`, 1);
  return pairs;
}

export async function trainPairs<V>(modelPath: string, task: PairTask<V>, opts: Options, report: Report): Promise<void> {
  const resumeDir = opts.resume?.[0];
  const runDir = resumeDir ?? opts.o?.[0];
  if (!runDir) throw new CliError("missing the run folder: -o RUN_DIR (or --resume RUN_DIR)");
  const dataPath = opts.data?.[0];
  if (!dataPath) throw new CliError("missing the training pairs: --data FILE.tsv");
  const all = readPairs(dataPath, "training pairs");
  // Without --validation, the last 10% of the pairs validate.
  const validationPath = opts.validation?.[0];
  const split = Math.floor(all.length * 0.9);
  const data = validationPath ? { train: all, validation: readPairs(validationPath, "validation pairs") } : { train: all.slice(0, split), validation: all.slice(split) };
  if (resumeDir && !existsSync(resumeDir)) throw new CliError(`run folder '${resumeDir}' does not exist`);
  const release = openRunFolder(runDir, { fresh: !resumeDir, force: !!opts.force });
  try {
    const resumed = resumeDir ? loadCheckpoint(resumeDir) : undefined;
    const vocab = resumed ? task.restore(resumed.info) : task.vocabOf([...data.train, ...data.validation]);
    if (!vocab) throw new CliError(`the run in '${resumeDir}' is not ${task.noun}; resume it with the model it was trained with`, 1);
    await trainIn(runDir, modelPath, task, opts, data, vocab, resumed, report);
  } catch (e) {
    if (e instanceof TrainingError) throw new CliError(e.message, 1);
    throw e;
  } finally {
    release();
  }
}

async function trainIn<V>(runDir: string, modelPath: string, task: PairTask<V>, opts: Options, data: Data, vocab: V, resumed: ReturnType<typeof loadCheckpoint> | undefined, report: Report) {
  const run = runOptions(opts, runDir, resumed, report);
  if (!run) return;
  const { saved, opt, steps, time } = run;
  const B = opt("batch", 64, { min: 1, integer: true });
  const lr = opt("lr", 0.005, { min: 0 });
  const o = {
    steps,
    seconds: time,
    batch: B,
    lr,
    minLr: opt("min-lr", lr / 10, { min: 0 }),
    warmup: opt("warmup", 50, { min: 0, integer: true }),
    clip: opt("clip", 1, { min: 0 }),
    weightDecay: opt("weight-decay", 0, { min: 0 }),
    momentum: opt("momentum", 0.9, { min: 0, max: 1 }),
    logEvery: opt("log-every", 10, { min: 1, integer: true }),
    evalEvery: opt("eval-every", 100, { min: 1, integer: true }),
    evalBatches: opt("eval-batches", Math.max(1, Math.floor(data.validation.length / B)), { min: 1, integer: true }),
    checkpointEvery: opt("checkpoint-every", 200, { min: 1, integer: true }),
    seed: opt("seed", 0, { integer: true }),
    optimizer: (opts.optimizer?.[0] ?? (saved.optimizer as string) ?? "adamw") as OptimizerOptions["kind"],
  };
  if (!["adam", "adamw", "sgd"].includes(o.optimizer)) throw new CliError(`--optimizer must be adam, adamw or sgd, not '${o.optimizer}'`);
  const activations = activationsOption(opts, saved.activations as "save" | "recompute" | undefined);
  const options = { steps, ...(time ? { time } : {}), batch: B, lr, "min-lr": o.minLr, warmup: o.warmup, clip: o.clip, "weight-decay": o.weightDecay, momentum: o.momentum, "log-every": o.logEvery, "eval-every": o.evalEvery, "eval-batches": o.evalBatches, "checkpoint-every": o.checkpointEvery, seed: o.seed, optimizer: o.optimizer, activations };

  const sizes = { ...(resumed?.info.sizes ?? {}), ...sizeOverrides(opts), ...task.sizes(vocab) };
  const model = await Model.create(compileFor(modelPath, sizes, true, activations, task.fromData), undefined, { tune: !!opts.tune });
  const problem = task.problem(model);
  if (problem) throw new CliError(`${modelPath} is not ${task.noun}: ${problem}`, 1);
  if (resumed) model.loadWeights(resumed.weights);
  else model.initParams(o.seed);
  const curve = new LossCurve(runDir);
  if (resumed) curve.resume(resumed.info.step);
  const startStep = resumed?.info.step ?? 0;
  const adapter = (await acquireDevice()).adapterName;
  const params = model.manifest.parameterCount;
  report.tell(
    "start",
    { model: basename(modelPath), parameters: params, sizes, trainPairs: data.train.length, validationPairs: data.validation.length, startStep, options, adapter },
    `${basename(modelPath)}: ${params.toLocaleString("en")} parameters, ${data.train.length.toLocaleString("en")} training and ${data.validation.length.toLocaleString("en")} validation pairs, ${task.describe(vocab)}\n` +
      `${resumed ? `resuming at step ${startStep + 1}` : "training"} for ${time ? `${time} seconds` : `${steps} steps`} of ${B} pairs, ${o.optimizer} lr ${lr}, on ${adapter}`,
  );
  const progress = new Progress({ steps, time }, startStep, B, report.showsProgress, "pairs/s");
  const { hooks, last } = recordingHooks(curve, progress, report, "pairsPerSecond", (step, weights, state, seconds) => {
    saveCheckpoint(runDir, { model: basename(modelPath), sizes, ...task.saved(vocab), step, options, seconds }, weights, state);
    report.event("checkpoint", { step, folder: runDir });
  });
  const end = await task.train(model, data, vocab, o, hooks, resumed && { step: resumed.info.step, moments: resumed.state.moments, seconds: resumed.info.seconds });
  progress.done();
  curve.write();
  report.tell(
    "done",
    { step: end.step, stepsRun: end.step - startStep, loss: last.loss, validation: last.validation, seconds: progress.seconds(), trainingSeconds: end.seconds, folder: runDir },
    `final: train loss ${last.loss?.toFixed(4)}, validation loss ${last.validation?.toFixed(4)} nats per target character; checkpoint, loss.csv and loss.svg in ${runDir}`,
  );
}
