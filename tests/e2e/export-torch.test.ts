// rnnc export --torch as a user runs it: the module and rnnc_train.py are written; the trainer on
// one process follows rnnc train's loss from the same seed, dropout masks included; torchrun on
// two processes (DDP over Gloo) follows one process; and its checkpoint samples with rnnc sample
// and loads into the compiled module. The PyTorch parts need /usr/bin/python3 with torch
// (Debian's python3-torch).
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, onTestFinished, test } from "vitest";

const PYTHON = "/usr/bin/python3";
const hasTorch = spawnSync(PYTHON, ["-c", "import torch.distributed as d; assert d.is_gloo_available()"], { stdio: "ignore" }).status === 0;
if (!hasTorch) console.warn(`PyTorch training of exported modules skipped: ${PYTHON} cannot import torch with Gloo (install Debian's python3-torch)`);

const dir = mkdtempSync(join(tmpdir(), "rnnc-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = ["ROMEO: good night, good night!", "JULIET: parting is such sweet sorrow.", "ROMEO: sleep dwell upon thine eyes.", "JULIET: that I shall say good night."];
const text = Array.from({ length: 120 }, (_, i) => lines[i % lines.length]).join("\n") + "\n";
const data = join(dir, "play.txt");
writeFileSync(data, text);
const V = new Set(text).size;
const sizes = ["--set", `V=${V}`, "--set", "H=16", "--set", "E=8", "--set", "L=2"]; // two layers: dropout between them
const schedule = (steps = 12, warmup = 2) => ["--steps", String(steps), "--batch", "4", "--seq", "16", "--lr", "0.01", "--warmup", String(warmup), "--log-every", "1", "--eval-every", "4", "--eval-batches", "2", "--checkpoint-every", "6"];
const clean = (s: string) => s.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "");

function rnnc(...args: string[]) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: clean(r.stderr) };
}
function python(args: string[]) {
  const r = spawnSync(PYTHON, args, { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** step → [train loss, validation loss] from a run's loss.csv. */
const losses = (run: string) =>
  new Map(
    readFileSync(join(run, "loss.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
      const [step, train, validation] = l.split(",");
      return [Number(step), [Number(train), validation === "" ? undefined : Number(validation)]] as const;
    }),
  );

function expectSameLosses(a: string, b: string, tolerance: number) {
  const [x, y] = [losses(a), losses(b)];
  expect([...x.keys()]).toEqual([...y.keys()]);
  expect(x.size).toBe(12);
  for (const [step, [train, validation]] of x) {
    const [otherTrain, otherValidation] = y.get(step)!;
    expect(Math.abs(train - otherTrain), `train loss at step ${step}`).toBeLessThanOrEqual(tolerance);
    if (validation === undefined) expect(otherValidation).toBeUndefined();
    else expect(Math.abs(validation - otherValidation!), `validation loss at step ${step}`).toBeLessThanOrEqual(tolerance);
  }
}

const module = join(dir, "char_lstm.py");

test("rnnc export --torch writes the module and the trainer beside it, and says what is wrong", () => {
  const r = rnnc("export", "--torch", "dsl-examples/char_lstm.cell", ...sizes, "-o", module, "--json");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out.trim().split("\n").pop()!)).toMatchObject({ event: "wrote", module, trainer: join(dir, "rnnc_train.py") });
  const source = readFileSync(module, "utf8");
  expect(source).toContain("class Model(torch.nn.Module):");
  expect(source).toContain(`SET = {"V": ${V}, "H": 16, "E": 8, "L": 2}`);
  expect(readFileSync(join(dir, "rnnc_train.py"), "utf8")).toMatch(/^# rnnc_train.py: /);

  // A trainer of the user's own is left alone; rnnc's is replaced.
  const own = join(dir, "own");
  mkdirSync(own);
  writeFileSync(join(own, "rnnc_train.py"), "print('mine')\n");
  const kept = rnnc("export", "--torch", "dsl-examples/gru.cell", "-o", join(own, "gru.py"));
  expect(kept.code).toBe(0);
  expect(kept.err).toMatch(/rnnc_train.py is not rnnc's, so it was left as it is/);
  expect(readFileSync(join(own, "rnnc_train.py"), "utf8")).toBe("print('mine')\n");

  expect(rnnc("export", "dsl-examples/gru.cell", "-o", join(own, "x.py")).err).toMatch(/say which target: --torch/);
  expect(rnnc("export", "--torch", "dsl-examples/gru.cell", "-o", join(own, "x.txt")).err).toMatch(/name it NAME.py/);
  expect(rnnc("export", "--torch", "dsl-examples/gru.cell").err).toMatch(/missing the module's file: -o MODEL.py/);
  const bad = rnnc("export", "--torch", "dsl-examples/gru.cell", "--set", "Q=2", "-o", join(own, "x.py"));
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/declares no size 'Q'/);
  expect(existsSync(join(own, "x.py"))).toBe(false);
});

describe.skipIf(!hasTorch)("training an exported module with PyTorch", () => {
  test("one process follows rnnc train's loss from the same seed", () => {
    const rnncRun = join(dir, "rnnc-run");
    expect(rnnc("train", "dsl-examples/char_lstm.cell", "--data", data, ...sizes, ...schedule(), "-o", rnncRun, "-q").code).toBe(0);
    const torchRun = join(dir, "torch-1");
    const r = python([join(dir, "rnnc_train.py"), module, "--data", data, ...schedule(), "-o", torchRun]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/step 12\/12/);
    // Float32 in both, summed in different orders: the trajectories agree to rounding.
    expectSameLosses(torchRun, rnncRun, 1e-4);
  }, 60_000);

  test("rnnc train --resume continues a PyTorch run on WebGPU along the trajectory of an uninterrupted rnnc run", () => {
    // A warm-up longer than the runs, so no step's learning rate depends on --steps.
    const torchRun = join(dir, "torch-8");
    expect(python([join(dir, "rnnc_train.py"), module, "--data", data, ...schedule(8, 50), "-o", torchRun]).code).toBe(0);
    expect(rnnc("train", "dsl-examples/char_lstm.cell", "--data", data, "--resume", torchRun, "--steps", "12", "-q").code).toBe(0);
    const whole = join(dir, "rnnc-12");
    expect(rnnc("train", "dsl-examples/char_lstm.cell", "--data", data, ...sizes, ...schedule(12, 50), "-o", whole, "-q").code).toBe(0);
    expectSameLosses(torchRun, whole, 1e-4);
  }, 60_000);

  test("two processes under torchrun (DDP over Gloo) follow one process; the checkpoint samples in rnnc and loads into the compiled module", async () => {
    const port = await freePort();
    const run = join(dir, "torch-2");
    // Debian's torch 1.13 launcher on Python 3.11 needs its output redirected (--redirects 1 --tee 1).
    const launched = python(["-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", String(port), "--redirects", "1", "--tee", "1", join(dir, "rnnc_train.py"), module, "--data", data, ...schedule(), "-o", run]);
    expect(launched.code, launched.err).toBe(0);
    expect(launched.out).toMatch(/2 processes, 2 streams each/);
    expectSameLosses(run, join(dir, "torch-1"), 1e-5);

    const sampled = rnnc("sample", "dsl-examples/char_lstm.cell", "--checkpoint", run, "--prompt", "ROMEO:", "--length", "40", "--seed", "3", "--top-k", "5");
    expect(sampled.err).toBe("");
    expect(sampled.code).toBe(0);
    expect([...sampled.out.trimEnd()].length).toBe(46);

    mkdirSync("out", { recursive: true });
    const out = mkdtempSync(join("out", "exported-"));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    expect(rnnc("compile", "dsl-examples/char_lstm.cell", "--checkpoint", run, "-o", out).code).toBe(0);
    expect(readdirSync(out)).toContain("weights.safetensors");
    writeFileSync(
      join(out, "generate.mjs"),
      [
        `import { loadTrained } from "./char_lstm.js";`,
        `const model = await loadTrained();`,
        `let text = "";`,
        `for await (const c of model.generate("ROMEO:", { length: 40, seed: 3, topK: 5 })) text += c;`,
        `process.stdout.write(text);`,
        `process.exit(0);`,
      ].join("\n"),
    );
    const generated = spawnSync("node", [join(out, "generate.mjs")], { encoding: "utf8" });
    expect(clean(generated.stderr)).toBe("");
    expect("ROMEO:" + generated.stdout + "\n").toBe(sampled.out);
  }, 120_000);
});

/** A TCP port nothing listens on, for the processes to meet at. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
