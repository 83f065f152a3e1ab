// Integer ids (stored as exact floats): embedding rows and the cross-entropy pick, each with
// its scatter as the gradient, the mask of a batch of sequence lengths, positions, and the
// causal mask of self-attention.
import { last, tensor, type OpRow } from "./row.js";

export const languageOps = {
  // table [V, E], ids [...] -> [..., E]: the rows of the ids
  gather: {
    shape: ([table, ids]) => [...ids, table[1]],
    evaluate: ([table, ids], shape) => {
      const E = table.shape[1];
      const out = tensor(shape);
      ids.data.forEach((id, r) => out.data.set(table.data.subarray(id * E, (id + 1) * E), r * E));
      return out;
    },
    vjp: (b, n, g) => [b.op("scatter_add", [g, n.inputs[1]], { size: b.shape(n.inputs[0])[0] as number }), undefined],
  },
  // g [..., E], ids [...] -> [size, E]: each row of g added at its id. Optionally also the
  // ids' segments [size + 1] and order [...] (format/manifest.ts, isDerivedInput), which the
  // runtime makes as it uploads the ids: each row then sums only its own positions. They say
  // nothing the ids do not, so evaluation reads only g and the ids.
  scatter_add: {
    reduction: true,
    shape: ([g], attrs) => [attrs.size!, last(g)],
    evaluate: ([g, ids], shape) => {
      const E = shape[1];
      const out = tensor(shape);
      ids.data.forEach((id, r) => {
        for (let e = 0; e < E; e++) out.data[id * E + e] += g.data[r * E + e];
      });
      return out;
    },
    vjp: (b, n, g) => [b.op("gather", [g, n.inputs[1]]), undefined],
  },
  // x [..., V], ids [...] -> [...]: x at each id
  pick: {
    shape: ([, ids]) => ids,
    evaluate: ([x, ids], shape) => {
      const V = x.shape[x.shape.length - 1];
      return { shape, data: ids.data.map((id, r) => x.data[r * V + id]) };
    },
    vjp: (b, n, g) => {
      const s = b.shape(n.inputs[0]);
      return [b.op("unpick", [g, n.inputs[1]], { size: s[s.length - 1] as number }), undefined];
    },
  },
  // g [...], ids [...] -> [..., size]: g at each id, zeros elsewhere
  unpick: {
    shape: ([g], attrs) => [...g, attrs.size!],
    evaluate: ([g, ids], shape, attrs) => {
      const V = attrs.size!;
      const out = tensor(shape);
      ids.data.forEach((id, r) => (out.data[r * V + id] = g.data[r]));
      return out;
    },
    vjp: (b, n, g) => [b.op("pick", [g, n.inputs[1]]), undefined],
  },
  // lengths [...] -> [extent, ...]: 1 at the steps t < length, 0 past it
  length_mask: {
    shape: ([lengths], attrs) => [attrs.extent!, ...lengths],
    evaluate: ([lengths], shape) => {
      const out = tensor(shape);
      const n = lengths.data.length;
      for (let t = 0; t < shape[0]; t++) lengths.data.forEach((length, i) => (out.data[t * n + i] = t < length ? 1 : 0));
      return out;
    },
    vjp: () => [undefined],
  },
  // ids [T, ...] -> [T, ...]: t at every entry of row t (the ids only give the shape)
  positions: {
    shape: ([ids]) => ids,
    evaluate: ([ids], shape) => {
      const out = tensor(shape);
      const per = ids.data.length / shape[0];
      for (let i = 0; i < out.data.length; i++) out.data[i] = Math.floor(i / per);
      return out;
    },
    vjp: () => [undefined],
  },
  // steps [T, ...] (, offset []) -> [T, extent]: row t is 1 at the positions s <= t + offset,
  // 0 after (what step t may attend to without looking ahead); the steps only give T. The
  // offset (default 0) is the position of step 0 when earlier positions are cached.
  causal_mask: {
    shape: ([steps], attrs) => [steps[0], attrs.extent!],
    evaluate: ([, offset], shape) => {
      const out = tensor(shape);
      const [steps, extent] = shape;
      const first = offset?.data[0] ?? 0;
      for (let t = 0; t < steps; t++) for (let s = 0; s <= t + first && s < extent; s++) out.data[t * extent + s] = 1;
      return out;
    },
    vjp: () => [undefined, undefined],
  },
  // cache [..., C, ...], rows [..., T, ...], offset [] -> the cache with its positions offset to
  // offset + T - 1 along `axis` replaced by the rows (a generation step adding its keys)
  overwrite: {
    shape: ([cache]) => cache,
    evaluate: ([cache, rows, offset], shape, attrs) => {
      const out = tensor(shape, cache.data);
      const axis = attrs.axis!;
      const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      const [C, T, first] = [shape[axis], rows.shape[axis], offset.data[0]];
      for (let i = 0; i < out.data.length; i++) {
        const [outer, c, k] = [Math.floor(i / (C * inner)), Math.floor(i / inner) % C, i % inner];
        if (c >= first && c < first + T) out.data[i] = rows.data[(outer * T + c - first) * inner + k];
      }
      return out;
    },
    vjp: () => [undefined, undefined, undefined],
  },
} satisfies Record<string, OpRow>;
