// Training needs only the parameters' gradients. Compiled with inputGradients: false, a model
// outputs no grad.<input>, drops the work that only an input's gradient needed (the product
// over all steps that carries a layer's gradient back to its input), and keeps the gradients
// that a layer above passes to the one below. WebGPU against the interpreter.
import { expect, test } from "vitest";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { compileExample, gpuChecks, randomTensor, trainStepErrors } from "../helpers.js";

const { device, errors } = gpuChecks();

// The backward pass's products that carry a gradient back through a weight (W^T·δ over all
// steps), to the input or to the layer below; each also has a kernel for one row, not counted.
const backwardProducts = (kernels: { name: string }[]) => kernels.filter((k) => k.name.startsWith("matmul_t") && !k.name.endsWith("_one_row")).length;

test.each([
  ["mingru", { I: 3, H: 4, L: 1 }, 0],
  ["mingru", { I: 3, H: 4, L: 2 }, 2], // layer 2's gradient still reaches layer 1, through both of its gates' weights
  ["lstm", { I: 3, H: 5, L: 2 }, 1], // and through an LSTM's one stacked weight
])("%s %o: parameters' gradients alone, as with every gradient", async (name, sizes, kept) => {
  const all = compileExample(name, sizes, { gradients: true });
  const params = compileExample(name, sizes, { gradients: true, inputGradients: false });
  const inputs = all.manifest.inputs.map((i) => i.name); // x, and an LSTM's h0 and c0
  const gradients = (m: typeof all.manifest) => m.outputs.filter((o) => o.role === "gradient").map((o) => o.of!);
  expect(gradients(params.manifest)).toEqual(gradients(all.manifest).filter((g) => !inputs.includes(g)));
  expect(gradients(params.manifest)).toEqual(params.manifest.params.map((p) => p.name));
  expect(backwardProducts(params.manifest.kernels)).toBe(kept);
  expect(backwardProducts(all.manifest.kernels)).toBeGreaterThan(kept);

  const model = await Model.create(params.manifest, device());
  model.initParams(3);
  const rng = new Random(5);
  for (const [T, B] of [[1, 1], [6, 3]]) {
    // A seed per output, so every gradient is something to compare.
    const dims = (shape: (number | string)[]) => shape.map((d) => (d === "T" ? T : d === "B" ? B : (d as number)));
    const seeds = params.manifest.inputs.filter((i) => i.role === "seed").map((i) => [i.name, randomTensor(dims(i.shape), rng)]);
    const feed = { x: randomTensor([T, B, sizes.I], rng), ...Object.fromEntries(seeds) };
    errors.push(...(await trainStepErrors(model, params.lowered.graph, feed, 1e-5, { inputGradients: false })).map((e) => `${name} ${JSON.stringify(sizes)} T=${T} B=${B} ${e}`));
  }
  model.destroy();
});
