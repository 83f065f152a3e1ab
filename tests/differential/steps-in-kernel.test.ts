// A loop whose step is elementwise in its state runs every step inside one kernel (each thread
// its own elements, its states in registers), its read-outs across a state's elements in a map
// of their own, and the long sums of its gradients in parts: the same numbers as one dispatch
// per step with all of that off, forward and backward, in both directions and with lengths; and
// a cell whose state is read across its elements stays a loop.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { compile, type CompileOptions } from "../../compiler/compile.js";
import type { Command } from "../../format/manifest.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { randomInputs } from "../fuzz/differential.js";
import { maxAbsError } from "../helpers.js";

let device: GPUDevice;
beforeAll(async () => {
  device = (await acquireDevice()).device;
});

const loops = (commands: Command[]): number => commands.reduce((n, c) => n + (c.kind === "loop" ? 1 + loops(c.body) : 0), 0);

/** Forward and train_step of a model compiled both ways, on the same weights, inputs and seeds. */
async function bothWays(text: string, runtime: Record<string, number>, seed = 1) {
  const results = [];
  for (const on of [true, false]) {
    const options: CompileOptions = { gradients: true, stepsInKernel: on, splitReadouts: on, splitLongSums: on, sumsInLoops: on, inlineProducts: on };
    const compiled = compile("cell.cell", text, {}, options);
    const { manifest } = compiled;
    const { forward, backward } = await forwardAndTrain(compiled, runtime, seed);
    results.push({ forward, backward, loops: { forward: loops(manifest.entries.forward.commands), train: loops(manifest.entries.train_step!.commands) } });
  }
  return { inKernel: results[0], perStep: results[1] };
}

function randomLike(shape: (number | string)[], runtime: Record<string, number>, rng: Random) {
  const dims = shape.map((d) => (typeof d === "number" ? d : runtime[d]));
  const n = dims.reduce((a, b) => a * b, 1);
  return { shape: dims, data: Float32Array.from({ length: n }, () => rng.next() * 2 - 1) };
}

/** A compiled model's forward and train_step outputs, on weights, inputs and seeds drawn from `seed`. */
async function forwardAndTrain(compiled: ReturnType<typeof compile>, runtime: Record<string, number>, seed: number) {
  const { manifest, lowered } = compiled;
  const rng = new Random(seed);
  const inputs = randomInputs(lowered.graph, runtime, rng);
  const seeds = Object.fromEntries(manifest.inputs.filter((i) => i.role === "seed").map((i) => [i.name, randomLike(manifest.outputs.find((o) => o.name === i.of)!.shape, runtime, rng)]));
  const model = await Model.create(manifest, device);
  model.initParams(seed);
  const forward = await model.run(inputs);
  const backward = await model.run({ ...inputs, ...seeds }, "train_step");
  model.destroy();
  return { forward, backward };
}

describe("a step elementwise in its state runs inside one kernel", () => {
  const cases: [string, string, Record<string, number>][] = [
    ["minGRU, two layers", readFileSync("dsl-examples/mingru.cell", "utf8"), { T: 7, B: 3 }],
    ["IndRNN, both directions", readFileSync("dsl-examples/indrnn.cell", "utf8").replace("size D = 1", "size D = 2"), { T: 5, B: 2 }],
    ["retention, its read-out q·S a map", readFileSync("dsl-examples/retention.cell", "utf8"), { T: 6, B: 2 }],
    ["a Mamba-style block: a shift register and a selective scan", readFileSync("dsl-examples/mamba.cell", "utf8"), { T: 5, B: 3 }],
    ["RWKV time mixing", readFileSync("dsl-examples/rwkv.cell", "utf8"), { T: 300, B: 1 }],
    ["minGRU with lengths, one step, batch 1", readFileSync("dsl-examples/mingru.cell", "utf8").replace("input x [T, B, I]", "input x [T, B, I]\n  input lengths [B] int").replace("mingru(x, layers=L)", "mingru(x, layers=L, lengths=lengths)"), { T: 1, B: 1 }],
  ];
  for (const [name, text, runtime] of cases) {
    test(name, async () => {
      const { inKernel, perStep } = await bothWays(text, runtime);
      // No loop left in either entry; the per-step form keeps one per layer and direction.
      expect(inKernel.loops).toEqual({ forward: 0, train: 0 });
      expect(perStep.loops.forward).toBeGreaterThan(0);
      expect(perStep.loops.train).toBeGreaterThan(perStep.loops.forward);
      expect(maxAbsError(inKernel.forward, perStep.forward)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsError(inKernel.backward, perStep.backward)).toBeLessThanOrEqual(1e-5);
    });
  }

  test("a state read across its elements (a sum over h, a product with U) keeps a dispatch per step", async () => {
    const summed = readFileSync("dsl-examples/mingru.cell", "utf8").replace("h' = (1 - z) * h + z * candidate", "h' = (1 - z) * h + z * candidate + 0.1 * sum(h)");
    const { inKernel, perStep } = await bothWays(summed, { T: 4, B: 2 });
    expect(inKernel.loops).toEqual(perStep.loops);
    expect(inKernel.loops.forward).toBe(2);
    const lstm = compile("lstm.cell", readFileSync("dsl-examples/lstm.cell", "utf8"));
    expect(loops(lstm.manifest.entries.forward.commands)).toBe(1);
  });
});

