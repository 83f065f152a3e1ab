// The functions a .cell expression calls, one row each: how it is called (the hint a mistake
// gets), its result's shape (checked on symbolic sizes by the checker), and what it lowers to
// in the IR. The elementwise functions are the op rows marked `callable` (ir/ops/).
import type { GraphBuilder } from "../ir/builder.js";
import { elementwiseFunctions, type OpName } from "../ir/ops/index.js";
import { broadcastRule, concatRule, reduceRule, type DimAlgebra, type Rule } from "../ir/shapeRules.js";
import type { Dim } from "../ir/graph.js";
import { table } from "./check/builtins.js";
import type { Expr } from "./syntax/ast.js";

export type Call = Expr & { kind: "call" };

/** What the checker lends a row: its arguments' shapes and its way to refuse. Undefined: already reported. */
export interface CheckContext<D> {
  call: Call;
  dims: DimAlgebra<D>;
  /** Argument i as a tensor's shape. */
  tensor(i: number): D[] | undefined;
  /** Argument i as integer ids (a name declared `input ... int`). */
  ids(i: number): D[] | undefined;
  /** The `axis=` option: absent, a whole number, or null once reported as wrong. */
  axis(): number | undefined | null;
  /** A keyword option that is a tensor (`mask=`): absent, its shape, or null once reported as wrong. */
  tensorOption(name: string): D[] | undefined | null;
  /** Argument i as a size (T, S, 4*H), one of the row's `sizeArguments`. */
  size(i: number): D | undefined;
  /** Inside a cell's step, not at model level. */
  inCell: boolean;
  /** A mistake in the call, reported at the argument `at` (or the whole call). */
  fail(message: string, hint?: string, at?: number): undefined;
  /** A shape rule's result, or its error reported at the call. */
  ruled(rule: Rule<D>): D[] | undefined;
}

/** What lowering lends a row: the lowered arguments and its helpers for the batch axis. */
export interface LowerContext {
  call: Call;
  b: GraphBuilder;
  args: number[]; // -1 for a size argument
  axis(): number | undefined;
  tensorOption(name: string): number | undefined;
  size(i: number): Dim;
  /** Two operands of an elementwise op, lined up as the batch axis needs (see lower.ts). */
  align(x: number, y: number): [number, number];
  /** At model level (whole tensors), not inside a cell's step. */
  modelLevel: boolean;
  /** In a cell's step t: [extent], 1 at the positions s <= t (a sequence of masks the scan reads). */
  causalMask(extent: Dim): number;
  /** A size must stay at most `max` (the `what`, e.g. a table's rows it indexes): checked now if fixed, else at run time. */
  limit(size: Dim, max: number, what: string): void;
  /** A reduction over the example's own axes (or the given one). */
  reduce(fn: string, x: number, axis: number | undefined): number;
  /** Carries the batch axis, broadcast if it did not. */
  perExample(x: number): number;
  isBatched(x: number): boolean;
}

export interface DslFunction {
  /** How it is called: the hint a mistake in a call gets. */
  usage: string;
  /** The keyword options it takes. */
  options?: readonly string[];
  /** Arguments that are sizes (T, S), not tensors. */
  sizeArguments?: readonly number[];
  check<D>(c: CheckContext<D>): D[] | undefined;
  lower(l: LowerContext): number;
}

const reduction = (name: string, usage: string): DslFunction => ({
  usage,
  options: ["axis"],
  check(c) {
    if (c.call.args.length !== 1) return c.fail(`${name} takes one tensor`, usage);
    const s = c.tensor(0);
    const axis = c.axis();
    if (!s || axis === null) return undefined;
    return c.ruled(reduceRule(c.dims, s, axis, name));
  },
  lower(l) {
    const axis = l.axis();
    // Over every axis of a whole (model-level) tensor, mean is one op: its count may be T*B.
    if (name === "mean" && axis === undefined && l.modelLevel) return l.b.add("mean", l.args);
    return l.reduce(name, l.args[0], axis);
  },
});

/**
 * Over the last axis: exp(x - logsumexp(x)) and its log. With `mask=m` (1 keeps, 0 drops; it
 * broadcasts to x), the dropped entries get probability exactly 0 and no gradient; their log
 * is 0 too (not -inf, which WGSL does not promise, nor a huge number that would swamp a sum).
 */
