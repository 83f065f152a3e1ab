// A training run's folder under misuse: two trainers, foreign files, an edited sidecar, a damaged
// state, bad texts, and kills at every point of a checkpoint's writing.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readSafetensors, readSafetensorsMetadata, writeSafetensors } from "../../format/safetensors.js";

const root = mkdtempSync(join(tmpdir(), "rnnc-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A tiny corpus and model: each run takes about a second on the software GPU.
const corpus = join(root, "corpus.txt");
writeFileSync(corpus, "the quick brown fox jumps over the lazy dog. ".repeat(40));
const tiny = ["--batch", "2", "--seq", "8", "--set", "H=8", "--set", "E=4", "--set", "L=1", "--checkpoint-every", "2", "--eval-every", "3", "--eval-batches", "2", "--log-every", "1"];

function rnnc(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "") };
}
const train = (dir: string, steps: number, extra: string[] = [], env: Record<string, string> = {}) =>
  rnnc(["train", "dsl-examples/char_lstm.cell", "--data", corpus, "-o", dir, "--steps", String(steps), ...tiny, ...extra], env);
const resume = (dir: string, extra: string[] = [], env: Record<string, string> = {}) =>
  rnnc(["train", "dsl-examples/char_lstm.cell", "--data", corpus, "--resume", dir, ...extra], env);
const firstLine = (s: string) => s.split("\n").find((l) => l.startsWith("rnnc:")) ?? s;

let counter = 0;
const fresh = () => join(root, `run${counter++}`);

/** A finished 4-step run, copied for each test that edits one. */
const finished = (() => {
  let dir: string | undefined;
  return () => {
    if (!dir) {
      dir = fresh();
      const r = train(dir, 4);
      if (r.code !== 0) throw new Error(r.err);
    }
    const copy = fresh();
    cpSync(dir, copy, { recursive: true });
    return copy;
  };
})();

describe("one trainer per run folder", () => {
  test("a live trainer's lock refuses a second one; a dead one's is taken over", () => {
    const dir = finished();
    writeFileSync(join(dir, "lock"), JSON.stringify({ pid: process.pid, host: hostname() }));
    const r = resume(dir, ["--steps", "6"]);
    expect(r.code).toBe(1);
    expect(firstLine(r.err)).toBe(`rnnc: another trainer (process ${process.pid}) is using '${dir}'; wait for it to finish or stop it`);
    const dead = spawnSync("node", ["-e", ""]).pid!;
    writeFileSync(join(dir, "lock"), JSON.stringify({ pid: dead, host: hostname() }));
    expect(resume(dir, ["--steps", "6"]).code).toBe(0);
    expect(existsSync(join(dir, "lock"))).toBe(false);
  });

  test("resuming a finished run says so and changes nothing", () => {
    const dir = finished();
    const before = readFileSync(join(dir, "checkpoint.json"), "utf8");
    const r = resume(dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`the run in '${dir}' has already done its 4 steps; to train on, resume with --steps N (more than 4)\n`);
    expect(readFileSync(join(dir, "checkpoint.json"), "utf8")).toBe(before);
    expect(resume(dir, ["--steps", "6"]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "checkpoint.json"), "utf8")).step).toBe(6);
  });

  test("a killed run's temporary files are cleaned up when it resumes", () => {
    const dir = finished();
    writeFileSync(join(dir, "weights-0000006.safetensors.tmp-99999"), "half a file");
    expect(resume(dir, ["--steps", "6"]).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});

describe("a new run never mixes with files it did not write", () => {
  test("a folder holding other files is refused, and with --force they are kept", () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine");
    const r = train(dir, 2);
    expect(r.code).toBe(2);
    expect(firstLine(r.err)).toBe(`rnnc: '${dir}' holds files rnnc did not write (notes.txt); choose a new or empty folder, or pass --force to train beside them`);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(train(dir, 2, ["--force"]).code).toBe(0);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });
  test("a loss curve without a checkpoint is not overwritten", () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, "loss.csv"), "step,train_loss,validation_loss\n1,3,\n");
    expect(firstLine(train(dir, 2).err)).toBe(`rnnc: '${dir}' holds the remains of a run that never saved a checkpoint (loss.csv); remove them, or pass --force to overwrite them`);
    expect(readFileSync(join(dir, "loss.csv"), "utf8")).toBe("step,train_loss,validation_loss\n1,3,\n");
  });
  test("a finished run is not started again", () => {
    const dir = finished();
    expect(firstLine(train(dir, 2).err)).toBe(`rnnc: '${dir}' already holds a run; continue it with --resume ${dir}, or choose another folder`);
  });
  test("-o naming a file, or a path through a file", () => {
    expect(firstLine(train(corpus, 2).err)).toBe(`rnnc: '${corpus}' is a file; give a folder for the run (it is created if missing)`);
    expect(firstLine(train(join(corpus, "run"), 2).err)).toBe(`rnnc: cannot create the run folder '${join(corpus, "run")}': a part of the path is a file`);
  });
  test.runIf(existsSync("/proc/self"))("-o where the system allows no folder: refused, not a hang", () => {
    const r = train("/proc/rnnc-run", 1);
    expect(r).toMatchObject({ code: 2, signal: null });
    expect(firstLine(r.err)).toBe("rnnc: cannot create the run folder '/proc/rnnc-run': the system allows no folder there");
  });
});

