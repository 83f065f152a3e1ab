// Where a run's time goes: each kernel's share of one entry (forward or train_step), every
// dispatch timed alone (Model.kernelTimes), after two whole runs, which are timed too.
//
//   npm run build && node scripts/kernel-times.mjs MODEL.cell --at T=128 --at B=32 [--set H=256 ...]
//       [--entry train_step] [--options '{"vec4Elementwise":false}'] [--top 12]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../dist/compiler/compile.js";
import { acquireDevice } from "../dist/runtime/device.js";
import { Model } from "../dist/runtime/model.js";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    at: { type: "string", multiple: true, default: [] },
    set: { type: "string", multiple: true, default: [] },
    entry: { type: "string", default: "forward" },
    options: { type: "string", default: "{}" },
    top: { type: "string", default: "12" },
  },
});
const pairs = (list) => Object.fromEntries(list.map((p) => p.split("=")).map(([k, v]) => [k, Number(v)]));
const [file] = positionals;
if (!file) throw new Error("usage: node scripts/kernel-times.mjs MODEL.cell --at T=128 --at B=32 [--set NAME=VALUE] [--entry train_step]");
const runtime = pairs(args.at);
const sizes = pairs(args.set);
const { device, adapterName } = await acquireDevice();
const { manifest } = compile(file, readFileSync(file, "utf8"), sizes, { gradients: args.entry === "train_step", ...JSON.parse(args.options) });
const model = await Model.create(manifest, device);
model.initParams(0);

// Random inputs at the given sizes; ids are 1 (below every table's size).
const dim = (d) => (typeof d === "number" ? d : (runtime[d] ?? sizes[d] ?? manifest.sizes[d]));
const inputs = {};
for (const i of manifest.inputs) {
  const shape = i.shape.map(dim);
  const n = shape.reduce((a, b) => a * b, 1);
  inputs[i.name] = { shape, data: Float32Array.from({ length: n }, () => (i.ids ? 1 : Math.random() * 2 - 1)) };
}
for (let k = 0; k < 2; k++) {
  const start = performance.now();
  await model.submit(inputs, { entry: args.entry, read: [] });
  await device.queue.onSubmittedWorkDone();
  console.log(`whole run ${k + 1}: ${(performance.now() - start).toFixed(1)} ms`);
}
console.log(`\n${file}, ${args.entry}, ${JSON.stringify(runtime)}, on ${adapterName}: ms per kernel, its dispatches timed alone\n`);
for (const t of (await model.kernelTimes(args.entry)).slice(0, Number(args.top))) console.log(`${t.ms.toFixed(2).padStart(9)}  ${String(t.dispatches).padStart(5)} x  ${t.kernel}`);
model.destroy();
process.exit(0);
