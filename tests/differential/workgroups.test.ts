// Workgroup shapes chosen per adapter (runtime/workgroups.ts). Every product kernel lists the
// shapes it may run with; a model run with any of them gives the same outputs to the bit, as
// each thread computes its own tile whatever the workgroup. Choices are cached per adapter,
// kernel and sizes; a cached shape the kernel does not list, or a cache file that is not JSON,
// is measured again rather than used.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import type { Manifest } from "../../format/manifest.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { candidates, choiceKey, memoryCache, persistentCache, type WorkgroupCache } from "../../runtime/workgroups.js";
import { compileExample, gpuChecks, randomTensor } from "../helpers.js";

const { device, errors } = gpuChecks();

// A two-layer LSTM with every kind of product: the fused step, the input projection, the
// backward products and the weights' gradients summed in parts; the one-row kernels at B = 1.
// Widths of 4 and 8 read four floats at a time (16 threads a workgroup by default); widths of
// 3 and 5, one (64 threads), so some listed shapes have fewer threads than the default.
const { manifest } = compileExample("lstm", { I: 4, H: 8, L: 2 }, { gradients: true });
const scalar = compileExample("lstm", { I: 3, H: 5, L: 1 }, { gradients: true }).manifest;

function trainInputs(T: number, B: number, seed: number, m = manifest): Record<string, NamedTensor> {
  const rng = new Random(seed);
  const inputs: Record<string, NamedTensor> = {};
  for (const i of m.inputs) if (!i.optional || i.role === "seed") inputs[i.name] = randomTensor(i.shape.map((d) => (d === "T" ? T : d === "B" ? B : (d as number))), rng);
  return inputs;
}

/** A cache that answers each kernel with its `index`-th listed shape (its last where it lists fewer), and counts what is stored. */
function forcing(m: Manifest, index: number): WorkgroupCache & { stored: number; shapeOf: (name: string) => number[] } {
  const shapeOf = (name: string) => {
    const listed = m.kernels.find((k) => k.name === name)!.workgroups!;
    return listed[Math.min(index, listed.length - 1)];
  };
  const cache = { stored: 0, shapeOf, get: (key: string) => shapeOf(key.slice(0, key.indexOf("#"))), set: () => void cache.stored++ };
  return cache;
}

test("every product kernel lists shapes, its compiled one first, each within the device's limits", () => {
  const products = manifest.kernels.filter((k) => /each thread computes \d+x\d+ outputs|of the product for four hidden units/.test(k.wgsl));
  expect(products.length).toBeGreaterThan(6);
  for (const k of products) {
    expect(k.workgroups?.[0], k.name).toEqual(k.workgroup);
    expect(k.workgroups!.length, k.name).toBeGreaterThan(3);
    expect(k.wgsl, k.name).toContain("@workgroup_size(workgroup_x, workgroup_y, workgroup_z)");
    expect(candidates(k, device().limits).length, k.name).toBe(k.workgroups!.length); // llvmpipe allows 1,024 threads
  }
  // An elementwise kernel indexes by its workgroup's size: it lists none.
  const elementwise = manifest.kernels.find((k) => k.name.startsWith("init_"))!;
  expect(elementwise.workgroups).toBeUndefined();
  expect(elementwise.wgsl).not.toContain("override");
});

/** The outputs of a run with the compiled shapes, for each model and sizes below. */
const expectedAt = new Map<string, Promise<Record<string, NamedTensor>>>();
function withCompiledShapes(m: Manifest, T: number, B: number): Promise<Record<string, NamedTensor>> {
  const key = `${m === manifest ? "vec4" : "scalar"} ${T}x${B}`;
  if (!expectedAt.has(key))
    expectedAt.set(key, (async () => {
      const plain = await Model.create(m, device());
      plain.initParams(1);
      const out = await plain.run(trainInputs(T, B, 1, m), "train_step");
      plain.destroy();
      return out;
    })());
  return expectedAt.get(key)!;
}

