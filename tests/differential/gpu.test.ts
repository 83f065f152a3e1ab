// Generated WGSL on WebGPU (the software GPU in CI) against PyTorch and the interpreter.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { interpret } from "../../compiler/ir/interpret.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import type { Command } from "../../format/manifest.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { asFloat64, compileExample, golden, goldenCases, gpuChecks, maxAbsError, randomTensor } from "../helpers.js";

const { device, errors } = gpuChecks();

async function build(manifest: Parameters<typeof Model.create>[0]) {
  device().pushErrorScope("validation");
  const model = await Model.create(manifest, device());
  const error = await device().popErrorScope();
  if (error) errors.push(error.message);
  expect(error).toBeNull();
  return model;
}

describe("WGSL matches torch.nn (float32, max abs error <= 1e-5)", () => {
  for (const c of goldenCases) {
    test(c.name, async () => {
      const { manifest } = compileExample(c.kind, { I: c.I, H: c.H, L: c.L, D: c.D });
      const model = await build(manifest);
      model.loadWeights(golden(c.name, "weights"));
      const inputs = golden(c.name, "inputs");
      expect(maxAbsError(await model.run(inputs), golden(c.name, "outputs"))).toBeLessThan(1e-5);
      expect(maxAbsError(await model.run({ x: inputs.x }), golden(c.name, "outputs_zero_state"))).toBeLessThan(1e-5);
      model.destroy();
    });
  }
});

describe("cells nothing in the compiler knows: WGSL matches the interpreter", () => {
  const cases: [string, Record<string, number>][] = [
    ["peephole_lstm", { I: 3, H: 5, L: 2 }],
    ["mingru", { I: 4, H: 6, L: 2 }],
    ["indrnn", { I: 3, H: 5, L: 2, D: 2 }],
    ["cifg_lstm", { I: 3, H: 4 }],
  ];
  for (const [name, sizes] of cases) {
    test(name, async () => {
      const { lowered, manifest } = compileExample(name, sizes);
      const model = await build(manifest);
      model.initParams(3);
      const rng = new Random(11);
      const inputs = { x: randomTensor([7, 3, sizes.I], rng) };
      const expected = interpret(lowered.graph, asFloat64(inputs), asFloat64(model.stateDict()));
      const actual = await model.run(inputs);
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      expect(maxAbsError(actual, expected)).toBeLessThan(1e-5);
      // Changing the batch and length reuses the kernels with new buffers.
      const longer = { x: randomTensor([11, 2, sizes.I], rng) };
      expect(maxAbsError(await model.run(longer), interpret(lowered.graph, asFloat64(longer), asFloat64(model.stateDict())))).toBeLessThan(1e-5);
      model.destroy();
    });
  }
});

describe("the runtime refuses bad input with a clear message", () => {
  test("weights of the wrong shape", async () => {
    const { manifest } = compileExample("lstm", { I: 5, H: 7 });
    const model = await build(manifest);
    const weights = golden("gru_L1_D1", "weights");
    expect(() => model.loadWeights(weights)).toThrow(/'weight_ih_l0' is \[21,5\] but the model needs \[28,5\]/);
    await expect(model.run({ x: { shape: [2, 3, 4], data: new Float32Array(24) } })).rejects.toThrow(/input 'x' must be \[T,B,5\] but is \[2,3,4\]/);
    await expect(model.run({})).rejects.toThrow(/missing input 'x'/);
    model.destroy();
  });

  test("a PyTorch state_dict with other names and extra keys: rename, and strict: false as load_state_dict has it", async () => {
    const { manifest } = compileExample("lstm", { I: 5, H: 7, L: 2, D: 2 });
    const model = await build(manifest);
    const weights = golden("lstm_L2_D2", "weights");
    // As a model wrapping nn.LSTM saves it: every key under "rnn.", plus a tensor rnnc does not have.
    const saved = { ...Object.fromEntries(Object.entries(weights).map(([k, v]) => [`rnn.${k}`, v])), "head.weight": { shape: [2, 14], data: new Float32Array(28) } };
    expect(() => model.loadWeights(saved)).toThrow(/missing 'weight_ih_l0'.*unexpected 'rnn.weight_ih_l0'/);
    const rename = (name: string) => name.replace(/^rnn\./, "");
    expect(() => model.loadWeights(saved, { rename })).toThrow(/unexpected 'head.weight'/);
    expect(model.loadWeights(saved, { rename, strict: false })).toEqual({ missing: [], unexpected: ["head.weight"] });
    expect(maxAbsError(await model.run(golden("lstm_L2_D2", "inputs")), golden("lstm_L2_D2", "outputs"))).toBeLessThan(1e-5);
    // Not strict, a parameter not given keeps its value; one given must still fit.
    const { weight_hh_l1: _, ...partial } = weights;
    model.initParams(7);
    const kept = model.stateDict().weight_hh_l1.data;
    expect(model.loadWeights(partial, { strict: false })).toEqual({ missing: ["weight_hh_l1"], unexpected: [] });
    expect(model.stateDict().weight_hh_l1.data).toEqual(kept);
    expect(() => model.loadWeights({ weight_hh_l1: { shape: [3], data: new Float32Array(3) } }, { strict: false })).toThrow(/'weight_hh_l1' is \[3\] but the model needs \[28,7\]/);
    expect(() => model.loadWeights(weights, { rename: { weight_hh_l1: "weight_ih_l0" } })).toThrow(/two weights are named 'weight_ih_l0'/);
    model.destroy();
  });
});

