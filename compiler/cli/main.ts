// rnnc: the command line. Each command: its options, its help, and what it does.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GpuError, GpuUnavailableError } from "../../runtime/device.js";
import { Model, ModelInputError } from "../../runtime/model.js";
import type { Manifest } from "../../format/manifest.js";
import { writeSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { compile } from "../compile.js";
import { CompileError } from "../diagnostics.js";
import { UsageError, frontend } from "../frontend/frontend.js";
import { printGraph } from "../ir/print.js";
import { CliError, readTensors, readText, writeAtomic } from "./files.js";
import { writeCompiledFolder } from "./compiledFolder.js";
import { activationsOption, numberOption, sample, sizeOverrides, train } from "./train.js";
import { readsInput, trainPairs } from "./pairs.js";
import { tagCommand, taggingTask } from "./tagging.js";
import { translateCommand, translationTask } from "./translation.js";
import { writeTaskData } from "./data.js";
import { exportTorch } from "./exportTorch.js";
import { loadCheckpoint } from "./checkpoint.js";
import { checkWeights } from "../../runtime/validate.js";
import { memoryStats } from "./memoryStats.js";
import { bench, SWITCHES } from "./bench.js";
import { Report, type ReportMode } from "./report.js";

interface Command {
  usage: string;
  about: string;
  options: Record<string, { value?: string; about: string; repeat?: boolean }>;
  /** What --json prints, if the command has it. */
  json?: string;
  /** What the first argument names, in the error when it is missing (default: the model file). */
  operand?: string;
  /** What further arguments name, if the command takes any (translate's texts). */
  operands?: string;
  run: (model: string, opts: Options, report: Report, operands: string[]) => Promise<void> | void;
}

type Options = Record<string, string[]>;

const weightsOption = { value: "FILE", about: "parameters as safetensors (e.g. a PyTorch state_dict); without it, initialised from --seed" };
const inputsOption = { value: "FILE", about: "input tensors as safetensors, by input name" };
const seedOption = { value: "N", about: "seed for initial weights when --weights is not given (default 0)" };
const setOption = { value: "NAME=VALUE", about: "override a size declared in the model (repeatable), e.g. --set H=128", repeat: true };
const activationsSpec = { value: "MODE", about: "save (default): the forward pass stores each step's gate pre-activations for the backward pass; recompute: store nothing more and recompute them (more arithmetic)" };
const afterPasses = { about: "print the IR after the optimisation passes, and how each time loop runs (every step inside one kernel, or why a dispatch per step)" };

const commands: Record<string, Command> = {
  check: {
    usage: "rnnc check MODEL.cell [--set NAME=VALUE ...]",
    about: "Parse and check a model; print every error with its location.",
    options: { set: setOption },
    json: 'a "checked" event with the sizes, or an "error" event whose diagnostics give line, col, endLine, endCol, message and hint',
    run: (model, opts, report) => {
      const { sizes } = frontend(model, readText(model, "model file"), sizeOverrides(opts));
      report.tell("checked", { file: model, sizes }, `${model}: ok`);
    },
  },
  ir: {
    usage: "rnnc ir MODEL.cell [--set NAME=VALUE ...] [--optimized]",
    about: "Print the model's IR: tensor ops and scan (time-loop) nodes with their bodies.",
    options: { set: setOption, optimized: afterPasses },
    run: (model, opts) => {
      const compiled = compile(model, readText(model, "model file"), sizeOverrides(opts));
      console.log(printGraph((opts.optimized ? compiled.optimized : compiled.lowered).graph));
      // After the passes, how each time loop runs, and why a loop dispatches each step.
      if (opts.optimized)
        for (const l of compiled.schedule.loops) {
          console.log(`# ${l.name}${l.line ? ` (line ${l.line})` : ""}: ${l.inKernel ? "every step inside one kernel" : `a dispatch per step: ${l.reason}`}`);
          for (const c of l.carries) console.log(`#   ${c.name}: ${c.affine ? `a scan, ${c.name}' = a * ${c.name} + b with a and b free of every state` : `not a scan: ${c.why}`}`);
        }
    },
  },
  compile: {
    usage: "rnnc compile MODEL.cell -o DIR [--set NAME=VALUE ...] [--gradients [--activations save|recompute] [--no-input-gradients]] [--checkpoint RUN_DIR] [--stats [--at T=128 --at B=64]]",
    about: "Write an ES-module package that runs the model on WebGPU: MODEL.js (its kernels and schedule), MODEL.d.ts, and the runtime modules it needs.",
    options: {
      o: { value: "DIR", about: "output folder (created if missing)" },
      set: setOption,
      gradients: { about: "also compile the train_step entry (gradients of every parameter and input), to train with the runtime" },
      activations: activationsSpec,
      "no-input-gradients": { about: "with --gradients: only the parameters' gradients, which is all training needs (an input's gradient costs a product over all steps)" },
      checkpoint: { value: "RUN_DIR", about: "a trained run (rnnc train): its sizes, its weights written beside the module, and its vocabulary, for loadTrained() and generate()" },
      stats: { about: "also print the device memory the model needs: parameters, and the workspace with regions shared and without" },
      at: { value: "NAME=VALUE", about: "with --stats: a run-time size to give the memory at, in MiB (repeatable), e.g. --at T=128 --at B=64", repeat: true },
    },
    json: 'a "compiled" event naming the folder, the module and every file written (with --stats, its memory)',
    run: (model, opts, report) => {
      const out = required(opts, "o", "an output folder: -o DIR");
      const run = opts.checkpoint && loadCheckpoint(opts.checkpoint[0]);
      const sizes = { ...(run ? run.info.sizes : {}), ...sizeOverrides(opts) };
      if (opts["no-input-gradients"] && !opts.gradients) throw new CliError("--no-input-gradients shapes the gradients: give it with --gradients");
      const options = { gradients: !!opts.gradients, activations: activationsOption(opts), inputGradients: !opts["no-input-gradients"] };
      const { manifest } = compile(model, readText(model, "model file"), sizes, options);
      if (opts.stats) {
        const alone = compile(model, readText(model, "model file"), sizes, { ...options, reuseMemory: false }).manifest;
        const stats = memoryStats(manifest, alone, sizeOverrides(opts, "at"));
        report.tell("memory", { ...stats }, stats.lines.join("\n"));
      }
      if (run) {
        try {
          checkWeights(manifest.params, run.weights);
        } catch (e) {
          throw new CliError(`the run in '${opts.checkpoint![0]}' does not fit ${model}: ${(e as Error).message}`, 1);
        }
        manifest.vocab = run.info.vocab;
      }
      const { files, packaged } = writeCompiledFolder(out, manifest, basename(model), run ? run.weights : undefined);
      report.tell("compiled", { folder: out, module: `${manifest.model}.js`, kernels: manifest.kernels.length, files }, `wrote ${manifest.model}.js (${manifest.kernels.length} kernels), its types and the runtime it needs to ${out}`);
      if (!packaged) console.error(`rnnc: ${join(out, "package.json")} is not rnnc's, so it was left as it is; the module needs "type": "module" there`);
    },
  },
  run: {
    usage: "rnnc run MODEL.cell --inputs IN.safetensors --out OUT.safetensors [--weights W.safetensors] [--seed N] [--set NAME=VALUE ...] [--check-finite]",
    about: "Run the forward pass on WebGPU. Tensors are read and written by name; weights use the model's state_dict names.",
    options: {
      weights: weightsOption,
      inputs: inputsOption,
      out: { value: "FILE", about: "where to write the outputs (safetensors)" },
      seed: seedOption,
      set: setOption,
      "check-finite": { about: "refuse outputs holding NaN or infinity, naming the kernel and .cell lines that first produced one" },
    },
    json: 'a "wrote" event with the file and each output\'s shape',
    run: async (model, opts, report) => {
      const inputsPath = required(opts, "inputs", "the input tensors: --inputs IN.safetensors");
      const outPath = required(opts, "out", "where to write outputs: --out OUT.safetensors");
      const { manifest } = compile(model, readText(model, "model file"), sizeOverrides(opts));
      const inputs = readTensors(inputsPath, "inputs file");
      const m = await modelWithWeights(manifest, opts);
      const outputs = await m.run(inputs);
      if (opts["check-finite"]) await checkFinite(m, inputs, outputs);
      writeAtomic(outPath, writeSafetensors(outputs));
      const shapes = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.shape]));
      report.tell("wrote", { file: outPath, outputs: shapes }, `wrote ${Object.entries(shapes).map(([k, shape]) => `${k} [${shape.join(", ")}]`).join(", ")} to ${outPath}`);
    },
  },
  train: {
    usage: "rnnc train MODEL.cell --data FILE -o RUN_DIR [--steps N --batch B --seq T --lr LR ...] | rnnc train MODEL.cell --data FILE --resume RUN_DIR",
    about:
      "Train a character-level language model on a UTF-8 text, an encoder–decoder (a model that reads decoder_inputs) on source<TAB>target pairs, or a tagger (a model that reads tags) on text<TAB>tags pairs, with a progress bar, validation, checkpoints and a loss curve.",
    options: {
      data: { value: "FILE", about: "the text to learn (90% trains, the last 10% validates), or a TSV of pairs for an encoder–decoder (source<TAB>target) or a tagger (text<TAB>tags)" },
      validation: { value: "FILE", about: "validation pairs for an encoder–decoder or a tagger (default: the last 10% of --data)" },
      o: { value: "RUN_DIR", about: "folder for checkpoints, loss.csv and loss.svg" },
      resume: { value: "RUN_DIR", about: "continue a run from its last checkpoint" },
      force: { about: "start a run in a folder that holds other files (rnnc overwrites only its own)" },
      steps: { value: "N", about: "training steps in all (default 2000; no limit with --time)" },
      time: { value: "SECONDS", about: "train for this many seconds (steps only: validation and checkpoints not counted); the learning rate decays over the time, and the run stops at the step that reaches it or at --steps" },
      batch: { value: "B", about: "sequences per batch (default 32)" },
      seq: { value: "T", about: "characters per sequence; the state carries over (truncated BPTT, default 64; a language model's only)" },
      lr: { value: "LR", about: "peak learning rate (default 0.002)" },
      "min-lr": { value: "LR", about: "learning rate at the end of the cosine decay (default lr/10)" },
      warmup: { value: "N", about: "steps of linear warm-up (default 50)" },
      optimizer: { value: "NAME", about: "adamw (default), adam or sgd (with momentum)" },
      "weight-decay": { value: "W", about: "weight decay (default 0.01)" },
      momentum: { value: "M", about: "SGD momentum (default 0.9)" },
      clip: { value: "NORM", about: "clip the gradient norm to this (default 1; 0 turns it off)" },
      "log-every": { value: "N", about: "read the loss back every N steps (default 10)" },
      "eval-every": { value: "N", about: "validate every N steps (default 100)" },
      "eval-batches": { value: "N", about: "validation batches each time (default: the whole validation split)" },
      "checkpoint-every": { value: "N", about: "checkpoint every N steps (default 200)" },
      seed: { value: "N", about: "seed of the initial weights (default 0)" },
      weights: { value: "FILE", about: "start from these weights (safetensors by parameter name) instead of --seed" },
      activations: activationsSpec,
      tune: { about: "choose each product kernel's workgroup shape and tile rows for this GPU on the first step, cached per adapter (for a hardware GPU: the compiled ones suit the software one)" },
      set: setOption,
    },
    json: 'events, one per line: "start", "loss" (with tokens/s), "validation", "checkpoint", "done"',
    // What the model reads says what it learns from: an encoder–decoder its decoder's inputs, a tagger its tags.
    run: (model, opts, report) =>
      readsInput(model, "decoder_inputs") ? trainPairs(model, translationTask, opts, report) : readsInput(model, "tags") ? trainPairs(model, taggingTask, opts, report) : train(model, opts, report),
  },
  translate: {
    usage: 'rnnc translate MODEL.cell --checkpoint RUN_DIR [--beam K] "TEXT" ... | rnnc translate MODEL.cell --checkpoint RUN_DIR --test FILE.tsv',
    about: "Decode texts with a trained encoder–decoder, greedily or by beam search; with --test, the exact-match accuracy on a file of pairs.",
    operands: "the texts to translate",
    options: {
      checkpoint: { value: "RUN_DIR", about: "the run folder written by rnnc train" },
      beam: { value: "K", about: "hypotheses kept at each step (default 1: greedy)" },
      "length-penalty": { value: "A", about: "beam scores are log-probabilities over ((5 + length) / 6)^A (default 0.6; 0: none)" },
      "max-length": { value: "N", about: "the most characters decoded (default 64)" },
      test: { value: "FILE", about: "source<TAB>target pairs: print the exact-match accuracy and a few misses" },
      batch: { value: "N", about: "hypotheses decoded together, over the sources and their beams (default 256)" },
      heatmap: { value: "FILE.svg", about: "draw the first text's attention: its characters across, the decoded ones down" },
    },
    json: 'a "translated" event per text, or an "evaluated" event with the accuracy and a "miss" event per wrong pair; "wrote" for the heatmap',
    run: (model, opts, report, texts) => translateCommand(model, texts, opts, report),
  },
  tag: {
    usage: 'rnnc tag MODEL.cell --checkpoint RUN_DIR "TEXT" ... | rnnc tag MODEL.cell --checkpoint RUN_DIR --test FILE.tsv',
    about: "Tag each character of texts with a trained tagger; with --test, the accuracy on a file of tagged texts.",
    operands: "the texts to tag",
    options: {
      checkpoint: { value: "RUN_DIR", about: "the run folder written by rnnc train" },
      test: { value: "FILE", about: "text<TAB>tags lines: print the accuracy per character and per text, and a few misses" },
      batch: { value: "N", about: "texts tagged together (default 256)" },
    },
    json: 'a "tagged" event per text, or an "evaluated" event with the accuracies and a "miss" event per wrongly tagged text',
    run: (model, opts, report, texts) => tagCommand(model, texts, opts, report),
  },
  sample: {
    usage: 'rnnc sample MODEL.cell --checkpoint RUN_DIR [--prompt "ROMEO:" --length 500 --temperature 0.8 --top-k 40 --seed S] [--tune]',
    about: "Generate text from a trained run, streaming characters as they come.",
    options: {
      checkpoint: { value: "RUN_DIR", about: "the run folder written by rnnc train" },
      prompt: { value: "TEXT", about: "text to start from (default: a newline)" },
      length: { value: "N", about: "characters to generate (default 500)" },
      temperature: { value: "T", about: "below 1 sharper, above 1 more varied (default 0.8)" },
      "top-k": { value: "K", about: "sample only among the K likeliest characters (default 0: all)" },
      context: { value: "N", about: "a model without state (a transformer) reads at most the last N characters (default: the run's --seq, the windows it was trained on)" },
      seed: { value: "N", about: "seed of the sampler (default: from the clock)" },
      tune: { about: "choose each product kernel's workgroup shape and tile rows for this GPU on the first token, cached per adapter (for a hardware GPU)" },
    },
    run: (model, opts) => sample(model, opts),
  },
  grad: {
    usage: "rnnc grad MODEL.cell --weights W.safetensors --inputs IN.safetensors --seed-grads GY.safetensors --out G.safetensors [--set NAME=VALUE ...]",
    about: "Vector-Jacobian product on WebGPU: gradients of sum(output * seed), for the outputs named in the seeds file, with respect to every parameter and input.",
    options: {
      weights: weightsOption,
      inputs: inputsOption,
      "seed-grads": { value: "FILE", about: "one seed tensor per output to differentiate, named like the output (others count as zero)" },
      out: { value: "FILE", about: "where to write the gradients, named by parameter (state_dict) and input name" },
      seed: seedOption,
      activations: activationsSpec,
      set: setOption,
    },
    json: 'a "wrote" event with the file and each gradient\'s shape',
    run: async (model, opts, report) => {
      const inputsPath = required(opts, "inputs", "the input tensors: --inputs IN.safetensors");
      const seedsPath = required(opts, "seed-grads", "the output seeds: --seed-grads GY.safetensors");
      const outPath = required(opts, "out", "where to write gradients: --out G.safetensors");
      const { manifest } = compile(model, readText(model, "model file"), sizeOverrides(opts), { gradients: true, activations: activationsOption(opts) });
      const inputs = readTensors(inputsPath, "inputs file");
      const seeds = readTensors(seedsPath, "seed-grads file");
      const seedInputs = new Map(manifest.inputs.filter((i) => i.role === "seed").map((i) => [i.of!, i.name]));
      const unknown = Object.keys(seeds).filter((k) => !seedInputs.has(k));
      if (unknown.length) throw new CliError(`seed-grads file names ${unknown.map((k) => `'${k}'`).join(", ")}, which the model does not output (its outputs: ${[...seedInputs.keys()].join(", ")})`, 1);
      const m = await modelWithWeights(manifest, opts);
      const result = await m.run({ ...inputs, ...Object.fromEntries(Object.entries(seeds).map(([k, v]) => [seedInputs.get(k)!, v])) }, "train_step");
      const gradients = Object.fromEntries(manifest.outputs.filter((o) => o.role === "gradient").map((o) => [o.of!, result[o.name]]));
      writeAtomic(outPath, writeSafetensors(gradients));
      report.tell("wrote", { file: outPath, gradients: Object.fromEntries(Object.entries(gradients).map(([k, v]) => [k, v.shape])) }, `wrote gradients of ${Object.keys(gradients).length} tensors to ${outPath}`);
    },
  },
  bench: {
    usage: "rnnc bench MODEL.cell --at T=128 --at B=32 [--set NAME=VALUE ...] [--train [--activations save|recompute]] [--rounds N] [--kernels] [--ceiling] [--tune] [--off NAME ...]",
    about: "Time the model on this machine's GPU at the sizes given: forward or a training step, the median of timed runs with min-max, tokens/s, GFLOP/s, dispatches and memory.",
    options: {
      at: { value: "NAME=VALUE", about: "a run-time size to run at (repeatable; every one the model has), e.g. --at T=128 --at B=32", repeat: true },
      set: setOption,
      train: { about: "time a training step (forward, backward and every parameter's gradient) instead of the forward pass" },
      activations: activationsSpec,
      rounds: { value: "N", about: "timed runs after the warm-up (default 5)" },
      kernels: { about: "also time each kernel: every dispatch run alone, summed per kernel, slowest first" },
      ceiling: { about: "also measure the adapter's product ceiling (rnnc's product kernel alone on large shapes) and the model's share of it" },
      tune: { about: "first choose how each product kernel runs on this adapter, its workgroup's shape and its tiles' rows (Model.tune), and say which differ from the compiled ones" },
      off: { value: "NAME", about: `turn an optimisation off, to measure it (repeatable): ${SWITCHES.join(", ")}`, repeat: true },
    },
    json: 'a "bench" event with ms (median, min, max), tokensPerSecond, gflopsPerSecond, dispatches, memory (floats) and with --ceiling the ceiling, with --tune the kernels tuned (tuned: name -> { workgroup, rows }); with --kernels a "kernels" event',
    run: (model, opts, report) => bench(model, opts, report),
  },
  export: {
    usage: "rnnc export --torch MODEL.cell -o MODEL.py [--set NAME=VALUE ...]",
    about: "Write the model as a standalone PyTorch module (same parameter names, initialisation and outputs), and rnnc_train.py beside it to train it with torchrun.",
    options: {
      torch: { about: "the target: a PyTorch module (the only one so far)" },
      o: { value: "FILE.py", about: "the module's file; rnnc_train.py is written beside it unless a file of that name that rnnc did not write is there" },
      set: setOption,
    },
    json: 'a "wrote" event naming the module and the trainer',
    run: (model, opts, report) => {
      if (!opts.torch) throw new CliError("say which target: --torch (a PyTorch module)");
      const out = required(opts, "o", "the module's file: -o MODEL.py");
      const written = exportTorch(model, out, sizeOverrides(opts), version());
      if (written.kept) console.error(`rnnc: ${written.kept} is not rnnc's, so it was left as it is`);
      const also = written.trainer ? ` and ${written.trainer}` : "";
      report.tell("wrote", { module: written.module, trainer: written.trainer ?? null }, `wrote ${written.module}${also}`);
    },
  },
  data: {
    usage: "rnnc data dates|brackets -o DIR [--seed N] [--train N] [--validation N] [--test N]",
    about: "Generate a task's data as train, validation and test TSV files: 'dates' writes dates in many human formats beside their ISO form; 'brackets' writes strings of letters and brackets beside a tag per character (1 within a matched pair).",
    operand: "the task",
    options: {
      o: { value: "DIR", about: "output folder (created if missing); only its train.tsv, validation.tsv and test.tsv are overwritten" },
      seed: { value: "N", about: "seed of the generator (default 0)" },
      train: { value: "N", about: "training pairs (default 40000 dates, 20000 brackets)" },
      validation: { value: "N", about: "validation pairs (default 2000 dates, 1000 brackets)" },
      test: { value: "N", about: "test pairs (default 2000 dates, 1000 brackets)" },
    },
    json: 'a "wrote" event with the folder, the files and each split\'s pair count',
    run: (task, opts, report) => writeTaskData(task, opts, report),
  },
};

