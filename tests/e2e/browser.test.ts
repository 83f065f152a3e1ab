// A compiled model as a web page uses it: `rnnc compile` output served over HTTP, imported by
// headless Chromium, run on the browser's own WebGPU (SwiftShader, software Vulkan), checked against PyTorch.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { writeCompiledFolder } from "../../compiler/cli/compiledFolder.js";
import type { Manifest } from "../../format/manifest.js";
import type { NamedTensor } from "../../format/safetensors.js";
import { Model } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { sampleText } from "../../runtime/sampling.js";
import { golden, maxAbsError, randomTensor } from "../helpers.js";
import { CHROMIUM, FLAGS, launchChromium } from "./chromium.js";

let trainedManifest: Manifest;
let trainedWeights: Record<string, NamedTensor>;

const CASE = "lstm_L2_D2";
const CORPUS = "abcd abcd abcd dcba dcba ".repeat(40); // a pattern a small model learns in a few dozen steps
const VOCAB = [...new Set(CORPUS)];
const SIZES = { I: 5, H: 7, L: 2, D: 2 };

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wgsl": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

// Plain JavaScript in the page itself (not a serialised test function, which the test transform
// could decorate with helpers the page does not have).
const INDEX_HTML = `<!doctype html>
<meta charset="utf-8">
<title>rnnc in the browser</title>
<link rel="icon" href="data:,">
<script type="module">
const plain = (ts) => Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, { shape: [...t.shape], data: Array.from(t.data) }]));
const f32 = (ts) => Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, { shape: t.shape, data: Float32Array.from(t.data) }]));
window.runModel = async (weights, inputs) => {
  const mod = await import("./lstm.js");
  const model = await mod.load();
  const device = model.device;
  const uncaptured = [];
  device.addEventListener("uncapturederror", (e) => uncaptured.push(e.error.message));
  device.pushErrorScope("validation");
  model.loadWeights(f32(weights));
  const withState = await model.run(f32(inputs));
  const zeroState = await model.run(f32({ x: inputs.x }));
  const validation = await device.popErrorScope();
  const info = device.adapterInfo ?? {};
  model.destroy();
  return {
    withState: plain(withState),
    zeroState: plain(zeroState),
    errors: [...(validation ? [validation.message] : []), ...uncaptured],
    adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(" "),
    manifestModel: mod.manifest.model,
    nodeGlobals: ["process", "require", "Buffer", "module", "__dirname"].filter((g) => typeof globalThis[g] !== "undefined"),
  };
};
// Training and sampling with the runtime alone: a folder compiled with gradients.
window.trainAndSample = async (corpus) => {
  const { trainLanguageModel, sampleText, CharText } = await import("./train/runtime/index.js");
  const model = await (await import("./train/char_lstm.js")).load();
  model.initParams(1);
  const text = new CharText(corpus);
  const losses = [];
  const options = { steps: 40, batch: 4, seq: 16, lr: 0.02, minLr: 0.002, warmup: 2, optimizer: "adamw", clip: 1, weightDecay: 0.01, momentum: 0.9, seed: 0, logEvery: 1, evalEvery: 40, evalBatches: 1, checkpointEvery: 40 };
  let checkpointed;
  const result = await trainLanguageModel(model, text, options, {
    loss: (step, loss) => losses.push(loss),
    checkpoint: (step, weights, state) => (checkpointed = { step, weights: Object.keys(weights).length, moments: state.moments.data.length }),
  });
  let sample = "";
  for await (const c of sampleText(model, text.vocab, "ab", { length: 20, temperature: 0.5, topK: 0, seed: 3 })) sample += c;
  return { losses, validation: result.validation, checkpointed, sample, vocab: text.vocab };
};
// A trained character model compiled with its weights and vocabulary: generate as an app would.
window.generateText = async (prompt, options) => {
  const mod = await import("./trained/char_lstm.js");
  const model = await mod.loadTrained();
  let text = "";
  for await (const c of mod.generate(model, prompt, options)) text += c;
  return text;
};
window.pageReady = true;
</script>
`;

let dir: string;
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
const served: string[] = []; // paths the server answered with a file
const refused: string[] = []; // paths it would not or could not serve
const requested: string[] = []; // every URL the browser asked for
const consoleErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rnnc-browser-"));
  const sets = Object.entries(SIZES).flatMap(([k, v]) => ["--set", `${k}=${v}`]);
  const r = spawnSync("node", ["bin/rnnc.js", "compile", "dsl-examples/lstm.cell", "-o", dir, ...sets], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  writeFileSync(join(dir, "index.html"), INDEX_HTML);
  // The char-LSTM compiled with a training entry, as `rnnc compile --gradients` writes it, for training in the page.
  const charLstm = readFileSync("dsl-examples/char_lstm.cell", "utf8");
  const sizes = { V: VOCAB.length, E: 8, H: 16, L: 1 };
  writeCompiledFolder(join(dir, "train"), compile("char_lstm.cell", charLstm, sizes, { gradients: true }).manifest, "char_lstm.cell");
  // The same model as `rnnc compile --checkpoint` writes it: weights beside the module, vocabulary in the manifest.
  const trained = { ...compile("char_lstm.cell", charLstm, sizes).manifest, vocab: VOCAB };
  const rng = new Random(11);
  trainedWeights = Object.fromEntries(trained.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.8)]));
  writeCompiledFolder(join(dir, "trained"), trained, "char_lstm.cell", trainedWeights);
  trainedManifest = trained;

  const root = resolve(dir);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = resolve(root, "." + (path === "/" ? "/index.html" : path));
    const inside = file.startsWith(root + sep);
    if (req.method !== "GET" || !inside || !existsSync(file) || !statSync(file).isFile()) {
      refused.push(path);
      res.writeHead(inside ? 404 : 403, { "Content-Type": "text/plain" }).end("not here");
      return;
    }
    served.push(path);
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let context;
  ({ browser, context } = await launchChromium(origin, requested));
  page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const plain = (ts: ReturnType<typeof golden>) =>
  Object.fromEntries(Object.entries(ts).map(([k, t]) => [k, { shape: t.shape, data: Array.from(t.data) }]));

