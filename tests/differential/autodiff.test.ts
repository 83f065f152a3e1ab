// Gradients: the autodiff pass run by the interpreter, against PyTorch autograd and finite differences.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { evaluate } from "../../compiler/ir/ops/index.js";
import { interpret } from "../../compiler/ir/interpret.js";
import type { Tensor } from "../../compiler/ir/ops/index.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import { Random } from "../../runtime/random.js";
import { asFloat64, compileExample, golden, goldenCases, maxAbsError, randomTensor } from "../helpers.js";

/** The central difference of `f` in element i of `t` (left as it was). */
function centralDifference(t: Tensor, i: number, f: () => number, eps = 1e-6): number {
  const keep = t.data[i];
  t.data[i] = keep + eps;
  const up = f();
  t.data[i] = keep - eps;
  const down = f();
  t.data[i] = keep;
  return (up - down) / (2 * eps);
}

const seedsAsInputs = (seeds: Record<string, Tensor>) => Object.fromEntries(Object.entries(seeds).map(([k, v]) => [`seed.${k}`, v]));
const gradsOf = (outputs: Record<string, Tensor>) =>
  Object.fromEntries(Object.entries(outputs).filter(([k]) => k.startsWith("grad.")).map(([k, v]) => [k.slice(5), v]));

describe.each(["save", "recompute"] as const)("interpreted gradients match PyTorch autograd (float64), activations %s", (activations) => {
  for (const c of goldenCases) {
    test(c.name, () => {
      const { lowered } = compileExample(c.kind, { I: c.I, H: c.H, L: c.L, D: c.D });
      const graph = differentiate(lowered.graph, { activations });
      const inputs = { ...asFloat64(golden(c.name, "inputs")), ...seedsAsInputs(asFloat64(golden(c.name, "seeds"))) };
      const out = interpret(graph, inputs, asFloat64(golden(c.name, "weights")));
      expect(maxAbsError(gradsOf(out), golden(c.name, "grads"))).toBeLessThan(1e-10);
    });
  }
});

describe("gradients of cells nothing knows match finite differences (float64)", () => {
  const cases: [string, Record<string, number>][] = [
    ["peephole_lstm", { I: 2, H: 3, L: 2 }],
    ["mingru", { I: 3, H: 2, L: 2 }],
    ["indrnn", { I: 2, H: 3, L: 1, D: 2 }],
    ["cifg_lstm", { I: 2, H: 3 }],
  ];
  for (const [name, sizes] of cases) {
    test(name, () => {
      const { lowered, manifest } = compileExample(name, sizes);
      const graph = differentiate(lowered.graph);
      const rng = new Random(5);
      const params = asFloat64(Object.fromEntries(manifest.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.8)])));
      // IndRNN's relu has a kink at 0: keep the inputs away from it by using positive ones.
      const inputs = asFloat64({ x: randomTensor([4, 2, sizes.I], rng) });
      const forward = interpret(lowered.graph, inputs, params);
      const seeds = Object.fromEntries(Object.entries(forward).map(([k, v]) => [k, asFloat64({ s: randomTensor(v.shape, rng) }).s]));
      const grads = gradsOf(interpret(graph, { ...inputs, ...seedsAsInputs(seeds) }, params));
      const objective = (p: Record<string, Tensor>, x: Record<string, Tensor>) => {
        const out = interpret(lowered.graph, x, p);
        let total = 0;
        for (const [k, s] of Object.entries(seeds)) for (let i = 0; i < s.data.length; i++) total += out[k].data[i] * s.data[i];
        return total;
      };
      const check = (tensors: Record<string, Tensor>, name: string, run: () => number) => {
        const t = tensors[name];
        for (const i of [0, Math.floor(t.data.length / 2), t.data.length - 1]) expect(grads[name].data[i], `${name}[${i}]`).toBeCloseTo(centralDifference(t, i, run), 6);
      };
      for (const p of manifest.params) check(params, p.name, () => objective(params, inputs));
      check(inputs, "x", () => objective(params, inputs));
    });
  }
});

test("gradient outputs cover every parameter and input", () => {
  const { lowered, manifest } = compileExample("lstm", { I: 2, H: 3 });
  const names = differentiate(lowered.graph).outputs.map((o) => o.name);
  for (const p of manifest.params) expect(names).toContain(`grad.${p.name}`);
  for (const i of ["x", "h0", "c0"]) expect(names).toContain(`grad.${i}`);
});