test("a weight's and a bias's gradients, sums over time of a backward loop's outputs, are states of that loop: no kernel reads the loop's outputs back to sum them, and the same gradients as sums after the loop", async () => {
  const text = readFileSync("dsl-examples/mingru.cell", "utf8");
  const runs = [];
  // On, off, and on in a loop that dispatches each step (the states then in memory between steps).
  for (const [sumsInLoops, stepsInKernel] of [[true, true], [false, true], [true, false]]) {
    const compiled = compile("mingru.cell", text, { L: 1 }, { gradients: true, inputGradients: false, sumsInLoops, stepsInKernel });
    const { manifest, optimized } = compiled;
    // Each gate's weight and bias gradient: a state of the backward loop, or a kernel after it reading the loop's outputs.
    const backward = optimized.graph.nodes.find((n) => n.op === "scan" && n.attrs.scan!.reverse)!.attrs.scan!;
    expect(backward.carries, `sumsInLoops ${sumsInLoops}`).toBe(sumsInLoops ? 5 : 1);
    expect(manifest.kernels.some((k) => k.name.startsWith("store_sum") || k.name.startsWith("outer_sum")), `sumsInLoops ${sumsInLoops}`).toBe(!sumsInLoops);
    expect(manifest.kernels.filter((k) => k.wgsl.includes("for (var time_step")).length).toBe(stepsInKernel ? 2 : 0); // each loop inside one kernel
    runs.push((await forwardAndTrain(compiled, { T: 9, B: 3 }, 5)).backward);
  }
  for (const grad of ["grad.W_z_l0", "grad.b_z_l0", "grad.W_h_l0", "grad.b_h_l0"]) {
    expect(Math.max(...Array.from(runs[1][grad].data, Math.abs)), grad).toBeGreaterThan(0.01); // a gradient, not zeros
    for (const run of [runs[0], runs[2]]) for (let i = 0; i < runs[1][grad].data.length; i++) expect(run[grad].data[i], `${grad}[${i}]`).toBeCloseTo(runs[1][grad].data[i], 5);
  }
});

describe("a small W·x_t in a step inside one kernel is computed where it is read: the same numbers as hoisted and stored", () => {
  // I = 16: four floats at a time; H = 5: one element a thread, the product a loop over its depth;
  // two layers of I = 12, H = 20: the second layer's input (20 wide) is hoisted as before.
  const cases: [string, Record<string, number>, number][] = [
    ["input 16, hidden 64", { I: 16, H: 64, L: 1 }, 0],
    ["input 8, hidden 5", { I: 8, H: 5, L: 1 }, 0],
    ["input 12, hidden 20, two layers", { I: 12, H: 20, L: 2 }, 1],
  ];
  for (const [name, sizes, hoisted] of cases)
    test(name, async () => {
      const text = readFileSync("dsl-examples/mingru.cell", "utf8");
      const runs = [];
      for (const inlineProducts of [true, false]) {
        const compiled = compile("mingru.cell", text, sizes, { gradients: true, inlineProducts });
        const { manifest } = compiled;
        const products = manifest.kernels.filter((k) => k.name.startsWith("matmul_") && !k.name.startsWith("matmul_t_") && !k.name.endsWith("_one_row")).length; // W·x over all steps
        expect(products, `inlineProducts ${inlineProducts}`).toBe(inlineProducts ? hoisted : sizes.L);
        expect(manifest.kernels.filter((k) => k.wgsl.includes("for (var time_step")).length).toBe(2 * sizes.L); // still inside one kernel
        runs.push(await forwardAndTrain(compiled, { T: 6, B: 3 }, 7));
      }
      expect(Math.max(...Array.from(runs[1].forward.y.data, Math.abs))).toBeGreaterThan(0.01);
      expect(maxAbsError(runs[0].forward, runs[1].forward)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsError(runs[0].backward, runs[1].backward)).toBeLessThanOrEqual(1e-5);
    });
});

test("a kernel that runs every step computes several fours a thread (two, four or eight, as the width allows): the same numbers as one four a thread", async () => {
  const text = readFileSync("dsl-examples/mingru.cell", "utf8");
  for (const [H, fours] of [[8, 2], [24, 2], [48, 4], [64, 8], [20, 1]]) {
    const runs = [];
    for (const foursTogetherInLoops of [true, false]) {
      const compiled = compile("mingru.cell", text, { H, I: 8, L: 2 }, { gradients: true, foursTogetherInLoops });
      const loop = compiled.manifest.kernels.find((k) => k.name === "mingru_l0_steps")!;
      expect(loop.workgroup, `H ${H}`).toEqual([foursTogetherInLoops ? 64 / fours : 64]);
      runs.push(await forwardAndTrain(compiled, { T: 5, B: 3 }, H));
    }
    expect(maxAbsError(runs[0].forward, runs[1].forward), `H ${H}`).toBeLessThanOrEqual(1e-6);
    expect(maxAbsError(runs[0].backward, runs[1].backward), `H ${H}`).toBeLessThanOrEqual(1e-5);
  }
});

test("a kernel that runs every step keeps its threads in lockstep: the same numbers to the bit as without, with threads past the end", async () => {
  // H = 20: five threads an example; at B = 37, 185 threads in three workgroups of 64, the last part-empty.
  const text = readFileSync("dsl-examples/mingru.cell", "utf8");
  const runs = [];
  for (const lockstepLoops of [true, false]) {
    const compiled = compile("mingru.cell", text, {}, { gradients: true, lockstepLoops });
    const loopKernels = compiled.manifest.kernels.filter((k) => k.wgsl.includes("for (var time_step"));
    expect(loopKernels.length).toBe(4); // forward and backward, two layers
    for (const k of loopKernels) expect(k.wgsl.includes("workgroupBarrier();"), k.name).toBe(lockstepLoops);
    runs.push(await forwardAndTrain(compiled, { T: 5, B: 37 }, 3));
  }
  for (const entry of ["forward", "backward"] as const)
    for (const [name, t] of Object.entries(runs[1][entry])) expect(Array.from(runs[0][entry][name].data), `${entry} ${name}`).toEqual(Array.from(t.data));
});
