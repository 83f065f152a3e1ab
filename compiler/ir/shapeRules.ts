// The shape rules of the ops a .cell expression can write, once, for any kind of dimension:
// the checker applies them to symbolic sizes (4*H, I+H), the IR to the sizes a model was
// compiled with. A rule gives the result's shape or says why there is none, in words a
// diagnostic can show. What the checker accepts, the IR therefore builds.

/** What a shape rule needs to know about dimensions. */
export interface DimAlgebra<D> {
  equal(a: D, b: D): boolean;
  isOne(d: D): boolean;
  /** The size 1 (a new axis of one entry). */
  one: D;
  add(a: D, b: D): D;
  show(d: D): string;
}

/** A shape, or why there is none (`operand`: which operand of a binary op is at fault, if one is). */
export type Rule<D> = { shape: D[] } | { error: string; hint?: string; operand?: "left" | "right" };

const showShape = <D>(alg: DimAlgebra<D>, s: readonly D[]) => `[${s.map(alg.show).join(", ")}]`;

/** NumPy broadcasting, aligned on the trailing axes: equal sizes, or one of them 1. */
export function broadcastRule<D>(alg: DimAlgebra<D>, a: readonly D[], b: readonly D[], op = "+"): Rule<D> {
  const n = Math.max(a.length, b.length);
  const out: D[] = [];
  for (let i = 0; i < n; i++) {
    const x = i < n - a.length ? undefined : a[i - (n - a.length)];
    const y = i < n - b.length ? undefined : b[i - (n - b.length)];
    if (x === undefined) out.push(y!);
    else if (y === undefined || alg.equal(x, y) || alg.isOne(y)) out.push(x);
    else if (alg.isOne(x)) out.push(y);
    else
      return {
        error: `shape mismatch in '${op}': ${showShape(alg, a)} ${op} ${showShape(alg, b)}`,
        hint: "elementwise operands need equal sizes, axis by axis from the last (a size of 1 or a number stretches)",
      };
  }
  return { shape: out };
}

/** W [N, K] @ x [..., K] -> [..., N]; and v [K] @ M [K, N] -> [N], Σ_k v[k] M[k, :] (attention's Σ α_i v_i) */
export function matmulRule<D>(alg: DimAlgebra<D>, w: readonly D[], x: readonly D[]): Rule<D> {
  if (w.length === 1) {
    if (x.length !== 2) return { error: `a vector @ a matrix: the right side of '@' must be a matrix [K, N], but it is ${showShape(alg, x)}`, hint: "v @ M sums v[k] M[k, :] over k", operand: "right" };
    if (!alg.equal(w[0], x[0]))
      return {
        error: `shape mismatch in '@': ${showShape(alg, w)} @ ${showShape(alg, x)}; the vector has ${alg.show(w[0])} entries but the matrix has ${alg.show(x[0])} rows`,
        hint: "v @ M sums v[k] M[k, :]: the vector's size must equal the matrix's first size",
      };
    return { shape: [x[1]] };
  }
  if (w.length !== 2) return { error: `the left side of '@' must be a matrix [N, K] or a vector [K], but it is ${showShape(alg, w)}`, hint: "write W @ x with W a matrix, or v @ M with v a vector", operand: "left" };
  if (x.length < 1) return { error: "the right side of '@' must be a vector or a batch of vectors, not a number", operand: "right" };
  if (!alg.equal(w[1], x[x.length - 1]))
    return {
      error: `shape mismatch in '@': ${showShape(alg, w)} @ ${showShape(alg, x)}; the matrix has ${alg.show(w[1])} columns but the vector has ${alg.show(x[x.length - 1])} entries`,
      hint: "the matrix's second size must equal the vector's last size",
    };
  return { shape: [...x.slice(0, -1), w[0]] };
}

/** An axis written by the user (negative counts from the end) as an index into `rank` axes. */
export function resolveAxis(axis: number, rank: number): number | undefined {
  const k = axis < 0 ? rank + axis : axis;
  return Number.isInteger(k) && k >= 0 && k < rank ? k : undefined;
}

/** A reduction (sum, mean, max, min, var) over every axis (`axis` undefined: a number remains) or over one. */
export function reduceRule<D>(alg: DimAlgebra<D>, x: readonly D[], axis: number | undefined, fn: string): Rule<D> {
  if (x.length === 0) return { error: `${fn} needs a tensor, not a number` };
  if (axis === undefined) return { shape: [] };
  const k = resolveAxis(axis, x.length);
  if (k === undefined) return { error: `${fn}(axis=${axis}) of ${showShape(alg, x)}: there is no axis ${axis}`, hint: `axes count from 0 (or from -1 at the end) over the ${x.length} axes` };
  return { shape: [...x.slice(0, k), ...x.slice(k + 1)] };
}

/** concat along the last axis: the other axes equal. */
export function concatRule<D>(alg: DimAlgebra<D>, parts: readonly (readonly D[])[]): Rule<D> {
  if (parts.length < 2) return { error: "concat joins two or more tensors along their last axis" };
  const [first, ...rest] = parts;
  if (first.length === 0) return { error: "concat needs tensors, not numbers" };
  let last = first[first.length - 1];
  for (const s of rest) {
    const lead = s.slice(0, -1);
    if (s.length !== first.length || !lead.every((d, i) => alg.equal(d, first[i])))
      return { error: `concat needs tensors that differ only in their last size: ${showShape(alg, first)} and ${showShape(alg, s)}` };
    last = alg.add(last, s[s.length - 1]);
  }
  return { shape: [...first.slice(0, -1), last] };
}

/** Sizes that are plain numbers, or names bound at run time (T, B): the IR's dimensions. */
export const concreteDims: DimAlgebra<number | string> = {
  equal: (a, b) => a === b,
  isOne: (d) => d === 1,
  one: 1,
  add: (a, b) => {
    if (typeof a !== "number" || typeof b !== "number") throw new Error(`cannot add run-time sizes ${a} and ${b}`);
    return a + b;
  },
  show: String,
};

/** The shape, or an internal error: the IR is built only from what the checker accepted. */
export function expectShape<D>(rule: Rule<D>): D[] {
  if ("error" in rule) throw new Error(rule.error);
  return rule.shape;
}
