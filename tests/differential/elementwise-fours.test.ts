// Elementwise kernels four elements at a time along the last axis (vec4Elementwise, on by
// default): where that axis is a multiple of four, a kernel reads and computes vec4s, spreads
// what is one number per row (a per-example gate, a constant) to four, and reads gates at
// whole-vec4 column offsets; elsewhere it keeps one element per thread. WebGPU against the
// interpreter, forward and gradients, with a dispatch per step and with every step in one
// kernel, at widths that take each form.
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { gpuChecks, oneLayer, randomTensor, trainStepErrors } from "../helpers.js";

const { device, errors } = gpuChecks();

const cells = {
  // Gates read at column offsets, a per-example gate r spread across the row, constants, and
  // most of the elementwise functions.
  gated: `cell step(x [In]) -> h {
  param W [4*H, In] init uniform(-0.5, 0.5)
  param U [4*H, H] init uniform(-0.5, 0.5)
  param b [4*H] init uniform(-0.5, 0.5)
  param q [1, In] init uniform(-0.5, 0.5)
  state h [H] = 0
  state c [H] = 0
  gates = W @ x + U @ h + b
  r = sigmoid(q @ x + 1)
  c' = sigmoid(gates[H:2*H]) * c + sigmoid(gates[0:H]) * tanh(gates[2*H:3*H]) * r
  h' = sigmoid(gates[3*H:4*H]) * tanh(c') + 0.1 * relu(c') - 0.05 * abs(softplus(c) - 1) + 0.01 * erf(c)
}`,
  // Every step inside one kernel (the state meets no product): registers of four.
  interpolating: `cell step(x [In]) -> h {
  param W_z [H, In] init uniform(-0.5, 0.5)
  param W_h [H, In] init uniform(-0.5, 0.5)
  param b [H] init uniform(-0.5, 0.5)
  state h [H] = 0
  z = sigmoid(W_z @ x + b)
  h' = (1 - z) * h + z * tanh(W_h @ x) + 0.1 * exp(-abs(h))
}`,
};

const lengths = [[1, 1], [5, 3]];

describe("elementwise kernels four at a time match the interpreter", () => {
  const rng = new Random(41);
  for (const [name, cell] of Object.entries(cells))
    for (const H of [4, 8, 6, 1])
      test(`${name}, H=${H}`, async () => {
        const { manifest, lowered } = compile(`${name}.cell`, oneLayer(cell, H), {}, { gradients: true });
        // Four at a time only over a last axis that is a multiple of four; with H one, some step kernel.
        const fours = manifest.kernels.filter((k) => k.wgsl.includes("four elements along the last axis"));
        for (const k of fours) expect(Number(/of \[.*?(\d+)\]/.exec(k.wgsl)![1]) % 4, k.name).toBe(0);
        expect(fours.some((k) => k.name.includes("_step")), "a step kernel four at a time").toBe(H % 4 === 0);
        device().pushErrorScope("validation");
        const gpu = await Model.create(manifest, device());
        gpu.initParams(3);
        for (const [T, B] of lengths) {
          const inputs = { x: randomTensor([T, B, 3], rng), h0: randomTensor([1, B, H], rng), "seed.y": randomTensor([T, B, H], rng), "seed.h_n": randomTensor([1, B, H], rng) };
          expect(await trainStepErrors(gpu, lowered.graph, inputs), `T=${T} B=${B}`).toEqual([]);
        }
        const error = await device().popErrorScope();
        if (error) errors.push(error.message);
        gpu.destroy();
      });
});
