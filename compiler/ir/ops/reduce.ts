// Reductions, and the ops that undo them in gradients (expand repeats along an axis; sum_to
// undoes broadcasting). Over one axis (`attrs.axis`, the last when absent) unless said otherwise.
import { around, axisOf, inserted, tensor, withAxis, type OpRow } from "./row.js";

export const reduceOps = {
  // [..., n, ...] -> [..., ...]: the axis summed away
  sum: {
    reduction: true,
    shape: ([x], attrs) => withAxis(x, axisOf(attrs, x.length)),
    evaluate: ([x], shape, attrs) => reduceAxis(x.data, x.shape, shape, axisOf(attrs, x.shape.length), 0, (acc, v) => acc + v),
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      const axis = axisOf(n.attrs, s.length);
      return [b.op("expand", [g], { axis, extent: s[axis] })];
    },
  },
  // amax's gradient: to the entries equal to the maximum, shared evenly among ties
  max: {
    reduction: true,
    shape: ([x], attrs) => withAxis(x, axisOf(attrs, x.length)),
    evaluate: ([x], shape, attrs) => reduceAxis(x.data, x.shape, shape, axisOf(attrs, x.shape.length), -Infinity, Math.max),
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      const axis = axisOf(n.attrs, s.length);
      const spread = (v: number) => b.op("expand", [v], { axis, extent: s[axis] });
      const isMax = b.op("equal", [n.inputs[0], spread(n.id)]);
      const ties = b.op("sum", [isMax], { axis });
      return [b.op("mul", [isMax, spread(b.op("div", [g, ties]))])];
    },
  },
  // a new axis of `extent` at `axis` (default: a new last axis), x repeated along it
  expand: {
    view: true,
    shape: ([x], attrs) => inserted(x, attrs.axis ?? x.length, attrs.extent!),
    evaluate: ([x], shape, attrs) => {
      const { outer, n, inner } = around(shape, attrs.axis ?? shape.length - 1);
      const out = tensor(shape);
      for (let o = 0; o < outer; o++) for (let q = 0; q < n; q++) for (let i = 0; i < inner; i++) out.data[(o * n + q) * inner + i] = x.data[o * inner + i];
      return out;
    },
    vjp: (b, n, g) => [b.op("sum", [g], { axis: n.attrs.axis ?? b.shape(n.id).length - 1 })],
  },
  // Sum over the axes that broadcasting added (leading) or stretched from 1; its builder gives the shape.
  sum_to: {
    reduction: true,
    evaluate: ([x], shape) => {
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
    },
    vjp: (b, n, g) => [b.op("add", [b.zeros(b.shape(n.inputs[0])), g])],
  },
  // [..., V] -> [...]: log Σ exp, stably; its derivative is softmax(x) = exp(x - logsumexp(x))
  logsumexp: {
    reduction: true,
    shape: ([x]) => x.slice(0, -1),
    evaluate: ([x], shape) => {
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
    },
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      const V = s[s.length - 1];
      const softmax = b.op("exp", [b.op("sub", [n.inputs[0], b.op("expand", [n.id], { extent: V })])]);
      return [b.op("mul", [b.op("expand", [g], { extent: V }), softmax])];
    },
  },
  // the mean of every element: a number (a model-level loss)
  mean: {
    reduction: true,
    shape: () => [],
    evaluate: ([x]) => tensor([], [x.data.reduce((a, b) => a + b, 0) / x.data.length]),
    vjp: (b, n, g) => [b.op("div", [b.op("add", [b.zeros(b.shape(n.inputs[0])), g]), b.op("numel", [n.inputs[0]])])],
  },
  // the number of elements, a number known at run time
  numel: {
    shape: () => [],
    evaluate: ([x]) => tensor([], [x.data.length]),
    vjp: () => [undefined],
  },
} satisfies Record<string, OpRow>;

function reduceAxis(data: Float64Array, from: number[], shape: number[], axis: number, start: number, f: (acc: number, v: number) => number) {
  const { outer, n, inner } = around(from, axis);
  const out = tensor(shape);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let acc = start;
      for (let q = 0; q < n; q++) acc = f(acc, data[(o * n + q) * inner + i]);
      out.data[o * inner + i] = acc;
    }
  return out;
}
