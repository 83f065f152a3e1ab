// Recurrences linear in their state with their lowerings on (every step inside one kernel,
// read-outs mapped over all steps, long sums in parts) and off (a dispatch per step, read-outs
// in the loop, sums in one piece): forward, and a training step (forward, backward and every
// parameter's gradient, train_step, compiled without the input's gradient as training is),
// at T = 256, 1024 and 4096, batch 8. Each figure is the median of 5 timed runs after a
// warm-up, with min-max; the two forms alternate within each round.
//
//   npm run steps-in-kernel [-- --cell mingru --hidden 64 --input 16 --rounds 5]
//   npm run steps-in-kernel -- --cell mamba      (the selective state space block)
//   --json prints the same figures as JSON (npm run bench includes them)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../dist/compiler/compile.js";
import { acquireDevice } from "../dist/runtime/device.js";
import { Model, ModelInputError } from "../dist/runtime/model.js";

const { values: args } = parseArgs({
  options: {
    cell: { type: "string", default: "mingru" },
    hidden: { type: "string", default: "64" },
    input: { type: "string", default: "16" },
    rounds: { type: "string", default: "5" },
    lengths: { type: "string", default: "256,1024,4096" },
    json: { type: "boolean", default: false },
  },
});
const [H, I, rounds] = [Number(args.hidden), Number(args.input), Number(args.rounds)];
const B = 8;
// The sizes of each cell: minGRU's hidden and input widths; the Mamba block's inner width is
// the hidden width, its model width the input width, with 4 states per channel.
const cells = {
  mingru: { sizes: { H, I, L: 1 }, input: I, about: `minGRU, input ${I}, hidden ${H}, one layer` },
  mamba: { sizes: { I, E: H, N: 4, R: 2 }, input: I, about: `the Mamba-style block, width ${I}, inner width ${H}, 4 states per channel` },
};
const cell = cells[args.cell];
if (!cell) throw new Error(`--cell is one of ${Object.keys(cells).join(", ")}`);
const text = readFileSync(`dsl-examples/${args.cell}.cell`, "utf8");
const { device, adapterName } = await acquireDevice();

const models = {};
const seeds = {};
for (const on of [true, false]) {
  const { manifest } = compile(`${args.cell}.cell`, text, cell.sizes, { gradients: true, inputGradients: false, stepsInKernel: on, splitReadouts: on, splitLongSums: on, sumsInLoops: on, inlineProducts: on });
  const model = await Model.create(manifest, device);
  model.initParams(0);
  models[on ? "kernel" : "steps"] = model;
  for (const i of manifest.inputs) if (i.role === "seed") seeds[i.name] = manifest.outputs.find((o) => o.name === i.of).shape;
}

const random = (shape) => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.random() * 2 - 1) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The run's ms, or undefined when its workspace passes the adapter's limits (said once). */
const tooLarge = new Set();
async function time(model, inputs, entry) {
  const started = performance.now();
  try {
    await model.submit(inputs, { entry, read: [] });
  } catch (e) {
    if (!(e instanceof ModelInputError)) throw e;
    tooLarge.add(e.message);
    return undefined;
  }
  await device.queue.onSubmittedWorkDone();
  return performance.now() - started;
}

const say = (line) => args.json || console.log(line);
say(`${cell.about}, batch ${B}, on ${adapterName}; ms, median of ${rounds} (min-max)\n`);
say("| T | forward, lowerings on | forward, off | speed-up | training step, on | training step, off | speed-up |");
say("|---|---|---|---|---|---|---|");
const rows = [];
for (const T of args.lengths.split(",").map(Number)) {
  const x = random([T, B, cell.input]);
  const dims = (shape) => shape.map((d) => (d === "T" ? T : d === "B" ? B : d));
  const seedValues = Object.fromEntries(Object.entries(seeds).map(([name, shape]) => [name, random(dims(shape))]));
  const times = { kernel: { forward: [], train: [] }, steps: { forward: [], train: [] } };
  for (let round = -1; round < rounds; round++) {
    for (const form of ["kernel", "steps"]) {
      const forward = await time(models[form], { x }, "forward");
      const train = await time(models[form], { x, ...seedValues }, "train_step");
      if (round >= 0) times[form].forward.push(forward), times[form].train.push(train);
    }
  }
  const fits = (xs) => xs.every((x) => x !== undefined);
  const shown = (xs) => (fits(xs) ? `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})` : "does not fit");
  const ratio = (a, b) => (fits(a) && fits(b) ? `${(median(b) / median(a)).toFixed(1)}×` : "–");
  const [k, s] = [times.kernel, times.steps];
  say(`| ${T} | ${shown(k.forward)} | ${shown(s.forward)} | ${ratio(k.forward, s.forward)} | ${shown(k.train)} | ${shown(s.train)} | ${ratio(k.train, s.train)} |`);
  const stats = (xs) => (fits(xs) ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null);
  rows.push({ T, forward: { on: stats(k.forward), off: stats(s.forward) }, train: { on: stats(k.train), off: stats(s.train) } });
}
for (const message of tooLarge) say(`\ndoes not fit: ${message}`);
if (args.json) console.log(JSON.stringify({ cell: args.cell, about: cell.about, batch: B, rows, doesNotFit: [...tooLarge] }));
process.exit(0);
