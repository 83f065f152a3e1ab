// `rnnc train` and `rnnc sample`: options, the run folder, checkpoints, the loss curve and the
// progress bar around the runtime's training loop and sampler (runtime/training.ts, sampling.ts).
import { existsSync } from "node:fs";
import { basename } from "node:path";
import type { NamedTensor } from "../../format/safetensors.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import type { OptimizerOptions } from "../../runtime/optimizer.js";
import { sampleText } from "../../runtime/sampling.js";
import { CharText, batchesPerEpoch } from "../../runtime/text.js";
import { carriedPairs } from "../../runtime/trainer.js";
import { languageModelProblem, trainLanguageModel, TrainingError, type TrainingHooks } from "../../runtime/training.js";
import { compile, GenerationError } from "../compile.js";
import { parse } from "../frontend/syntax/parse.js";
import { loadCheckpoint, saveCheckpoint } from "./checkpoint.js";
import { CliError, readCorpus, readTensors, readText } from "./files.js";
import { LossCurve } from "./lossCurve.js";
import { openRunFolder } from "./runFolder.js";
import type { Report } from "./report.js";

export type Options = Record<string, string[]>;

/** A numeric option, checked against its range. */
export function numberOption(opts: Options, name: string, fallback: number, range: { min?: number; max?: number; integer?: boolean } = {}): number {
  const raw = opts[name]?.[0];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  const what = range.integer ? "a whole number" : "a number";
  if (raw.trim() === "" || !Number.isFinite(v) || (range.integer && !Number.isInteger(v))) throw new CliError(`--${name} must be ${what}, not '${raw}'`);
  if (range.min !== undefined && v < range.min) throw new CliError(`--${name} is ${v}; it must be at least ${range.min}`);
  if (range.max !== undefined && v > range.max) throw new CliError(`--${name} is ${v}; it must be at most ${range.max}`);
  return v;
}

/** `--activations save|recompute`: what the backward pass reads from the forward pass. */
export function activationsOption(opts: Options, fallback: "save" | "recompute" = "save"): "save" | "recompute" {
  const v = opts.activations?.[0] ?? fallback;
  if (v !== "save" && v !== "recompute") throw new CliError(`--activations must be save or recompute, not '${v}'`);
  return v;
}

/** The model compiled for training or sampling; it must declare the sizes rnnc sets from the data (a name and what it counts, each). */
export function compileFor(
  path: string,
  sizes: Record<string, number>,
  gradients: boolean,
  activations: "save" | "recompute" = "save",
  fromData: { sizes: [string, string][]; data: string } = { sizes: [["V", "the vocabulary"]], data: "the text" },
) {
  const text = readText(path, "model file");
  // A file that does not parse reports its errors when it compiles, below.
  const program = parse(text).program;
  for (const [name, what] of fromData.sizes)
    if (program && !program.sizes.some((s) => s.name.text === name)) throw new CliError(`${path} must declare 'size ${name}' for ${what}; rnnc sets it from ${fromData.data}`, 1);
  // Training reads only the parameters' gradients: an input's would be work thrown away.
  return compile(path, text, sizes, { gradients, activations, inputGradients: false }).manifest;
}

export async function train(modelPath: string, opts: Options, report: Report): Promise<void> {
  const resumeDir = opts.resume?.[0];
  const runDir = resumeDir ?? opts.o?.[0];
  if (!runDir) throw new CliError("missing the run folder: -o RUN_DIR (or --resume RUN_DIR)");
  const dataPath = opts.data?.[0];
  if (!dataPath) throw new CliError("missing the training text: --data FILE");
  // A new run's text is refused before its folder is made; a resumed run's is read in its vocabulary.
  const fresh = resumeDir ? undefined : await readCorpus(dataPath);
  if (resumeDir && !existsSync(resumeDir)) throw new CliError(`run folder '${resumeDir}' does not exist`);
  const release = openRunFolder(runDir, { fresh: !resumeDir, force: !!opts.force });
  try {
    const resumed = resumeDir ? loadCheckpoint(resumeDir) : undefined;
    const text = fresh ?? (await readCorpus(dataPath, resumed!.info.vocab));
    await trainIn(runDir, modelPath, opts, text, resumed, report);
  } finally {
    release();
  }
}

/**
 * A run's options: the command line's, else those a resumed run saved, else the default; and
 * its steps. Undefined, once said, when a resumed run has already done them all.
 */