const softmaxLike = (name: string, usage: string, log: boolean): DslFunction => ({
  usage,
  options: ["mask"],
  check(c) {
    if (c.call.args.length !== 1) return c.fail(`${name} takes one argument`, usage);
    const s = c.tensor(0);
    const mask = c.tensorOption("mask");
    if (!s || mask === null) return undefined;
    if (!s.length) return c.fail(`${name} needs a tensor, not a number`);
    if (mask) {
      const rule = broadcastRule(c.dims, s, mask, "mask=");
      const show = (x: typeof s) => `[${x.map(c.dims.show).join(", ")}]`;
      if ("error" in rule || rule.shape.length !== s.length || !rule.shape.every((d, i) => c.dims.equal(d, s[i])))
        return c.fail(`the mask of ${name} must fit its scores ${show(s)}, axis by axis from the last, but it is ${show(mask)}`, "the mask has one entry per score on the axis softmax runs over (the last): 1 keeps a score, 0 drops it");
    }
    return s;
  },
  lower({ b, args: [scores], tensorOption, align }) {
    const mask = tensorOption("mask");
    const x = mask === undefined ? scores : b.add("masked", align(scores, mask));
    const shifted = b.add("sub", [x, b.add("expand", [b.add("logsumexp", [x])], { extent: b.shape(x).at(-1)! })]);
    if (!log) return b.add("exp", [shifted]);
    return mask === undefined ? shifted : b.add("masked_zero", align(shifted, mask));
  },
});

/** Two arguments, the second integer ids. */
const withIds = (name: string, usage: string, shape: <D>(c: CheckContext<D>, first: D[], ids: D[]) => D[] | undefined, lower: DslFunction["lower"]): DslFunction => ({
  usage,
  check(c) {
    if (c.call.args.length !== 2 || c.call.keywords.length) return c.fail(`${name} takes two arguments`, usage);
    const first = c.tensor(0);
    const ids = c.ids(1);
    if (!first || !ids) return undefined;
    return shape(c, first, ids);
  },
  lower,
});

const causalMaskUsage = "causal_mask(S): in a cell, [S], 1 at the positions up to the current step and 0 after it, e.g. softmax(scores, mask=causal_mask(S))";
const lengthMaskUsage = "length_mask(lengths, T): [T, B], 1 at the steps t < lengths[b] and 0 past them (lengths: input lengths [B] int)";

