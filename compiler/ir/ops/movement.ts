// Ops that move values without arithmetic: slices and pads (each the other's gradient),
// concatenation, stacking and indexing the leading axis, and a new axis of size 1.
import { concatRule, concreteDims, expectShape } from "../shapeRules.js";
import { around, axisOf, inserted, tensor, withAxis, type OpRow, type Tensor } from "./row.js";
import type { Attrs } from "../graph.js";

/** slice copies entries start.. of x's axis; pad copies x's axis into the result's at start. */
function copyAlong(x: Tensor, shape: number[], attrs: Attrs, slicing: boolean): Tensor {
  const axis = axisOf(attrs, x.shape.length);
  const { outer, inner } = around(x.shape, axis);
  const [from, to] = [x.shape[axis], shape[axis]];
  const width = Math.min(from, to);
  const [readAt, writeAt] = slicing ? [attrs.start!, 0] : [0, attrs.start!];
  const out = tensor(shape);
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < width; j++)
      for (let i = 0; i < inner; i++) out.data[(o * to + writeAt + j) * inner + i] = x.data[(o * from + readAt + j) * inner + i];
  return out;
}

export const movementOps = {
  // the axis narrowed to `size` entries from `start`
  slice: {
    view: true,
    shape: ([x], attrs) => withAxis(x, axisOf(attrs, x.length), attrs.size!),
    evaluate: ([x], shape, attrs) => copyAlong(x, shape, attrs, true),
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      return [b.op("pad", [g], { axis: n.attrs.axis, start: n.attrs.start, size: s[axisOf(n.attrs, s.length)] as number })];
    },
  },
  // the axis widened to `size`, x placed at `start`, zeros around
  pad: {
    shape: ([x], attrs) => withAxis(x, axisOf(attrs, x.length), attrs.size!),
    evaluate: ([x], shape, attrs) => copyAlong(x, shape, attrs, false),
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      return [b.op("slice", [g], { axis: n.attrs.axis, start: n.attrs.start, size: s[axisOf(n.attrs, s.length)] as number })];
    },
  },
  // along the last axis (or the first, axis 0, as gate fusion stacks weights)
  concat: {
    shape: (inputs, attrs) =>
      attrs.axis === 0 ? [inputs.reduce<number>((n, s) => n + (s[0] as number), 0), ...inputs[0].slice(1)] : expectShape(concatRule(concreteDims, inputs)),
    evaluate: (inputs, shape, attrs) => {
      const out = tensor(shape);
      if (attrs.axis === 0) {
        let at = 0;
        for (const x of inputs) out.data.set(x.data, at), (at += x.data.length);
        return out;
      }
      const width = shape[shape.length - 1];
      const rows = out.data.length / width;
      let col = 0;
      for (const x of inputs) {
        const k = x.shape[x.shape.length - 1];
        for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) out.data[r * width + col + j] = x.data[r * k + j];
        col += k;
      }
      return out;
    },
    vjp: (b, n, g) => {
      if (n.attrs.axis === 0) throw new Error("gradients of a first-axis concat are not supported; differentiate before gate fusion");
      let start = 0;
      return n.inputs.map((i) => {
        const s = b.shape(i);
        const width = s[s.length - 1] as number;
        const part = b.op("slice", [g], { start, size: width });
        start += width;
        return part;
      });
    },
  },
  // entry `index` of the leading axis
  index: {
    view: true,
    shape: ([x]) => x.slice(1),
    evaluate: ([x], shape, attrs) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return { shape, data: x.data.slice(attrs.index! * n, (attrs.index! + 1) * n) };
    },
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      const parts = Array.from({ length: s[0] as number }, (_, i) => (i === n.attrs.index ? g : b.zeros(n.shape)));
      return [b.op("stack", parts)];
    },
  },
  // the inputs as entries of a new leading axis
  stack: {
    shape: (inputs) => [inputs.length, ...inputs[0]],
    evaluate: (inputs, shape) => {
      const out = tensor(shape);
      inputs.forEach((x, i) => out.data.set(x.data, i * x.data.length));
      return out;
    },
    vjp: (b, n, g) => n.inputs.map((_, i) => b.op("index", [g], { index: i })),
  },
  // the first two axes swapped: [S, B, ...] -> [B, S, ...] (a sequence read whole by a cell); its own gradient
  transpose: {
    view: true,
    shape: ([x]) => [x[1], x[0], ...x.slice(2)],
    evaluate: ([x], shape) => {
      const [rows, cols] = x.shape;
      const inner = x.data.length / (rows * cols);
      const out = tensor(shape);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data.set(x.data.subarray((i * cols + j) * inner, (i * cols + j + 1) * inner), (j * rows + i) * inner);
      return out;
    },
    vjp: (b, n, g) => [b.op("transpose", [g])],
  },
  // a new axis of size 1 at `axis`; summing it away is the gradient
  unsqueeze: {
    view: true,
    shape: ([x], attrs) => inserted(x, attrs.axis!, 1),
    evaluate: ([x], shape) => ({ shape, data: x.data }),
    vjp: (b, n, g) => [b.op("sum", [g], { axis: n.attrs.axis })],
  },
} satisfies Record<string, OpRow>;
