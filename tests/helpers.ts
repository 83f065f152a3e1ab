// Shared by the tests: golden cases, compiling examples, random tensors, error measures.
import { readFileSync } from "node:fs";
import { compile, type CompileOptions } from "../compiler/compile.js";
import type { Tensor } from "../compiler/ir/ops/index.js";
import { Random } from "../runtime/random.js";
import { readSafetensors, type NamedTensor } from "../format/safetensors.js";

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
