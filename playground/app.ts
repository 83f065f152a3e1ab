// The playground page: a .cell file in an editor, compiled in the page as you type, with its
// diagnostics, IR, schedule and WGSL; the Run and Train tabs run it on this browser's WebGPU.
import { compile, printGraph, printSchedule, type Compiled } from "../compiler/index.js";
import { Editor } from "./editor.js";
import { problemsOf, renderProblems, type Problem } from "./diagnostics.js";
import { LossPlot } from "./lossPlot.js";
import { setupRun } from "./runPanel.js";
import { parseSizes, SizesError } from "./sizes.js";
import { setupTraining, type Source } from "./trainPanel.js";
import { TRAINING_TEXT } from "./trainingText.js";

/** The dsl-examples/*.cell files by name, embedded by serve.mjs at build time. */
declare const PLAYGROUND_EXAMPLES: Record<string, string>;

const COMPILE_DELAY_MS = 200; // compile once typing pauses
const MAX_SHOWN_PROBLEMS = 20; // later ones are mostly echoes of the first
/** Sizes that keep an example small enough to train in a tab (the file's own are for a GPU run). */
const SUGGESTED_SIZES: Record<string, string> = { "char_lstm.cell": "H=64 E=32 L=1" };

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const editor = new Editor($<HTMLTextAreaElement>("editor"), $("gutter"), $("highlight"));
const exampleSelect = $<HTMLSelectElement>("example");
const sizesField = $<HTMLInputElement>("sizes");
const gradientsBox = $<HTMLInputElement>("gradients");
const status = $("status");
const kernelSelect = $<HTMLSelectElement>("kernel");

let path = "";
let state: Source | undefined; // the latest compile of the editor's text
let lastGood: Compiled | undefined; // what the views show
let pending: ReturnType<typeof setTimeout> | undefined;

// ---- compiling ---------------------------------------------------------------------------------

function recompile(): Source {
  clearTimeout(pending);
  pending = undefined;
  const text = editor.text;
  let overrides: Record<string, number> = {};
  const started = performance.now();
  try {
    overrides = parseSizes(sizesField.value, "Sizes");
    const compiled = compile(path, text, overrides, { gradients: gradientsBox.checked });
    showCompiled(compiled, performance.now() - started);
    state = { path, text, overrides, compiled };
  } catch (e) {
    const problems: Problem[] = e instanceof SizesError ? [{ message: e.message }] : problemsOf(e, "Sizes");
    showProblems(problems);
    const listed = problems.map((p) => (p.at ? `line ${p.at.line}:${p.at.col}: ` : "") + p.message).join("; ");
    state = { path, text, overrides, compiled: new Error(`The model does not compile (${listed}); fix it first.`) };
  }
  return state;
}

/** The editor's model as it is now: compiled at once if a compile is still waiting. */
function current(): Source {
  return pending !== undefined || !state || state.text !== editor.text ? recompile() : state;
}

function scheduleCompile() {
  clearTimeout(pending);
  status.dataset.state = "busy";
  pending = setTimeout(recompile, COMPILE_DELAY_MS);
}

function showCompiled(compiled: Compiled, ms: number) {
  const m = compiled.manifest;
  status.dataset.state = "ok";
  status.textContent = `OK: compiled in ${ms.toFixed(0)} ms · ${m.kernels.length} kernels · ${m.parameterCount.toLocaleString("en")} parameters · entries ${Object.keys(m.entries).join(", ")}`;
  renderProblems($("problems"), [], () => {});
  editor.mark([]);
  $("stale-note").hidden = true;
  lastGood = compiled;
  $("ir-view").textContent = printGraph(compiled.lowered.graph);
  $("optimized-view").textContent = printGraph(compiled.optimized.graph);
  $("schedule-view").textContent = printSchedule(compiled.schedule);
  fillKernels(compiled);
}

