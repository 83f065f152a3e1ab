// The closed set of IR ops: one table row each, with its shape rule and its meaning
// (the float64 reference semantics the interpreter runs and every backend must match).
import type { Attrs, Dim, Node, OpName, Shape } from "./graph.js";
import { broadcastRule, concatRule, concreteDims, expectShape, matmulRule } from "./shapeRules.js";

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

/** The integer hash behind dropout masks; the WGSL in codegen computes the same numbers. */
export function hashU32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
export const mixSeed = (seed: number, salt: number) => hashU32((Math.imul(seed >>> 0, 0x9e3779b9) + salt) >>> 0);
/** A uniform draw in [0, 1) for element i. */
export const keepDraw = (mixed: number, i: number) => hashU32((i ^ mixed) >>> 0) / 4294967296;

/** Elementwise functions of one value: the same formula drives the interpreter and WGSL. */
export const unaryOps = {
  neg: { f: (x: number) => -x, wgsl: (x: string) => `-(${x})` },
  sigmoid: { f: (x: number) => 1 / (1 + Math.exp(-x)), wgsl: (x: string) => `sigmoid(${x})` },
  tanh: { f: Math.tanh, wgsl: (x: string) => `tanh_safe(${x})` },
  relu: { f: (x: number) => Math.max(0, x), wgsl: (x: string) => `max(${x}, 0.0)` },
  exp: { f: Math.exp, wgsl: (x: string) => `exp(${x})` },
  log: { f: Math.log, wgsl: (x: string) => `log(${x})` },
  sqrt: { f: Math.sqrt, wgsl: (x: string) => `sqrt(${x})` },
  abs: { f: Math.abs, wgsl: (x: string) => `abs(${x})` },
  step: { f: (x: number) => (x > 0 ? 1 : 0), wgsl: (x: string) => `select(0.0, 1.0, ${x} > 0.0)` }, // relu's derivative
  sign: { f: Math.sign, wgsl: (x: string) => `sign(${x})` }, // abs's derivative
} as const satisfies Partial<Record<OpName, { f: (x: number) => number; wgsl: (x: string) => string }>>;

export const binaryOps = {
  add: { f: (a: number, b: number) => a + b, wgsl: (a: string, b: string) => `(${a} + ${b})` },
  sub: { f: (a: number, b: number) => a - b, wgsl: (a: string, b: string) => `(${a} - ${b})` },
  mul: { f: (a: number, b: number) => a * b, wgsl: (a: string, b: string) => `(${a} * ${b})` },
  div: { f: (a: number, b: number) => a / b, wgsl: (a: string, b: string) => `(${a} / ${b})` },
  equal: { f: (a: number, b: number) => (a === b ? 1 : 0), wgsl: (a: string, b: string) => `select(0.0, 1.0, ${a} == ${b})` }, // max's derivative
} as const satisfies Partial<Record<OpName, { f: (a: number, b: number) => number; wgsl: (a: string, b: string) => string }>>;

export type UnaryOp = keyof typeof unaryOps;
export type BinaryOp = keyof typeof binaryOps;
export const isUnary = (op: OpName): op is UnaryOp => op in unaryOps;
export const isBinary = (op: OpName): op is BinaryOp => op in binaryOps;
export const isElementwise = (op: OpName) => isUnary(op) || isBinary(op);

/** NumPy broadcasting, aligned on the trailing axes. */
export const broadcastShapes = (a: Shape, b: Shape): Shape => expectShape(broadcastRule(concreteDims, a, b));

/** The axis an op works on: `attrs.axis`, or the last. */
export const axisOf = (attrs: Attrs, rank: number) => attrs.axis ?? rank - 1;

const withAxis = (s: Shape, axis: number, d?: Dim): Shape => [...s.slice(0, axis), ...(d === undefined ? [] : [d]), ...s.slice(axis + 1)];
const inserted = (s: Shape, axis: number, d: Dim): Shape => [...s.slice(0, axis), d, ...s.slice(axis)];

const last = (s: Shape): Dim => s[s.length - 1];

