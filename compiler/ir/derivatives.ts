// The vector-Jacobian product of each op: given the gradient g of a node's value, the
// gradient contribution to each of its inputs (undefined: none). One row per op, built from
// IR ops, so gradients compile to WGSL like everything else. `scan` is handled by autodiff.
import type { GraphBuilder } from "./builder.js";
import type { Node, OpName, Shape } from "./graph.js";
import { axisOf } from "./ops.js";

type Rule = (b: Grad, node: Node, g: number) => (number | undefined)[];

/** IR-building helpers for the rules. */
export class Grad {
  constructor(readonly b: GraphBuilder) {}
  op = (op: OpName, inputs: number[], attrs = {}) => this.b.add(op, inputs, attrs);
  num = (v: number) => this.b.add("const", [], { value: v }, []);
  zeros = (shape: Shape) => this.b.add("const", [], { value: 0 }, shape);
  /** Undo broadcasting: sum g down to `shape`. */
  unbroadcast = (g: number, shape: Shape) => (this.b.shape(g).join() === shape.join() ? g : this.b.add("sum_to", [g], {}, shape));
}

const unary = (f: (b: Grad, x: number, y: number, g: number) => number): Rule => (b, n, g) => [f(b, n.inputs[0], n.id, g)];
const shapeOf = (b: Grad, id: number) => b.b.shape(id);

export const derivatives: Partial<Record<OpName, Rule>> = {
  neg: unary((b, _x, _y, g) => b.op("neg", [g])),
  sigmoid: unary((b, _x, y, g) => b.op("mul", [g, b.op("mul", [y, b.op("sub", [b.num(1), y])])])),
  tanh: unary((b, _x, y, g) => b.op("mul", [g, b.op("sub", [b.num(1), b.op("mul", [y, y])])])),
  relu: unary((b, x, _y, g) => b.op("mul", [g, b.op("step", [x])])),
  exp: unary((b, _x, y, g) => b.op("mul", [g, y])),
  log: unary((b, x, _y, g) => b.op("div", [g, x])),
  sqrt: unary((b, _x, y, g) => b.op("div", [g, b.op("mul", [b.num(2), y])])),
  abs: unary((b, x, _y, g) => b.op("mul", [g, b.op("sign", [x])])),
  step: () => [undefined],
  sign: () => [undefined],
  add: (b, n, g) => n.inputs.map((i) => b.unbroadcast(g, shapeOf(b, i))),
  sub: (b, n, g) => [b.unbroadcast(g, shapeOf(b, n.inputs[0])), b.unbroadcast(b.op("neg", [g]), shapeOf(b, n.inputs[1]))],
  mul: (b, n, g) => {
    const [x, y] = n.inputs;
    return [b.unbroadcast(b.op("mul", [g, y]), shapeOf(b, x)), b.unbroadcast(b.op("mul", [g, x]), shapeOf(b, y))];
  },
  div: (b, n, g) => {
    const [x, y] = n.inputs;
    const gx = b.op("div", [g, y]);
    return [b.unbroadcast(gx, shapeOf(b, x)), b.unbroadcast(b.op("neg", [b.op("mul", [gx, n.id])]), shapeOf(b, y))];
  },
  // y = x Wᵀ: dW = Σ g ⊗ x over the leading axes, dx = g W
  matmul: (b, n, g) => [b.op("outer_sum", [g, n.inputs[1]]), b.op("matmul_t", [n.inputs[0], g])],
  // y = v W: dW = Σ v ⊗ g, dv = g Wᵀ
  matmul_t: (b, n, g) => [b.op("outer_sum", [n.inputs[1], g]), b.op("matmul", [n.inputs[0], g])],
  // y = Σ a ⊗ b: da = b gᵀ, db = a g
  outer_sum: (b, n, g) => [b.op("matmul", [g, n.inputs[1]]), b.op("matmul_t", [g, n.inputs[0]])],
  sum: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    const axis = axisOf(n.attrs, s.length);
    return [b.op("expand", [g], { axis, extent: s[axis] })];
  },
  // amax's rule: the gradient goes to the entries equal to the maximum, shared evenly among ties
  max: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    const axis = axisOf(n.attrs, s.length);
    const spread = (v: number) => b.op("expand", [v], { axis, extent: s[axis] });
    const isMax = b.op("equal", [n.inputs[0], spread(n.id)]);
    const ties = b.op("sum", [isMax], { axis });
    return [b.op("mul", [isMax, spread(b.op("div", [g, ties]))])];
  },
  expand: (b, n, g) => [b.op("sum", [g], { axis: n.attrs.axis ?? shapeOf(b, n.id).length - 1 })],
  unsqueeze: (b, n, g) => [b.op("sum", [g], { axis: n.attrs.axis })], // summing an axis of size 1 removes it
  equal: () => [undefined, undefined],
  sum_to: (b, n, g) => [b.op("add", [b.zeros(shapeOf(b, n.inputs[0])), g])],
  slice: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    const axis = axisOf(n.attrs, s.length);
    return [b.op("pad", [g], { axis: n.attrs.axis, start: n.attrs.start, size: s[axis] })];
  },
  pad: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    const axis = axisOf(n.attrs, s.length);
    return [b.op("slice", [g], { axis: n.attrs.axis, start: n.attrs.start, size: s[axis] })];
  },
  concat: (b, n, g) => {
    if (n.attrs.axis === 0) throw new Error("gradients of a first-axis concat are not supported; differentiate before gate fusion");
    let start = 0;
    return n.inputs.map((i) => {
      const s = shapeOf(b, i);
      const width = s[s.length - 1] as number;
      const part = b.op("slice", [g], { start, size: width });
      start += width;
      return part;
    });
  },
  index: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    const parts = Array.from({ length: s[0] as number }, (_, i) => (i === n.attrs.index ? g : b.zeros(n.shape)));
    return [b.op("stack", parts)];
  },
  stack: (b, n, g) => n.inputs.map((_, i) => b.op("index", [g], { index: i })),
  const: () => [],
  gather: (b, n, g) => [b.b.add("scatter_add", [g, n.inputs[1]], { size: shapeOf(b, n.inputs[0])[0] as number }), undefined],
  scatter_add: (b, n, g) => [b.op("gather", [g, n.inputs[1]]), undefined],
  // d logsumexp(x) = softmax(x) = exp(x - logsumexp(x))
  logsumexp: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    const V = s[s.length - 1];
    const softmax = b.op("exp", [b.op("sub", [n.inputs[0], b.op("expand", [n.id], { extent: V })])]);
    return [b.op("mul", [b.op("expand", [g], { extent: V }), softmax])];
  },
  pick: (b, n, g) => {
    const s = shapeOf(b, n.inputs[0]);
    return [b.op("unpick", [g, n.inputs[1]], { size: s[s.length - 1] }), undefined];
  },
  unpick: (b, n, g) => [b.op("pick", [g, n.inputs[1]]), undefined],
  mean: (b, n, g) => [b.op("div", [b.op("add", [b.zeros(shapeOf(b, n.inputs[0])), g]), b.op("numel", [n.inputs[0]])])],
  numel: () => [undefined],
  dropout: (b, n, g) => [b.b.add("dropout", [g, n.inputs[1]], { ...n.attrs }), undefined],
};