test("char-level LM: the loss and its gradients match finite differences (float64)", () => {
  const sizes = { V: 5, E: 3, H: 4, L: 2 };
  const { lowered, manifest } = compileExample("char_lstm", sizes);
  const graph = differentiate(lowered.graph);
  const rng = new Random(9);
  const params = asFloat64(Object.fromEntries(manifest.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.7)])));
  const ids = (n: number) => ({ shape: [3, 2], data: Float64Array.from({ length: n }, () => Math.floor(rng.next() * sizes.V)) });
  const inputs = { tokens: ids(6), targets: ids(6) };
  const loss = () => interpret(lowered.graph, inputs, params).loss.data[0];
  // The loss is the mean of -log softmax at the targets: check it directly once.
  const { logits } = interpret(lowered.graph, inputs, params);
  let expected = 0;
  for (let r = 0; r < 6; r++) {
    const row = logits.data.subarray(r * 5, r * 5 + 5);
    expected += Math.log(row.reduce((a, v) => a + Math.exp(v), 0)) - row[inputs.targets.data[r]];
  }
  expect(loss()).toBeCloseTo(expected / 6, 12);
  const grads = gradsOf(interpret(graph, { ...inputs, "seed.loss": { shape: [], data: Float64Array.of(1) } }, params));
  for (const p of manifest.params) {
    const t = params[p.name];
    for (const i of [0, t.data.length - 1]) expect(grads[p.name].data[i], `${p.name}[${i}]`).toBeCloseTo(centralDifference(t, i, loss), 6);
  }
});

test("dropout: drops about p of the values, scales the rest, and its gradient uses the same mask", () => {
  const sizes = { V: 5, E: 3, H: 4, L: 2 };
  const path = "dsl-examples/char_lstm.cell";
  const { lowered, manifest } = compile(path, readFileSync(path, "utf8"), sizes, { gradients: true });
  expect(lowered.graph.nodes.filter((n) => n.op === "dropout").map((n) => n.attrs.value)).toEqual([0.1]);
  // Only a model compiled for training holds dropout; without gradients it is the identity.
  expect(compile(path, readFileSync(path, "utf8"), sizes).lowered.graph.nodes.some((n) => n.op === "dropout")).toBe(false);
  expect(manifest.inputs.filter((i) => i.role.startsWith("dropout")).map((i) => [i.name, i.role])).toEqual([["dropout.seed", "dropout-seed"], ["dropout.active", "dropout-active"]]);
  const x = { shape: [1000], data: Float64Array.from({ length: 1000 }, () => 1) };
  const seed = { shape: [], data: Float64Array.of(42) };
  const on = { shape: [], data: Float64Array.of(1) };
  const dropout = { id: 0, op: "dropout" as const, inputs: [], shape: [1000], attrs: { value: 0.3, index: 0 } };
  const dropped = evaluate(dropout, [x, seed, on], [1000]);
  const zeros = dropped.data.filter((v) => v === 0).length;
  expect(zeros).toBeGreaterThan(240);
  expect(zeros).toBeLessThan(360);
  expect(dropped.data.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.7) < 1e-12)).toBe(true);
  // Switched off, it is the identity.
  expect(evaluate(dropout, [x, seed, { shape: [], data: Float64Array.of(0) }], [1000]).data).toEqual(x.data);
  // Finite differences with a fixed seed: the mask is part of the function.
  const graph = differentiate(lowered.graph);
  const rng = new Random(12);
  const params = asFloat64(Object.fromEntries(manifest.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.7)])));
  const ids = () => ({ shape: [3, 2], data: Float64Array.from({ length: 6 }, () => Math.floor(rng.next() * sizes.V)) });
  const inputs = { tokens: ids(), targets: ids(), "dropout.seed": seed, "dropout.active": on };
  const loss = () => interpret(lowered.graph, inputs, params).loss.data[0];
  const grads = gradsOf(interpret(graph, { ...inputs, "seed.loss": { shape: [], data: Float64Array.of(1) } }, params));
  const w = params["rnn.weight_ih_l1"];
  for (const i of [0, 5, w.data.length - 1]) expect(grads["rnn.weight_ih_l1"].data[i]).toBeCloseTo(centralDifference(w, i, loss), 6);
});