/** --check-finite: an output with NaN or infinity is an error that says where the first one came from. */
async function checkFinite(m: Model, inputs: Record<string, NamedTensor>, outputs: Record<string, NamedTensor>) {
  const bad = Object.entries(outputs).find(([, t]) => !t.data.every(Number.isFinite));
  if (!bad) return;
  const first = await m.firstNonFinite(inputs);
  const where = first ? `; the first ${first.value} appears in kernel ${first.kernel}${first.step ? ` at time step ${first.step}` : ""} (${first.about})` : "";
  throw new CliError(`output '${bad[0]}' holds values that are not finite${where}`, 1);
}

/** The compiled model on the GPU with --weights loaded, or initialised from --seed. */
async function modelWithWeights(manifest: Manifest, opts: Options): Promise<Model> {
  const weights = opts.weights ? readTensors(opts.weights[0], "weights file") : undefined;
  const m = await Model.create(manifest);
  if (weights) m.loadWeights(weights);
  else m.initParams(numberOption(opts, "seed", 0, { integer: true }));
  return m;
}

function required(opts: Options, name: string, what: string): string {
  const v = opts[name]?.[0];
  if (v === undefined) throw new CliError(`missing ${what}`);
  return v;
}

/** The package's version, from its package.json at the package's root (above dist/). */
function version(): string {
  const path = join(dirname(fileURLToPath(import.meta.url)), "../../../package.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}

function help(name?: string): string {
  if (name) {
    const c = commands[name];
    const opts = Object.entries(c.options).map(([k, o]) => `  ${(k.length === 1 ? `-${k}` : `--${k}`) + (o.value ? ` ${o.value}` : "")}`.padEnd(28) + o.about);
    const json = c.json ? ["  --json".padEnd(28) + `print JSON lines on stdout for scripts: ${c.json}`] : [];
    const common = ["  --quiet, -q".padEnd(28) + "print only what was asked for, and errors", "  --help".padEnd(28) + "show this help"];
    return [`usage: ${c.usage}`, "", c.about, "", "options:", ...opts, ...json, ...common].join("\n");
  }
  return [
    "rnnc: compile recurrent cells written as equations into WebGPU compute shaders",
    "",
    "usage: rnnc COMMAND MODEL.cell [options]",
    "",
    ...Object.entries(commands).map(([k, c]) => `  ${k.padEnd(10)}${c.about}`),
    "",
    "Run 'rnnc COMMAND --help' for a command's options, 'rnnc --version' for the version.",
  ].join("\n");
}

function parseOptions(command: Command, args: string[]): { model?: string; operands: string[]; opts: Options; help: boolean; mode: ReportMode } {
  const opts: Options = {};
  let model: string | undefined;
  const operands: string[] = [];
  let wantsHelp = false;
  let mode: ReportMode = "people";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--help" || a === "-h") {
      wantsHelp = true;
      continue;
    }
    if (a === "--quiet" || a === "-q") {
      if (mode === "people") mode = "quiet";
      continue;
    }
    if (a === "--json" && command.json) {
      mode = "json"; // which prints nothing for people anyway
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const [flag, inline] = a.replace(/^--?/, "").split(/=(.*)/s, 2);
      const spec = command.options[flag];
      if (!spec) throw new CliError(`unknown option '${a}' (see 'rnnc ${Object.keys(commands).find((k) => commands[k] === command)} --help')`);
      let value = "true";
      if (spec.value) {
        value = inline ?? args[++i];
        if (value === undefined) throw new CliError(`option '${a}' needs a value: ${spec.value}`);
      }
      if (opts[flag] && !spec.repeat) throw new CliError(`option '${a}' is given twice`);
      (opts[flag] ??= []).push(value);
    } else if (model === undefined) model = a;
    else if (command.operands) operands.push(a);
    else throw new CliError(`unexpected argument '${a}'`);
  }
  return { model, operands, opts, help: wantsHelp, mode };
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // --json is known before the options are read, so that errors reading them are JSON too.
  let report = new Report(commands[name]?.json && rest.includes("--json") ? "json" : "people");
  try {
    if (name === "--version" || name === "-V") {
      console.log(`rnnc ${version()}`);
      return 0;
    }
    if (!name || name === "--help" || name === "-h" || name === "help") {
      console.log(help(rest[0] && commands[rest[0]] ? rest[0] : undefined));
      return 0;
    }
    const command = commands[name];
    if (!command) throw new CliError(`unknown command '${name}'; commands: ${Object.keys(commands).join(", ")}`);
    const { model, operands, opts, help: wantsHelp, mode } = parseOptions(command, rest);
    report = new Report(mode);
    if (wantsHelp) {
      console.log(help(name));
      return 0;
    }
    if (!model) throw new CliError(`missing ${command.operand ?? "the model file"}: ${command.usage}`);
    await command.run(model, opts, report, operands);
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      const count = `${e.diagnostics.length} error${e.diagnostics.length === 1 ? "" : "s"}`;
      report.error(`${e.message}\n\n${count}`, { exitCode: 1, message: `${count} in ${e.file.path}`, diagnostics: { file: e.file, list: e.diagnostics } });
      return 1;
    }
    const exitCode = e instanceof CliError ? e.exitCode : e instanceof UsageError ? 2 : e instanceof ModelInputError || e instanceof GpuUnavailableError || e instanceof GpuError ? 1 : 70;
    const message = exitCode === 70 ? `internal error (please report it with the model file): ${(e as Error).stack ?? e}` : (e as Error).message;
    report.error(`rnnc: ${message}`, { exitCode, message });
    return exitCode;
  }
}
