// A loop's per-step output written over a per-step input (compiler/schedule/inPlace.ts): an
// LSTM's or a GRU's backward loop writes the gate gradients over the gate pre-activations.
// Where every thread reads only its own elements the planner shares the space; where a step
// reads its input across elements (a sum over the row), or after the write, it must not, or a
// thread would read what has already been overwritten. WebGPU against the interpreter,
// forward and gradients, in both activation modes, at a few lengths and batches.
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { gpuChecks, oneLayer, randomTensor, trainStepErrors } from "../helpers.js";

const { device, errors } = gpuChecks();

// H = 5: a row of gates straddles the software GPU's groups of eight threads, so a thread that
// read another's element after it was overwritten would show.
const H = 5;

const cells = {
  // Each thread of the backward step reads its own gates and writes their gradients.
  gru: `cell step(x [In]) -> h {
  param W [3*H, In] init uniform(-0.5, 0.5)
  param U [3*H, H] init uniform(-0.5, 0.5)
  param b [3*H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gates = W @ x + U @ h + b
  h' = tanh(gates[0:H]) * sigmoid(gates[H:2*H]) + tanh(gates[2*H:3*H])
}`,
  // A gate scaled by its row's mean: each gate's gradient reads every gate of the row.
  rowMean: `cell step(x [In]) -> h {
  param W [2*H, In] init uniform(-0.5, 0.5)
  param U [2*H, H] init uniform(-0.5, 0.5)
  param b [2*H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gates = W @ x + U @ h + b
  h' = tanh(gates[0:H]) * sigmoid(sum(gates) / (2 * H))
}`,
  // The state's own gradient reads a gate after the gate gradients are written (a step later in the step).
  leaky: `cell step(x [In]) -> h {
  param W [2*H, In] init uniform(-0.5, 0.5)
  param U [2*H, H] init uniform(-0.5, 0.5)
  param b [2*H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gates = W @ x + U @ h + b
  z = sigmoid(gates[0:H])
  h' = (1 - z) * h + z * tanh(gates[H:2*H])
}`,
  // Every step in one kernel, its per-step output written over the input the state's next
  // value reads: that value must be computed before the write.
  inKernel: `cell step(x [In]) -> out {
  param W [H, In] init uniform(-0.5, 0.5)
  state h [H] = 0
  a = W @ x
  h' = 0.5 * h + tanh(a)
  out = tanh(h) * 2
}`,
  // One gate read at another's columns, shifted by two.
  shifted: `cell step(x [In]) -> h {
  param W [2*H, In] init uniform(-0.5, 0.5)
  param U [2*H, H] init uniform(-0.5, 0.5)
  param b [2*H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gates = W @ x + U @ h + b
  h' = tanh(gates[0:H]) * sigmoid(gates[H-2:2*H-2])
}`,
};

const lengths = [[1, 1], [5, 3], [8, 6]];

describe("outputs written over inputs match the interpreter", () => {
  const rng = new Random(31);
  for (const [name, cell] of Object.entries(cells))
    for (const activations of ["save", "recompute"] as const)
      test(`${name}, activations ${activations}`, async () => {
        const { manifest, lowered, schedule } = compile(`${name}.cell`, oneLayer(cell, H), {}, { gradients: true, activations });
        const region = (r: number) => schedule.memory.name(r);
        const backward = schedule.inPlace.filter((p) => /backward/.test(region(p.output)));
        // The gate gradients go over the pre-activations; never where a step reads across the row or after the write.
        if (name === "gru") expect(backward.length, "the backward loop writes in place").toBe(1);
        else if (name === "inKernel") expect(schedule.inPlace.some((p) => region(p.output).endsWith("_out")), "the output goes over W x").toBe(true);
        else expect(backward, "no output over an input read across elements").toEqual([]);
        device().pushErrorScope("validation");
        const gpu = await Model.create(manifest, device());
        gpu.initParams(7);
        for (const [T, B] of lengths) {
          const inputs = { x: randomTensor([T, B, 3], rng), h0: randomTensor([1, B, H], rng), "seed.y": randomTensor([T, B, H], rng), "seed.h_n": randomTensor([1, B, H], rng) };
          expect(await trainStepErrors(gpu, lowered.graph, inputs), `T=${T} B=${B}`).toEqual([]);
        }
        const error = await device().popErrorScope();
        if (error) errors.push(error.message);
        gpu.destroy();
      });
});
