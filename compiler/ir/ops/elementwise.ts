// Elementwise ops: a formula per element, NumPy broadcasting on trailing axes for two inputs.
// Each row's WGSL is in targets/wgsl/wgslOps.ts, under the same name.
import { broadcastRule, concreteDims, expectShape } from "../shapeRules.js";
import type { Shape } from "../graph.js";
import { tensor, type Grad, type OpRow, type Tensor } from "./row.js";

/** NumPy broadcasting, aligned on the trailing axes. */
export const broadcastShapes = (a: Shape, b: Shape): Shape => expectShape(broadcastRule(concreteDims, a, b));

type UnaryVjp = (b: Grad, x: number, y: number, g: number) => number | undefined;

/** y = f(x); the derivative is written with x, y and the incoming gradient g. */
const unary = (f: (x: number) => number, vjp: UnaryVjp, callable = false): OpRow => ({
  shape: ([x]) => x,
  evaluate: ([x], shape) => ({ shape, data: x.data.map(f) }),
  vjp: (b, n, g) => [vjp(b, n.inputs[0], n.id, g)],
  callable,
});
/** A unary op a .cell file calls by name. */
const callable = (f: (x: number) => number, vjp: UnaryVjp) => unary(f, vjp, true);

const binary = (f: (a: number, b: number) => number, vjp: OpRow["vjp"]): OpRow => ({
  shape: ([a, b]) => broadcastShapes(a, b),
  evaluate: ([a, b]) => broadcastBinary(a, b, f),
  vjp,
});

export const unaryOps = {
  neg: unary((x) => -x, (b, _x, _y, g) => b.op("neg", [g])),
  sigmoid: callable((x) => 1 / (1 + Math.exp(-x)), (b, _x, y, g) => b.op("mul", [g, b.op("mul", [y, b.op("sub", [b.num(1), y])])])),
  tanh: callable(Math.tanh, (b, _x, y, g) => b.op("mul", [g, b.op("sub", [b.num(1), b.op("mul", [y, y])])])),
  relu: callable((x) => Math.max(0, x), (b, x, _y, g) => b.op("mul", [g, b.op("step", [x])])),
  exp: callable(Math.exp, (b, _x, y, g) => b.op("mul", [g, y])),
  log: callable(Math.log, (b, x, _y, g) => b.op("div", [g, x])),
  sqrt: callable(Math.sqrt, (b, _x, y, g) => b.op("div", [g, b.op("mul", [b.num(2), y])])),
  abs: callable(Math.abs, (b, x, _y, g) => b.op("mul", [g, b.op("sign", [x])])),
  // log(1 + e^x), written so e^x never overflows; its derivative is sigmoid(x)
  softplus: callable((x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), (b, x, _y, g) => b.op("mul", [g, b.op("sigmoid", [x])])),
  // the error function; GELU is x Φ(x) = x (1 + erf(x / √2)) / 2. Its derivative is 2/√π e^(-x²)
  erf: callable(erf, (b, x, _y, g) => b.op("mul", [g, b.op("mul", [b.num(2 / Math.sqrt(Math.PI)), b.op("exp", [b.op("neg", [b.op("mul", [x, x])])])])])),
  step: unary((x) => (x > 0 ? 1 : 0), () => undefined), // relu's derivative
  sign: unary(Math.sign, () => undefined), // abs's derivative
};

export const binaryOps = {
  add: binary((a, b) => a + b, (b, n, g) => n.inputs.map((i) => b.unbroadcast(g, b.shape(i)))),
  sub: binary((a, b) => a - b, (b, n, g) => [b.unbroadcast(g, b.shape(n.inputs[0])), b.unbroadcast(b.op("neg", [g]), b.shape(n.inputs[1]))]),
  mul: binary(
    (a, b) => a * b,
    (b, n, g) => {
      const [x, y] = n.inputs;
      return [b.unbroadcast(b.op("mul", [g, y]), b.shape(x)), b.unbroadcast(b.op("mul", [g, x]), b.shape(y))];
    },
  ),
  div: binary(
    (a, b) => a / b,
    (b, n, g) => {
      const [x, y] = n.inputs;
      const gx = b.op("div", [g, y]);
      return [b.unbroadcast(gx, b.shape(x)), b.unbroadcast(b.op("neg", [b.op("mul", [gx, n.id])]), b.shape(y))];
    },
  ),
  equal: binary((a, b) => (a === b ? 1 : 0), () => [undefined, undefined]), // max's derivative
  // x where the mask m is 1, MASKED_SCORE where it is 0: a score softmax gives exactly 0 to,
  // without the infinities WGSL does not promise. No gradient reaches the masked entries or m.
  masked: binary((x, m) => (m > 0.5 ? x : MASKED_SCORE), (b, n, g) => [b.unbroadcast(b.op("mul", [g, n.inputs[1]]), b.shape(n.inputs[0])), undefined]),
  // x where the mask m is 1, exactly 0 where it is 0 (a masked log-probability: a sum over it
  // adds nothing, where a -1e30 would swamp it). No gradient reaches the masked entries or m.
  masked_zero: binary((x, m) => (m > 0.5 ? x : 0), (b, n, g) => [b.unbroadcast(b.op("mul", [g, n.inputs[1]]), b.shape(n.inputs[0])), undefined]),
};

/** A masked score: below any real one, so exp(score - max) is 0 in float32 and float64. */
export const MASKED_SCORE = -1e30;

/** erf to float64 precision: its power series near 0, a continued fraction for erfc beyond. */
function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 2.5) {
    let term = a;
    let total = a;
    for (let n = 1; n < 60 && Math.abs(term) > 1e-17 * Math.abs(total); n++) {
      term *= (-a * a) / n;
      total += term / (2 * n + 1);
    }
    return (Math.sign(x) * 2 * total) / Math.sqrt(Math.PI);
  }
  let k = a;
  for (let n = 80; n >= 1; n--) k = a + n / 2 / k;
  return Math.sign(x) * (1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * k));
}

export type ElementwiseOp = keyof typeof unaryOps | keyof typeof binaryOps;
export const elementwiseOps: Record<ElementwiseOp, OpRow> = { ...unaryOps, ...binaryOps };

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
