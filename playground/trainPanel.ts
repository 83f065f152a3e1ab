// The Train tab: the editor's model trained as a character model on the text in the tab, with a
// live loss plot, then sampled from. One model at a time: training again replaces it.
import { compile, type Compiled } from "../compiler/index.js";
import { batchesPerEpoch, CharText, languageModelProblem, Model, sampleText, trainLanguageModel, type TrainingOptions } from "../runtime/index.js";
import type { LossPlot } from "./lossPlot.js";

export interface TrainElements {
  text: HTMLTextAreaElement;
  steps: HTMLInputElement;
  batch: HTMLInputElement;
  seq: HTMLInputElement;
  lr: HTMLInputElement;
  train: HTMLButtonElement;
  stop: HTMLButtonElement;
  status: HTMLElement;
  sampleBox: HTMLFieldSetElement;
  prompt: HTMLInputElement;
  length: HTMLInputElement;
  temperature: HTMLInputElement;
  sample: HTMLButtonElement;
  sampleStatus: HTMLElement;
  sampleOutput: HTMLElement;
}

/** What the editor holds: its file name, text and size overrides, and whether it compiles. */
export interface Source {
  path: string;
  text: string;
  overrides: Record<string, number>;
  compiled: Compiled | Error;
}

/** Thrown from a training hook to end the run between steps (trainLanguageModel has no cancel). */
class Stopped extends Error {}

export function setupTraining(el: TrainElements, plot: LossPlot, current: () => Source) {
  let trained: { model: Model; vocab: string[] } | undefined;
  let stopRequested = false;
  let samples = 0; // each sample draws with a new seed

  const busy = (on: boolean) => {
    el.train.disabled = on;
    el.sample.disabled = on;
    el.stop.disabled = !on;
    stopRequested = false;
  };
  const say = (target: HTMLElement, text: string, error = false) => {
    target.textContent = text;
    target.className = error ? "error-text" : "";
  };

  el.stop.addEventListener("click", () => {
    stopRequested = true;
    el.stop.disabled = true;
  });

  el.train.addEventListener("click", async () => {
    busy(true);
    let model: Model | undefined;
    try {
      const source = current();
      if (source.compiled instanceof Error) throw source.compiled;
      if (!Object.hasOwn(source.compiled.manifest.sizes, "V"))
        throw new Error("Training needs a character model: one that declares size V (the vocabulary), inputs tokens and targets, and outputs loss and logits, as char_lstm.cell does.");
      const text = new CharText(el.text.value);
      const options = trainingOptions(el, text);
      say(el.status, "Compiling with gradients…");
      const { manifest } = compile(source.path, source.text, { ...source.overrides, V: text.vocab.length }, { gradients: true });
      trained?.model.destroy();
      trained = undefined;
      el.sampleBox.disabled = true;
      model = await Model.create(manifest);
      const problem = languageModelProblem(model);
      if (problem) throw new Error(`This model cannot be trained on text: ${problem}`);
      model.initParams(1);

      plot.reset(options.steps);
      const started = performance.now();
      let last = { step: 0, loss: NaN, validation: NaN };
      say(el.status, `Training: step 0 of ${options.steps}…`);
      try {
        await trainLanguageModel(model, text, options, {
          loss: (step, loss) => {
            plot.addLoss(step, loss);
            last = { ...last, step, loss };
          },
          validation: (step, loss) => {
            plot.addValidation(step, loss);
            last = { ...last, validation: loss };
          },
          progress: (step) => {
            const rate = (step * options.batch * options.seq) / ((performance.now() - started) / 1000);
            say(el.status, `Training: step ${step} of ${options.steps} · loss ${last.loss.toFixed(3)} · ${rate.toFixed(0)} characters/s`);
            if (stopRequested) throw new Stopped();
          },
        });
      } catch (e) {
        if (!(e instanceof Stopped)) throw e;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const validation = Number.isNaN(last.validation) ? "" : `, validation loss ${last.validation.toFixed(3)}`;
      say(el.status, `${last.step < options.steps ? "Stopped" : "Trained"} after ${last.step} steps in ${seconds} s: loss ${last.loss.toFixed(3)}${validation} (vocabulary of ${text.vocab.length} characters).`);
      trained = { model, vocab: text.vocab };
      model = undefined;
      el.sampleBox.disabled = false;
    } catch (e) {
      model?.destroy();
      say(el.status, e instanceof Error ? e.message : String(e), true);
    } finally {
      busy(false);
    }
  });

  el.sample.addEventListener("click", async () => {
    if (!trained) return;
    busy(true);
    const prompt = el.prompt.value;
    const promptShown = document.createElement("b");
    promptShown.textContent = prompt;
    const generated = document.createElement("span");
    generated.id = "sample-text";
    el.sampleOutput.replaceChildren(promptShown, generated);
    say(el.sampleStatus, "Sampling…");
    const started = performance.now();
    try {
      const options = { length: whole(el.length, "Length"), temperature: positive(el.temperature, "Temperature"), topK: 0, seed: ++samples };
      for (const c of prompt) if (!trained.vocab.includes(c)) throw new Error(`The prompt has ${JSON.stringify(c)}, which is not in the training text's vocabulary.`);
      for await (const c of sampleText(trained.model, trained.vocab, prompt, options)) {
        generated.textContent += c;
        if (stopRequested) break;
      }
      const n = [...(generated.textContent ?? "")].length;
      say(el.sampleStatus, `Sampled ${n} characters in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    } catch (e) {
      say(el.sampleStatus, e instanceof Error ? e.message : String(e), true);
    } finally {
      busy(false);
    }
  });
}

/** The options from the tab's fields; the text must hold a batch for training and one for validation (its last 10%). */
function trainingOptions(el: TrainElements, text: CharText): TrainingOptions {
  const [steps, batch, seq, lr] = [whole(el.steps, "Steps"), whole(el.batch, "Batch"), whole(el.seq, "Seq"), positive(el.lr, "LR")];
  if (text.ids.length < 2) throw new Error("Paste a training text first.");
  const validationBatches = batchesPerEpoch(text.split("validation"), seq, batch);
  if (validationBatches < 1 || batchesPerEpoch(text.split("train"), seq, batch) < 1)
    throw new Error(`The text (${text.ids.length} characters) is too short for batches of ${batch} × ${seq} characters: its last 10% validates and needs a batch too. Use a smaller batch or seq, or a longer text.`);
  return {
    steps,
    batch,
    seq,
    lr,
    minLr: lr / 10,
    warmup: Math.min(20, Math.floor(steps / 10)),
    optimizer: "adamw",
    clip: 1,
    weightDecay: 0.01,
    momentum: 0.9,
    seed: 0,
    logEvery: 1, // every step's loss, for the plot
    evalEvery: Math.max(1, Math.round(steps / 10)),
    evalBatches: Math.min(8, validationBatches), // enough for a steady number, without stalling the run
    checkpointEvery: steps, // no checkpoint hook: nothing is saved
  };
}

function whole(input: HTMLInputElement, name: string): number {
  const v = Number(input.value);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number, 1 or more.`);
  return v;
}

function positive(input: HTMLInputElement, name: string): number {
  const v = Number(input.value);
  if (!(v > 0) || !Number.isFinite(v)) throw new Error(`${name} must be a number above 0.`);
  return v;
}