export function runOptions(opts: Options, runDir: string, resumed: ReturnType<typeof loadCheckpoint> | undefined, report: Report) {
  const saved = (resumed?.info.options ?? {}) as Record<string, number | string>;
  const opt = (name: string, fallback: number, range: Parameters<typeof numberOption>[3] = {}) =>
    numberOption(opts, name, typeof saved[name] === "number" ? (saved[name] as number) : fallback, range);
  const time = opts.time || typeof saved.time === "number" ? opt("time", 0, { min: 1 }) : undefined;
  const steps = opt("steps", time ? Number.MAX_SAFE_INTEGER : 2000, { min: 1, integer: true });
  if (time && resumed && (resumed.info.seconds ?? 0) >= time) {
    const line = `the run in '${runDir}' has already trained for its ${time} seconds; to train on, resume with --time SECONDS (more than ${Math.ceil(resumed.info.seconds!)})`;
    report.tell("done", { step: resumed.info.step, stepsRun: 0, folder: runDir, message: line }, line);
    return undefined;
  }
  if (resumed && resumed.info.step >= steps) {
    const line = `the run in '${runDir}' has already done its ${resumed.info.step} steps; to train on, resume with --steps N (more than ${resumed.info.step})`;
    report.tell("done", { step: resumed.info.step, stepsRun: 0, folder: runDir, message: line }, line);
    return undefined;
  }
  return { saved, opt, steps, time };
}

async function trainIn(runDir: string, modelPath: string, opts: Options, text: CharText, resumed: ReturnType<typeof loadCheckpoint> | undefined, report: Report): Promise<void> {
  const run = runOptions(opts, runDir, resumed, report);
  if (!run) return;
  const { saved, opt, steps, time } = run;
  const B = opt("batch", 32, { min: 1, integer: true });
  const T = opt("seq", 64, { min: 1, integer: true });
  const lr = opt("lr", 0.002, { min: 0 });
  const minLr = opt("min-lr", lr / 10, { min: 0 });
  const warmup = opt("warmup", 50, { min: 0, integer: true });
  const clip = opt("clip", 1, { min: 0 });
  const weightDecay = opt("weight-decay", 0.01, { min: 0 });
  const momentum = opt("momentum", 0.9, { min: 0, max: 1 });
  const logEvery = opt("log-every", 10, { min: 1, integer: true });
  const evalEvery = opt("eval-every", 100, { min: 1, integer: true });
  const checkpointEvery = opt("checkpoint-every", 200, { min: 1, integer: true });
  const seed = opt("seed", 0, { integer: true });
  const kind = (opts.optimizer?.[0] ?? (saved.optimizer as string) ?? "adamw") as OptimizerOptions["kind"];
  if (!["adam", "adamw", "sgd"].includes(kind)) throw new CliError(`--optimizer must be adam, adamw or sgd, not '${kind}'`);

  const sizes = { ...(resumed?.info.sizes ?? {}), ...sizeOverrides(opts), V: text.vocab.length };
  const activations = activationsOption(opts, saved.activations as "save" | "recompute" | undefined);
  // One compilation: its train_step entry trains, its forward entry validates.
  const trainModel = await Model.create(compileFor(modelPath, sizes, true, activations), undefined, { tune: !!opts.tune });
  const problem = languageModelProblem(trainModel);
  if (problem) throw new CliError(`${modelPath} is not a language model: ${problem}`, 1);
  if (resumed) {
    trainModel.loadWeights(resumed.weights);
    checkState(resumed.state, trainModel, carriedPairs(trainModel.manifest));
  } else if (opts.weights) {
    trainModel.loadWeights(readTensors(opts.weights[0], "initial weights file"));
  } else {
    trainModel.initParams(seed);
  }
  const curve = new LossCurve(runDir);
  if (resumed) curve.resume(resumed.info.step);

  // By default each validation covers the whole validation split once.
  const evalBatches = opt("eval-batches", Math.max(1, batchesPerEpoch(text.split("validation"), T, B)), { min: 1, integer: true });
  const options = { steps, ...(time ? { time } : {}), batch: B, seq: T, lr, "min-lr": minLr, warmup, clip, "weight-decay": weightDecay, momentum, "log-every": logEvery, "eval-every": evalEvery, "eval-batches": evalBatches, "checkpoint-every": checkpointEvery, seed, optimizer: kind, activations };
  const params = trainModel.manifest.parameterCount;
  const [trainChars, validationChars] = [text.split("train").length, text.split("validation").length];
  const adapter = (await acquireDevice()).adapterName;
  const startStep = resumed?.info.step ?? 0;
  report.tell(
    "start",
    { model: basename(modelPath), parameters: params, vocab: text.vocab.length, trainCharacters: trainChars, validationCharacters: validationChars, startStep, options, adapter },
    `${basename(modelPath)}: ${params.toLocaleString("en")} parameters, vocabulary ${text.vocab.length}, ${trainChars.toLocaleString("en")} training and ${validationChars.toLocaleString("en")} validation characters\n` +
      `${resumed ? `resuming at step ${startStep + 1}` : "training"} for ${time ? `${time} seconds` : `${steps} steps`} of ${B}x${T} characters, ${kind} lr ${lr}, on ${adapter}`,
  );

  const progress = new Progress({ steps, time }, startStep, B * T, report.showsProgress);
  const { hooks, last } = recordingHooks(curve, progress, report, "tokensPerSecond", (step, weights, state, seconds) => {
    saveCheckpoint(runDir, { model: basename(modelPath), sizes, vocab: text.vocab, step, options, seconds }, weights, state);
    report.event("checkpoint", { step, folder: runDir });
  });
  const training = { steps, seconds: time, batch: B, seq: T, lr, minLr, warmup, optimizer: kind, clip, weightDecay, momentum, seed, logEvery, evalEvery, evalBatches, checkpointEvery };
  let end;
  try {
    end = await trainLanguageModel(trainModel, text, training, hooks, resumed && { step: resumed.info.step, state: resumed.state, seconds: resumed.info.seconds });
  } catch (e) {
    if (e instanceof TrainingError) throw new CliError(e.message, 1);
    throw e;
  }
  progress.done();
  curve.write();
  report.tell(
    "done",
    { step: end.step, stepsRun: end.step - startStep, loss: last.loss, validation: last.validation, seconds: progress.seconds(), trainingSeconds: end.seconds, folder: runDir },
    `final: train loss ${last.loss?.toFixed(4)}, validation loss ${last.validation?.toFixed(4)} nats/char; checkpoint, loss.csv and loss.svg in ${runDir}`,
  );
}

