// The rnnc command as a user runs it: exit codes, messages, files written, numbers.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, onTestFinished, test } from "vitest";
import type { Manifest } from "../../format/manifest.js";
import { readSafetensors } from "../../format/safetensors.js";
import { golden, maxAbsError } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "rnnc-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rnnc(...args: string[]) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: withoutDawnNotes(r.stderr) };
}

/** Dawn prints notes about its backends (e.g. no Vulkan loader) to stderr; they are not ours. */
function withoutDawnNotes(stderr: string): string {
  return stderr.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "");
}

describe("RNNC_DUMP prints the stages asked for", () => {
  test("a pass and the schedule", () => {
    const r = spawnSync("node", ["bin/rnnc.js", "ir", "dsl-examples/gru.cell"], { encoding: "utf8", env: { ...process.env, RNNC_DUMP: "hoist-time-invariant,schedule" } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("==== hoist-time-invariant ====\n%0 [T, B, 10] = input(\"x\")");
    expect(r.stderr).toContain(
      "==== schedule ====\nsteps:\n  0: matmul_gi: matmul of params, x + bias params + 1800 -> gi\n  1: init_gru_l0_h: over [B, 20] -> gru_l0_h\n  2: loop T times:\n    gru_l0_step: matmul of params + 600, gru_l0_h[read_slot], every gate of a thread's units, then over [B, 20] -> gru_l0_h[write_slot]\n",
    );
    expect(r.stderr).toContain("entries:\n  forward: every step, computing y, h_n\n");
    expect(r.stderr).not.toContain("==== wgsl ====");
  });
});

test("rnnc --version prints the package's version", () => {
  const version = JSON.parse(readFileSync("package.json", "utf8")).version;
  for (const flag of ["--version", "-V"]) expect(rnnc(flag)).toMatchObject({ code: 0, out: `rnnc ${version}\n` });
});

describe("rnnc check", () => {
  test("a good model", () => {
    const r = rnnc("check", "dsl-examples/gru.cell");
    expect(r).toMatchObject({ code: 0, out: "dsl-examples/gru.cell: ok\n" });
  });
  test("a typo: one error with its location, no stack trace, exit 1", () => {
    const bad = join(dir, "typo.cell");
    writeFileSync(bad, readFileSync("dsl-examples/gru.cell", "utf8").replace("r = sigmoid(", "r = sigmoidd("));
    const r = rnnc("check", bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:18:7: error: unknown function 'sigmoidd'`);
    expect(r.err).toContain("^^^^^^^^");
    expect(r.err).toContain("did you mean 'sigmoid'?");
    expect(r.err).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });
  test("usage mistakes: one line and exit 2", () => {
    for (const args of [["check", "missing.cell"], ["compile", "dsl-examples/gru.cell", "--frobnicate"], ["nonsense"], ["check", "dsl-examples/gru.cell", "--set", "Q=3"], ["check", "dsl-examples/gru.cell", "--set", "H=x"]]) {
      const r = rnnc(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/^rnnc: /);
    }
  });
  test("--help on each command", () => {
    for (const c of ["check", "ir", "compile", "run", "grad", "train", "sample"]) {
      const r = rnnc(c, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: rnnc ${c}`);
      expect(r.out).toContain("--quiet");
      expect(r.out.includes("--json")).toBe(["check", "compile", "run", "grad", "train"].includes(c));
    }
  });
});

describe("--json for scripts, --quiet for people who want only results", () => {
  const lines = (out: string) => out.trim().split("\n").map((l) => JSON.parse(l));
  test("check --json: the sizes, or every diagnostic with its span, and nothing but JSON on stdout", () => {
    expect(lines(rnnc("check", "dsl-examples/gru.cell", "--json", "--set", "H=5").out)).toEqual([{ event: "checked", file: "dsl-examples/gru.cell", sizes: { I: 10, H: 5, L: 1, D: 1 } }]);
    const bad = join(dir, "typo-json.cell");
    writeFileSync(bad, readFileSync("dsl-examples/gru.cell", "utf8").replace("r = sigmoid(", "r = sigmoidd("));
    const r = rnnc("check", bad, "--json");
    expect(r.code).toBe(1);
    const [error] = lines(r.out);
    expect(error).toMatchObject({ event: "error", exitCode: 1, message: `1 error in ${bad}` });
    expect(error.diagnostics).toEqual([{ file: bad, line: 18, col: 7, endLine: 18, endCol: 15, message: "unknown function 'sigmoidd'", hint: expect.stringContaining("did you mean 'sigmoid'?") }]);
    expect(r.err).toContain(`${bad}:18:7: error`); // people reading the log still see it
    // A usage mistake is an error event too, with its exit code.
    expect(lines(rnnc("check", "dsl-examples/gru.cell", "--json", "--set", "Q=3").out)).toEqual([{ event: "error", exitCode: 2, message: expect.stringContaining("Q") }]);
  });
  test("run --json: the file written and each output's shape", () => {
    const out = join(dir, "json-out.safetensors");
    const r = rnnc("run", "dsl-examples/gru.cell", "--weights", "golden/torch/gru_big.weights.safetensors", "--inputs", "golden/torch/gru_big.inputs.safetensors", "--out", out, "--set", "I=16", "--set", "H=32", "--set", "L=2", "--set", "D=2", "--json");
    expect(r.code, r.err).toBe(0);
    const { shape } = golden("gru_big", "outputs").y;
    expect(lines(r.out)).toEqual([{ event: "wrote", file: out, outputs: { y: shape, h_n: [4, shape[1], 32] } }]);
  });
  test("--quiet prints nothing but errors; --json is refused where a command has none", () => {
    const out = join(dir, "quiet");
    expect(rnnc("compile", "dsl-examples/gru.cell", "-o", out, "-q")).toMatchObject({ code: 0, out: "", err: "" });
    expect(existsSync(join(out, "gru.js"))).toBe(true);
    expect(rnnc("check", "dsl-examples/gru.cell", "--quiet")).toMatchObject({ code: 0, out: "" });
    expect(rnnc("ir", "dsl-examples/gru.cell", "--json")).toMatchObject({ code: 2, err: "rnnc: unknown option '--json' (see 'rnnc ir --help')\n" });
  });
});

test("rnnc ir prints the scan and its body", () => {
  const r = rnnc("ir", "dsl-examples/rnn.cell", "--set", "H=4");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/= scan\(.*over T, carries=1 sequences=1\)/);
  expect(r.out).toContain('param("weight_hh_l0"');
  expect(r.out).toMatch(/tanh\(%\d+\)\s+# h'/);
});

test("rnnc ir --optimized says how each time loop runs, why a loop dispatches each step, and which states are scans", () => {
  const mingru = rnnc("ir", "dsl-examples/mingru.cell", "--optimized");
  expect(mingru.code).toBe(0);
  const scan = "#   h: a scan, h' = a * h + b with a and b free of every state\n";
  expect(mingru.out).toContain(`# mingru_l0 (line 8): every step inside one kernel\n${scan}# mingru_l1 (line 8): every step inside one kernel\n${scan}`);
  const lstm = "a dispatch per step: matmul (line 17) reads the state across its elements\n#   h: not a scan: matmul (line 17) reads it across its elements\n#   c: not a scan: its update reads h, another state\n";
  expect(rnnc("ir", "dsl-examples/lstm.cell", "--optimized", "--set", "D=2").out).toContain(`# lstm_l0 (line 9): ${lstm}# lstm_l0_reverse (line 9): ${lstm}`);
  // Retention's read-out q·S leaves the loop, which then runs inside one kernel; mLSTM's
  // memory decays by a gate that reads its stabiliser, a state updated through a maximum.
  expect(rnnc("ir", "dsl-examples/retention.cell", "--optimized").out).toContain("# retain_l0_head0 (line 9): every step inside one kernel\n#   S: a scan");
  expect(rnnc("ir", "dsl-examples/mlstm.cell", "--optimized").out).toContain("#   C: not a scan: its update reads m, another state\n#   n: not a scan: its update reads m, another state\n#   m: not a scan: relu (line 16) is not affine in it\n");
  expect(rnnc("ir", "dsl-examples/mingru.cell").out).not.toContain("every step inside one kernel");
});

/** The manifest a compiled folder's module exports. */
const compiledManifest = async (file: string): Promise<Manifest> => (await import(pathToFileURL(resolve(file)).href)).manifest;

test("rnnc compile writes a typed module with its kernels inside (the one copy of the WGSL) and only the runtime it needs", async () => {
  const out = join(dir, "compiled");
  const r = rnnc("compile", "dsl-examples/lstm.cell", "-o", out, "--set", "H=16", "--set", "L=2");
  expect(r.code).toBe(0);
  expect(readdirSync(out).sort()).toEqual(["format", "lstm.d.ts", "lstm.js", "package.json", "runtime"]);
  const manifest = await compiledManifest(join(out, "lstm.js"));
  expect(manifest.params.map((p: { name: string }) => p.name)).toContain("weight_hh_l1");
  expect(Object.keys(manifest.entries)).toEqual(["forward"]);
  expect(readFileSync(join(out, "lstm.d.ts"), "utf8")).toContain('"h0"?: NamedTensor;');
  // Each kernel's WGSL is written once, readable as WGSL, in the module and nowhere else.
  const module = readFileSync(join(out, "lstm.js"), "utf8");
  const everyFile = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => readFileSync(join(f.parentPath, f.name), "utf8"));
  for (const k of manifest.kernels as { wgsl: string }[]) {
    expect(module.split(k.wgsl)).toHaveLength(2);
    expect(everyFile.filter((text) => text.includes(k.wgsl.split("\n")[0]))).toHaveLength(1);
  }
  // A forward-only model needs the model runner and what it imports: no trainer, optimizer or sampler.
  expect(readdirSync(join(out, "runtime")).filter((f) => f.endsWith(".js")).sort()).toEqual(["device.js", "idSegments.js", "model.js", "random.js", "readBack.js", "validate.js", "workgroups.js"]);
  expect(JSON.parse(readFileSync(join(out, "package.json"), "utf8")).files).toEqual(expect.arrayContaining(["lstm.js", "runtime/model.js", "runtime/model.d.ts", "format/sizes.js"]));
});

