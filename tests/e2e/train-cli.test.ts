// rnnc train / sample as a user runs them, on a small text: loss falls, a killed run resumes
// exactly, a damaged checkpoint is refused, and sampling streams text in the vocabulary.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, onTestFinished, test } from "vitest";
import { readSafetensors } from "../../format/safetensors.js";

const dir = mkdtempSync(join(tmpdir(), "rnnc-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A small text with structure to learn: names, colons, line breaks.
const lines = ["ROMEO: good night, good night!", "JULIET: parting is such sweet sorrow.", "ROMEO: sleep dwell upon thine eyes.", "JULIET: that I shall say good night."];
const text = Array.from({ length: 120 }, (_, i) => lines[i % lines.length]).join("\n") + "\n";
const data = join(dir, "play.txt");
writeFileSync(data, text);

const common = ["dsl-examples/char_lstm.cell", "--data", data, "--set", "H=16", "--set", "E=8", "--set", "L=1", "--batch", "4", "--seq", "16", "--lr", "0.01", "--warmup", "2", "--log-every", "1", "--eval-every", "4", "--eval-batches", "2"];
const clean = (s: string) => s.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "");

function rnnc(...args: string[]) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: clean(r.stderr) };
}

const csvLosses = (run: string) =>
  readFileSync(join(run, "loss.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map((v) => (v === "" ? undefined : Number(v))));

test("training lowers the loss and writes a checkpoint, a CSV and an SVG", () => {
  const run = join(dir, "full");
  const r = rnnc("train", ...common, "--steps", "24", "-o", run);
  expect(r.err).toMatch(/step 24\/24/);
  expect(r.code).toBe(0);
  const rows = csvLosses(run);
  const train = rows.map((row) => row[1]).filter((v): v is number => v !== undefined);
  expect(train[train.length - 1]).toBeLessThan(train[0] - 0.5);
  const validation = rows.map((row) => row[2]).filter((v): v is number => v !== undefined);
  expect(validation).toHaveLength(6);
  expect(validation[5]).toBeLessThan(validation[0]);
  expect(readFileSync(join(run, "loss.svg"), "utf8")).toContain("<polyline");
  expect(JSON.parse(readFileSync(join(run, "checkpoint.json"), "utf8")).step).toBe(24);
});

test("train --json: one event per line, the losses those of loss.csv; a finished run says so", () => {
  const run = join(dir, "json");
  const r = rnnc("train", ...common, "--steps", "8", "--checkpoint-every", "4", "-o", run, "--json");
  expect(r.code, r.err).toBe(0);
  expect(r.err).toBe(""); // no progress bar
  const events = r.out.trim().split("\n").map((l) => JSON.parse(l));
  expect(events.map((e) => e.event)).toEqual(["start", "loss", "loss", "loss", "loss", "validation", "checkpoint", "loss", "loss", "loss", "loss", "validation", "checkpoint", "done"]);
  expect(events[0]).toMatchObject({ model: "char_lstm.cell", vocab: new Set(text).size, startStep: 0, options: { steps: 8, batch: 4, seq: 16 } });
  const losses = events.filter((e) => e.event === "loss");
  expect(losses.map((e) => [e.step, e.loss])).toEqual(csvLosses(run).filter((row) => row[1] !== undefined).map((row) => [row[0], expect.closeTo(row[1]!, 5)]));
  expect(losses.every((e) => e.tokensPerSecond > 0)).toBe(true);
  expect(events.at(-1)).toMatchObject({ event: "done", step: 8, stepsRun: 8, folder: run, validation: events[11].loss });
  const again = rnnc("train", ...common, "--resume", run, "--json");
  expect(JSON.parse(again.out)).toMatchObject({ event: "done", step: 8, stepsRun: 0, message: expect.stringContaining("already done its 8 steps") });
});

test("train --tune: the same losses as without, the workgroup shapes cached for this adapter", () => {
  const cacheDir = join(dir, "workgroups-cache");
  process.env.RNNC_CACHE_DIR = cacheDir;
  try {
    const losses = (run: string, ...extra: string[]) => {
      const r = rnnc("train", ...common, "--steps", "4", "-o", join(dir, run), "--json", ...extra);
      expect(r.code, r.err).toBe(0);
      return r.out.trim().split("\n").map((l) => JSON.parse(l)).filter((e) => e.event === "loss").map((e) => e.loss);
    };
    const plain = losses("untuned");
    expect(existsSync(join(cacheDir, "workgroups.json"))).toBe(false);
    expect(losses("tuned", "--tune")).toEqual(plain); // a workgroup's shape changes no number
    const cached = JSON.parse(readFileSync(join(cacheDir, "workgroups.json"), "utf8"));
    const [adapter] = Object.keys(cached);
    expect(Object.keys(cached[adapter]).some((key) => key.startsWith("lstm_l0_step#") && key.endsWith("@B=4,T=16"))).toBe(true);
  } finally {
    delete process.env.RNNC_CACHE_DIR;
  }
});

test("a killed run resumes from its last checkpoint with no lost or repeated step", async () => {
  const reference = join(dir, "reference");
  expect(rnnc("train", ...common, "--steps", "40", "--checkpoint-every", "4", "-o", reference).code).toBe(0);
  // The same run, killed once a checkpoint past step 8 exists, then resumed.
  const run = join(dir, "killed");
  const child = spawn("node", ["bin/rnnc.js", "train", ...common, "--steps", "40", "--checkpoint-every", "4", "-o", run], { stdio: "ignore" });
  const sidecar = join(run, "checkpoint.json");
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      try {
        if (existsSync(sidecar) && JSON.parse(readFileSync(sidecar, "utf8")).step >= 8) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      } catch {
        // the sidecar is being replaced; look again
      }
    }, 20);
    child.on("exit", () => {
      clearInterval(poll);
      reject(new Error("the run finished before it could be killed"));
    });
  });
  await new Promise((resolve) => child.on("exit", resolve));
  const stoppedAt = JSON.parse(readFileSync(sidecar, "utf8")).step;
  expect(stoppedAt).toBeLessThan(40);
  const r = rnnc("train", ...common.slice(0, 3), "--resume", run);
  expect(r.code).toBe(0);
  expect(r.out).toContain(`resuming at step ${stoppedAt + 1}`);
  // Deterministic training: the same weights and the same loss curve as the run never killed.
  const weights = (p: string) => readSafetensors(readFileSync(join(p, JSON.parse(readFileSync(join(p, "checkpoint.json"), "utf8")).files.weights.name)));
  const [a, b] = [weights(reference), weights(run)];
  for (const name of Object.keys(a)) expect([...b[name].data], name).toEqual([...a[name].data]);
  const losses = (p: string) => csvLosses(p).map((row) => row.slice(0, 3)); // the seconds differ
  expect(losses(run)).toEqual(losses(reference));
}, 120_000);