/** The shape rule of each op (scan and its results are shaped where they are built). */
export function inferShape(op: OpName, inputs: Shape[], attrs: Attrs): Shape {
  if (isUnary(op) || op === "dropout") return inputs[0];
  if (isBinary(op)) return broadcastShapes(inputs[0], inputs[1]);
  switch (op) {
    case "matmul":
      return expectShape(matmulRule(concreteDims, inputs[0], inputs[1]));
    case "sum": // [..., n, ...] -> [..., ...]: the axis summed away
    case "max":
      return withAxis(inputs[0], axisOf(attrs, inputs[0].length));
    case "slice": // the axis narrowed to `size` entries from `start`
      return withAxis(inputs[0], axisOf(attrs, inputs[0].length), attrs.size!);
    case "unsqueeze": // a new axis of size 1 at `axis`
      return inserted(inputs[0], attrs.axis!, 1);
    case "concat":
      if (attrs.axis === 0) return [inputs.reduce<number>((n, s) => n + (s[0] as number), 0), ...inputs[0].slice(1)];
      return expectShape(concatRule(concreteDims, inputs));
    case "index":
      return inputs[0].slice(1);
    case "stack":
      return [inputs.length, ...inputs[0]];
    case "matmul_t": // W [N, K], g [..., N] -> [..., K]: the product with W transposed
      return [...inputs[1].slice(0, -1), inputs[0][1]];
    case "outer_sum": // a [..., N], b [..., K] -> [N, K]: sum over the leading axes of a ⊗ b
      return [last(inputs[0]), last(inputs[1])];
    case "pad": // the axis widened to `size`, x placed at `start`, zeros around
      return withAxis(inputs[0], axisOf(attrs, inputs[0].length), attrs.size!);
    case "expand": // a new axis of `size` at `axis` (default: a new last axis), x repeated along it
      return inserted(inputs[0], attrs.axis ?? inputs[0].length, attrs.extent!);
    case "gather": // table [V, E], ids [...] -> [..., E]: the rows of the ids
      return [...inputs[1], inputs[0][1]];
    case "scatter_add": // g [..., E], ids [...] -> [size, E]: each row of g added at its id
      return [attrs.size!, last(inputs[0])];
    case "logsumexp": // [..., V] -> [...]
      return inputs[0].slice(0, -1);
    case "pick": // x [..., V], ids [...] -> [...]: x at each id
      return inputs[1];
    case "unpick": // g [...], ids [...] -> [..., size]: g at each id, zeros elsewhere
      return [...inputs[0], attrs.size!];
    case "mean":
    case "numel": // the number of elements, a number known at run time
      return [];
    default:
      throw new Error(`op ${op} has no shape rule; its builder gives the shape`);
  }
}

// ---- reference semantics -----------------------------------------------------------------

const strides = (shape: number[]) => {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = shape[i] === 1 ? 0 : s; // a size-1 axis broadcasts
    s *= shape[i];
  }
  return out;
};

function broadcastBinary(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = broadcastShapes(a.shape, b.shape) as number[];
  const out = tensor(shape);
  const pad = (s: number[]) => [...new Array(shape.length - s.length).fill(1), ...s];
  const sa = strides(pad(a.shape));
  const sb = strides(pad(b.shape));
  const idx = new Array(shape.length).fill(0);
  for (let i = 0; i < out.data.length; i++) {
    let ia = 0;
    let ib = 0;
    for (let k = 0; k < shape.length; k++) {
      ia += idx[k] * sa[k];
      ib += idx[k] * sb[k];
    }
    out.data[i] = f(a.data[ia], b.data[ib]);
    for (let k = shape.length - 1; k >= 0 && ++idx[k] === shape[k]; k--) idx[k] = 0;
  }
  return out;
}

/** A row-major shape seen as [outer, n, inner] around one axis. */
function around(shape: number[], axis: number) {
  const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return { outer: count(shape.slice(0, axis)), n: shape[axis], inner: count(shape.slice(axis + 1)) };
}

