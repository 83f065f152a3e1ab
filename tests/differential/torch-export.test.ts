// `rnnc export --torch`: the exported module computes what rnnc computes. Every example, the
// hand-written cells of tests/cells and a batch of generated models are exported and run in
// PyTorch (one Python process, tests/differential/run_exported.py): in float64 against the
// interpreter, forward and gradients, with dropout on and off; and for the examples in float32
// against WebGPU (`rnnc run` and `rnnc grad`), from the same seeded initial weights. Skipped
// when /usr/bin/python3 cannot import torch (Debian's python3-torch).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { torchModuleFor } from "../../compiler/cli/exportTorch.js";
import { compile, type Compiled } from "../../compiler/compile.js";
import type { Graph } from "../../compiler/ir/graph.js";
import { concreteShape, interpret } from "../../compiler/ir/interpret.js";
import type { Tensor } from "../../compiler/ir/ops/index.js";
import { differentiate } from "../../compiler/passes/autodiff.js";
import { readSafetensors, writeSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { acquireDevice } from "../../runtime/device.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { randomInputs } from "../fuzz/differential.js";
import { generateModel } from "../fuzz/generate.js";

const PYTHON = "/usr/bin/python3";
const hasTorch = spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }).status === 0;
if (!hasTorch) console.warn(`torch export parity skipped: ${PYTHON} cannot import torch (install Debian's python3-torch)`);

const SEED = 3; // the initial weights, rnnc's and the module's
const DROPOUT_SEED = 11;

interface Case {
  name: string;
  path: string;
  text: string;
  runtime: Record<string, number>;
  gpu: boolean; // also against WebGPU in float32
}

const small = (sizes: string[]) => Object.fromEntries(sizes.map((s) => [s, s === "B" ? 2 : s === "T" ? 3 : 4]));
const fromFile = (path: string, gpu: boolean): Case => {
  const text = readFileSync(path, "utf8");
  const runtime = small(compile(path, text).lowered.runtimeSizes);
  return { name: path, path, text, runtime, gpu };
};
const cases: Case[] = [
  ...readdirSync("dsl-examples").filter((f) => f.endsWith(".cell")).map((f) => fromFile(`dsl-examples/${f}`, true)),
  ...readdirSync("tests/cells").filter((f) => f.endsWith(".cell")).map((f) => fromFile(`tests/cells/${f}`, false)),
  ...Array.from({ length: 12 }, (_, k) => {
    const { text, runtime } = generateModel(100 + k);
    return { name: `generated model ${100 + k}`, path: `generated-${100 + k}.cell`, text, runtime, gpu: false };
  }),
];

interface Prepared {
  compiled: Compiled;
  inputs: Record<string, NamedTensor>;
  seeds: Record<string, NamedTensor>; // by output name
  out: { f64: string; dropout?: string; f32?: string };
}
const prepared = new Map<string, Prepared>();

beforeAll(() => {
  if (!hasTorch) return;
  const dir = mkdtempSync(join(tmpdir(), "rnnc-torch-"));
  const jobs: object[] = [];
  cases.forEach((c, k) => {
    const compiled = compile(c.path, c.text, {}, { gradients: true });
    const graph = compiled.lowered.graph;
    const rng = new Random(1000 + k);
    const inputs = randomInputs(graph, c.runtime, rng);
    const seeds = Object.fromEntries(graph.outputs.map((o) => [o.name, random(concreteShape(graph.nodes[o.node].shape, c.runtime), rng)]));
    const file = (part: string) => join(dir, `${k}.${part}`);
    writeFileSync(file("py"), torchModuleFor(c.path, c.text, {}, "test"));
    writeFileSync(file("inputs.safetensors"), writeSafetensors(inputs));
    writeFileSync(file("seeds.safetensors"), writeSafetensors(seeds));
    const job = (out: string, float64: boolean, dropout?: number) => {
      jobs.push({ module: file("py"), inputs: file("inputs.safetensors"), seeds: file("seeds.safetensors"), out: file(out), seed: SEED, float64, dropout_seed: dropout ?? null });
      return file(out);
    };
    const hasDropout = graph.nodes.some((n) => n.op === "dropout");
    prepared.set(c.name, {
      compiled,
      inputs,
      seeds,
      out: { f64: job("f64.safetensors", true), dropout: hasDropout ? job("dropout.safetensors", true, DROPOUT_SEED) : undefined, f32: c.gpu ? job("f32.safetensors", false) : undefined },
    });
  });
  writeFileSync(join(dir, "jobs.json"), JSON.stringify(jobs));
  const run = spawnSync(PYTHON, ["tests/differential/run_exported.py", join(dir, "jobs.json")], { encoding: "utf8", timeout: 240_000 });
  if (run.status !== 0) throw new Error(`run_exported.py failed: ${run.stderr}`);
}, 300_000);

