// Shared by the tests: golden cases, compiling examples, random tensors, error measures, a
// training step against the interpreter.
import { readFileSync } from "node:fs";
import { compile, type CompileOptions } from "../compiler/compile.js";
import type { Tensor } from "../compiler/ir/ops/index.js";
import { Random } from "../runtime/random.js";
import { readSafetensors, type NamedTensor } from "../format/safetensors.js";
import type { Graph } from "../compiler/ir/graph.js";
import { interpret } from "../compiler/ir/interpret.js";
import { differentiate, type DifferentiateOptions } from "../compiler/passes/autodiff.js";
import type { Model } from "../runtime/model.js";
import { afterAll, beforeAll, expect } from "vitest";
import { acquireDevice } from "../runtime/device.js";

export interface GoldenCase {
  name: string;
  kind: "rnn" | "lstm" | "gru";
  I: number;
  H: number;
  L: number;
  D: number;
  T: number;
  B: number;
}

export const goldenCases: GoldenCase[] = JSON.parse(readFileSync("golden/torch/index.json", "utf8"));

export function golden(name: string, part: "weights" | "inputs" | "outputs" | "outputs_zero_state" | "seeds" | "grads"): Record<string, NamedTensor> {
  const float64 = part === "outputs" || part === "outputs_zero_state" || part === "grads";
  return readSafetensors(readFileSync(`golden/torch/${name}.${part}.safetensors`), float64);
}

export function compileExample(name: string, sizes: Record<string, number> = {}, options: CompileOptions = {}) {
  const path = `dsl-examples/${name}.cell`;
  return compile(path, readFileSync(path, "utf8"), sizes, options);
}

export const asFloat64 = (ts: Record<string, NamedTensor>): Record<string, Tensor> =>
  Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, { shape: t.shape, data: Float64Array.from(t.data) }]));

/** Largest absolute difference over every tensor of `expected` (all must be present in `actual`). */
export function maxAbsError(actual: Record<string, { shape: number[]; data: ArrayLike<number> }>, expected: Record<string, { shape: number[]; data: ArrayLike<number> }>): number {
  let worst = 0;
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    if (!a) throw new Error(`missing output '${name}'`);
    if (a.shape.join() !== e.shape.join()) throw new Error(`'${name}' is [${a.shape}], expected [${e.shape}]`);
    for (let i = 0; i < e.data.length; i++) {
      const d = Math.abs(a.data[i] - e.data[i]);
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    }
  }
  return worst;
}

export function randomTensor(shape: number[], rng: Random, scale = 1): NamedTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (rng.next() * 2 - 1) * scale;
  return { shape, data };
}

/**
 * One train_step of a compiled model against the interpreter running the differentiated
 * graph, every output and gradient within `tolerance` of the largest value (at least 1).
 * Returns a line per tensor that is off, for the test to expect empty. `options`: as the model
 * was compiled (without input gradients, say).
 */
export async function trainStepErrors(model: Model, graph: Graph, inputs: Record<string, NamedTensor>, tolerance = 1e-5, options: DifferentiateOptions = {}): Promise<string[]> {
  const expected = interpret(differentiate(graph, options), asFloat64(inputs), asFloat64(model.stateDict()));
  const actual = await model.run(inputs, "train_step");
  const unexpected = Object.keys(actual).filter((name) => !(name in expected)).map((name) => `${name}: not an output of the reference`);
  return unexpected.concat(Object.keys(expected).flatMap((name) => {
    const scale = Math.max(1, ...Array.from(expected[name].data, Math.abs));
    const error = maxAbsError({ v: actual[name] }, { v: expected[name] }) / scale;
    return error < tolerance ? [] : [`${name}: ${error}`];
  }));
}

/** A model of one layer of `cell` over x [T, B, K] (K = 3, H the state's width), outputs y and h_n. */
export const oneLayer = (cell: string, H: number) => `size K = 3
size H = ${H}
size T, B
${cell}
model {
  input x [T, B, K]
  input h0 [1, B, H] optional
  y, h_n = step(x, h0)
  output y, h_n
}
`;

/**
 * A test file of GPU checks: the device, acquired before its tests, and the mismatches they
 * collect, which must be none when the file ends (one failure then lists them all).
 */
export function gpuChecks(): { device: () => GPUDevice; errors: string[] } {
  let device: GPUDevice | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    device = (await acquireDevice()).device;
  });
  afterAll(() => expect(errors).toEqual([]));
  return { device: () => device!, errors };
}
