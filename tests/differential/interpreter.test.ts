// The reference interpreter (float64) against PyTorch, and the passes against the interpreter.
import { describe, expect, test } from "vitest";
import type { Graph } from "../../compiler/ir/graph.js";
import { interpret } from "../../compiler/ir/interpret.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { Random } from "../../runtime/random.js";
import { asFloat64, compileExample, golden, goldenCases, maxAbsError, randomTensor } from "../helpers.js";

describe("interpreter matches torch.nn in float64", () => {
  for (const c of goldenCases) {
    test(c.name, () => {
      const { lowered } = compileExample(c.kind, { I: c.I, H: c.H, L: c.L, D: c.D });
      const weights = asFloat64(golden(c.name, "weights"));
      const inputs = asFloat64(golden(c.name, "inputs"));
      expect(maxAbsError(interpret(lowered.graph, inputs, weights), golden(c.name, "outputs"))).toBeLessThan(1e-12);
      // Without h0/c0 the initial state is zero, as in PyTorch.
      const xOnly = { x: inputs.x };
      expect(maxAbsError(interpret(lowered.graph, xOnly, weights), golden(c.name, "outputs_zero_state"))).toBeLessThan(1e-12);
    });
  }
});

describe("optimisation passes keep every example's meaning", () => {
  const examples = ["rnn", "lstm", "gru", "peephole_lstm", "mingru", "indrnn", "cifg_lstm"];
  for (const name of examples) {
    test(name, () => {
      const sizes = { I: 3, H: 4, ...(name === "cifg_lstm" ? {} : { L: 2 }), ...(["rnn", "lstm", "gru", "indrnn"].includes(name) ? { D: 2 } : {}) };
      const { lowered, optimized, manifest } = compileExample(name, sizes);
      const rng = new Random(7);
      const params = Object.fromEntries(manifest.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.5)]));
      const inputs = { x: randomTensor([5, 2, 3], rng) };
      const before = interpret(lowered.graph, asFloat64(inputs), asFloat64(params));
      const after = interpret(optimized.graph, asFloat64(inputs), asFloat64(params));
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(maxAbsError(after, before)).toBeLessThan(1e-12);
    });
  }
});

describe.each(["save", "recompute"] as const)("optimisation passes keep every example's gradients, activations %s", (activations) => {
  const examples = ["rnn", "lstm", "gru", "peephole_lstm", "mingru", "indrnn", "cifg_lstm"];
  for (const name of examples) {
    test(name, () => {
      const sizes = { I: 3, H: 4, ...(name === "cifg_lstm" ? {} : { L: 2 }), ...(["rnn", "lstm", "gru", "indrnn"].includes(name) ? { D: 2 } : {}) };
      const { lowered, optimized, manifest } = compileExample(name, sizes, { gradients: true, activations });
      const rng = new Random(9);
      const params = Object.fromEntries(manifest.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.5)]));
      const inputs: Record<string, NamedTensor> = { x: randomTensor([5, 2, 3], rng) };
      for (const i of manifest.inputs.filter((i) => i.name.startsWith("seed."))) inputs[i.name] = randomTensor(i.shape.map((d) => (d === "T" ? 5 : d === "B" ? 2 : d)) as number[], rng);
      const plain = differentiate(lowered.graph, { activations });
      const before = interpret(plain, asFloat64(inputs), asFloat64(params));
      const after = interpret(optimized.graph, asFloat64(inputs), asFloat64(params));
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(maxAbsError(after, before)).toBeLessThan(1e-12);
    });
  }
});

