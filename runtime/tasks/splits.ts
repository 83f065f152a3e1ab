// What every generated task writes: (source, target) pairs in train, validation and test
// splits, one `source<TAB>target` line per pair.

export interface Pair {
  source: string;
  target: string;
}

export type Splits = Record<"train" | "validation" | "test", Pair[]>;
export type SplitCounts = Record<keyof Splits, number>;

/** Refuses a count that is not a whole number ≥ 0. */
export function checkCounts(counts: SplitCounts) {
  for (const [split, n] of Object.entries(counts)) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`the ${split} count must be a whole number ≥ 0, not ${n}`);
  }
}

/** One `source<TAB>target` line per pair. */
export function toTsv(pairs: Pair[]): string {
  return pairs.map((p) => `${p.source}\t${p.target}\n`).join("");
}