/**
 * What a run records as it trains: the loss curve, the JSON events, the progress bar, and a
 * checkpoint through `save`; `last` holds the latest losses for the closing line.
 */
export function recordingHooks(curve: LossCurve, progress: Progress, report: Report, rateName: string, save: NonNullable<TrainingHooks["checkpoint"]>) {
  const last: { loss?: number; validation?: number } = {};
  const hooks: TrainingHooks = {
    loss: (step, loss, seconds) => {
      last.loss = loss;
      curve.add({ step, train: loss, seconds });
      report.event("loss", { step, loss, [rateName]: Math.round(progress.tokensPerSecond(step)), seconds });
    },
    validation: (step, loss, seconds) => {
      last.validation = loss;
      curve.add({ step, validation: loss, seconds });
      curve.write();
      report.event("validation", { step, loss, seconds });
    },
    checkpoint: (step, weights, state, seconds) => {
      // The curve first: a resume keeps its points up to the checkpoint's step, so none is lost or repeated.
      curve.write();
      return save(step, weights, state, seconds);
    },
    progress: (step, seconds) => progress.update(step, seconds, last.loss, last.validation),
  };
  return { hooks, last };
}

/** A checkpoint's optimizer and carried state must fit the model it resumes. */
function checkState(state: Record<string, NamedTensor>, model: Model, carry: [string, string][]) {
  const fits = (name: string, count: number) => state[name] && state[name].data.length === count;
  const problems: string[] = [];
  if (!fits("moments", 2 * model.manifest.parameterCount)) problems.push(`'moments' should hold ${2 * model.manifest.parameterCount} values`);
  for (const [, to] of carry) {
    const spec = model.manifest.inputs.find((i) => i.name === to)!;
    const t = state[to];
    if (t && t.shape.length !== spec.shape.length) problems.push(`'${to}' is [${t.shape}], not [${spec.shape}]`);
  }
  if (problems.length) throw new CliError(`the checkpoint's state does not fit this model: ${problems.join("; ")}`, 1);
}

/** The run's speed, and for people a one-line progress bar on a terminal; a line per update elsewhere (logs, CI). */
export class Progress {
  private readonly started = Date.now();
  private lastPrint = 0;
  private readonly tty = !!process.stderr.isTTY;

