// Randomness that a backward pass can redraw: dropout keeps x / (1 - p) where a hash of
// (seed, salt, element) draws at least p. The WGSL target computes the same numbers. A
// run-time switch turns it on, so one compiled model both trains (on) and validates (off).
import type { OpRow } from "./row.js";

/** The integer hash behind dropout masks. */
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

export const randomOps = {
  // x, seed [], active [] -> x's shape; `value` is p, `index` the salt. Active (above 0.5):
  // the mask; otherwise x itself. The gradient is the same mask on g.
  dropout: {
    shape: ([x]) => x,
    evaluate: ([x, seed, active], shape, attrs) => {
      if (!(active.data[0] > 0.5)) return { shape, data: x.data.slice() };
      const p = attrs.value!;
      const mixed = mixSeed(seed.data[0], attrs.index!);
      return { shape, data: x.data.map((v, i) => (keepDraw(mixed, i) >= p ? v / (1 - p) : 0)) };
    },
    vjp: (b, n, g) => [b.op("dropout", [g, n.inputs[1], n.inputs[2]], { ...n.attrs }), undefined, undefined],
  },
} satisfies Record<string, OpRow>;