/** Evaluate one op (not scan, whose loop the interpreter runs). */
export function evaluate(node: Node, inputs: Tensor[], shape: number[]): Tensor {
  const { op, attrs } = node;
  if (isUnary(op)) {
    const f = unaryOps[op].f;
    return { shape, data: inputs[0].data.map(f) };
  }
  if (isBinary(op)) return broadcastBinary(inputs[0], inputs[1], binaryOps[op].f);
  switch (op) {
    case "const":
      return { shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(attrs.value!) };
    case "matmul": {
      const [w, x] = inputs;
      const [n, k] = w.shape;
      const rows = x.data.length / k;
      const out = tensor(shape);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < n; j++) {
          let acc = 0;
          for (let q = 0; q < k; q++) acc += w.data[j * k + q] * x.data[r * k + q];
          out.data[r * n + j] = acc;
        }
      return out;
    }
    case "sum":
    case "max": {
      const x = inputs[0];
      const { outer, n, inner } = around(x.shape, axisOf(attrs, x.shape.length));
      const out = tensor(shape);
      for (let o = 0; o < outer; o++)
        for (let i = 0; i < inner; i++) {
          let acc = op === "sum" ? 0 : -Infinity;
          for (let q = 0; q < n; q++) {
            const v = x.data[(o * n + q) * inner + i];
            acc = op === "sum" ? acc + v : Math.max(acc, v);
          }
          out.data[o * inner + i] = acc;
        }
      return out;
    }
    case "slice":
    case "pad": {
      // slice copies entries start.. of x's axis; pad copies x's axis into the result's at start.
      const x = inputs[0];
      const axis = axisOf(attrs, x.shape.length);
      const { outer, inner } = around(x.shape, axis);
      const [from, to] = [x.shape[axis], shape[axis]];
      const width = Math.min(from, to);
      const [readAt, writeAt] = op === "slice" ? [attrs.start!, 0] : [0, attrs.start!];
      const out = tensor(shape);
      for (let o = 0; o < outer; o++)
        for (let j = 0; j < width; j++)
          for (let i = 0; i < inner; i++) out.data[(o * to + writeAt + j) * inner + i] = x.data[(o * from + readAt + j) * inner + i];
      return out;
    }
    case "unsqueeze":
      return { shape, data: inputs[0].data };
    case "concat": {
      if (attrs.axis === 0) {
        const out = tensor(shape);
        let at = 0;
        for (const x of inputs) out.data.set(x.data, at), (at += x.data.length);
        return out;
      }
      const width = shape[shape.length - 1];
      const out = tensor(shape);
      const rows = out.data.length / width;
      let col = 0;
      for (const x of inputs) {
        const k = x.shape[x.shape.length - 1];
        for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) out.data[r * width + col + j] = x.data[r * k + j];
        col += k;
      }
      return out;
    }
    case "index": {
      const n = shape.reduce((a, b) => a * b, 1);
      return { shape, data: inputs[0].data.slice(attrs.index! * n, (attrs.index! + 1) * n) };
    }
    case "stack": {
      const out = tensor(shape);
      inputs.forEach((x, i) => out.data.set(x.data, i * x.data.length));
      return out;
    }
    case "matmul_t": {
      const [w, g] = inputs;
      const [n, k] = w.shape;
      const rows = g.data.length / n;
      const out = tensor(shape);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < n; j++) {
          const gv = g.data[r * n + j];
          for (let q = 0; q < k; q++) out.data[r * k + q] += gv * w.data[j * k + q];
        }
      return out;
    }
    case "outer_sum": {
      const [a, b] = inputs;
      const [n, k] = shape;
      const rows = a.data.length / n;
      const out = tensor(shape);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < n; j++) for (let q = 0; q < k; q++) out.data[j * k + q] += a.data[r * n + j] * b.data[r * k + q];
      return out;
    }
    case "sum_to": {
      // Sum over the axes that broadcasting added or stretched from 1.
      const x = inputs[0];
      const out = tensor(shape);
      const rank = x.shape.length;
      const target = [...new Array(rank - shape.length).fill(1), ...shape];
      const idx = new Array(rank).fill(0);
      for (let i = 0; i < x.data.length; i++) {
        let o = 0;
        for (let d = 0; d < rank; d++) o = o * target[d] + (target[d] === 1 ? 0 : idx[d]);
        out.data[o] += x.data[i];
        for (let d = rank - 1; d >= 0 && ++idx[d] === x.shape[d]; d--) idx[d] = 0;
      }
      return out;
    }
    case "gather": {
      const [table, ids] = inputs;
      const E = table.shape[1];
      const out = tensor(shape);
      ids.data.forEach((id, r) => out.data.set(table.data.subarray(id * E, (id + 1) * E), r * E));
      return out;
    }
    case "scatter_add": {
      const [g, ids] = inputs;
      const E = shape[1];
      const out = tensor(shape);
      ids.data.forEach((id, r) => {
        for (let e = 0; e < E; e++) out.data[id * E + e] += g.data[r * E + e];
      });
      return out;
    }
    case "logsumexp": {
      const x = inputs[0];
      const V = x.shape[x.shape.length - 1];
      const out = tensor(shape);
      for (let r = 0; r < out.data.length; r++) {
        let max = -Infinity;
        for (let j = 0; j < V; j++) max = Math.max(max, x.data[r * V + j]);
        let total = 0;
        for (let j = 0; j < V; j++) total += Math.exp(x.data[r * V + j] - max);
        out.data[r] = max + Math.log(total);
      }
      return out;
    }
    case "pick": {
      const [x, ids] = inputs;
      const V = x.shape[x.shape.length - 1];
      return { shape, data: ids.data.map((id, r) => x.data[r * V + id]) };
    }
    case "unpick": {
      const [g, ids] = inputs;
      const V = attrs.size!;
      const out = tensor(shape);
      ids.data.forEach((id, r) => (out.data[r * V + id] = g.data[r]));
      return out;
    }
    case "mean":
      return tensor([], [inputs[0].data.reduce((a, b) => a + b, 0) / inputs[0].data.length]);
    case "dropout": {
      const [x, seed] = inputs;
      const p = attrs.value!;
      const mixed = mixSeed(seed.data[0], attrs.index!);
      return { shape, data: x.data.map((v, i) => (keepDraw(mixed, i) >= p ? v / (1 - p) : 0)) };
    }
    case "numel":
      return tensor([], [inputs[0].data.length]);
    case "expand": {
      const { outer, n, inner } = around(shape, attrs.axis ?? shape.length - 1);
      const out = tensor(shape);
      for (let o = 0; o < outer; o++) for (let q = 0; q < n; q++) for (let i = 0; i < inner; i++) out.data[(o * n + q) * inner + i] = inputs[0].data[o * inner + i];
      return out;
    }
    default:
      throw new Error(`op ${op} is not evaluated elementwise`);
  }
}
