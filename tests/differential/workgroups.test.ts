// Workgroup shapes and tile rows chosen per adapter (runtime/workgroups.ts). Every product
// kernel lists the workgroup shapes it may run with, and a matmul or a fused step the rows of
// its threads' tiles; a model run with any of them gives the same outputs to the bit, as each
// output is one thread's dot product whatever the grouping. Choices are cached per adapter,
// kernel and sizes; a cached variant the kernel does not list, or a cache file that is not
// JSON, is measured again rather than used.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import type { Manifest } from "../../format/manifest.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { generate } from "../../runtime/generation.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { choiceKey, isListed, memoryCache, persistentCache, shapesAllowed, type Variant, type WorkgroupCache } from "../../runtime/workgroups.js";
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

/** A cache that answers each kernel with its `index`-th listed shape and tile rows (its last where it lists fewer), and counts what is stored. */
function forcing(m: Manifest, index: number): WorkgroupCache & { stored: number; variantOf: (name: string) => Variant } {
  const at = <T>(list: T[]) => list[Math.min(index, list.length - 1)];
  const variantOf = (name: string) => {
    const k = m.kernels.find((k) => k.name === name)!;
    return { workgroup: at(k.workgroups!), ...(k.tileRows ? { rows: at(k.tileRows) } : {}) };
  };
  const cache = { stored: 0, variantOf, get: (key: string) => variantOf(key.slice(0, key.indexOf("#"))), set: () => void cache.stored++ };
  return cache;
}

test("every product kernel lists shapes, its compiled one first, each within the device's limits; matmuls and fused steps their tiles' rows", () => {
  const products = manifest.kernels.filter((k) => /each thread computes \d+x\d+ outputs|rows? of the product/.test(k.wgsl));
  expect(products.length).toBeGreaterThan(6);
  for (const k of products) {
    expect(k.workgroups?.[0], k.name).toEqual(k.workgroup);
    expect(k.workgroups!.length, k.name).toBeGreaterThan(3);
    expect(k.wgsl, k.name).toContain("@workgroup_size(workgroup_x, workgroup_y, workgroup_z)");
    expect(shapesAllowed(k, device().limits).length, k.name).toBe(k.workgroups!.length); // llvmpipe allows 1,024 threads
  }
  // The rows of a tile read four floats at a time along the reduction: 16, halved down to 1.
  const tiled = products.filter((k) => k.tileRows);
  expect(tiled.map((k) => k.name).sort()).toEqual(["lstm_l0_step", "lstm_l1_step", "matmul_weight_ih_l0_matmul_x", "matmul_weight_ih_l1_matmul_h"].sort());
  for (const k of tiled) {
    expect(k.tileRows).toEqual([16, 8, 4, 2, 1]);
    expect(k.tile[1]).toBe(16);
    expect(k.wgsl).toContain("let row0 = gid.y * tile_rows;");
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
      for (const [name, variant] of Object.entries(chosen)) expect(variant, name).toEqual(cache.variantOf(name));
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
  const stored = new Map<string, Variant>();
  const cache = { get: (key: string) => stored.get(key), set: (key: string, variant: Variant) => void stored.set(key, variant) };
  const model = await Model.create(manifest, device(), { tune: cache });
  const got = await model.run(inputs, "train_step");
  for (const [name, t] of Object.entries(expected)) expect(Array.from(got[name].data), name).toEqual(Array.from(t.data));
  expect(stored.size).toBeGreaterThan(6);
  for (const [key, variant] of stored) {
    const kernel = manifest.kernels.find((k) => key.startsWith(`${k.name}#`))!;
    expect(isListed(kernel, variant, device().limits), key).toBe(true);
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

test("a cached variant the kernel does not list is measured again, not used", async () => {
  const inputs = trainInputs(2, 4, 9);
  const bogus = memoryCache();
  const [step, projection] = ["lstm_l0_step", "matmul_weight_ih_l0_matmul_x"].map((name) => manifest.kernels.find((k) => k.name === name)!);
  bogus.set(choiceKey(step, { T: 2, B: 4 }), { workgroup: [3, 3, 3], rows: 16 }); // a shape not listed
  bogus.set(choiceKey(projection, { T: 2, B: 4 }), { workgroup: projection.workgroup, rows: 3 }); // rows not listed
  const model = await Model.create(manifest, device(), { tune: bogus });
  const chosen = await model.tune(inputs, { entry: "train_step" });
  for (const k of [step, projection]) {
    expect(isListed(k, chosen[k.name], device().limits), k.name).toBe(true);
    expect(bogus.get(choiceKey(k, { T: 2, B: 4 }))).toEqual(chosen[k.name]); // measured, and the measurement kept
  }
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
  const chosen = { workgroup: [4, 16, 1], rows: 8 };
  a.set("k#1@T=1", chosen);
  expect((await persistentCache("adapter a")).get("k#1@T=1")).toEqual(chosen);
  expect((await persistentCache("adapter b")).get("k#1@T=1")).toBeUndefined();
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "adapter a": { "k#1@T=1": chosen } });
  // Not a variant: ignored.
  const bad = { "k#1@T=1": { workgroup: [0, -2] }, "k#2@T=1": "16", "k#3@T=1": [8, 8], "k#4@T=1": { workgroup: [8], rows: 1.5 } };
  writeFileSync(file, JSON.stringify({ "adapter a": bad }));
  for (const key of Object.keys(bad)) expect(a.get(key), key).toBeUndefined();
  // Not JSON: nothing read, and the next choice writes a whole file again.
  writeFileSync(file, "{ cut off");
  expect(a.get("k#1@T=1")).toBeUndefined();
  a.set("k#5@T=1", { workgroup: [8, 8] });
  expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "adapter a": { "k#5@T=1": { workgroup: [8, 8] } } });
  rmSync(cacheDir, { recursive: true, force: true });
});

test("generation tunes its runs that carry a state too, and draws the same text as untuned", async () => {
  // A char-LSTM compiled to generate: the prompt's run starts afresh; each later run keeps the
  // state the run before left in the workspace, which tuning copies aside and back.
  const { manifest: lm } = compileExample("char_lstm", { V: 9, E: 4, H: 8, L: 2 }, { generation: { outputs: ["logits"] } });
  const draw = async (tune?: WorkgroupCache) => {
    const model = await Model.create(lm, device(), tune ? { tune } : {});
    model.initParams(5);
    // Weights large enough that the text follows the carried state, not only the last token.
    model.loadWeights(Object.fromEntries(Object.entries(model.stateDict()).map(([name, t]) => [name, { ...t, data: t.data.map((v) => 6 * v) }])));
    const out: number[] = [];
    for await (const block of generate(model, [1, 2, 3], { length: 24, temperature: 1.5, topK: 0, seed: 9, block: 4 })) out.push(...block);
    model.destroy();
    return out;
  };
  const asked: string[] = [];
  const forced = forcing(lm, 2);
  const cache = { ...forced, get: (key: string) => (asked.push(key), forced.get(key)) };
  const untuned = await draw();
  expect(new Set(untuned).size).toBeGreaterThan(2);
  expect(await draw(cache)).toEqual(untuned);
  expect(asked.some((key) => key.endsWith("@B=1,T=1"))).toBe(true); // a run that kept the state was tuned
});