test("the compiled LSTM runs on WebGPU in headless Chromium and matches PyTorch", { timeout: 120_000 }, async () => {
  await page.goto(`${origin}/index.html`);
  try {
    await page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true, null, { timeout: 10_000 });
  } catch (e) {
    throw new Error(`index.html's module script did not run: ${[...consoleErrors, String(e)].join("\n")}`);
  }

  const gpu = await page.evaluate(async () => {
    const nav = navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } };
    if (!nav.gpu) return "navigator.gpu is missing";
    return (await nav.gpu.requestAdapter()) ? "ok" : "navigator.gpu.requestAdapter() returned null";
  });
  expect(gpu, `no WebGPU in headless Chromium (${gpu}); launched ${CHROMIUM} with ${FLAGS.join(" ")}`).toBe("ok");

  const inputs = golden(CASE, "inputs");
  const result = await page.evaluate(
    ([w, i]) => (window as unknown as { runModel: (w: unknown, i: unknown) => Promise<unknown> }).runModel(w, i),
    [plain(golden(CASE, "weights")), plain(inputs)],
  ) as {
    withState: Record<string, { shape: number[]; data: number[] }>;
    zeroState: Record<string, { shape: number[]; data: number[] }>;
    errors: string[];
    adapter: string;
    manifestModel: string;
    nodeGlobals: string[];
  };

  expect(result.errors).toEqual([]);
  expect(result.manifestModel).toBe("lstm");
  expect(result.adapter).toMatch(/swiftshader/i);
  expect(result.nodeGlobals).toEqual([]);

  const [T, B] = inputs.x.shape;
  const shapes = { y: [T, B, 2 * SIZES.H], h_n: [SIZES.L * SIZES.D, B, SIZES.H], c_n: [SIZES.L * SIZES.D, B, SIZES.H] };
  for (const out of [result.withState, result.zeroState]) {
    expect(Object.keys(out).sort()).toEqual(Object.keys(shapes).sort());
    for (const [name, shape] of Object.entries(shapes)) {
      expect(out[name].shape, name).toEqual(shape);
      expect(out[name].data, name).toHaveLength(shape.reduce((a, b) => a * b, 1));
    }
  }
  expect(maxAbsError(result.withState, golden(CASE, "outputs"))).toBeLessThanOrEqual(1e-5);
  expect(maxAbsError(result.zeroState, golden(CASE, "outputs_zero_state"))).toBeLessThanOrEqual(1e-5);

  // Only the served folder was touched: every request to our server, every one answered with a
  // file from the compiled folder, the runtime's ES modules among them.
  expect(requested.filter((u) => !u.startsWith(origin + "/"))).toEqual([]);
  expect(refused).toEqual([]);
  expect(served).toEqual(expect.arrayContaining(["/index.html", "/lstm.js", "/runtime/model.js", "/runtime/device.js"]));
  expect(consoleErrors).toEqual([]);
});

test("training and sampling run in headless Chromium with the runtime alone", { timeout: 180_000 }, async () => {
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true, null, { timeout: 10_000 });
  const result = (await page.evaluate((corpus) => (window as unknown as { trainAndSample: (c: string) => Promise<unknown> }).trainAndSample(corpus), CORPUS)) as {
    losses: number[];
    validation: number;
    checkpointed: { step: number; weights: number; moments: number };
    sample: string;
    vocab: string[];
  };
  expect(result.losses).toHaveLength(40);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // ln(5) = 1.61 nats is guessing among the five characters; the pattern is far more certain
  expect(mean(result.losses.slice(0, 5))).toBeGreaterThan(1.4);
  expect(mean(result.losses.slice(-5))).toBeLessThan(0.9);
  expect(result.validation).toBeLessThan(0.9);
  expect(result.checkpointed).toMatchObject({ step: 40, weights: 7 });
  expect(result.sample).toHaveLength(20);
  expect([...result.sample].every((c) => result.vocab.includes(c))).toBe(true);
  expect(refused).toEqual([]);
  expect(served).toEqual(expect.arrayContaining(["/train/runtime/training.js", "/train/runtime/sampling.js", "/train/runtime/text.js"]));
  expect(consoleErrors).toEqual([]);
});

test("a trained module in a page: loadTrained() fetches its weights and generate() writes what Node writes", { timeout: 120_000 }, async () => {
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true, null, { timeout: 10_000 });
  const options = { length: 40, temperature: 0.8, topK: 0, seed: 5 };
  const inPage = (await page.evaluate(([prompt, o]) => (window as unknown as { generateText: (p: unknown, o: unknown) => Promise<string> }).generateText(prompt, o), ["ab", options] as const)) as string;
  const model = await Model.create(trainedManifest);
  model.loadWeights(trainedWeights);
  let inNode = "";
  for await (const c of sampleText(model, VOCAB, "ab", options)) inNode += c;
  model.destroy();
  expect(inPage).toHaveLength(40);
  expect(inPage).toBe(inNode);
  expect(served).toEqual(expect.arrayContaining(["/trained/char_lstm.js", "/trained/weights.safetensors", "/trained/runtime/bytes.js"]));
  expect(consoleErrors).toEqual([]);
});
