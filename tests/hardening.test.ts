// Hostile and careless input: every bad name, size, file or call is refused with a reason, and
// nothing a user writes can reach generated code as code.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emitModule } from "../compiler/codegen/module.js";
import { compile } from "../compiler/compile.js";
import { CompileError } from "../compiler/diagnostics.js";
import { frontend } from "../compiler/frontend.js";
import { acquireDevice } from "../runtime/device.js";
import { checkModel } from "./fuzz/differential.js";

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
  test("a model file with a byte-order mark checks", () => {
    const bom = join(dir, "bom.cell");
    writeFileSync(bom, `\uFEFF${lstm}`);
    expect(rnnc("check", bom)).toMatchObject({ code: 0 });
  });
});
