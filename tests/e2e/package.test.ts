// The package as a user gets it: packed into a tarball, installed into fresh apps, then used
// from the command line, from JavaScript (an ESM app and a CommonJS-default app, which npm
// init makes) and from TypeScript under strict checking without skipLibCheck.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { golden, maxAbsError } from "../helpers.js";

const repo = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "rnnc-package-"));
const app = join(dir, "app");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[], cwd = app) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" } });
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "").replace(/^npm warn .*\n/gm, "") };
};

beforeAll(() => {
  // The build is fresh (npm test builds first), so the tarball is packed without running it again.
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: repo, encoding: "utf8" }));
  const tarball = join(dir, packed[0].filename);
  mkdirSync(app);
  // npm init's default: a CommonJS app.
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
  const install = run("npm", ["install", "--prefer-offline", "--no-save", tarball]);
  expect(install.code, install.err).toBe(0);
}, 180_000);

test("the tarball holds the built package and no tests or goldens", () => {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--dry-run", "--json"], { cwd: repo, encoding: "utf8" }))[0];
  const files: string[] = packed.files.map((f: { path: string }) => f.path);
  expect(files).toEqual(expect.arrayContaining(["bin/rnnc.js", "dist/compiler/index.js", "dist/compiler/index.d.ts", "dist/runtime/index.js", "dist/format/index.js", "LICENSE", "README.md", "dsl-examples/lstm.cell", "compiler/targets/torch/rnnc_train.py"]));
  expect(files.filter((f) => /^(tests|golden|dist\/tests)\//.test(f))).toEqual([]);
});

test("npx rnnc: --version and compile", () => {
  const version = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version;
  expect(run("npx", ["--no-install", "rnnc", "--version"])).toMatchObject({ code: 0, out: `rnnc ${version}\n` });
  copyFileSync(join(app, "node_modules", "rnnc", "dsl-examples", "lstm.cell"), join(app, "lstm.cell"));
  const compiled = run("npx", ["--no-install", "rnnc", "compile", "lstm.cell", "-o", "model", "--set", "I=5", "--set", "H=7", "--set", "L=2", "--set", "D=2"]);
  expect(compiled.code, compiled.err).toBe(0);
  // The PyTorch export finds the trainer the package ships.
  const exported = run("npx", ["--no-install", "rnnc", "export", "--torch", "lstm.cell", "-o", "torch/lstm.py"]);
  expect(exported.code, exported.err).toBe(0);
  expect(readFileSync(join(app, "torch", "rnnc_train.py"), "utf8")).toMatch(/^# rnnc_train.py: /);
}, 60_000);

test("without the optional webgpu package, compiling works and running a model says what to install", () => {
  writeFileSync(join(app, "nogpu.mjs"), [`import { acquireDevice } from "rnnc/runtime";`, `await acquireDevice().catch((e) => console.log(e.message));`].join("\n"));
  expect(run("node", ["nogpu.mjs"]).out).toBe("The npm package 'webgpu' (Dawn for Node) is not installed. Run: npm install webgpu\n");
  // An app that runs models in Node installs it; this one takes the copy the tests run with.
  symlinkSync(join(repo, "node_modules", "webgpu"), join(app, "node_modules", "webgpu"), "dir");
});

test("a CommonJS app imports the API and runs the compiled model, matching PyTorch", () => {
  const weights = resolve("golden/torch/lstm_L2_D2.weights.safetensors");
  const inputs = resolve("golden/torch/lstm_L2_D2.inputs.safetensors");
  writeFileSync(
    join(app, "index.js"),
    [
      `const { readFileSync } = require("node:fs");`,
      `(async () => {`,
      `  const { compile } = await import("rnnc");`,
      `  const { readSafetensors } = await import("rnnc/runtime");`,
      `  const { load } = await import("./model/lstm.js");`,
      `  const sizes = compile("lstm.cell", readFileSync("lstm.cell", "utf8"), { I: 5, H: 7, L: 2, D: 2 }).manifest.sizes;`,
      `  const model = await load();`,
      `  model.loadWeights(readSafetensors(readFileSync(${JSON.stringify(weights)})));`,
      `  const out = await model.run(readSafetensors(readFileSync(${JSON.stringify(inputs)})));`,
      `  console.log(JSON.stringify({ sizes, out: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { shape: v.shape, data: [...v.data] }])) }));`,
      `  process.exit(0);`,
      `})();`,
    ].join("\n"),
  );
  const r = run("node", ["index.js"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const result = JSON.parse(r.out.trim().split("\n").pop()!);
  expect(result.sizes).toMatchObject({ I: 5, H: 7, L: 2, D: 2 });
  expect(maxAbsError(result.out, golden("lstm_L2_D2", "outputs"))).toBeLessThan(1e-5);
}, 60_000);

test("an ESM app compiles in memory and runs the model with the runtime API", () => {
  writeFileSync(
    join(app, "main.mjs"),
    [
      `import { readFileSync } from "node:fs";`,
      `import { compile } from "rnnc";`,
      `import { Model } from "rnnc/runtime";`,
      `const { manifest } = compile("lstm.cell", readFileSync("lstm.cell", "utf8"), { I: 3, H: 4, L: 1, D: 1 });`,
      `const model = await Model.create(manifest);`,
      `const out = await model.run({ x: { shape: [2, 1, 3], data: new Float32Array(6).fill(0.5) } });`,
      `console.log(Object.keys(out).join(","), out.y.shape.join("x"));`,
      `process.exit(0);`,
    ].join("\n"),
  );
  const r = run("node", ["main.mjs"]);
  expect(r.err).toBe("");
  expect(r.out).toBe("y,h_n,c_n 2x1x4\n");
}, 60_000);

test("the typed API and the compiled module's types check under strict TypeScript without skipLibCheck", () => {
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [] }, include: ["check.mts"] }),
  );
  writeFileSync(
    join(app, "check.mts"),
    [
      `import { compile, CompileError, type Manifest } from "rnnc";`,
      `import { Model, trainLanguageModel, type NamedTensor } from "rnnc/runtime";`,
      `import { evalSize } from "rnnc/format";`,
      `import { load } from "./model/lstm.js";`,
      `const text: string = "size T, B";`,
      `try { compile("m.cell", text); } catch (e) { if (e instanceof CompileError) console.log(e.message); }`,
      `const manifest: Manifest = compile("lstm.cell", text).manifest;`,
      `const x: NamedTensor = { shape: [1, 1, 5], data: new Float32Array(5) };`,
      `const model = await load();`,
      `const out = await model.run({ x });`,
      `const y: NamedTensor = out.y;`,
      `const other: Model = await Model.create(manifest);`,
      `console.log(y.shape, other.manifest.model, evalSize([], {}), typeof trainLanguageModel);`,
    ].join("\n"),
  );
  const r = run("node", [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
  expect(r.out + r.err).toBe("");
  expect(r.code).toBe(0);
}, 120_000);

test("esbuild bundles the compiled module and the compiler for a browser, with no warnings and no Node package", async () => {
  const { build } = await import("esbuild");
  writeFileSync(join(app, "page.mjs"), [`import { load } from "./model/lstm.js";`, `const model = await load();`, `console.log(await model.run({ x: { shape: [1, 1, 5], data: new Float32Array(5) } }));`].join("\n"));
  writeFileSync(join(app, "editor.mjs"), [`import { compile } from "rnnc";`, `console.log(compile("m.cell", "size T, B").manifest.kernels.length);`].join("\n"));
  for (const entry of ["page.mjs", "editor.mjs"]) {
    const result = await build({ entryPoints: [join(app, entry)], absWorkingDir: app, bundle: true, write: false, format: "esm", platform: "browser", minify: true, logLevel: "silent", metafile: true });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    // The Node-only pieces (Dawn, the file system) stay out of a browser bundle.
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((f) => /node_modules\/webgpu\/|^node:/.test(f))).toEqual([]);
    expect(inputs.length).toBeGreaterThan(3);
  }
}, 60_000);
