// The round trip of docs/scale-out.md, measured: export dsl-examples/char_lstm.cell to PyTorch,
// train it with rnnc_train.py on one process and with torchrun on two (DDP over Gloo, one
// thread each), train it with rnnc train on the WebGPU adapter, all from seed 0 on the same
// batches; then compare the three loss curves and sample from the two-process checkpoint with
// rnnc sample. Prints a table of wall-clock times and losses.
//
//   npm run scale-out [-- --steps 200 --data FILE --out DIR]
//
// Needs /usr/bin/python3 with torch (Debian's python3-torch).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: { steps: { type: "string", default: "200" }, data: { type: "string", default: "../shared/data/tinyshakespeare.txt" }, out: { type: "string", default: "out/scale-out" } },
});
const steps = Number(args.steps);
const PYTHON = "/usr/bin/python3";
const out = args.out;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const vocab = new Set(readFileSync(args.data, "utf8").replace(/^\uFEFF/, "")).size;
const schedule = ["--steps", String(steps), "--batch", "32", "--seq", "64", "--log-every", "10", "--eval-every", String(steps), "--checkpoint-every", String(steps), "--seed", "0"];

function timed(label, command, commandArgs) {
  console.error(`${label}: ${command} ${commandArgs.join(" ")}`);
  const started = performance.now();
  const r = spawnSync(command, commandArgs, { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stdout}\n${r.stderr}`);
  return { seconds, output: r.stdout };
}

const curve = (run) =>
  readFileSync(join(out, run, "loss.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map((v) => (v === "" ? undefined : Number(v))));

timed("export", "node", ["bin/rnnc.js", "export", "--torch", "dsl-examples/char_lstm.cell", "--set", `V=${vocab}`, "-o", join(out, "char_lstm.py")]);
const trainer = join(out, "rnnc_train.py");
const runs = [
  ["PyTorch CPU, 1 process", timed("one process", PYTHON, [trainer, join(out, "char_lstm.py"), "--data", args.data, "-o", join(out, "torch-1"), ...schedule]), "torch-1"],
  ["PyTorch CPU, 2 processes (torchrun, Gloo)", timed("two processes", PYTHON, ["-m", "torch.distributed.run", "--nproc_per_node", "2", "--redirects", "1", "--tee", "1", trainer, join(out, "char_lstm.py"), "--data", args.data, "-o", join(out, "torch-2"), ...schedule]), "torch-2"],
  ["rnnc train, WebGPU", timed("rnnc train", "node", ["bin/rnnc.js", "train", "dsl-examples/char_lstm.cell", "--data", args.data, "-o", join(out, "rnnc"), "-q", ...schedule]), "rnnc"],
];

const reference = curve("torch-1");
console.log(`char_lstm.cell (2 x LSTM 256), ${steps} steps of 32 x 64 characters from seed 0\n`);
console.log("| run | wall-clock s | training s | tokens/s (training) | final train loss | validation loss | largest loss difference from 1 process |");
console.log("|---|---|---|---|---|---|---|");
for (const [label, { seconds }, run] of runs) {
  const rows = curve(run);
  const last = rows[rows.length - 1];
  const difference = Math.max(...rows.map((row, i) => Math.abs(row[1] - reference[i][1])));
  const tokens = (steps * 32 * 64) / last[3];
  console.log(`| ${label} | ${seconds.toFixed(1)} | ${last[3].toFixed(1)} | ${Math.round(tokens).toLocaleString("en")} | ${last[1].toFixed(4)} | ${last[2].toFixed(4)} | ${difference.toExponential(1)} |`);
}
const sample = timed("sample", "node", ["bin/rnnc.js", "sample", "dsl-examples/char_lstm.cell", "--checkpoint", join(out, "torch-2"), "--prompt", "ROMEO:", "--length", "200", "--seed", "1"]);
console.log(`\nrnnc sample from the two-process checkpoint:\n\n${sample.output}`);
