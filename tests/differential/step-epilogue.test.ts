// A step as one kernel (compiler/schedule/stepEpilogue.ts): the step's product U·h and the
// elementwise kernel that reads it, fused, each thread computing every gate of its units.
// Fused where the kernel reads the product only through whole gates; two kernels where it
// reads across a row, where widths are not multiples of four, or with the switch off. WebGPU
// against the interpreter, forward and gradients, at batches that fill the rows of a thread
// (16), straddle them, and batch 1 (the one-row variant).
import { expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { gpuChecks, oneLayer, randomTensor, trainStepErrors } from "../helpers.js";

const { device, errors } = gpuChecks();

const cells = {
  // A GRU's candidate multiplies one gate of U·h by another gate: both whole gates.
  gru: `cell step(x [In]) -> h {
  param W [3*H, In] init uniform(-0.5, 0.5)
  param U [3*H, H] init uniform(-0.5, 0.5)
  param b [3*H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gi = W @ x + b
  gh = U @ h
  r = sigmoid(gi[0:H] + gh[0:H])
  z = sigmoid(gi[H:2*H] + gh[H:2*H])
  n = tanh(gi[2*H:3*H] + r * gh[2*H:3*H])
  h' = (1 - z) * n + z * h
}`,
  // The gates summed along their row: the kernel reads U·h across it, so the two stay apart.
  rowSum: `cell step(x [In]) -> h {
  param W [2*H, In] init uniform(-0.5, 0.5)
  param U [2*H, H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gates = W @ x + U @ h
  h' = tanh(gates[0:H]) * sigmoid(sum(gates) / (2 * H))
}`,
  // A gate read at columns that are not a whole gate's.
  shifted: `cell step(x [In]) -> h {
  param W [2*H, In] init uniform(-0.5, 0.5)
  param U [2*H, H] init uniform(-0.5, 0.5)
  state h [H] = 0
  gates = W @ x + U @ h
  h' = tanh(gates[0:H]) * sigmoid(gates[H-2:2*H-2])
}`,
};

/** How many kernels a step of the forward loop dispatches (in training it also saves U·h, or the gates' pre-activations). */
const stepKernels = (manifest: { kernels: { name: string }[] }) => manifest.kernels.filter((k) => /^step_l0_step/.test(k.name) && !k.name.endsWith("_one_row")).length;

test.each([
  ["gru", 8, true, 1], // U·h, saved for the backward loop, written by it too
  ["gru", 5, true, 2], // a width not a multiple of four: the product and the state update
  ["gru", 8, false, 2], // the switch off
  ["rowSum", 8, true, 3],
  ["shifted", 8, true, 3],
] as const)("%s at H=%i, fusion %s: %i kernels a step; forward and gradients match the interpreter", async (name, H, fuseStepEpilogue, kernels) => {
  const { manifest, lowered } = compile(`${name}.cell`, oneLayer(cells[name], H), {}, { gradients: true, fuseStepEpilogue });
  expect(stepKernels(manifest)).toBe(kernels);
  const model = await Model.create(manifest, device());
  model.initParams(5);
  const rng = new Random(H);
  for (const [T, B] of [[1, 1], [4, 16], [3, 17]]) {
    const inputs = { x: randomTensor([T, B, 3], rng), h0: randomTensor([1, B, H], rng), "seed.y": randomTensor([T, B, H], rng), "seed.h_n": randomTensor([1, B, H], rng) };
    errors.push(...(await trainStepErrors(model, lowered.graph, inputs)).map((e) => `${name} H=${H} T=${T} B=${B}: ${e}`));
  }
  model.destroy();
});