function showProblems(problems: Problem[]) {
  status.dataset.state = "error";
  const more = problems.length > MAX_SHOWN_PROBLEMS ? ` (the first ${MAX_SHOWN_PROBLEMS} shown)` : "";
  status.textContent = `${problems.length} error${problems.length === 1 ? "" : "s"}${more}`;
  problems = problems.slice(0, MAX_SHOWN_PROBLEMS);
  renderProblems($("problems"), problems, (p) => p.at && editor.reveal(p.at.start, p.at.end));
  editor.mark(problems.flatMap((p) => (p.at ? [{ start: p.at.start, end: p.at.end, message: p.message }] : [])));
  $("stale-note").hidden = !lastGood;
}

// ---- the WGSL view -----------------------------------------------------------------------------

function fillKernels(compiled: Compiled) {
  const previous = kernelSelect.value;
  const names = compiled.manifest.kernels.map((k) => k.name);
  kernelSelect.replaceChildren(...names.map((name, i) => new Option(`${i}: ${name}`, name)));
  kernelSelect.value = names.includes(previous) ? previous : (names[0] ?? "");
  showKernel();
}

function showKernel() {
  const kernel = lastGood?.manifest.kernels.find((k) => k.name === kernelSelect.value);
  $("kernel-info").textContent = kernel ? `workgroup [${kernel.workgroup.join(", ")}] · tile [${kernel.tile.join(", ")}] · ${kernel.bindings.length} buffers` : "";
  $("wgsl-view").textContent = kernel?.wgsl ?? "";
}

// ---- tabs, examples, WebGPU --------------------------------------------------------------------

function setupTabs() {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  for (const tab of tabs)
    tab.addEventListener("click", () => {
      for (const t of tabs) {
        t.setAttribute("aria-selected", String(t === tab));
        $(t.getAttribute("aria-controls")!).hidden = t !== tab;
      }
    });
}

function loadExample(name: string) {
  path = name;
  sizesField.value = SUGGESTED_SIZES[name] ?? "";
  editor.text = PLAYGROUND_EXAMPLES[name] ?? "";
  recompile();
}

/** Without WebGPU the compiler still works; running and training cannot. */
function checkWebGpu(): boolean {
  if ("gpu" in navigator) return true;
  const banner = $("gpu-banner");
  banner.textContent =
    "This browser has no WebGPU: navigator.gpu is missing, so Run and Train are off (the compiler, its diagnostics, IR and WGSL still work). Use a recent Chrome or Edge, or enable WebGPU in this browser's settings.";
  banner.hidden = false;
  for (const id of ["run", "train"]) $<HTMLButtonElement>(id).disabled = true;
  return false;
}

function main() {
  setupTabs();
  for (const name of Object.keys(PLAYGROUND_EXAMPLES)) exampleSelect.append(new Option(name, name));
  exampleSelect.addEventListener("change", () => loadExample(exampleSelect.value));
  editor.onInput(scheduleCompile);
  sizesField.addEventListener("input", scheduleCompile);
  gradientsBox.addEventListener("change", () => recompile());
  kernelSelect.addEventListener("change", showKernel);

  const trainText = $<HTMLTextAreaElement>("train-text");
  trainText.value = TRAINING_TEXT;
  const compiledNow = () => current().compiled;
  setupRun({ button: $("run"), sizes: $("run-sizes"), seed: $("run-seed"), status: $("run-status"), output: $("run-output") }, compiledNow);
  setupTraining(
    {
      text: trainText,
      steps: $("steps"),
      batch: $("batch"),
      seq: $("seq"),
      lr: $("lr"),
      train: $("train"),
      stop: $("stop"),
      status: $("train-status"),
      sampleBox: $("sample-box"),
      prompt: $("prompt"),
      length: $("sample-length"),
      temperature: $("temperature"),
      sample: $("sample"),
      sampleStatus: $("sample-status"),
      sampleOutput: $("sample-output"),
    },
    new LossPlot(document.getElementById("loss-plot") as unknown as SVGSVGElement),
    current,
  );
  checkWebGpu();
  loadExample(exampleSelect.value);
}

main();
