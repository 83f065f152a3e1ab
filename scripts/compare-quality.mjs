// The quality half of the RNN-versus-transformer comparison: the char-LSTM and the char
// transformer at matched parameter counts, each trained on the same text for the same budget of
// training seconds (rnnc train --time), one after the other on this machine; then their
// validation curves against steps and against seconds in one SVG, a sample from each, and a
// table in Markdown. Run `npm run build` first (npm run compare:quality does).
//
//   node scripts/compare-quality.mjs [--data FILE] [--seconds S] [--batch B] [--seq T] [--out DIR] [--svg FILE]
//        [--models LSTM,transformer]   (or minGRU: char_mingru.cell, the same parameters within 1%)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: o } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data/tinyshakespeare.txt" },
    seconds: { type: "string", default: "480" },
    batch: { type: "string", default: "16" },
    seq: { type: "string", default: "64" },
    out: { type: "string", default: "out/compare-quality" },
    svg: { type: "string", default: "docs/rnn-vs-transformer-quality.svg" },
    models: { type: "string", default: "LSTM,transformer" },
  },
});

// H=176 puts the 2-layer LSTM within 1% of the transformer's 437,888 parameters.
const known = [
  { name: "LSTM", file: "dsl-examples/char_lstm.cell", set: ["H=176"], colour: "#1f77b4" },
  { name: "transformer", file: "dsl-examples/char_transformer.cell", set: [], colour: "#d62728" },
  { name: "minGRU", file: "dsl-examples/char_mingru.cell", set: [], colour: "#2ca02c" },
];
const models = o.models.split(",").map((name) => known.find((m) => m.name === name) ?? fail(`--models: '${name}' is not one of ${known.map((m) => m.name).join(", ")}`));
function fail(message) {
  console.error(message);
  process.exit(2);
}
const common = ["--data", o.data, "--time", o.seconds, "--batch", o.batch, "--seq", o.seq, "--lr", "0.002", "--warmup", "50", "--eval-every", "100", "--eval-batches", "16", "--log-every", "10", "--seed", "1", "--force", "--json"];

/** Run rnnc with these arguments; its JSON lines, each parsed. */
function rnnc(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("node", ["bin/rnnc.js", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`rnnc ${args.join(" ")} failed (${code})`))));
  });
}

mkdirSync(o.out, { recursive: true });
const results = [];
for (const m of models) {
  const dir = join(o.out, m.name.toLowerCase());
  const sets = m.set.flatMap((s) => ["--set", s]);
  console.error(`training the ${m.name} for ${o.seconds} s ...`);
  const events = (await rnnc(["train", m.file, ...sets, ...common, "-o", dir])).trim().split("\n").map((l) => JSON.parse(l));
  const start = events.find((e) => e.event === "start");
  const done = events.at(-1);
  const curve = events.filter((e) => e.event === "validation").map((e) => ({ step: e.step, seconds: e.seconds, loss: e.loss }));
  const sample = await rnnc(["sample", m.file, "--checkpoint", dir, "--prompt", "ROMEO:", "--length", "300", "--temperature", "0.8", "--seed", "1"]);
  results.push({ ...m, parameters: start.parameters, steps: done.step, seconds: done.trainingSeconds, validation: done.validation, tokensPerSecond: Math.round((done.step * Number(o.batch) * Number(o.seq)) / done.trainingSeconds), curve, sample });
}
writeFileSync(join(o.out, "quality.json"), JSON.stringify({ options: o, results }, null, 2));
writeFileSync(o.svg, plot(results));

const [first, ...others] = results;
console.log(`| model | parameters | steps in ${o.seconds} s | training tokens/s | validation loss (nats/char) |`);
console.log("|---|---|---|---|---|");
for (const r of results) console.log(`| ${r.name} | ${r.parameters.toLocaleString("en")} | ${r.steps.toLocaleString("en")} | ${r.tokensPerSecond.toLocaleString("en")} | ${r.validation.toFixed(3)} |`);
for (const r of others) {
  const more = (r.parameters / first.parameters - 1) * 100;
  console.log(`\nparameters: the ${r.name} has ${Math.abs(more).toFixed(1)}% ${more >= 0 ? "more" : "fewer"} than the ${first.name}`);
}
for (const r of results) console.log(`\n${r.name} sample:\n${r.sample}`);

/** Validation loss against steps (left) and against training seconds (right), every model. */
function plot(runs) {
  const [w, h, pad, gap] = [900, 380, 56, 40];
  const panel = (w - 2 * pad - gap) / 2;
  const losses = runs.flatMap((r) => r.curve.map((p) => p.loss));
  const [lo, hi] = [Math.min(...losses), Math.max(...losses)];
  const y = (v) => h - pad - ((h - 2 * pad) * (v - lo)) / (hi - lo || 1);
  const parts = [];
  for (const [i, key, label] of [[0, "step", "step"], [1, "seconds", "training seconds"]]) {
    const x0 = pad + i * (panel + gap);
    const max = Math.max(...runs.flatMap((r) => r.curve.map((p) => p[key])));
    const x = (v) => x0 + (panel * v) / max;
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      const v = lo + f * (hi - lo);
      parts.push(`<line x1="${x0}" x2="${x0 + panel}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
      if (i === 0) parts.push(`<text x="${x0 - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${v.toFixed(2)}</text>`);
      parts.push(`<text x="${x(f * max).toFixed(1)}" y="${h - pad + 16}" text-anchor="middle" font-size="11">${Math.round(f * max)}</text>`);
    }
    parts.push(`<line x1="${x0}" y1="${h - pad}" x2="${x0 + panel}" y2="${h - pad}" stroke="black"/>`);
    parts.push(`<text x="${x0 + panel / 2}" y="${h - 12}" text-anchor="middle" font-size="12">${label}</text>`);
    for (const r of runs) parts.push(`<polyline fill="none" stroke="${r.colour}" stroke-width="2" points="${r.curve.map((p) => `${x(p[key]).toFixed(1)},${y(p.loss).toFixed(1)}`).join(" ")}"/>`);
  }
  const legend = runs.map((r) => `<tspan fill="${r.colour}">${r.name} (${r.parameters.toLocaleString("en")} parameters)</tspan>`).join("   ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${w / 2}" y="22" text-anchor="middle" font-size="13">validation loss (nats per character), the same ${o.seconds} s of training each</text>`,
    `<text x="${w / 2}" y="40" text-anchor="middle" font-size="12">${legend}</text>`,
    `<text x="16" y="${h / 2}" transform="rotate(-90 16 ${h / 2})" text-anchor="middle" font-size="12">validation loss</text>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
