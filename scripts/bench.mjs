// npm run bench: rnnc against its peers on this machine, one table.
//
//   W1      a 1-layer LSTM forward (input 128, batch 32, 128 steps), hidden 256 and 512
//   W1-GRU  the same with a GRU
//   W2      a char-LM training step (vocab 65 -> embedding 64 -> 2 x LSTM 256 -> linear,
//           AdamW, batch 32 x 64)
//   W3      batch-1 generation from a 2 x LSTM 512 char-LM, 1024 tokens, a submission per 32,
//           beside the cost of one near-empty dispatch (an RNN of one unit, a dispatch a step)
//   product the adapter's best measured product rate: rnnc's product kernel alone, the
//           ceiling the workloads above are measured against
//   scans   minGRU and the Mamba-style block (recurrences linear in their state) at T = 256,
//           1024 and 4096, batch 8, forward and training, every step in one kernel against a
//           dispatch per step (scripts/steps-in-kernel.mjs)
//
// Each figure is the median of --rounds timed runs after a warm-up, with min-max; tokens/s and
// achieved GFLOP/s (the products' 2·m·n·k, elementwise work not counted), and for rnnc that
// rate as a share of the product ceiling. The peers, measured in the same run, each in a
// process of its own:
//   - PyTorch on the CPU, one thread (scripts/bench_torch.py; Debian's python3-torch at
//     /usr/bin/python3), when it is there;
//   - TensorFlow.js 4.22's WebGPU backend on the same Dawn adapter (scripts/bench_tfjs.mjs);
//   - ONNX Runtime Web 1.30's WebGPU provider on the same adapter, running W1's layers
//     exported from PyTorch (scripts/bench_ort.mjs).
// Both web peers are benchmark-only dev dependencies. A peer that cannot run is a row saying why.
//
//   npm run bench [-- --rounds 5 --json --no-peers --options '{"vec4Products":false}']
// --no-peers: rnnc's rows alone; --options: compile options for rnnc's models in the table
// (an ablation; the scans below compare their own lowerings on and off).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compile } from "../dist/compiler/compile.js";
import { acquireDevice } from "../dist/runtime/device.js";
import { Model } from "../dist/runtime/model.js";
import { Trainer } from "../dist/runtime/trainer.js";
import { generate } from "../dist/runtime/generation.js";
import { timed } from "./bench_common.mjs";
import { productCeiling } from "../dist/compiler/cli/productCeiling.js";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "5" }, json: { type: "boolean", default: false }, peers: { type: "boolean", default: true }, options: { type: "string", default: "{}" } }, allowNegative: true });
const options = JSON.parse(args.options);
const rounds = Number(args.rounds);
const time = (run) => timed(run, rounds);
const { device, adapterName } = await acquireDevice();
const say = (line) => args.json || console.error(line);

const random = (shape) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.random() * 2 - 1) });
const ids = (shape, V) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.floor(Math.random() * V)) });

/** One forward submission, waited for. */
async function forward(model, inputs) {
  await model.submit(inputs, { read: [] });
  await device.queue.onSubmittedWorkDone();
}

const rows = [];
function row(workload, system, ms, tokens, flops, note) {
  rows.push({ workload, system, ms, tokensPerSecond: ms && tokens / (ms.median / 1000), gflops: ms && flops / (ms.median * 1e6), note });
}

// ---- W1, W1-GRU: one recurrent layer, forward ----
const [I, B, T] = [128, 32, 128];
const recurrent = [
  { name: "W1 LSTM H=256", file: "lstm", H: 256, gates: 4 },
  { name: "W1 LSTM H=512", file: "lstm", H: 512, gates: 4 },
  { name: "W1-GRU H=256", file: "gru", H: 256, gates: 3 },
];
for (const w of recurrent) {
  say(`${w.name}: rnnc ...`);
  const { manifest } = compile(`${w.file}.cell`, readFileSync(`dsl-examples/${w.file}.cell`, "utf8"), { I, H: w.H, L: 1, D: 1 }, options);
  const model = await Model.create(manifest, device);
  model.initParams(0);
  const x = random([T, B, I]);
  const flops = 2 * T * B * w.gates * w.H * (I + w.H);
  row(w.name, "rnnc (WebGPU)", await time(() => forward(model, { x })), T * B, flops);
  model.destroy();
}

// ---- W2: a char-LM training step ----
{
  say("W2 char-LM training step: rnnc ...");
  const [V, E, H, TB, BB] = [65, 64, 256, 64, 32];
  const { manifest } = compile("char_lstm.cell", readFileSync("dsl-examples/char_lstm.cell", "utf8"), { V, E, H, L: 2 }, { ...options, gradients: true, inputGradients: false });
  const model = await Model.create(manifest, device);
  model.initParams(0);
  const trainer = new Trainer(model, { kind: "adamw", lr: 0.002, weightDecay: 0.01, clip: 1 });
  const batch = { tokens: ids([TB, BB], V), targets: ids([TB, BB], V) };
  // Forward and backward: the products of both layers and the decoder, three times over.
  const flops = 3 * 2 * TB * BB * (4 * H * (E + H) + 4 * H * (H + H) + V * H);
  row("W2 char-LM train step", "rnnc (WebGPU)", await time(() => trainer.step(batch, 0.002, true)), TB * BB, flops);
  model.destroy();
}

