// The compiled folder in an app's browser build: bundled by webpack and Vite from an app whose
// package.json says CommonJS (npm init's default), with no warning or error, its kernels and
// trained weights in the output. (esbuild: package.test.ts, from the installed tarball.)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import webpack from "webpack";
import { afterAll, beforeAll, expect, onTestFinished, test } from "vitest";
import { writeCompiledFolder } from "../../compiler/cli/compiledFolder.js";
import { compile } from "../../compiler/compile.js";
import { Random } from "../../runtime/random.js";
import { randomTensor } from "../helpers.js";

const app = mkdtempSync(join(tmpdir(), "rnnc-bundlers-"));
afterAll(() => rmSync(app, { recursive: true, force: true }));

// What each folder's module is used for, from the app's one entry.
const ENTRY = `
import { load } from "../forward/lstm.js";
import { load as loadForTraining } from "../train/char_lstm.js";
import { trainLanguageModel, CharText } from "../train/runtime/index.js";
import { loadTrained, generate } from "../trained/char_lstm.js";
async function start() {
  const model = await load();
  const trainable = await loadForTraining();
  await trainLanguageModel(trainable, new CharText("abcd".repeat(100)), { steps: 1, batch: 1, seq: 4, lr: 0.01, minLr: 0.001, warmup: 0, optimizer: "adamw", clip: 1, weightDecay: 0, momentum: 0.9, seed: 0, logEvery: 1, evalEvery: 1, checkpointEvery: 1 });
  const trained = await loadTrained();
  for await (const c of generate(trained, "ab")) console.log(c);
  return model;
}
start();
`;

beforeAll(() => {
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", type: "commonjs" })); // as npm init -y writes it
  const rnnc = (...args: string[]) => spawnSync("node", ["bin/rnnc.js", ...args, "-q"], { encoding: "utf8" });
  expect(rnnc("compile", "dsl-examples/lstm.cell", "-o", join(app, "forward")).status).toBe(0);
  expect(rnnc("compile", "dsl-examples/char_lstm.cell", "-o", join(app, "train"), "--gradients", "--set", "V=4", "--set", "H=8", "--set", "E=4", "--set", "L=1").status).toBe(0);
  // As `rnnc compile --checkpoint` writes a trained run: its weights beside the module, its vocabulary inside.
  const manifest = { ...compile("char_lstm.cell", readFileSync("dsl-examples/char_lstm.cell", "utf8"), { V: 4, H: 8, E: 4, L: 1 }).manifest, vocab: ["a", "b", "c", "d"] };
  const rng = new Random(3);
  writeCompiledFolder(join(app, "trained"), manifest, "char_lstm.cell", Object.fromEntries(manifest.params.map((p) => [p.name, randomTensor(p.shape as number[], rng, 0.5)])));
  mkdirSync(join(app, "src"));
  writeFileSync(join(app, "src", "main.mjs"), ENTRY);
  writeFileSync(join(app, "index.html"), `<!doctype html><script type="module" src="./src/main.mjs"></script>\n`);
});

/** Every output file's text, and the names of the binary ones. */
function output(dir: string): { text: string; files: string[] } {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name));
  return { text: files.filter((f) => /\.(js|mjs|html)$/.test(f)).map((f) => readFileSync(f, "utf8")).join("\n"), files: files.map((f) => f.slice(dir.length + 1)) };
}

const kernelName = () => readFileSync(join(app, "train", "char_lstm.js"), "utf8").match(/"name":"([^"]+)"/)![1];

test("webpack 5 bundles the three folders with no warning", { timeout: 120_000 }, async () => {
  const outDir = join(app, "dist-webpack");
  const stats = await new Promise<webpack.Stats>((ok, fail) =>
    webpack(
      {
        mode: "production",
        context: app,
        entry: "./src/main.mjs",
        output: { path: outDir },
        // The size hint is about the app's own budget: the module with a training entry holds 400 kB of WGSL.
        performance: { hints: false },
      },
      (err, s) => (err || !s ? fail(err) : ok(s)),
    ),
  );
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  expect(info.errors?.map((e) => e.message)).toEqual([]);
  expect(info.warnings?.map((w) => w.message)).toEqual([]);
  const { text, files } = output(outDir);
  expect(text).toContain(kernelName());
  expect(files.some((f) => f.endsWith(".safetensors"))).toBe(true); // new URL("./weights.safetensors", import.meta.url) is an asset
});

test("Vite 8 bundles the three folders with no warning", { timeout: 120_000 }, () => {
  const outDir = join(app, "dist-vite");
  // In a process of its own, as a user runs it (inside the test runner Vite resolves differently);
  // the script sits in the project so that it finds the project's Vite.
  mkdirSync("out", { recursive: true });
  const script = join(mkdtempSync(join("out", "vite-")), "build.mjs");
  onTestFinished(() => rmSync(dirname(script), { recursive: true, force: true }));
  writeFileSync(
    script,
    `import { build, createLogger } from "vite";
const said = [];
const logger = createLogger("info", { allowClearScreen: false });
logger.warn = logger.warnOnce = logger.error = (msg) => void said.push(msg);
logger.info = () => {};
// the weights as a file, as a real model's are, not inlined
await build({ root: ${JSON.stringify(app)}, configFile: false, customLogger: logger, build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true, assetsInlineLimit: 0 } });
console.log(JSON.stringify(said));
`,
  );
  const r = spawnSync("node", [script], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual([]);
  const { text, files } = output(outDir);
  expect(text).toContain(kernelName());
  expect(files.some((f) => f.endsWith(".safetensors"))).toBe(true);
});