describe("gradients on WebGPU match PyTorch autograd (relative error <= 1e-3)", () => {
  for (const c of goldenCases.filter((g) => ["lstm_L2_D2", "gru_L1_D2", "rnn_L2_D1", "lstm_big", "gru_big"].includes(g.name))) {
    test(c.name, async () => {
      const path = `dsl-examples/${c.kind}.cell`;
      const { manifest } = compile(path, readFileSync(path, "utf8"), { I: c.I, H: c.H, L: c.L, D: c.D }, { gradients: true });
      const model = await build(manifest);
      model.loadWeights(golden(c.name, "weights"));
      const seeds = Object.fromEntries(Object.entries(golden(c.name, "seeds")).map(([k, v]) => [`seed.${k}`, v]));
      const out = await model.run({ ...golden(c.name, "inputs"), ...seeds }, "train_step");
      for (const [name, expected] of Object.entries(golden(c.name, "grads"))) {
        const scale = Math.max(...expected.data.map(Math.abs));
        expect(maxAbsError({ g: out[`grad.${name}`] }, { g: expected }) / scale, name).toBeLessThan(1e-3);
      }
      model.destroy();
    });
  }
});

test.each(["save", "recompute"] as const)("char-level LM: loss and gradients on WebGPU match the interpreter, activations %s", async (activations) => {
  const sizes = { V: 7, E: 4, H: 6, L: 2 };
  const path = "dsl-examples/char_lstm.cell";
  const { manifest, lowered } = compile(path, readFileSync(path, "utf8"), sizes, { gradients: true, activations });
  const model = await build(manifest);
  model.initParams(1);
  const rng = new Random(4);
  const ids = () => ({ shape: [5, 3], data: Float32Array.from({ length: 15 }, () => Math.floor(rng.next() * sizes.V)) });
  const inputs = { tokens: ids(), targets: ids(), "seed.loss": { shape: [], data: Float32Array.of(1) } };
  // The reference skips the optimisation passes: this checks them and the kernels together.
  const expected = interpret(differentiate(lowered.graph, { activations }), asFloat64(inputs), asFloat64(model.stateDict()));
  const actual = await model.run(inputs, "train_step");
  expect(maxAbsError(actual, expected)).toBeLessThan(1e-5);
  model.destroy();
});

test("activations recompute: each layer's W·x + b is computed again for its backward loop rather than held from the forward pass", () => {
  const sizes = { V: 7, E: 4, H: 6, L: 2 };
  const path = "dsl-examples/char_lstm.cell";
  const products = (activations: "save" | "recompute") =>
    compile(path, readFileSync(path, "utf8"), sizes, { gradients: true, activations }).optimized.graph.nodes.filter((n) => n.op === "matmul").length;
  // Per layer, two products more than saving: U·h over all steps, and W·x (held otherwise).
  expect(products("recompute")).toBe(products("save") + 2 * sizes.L);
});