  constructor(
    private readonly budget: { steps: number; time?: number },
    private readonly startStep: number,
    private readonly tokensPerStep: number,
    private readonly shown: boolean,
    private readonly unit = "tok/s",
  ) {}

  seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  tokensPerSecond(step: number): number {
    return ((step - this.startStep) * this.tokensPerStep) / Math.max(this.seconds(), 1e-3);
  }

  /** `trained`: the run's training seconds so far, which a time budget counts. */
  update(step: number, trained: number, loss?: number, validation?: number) {
    if (!this.shown) return;
    const now = Date.now();
    const { steps, time } = this.budget;
    // The fraction done: of the steps, or of the time budget.
    const fraction = Math.min(1, Math.max(step / steps, time ? trained / time : 0));
    if (!this.tty && now - this.lastPrint < 10_000 && fraction < 1) return;
    if (this.tty && now - this.lastPrint < 200 && fraction < 1) return;
    this.lastPrint = now;
    const seconds = this.seconds();
    const done = step - this.startStep;
    const rate = this.tokensPerSecond(step);
    const eta = time ? Math.max(0, time - trained) : ((steps - step) * seconds) / Math.max(done, 1);
    const width = 24;
    const filled = Math.round(width * fraction);
    const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
    const line = `${bar} step ${step}${time ? "" : `/${steps}`}  loss ${loss?.toFixed(3) ?? "-"}  val ${validation?.toFixed(3) ?? "-"}  ${Math.round(rate).toLocaleString("en")} ${this.unit}  ETA ${formatTime(eta)}`;
    if (this.tty) process.stderr.write(`\r${line}\x1b[K`);
    else console.error(line);
  }

  done() {
    if (this.tty && this.shown) process.stderr.write("\n");
  }
}

const formatTime = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`);

export function sizeOverrides(opts: Options, option: "set" | "at" = "set"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of opts[option] ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(-?\d+)$/.exec(s);
    if (!m) throw new CliError(`--${option} expects NAME=VALUE with a whole number, e.g. --${option} ${option === "set" ? "H=128" : "T=128"} (got '${s}')`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export async function sample(modelPath: string, opts: Options): Promise<void> {
  const dir = opts.checkpoint?.[0];
  if (!dir) throw new CliError("missing the trained run: --checkpoint RUN_DIR");
  const { info, weights } = loadCheckpoint(dir);
  const length = numberOption(opts, "length", 500, { min: 0, integer: true });
  const temperature = numberOption(opts, "temperature", 0.8, { min: 1e-6 });
  const topK = numberOption(opts, "top-k", 0, { min: 0, integer: true });
  const seed = numberOption(opts, "seed", Date.now() % 2 ** 31, { integer: true });
  // A model without state has seen only windows of its training --seq: it reads no more.
  const context = numberOption(opts, "context", Number(info.options.seq) || Infinity, { min: 1, integer: true });
  const prompt = opts.prompt?.[0] ?? "\n";
  if (!prompt.length) throw new CliError("--prompt is empty; give at least one character");
  try {
    new CharText("", info.vocab).encode(prompt);
  } catch (e) {
    throw new CliError(`--prompt: ${(e as Error).message}`, 1);
  }
  const model = await Model.create(generatorFor(modelPath, info.sizes), undefined, { tune: !!opts.tune });
  model.loadWeights(weights);
  process.stdout.write(prompt);
  for await (const c of sampleText(model, info.vocab, prompt, { length, temperature, topK, seed, context })) process.stdout.write(shown(c));
  process.stdout.write("\n");
}

/**
 * The model compiled for sampling: as written when it carries a state; a model without one
 * (a transformer) compiled to generate with a cache when it can (else it reads its window again
 * for each character).
 */
function generatorFor(modelPath: string, sizes: Record<string, number>) {
  const manifest = compileFor(modelPath, sizes, false);
  const problem = languageModelProblem({ manifest });
  if (problem) throw new CliError(`${modelPath} is not a language model: ${problem}`, 1);
  if (carriedPairs(manifest).length) return manifest;
  try {
    return compile(modelPath, readText(modelPath, "model file"), sizes, { generation: { outputs: ["logits"] } }).manifest;
  } catch (e) {
    if (e instanceof GenerationError) return manifest;
    throw e;
  }
}

/** On a terminal, control characters from the vocabulary (escape sequences, \r) are shown, not obeyed. */
const shown = (c: string) => (process.stdout.isTTY ? terminalSafe(c) : c);

export function terminalSafe(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