describe("passes do what they say", () => {
  const matmuls = (g: import("../../compiler/ir/graph.js").Graph): { top: number; body: number } => {
    let top = 0;
    let body = 0;
    for (const n of g.nodes) {
      if (n.op === "matmul") top++;
      if (n.op === "scan") body += n.attrs.scan!.body.nodes.filter((b) => b.op === "matmul").length;
    }
    return { top, body };
  };

  test("gate fusion: eight per-gate products become one input and one recurrent product", () => {
    const { lowered, optimized, manifest } = compileExample("peephole_lstm", { L: 1 });
    expect(matmuls(lowered.graph)).toEqual({ top: 0, body: 8 });
    expect(matmuls(optimized.graph)).toEqual({ top: 1, body: 1 });
    // The stacked weights are a view: the four W's sit side by side in the parameter buffer.
    const offsets = ["W_i_l0", "W_f_l0", "W_c_l0", "W_o_l0"].map((n) => manifest.params.find((p) => p.name === n)!.offset);
    expect(offsets.map((o) => o - offsets[0])).toEqual([0, 200, 400, 600]);
  });

  test("hoisting: the input projection runs once over all steps, outside the loop", () => {
    const { optimized } = compileExample("lstm");
    expect(matmuls(optimized.graph)).toEqual({ top: 1, body: 1 });
    const scan = optimized.graph.nodes.find((n) => n.op === "scan")!;
    expect(scan.attrs.scan!.sequences).toBe(2); // x and the hoisted W_ih x + b_ih
  });

  test("hoisting: the gates' fused projection is one sequence; each gate's slice and bias stay in the step, which reads the bias once, before its first step", () => {
    const { optimized, manifest } = compileExample("mingru", { L: 1 }, { gradients: true, inputGradients: false });
    for (const scan of optimized.graph.nodes.filter((n) => n.op === "scan")) {
      const body = scan.attrs.scan!.body;
      const projection = scan.inputs.filter((i) => optimized.graph.nodes[i].op === "matmul");
      expect(projection.length).toBe(1); // [W_z; W_h] @ x, read by both loops
      expect(body.nodes.filter((n) => n.op === "slice").length).toBe(2);
    }
    expect(manifest.kernels.filter((k) => k.name.startsWith("store_add"))).toEqual([]); // no copy of a slice
    const steps = manifest.kernels.find((k) => k.name === "mingru_l0_steps")!.wgsl;
    const loop = steps.indexOf("for (var time_step");
    for (const bias of ["b_z", "b_h"]) expect(steps.indexOf(`let ${bias} = params_buf[`)).toBeGreaterThan(0), expect(steps.indexOf(`let ${bias} =`)).toBeLessThan(loop);
  });

  const products = (g: Graph) => g.nodes.filter((n) => ["matmul", "matmul_t", "outer_sum"].includes(n.op)).map((n) => n.op);
  const scans = (g: Graph) => g.nodes.filter((n) => n.op === "scan");

  test("training, saved activations: the backward loop holds only U^T·δ; W_ih^T·δ and the weight gradients follow it", () => {
    const { optimized } = compileExample("lstm", { L: 1 }, { gradients: true, activations: "save" });
    const [forward, backward] = scans(optimized.graph);
    expect(products(forward.attrs.scan!.body)).toEqual(["matmul"]); // U·h, also stored for the backward loop
    expect(forward.attrs.scan!.body.outputs.some((o) => o.name.startsWith("saved_"))).toBe(true);
    expect(products(backward.attrs.scan!.body)).toEqual(["matmul_t"]); // U^T·δ, the only product on the adjoint carry
    // δ of the gate vector: the four padded gate gradients joined into one concat.
    const gateGrad = backward.attrs.scan!.body.nodes.find((n) => n.op === "concat");
    expect(gateGrad?.inputs.length).toBe(4);
    expect(backward.attrs.scan!.body.nodes.some((n) => n.op === "pad")).toBe(false);
    // Top level: W_ih·x once (the backward loop's copy merged away), W_ih^T·δ after the loop,
    // and the two weight gradients as products over all steps; nothing recomputes U·h.
    expect(products(optimized.graph).sort()).toEqual(["matmul", "matmul_t", "outer_sum", "outer_sum"]);
  });

  test("training, recomputed activations: nothing more is saved; U·h is recomputed as one product over all steps, and W·x again for the backward loop", () => {
    const { optimized } = compileExample("lstm", { L: 1 }, { gradients: true, activations: "recompute" });
    const [forward, backward] = scans(optimized.graph);
    expect(forward.attrs.scan!.body.outputs.some((o) => o.name.startsWith("saved_"))).toBe(false);
    expect(products(backward.attrs.scan!.body)).toEqual(["matmul_t"]);
    // W·x for the forward loop, W·x again and U·h over all steps for the backward loop.
    expect(products(optimized.graph).sort()).toEqual(["matmul", "matmul", "matmul", "matmul_t", "outer_sum", "outer_sum"]);
  });
});
