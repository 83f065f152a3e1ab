// rnnc data / train / tag on a tagger, as a user runs them: a tiny bidirectional LSTM learns
// the bracket task, then tags texts and scores a test file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { bracketTags } from "../../runtime/tasks/brackets.js";

const dir = mkdtempSync(join(tmpdir(), "rnnc-tag-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clean = (s: string) => s.replace(/^Warning: .*\n(\s+at .*\n)?\n?/gm, "");
function rnnc(...args: string[]) {
  const r = spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: clean(r.stderr) };
}
const model = "dsl-examples/bilstm_tagger.cell";
const run = join(dir, "run");

test("a tagger trains on tagged texts, tags texts and scores a test file", () => {
  expect(rnnc("data", "brackets", "-o", dir, "--train", "3000", "--validation", "200", "--test", "200", "-q").code).toBe(0);
  const trained = rnnc("train", model, "--data", join(dir, "train.tsv"), "--validation", join(dir, "validation.tsv"), "-o", run, "--steps", "200", "--batch", "32", "--lr", "0.02", "--warmup", "10", "--eval-every", "100", "--set", "E=8", "--set", "H=16");
  expect(trained.code, trained.err).toBe(0);
  expect(trained.err).toMatch(/step 200\/200/);
  expect(trained.out).toMatch(/10 characters, tags 0 1/);

  const texts = ["a(b)c", "((a)", "h)(g(e)"];
  const tagged = rnnc("tag", model, "--checkpoint", run, ...texts);
  expect(tagged.code, tagged.err).toBe(0);
  expect(tagged.out.trim().split("\n")).toEqual(texts.flatMap((t) => [t, bracketTags(t)]));

  const scored = rnnc("tag", model, "--checkpoint", run, "--test", join(dir, "test.tsv"), "--json");
  expect(scored.code).toBe(0);
  const evaluated = scored.out.trim().split("\n").map((l) => JSON.parse(l)).find((e) => e.event === "evaluated");
  expect(evaluated).toMatchObject({ texts: 200 });
  expect(evaluated.characterAccuracy).toBeGreaterThan(0.97);
}, 240_000);

test("tag refuses a character it never saw, a run that is not a tagger, and no texts", () => {
  expect(rnnc("tag", model, "--checkpoint", run, "a[b]").err).toMatch(/"\[" is not in the vocabulary/);
  expect(rnnc("tag", model, "--checkpoint", run).err).toMatch(/give the texts to tag/);
  expect(rnnc("translate", "dsl-examples/seq2seq_attention.cell", "--checkpoint", run, "ab").err).toMatch(/not an encoder–decoder/);
});