const tensorFunctions: Record<string, DslFunction> = {
  sum: reduction("sum", "sum(x): the sum of every element (of the example's value, in a cell); sum(x, axis=-1): over one axis"),
  mean: reduction("mean", "mean(x): the mean of every element (of the example's value, in a cell); mean(x, axis=-1): over one axis"),
  max: reduction("max", "max(x): the largest element (of the example's value, in a cell); max(x, axis=-1): over one axis"),
  min: reduction("min", "min(x): the smallest element (of the example's value, in a cell); min(x, axis=-1): over one axis"),
  var: reduction("var", "var(x): the mean squared deviation from the mean (biased, as layer norm uses); var(x, axis=-1): over one axis"),
  concat: {
    usage: "concat(a, b, ...): joined along the last axis",
    check(c) {
      const shapes = c.call.args.map((_, i) => c.tensor(i));
      if (shapes.some((s) => !s)) return undefined;
      return c.ruled(concatRule(c.dims, shapes as NonNullable<(typeof shapes)[number]>[]));
    },
    lower(l) {
      const parts = l.args.some((a) => l.isBatched(a)) ? l.args.map((a) => l.perExample(a)) : l.args;
      return l.b.add("concat", parts);
    },
  },
  // A vector stood up as a column, so broadcasting pairs it with the rows of a matrix:
  // column(k) * v is the outer product k vᵀ; column(delta) * A scales row i of A by delta[i].
  column: {
    usage: "column(x): x [n] as a column [n, 1], e.g. column(k) * v is the outer product [n, m] of k [n] and v [m]",
    check(c) {
      if (c.call.args.length !== 1 || c.call.keywords.length) return c.fail("column takes one vector", this.usage);
      const s = c.tensor(0);
      if (!s) return undefined;
      if (s.length !== 1) return c.fail(`column takes a vector, but this is [${s.map(c.dims.show).join(", ")}]`, this.usage, 0);
      return [s[0], c.dims.one];
    },
    lower: ({ b, args: [x] }) => b.add("unsqueeze", [x], { axis: b.shape(x).length }),
  },
  softmax: softmaxLike("softmax", "softmax(x): over the last axis; softmax(scores, mask=m): 0 where m is 0", false),
  log_softmax: softmaxLike("log_softmax", "log_softmax(x): over the last axis; log_softmax(scores, mask=m): 0 where m is 0 (left out, not -inf)", true),
  // GELU as PyTorch's default: x Φ(x), with the exact normal CDF Φ(x) = (1 + erf(x / √2)) / 2
  gelu: {
    usage: "gelu(x): x Φ(x), elementwise (PyTorch's exact GELU)",
    check(c) {
      if (c.call.args.length !== 1) return c.fail("gelu takes one argument");
      return c.tensor(0);
    },
    lower({ b, args: [x] }) {
      const num = (v: number) => b.add("const", [], { value: v }, []);
      const cdf = b.add("mul", [num(0.5), b.add("add", [num(1), b.add("erf", [b.add("mul", [x, num(Math.SQRT1_2)])])])]);
      return b.add("mul", [x, cdf]);
    },
  },
  length_mask: {
    usage: lengthMaskUsage,
    sizeArguments: [1],
    check(c) {
      if (c.call.args.length !== 2 || c.call.keywords.length) return c.fail("length_mask takes the lengths and a size", lengthMaskUsage);
      const lengths = c.ids(0);
      const steps = c.size(1);
      if (!lengths || steps === undefined) return undefined;
      return [steps, ...lengths];
    },
    lower: ({ b, args: [lengths], size }) => b.add("length_mask", [lengths], { extent: size(1) }),
  },
  // Self-attention that does not look ahead: at step t, the positions s <= t of a sequence read whole.
  causal_mask: {
    usage: causalMaskUsage,
    sizeArguments: [0],
    check(c) {
      if (!c.inCell)
        return c.fail("causal_mask belongs in a cell: it keeps the positions up to the step the cell is computing", "pass the sequence to a cell as an argument read whole, and mask its scores there: softmax(scores, mask=causal_mask(S))");
      if (c.call.args.length !== 1 || c.call.keywords.length) return c.fail("causal_mask takes one size, the length of the sequence it masks", causalMaskUsage);
      const extent = c.size(0);
      return extent === undefined ? undefined : [extent];
    },
    lower: ({ size, causalMask }) => causalMask(size(0)),
  },
  // Learned positions (as GPT-2's wpe): row t of the table at every step t of each sequence.
  position_embedding: withIds(
    "position_embedding",
    "position_embedding(table [P, E], ids [T, B]): row t of the table at each step t, for every example (P ≥ T)",
    (c, table, ids) => (table.length !== 2 ? c.fail(`the position table must be a matrix [P, E], but it is [${table.map(c.dims.show).join(", ")}]`, undefined, 0) : [...ids, table[1]]),
    ({ b, args: [table, ids], limit }) => {
      limit(b.shape(ids)[0], b.shape(table)[0] as number, "rows of the position table");
      return b.add("gather", [table, b.add("positions", [ids])]);
    },
  ),
  embedding: withIds(
    "embedding",
    "embedding(table [V, E], ids): the rows of the table for integer ids",
    (c, table, ids) => (table.length !== 2 ? c.fail(`the embedding table must be a matrix [V, E], but it is [${table.map(c.dims.show).join(", ")}]`, undefined, 0) : [...ids, table[1]]),
    ({ b, args }) => b.add("gather", args),
  ),
  cross_entropy: withIds(
    "cross_entropy",
    "cross_entropy(logits [..., V], ids [...]): -log softmax(logits)[id] at each position",
    (c, logits, ids) => {
      const lead = logits.slice(0, -1);
      const same = lead.length === ids.length && lead.every((d, i) => c.dims.equal(d, ids[i]));
      const show = (s: typeof ids) => `[${s.map(c.dims.show).join(", ")}]`;
      return same ? ids : c.fail(`cross_entropy needs logits [..., V] and ids [...] with the same leading sizes: ${show(logits)} and ${show(ids)}`);
    },
    // -log softmax(logits)[id] = logsumexp(logits) - logits[id]
    ({ b, args }) => b.add("sub", [b.add("logsumexp", [args[0]]), b.add("pick", args)]),
  ),
};

const elementwise = (name: string): DslFunction => ({
  usage: `${name}(x): elementwise`,
  check(c) {
    if (c.call.args.length !== 1) return c.fail(`${name} takes one argument`);
    return c.tensor(0);
  },
  lower: ({ b, args }) => b.add(name as OpName, args),
});

/** Every function a .cell expression may call, by name (no prototype: `constructor` is not one). */
export const functions = table<DslFunction>({ ...Object.fromEntries(elementwiseFunctions.map((f) => [f, elementwise(f)])), ...tensorFunctions });

/** The reductions: over every axis of the example's value (in a cell) or of the tensor, or `axis=k`. */
export const reductions: ReadonlySet<string> = new Set(Object.keys(tensorFunctions).filter((f) => tensorFunctions[f].options?.includes("axis")));
