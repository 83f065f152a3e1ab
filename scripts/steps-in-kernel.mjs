// A recurrence elementwise in its state (minGRU) with its steps inside one kernel, against one
// dispatch per step (stepsInKernel: false): forward, and a training step (forward, backward and
// every gradient, train_step), at T = 256, 1024 and 4096, batch 8. Each figure is the median of
// 5 timed runs after a warm-up, with min-max; the two forms alternate within each round.
//
//   npm run steps-in-kernel [-- --hidden 256 --input 64 --rounds 5]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../dist/compiler/compile.js";
import { acquireDevice } from "../dist/runtime/device.js";
import { Model, ModelInputError } from "../dist/runtime/model.js";

const { values: args } = parseArgs({ options: { hidden: { type: "string", default: "256" }, input: { type: "string", default: "64" }, rounds: { type: "string", default: "5" }, lengths: { type: "string", default: "256,1024,4096" } } });
const [H, I, rounds] = [Number(args.hidden), Number(args.input), Number(args.rounds)];
const B = 8;
const text = readFileSync("dsl-examples/mingru.cell", "utf8");
const sizes = { H, I, L: 1 };
const { device, adapterName } = await acquireDevice();

const models = {};
for (const stepsInKernel of [true, false]) {
  const { manifest } = compile("mingru.cell", text, sizes, { gradients: true, stepsInKernel });
  const model = await Model.create(manifest, device);
  model.initParams(0);
  models[stepsInKernel ? "kernel" : "steps"] = model;
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

console.log(`minGRU, input ${I}, hidden ${H}, batch ${B}, one layer, on ${adapterName}; ms, median of ${rounds} (min-max)\n`);
console.log("| T | forward, one kernel | forward, a dispatch per step | speed-up | training step, one kernel | training step, a dispatch per step | speed-up |");
console.log("|---|---|---|---|---|---|---|");
for (const T of args.lengths.split(",").map(Number)) {
  const x = random([T, B, I]);
  const seeds = { "seed.y": random([T, B, H]), "seed.h_n": random([1, B, H]) };
  const times = { kernel: { forward: [], train: [] }, steps: { forward: [], train: [] } };
  for (let round = -1; round < rounds; round++) {
    for (const form of ["kernel", "steps"]) {
      const forward = await time(models[form], { x }, "forward");
      const train = await time(models[form], { x, ...seeds }, "train_step");
      if (round >= 0) times[form].forward.push(forward), times[form].train.push(train);
    }
  }
  const fits = (xs) => xs.every((x) => x !== undefined);
  const cell = (xs) => (fits(xs) ? `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})` : "does not fit");
  const ratio = (a, b) => (fits(a) && fits(b) ? `${(median(b) / median(a)).toFixed(1)}×` : "–");
  const [k, s] = [times.kernel, times.steps];
  console.log(`| ${T} | ${cell(k.forward)} | ${cell(s.forward)} | ${ratio(k.forward, s.forward)} | ${cell(k.train)} | ${cell(s.train)} | ${ratio(k.train, s.train)} |`);
}
for (const message of tooLarge) console.log(`\ndoes not fit: ${message}`);
process.exit(0);
