// The date-translation task: formats, splits that share no date, determinism, and `rnnc data dates`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { Random } from "../../runtime/random.js";
import { calendarDate, dateFormats, dateSplits } from "../../runtime/tasks/dates.js";
import { toTsv, type Pair } from "../../runtime/tasks/splits.js";

const splits = dateSplits(1);
const all = [...splits.train, ...splits.validation, ...splits.test];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** The weekday of an ISO date, by Zeller's congruence (not by Date, which the generator uses). */
function weekdayOf(iso: string): number {
  let [y, m, d] = iso.split("-").map(Number);
  if (m < 3) [y, m] = [y - 1, m + 12];
  const h = (d + Math.floor((13 * (m + 1)) / 5) + y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7; // 0 is Saturday
  return (h + 6) % 7;
}

function isValidIso(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return y >= 1900 && y <= 2099 && mo >= 1 && mo <= 12 && d >= 1 && d <= length;
}

/** A source with no four-digit run writes its year with two digits. */
const hasShortYear = (source: string) => !/\d{4}/.test(source);

describe("date formats", () => {
  const march3 = calendarDate((Date.UTC(1987, 2, 3) - Date.UTC(1900, 0, 1)) / 86_400_000);
  test("at least 16, with distinct names and examples", () => {
    expect(dateFormats.length).toBeGreaterThanOrEqual(16);
    expect(new Set(dateFormats.map((f) => f.name)).size).toBe(dateFormats.length);
    expect(new Set(dateFormats.map((f) => f.example.toLowerCase())).size).toBe(dateFormats.length);
  });
  test("each writes 3 March 1987 as its example, up to letter case", () => {
    expect(march3).toEqual({ year: 1987, month: 3, day: 3, weekday: 2 });
    const rng = new Random(0);
    for (const f of dateFormats) for (let i = 0; i < 8; i++) expect(f.write(march3, rng).toLowerCase(), f.name).toBe(f.example.toLowerCase());
  });
  test("the forms asked for are all there", () => {
    const examples = dateFormats.map((f) => f.example);
    for (const e of ["3rd of March 1987", "March 3, 1987", "Tuesday, March 3, 1987", "1987 Mar 3", "3 Mar 1987", "03/03/1987", "3/3/87", "03.03.1987", "3.3.87", "1987-03-03", "1987/03/03", "Mar 3rd, '87", "the 3rd of march, 1987", "MARCH 3 1987", "Tue 3 Mar 1987", "3 March 1987"]) {
      expect(examples).toContain(e);
    }
  });
  test("ordinals, padding and names across the calendar", () => {
    const byName = Object.fromEntries(dateFormats.map((f) => [f.name, f]));
    const rng = new Random(0);
    const write = (name: string, y: number, m: number, d: number) => byName[name].write(calendarDate((Date.UTC(y, m - 1, d) - Date.UTC(1900, 0, 1)) / 86_400_000), rng).toLowerCase();
    expect(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"].map((o) => write("ordinal-of", 2001, 1, parseInt(o)).split(" ")[0])).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]);
    expect(write("us-slashes", 2004, 12, 25)).toBe("12/25/2004");
    expect(write("european-dots", 2004, 12, 25)).toBe("25.12.2004");
    expect(write("us-slashes-short-year", 2005, 1, 9)).toBe("1/9/05");
    expect(write("weekday-month-day-year", 2000, 2, 29)).toBe("tuesday, february 29, 2000");
    expect(write("short-weekday-day-short-month-year", 1900, 1, 1)).toBe("mon 1 jan 1900");
    expect(write("iso", 2099, 12, 31)).toBe("2099-12-31");
  });
  test("names come in several cases", () => {
    const cases = new Set(all.filter((p) => /[a-z]/i.test(p.source)).map((p) => (p.source === p.source.toUpperCase() ? "upper" : p.source === p.source.toLowerCase() ? "lower" : "mixed")));
    expect(cases).toEqual(new Set(["upper", "lower", "mixed"]));
  });
});

describe("dateSplits", () => {
  test("the sizes asked for", () => {
    expect([splits.train.length, splits.validation.length, splits.test.length]).toEqual([40000, 2000, 2000]);
    const small = dateSplits(3, { train: 5, validation: 0, test: 7 });
    expect([small.train.length, small.validation.length, small.test.length]).toEqual([5, 0, 7]);
    expect(() => dateSplits(3, { train: -1, validation: 0, test: 0 })).toThrow(RangeError);
  });
  test("the same seed gives the same pairs; another seed others", () => {
    expect(dateSplits(1)).toEqual(splits);
    expect(dateSplits(2).train.slice(0, 100)).not.toEqual(splits.train.slice(0, 100));
  });
  test("another train count leaves validation and test as they were", () => {
    const other = dateSplits(1, { train: 10, validation: 2000, test: 2000 });
    expect(other.validation).toEqual(splits.validation);
    expect(other.test).toEqual(splits.test);
  });
  test("no calendar date is in two splits", () => {
    const [train, validation, test] = [splits.train, splits.validation, splits.test].map((s) => new Set(s.map((p) => p.target)));
    for (const d of validation) expect(train.has(d) || test.has(d)).toBe(false);
    for (const d of test) expect(train.has(d)).toBe(false);
  });
  test("splits larger than their days still share none, and repeat a date in other formats", () => {
    const big = dateSplits(5, { train: 80000, validation: 20000, test: 20000 });
    const [train, validation, test] = [big.train, big.validation, big.test].map((s) => new Set(s.map((p) => p.target)));
    for (const d of validation) expect(train.has(d) || test.has(d)).toBe(false);
    for (const d of test) expect(train.has(d)).toBe(false);
    expect(train.size).toBeLessThan(big.train.length);
    const sources = new Map<string, Set<string>>();
    for (const p of big.train) (sources.get(p.target) ?? sources.set(p.target, new Set()).get(p.target)!).add(p.source);
    expect([...sources.values()].filter((s) => s.size > 1).length).toBeGreaterThan(1000);
  });
  test("the held-out splits use each date once", () => {
    for (const s of [splits.validation, splits.test]) expect(new Set(s.map((p) => p.target)).size).toBe(s.length);
  });
  test("every format is used", () => {
    // A source that only one format's pattern matches shows that format was drawn.
    const patterns = dateFormats.map((f) => ({ name: f.name, pattern: formatPattern(f.example) }));
    const used = new Set<string>();
    for (const p of all) {
      const matching = patterns.filter(({ pattern }) => pattern.test(p.source));
      if (matching.length === 1) used.add(matching[0].name);
    }
    expect([...used].sort()).toEqual(dateFormats.map((f) => f.name).sort());
  });
  test("every target is a valid ISO date in 1900-01-01 .. 2099-12-31", () => {
    for (const p of all) if (!isValidIso(p.target)) throw new Error(`bad target: ${JSON.stringify(p)}`);
    const years = all.map((p) => Number(p.target.slice(0, 4)));
    expect(Math.min(...years)).toBeLessThan(1905);
    expect(Math.max(...years)).toBeGreaterThan(2094);
  });
  test("every weekday written is the date's", () => {
    let checked = 0;
    for (const p of all) {
      const named = /\b(sun|mon|tue|wed|thu|fri|sat)/i.exec(p.source);
      if (!named) continue;
      checked++;
      if (WEEKDAYS.indexOf(named[1].toLowerCase()) !== weekdayOf(p.target)) throw new Error(`wrong weekday: ${JSON.stringify(p)}`);
    }
    expect(checked).toBeGreaterThan(1000);
  });
  test("two-digit years only for 1930–2029, and the year is recoverable", () => {
    let checked = 0;
    for (const p of all.filter((p) => hasShortYear(p.source))) {
      checked++;
      const yy = Number(/(\d{2})$/.exec(p.source)![1]);
      const year = yy < 30 ? 2000 + yy : 1900 + yy;
      if (String(year) !== p.target.slice(0, 4)) throw new Error(`year not recoverable: ${JSON.stringify(p)}`);
    }
    expect(checked).toBeGreaterThan(1000);
    for (const f of dateFormats.filter((f) => f.shortYear)) expect(hasShortYear(f.example), f.name).toBe(true);
    for (const f of dateFormats.filter((f) => !f.shortYear)) expect(hasShortYear(f.example), f.name).toBe(false);
  });
  test("TSV: one source<TAB>target line per pair", () => {
    const text = toTsv(splits.test);
    const lines = text.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => l.split("\t"))).toEqual(splits.test.map((p) => [p.source, p.target]));
    for (const p of all) expect(/[\t\n\r]/.test(p.source)).toBe(false);
  });
});