test.each([1, 2, 3, 4, 5])("every kernel at its shape %i: the same outputs and gradients to the bit, at B = 70 and B = 1", async (index) => {
  for (const m of [manifest, scalar])
    for (const [T, B] of [[3, 70], [2, 1]]) {
      const inputs = trainInputs(T, B, 1, m);
      const expected = await withCompiledShapes(m, T, B);
      const cache = forcing(m, index);
      const model = await Model.create(m, device(), { tune: cache });
      model.initParams(1);
      const chosen = await model.tune(inputs, { entry: "train_step" });
      expect(Object.keys(chosen).length).toBeGreaterThan(m === manifest ? 6 : 3);
      for (const [name, shape] of Object.entries(chosen)) expect(shape, name).toEqual(cache.shapeOf(name));
      expect(cache.stored).toBe(0); // every shape came from the cache: nothing was timed
      const got = await model.run(inputs, "train_step");
      for (const [name, t] of Object.entries(expected)) {
        const differ = t.data.findIndex((v, i) => !Object.is(v, got[name].data[i]));
        if (differ >= 0) errors.push(`shape ${index}, ${m === manifest ? "vec4" : "scalar"}, T=${T} B=${B}: ${name}[${differ}] is ${got[name].data[differ]}, not ${t.data[differ]}`);
      }
      model.destroy();
    }
});

test("tuning on the first run: each kernel timed once, the fastest of its list kept; outputs unchanged", async () => {
  const inputs = trainInputs(4, 8, 7);
  const plain = await Model.create(manifest, device());
  const expected = await plain.run(inputs, "train_step");
  plain.destroy();
  const stored = new Map<string, number[]>();
  const cache = { get: (key: string) => stored.get(key), set: (key: string, shape: number[]) => void stored.set(key, shape) };
  const model = await Model.create(manifest, device(), { tune: cache });
  const got = await model.run(inputs, "train_step");
  for (const [name, t] of Object.entries(expected)) expect(Array.from(got[name].data), name).toEqual(Array.from(t.data));
  expect(stored.size).toBeGreaterThan(6);
  for (const [key, shape] of stored) {
    const kernel = manifest.kernels.find((k) => key.startsWith(`${k.name}#`))!;
    expect(kernel.workgroups, key).toContainEqual(shape);
    expect(key).toBe(choiceKey(kernel, { T: 4, B: 8 }));
  }
  // Again at the same sizes: nothing new is timed; at other sizes, their own choices.
  const before = stored.size;
  await model.run(inputs, "train_step");
  expect(stored.size).toBe(before);
  await model.run(trainInputs(2, 8, 8), "train_step");
  expect(stored.size).toBe(2 * before);
  model.destroy();
});

test("a cached shape the kernel does not list is measured again, not used", async () => {
  const inputs = trainInputs(2, 4, 9);
  const bogus = memoryCache();
  const step = manifest.kernels.find((k) => k.name === "lstm_l0_step")!;
  const key = choiceKey(step, { T: 2, B: 4 });
  bogus.set(key, [3, 3, 3]);
  const model = await Model.create(manifest, device(), { tune: bogus });
  const shapes = await model.tune(inputs, { entry: "train_step" });
  expect(step.workgroups).toContainEqual(shapes.lstm_l0_step);
  expect(bogus.get(key)).toEqual(shapes.lstm_l0_step); // measured, and the measurement kept
  model.destroy();
});

const cacheDir = mkdtempSync(join(tmpdir(), "rnnc-workgroups-"));
const savedDir = process.env.RNNC_CACHE_DIR;
afterEach(() => {
  if (savedDir === undefined) delete process.env.RNNC_CACHE_DIR;
  else process.env.RNNC_CACHE_DIR = savedDir;
});

test("the cache file keeps each adapter's choices apart, and one that is not JSON is started afresh", async () => {
  process.env.RNNC_CACHE_DIR = cacheDir;
  const file = join(cacheDir, "workgroups.json");
  const a = await persistentCache("adapter a");
  a.set("k#1@T=1", [4, 16, 1]);
  expect((await persistentCache("adapter a")).get("k#1@T=1")).toEqual([4, 16, 1]);
  expect((await persistentCache("adapter b")).get("k#1@T=1")).toBeUndefined();
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "adapter a": { "k#1@T=1": [4, 16, 1] } });
  // Not a shape: ignored.
  writeFileSync(file, JSON.stringify({ "adapter a": { "k#1@T=1": [0, -2], "k#2@T=1": "16" } }));
  expect(a.get("k#1@T=1")).toBeUndefined();
  expect(a.get("k#2@T=1")).toBeUndefined();
  // Not JSON: nothing read, and the next choice writes a whole file again.
  writeFileSync(file, "{ cut off");
  expect(a.get("k#1@T=1")).toBeUndefined();
  a.set("k#3@T=1", [8, 8]);
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "adapter a": { "k#3@T=1": [8, 8] } });
  rmSync(cacheDir, { recursive: true, force: true });
});
