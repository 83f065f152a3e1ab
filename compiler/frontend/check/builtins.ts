// The functions a .cell expression may call, with what each needs. Shared by the checker and lowering.

/** A lookup table without Object's prototype, so a name like `constructor` or `toString` is not found in it. */
const table = <T>(entries: Record<string, T>): Readonly<Record<string, T>> => Object.freeze(Object.assign(Object.create(null), entries));

/** Elementwise functions of one tensor: the ops whose rows say `callable`. */
export { elementwiseFunctions } from "../../ir/ops/index.js";

/** Functions of tensors beyond the elementwise ones, with how they are called. */
export const tensorFunctions = table<string>({
  sum: "sum(x): the sum of every element (of the example's value, in a cell); sum(x, axis=-1): over one axis",
  mean: "mean(x): the mean of every element (of the example's value, in a cell); mean(x, axis=-1): over one axis",
  max: "max(x): the largest element (of the example's value, in a cell); max(x, axis=-1): over one axis",
  min: "min(x): the smallest element (of the example's value, in a cell); min(x, axis=-1): over one axis",
  var: "var(x): the mean squared deviation from the mean (biased, as layer norm uses); var(x, axis=-1): over one axis",
  concat: "concat(a, b, ...): joined along the last axis",
  softmax: "softmax(x): over the last axis",
  log_softmax: "log_softmax(x): over the last axis",
  embedding: "embedding(table [V, E], ids): the rows of the table for integer ids",
  cross_entropy: "cross_entropy(logits [..., V], ids [...]): -log softmax(logits)[id] at each position",
});

/** The reductions: over every axis of the example's value (in a cell) or of the tensor, or `axis=k`. */
export const reductions: ReadonlySet<string> = new Set(["sum", "mean", "max", "min", "var"]);

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
export const cellCallKeywords = ["layers", "directions", "dropout", "prefix"] as const;

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