/**
 * A pattern that matches what a format writes for any date, from its example: names stand for
 * any name of their kind, a padded number for that many digits, an unpadded one for 1–2 digits
 * without a leading zero.
 */
function formatPattern(example: string): RegExp {
  const tokens = example.replace(/March/i, "MONTH").replace(/Tuesday/i, "WEEKDAY").replace(/\bMar\b/i, "MON").replace(/\bTue\b/i, "DAY");
  const body = tokens
    .split(/(\d+(?:st|nd|rd|th)?|MONTH|WEEKDAY|MON|DAY)/)
    .map((t) => {
      if (t === "MONTH") return "(?:january|february|march|april|may|june|july|august|september|october|november|december)";
      if (t === "WEEKDAY") return "(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)";
      if (t === "MON") return "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
      if (t === "DAY") return "(?:sun|mon|tue|wed|thu|fri|sat)";
      if (/^\d+(st|nd|rd|th)$/.test(t)) return "\\d{1,2}(?:st|nd|rd|th)";
      if (/^\d+$/.test(t)) return t.length === 1 ? "[1-9]\\d?" : `\\d{${t.length}}`;
      return t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${body}$`, "i");
}

describe("rnnc data dates", () => {
  const dir = mkdtempSync(join(tmpdir(), "rnnc-dates-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rnnc = (...args: string[]) => spawnSync("node", ["bin/rnnc.js", ...args], { encoding: "utf8" });

  test("writes the three splits, overwriting only them, the same for the same seed", () => {
    writeFileSync(join(dir, "notes.txt"), "mine");
    writeFileSync(join(dir, "train.tsv"), "old");
    const r = rnnc("data", "dates", "-o", dir, "--seed", "7", "--train", "300", "--validation", "20", "--test", "30");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote 300 train, 20 validation and 30 test pairs of dates (seed 7) to ${dir}: train.tsv, validation.tsv, test.tsv\n`);
    const expected = dateSplits(7, { train: 300, validation: 20, test: 30 });
    for (const split of ["train", "validation", "test"] as const) {
      const pairs: Pair[] = readFileSync(join(dir, `${split}.tsv`), "utf8").trimEnd().split("\n").map((l) => {
        const [source, target] = l.split("\t");
        return { source, target };
      });
      expect(pairs).toEqual(expected[split]);
    }
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });
  test("--json: one wrote event; --quiet: nothing", () => {
    const r = rnnc("data", "dates", "-o", dir, "--train", "10", "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ event: "wrote", task: "dates", folder: dir, seed: 0, files: ["train.tsv", "validation.tsv", "test.tsv"], pairs: { train: 10, validation: 2000, test: 2000 } });
    expect(rnnc("data", "dates", "-o", dir, "--train", "10", "-q")).toMatchObject({ status: 0, stdout: "" });
  });
  test("usage mistakes: one line and exit 2", () => {
    for (const args of [["data"], ["data", "weather", "-o", dir], ["data", "dates"], ["data", "dates", "-o", dir, "--train", "0"], ["data", "dates", "-o", dir, "--test", "2.5"], ["data", "dates", "-o", join(dir, "notes.txt")]]) {
      const r = rnnc(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^rnnc: /);
    }
  });
});
