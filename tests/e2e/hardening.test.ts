// Hostile and careless input: every bad name, size, file or call is refused with a reason, and
// nothing a user writes can reach generated code as code.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emitModule } from "../../compiler/targets/wgsl/module.js";
import { compile } from "../../compiler/compile.js";
import { CompileError } from "../../compiler/diagnostics.js";
import { terminalSafe } from "../../compiler/cli/train.js";
import { frontend } from "../../compiler/frontend/frontend.js";
import { acquireDevice, GpuError } from "../../runtime/device.js";
import { evalSize } from "../../format/sizes.js";
import { Model } from "../../runtime/model.js";
import { readSafetensors, writeSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { checkModel } from "../fuzz/differential.js";
import { checkMutant, mutants } from "../fuzz/mutate.js";

const lstm = readFileSync("dsl-examples/lstm.cell", "utf8");
const edit = (from: string, to: string) => {
  if (!lstm.includes(from)) throw new Error(`the example no longer contains ${from}`);
  return lstm.replace(from, to);
};
const dir = mkdtempSync(join(tmpdir(), "rnnc-hardening-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rnnc(...args: string[]) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "") };
}

/** The one error `frontend` reports for a text, as "line:col: message". */
function firstError(text: string, sizes: Record<string, number> = {}): string {
  try {
    frontend("m.cell", text, sizes);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const d = e.diagnostics[0];
    expect(d.internal, d.message).toBeFalsy();
    const { line, col } = e.file.position(d.span.start);
    return `${line}:${col}: ${d.message}`;
  }
  return "ok";
}

describe("names and strings never reach generated code as code", () => {
  test("a prefix with a line break or code in it is refused where it is written", () => {
    const hostile = edit("directions=D)", 'directions=D, prefix="a.\\r}fn evil() {")').replace("\\r", "\r");
    expect(firstError(hostile)).toMatch(/^30:\d+: a prefix holds at most 64 letters, digits, '_' and '.'$/);
    expect(firstError(edit("directions=D)", 'directions=D, prefix="encoder.")'))).toBe("ok");
  });

  test("a file name with line breaks and a comment end stays inside the comments it is printed in", () => {
    const hostile = "x\r\n*/ fn evil() {}\u2028.cell";
    const { manifest } = compile(hostile, lstm);
    expect(manifest.model).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    for (const k of manifest.kernels)
      for (const line of k.wgsl.split("\n").filter((l) => l.startsWith("//"))) expect(line).toMatch(/^[\x20-\x7e]*$/);
    const plain = emitModule(manifest, "plain.cell");
    const escaped = emitModule(manifest, hostile);
    for (const [a, b] of [[plain.js, escaped.js], [plain.dts, escaped.dts]]) {
      const [la, lb] = [a.split("\n"), b.split("\n")];
      expect(lb.length).toBe(la.length);
      expect(lb.slice(1)).toEqual(la.slice(1)); // only the first comment line differs
      expect(lb[0]).toMatch(/^\/\/ [\x20-\x7e]*$/);
      expect(lb[0]).not.toContain("*/");
    }
  });

  test("a 300-character file name gives a model name that can name files", () => {
    const { manifest } = compile(`${"m".repeat(300)}.cell`, lstm);
    expect(manifest.model.length).toBeLessThanOrEqual(64);
  });
});

describe("every mistake in a model file is a located message, never a crash", () => {
  const rows: { name: string; text: string; sizes?: Record<string, number>; error: RegExp }[] = [
    { name: "an empty file", text: "", error: /^1:1: the file declares no model$/ },
    { name: "a file of comments", text: "# nothing yet\n", error: /^1:1: the file declares no model$/ },
    { name: "a file of carriage returns", text: "\r\r\r", error: /^1:1: the file declares no model$/ },
    { name: "400 nested parentheses", text: edit("i * g", `i * ${"(".repeat(400)}g${")".repeat(400)}`), error: /^22:\d+: brackets nest more than 100 deep here$/ },
    { name: "a 4,000-term sum", text: edit("i * g", `i * g${" + g".repeat(4000)}`), error: /^22:8: this expression is 4003 operations deep; rnnc takes at most 250$/ },
    { name: "a size of 1e30", text: edit("size H = 20", "size H = 1e30"), error: /^4:6: size 'H' is 1e\+30, more than one tensor can hold \(2147483647/ },
    { name: "a size past 32 bits", text: edit("size H = 20", "size H = 99999999999"), error: /^4:6: size 'H' is 99999999999, more than one tensor can hold/ },
    { name: "sizes whose product passes 32 bits", text: lstm, sizes: { H: 100000 }, error: /^11:3: this value is \[400000, 100000\], 4\.00e\+10 elements; one tensor holds at most 2147483647/ },
  ];
  for (const row of rows) test(row.name, () => expect(firstError(row.text, row.sizes)).toMatch(row.error));

  test("a file over a million characters is refused before it is parsed", () => {
    expect(firstError(lstm + `# ${"x".repeat(1_000_000)}\n`)).toMatch(/^1:1: the file holds 1,00\d,\d{3} characters; rnnc reads model files of up to 1,000,000/);
  });

  test("thousands of errors: twenty printed, and a count of the rest", () => {
    const many = join(dir, "many.cell");
    writeFileSync(many, edit("  c' = f * c + i * g\n", "  c' = f * c + i * g\n".repeat(5000)));
    const r = rnnc("check", many);
    expect(r.code).toBe(1);
    expect(r.err.match(/: error: /g)).toHaveLength(20);
    expect(r.err).toContain("... and 4979 more errors\n\n4999 errors\n");
  });

  test("a long report through a pipe arrives whole", () => {
    const r = rnnc("ir", "dsl-examples/lstm.cell", "--set", "L=100");
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(150_000);
    expect(r.out.trimEnd().split("\n").at(-1)).toMatch(/^return y = %\d+, h_n = %\d+, c_n = %\d+$/);
  });

  test("lowering reports every independent error in one run, and none that only follows from them", () => {
    const text = "size I = 3\nsize K = 2\nsize T, B\n\ncell c(x [I]) -> h {\n  param W [I, I]\n  state h [I] = 0\n  h' = tanh(W @ x + h)\n}\n\nmodel {\n  input x [T, B, I]\n  y1 = c(x, directions=K+1, prefix=\"a.\")\n  y2 = c(x, layers=K-2, prefix=\"b.\")\n  z = y1 + y1\n  output y1, y2, z\n}\n";
    try {
      frontend("two.cell", text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      const found = (e as CompileError).diagnostics.map((d) => `${(e as CompileError).file.position(d.span.start).line}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
      expect(found).toEqual(["13: directions is 3; it must be 1 or 2 (bidirectional) (write directions=1 or directions=2)", "14: layers is 0; it must be 1 or more"]);
    }
  });

  test("a byte-order mark is not part of the model", () => {
    expect(firstError(`\uFEFF${lstm}`)).toBe("ok");
  });

  test("an expression just under the depth limit compiles with gradients", () => {
    expect(() => compile("m.cell", edit("i * g", `i * g${" + g".repeat(246)}`), {}, { gradients: true })).not.toThrow();
  });
});

describe("long chains of statements are stored part-way, and stay right", () => {
  let device: GPUDevice;
  beforeAll(async () => {
    device = (await acquireDevice()).device;
  });
  test("800 statements, each using the last, match the interpreter and finite differences", async () => {
    const chain = Array.from({ length: 800 }, (_, k) => `  a${k + 1} = tanh(a${k} * 0.9 + b)`).join("\n");
    const text = `size T\nsize B\nsize I = 3\nsize H = 3\ncell deep(x [I]) -> h {\n  param W [H, I] init normal(0, 0.5)\n  state h [H] = 0\n  b = W @ x\n  a0 = b + h\n${chain}\n  h' = a800 * 0.5\n}\nmodel {\n  input x [T, B, I]\n  y = deep(x)\n  output y\n}\n`;
    expect(await checkModel("chain.cell", text, { runtime: { T: 3, B: 2 }, seed: 7, device, probes: 2 })).toBeUndefined();
  }, 120_000);
});

describe("files the CLI reads are refused with a reason", () => {
  test("training text that is not UTF-8: the byte offset", () => {
    const bad = join(dir, "latin1.txt");
    writeFileSync(bad, Buffer.from([0x61, 0x62, 0x63, 0xe9, 0x74, 0xe9]));
    const r = rnnc("train", "dsl-examples/char_lstm.cell", "--data", bad, "-o", join(dir, "run-latin1"), "--steps", "1");
    expect(r.code).toBe(1);
    expect(r.err).toBe(`rnnc: training text '${bad}': not valid UTF-8 at byte 3; convert it to UTF-8 first (e.g. iconv -t UTF-8)\n`);
  });
  test("a folder given as a file", () => {
    const r = rnnc("train", "dsl-examples/char_lstm.cell", "--data", dir, "-o", join(dir, "run-folder"), "--steps", "1");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rnnc: training text '${dir}' is a folder; give a file\n`);
  });
  test("--out naming a folder", () => {
    const r = rnnc("run", "dsl-examples/lstm.cell", "--inputs", "golden/torch/lstm_L1_D1.inputs.safetensors", "--set", "I=5", "--set", "H=7", "--out", dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rnnc: cannot write '${dir}': it is a folder; give a file name\n`);
  });
  test("a 300-character cell name compiles to files the system accepts", () => {
    const long = join(dir, "long.cell");
    writeFileSync(long, lstm.replaceAll("lstm(", `${"l".repeat(300)}(`));
    const r = rnnc("compile", long, "-o", join(dir, "long-out"));
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(dir, "long-out")).every((f) => f.length < 255)).toBe(true);
  });
  test("training a model that declares no size V", () => {
    const model = join(dir, "no-v.cell");
    writeFileSync(model, readFileSync("dsl-examples/char_lstm.cell", "utf8").replace(/size V = 65[^\n]*/, "size W = 65").replace(/\bV\b/g, "W"));
    const text = join(dir, "text.txt");
    writeFileSync(text, "abcd ".repeat(100));
    const r = rnnc("train", model, "--data", text, "-o", join(dir, "run-no-v"), "--steps", "1");
    expect(r.code).toBe(1);
    expect(r.err).toBe(`rnnc: ${model} must declare 'size V' for the vocabulary; rnnc sets it from the text\n`);
  });
  test("a model file with a byte-order mark checks", () => {
    const bom = join(dir, "bom.cell");
    writeFileSync(bom, `\uFEFF${lstm}`);
    expect(rnnc("check", bom)).toMatchObject({ code: 0 });
  });
});

describe("the compiled module refuses a bad call with a reason, and stays usable", () => {
  const V = 5;
  let model: Model;
  let good: Record<string, NamedTensor>;
  let expected: Record<string, NamedTensor>;
  const tokens = (values: number[]): NamedTensor => ({ shape: [3, 2], data: Float32Array.from(values) });
  beforeAll(async () => {
    const { manifest } = compile("char_lstm.cell", readFileSync("dsl-examples/char_lstm.cell", "utf8"), { V, E: 3, H: 1000, L: 1 });
    model = await Model.create(manifest, (await acquireDevice()).device);
    good = { tokens: tokens([0, 1, 2, 3, 4, 0]), targets: tokens([1, 2, 3, 4, 0, 1]) };
    expected = await model.run(good);
  }, 60_000);
  const stillRight = async () => {
    const again = await model.run(good);
    for (const name of Object.keys(expected)) expect(Array.from(again[name].data), name).toEqual(Array.from(expected[name].data));
  };

  const refusals: { name: string; inputs: () => Record<string, NamedTensor>; message: string }[] = [
    { name: "an id past the vocabulary", inputs: () => ({ ...good, tokens: tokens([0, 1, 2, 5, 4, 0]) }), message: "input 'tokens' holds 5 at [1, 1]; ids are whole numbers from 0 to 4" },
    { name: "a negative target", inputs: () => ({ ...good, targets: tokens([1, 2, -1, 4, 0, 1]) }), message: "input 'targets' holds -1 at [1, 0]; ids are whole numbers from 0 to 4" },
    { name: "a fractional id", inputs: () => ({ ...good, tokens: tokens([0, 1.5, 2, 3, 4, 0]) }), message: "input 'tokens' holds 1.5 at [0, 1]; ids are whole numbers from 0 to 4" },
    { name: "a NaN id", inputs: () => ({ ...good, tokens: tokens([0, 1, 2, 3, 4, NaN]) }), message: "input 'tokens' holds NaN at [2, 1]; ids are whole numbers from 0 to 4" },
    { name: "data shorter than the shape", inputs: () => ({ ...good, tokens: { shape: [3, 2], data: new Float32Array(5) } }), message: "input 'tokens' is [3,2], 6 values, but its data holds 5" },
    { name: "a NaN in a state", inputs: () => ({ ...good, h0: { shape: [1, 2, 1000], data: new Float32Array(2000).fill(NaN) } }), message: "input 'h0' holds NaN at [0, 0, 0]; values must be numbers" },
    { name: "a fractional size", inputs: () => ({ ...good, tokens: { shape: [1.5, 2], data: new Float32Array(3) } }), message: "input 'tokens' has shape [1.5,2]; sizes are whole numbers, 0 or more" },
    { name: "a name from Object's prototype", inputs: () => ({ ...good, constructor: tokens([0, 0, 0, 0, 0, 0]) }), message: "unknown input 'constructor'" },
  ];
  for (const r of refusals)
    test(r.name, async () => {
      await expect(model.run(r.inputs())).rejects.toThrow(r.message);
      await stillRight();
    });

  test("sizes whose workspace passes the device's limit: refused before anything is freed", async () => {
    const limit = model.device.limits.maxStorageBufferBindingSize;
    let T = 3;
    while (evalSize(model.manifest.buffers[1].size, { T, B: 2 }) * 4 <= limit) T *= 2;
    const long = { tokens: { shape: [T, 2], data: new Float32Array(2 * T) } };
    await expect(model.run(long)).rejects.toThrow(/need \d+ MiB for the workspace buffer, more than this device allows \(maxStorageBufferBindingSize = \d+ MiB\)/);
    await stillRight();
  });

  test("a sequence longer than its position table is refused, naming the table and where it is read", async () => {
    const positions = await Model.create(compile("positions.cell", readFileSync("tests/cells/positions.cell", "utf8")).manifest, model.device);
    const ids = (T: number) => ({ tokens: { shape: [T, 2], data: new Float32Array(2 * T) } });
    expect((await positions.run(ids(6))).y.shape).toEqual([6, 2, 3]);
    await expect(positions.run(ids(7))).rejects.toThrow("size T is 7, more than the 6 rows of the position table (positions.cell:13:44); give at most 6, or compile the model with a larger table");
    positions.destroy();
  });

  test("sizes named constructor and toString, and an optional input named valueOf left out, are not Object's methods", async () => {
    const text = "size constructor = 3\nsize toString\nsize B\ncell c(x [constructor]) -> h {\n  param W [constructor, constructor] init uniform(-1, 1)\n  state h [constructor] = 0\n  h' = tanh(W @ x + h)\n}\nmodel {\n  input x [toString, B, constructor]\n  input valueOf [1, B, constructor] optional\n  y, h_n = c(x, valueOf)\n  output y\n}\n";
    const named = await Model.create(compile("proto.cell", text).manifest, model.device);
    const out = await named.run({ x: { shape: [2, 1, 3], data: new Float32Array(6).fill(0.5) } });
    expect(out.y.shape).toEqual([2, 1, 3]);
    expect(Array.from(out.y.data).every(Number.isFinite)).toBe(true);
    named.destroy();
  });

  test("a manifest the GPU refuses (a kernel's bindings edited) is a GpuError, and the device works on", async () => {
    const broken = structuredClone(model.manifest);
    broken.kernels[0].bindings = [];
    await expect(Model.create(broken, model.device)).rejects.toThrow(GpuError);
    await expect(Model.create(broken, model.device)).rejects.toThrow(/^the GPU refused the model's kernels: /);
    const bad = structuredClone(model.manifest);
    bad.kernels[0].wgsl = "fn main( {";
    await expect(Model.create(bad, model.device)).rejects.toThrow(`kernel ${bad.kernels[0].name} failed to compile`);
    await stillRight();
  });

  test("weights that are short or not finite are refused and the old ones kept", async () => {
    const weights = model.stateDict();
    const short = { ...weights, embedding: { shape: [V, 3], data: new Float32Array(14) } };
    expect(() => model.loadWeights(short)).toThrow("weight 'embedding' is [5,3], 15 values, but its data holds 14");
    const nan = { ...weights, decoder_bias: { shape: [V], data: Float32Array.from([0, 0, Infinity, 0, 0]) } };
    expect(() => model.loadWeights(nan)).toThrow("'decoder_bias' holds Infinity at [2]");
    await stillRight();
  });

  test("a model whose parameters pass the device's limit: the buffer, its size and the limit named", () => {
    const r = rnnc("run", "dsl-examples/lstm.cell", "--set", "H=2900", "--inputs", "golden/torch/lstm_L1_D1.inputs.safetensors", "--out", join(dir, "never.safetensors"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^rnnc: the model's 33779200 parameters need 129 MiB in one buffer, more than this device allows \((maxStorageBufferBindingSize|maxBufferSize) = \d+ MiB\); use smaller sizes/);
  });
});

describe("safetensors files are read as the format specifies, or refused with the reason", () => {
  /** A file with this header (given as an object) and `body` bytes of data. */
  const file = (header: unknown, body = 8) => {
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + body);
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    return out;
  };
  const f32 = (shape: number[], begin: number, end: number) => ({ dtype: "F32", shape, data_offsets: [begin, end] });
  const rows: { name: string; bytes: Uint8Array; error: string }[] = [
    { name: "a header that is a list", bytes: file([]), error: "its header is [], not an object of tensors" },
    { name: "a header that is a number", bytes: file(42), error: "its header is 42, not an object of tensors" },
    { name: "a header that is true", bytes: file(true), error: "its header is true, not an object of tensors" },
    { name: "negative offsets", bytes: file({ a: f32([2], -8, 0) }), error: "tensor 'a' has data_offsets [-8,0]; they are [begin, end], whole numbers with begin <= end" },
    { name: "overlapping tensors", bytes: file({ a: f32([2], 0, 8), b: f32([1], 4, 8) }), error: "tensor 'b' overlaps the tensor before it (bytes 4 to 8)" },
    { name: "a hole between tensors", bytes: file({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, 12), error: "bytes 4 to 8 belong to no tensor (a hole before 'b')" },
    { name: "bytes after the last tensor", bytes: file({ a: f32([1], 0, 4) }, 8), error: "4 bytes after the last tensor belong to no tensor" },
    { name: "a fractional shape", bytes: file({ a: f32([1.5], 0, 6) }), error: "tensor 'a' has shape [1.5]; a shape is a list of whole numbers" },
    { name: "an unknown dtype", bytes: file({ a: { dtype: "F8", shape: [2], data_offsets: [0, 8] } }), error: 'tensor \'a\' has dtype "F8", which is not supported' },
    { name: "an entry that is not an object", bytes: file({ a: 7 }), error: "tensor 'a' is described by 7, not {dtype, shape, data_offsets}" },
  ];
  for (const r of rows) test(r.name, () => expect(() => readSafetensors(r.bytes)).toThrow(`not a valid safetensors file: ${r.error}`));

  test("a tensor named __proto__ is kept as a tensor", () => {
    const read = readSafetensors(file(JSON.parse(`{"__proto__": ${JSON.stringify(f32([2], 0, 8))}}`)));
    expect(Object.keys(read)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(read["__proto__"].shape).toEqual([2]);
  });

  test("a file written by rnnc reads back", () => {
    const t = { w: { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }, b: { shape: [0], data: new Float32Array(0) } };
    expect(readSafetensors(writeSafetensors(t, { step: "3" }))).toEqual(t);
  });
});

describe("the mutation fuzzer: damaged examples compile or get a located message", () => {
  test("500 mutants of the examples: no internal error, no other exception, none over 10 s", () => {
    const findings = [...mutants(500, 1)].map((m) => checkMutant(m.example, m.text, m.seed)).filter((f) => f);
    expect(findings.map((f) => `seed ${f!.seed} (${f!.example}): ${f!.problem}`)).toEqual([]);
  });
  const kept = readdirSync("tests/fuzz/mutants").filter((f) => f.endsWith(".cell"));
  for (const file of kept)
    test(`kept mutant ${file}`, () => {
      const finding = checkMutant(file, readFileSync(`tests/fuzz/mutants/${file}`, "utf8"), 0);
      expect(finding?.problem).toBeUndefined();
    });
});

describe("text from a vocabulary shown on a terminal", () => {
  test("control characters are shown escaped, not obeyed; newlines and tabs stay", () => {
    expect(terminalSafe("a\x1b[2Jb\rc\nd\te\x7f")).toBe("a\\u{1b}[2Jb\\u{d}c\nd\te\\u{7f}");
  });
});

describe("rnnc run --check-finite names where the first NaN came from", () => {
  test("a log of a negative number in a cell: the step kernel and its .cell line", () => {
    const model = join(dir, "nan.cell");
    writeFileSync(model, "size I = 2\nsize H = 3\nsize T, B\n\ncell step(x [I]) -> h {\n  param W [H, I] init uniform(-1, 1)\n  state h [H] = 0\n  a = tanh(W @ x + h)\n  h' = a + log(a * a - 0.5)\n}\n\nmodel {\n  input x [T, B, I]\n  y = step(x)\n  output y\n}\n");
    const inputs = join(dir, "nan-inputs.safetensors");
    writeFileSync(inputs, writeSafetensors({ x: { shape: [4, 2, 2], data: Float32Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)) } }));
    const out = join(dir, "nan-outputs.safetensors");
    expect(rnnc("run", model, "--inputs", inputs, "--out", out)).toMatchObject({ code: 0 });
    const r = rnnc("run", model, "--inputs", inputs, "--out", out, "--check-finite");
    expect(r.code).toBe(1);
    expect(r.err).toBe("rnnc: output 'y' holds values that are not finite; the first NaN appears in kernel step_l0_steps (every time step of step_l0, each thread its own elements (nan.cell:9))\n");
  });
});