// ---- W3: batch-1 generation, 2 x LSTM 512, 1024 tokens; and what one dispatch costs ----
const W3 = { tokens: 1024, block: 32 };
{
  say("W3 generation: rnnc ...");
  const [V, E, H] = [65, 64, 512];
  const model = await Model.create(compile("char_lstm.cell", readFileSync("dsl-examples/char_lstm.cell", "utf8"), { V, E, H, L: 2 }, options).manifest, device);
  model.initParams(0);
  const stats = { dispatchesPerToken: 0 };
  const run = async (length) => {
    for await (const _ of generate(model, [0], { length, temperature: 1, topK: 0, seed: 1, block: W3.block }, stats));
  };
  const flops = W3.tokens * 2 * (4 * H * (E + H) + 4 * H * (H + H) + V * H);
  row(`W3 generation, ${W3.tokens} tokens`, "rnnc (WebGPU)", await time(() => run(W3.tokens)), W3.tokens, flops, `${stats.dispatchesPerToken} dispatches per token, a submission per ${W3.block} tokens`);
  W3.dispatches = stats.dispatchesPerToken;
  model.destroy();

  // The cost of a dispatch that does almost nothing: an RNN of one unit, a dispatch per step.
  const steps = 2048;
  const tiny = await Model.create(compile("rnn.cell", readFileSync("dsl-examples/rnn.cell", "utf8"), { I: 1, H: 1, L: 1, D: 1 }, options).manifest, device);
  tiny.initParams(0);
  const x = random([steps, 1, 1]);
  await forward(tiny, { x });
  const perRun = await time(() => forward(tiny, { x }));
  W3.perDispatchUs = (perRun.median * 1000) / tiny.dispatchCount();
  row("one dispatch", "rnnc (WebGPU)", perRun, 0, 0, `${W3.perDispatchUs.toFixed(1)} µs each: ${tiny.dispatchCount()} dispatches of an RNN of one unit`);
  tiny.destroy();
}

// ---- the adapter's product ceiling: rnnc's product kernel alone, on a few shapes ----
{
  say("product ceiling: rnnc ...");
  const best = await productCeiling(rounds, options);
  row(`product ${best.shape}`, "rnnc (WebGPU)", best.ms, 0, best.flops, "the best of three shapes");
}

// ---- recurrences linear in their state: every step in one kernel against a dispatch per step ----
const scans = [];
for (const [cell, extra] of [["mingru", []], ["mamba", ["--hidden", "32"]]]) {
  say(`${cell}: steps in one kernel against a dispatch per step ...`);
  const run = spawnSync("node", ["scripts/steps-in-kernel.mjs", "--cell", cell, ...extra, "--rounds", String(rounds), "--json"], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`scripts/steps-in-kernel.mjs failed: ${run.stderr}`);
  scans.push(JSON.parse(run.stdout.trim().split("\n").at(-1)));
}

