// Truncated BPTT's length, measured: the char-LSTM trained with the gradient cut every 16, 64
// and 256 characters (--seq; the state carries across the cut either way) on the same number
// of characters, then each evaluated the same way (the whole validation split in windows of
// 64, the state carried); with the training workspace each length needs. Run `npm run build`
// first.
//
//   node scripts/bptt-length.mjs [--data FILE] [--tokens N] [--batch B] [--out DIR]
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compile } from "../dist/compiler/compile.js";
import { evalSize } from "../dist/format/sizes.js";
import { readSafetensors } from "../dist/format/safetensors.js";
import { Model } from "../dist/runtime/model.js";
import { CharText, batchAt, batchesPerEpoch } from "../dist/runtime/text.js";

const { values: o } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data/tinyshakespeare.txt" },
    tokens: { type: "string", default: "614400" }, // 600 steps of 16 x 64
    batch: { type: "string", default: "16" },
    out: { type: "string", default: "out/bptt-length" },
  },
});
const lengths = [16, 64, 256];
const B = Number(o.batch);
const file = "dsl-examples/char_lstm.cell";
const sizes = { H: 176 }; // the LSTM of docs/rnn-vs-transformer.md
const text = new CharText(readFileSync(o.data, "utf8"));
mkdirSync(o.out, { recursive: true });

/** Validation loss over the whole validation split, windows of T characters, the state carried. */
async function validate(weights, T = 64) {
  const model = await Model.create(compile(file, readFileSync(file, "utf8"), { ...sizes, V: text.vocab.length }).manifest);
  model.loadWeights(weights);
  const ids = text.split("validation");
  let state = {};
  let total = 0;
  const n = batchesPerEpoch(ids, T, B);
  for (let k = 0; k < n; k++) {
    const out = await model.run({ ...batchAt(ids, k, T, B).batch, ...state });
    total += out.loss.data[0];
    state = { h0: out.h_n, c0: out.c_n };
  }
  model.destroy();
  return total / n;
}

const rows = [];
for (const T of lengths) {
  const steps = Math.round(Number(o.tokens) / (B * T));
  const dir = join(o.out, `seq${T}`);
  const sets = Object.entries(sizes).flatMap(([k, v]) => ["--set", `${k}=${v}`]);
  console.error(`--seq ${T}: ${steps} steps of ${B} x ${T} ...`);
  const started = performance.now();
  const run = spawnSync("node", ["bin/rnnc.js", "train", file, ...sets, "--data", o.data, "--seq", String(T), "--batch", String(B), "--steps", String(steps), "--eval-every", String(steps), "--eval-batches", "1", "--checkpoint-every", String(steps), "--seed", "1", "--force", "--json", "-o", dir], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  const seconds = (performance.now() - started) / 1000;
  const done = run.stdout.trim().split("\n").map((l) => JSON.parse(l)).at(-1);
  const checkpoint = JSON.parse(readFileSync(join(dir, "checkpoint.json"), "utf8"));
  const weights = readSafetensors(readFileSync(join(dir, checkpoint.files.weights.name)));
  const manifest = compile(file, readFileSync(file, "utf8"), { ...sizes, V: text.vocab.length }, { gradients: true, inputGradients: false }).manifest;
  const workspace = evalSize(manifest.buffers[1].size, { T, B }) * 4;
  rows.push({ T, steps, seconds, trainingSeconds: done.trainingSeconds, validation: await validate(weights), workspaceMiB: workspace / 2 ** 20 });
}
writeFileSync(join(o.out, "bptt.json"), JSON.stringify({ options: o, rows }, null, 2));
console.log(`| BPTT length (--seq) | steps of ${B} streams | characters | training workspace | wall-clock | validation loss (nats/char) |`);
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.T} | ${r.steps} | ${(r.steps * B * r.T).toLocaleString("en")} | ${r.workspaceMiB.toFixed(1)} MiB | ${r.seconds.toFixed(0)} s | ${r.validation.toFixed(3)} |`);
