// The bracket-tagging task: the tags against a matcher written another way, splits that share
// no string, determinism, and `rnnc data brackets`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { bracketSplits, bracketTags } from "../../runtime/tasks/brackets.js";

/** Tags by brute force: a character is inside if some matched pair (found by repeatedly removing innermost "()" pairs' positions) spans it. */
function tagsByRemoval(text: string): string {
  const chars = [...text];
  const live = chars.map((c, i) => ({ c, i })).filter((x) => x.c === "(" || x.c === ")");
  const pairs: [number, number][] = [];
  for (let found = true; found; ) {
    found = false;
    for (let k = 0; k + 1 < live.length; k++)
      if (live[k].c === "(" && live[k + 1].c === ")") {
        pairs.push([live[k].i, live[k + 1].i]);
        live.splice(k, 2);
        found = true;
        break;
      }
  }
  return chars.map((_, i) => (pairs.some(([a, b]) => a <= i && i <= b) ? "1" : "0")).join("");
}

test("tags mark what lies within matched pairs, brackets included", () => {
  expect(bracketTags("a(b)c")).toBe("01110");
  expect(bracketTags("((a)")).toBe("0111");
  expect(bracketTags(")(a)(")).toBe("01110");
  expect(bracketTags("(()())x")).toBe("1111110");
  expect(bracketTags("")).toBe("");
});

test("the tags agree with a matcher that removes innermost pairs, on every generated string", () => {
  const { train, validation, test: held } = bracketSplits(3, { train: 2000, validation: 200, test: 200 });
  for (const p of [...train, ...validation, ...held]) expect(p.target, p.source).toBe(tagsByRemoval(p.source));
});

test("splits share no string, hold both tags, and repeat for the same seed", () => {
  const counts = { train: 3000, validation: 300, test: 300 };
  const a = bracketSplits(5, counts);
  const all = [...a.train, ...a.validation, ...a.test].map((p) => p.source);
  expect(new Set(all).size).toBe(all.length);
  expect(a.train.length).toBe(3000);
  const tags = a.train.map((p) => p.target).join("");
  expect(tags).toMatch(/0/);
  expect(tags).toMatch(/1/);
  // Some texts need right context: an open bracket never closed, outside any pair.
  expect(a.test.some((p) => /\(/.test(p.source) && p.target[p.source.indexOf("(")] === "0")).toBe(true);
  expect(bracketSplits(5, counts)).toEqual(a);
  expect(bracketSplits(6, counts).test).not.toEqual(a.test);
});

const dir = mkdtempSync(join(tmpdir(), "rnnc-brackets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("rnnc data brackets writes the splits", () => {
  const r = spawnSync("node", ["bin/rnnc.js", "data", "brackets", "-o", dir, "--train", "50", "--validation", "5", "--test", "7"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const lines = readFileSync(join(dir, "test.tsv"), "utf8").trimEnd().split("\n");
  expect(lines).toHaveLength(7);
  for (const line of lines) {
    const [text, tags] = line.split("\t");
    expect(tags).toBe(bracketTags(text));
  }
});