// ---- PyTorch on the CPU, one thread ----
const torch = spawnSync("/usr/bin/python3", ["-c", "import torch"], { encoding: "utf8" });
if (!args.peers) say("peers not measured (--no-peers)");
else if (torch.status === 0) {
  say("PyTorch CPU ...");
  const py = spawnSync("/usr/bin/python3", ["scripts/bench_torch.py", String(rounds)], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (py.status !== 0) throw new Error(`scripts/bench_torch.py failed: ${py.stderr}`);
  for (const r of JSON.parse(py.stdout)) row(r.workload, "PyTorch CPU, 1 thread", r.ms, r.tokens, r.flops);
} else for (const w of [...recurrent.map((r) => r.name), "W2 char-LM train step"]) row(w, "PyTorch CPU, 1 thread", undefined, 0, 0, "not measured: /usr/bin/python3 cannot import torch");

// ---- TensorFlow.js, WebGPU backend, on the same Dawn adapter (a process of its own) ----
const workloads = [...recurrent.map((r) => r.name), "W2 char-LM train step"];
if (!args.peers);
else if (await import("@tensorflow/tfjs-core").then(() => true, () => false)) {
  say("TensorFlow.js WebGPU ...");
  const js = spawnSync("node", ["scripts/bench_tfjs.mjs", String(rounds)], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (js.status !== 0) throw new Error(`scripts/bench_tfjs.mjs failed: ${js.stderr}`);
  for (const r of JSON.parse(js.stdout)) row(r.workload, "TensorFlow.js 4.22 WebGPU", r.ms, r.tokens, r.flops, r.workload.startsWith("W2") ? "Adam: it has no AdamW" : undefined);
} else for (const w of workloads) row(w, "TensorFlow.js WebGPU", undefined, 0, 0, "not measured: npm ci installs it (a dev dependency)");

// ---- ONNX Runtime Web, WebGPU execution provider, the same adapter: W1 exported from PyTorch ----
const ortWhy = torch.status !== 0 ? "not measured: the layers are exported from PyTorch, which /usr/bin/python3 lacks" : !(await import("onnxruntime-web/webgpu").then(() => true, () => false)) ? "not measured: npm ci installs it (a dev dependency)" : undefined;
if (!args.peers);
else if (!ortWhy) {
  say("ONNX Runtime Web WebGPU ...");
  const dir = mkdtempSync(join(tmpdir(), "rnnc-bench-"));
  const exported = spawnSync("/usr/bin/python3", ["scripts/bench_torch.py", "--onnx", dir], { encoding: "utf8" });
  if (exported.status !== 0) throw new Error(`scripts/bench_torch.py --onnx failed: ${exported.stderr}`);
  const js = spawnSync("node", ["scripts/bench_ort.mjs", dir, String(rounds)], { encoding: "utf8", maxBuffer: 1 << 24 });
  rmSync(dir, { recursive: true, force: true });
  if (js.status !== 0) throw new Error(`scripts/bench_ort.mjs failed: ${js.stderr}`);
  for (const r of JSON.parse(js.stdout)) row(r.workload, "ONNX Runtime Web 1.30 WebGPU", r.ms, r.tokens, r.flops);
} else for (const r of recurrent) row(r.name, "ONNX Runtime Web WebGPU", undefined, 0, 0, ortWhy);

// ---- the table ----
if (args.json) {
  console.log(JSON.stringify({ adapter: adapterName, rounds, options, rows, scans }, null, 2));
  process.exit(0);
}
const rnncRate = (w) => rows.find((r) => r.workload === w && r.system.startsWith("rnnc"))?.tokensPerSecond;
const fmt = (v, digits = 0) => (v === undefined ? "–" : v.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const span = (ms) => `${fmt(ms.median, 1)} (${fmt(ms.min, 1)}–${fmt(ms.max, 1)})`;
console.log(`rnnc bench on ${adapterName}; ms: median of ${rounds} (min–max)${args.options !== "{}" ? `; rnnc compiled with ${args.options}` : ""}\n`);
const ceiling = rows.find((r) => r.workload.startsWith("product"))?.gflops;
console.log("| workload | system | ms | tokens/s | GFLOP/s | of the adapter's product rate | rnnc's tokens/s over this |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  const ms = r.ms ? span(r.ms) : r.note;
  const rate = r.tokensPerSecond && !r.workload.startsWith("product") ? fmt(r.tokensPerSecond) : "–";
  const ratio = r.ms && !r.system.startsWith("rnnc") && rnncRate(r.workload) ? `${(rnncRate(r.workload) / r.tokensPerSecond).toFixed(2)}×` : "–";
  const counted = r.ms && r.gflops > 0; // a dispatch's cost counts no products
  const share = counted && r.system.startsWith("rnnc") && ceiling ? `${Math.round((100 * r.gflops) / ceiling)}%` : "–";
  console.log(`| ${r.workload} | ${r.system}${r.ms && r.note ? ` (${r.note})` : ""} | ${ms} | ${rate} | ${counted ? fmt(r.gflops, 1) : "–"} | ${share} | ${ratio} |`);
}
if (W3.dispatches) {
  const perToken = rows.find((r) => r.workload.startsWith("W3") && r.system.startsWith("rnnc")).ms.median / W3.tokens;
  const floor = (W3.dispatches * W3.perDispatchUs) / 1000;
  console.log(`\nW3: ${(perToken * 1000).toFixed(0)} µs per token against ${W3.dispatches} dispatches × ${W3.perDispatchUs.toFixed(1)} µs = ${(floor * 1000).toFixed(0)} µs of dispatch overhead (${(perToken / floor).toFixed(1)}×)`);
}
for (const scan of scans) {
  const ms = (x) => (x ? span(x) : "does not fit");
  const speedUp = (on, off) => (on && off ? `${(off.median / on.median).toFixed(1)}×` : "–");
  console.log(`\n${scan.about}, batch ${scan.batch}: every step in one kernel (on) against a dispatch per step (off), ms`);
  console.log("\n| T | forward, on | forward, off | speed-up | training step, on | training step, off | speed-up |\n|---|---|---|---|---|---|---|");
  for (const r of scan.rows) console.log(`| ${r.T} | ${ms(r.forward.on)} | ${ms(r.forward.off)} | ${speedUp(r.forward.on, r.forward.off)} | ${ms(r.train.on)} | ${ms(r.train.off)} | ${speedUp(r.train.on, r.train.off)} |`);
  for (const why of scan.doesNotFit) console.log(`\ndoes not fit: ${why}`);
}
process.exit(0);
