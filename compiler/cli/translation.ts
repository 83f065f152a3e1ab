// `rnnc train` for an encoder–decoder on (source, target) pairs, and `rnnc translate`: the
// TSV files, the run folder, checkpoints and the curve around the runtime's pair training
// and decoding (runtime/translation.ts).
import { existsSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import type { OptimizerOptions } from "../../runtime/optimizer.js";
import { TrainingError } from "../../runtime/training.js";
import { PairVocab, trainTranslation, translate, translationProblem, type Decoded, type Pair } from "../../runtime/translation.js";
import { parse } from "../frontend/syntax/parse.js";
import { attentionHeatmap } from "./heatmap.js";
import { loadCheckpoint, saveCheckpoint } from "./checkpoint.js";
import { CliError, readText } from "./files.js";
import { LossCurve } from "./lossCurve.js";
import type { Report } from "./report.js";
import { openRunFolder } from "./runFolder.js";
import { activationsOption, compileFor, numberOption, Progress, recordingHooks, runOptions, sizeOverrides, type Options } from "./train.js";

/** Whether a model file is an encoder–decoder trained on pairs (it reads `decoder_inputs`). */
export function readsPairs(modelPath: string): boolean {
  const program = parse(readText(modelPath, "model file")).program;
  return !!program?.models.some((m) => m.body.some((s) => s.kind === "input" && s.name.text === "decoder_inputs"));
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

/** The sizes rnnc sets from the pairs. */
const pairSizes = { sizes: [["V", "the source vocabulary"], ["W", "the target vocabulary"]] as [string, string][], data: "the pairs" };

export async function trainPairs(modelPath: string, opts: Options, report: Report): Promise<void> {
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
    const vocab = resumed ? new PairVocab(resumed.info.vocab, resumed.info.targetVocab ?? []) : PairVocab.of([...data.train, ...data.validation]);
    await trainIn(runDir, modelPath, opts, data, vocab, resumed, report);
  } catch (e) {
    if (e instanceof TrainingError) throw new CliError(e.message, 1);
    throw e;
  } finally {
    release();
  }
}

async function trainIn(runDir: string, modelPath: string, opts: Options, data: { train: Pair[]; validation: Pair[] }, vocab: PairVocab, resumed: ReturnType<typeof loadCheckpoint> | undefined, report: Report) {
  const run = runOptions(opts, runDir, resumed, report);
  if (!run) return;
  const { saved, opt, steps } = run;
  const B = opt("batch", 64, { min: 1, integer: true });
  const lr = opt("lr", 0.005, { min: 0 });
  const o = {
    steps,
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
  const options = { steps, batch: B, lr, "min-lr": o.minLr, warmup: o.warmup, clip: o.clip, "weight-decay": o.weightDecay, momentum: o.momentum, "log-every": o.logEvery, "eval-every": o.evalEvery, "eval-batches": o.evalBatches, "checkpoint-every": o.checkpointEvery, seed: o.seed, optimizer: o.optimizer, activations };

  const sizes = { ...(resumed?.info.sizes ?? {}), ...sizeOverrides(opts), V: vocab.source.length, W: vocab.target.length };
  const model = await Model.create(compileFor(modelPath, sizes, true, activations, pairSizes));
  const problem = translationProblem(model);
  if (problem) throw new CliError(`${modelPath} is not an encoder–decoder: ${problem}`, 1);
  if (resumed) model.loadWeights(resumed.weights);
  else model.initParams(o.seed);
  const curve = new LossCurve(runDir);
  if (resumed) curve.resume(resumed.info.step);
  const startStep = resumed?.info.step ?? 0;
  const adapter = (await acquireDevice()).adapterName;
  const params = model.manifest.parameterCount;
  report.tell(
    "start",
    { model: basename(modelPath), parameters: params, sourceVocab: vocab.source.length, targetVocab: vocab.target.length, trainPairs: data.train.length, validationPairs: data.validation.length, startStep, options, adapter },
    `${basename(modelPath)}: ${params.toLocaleString("en")} parameters, ${data.train.length.toLocaleString("en")} training and ${data.validation.length.toLocaleString("en")} validation pairs, vocabularies ${vocab.source.length} and ${vocab.target.length}\n` +
      `${resumed ? `resuming at step ${startStep + 1}` : "training"} for ${steps} steps of ${B} pairs, ${o.optimizer} lr ${lr}, on ${adapter}`,
  );
  const progress = new Progress(steps, startStep, B, report.showsProgress, "pairs/s");
  const { hooks, last } = recordingHooks(curve, progress, report, "pairsPerSecond", (step, weights, state) => {
    saveCheckpoint(runDir, { model: basename(modelPath), sizes, vocab: vocab.source, targetVocab: vocab.target, step, options }, weights, state);
    report.event("checkpoint", { step, folder: runDir });
  });
  await trainTranslation(model, data, vocab, o, hooks, resumed && { step: resumed.info.step, moments: resumed.state.moments });
  progress.done();
  curve.write();
  report.tell(
    "done",
    { step: steps, stepsRun: steps - startStep, loss: last.loss, validation: last.validation, seconds: progress.seconds(), folder: runDir },
    `final: train loss ${last.loss?.toFixed(4)}, validation loss ${last.validation?.toFixed(4)} nats per target character; checkpoint, loss.csv and loss.svg in ${runDir}`,
  );
}

/** `rnnc translate`: the given texts, or with --test FILE.tsv the exact-match accuracy on its pairs. */
export async function translateCommand(modelPath: string, texts: string[], opts: Options, report: Report): Promise<void> {
  const dir = opts.checkpoint?.[0];
  if (!dir) throw new CliError("missing the trained run: --checkpoint RUN_DIR");
  const { info, weights } = loadCheckpoint(dir);
  if (!info.targetVocab) throw new CliError(`the run in '${dir}' is a language model, not an encoder–decoder; use rnnc sample`, 1);
  const vocab = new PairVocab(info.vocab, info.targetVocab);
  const decode = { beam: numberOption(opts, "beam", 1, { min: 1, max: 64, integer: true }), maxLength: numberOption(opts, "max-length", 64, { min: 1, max: 4096, integer: true }), lengthPenalty: numberOption(opts, "length-penalty", 0.6, { min: 0, max: 10 }) };
  // Rows decoded together: each source takes one per hypothesis.
  const batch = Math.max(1, Math.floor(numberOption(opts, "batch", 256, { min: 1, integer: true }) / decode.beam));
  const testPath = opts.test?.[0];
  if (!testPath && !texts.length) throw new CliError('give the texts to translate, e.g. rnnc translate MODEL --checkpoint RUN "3rd of March 1987", or --test FILE.tsv');
  const model = await Model.create(compileFor(modelPath, info.sizes, false, "save", pairSizes));
  const problem = translationProblem(model);
  if (problem) throw new CliError(`${modelPath} is not an encoder–decoder: ${problem}`, 1);
  model.loadWeights(weights);
  const run = async (sources: string[]) => {
    const out: Decoded[] = [];
    let runs = 0;
    const started = Date.now();
    for (let i = 0; i < sources.length; i += batch) {
      const part = await translate(model, vocab, sources.slice(i, i + batch), decode).catch((e) => {
        if (e instanceof TrainingError) throw new CliError(e.message, 1);
        throw e;
      });
      runs += part[0]?.runs ?? 0;
      out.push(...part);
    }
    return { out, runs, seconds: (Date.now() - started) / 1000 };
  };
  if (testPath) {
    const pairs = readPairs(testPath, "test pairs");
    const { out, runs, seconds } = await run(pairs.map((p) => p.source));
    const right = out.filter((d, i) => d.text === pairs[i].target).length;
    const accuracy = right / pairs.length;
    report.tell(
      "evaluated",
      { file: testPath, pairs: pairs.length, exactMatch: accuracy, beam: decode.beam, forwardRuns: runs, seconds },
      `exact match ${(100 * accuracy).toFixed(2)}% (${right} of ${pairs.length}) on ${testPath}, beam ${decode.beam}; ${runs} forward runs (one read-back each) in ${seconds.toFixed(1)} s`,
    );
    // A few of the misses, so a person sees what goes wrong; scripts get every one.
    const misses = out.flatMap((d, i) => (d.text === pairs[i].target ? [] : [{ source: pairs[i].source, expected: pairs[i].target, got: d.text }]));
    misses.forEach((m, k) => (k < 10 ? report.tell("miss", m, `  ${JSON.stringify(m.source)}: expected ${m.expected}, got ${m.got}`) : report.event("miss", m)));
    return;
  }
  const { out } = await run(texts);
  out.forEach((d, i) => report.tell("translated", { source: texts[i], text: d.text, score: d.score }, d.text));
  const heatmapPath = opts.heatmap?.[0];
  if (heatmapPath) {
    const first = out[0];
    if (!first.attention) throw new CliError(`${modelPath} has no 'alpha' output, so there is no attention to draw`, 1);
    writeFileSync(heatmapPath, attentionHeatmap([...texts[0]], [...first.text, "⏎"], first.attention));
    report.tell("wrote", { file: heatmapPath }, `wrote the attention of "${texts[0]}" -> "${first.text}" to ${heatmapPath}`);
  }
}