test("a damaged checkpoint is refused with a clear message", () => {
  const run = join(dir, "damaged");
  expect(rnnc("train", ...common, "--steps", "4", "-o", run).code).toBe(0);
  const info = JSON.parse(readFileSync(join(run, "checkpoint.json"), "utf8"));
  truncateSync(join(run, info.files.weights.name), 100);
  const r = rnnc("train", ...common.slice(0, 3), "--resume", run);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^rnnc: checkpoint in '.*' is damaged: weights-0000004\.safetensors has 100 bytes, \d+ were written \(truncated\?\)\n$/);
  writeFileSync(join(run, "checkpoint.json"), "{ not json");
  expect(rnnc("sample", "dsl-examples/char_lstm.cell", "--checkpoint", run).err).toMatch(/is not valid JSON: the checkpoint is damaged/);
});

test("train --time: the run stops when its training seconds are spent, and says how many it took", () => {
  const run = join(dir, "timed");
  const r = rnnc("train", ...common, "--time", "2", "-o", run, "--json");
  expect(r.code, r.err).toBe(0);
  const events = r.out.trim().split("\n").map((l) => JSON.parse(l));
  const done = events.at(-1);
  expect(done).toMatchObject({ event: "done", stepsRun: done.step });
  expect(done.trainingSeconds).toBeGreaterThanOrEqual(2);
  expect(done.step).toBeGreaterThan(1);
  expect(done.step).toBeLessThan(2000); // not the default step count
  // Every logged step has its training seconds, rising to the last one's.
  const seconds = csvLosses(run).map((row) => row[3]!);
  expect(seconds).toHaveLength(done.step); // --log-every 1
  expect(seconds.every((s, i) => i === 0 || s >= seconds[i - 1])).toBe(true);
  expect(seconds.at(-1)).toBeCloseTo(done.trainingSeconds, 1);
  expect(JSON.parse(readFileSync(join(run, "checkpoint.json"), "utf8"))).toMatchObject({ step: done.step, options: { time: 2 } });
  const again = rnnc("train", ...common, "--resume", run, "--json");
  expect(JSON.parse(again.out)).toMatchObject({ event: "done", stepsRun: 0, message: expect.stringContaining("already trained for its 2 seconds") });
});

