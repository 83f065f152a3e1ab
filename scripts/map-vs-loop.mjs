// Forward time of a model whose cells have no state, with those loops run as one map over all
// steps (the default) and step by step (mapStateless: false): the median of 5 runs after one
// warm-up, with min–max. Run after `npm run build`:
//   node scripts/map-vs-loop.mjs [MODEL.cell] [T] [B]     (default: the char transformer, 64, 16)
import { readFileSync } from "node:fs";
import { compile } from "../dist/compiler/compile.js";
import { acquireDevice } from "../dist/runtime/device.js";
import { Model } from "../dist/runtime/model.js";

const [file = "dsl-examples/char_transformer.cell", T = 64, B = 16] = process.argv.slice(2).map((a, i) => (i ? Number(a) : a));
const text = readFileSync(file, "utf8");
const device = (await acquireDevice()).device;
const tokens = { shape: [T, B], data: Float32Array.from({ length: T * B }, (_, i) => (i * 7) % 5) };
for (const mapStateless of [true, false]) {
  const compiled = compile(file, text, {}, { mapStateless });
  const model = await Model.create(compiled.manifest, device);
  await model.run({ tokens });
  const ms = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    await model.run({ tokens });
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const how = mapStateless ? "mapped      " : "step by step";
  console.log(`${how}  ${compiled.manifest.kernels.length} kernels  forward T=${T} B=${B}: ${ms[2].toFixed(0)} ms (${ms[0].toFixed(0)}–${ms[4].toFixed(0)}), ${Math.round((T * B * 1000) / ms[2])} tokens/s`);
  model.destroy();
}
process.exit(0);
