// rnnc data / train / translate on an encoder–decoder, as a user runs them: a tiny model learns
// to reverse short words (attention makes it quick), then translates greedily and by beam,
// scores a test file and draws its attention.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { Random } from "../../runtime/random.js";

const dir = mkdtempSync(join(tmpdir(), "rnnc-translate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clean = (s: string) => s.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "");
function rnnc(...args: string[]) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: clean(r.stderr) };
}

const rng = new Random(3);
const word = () => Array.from({ length: 2 + Math.floor(rng.next() * 4) }, () => "abcde"[Math.floor(rng.next() * 5)]).join("");
const pairs = (n: number) => Array.from({ length: n }, () => word()).map((w) => `${w}\t${[...w].reverse().join("")}`).join("\n") + "\n";
writeFileSync(join(dir, "train.tsv"), pairs(600));
writeFileSync(join(dir, "test.tsv"), pairs(40));
const model = "dsl-examples/seq2seq_attention.cell";
const run = join(dir, "run");

test("an encoder–decoder trains on pairs, translates, scores a test file and draws its attention", () => {
  const sizes = ["--set", "E=8", "--set", "H=16", "--set", "A=16"];
  const trained = rnnc("train", model, "--data", join(dir, "train.tsv"), "-o", run, "--steps", "150", "--batch", "16", "--lr", "0.02", "--warmup", "10", "--eval-every", "50", "--eval-batches", "2", ...sizes);
  expect(trained.err).toMatch(/step 150\/150/);
  expect(trained.code).toBe(0);
  const losses = readFileSync(join(run, "loss.csv"), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[1])).filter((v) => v > 0);
  expect(losses.at(-1)!).toBeLessThan(losses[0] / 4);

  const greedy = rnnc("translate", model, "--checkpoint", run, "abcd", "eda", "--heatmap", join(dir, "attention.svg"));
  expect(greedy.code).toBe(0);
  expect(greedy.out.split("\n").slice(0, 2)).toEqual(["dcba", "ade"]);
  const svg = readFileSync(join(dir, "attention.svg"), "utf8");
  expect(svg.match(/<rect x=/g)).toHaveLength(4 * 5); // 4 source characters × (4 decoded + the end)

  const scored = rnnc("translate", model, "--checkpoint", run, "--test", join(dir, "test.tsv"), "--beam", "3", "--json");
  expect(scored.code).toBe(0);
  const evaluated = scored.out.trim().split("\n").map((l) => JSON.parse(l)).find((e) => e.event === "evaluated");
  expect(evaluated).toMatchObject({ pairs: 40, beam: 3 });
  expect(evaluated.exactMatch).toBeGreaterThan(0.9);
}, 240_000);

test("translate refuses a character it never saw, and a run folder that does not exist", () => {
  const unseen = rnnc("translate", model, "--checkpoint", run, "abz");
  expect(unseen.code).toBe(1);
  expect(unseen.err).toMatch(/"z" is not in the source vocabulary/);
  expect(rnnc("translate", model, "--checkpoint", join(dir, "nowhere"), "ab").err).toMatch(/does not exist/);
  expect(existsSync(join(run, "checkpoint.json"))).toBe(true);
});