test("out-of-range options are refused before any work", () => {
  for (const [flag, value, message] of [["--steps", "0", "--steps is 0; it must be at least 1"], ["--clip", "big", "--clip must be a number, not 'big'"], ["--optimizer", "rmsprop", "--optimizer must be adam, adamw or sgd"]]) {
    const r = rnnc("train", ...common, flag, value, "-o", join(dir, "never"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  }
});

test("sampling streams characters of the vocabulary after the prompt", () => {
  const run = join(dir, "full");
  const r = rnnc("sample", "dsl-examples/char_lstm.cell", "--checkpoint", run, "--prompt", "ROMEO:", "--length", "60", "--seed", "3", "--top-k", "5");
  expect(r.code).toBe(0);
  expect(r.out.startsWith("ROMEO:")).toBe(true);
  expect(r.out.length).toBe("ROMEO:".length + 60 + 1);
  for (const c of r.out) expect(text.includes(c) || c === "\n").toBe(true);
  // The same seed gives the same text.
  expect(rnnc("sample", "dsl-examples/char_lstm.cell", "--checkpoint", run, "--prompt", "ROMEO:", "--length", "60", "--seed", "3", "--top-k", "5").out).toBe(r.out);
  expect(rnnc("sample", "dsl-examples/char_lstm.cell", "--checkpoint", run, "--prompt", "ROMEO#").err).toMatch(/--prompt: the character "#" is not in the vocabulary/);
});

test("a trained run compiled into a module: loadTrained() and model.generate() give what rnnc sample gives", () => {
  const run = join(dir, "full");
  // Inside the project, so the script finds the 'webgpu' package as an app that installed it would.
  mkdirSync("out", { recursive: true });
  const out = mkdtempSync(join("out", "trained-"));
  onTestFinished(() => rmSync(out, { recursive: true, force: true }));
  const compiled = rnnc("compile", "dsl-examples/char_lstm.cell", "--checkpoint", run, "-o", out);
  expect(compiled.err).toBe("");
  expect(compiled.code).toBe(0);
  expect(readdirSync(out)).toContain("weights.safetensors");
  expect(readdirSync(join(out, "runtime"))).toEqual(expect.arrayContaining(["sampling.js", "bytes.js"]));
  expect(readFileSync(join(out, "char_lstm.js"), "utf8")).toContain(`"vocab":${JSON.stringify(JSON.parse(readFileSync(join(run, "checkpoint.json"), "utf8")).vocab)}`);
  writeFileSync(
    join(out, "generate.mjs"),
    [
      `import { loadTrained } from "./char_lstm.js";`,
      `const model = await loadTrained();`,
      `let text = "";`,
      `for await (const c of model.generate("ROMEO:", { length: 60, seed: 3, topK: 5 })) text += c;`,
      `process.stdout.write(text);`,
      `process.exit(0);`,
    ].join("\n"),
  );
  const generated = spawnSync("node", [join(out, "generate.mjs")], { encoding: "utf8" });
  expect(clean(generated.stderr)).toBe("");
  const sampled = rnnc("sample", "dsl-examples/char_lstm.cell", "--checkpoint", run, "--prompt", "ROMEO:", "--length", "60", "--seed", "3", "--top-k", "5");
  expect("ROMEO:" + generated.stdout + "\n").toBe(sampled.out);
  // Weights of another shape are refused before anything is written.
  const other = rnnc("compile", "dsl-examples/char_lstm.cell", "--checkpoint", run, "--set", "H=12", "-o", join(dir, "refused"));
  expect(other.code).toBe(1);
  expect(other.err).toMatch(/does not fit dsl-examples\/char_lstm.cell: .*'rnn.weight_hh_l0' is \[64,16\] but the model needs \[48,12\]/);
  expect(existsSync(join(dir, "refused"))).toBe(false);
}, 60_000);