test("one compilation for training: its forward entry runs only the forward dispatches and equals a forward-only model", async () => {
  const sizes = { V: 7, E: 4, H: 6, L: 2 };
  const path = "dsl-examples/char_lstm.cell";
  const text = readFileSync(path, "utf8");
  const training = compile(path, text, sizes, { gradients: true }).manifest;
  const forwardOnly = compile(path, text, sizes).manifest;
  const count = (commands: Command[]): number => commands.reduce((n, c) => n + (c.kind === "loop" ? count(c.body) : 1), 0);
  // Without gradients there is one entry, and it runs every dispatch.
  expect(Object.keys(forwardOnly.entries)).toEqual(["forward"]);
  expect(training.entries.train_step!.commands.length).toBeGreaterThan(training.entries.forward.commands.length);
  expect(count(training.entries.forward.commands)).toBeLessThanOrEqual(count(forwardOnly.entries.forward.commands) + 4); // + the saved activations' stores
  expect(training.entries.forward.outputs).toEqual(["loss", "logits", "h_n", "c_n"]);
  // Roles, not names, say what each input and output is for.
  expect(training.outputs.filter((o) => o.role === "state").map((o) => [o.name, o.of])).toEqual([["h_n", "h0"], ["c_n", "c0"]]);
  expect(training.inputs.filter((i) => i.role === "state").map((i) => i.name)).toEqual(["h0", "c0"]);
  expect(training.inputs.find((i) => i.role === "seed" && i.of === "loss")?.name).toBe("seed.loss");
  const gradients = training.outputs.filter((o) => o.role === "gradient").map((o) => o.of);
  expect(gradients).toEqual(expect.arrayContaining(["embedding", "rnn.weight_hh_l1", "h0"]));
  expect(gradients).not.toContain("tokens"); // integer ids have no gradient

  const model = await build(training);
  const reference = await build(forwardOnly);
  model.initParams(3);
  reference.initParams(3);
  const rng = new Random(9);
  const ids = () => ({ shape: [5, 3], data: Float32Array.from({ length: 15 }, () => Math.floor(rng.next() * sizes.V)) });
  const inputs = { tokens: ids(), targets: ids(), h0: randomTensor([2, 3, 6], rng), c0: randomTensor([2, 3, 6], rng) };
  const out = await model.run(inputs);
  expect(Object.keys(out)).toEqual(["loss", "logits", "h_n", "c_n"]);
  expect(maxAbsError(out, await reference.run(inputs))).toBeLessThan(1e-6);
  // An entry the model lacks, or an output an entry does not compute, is a clear error.
  await expect(reference.run(inputs, "train_step")).rejects.toThrow(/no entry 'train_step'.*compile the model with gradients/);
  await expect(model.submit(inputs, { read: ["grad.embedding"] })).rejects.toThrow(/the forward entry does not compute 'grad.embedding'/);
  model.destroy();
  reference.destroy();
});

test("model-level parameters with PyTorch's dotted names: state_dict names as written, numbers as the interpreter's", async () => {
  const text = [
    "size V = 5",
    "size H = 4",
    "size T, B",
    "cell rnn(x [In]) -> h {",
    "  param weight_ih [H, In] init uniform(-0.5, 0.5)",
    "  param weight_hh [H, H] init uniform(-0.5, 0.5)",
    "  state h [H] = 0",
    "  h' = tanh(weight_ih @ x + weight_hh @ h)",
    "}",
    "model {",
    "  input x [T, B, 3]",
    "  param decoder.weight [V, H] init uniform(-0.5, 0.5)",
    "  param decoder.bias [V] init uniform(-0.5, 0.5)",
    '  y, h_n = rnn(x, prefix="encoder.")',
    "  logits = decoder.weight @ y + decoder.bias",
    "  output logits",
    "}",
  ].join("\n");
  const { manifest, lowered } = compile("dotted.cell", text, {}, { gradients: true });
  expect(manifest.params.map((p) => p.name).sort()).toEqual(["decoder.bias", "decoder.weight", "encoder.weight_hh_l0", "encoder.weight_ih_l0"]);
  const model = await build(manifest);
  model.initParams(2);
  const inputs = { x: randomTensor([4, 2, 3], new Random(6)), "seed.logits": randomTensor([4, 2, 5], new Random(7)) };
  const expected = interpret(differentiate(lowered.graph), asFloat64(inputs), asFloat64(model.stateDict()));
  const actual = await model.run(inputs, "train_step");
  expect(Object.keys(actual)).toEqual(expect.arrayContaining(["grad.decoder.weight", "grad.decoder.bias"]));
  expect(maxAbsError(actual, expected)).toBeLessThan(1e-5);
  model.destroy();
});

test("dropout on WebGPU draws the interpreter's mask", async () => {
  const sizes = { V: 7, E: 4, H: 6, L: 2 };
  const path = "dsl-examples/char_lstm.cell";
  const { manifest, optimized } = compile(path, readFileSync(path, "utf8"), sizes, { gradients: true });
  const model = await build(manifest);
  model.initParams(5);
  const rng = new Random(8);
  const ids = () => ({ shape: [5, 3], data: Float32Array.from({ length: 15 }, () => Math.floor(rng.next() * sizes.V)) });
  const scalar = (v: number) => ({ shape: [], data: Float32Array.of(v) });
  const inputs = { tokens: ids(), targets: ids(), "dropout.seed": scalar(1234), "dropout.active": scalar(1), "seed.loss": scalar(1) };
  const expected = interpret(optimized.graph, asFloat64(inputs), asFloat64(model.stateDict()));
  const dropped = await model.run(inputs, "train_step");
  expect(maxAbsError(dropped, expected)).toBeLessThan(1e-5);
  // Switched off (the forward entry's default), the same seed changes nothing.
  const off = await model.run({ ...inputs, "dropout.active": scalar(0) }, "train_step");
  const reference = interpret(optimized.graph, asFloat64({ ...inputs, "dropout.active": scalar(0) }), asFloat64(model.stateDict()));
  expect(maxAbsError(off, reference)).toBeLessThan(1e-5);
  expect(Math.abs(off.loss.data[0] - dropped.loss.data[0])).toBeGreaterThan(1e-4);
  model.destroy();
});