test("rnnc compile --stats prints the memory the model needs, the workspace shared and not, in MiB at the sizes given", () => {
  const args = ["compile", "dsl-examples/char_lstm.cell", "-o", join(dir, "stats"), "--gradients", "--stats"];
  const at = rnnc(...args, "--at", "T=64", "--at", "B=32");
  expect(at.code).toBe(0);
  const [, shared, alone] = /workspace: ([\d.]+) MiB \(shared by regions that never live at once, and by a loop's outputs and the inputs they overwrite; ([\d.]+) MiB without sharing\)/.exec(at.out)!.map(Number);
  expect(shared).toBeGreaterThan(0);
  expect(shared).toBeLessThan(alone);
  expect(at.out).toContain("parameters: 3.3 MiB");
  // Without run-time sizes: formulas in T and B.
  expect(rnnc(...args).out).toMatch(/workspace: 4 bytes × \(\d+ \+ (\d+\*B \+ )?\d+\*B\*T\)/);
  expect(rnnc(...args, "--at", "T=x").err).toContain("--at expects NAME=VALUE with a whole number");
});

test("rnnc bench times a model at the sizes given: ms, tokens/s, the products' FLOPs, dispatches, memory, and each kernel", () => {
  const [I, H, T, B] = [3, 5, 4, 2];
  const args = ["bench", "dsl-examples/lstm.cell", "--set", `I=${I}`, "--set", `H=${H}`, "--at", `T=${T}`, "--at", `B=${B}`, "--rounds", "3"];
  const r = rnnc(...args, "--kernels", "--json");
  expect(r.code, r.err).toBe(0);
  const [result, kernels] = r.out.trim().split("\n").map((line) => JSON.parse(line));
  expect(result.event).toBe("bench");
  expect(result.ms.min).toBeGreaterThan(0);
  expect(result.ms.min).toBeLessThanOrEqual(result.ms.median);
  expect(result.ms.median).toBeLessThanOrEqual(result.ms.max);
  expect(result.tokensPerSecond).toBeCloseTo((T * B) / (result.ms.median / 1000), 3);
  // W·x over all steps, and U·h at each step: 2·m·n·k each.
  expect(result.gflop * 1e9).toBeCloseTo(2 * T * B * I * 4 * H + T * 2 * B * H * 4 * H, 3);
  expect(result.dispatches).toBeGreaterThanOrEqual(2 * T); // a step's product and its gates
  expect(result.memory.workspace).toBeGreaterThan(0);
  expect(kernels.event).toBe("kernels");
  expect(kernels.kernels.reduce((n: number, k: { dispatches: number }) => n + k.dispatches, 0)).toBe(result.dispatches);
  const trained = JSON.parse(rnnc(...args, "--train", "--ceiling", "--json").out);
  expect(trained.entry).toBe("train_step");
  expect(trained.ceiling.gflopsPerSecond).toBeGreaterThan(0); // rnnc's product kernel alone
  expect(["1024x1024x1024", "4096x256x1024", "4096x512x512"]).toContain(trained.ceiling.shape);
  expect(trained.gflop).toBeGreaterThan(2 * result.gflop); // the backward pass's products too
  expect(rnnc("bench", "dsl-examples/lstm.cell", "--at", "T=4").err).toContain("give the run-time sizes to measure at: --at B=...");
  expect(rnnc(...args.slice(0, -2), "--rounds", "0").err).toContain("--rounds is 0; it must be at least 1");
  // An optimisation turned off: the same products, and a dispatch per step where one kernel ran every step.
  const mingru = ["bench", "dsl-examples/mingru.cell", "--at", "T=6", "--at", "B=2", "--rounds", "1", "--json"];
  const [on, off] = [JSON.parse(rnnc(...mingru).out), JSON.parse(rnnc(...mingru, "--off", "stepsInKernel").out)];
  expect(off.off).toEqual(["stepsInKernel"]);
  expect(off.gflop).toBeCloseTo(on.gflop, 9);
  expect(off.dispatches).toBeGreaterThan(on.dispatches + 6);
  expect(rnnc(...mingru, "--off", "fusion").err).toContain("--off fusion: there is no such optimisation; it is one of mapStateless, stepsInKernel");
  // --tune: how each product kernel runs chosen first; those that changed, named.
  const tuned = JSON.parse(rnnc(...args, "--tune", "--json").out);
  for (const v of Object.values(tuned.tuned as Record<string, { workgroup: number[]; rows?: number }>)) expect([...v.workgroup, v.rows ?? 1].every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  expect(rnnc(...args, "--tune").out).toMatch(/tuned on this adapter: /);
});

test("rnnc compile --no-input-gradients leaves out the inputs' gradients, and asks for --gradients", async () => {
  const out = join(dir, "params-only");
  const r = rnnc("compile", "dsl-examples/mingru.cell", "-o", out, "--gradients", "--no-input-gradients");
  expect(r.code, r.out).toBe(0);
  const manifest = await compiledManifest(join(out, "mingru.js"));
  expect(manifest.outputs.filter((o) => o.role === "gradient").map((o) => o.of)).toEqual(manifest.params.map((p) => p.name));
  const alone = rnnc("compile", "dsl-examples/mingru.cell", "-o", out, "--no-input-gradients");
  expect(alone.code).toBe(2);
  expect(alone.err).toContain("--no-input-gradients shapes the gradients: give it with --gradients");
});

test("rnnc compile --gradients adds a train_step entry, and a plain Node script trains the compiled module", async () => {
  mkdirSync("out", { recursive: true });
  const out = mkdtempSync(join("out", "module-"));
  onTestFinished(() => rmSync(out, { recursive: true, force: true }));
  const r = rnnc("compile", "dsl-examples/char_lstm.cell", "-o", out, "--gradients", "--set", "V=5", "--set", "E=4", "--set", "H=8", "--set", "L=1");
  expect(r.code, r.out).toBe(0);
  const manifest = await compiledManifest(join(out, "char_lstm.js"));
  expect(Object.keys(manifest.entries)).toEqual(["forward", "train_step"]);
  expect(readdirSync(join(out, "runtime"))).toEqual(expect.arrayContaining(["index.js", "training.js", "optimizer.js", "text.js"])); // the training API
  const dts = readFileSync(join(out, "char_lstm.d.ts"), "utf8");
  expect(dts).toContain("/** Entries: forward, train_step. */\nexport type CharLstmModel = Model<CharLstmInputs, CharLstmOutputs>;");
  expect(dts).toContain('"grad.embedding"?: NamedTensor;');
  const script = join(out, "train.mjs");
  writeFileSync(
    script,
    [
      `import { load } from "./char_lstm.js";`,
      `import { trainLanguageModel } from "./runtime/training.js";`,
      `import { CharText } from "./runtime/text.js";`,
      `const model = await load();`,
      `const losses = [];`,
      `const options = { steps: 30, batch: 4, seq: 8, lr: 0.03, minLr: 0.003, warmup: 2, optimizer: "adamw", clip: 1, weightDecay: 0, momentum: 0.9, seed: 0, logEvery: 1, evalEvery: 30, checkpointEvery: 30 };`,
      `await trainLanguageModel(model, new CharText("abcde".repeat(100)), options, { loss: (_, l) => losses.push(l) });`,
      `console.log(JSON.stringify(losses));`,
      `process.exit(0);`,
    ].join("\n"),
  );
  const run = spawnSync("node", [script], { encoding: "utf8", cwd: process.cwd() });
  expect(withoutDawnNotes(run.stderr)).toBe("");
  expect(run.status).toBe(0);
  const losses: number[] = JSON.parse(run.stdout.trim().split("\n").pop()!);
  expect(losses).toHaveLength(30);
  expect(losses[0]).toBeGreaterThan(1.3); // ln 5 = 1.61
  expect(losses.at(-1)).toBeLessThan(0.5); // a cycle of five characters is easy to learn
});

test("recompiling into a folder leaves none of the last compile's files, and nothing else is touched", () => {
  const out = join(dir, "recompiled");
  expect(rnnc("compile", "dsl-examples/char_lstm.cell", "-o", out, "--gradients").code).toBe(0);
  expect(readdirSync(join(out, "runtime"))).toContain("training.js");
  writeFileSync(join(out, "notes.txt"), "mine");
  writeFileSync(join(out, "runtime", "mine.js"), "// mine");
  expect(rnnc("compile", "dsl-examples/gru.cell", "-o", out).code).toBe(0);
  expect(readdirSync(out).sort()).toEqual(["format", "gru.d.ts", "gru.js", "notes.txt", "package.json", "runtime"]);
  expect(readdirSync(join(out, "runtime")).filter((f) => f.endsWith(".js")).sort()).toEqual(["device.js", "idSegments.js", "mine.js", "model.js", "random.js", "readBack.js", "validate.js", "workgroups.js"]);
});

test("the compiled folder is an ES-module package: an app that npm init made (CommonJS) loads it", () => {
  const app = join(dir, "cjs-app");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", main: "index.js" }));
  expect(rnnc("compile", "dsl-examples/gru.cell", "-o", join(app, "model"), "--set", "H=4").code).toBe(0);
  expect(JSON.parse(readFileSync(join(app, "model", "package.json"), "utf8"))).toMatchObject({ type: "module", main: "./gru.js", types: "./gru.d.ts" });
  writeFileSync(join(app, "index.js"), 'import("./model/gru.js").then((m) => { console.log(m.manifest.model); process.exit(0); });\n');
  const r = spawnSync("node", [join(app, "index.js")], { encoding: "utf8" });
  expect(r.stderr).not.toMatch(/Cannot use import statement/);
  expect(r.stdout).toBe("gru\n");
  // A package.json that rnnc did not write is left as it is.
  writeFileSync(join(app, "model", "package.json"), '{"name": "mine"}');
  const again = rnnc("compile", "dsl-examples/gru.cell", "-o", join(app, "model"), "--set", "H=4");
  expect(again.err).toContain("is not rnnc's, so it was left as it is");
  expect(readFileSync(join(app, "model", "package.json"), "utf8")).toBe('{"name": "mine"}');
});

test("rnnc run on PyTorch's own state_dict matches PyTorch", () => {
  const out = join(dir, "out.safetensors");
  const r = rnnc("run", "dsl-examples/gru.cell", "--weights", "golden/torch/gru_big.weights.safetensors", "--inputs", "golden/torch/gru_big.inputs.safetensors", "--out", out, "--set", "I=16", "--set", "H=32", "--set", "L=2", "--set", "D=2");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(maxAbsError(readSafetensors(readFileSync(out)), golden("gru_big", "outputs"))).toBeLessThan(1e-5);
});

test("rnnc run refuses weights that do not fit, writing nothing", () => {
  const out = join(dir, "never.safetensors");
  const r = rnnc("run", "dsl-examples/gru.cell", "--weights", "golden/torch/gru_big.weights.safetensors", "--inputs", "golden/torch/gru_big.inputs.safetensors", "--out", out);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^rnnc: the weights do not fit this model: .*'weight_ih_l0' is \[96,16\] but the model needs \[60,10\]/);
  expect(existsSync(out)).toBe(false);
  const truncated = join(dir, "truncated.safetensors");
  writeFileSync(truncated, readFileSync("golden/torch/gru_big.weights.safetensors").subarray(0, 500));
  const t = rnnc("run", "dsl-examples/gru.cell", "--weights", truncated, "--inputs", "golden/torch/gru_big.inputs.safetensors", "--out", out);
  expect(t.code).toBe(1);
  expect(t.err).toMatch(/not a valid safetensors file: .*truncated/);
});

test("the compiled module runs from a plain Node script, with no compiler", () => {
  // Inside the project, so the script finds the 'webgpu' package as an app that installed it would.
  mkdirSync("out", { recursive: true });
  const out = mkdtempSync(join("out", "module-"));
  onTestFinished(() => rmSync(out, { recursive: true, force: true }));
  expect(rnnc("compile", "dsl-examples/lstm.cell", "-o", out, "--set", "I=5", "--set", "H=7", "--set", "L=2", "--set", "D=2").code).toBe(0);
  const script = join(out, "main.mjs");
  writeFileSync(
    script,
    [
      `import { readFileSync } from "node:fs";`,
      `import { load } from "./lstm.js";`,
      `import { readSafetensors } from "./format/safetensors.js";`,
      `const model = await load();`,
      `model.loadWeights(readSafetensors(readFileSync(process.argv[2])));`,
      `const outputs = await model.run(readSafetensors(readFileSync(process.argv[3])));`,
      `console.log(JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { shape: v.shape, data: [...v.data] }]))));`,
      `process.exit(0);`,
    ].join("\n"),
  );
  const r = spawnSync("node", [script, "golden/torch/lstm_L2_D2.weights.safetensors", "golden/torch/lstm_L2_D2.inputs.safetensors"], { encoding: "utf8", cwd: process.cwd() });
  expect(withoutDawnNotes(r.stderr)).toBe("");
  expect(r.status).toBe(0);
  const outputs = JSON.parse(r.stdout.trim().split("\n").pop()!);
  expect(maxAbsError(outputs, golden("lstm_L2_D2", "outputs"))).toBeLessThan(1e-5);
});

test("rnnc grad on PyTorch's state_dict matches PyTorch autograd", () => {
  const out = join(dir, "grads.safetensors");
  const sizes = ["--set", "I=5", "--set", "H=7", "--set", "L=2", "--set", "D=2"];
  const r = rnnc("grad", "dsl-examples/lstm.cell", "--weights", "golden/torch/lstm_L2_D2.weights.safetensors", "--inputs", "golden/torch/lstm_L2_D2.inputs.safetensors", "--seed-grads", "golden/torch/lstm_L2_D2.seeds.safetensors", "--out", out, ...sizes);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const grads = readSafetensors(readFileSync(out));
  const expected = golden("lstm_L2_D2", "grads");
  expect(Object.keys(grads).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, e] of Object.entries(expected)) {
    const scale = Math.max(...e.data.map(Math.abs));
    expect(maxAbsError({ g: grads[name] }, { g: e }) / scale, name).toBeLessThan(1e-3);
  }
});
