// The numeric side of the language, shared by the checker and lowering: initialisers, functions
// of numbers, a cell call's options, and "did you mean" suggestions. (Tensor functions: functions.ts.)

/** A lookup table without Object's prototype, so a name like `constructor` or `toString` is not found in it. */
export const table = <T>(entries: Record<string, T>): Readonly<Record<string, T>> => Object.freeze(Object.assign(Object.create(null), entries));

/** Parameter initialisers and the number of numeric arguments each takes. */
export const initialisers = table<{ args: number; usage: string }>({
  uniform: { args: 2, usage: "uniform(low, high)" },
  normal: { args: 2, usage: "normal(mean, std)" },
  constant: { args: 1, usage: "constant(value)" },
  zeros: { args: 0, usage: "zeros()" },
  ones: { args: 0, usage: "ones()" },
});

/** Functions of numbers only (sizes and literals), usable in initialisers and constants. */
export const numericFunctions = table<(x: number) => number>({ sqrt: Math.sqrt, exp: Math.exp, log: Math.log });

/** Keyword arguments of a cell call in a model. */
export const cellCallKeywords = ["layers", "directions", "heads", "dropout", "prefix", "lengths"] as const;

export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