/** What PyTorch wrote for a job, or its error. */
function torchResult(path: string): Record<string, NamedTensor> {
  if (existsSync(`${path}.error`)) throw new Error(`the exported module failed in PyTorch: ${readFileSync(`${path}.error`, "utf8")}`);
  return readSafetensors(readFileSync(path), true);
}

describe.skipIf(!hasTorch)("an exported module computes what rnnc computes", () => {
  for (const c of cases) {
    test(`${c.name}: PyTorch float64 = the interpreter, forward and gradients${c.name.includes("char_lstm") ? ", dropout on and off" : ""}`, () => {
      const p = prepared.get(c.name)!;
      const torch = torchResult(p.out.f64);
      const params = initial(torch);
      expectParity(c, p, torch, params, {});
      if (!p.out.dropout) return;
      const dropped = torchResult(p.out.dropout);
      expectParity(c, p, dropped, params, { "dropout.active": scalar(1), "dropout.seed": scalar(DROPOUT_SEED) });
      // In training mode the masks change what it computes.
      const changed = p.compiled.lowered.graph.outputs.some((o) => relativeError(dropped[o.name].data, torch[o.name].data) > 1e-6);
      expect(changed).toBe(true);
    });
  }

  for (const c of cases.filter((x) => x.gpu)) {
    test(`${c.name}: PyTorch float32 = WebGPU (rnnc run, rnnc grad) from rnnc's initial weights`, async () => {
      const p = prepared.get(c.name)!;
      const torch = torchResult(p.out.f32!);
      const device = (await acquireDevice()).device;
      const model = await Model.create(p.compiled.manifest, device);
      model.initParams(SEED);
      // The module draws rnnc's initial weights: the same numbers, to float32 rounding of the same draws.
      const drawn = initial(torch);
      for (const [name, t] of Object.entries(model.stateDict())) expect(relativeError(t.data, drawn[name].data), name).toBeLessThanOrEqual(1e-6);
      const forward = await model.run(p.inputs);
      for (const o of p.compiled.lowered.graph.outputs) expect(relativeError(forward[o.name].data, torch[o.name].data, 1), o.name).toBeLessThanOrEqual(1e-4);
      const seeds = Object.fromEntries(Object.entries(p.seeds).map(([k, v]) => [`seed.${k}`, v]));
      const backward = await model.run({ ...p.inputs, ...seeds }, "train_step");
      const grads = p.compiled.manifest.outputs.filter((o) => o.role === "gradient");
      expect(grads.length).toBeGreaterThan(0);
      for (const g of grads) expect(relativeError(backward[g.name].data, torch[g.name].data), g.name).toBeLessThanOrEqual(1e-3);
      model.destroy();
    });
  }
});

/** Forward outputs and every gradient of the float64 run against the interpreter's. */
function expectParity(c: Case, p: Prepared, torch: Record<string, NamedTensor>, params: Record<string, Tensor>, extra: Record<string, Tensor>) {
  const graph: Graph = p.compiled.lowered.graph;
  const inputs = { ...f64(p.inputs), ...extra };
  const expected = interpret(graph, inputs, params);
  for (const o of graph.outputs) expect(relativeError(torch[o.name].data, expected[o.name].data, 1), `${c.name}: ${o.name}`).toBeLessThanOrEqual(1e-9);
  const seeds = Object.fromEntries(Object.entries(p.seeds).map(([k, v]) => [`seed.${k}`, f64one(v)]));
  const gradients = interpret(differentiate(graph), { ...inputs, ...seeds }, params);
  const names = Object.keys(gradients).filter((k) => k.startsWith("grad."));
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    expect(torch[name], `${c.name}: PyTorch has no ${name}`).toBeDefined();
    expect(relativeError(torch[name].data, gradients[name].data), `${c.name}: ${name}`).toBeLessThanOrEqual(1e-9);
  }
}

/** max |a - e| over max(floor, max |e|): per tensor, as the goldens are compared. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-6): number {
  expect(actual.length).toBe(expected.length);
  let error = 0;
  let scale = floor;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    error = Number.isNaN(d) ? Infinity : Math.max(error, d);
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return error / scale;
}

/** The module's initial weights, by state_dict name. */
const initial = (torch: Record<string, NamedTensor>): Record<string, Tensor> =>
  Object.fromEntries(Object.entries(torch).filter(([k]) => k.startsWith("init.")).map(([k, v]) => [k.slice(5), f64one(v)]));

const f64one = (t: NamedTensor): Tensor => ({ shape: t.shape, data: Float64Array.from(t.data) });
const f64 = (ts: Record<string, NamedTensor>) => Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, f64one(t)]));
const scalar = (v: number): Tensor => ({ shape: [], data: Float64Array.of(v) });

function random(shape: number[], rng: Random): NamedTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: n }, () => rng.next() * 2 - 1) };
}
