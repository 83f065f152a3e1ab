// The product kernels in every form they take: matmul (forward), matmul_t (an input's gradient)
// and outer_sum (a weight's gradient, split in parts over many rows), at top level and inside a
// time step, four floats at a time where strides allow and one at a time where they do not, and
// the one-row variant batch-1 generation dispatches. Sizes are drawn, edges included: a tile
// cut by the rows or the columns, one row, one step. WebGPU against the interpreter, and the
// gradient of the initial state too: the backward loop keeps its adjoint in two slots used in
// turn, which an odd or even number of steps leaves in the same place.
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { gpuChecks, randomTensor, trainStepErrors } from "../helpers.js";

const { device, errors } = gpuChecks();

// A layer (top-level products) feeding a recurrence (products inside a step).
const cell = (K: number, N: number) => `size K = ${K}
size N = ${N}
size T, B
cell step(u [N]) -> h {
  param U [N, N] init uniform(-0.5, 0.5)
  state h [N] = 0
  h' = tanh(U @ h + u)
}
model {
  input x [T, B, K]
  input h0 [1, B, N] optional
  param W [N, K] init uniform(-0.5, 0.5)
  param bias [N] init uniform(-0.5, 0.5)
  y = W @ x + bias
  z, h_n = step(y, h0)
  output y, z, h_n
}
`;

// [K, N]: all multiples of four (vec4 kernels, tiles cut at the edges), and odd ones (one float at a time).
const widths = [[4, 4], [8, 12], [12, 20], [16, 28], [20, 8], [7, 12], [8, 9], [5, 3]];
// [T, B]: one row, a few rows, rows past a tile, many rows (the weight gradients in parts).
const lengths = [[1, 1], [3, 5], [2, 9], [70, 9]];

describe("products on WebGPU match the interpreter, forward and gradients", () => {
  const rng = new Random(21);
  for (const [K, N] of widths)
    test(`K=${K} N=${N}`, async () => {
      const { manifest, lowered } = compile("products.cell", cell(K, N), {}, { gradients: true });
      // Four floats at a time wherever the strides allow: everywhere with K and N multiples of four, nowhere with N odd.
      const products = manifest.kernels.filter((k) => / product; each thread/.test(k.wgsl));
      const wide = products.filter((k) => k.wgsl.includes("array<vec4f>")).length;
      if (N % 4) expect(wide).toBe(0);
      else if (K % 4) expect(wide).toBeGreaterThan(0);
      else expect(wide).toBe(products.length);
      expect(manifest.kernels.some((k) => k.name.endsWith("_one_row"))).toBe(true);
      device().pushErrorScope("validation");
      const model = await Model.create(manifest, device());
      model.initParams(5);
      for (const [T, B] of lengths) {
        const inputs = { x: randomTensor([T, B, K], rng), h0: randomTensor([1, B, N], rng), "seed.y": randomTensor([T, B, N], rng), "seed.z": randomTensor([T, B, N], rng), "seed.h_n": randomTensor([1, B, N], rng) };
        expect(await trainStepErrors(model, lowered.graph, inputs), `T=${T} B=${B}`).toEqual([]);
      }
      const error = await device().popErrorScope();
      if (error) errors.push(error.message);
      model.destroy();
    });
});