describe("a checkpoint's sidecar is checked, and an edited one refused", () => {
  const editSidecar = (dir: string, change: (info: Record<string, unknown>) => void) => {
    const path = join(dir, "checkpoint.json");
    const info = JSON.parse(readFileSync(path, "utf8"));
    change(info);
    writeFileSync(path, JSON.stringify(info));
  };
  const rows: { name: string; change: (info: Record<string, any>) => void; error: string }[] = [
    { name: "a later step", change: (i) => (i.step = 999), error: "is not a valid rnnc checkpoint: the weights file should be weights-0000999.safetensors (for step 999), not \"weights-0000004.safetensors\"" },
    { name: "a step that is not a number", change: (i) => (i.step = "abc"), error: "is not a valid rnnc checkpoint: 'step' is \"abc\", not a step number" },
    { name: "a negative step", change: (i) => (i.step = -5), error: "is not a valid rnnc checkpoint: 'step' is -5, not a step number" },
    { name: "two vocabulary entries swapped", change: (i) => ([i.vocab[0], i.vocab[1]] = [i.vocab[1], i.vocab[0]]), error: "was edited: its step, vocabulary, sizes or options differ from those saved with the checkpoint's files" },
    { name: "a negative learning rate", change: (i) => (i.options.lr = -1), error: "was edited: its step, vocabulary, sizes or options differ" },
    { name: "a file outside the folder", change: (i) => (i.files.weights.name = "../../etc/passwd"), error: "the weights file should be weights-0000004.safetensors (for step 4), not \"../../etc/passwd\"" },
    { name: "a repeated vocabulary entry", change: (i) => (i.vocab[1] = i.vocab[0]), error: "'vocab' is not a list of distinct characters" },
  ];
  for (const row of rows)
    test(row.name, () => {
      const dir = finished();
      editSidecar(dir, row.change);
      const r = resume(dir, ["--steps", "6"]);
      expect(r.code).toBe(1);
      expect(firstLine(r.err)).toContain(row.error);
    });

  test("a state file replaced, with its size and hash fixed to match, that does not fit the model", () => {
    const dir = finished();
    const statePath = join(dir, "state-0000004.safetensors");
    const old = readFileSync(statePath);
    const bytes = writeSafetensors({ ...readSafetensors(old), moments: { shape: [2, 3], data: new Float32Array(6) } }, readSafetensorsMetadata(old));
    writeFileSync(statePath, bytes);
    const path = join(dir, "checkpoint.json");
    const info = JSON.parse(readFileSync(path, "utf8"));
    info.files.state = { ...info.files.state, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
    writeFileSync(path, JSON.stringify(info, null, 2));
    const r = resume(dir, ["--steps", "6"]);
    expect(r.code).toBe(1);
    expect(firstLine(r.err)).toMatch(/^rnnc: the checkpoint's state does not fit this model: 'moments' should hold \d+ values$/);
  });
});

describe("training texts that cannot train are refused before training starts", () => {
  test("an empty text", () => {
    const empty = join(root, "empty.txt");
    writeFileSync(empty, "");
    const r = rnnc(["train", "dsl-examples/char_lstm.cell", "--data", empty, "-o", fresh()]);
    expect(firstLine(r.err)).toBe(`rnnc: training text '${empty}' is empty`);
  });
  test("a validation part too short for one batch", () => {
    const short = join(root, "short.txt");
    writeFileSync(short, "abcdefghij".repeat(20));
    const r = rnnc(["train", "dsl-examples/char_lstm.cell", "--data", short, "-o", fresh(), "--batch", "4", "--seq", "8"]);
    expect(r.code).toBe(1);
    expect(firstLine(r.err)).toBe("rnnc: the validation part of the text (20 characters, the last 10%) is too short for one batch of 4 streams of 8 characters; use a smaller batch or seq (--batch, --seq), or a longer text");
  });
  test("resuming on a text with a character the run's vocabulary lacks", () => {
    const dir = finished();
    const other = join(root, "other.txt");
    writeFileSync(other, "the quick brown fox jumps over the lazy dog! ".repeat(40));
    const r = rnnc(["train", "dsl-examples/char_lstm.cell", "--data", other, "--resume", dir, "--steps", "6"]);
    expect(r.code).toBe(1);
    expect(firstLine(r.err)).toBe(`rnnc: training text '${other}': the text has the character "!", which the model's vocabulary lacks; resume with the text the run was trained on`);
  });
});

/** loss.csv's step and losses, without the training seconds. */
const withoutSeconds = (csv: Buffer) => csv.toString().trim().split("\n").map((line) => line.split(",").slice(0, 3).join(",")).join("\n");

describe("kill and resume at every point of a checkpoint's writing", () => {
  // Each atomic write has two points (before and after its rename). A checkpoint writes the loss
  // curve (csv, svg), weights, state and sidecar: 10 points; an evaluation writes the curve: 4.
  // Checkpoints every 2 steps and evaluations every 3 give step 2: 1-10, step 3: 11-14 and
  // step 4: 15-24; step 4 logs a loss that no evaluation wrote to the curve.
  const CHECKPOINT_AT_STEP_4 = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
  test("loss.csv, weights and optimizer state equal an uninterrupted run's", () => {
    const whole = fresh();
    expect(train(whole, 6).code).toBe(0);
    const expected = ["loss.csv", "weights-0000006.safetensors", "state-0000006.safetensors"].map((f) => readFileSync(join(whole, f)));
    for (const point of CHECKPOINT_AT_STEP_4) {
      const dir = fresh();
      const killed = train(dir, 6, [], { RNNC_KILL_AT_WRITE: String(point) });
      expect(killed.signal, `point ${point}`).toBe("SIGKILL");
      const resumed = resume(dir);
      expect(resumed.code, `point ${point}: ${resumed.err}`).toBe(0);
      const got = ["loss.csv", "weights-0000006.safetensors", "state-0000006.safetensors"].map((f) => readFileSync(join(dir, f)));
      // The losses are the same; the training seconds differ from run to run, but still rise.
      expect(withoutSeconds(got[0]), `loss.csv after a kill at point ${point}`).toBe(withoutSeconds(expected[0]));
      const seconds = got[0].toString().trim().split("\n").slice(1).map((line) => Number(line.split(",")[3]));
      expect(seconds.every((s, i) => i === 0 || s >= seconds[i - 1]), `seconds after a kill at point ${point}: ${seconds}`).toBe(true);
      expect(got[1].equals(expected[1]), `weights after a kill at point ${point}`).toBe(true);
      expect(got[2].equals(expected[2]), `optimizer state after a kill at point ${point}`).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(["checkpoint.json", "loss.csv", "loss.svg", "state-0000006.safetensors", "weights-0000006.safetensors"]);
    }
  }, 240_000);
});
