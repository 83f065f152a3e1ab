// What an IR op is, as one row: its shape rule, its float64 meaning (what the interpreter runs
// and every target must match), its vector-Jacobian product beside it, and the traits the
// passes and the code generator ask about. The rows live in this folder, grouped by family.
import type { GraphBuilder } from "../builder.js";
import type { Attrs, Dim, Node, Shape } from "../graph.js";
import type { OpName } from "./index.js";

export interface Tensor {
  shape: number[];
  data: Float64Array;
}

export const tensor = (shape: number[], data?: ArrayLike<number>): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  if (data) {
    if (data.length !== n) throw new Error(`tensor of shape [${shape}] needs ${n} values, got ${data.length}`);
    out.set(data);
  }
  return { shape, data: out };
};

export interface OpRow {
  /** The result's shape from the inputs' shapes (absent: whoever builds the node gives it). */
  shape?: (inputs: Shape[], attrs: Attrs) => Shape;
  /** The float64 meaning (absent: not evaluated op by op, as sources and `scan`). */
  evaluate?: (inputs: Tensor[], shape: number[], attrs: Attrs) => Tensor;
  /** The gradient contribution to each input, built from IR ops, given the gradient g of the result (undefined: none). */
  vjp?: (b: Grad, node: Node, g: number) => (number | undefined)[];
  /** Reads many elements of an input for each element of the result (worth storing that input). */
  reduction?: boolean;
  /** A matrix product: a register-tiled kernel of its own. */
  product?: boolean;
  /** Only re-indexes its input: free to recompute wherever it is read. */
  view?: boolean;
  /** A .cell function of one tensor, called by the row's name: sigmoid(x). */
  callable?: boolean;
}

/**
 * IR-building helpers for the vector-Jacobian products. Op names are plain strings here: the
 * names are the rows' keys, so typing them would make the rows' type depend on itself (the
 * builder refuses a name that has no row).
 */
export class Grad {
  constructor(readonly b: GraphBuilder) {}
  op(op: string, inputs: number[], attrs: Attrs = {}): number {
    return this.b.add(op as OpName, inputs, attrs);
  }
  num(v: number): number {
    return this.b.add("const", [], { value: v }, []);
  }
  zeros(shape: Shape): number {
    return this.b.add("const", [], { value: 0 }, shape);
  }
  shape(id: number): Shape {
    return this.b.shape(id);
  }
  /** Undo broadcasting: sum g down to `shape`. */
  unbroadcast(g: number, shape: Shape): number {
    return this.b.shape(g).join() === shape.join() ? g : this.b.add("sum_to", [g], {}, shape);
  }
}

/** The axis an op works on: `attrs.axis`, or the last. */
export const axisOf = (attrs: Attrs, rank: number) => attrs.axis ?? rank - 1;

/** `s` with its axis replaced by `d` (or removed, without `d`). */
export const withAxis = (s: Shape, axis: number, d?: Dim): Shape => [...s.slice(0, axis), ...(d === undefined ? [] : [d]), ...s.slice(axis + 1)];
export const inserted = (s: Shape, axis: number, d: Dim): Shape => [...s.slice(0, axis), d, ...s.slice(axis)];
export const last = (s: Shape): Dim => s[s.length - 1];

/** A row-major shape seen as [outer, n, inner] around one axis. */
export function around(shape: number[], axis: number) {
  const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return { outer: count(shape.slice(0, axis)), n: shape[axis], inner: count(shape.slice(axis + 1)) };
}
