// The memory planner: workspace regions whose lifetimes do not overlap share space. A region
// lives from the first step that touches it to the last (a loop counts as one step, since its
// body runs at every time step); the model's inputs and outputs live throughout, as the host
// writes and reads them around a run. Sizes are sums of run-time sizes (4·T·B + B), so one
// place is below another only where it is at every T and B: term by term no larger.
// A loop's per-step output may also take the place of a per-step input (inPlace.ts) when the
// input's last step is the loop, the output's first: the two become one region.
import { add, type SizeExpr } from "../../format/sizes.js";

export interface Lifetimes {
  /** Each region's size (index 0, the parameters, is left alone). */
  sizes: SizeExpr[];
  /** The regions each top-level step touches, in order. */
  uses: Set<number>[];
  /** Regions that live throughout (inputs, outputs, gradients). */
  persistent: Set<number>;
  /** Outputs that may be written over inputs, where the input dies with the step that makes the output. */
  inPlace?: { output: number; input: number }[];
}

/** Each region's base in the workspace, and the workspace's size. */
export function packRegions({ sizes, uses, persistent, inPlace = [] }: Lifetimes): { bases: SizeExpr[]; total: SizeExpr } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  uses.forEach((regions, step) => {
    for (const r of regions) {
      if (!first.has(r)) first.set(r, step);
      last.set(r, step);
    }
  });
  const end = uses.length;
  const lifetime = (r: number): [number, number] => (persistent.has(r) || !first.has(r) ? [-1, end] : [first.get(r)!, last.get(r)!]);

  // An output written over its input takes the input's place (or the place the input itself
  // took over): the place lives on until the output's last step. Only where everything in that
  // place dies at the output's first step, and each input takes one output.
  const over = new Map<number, number>(); // output -> the region whose place it takes
  const taken = new Set<number>(); // inputs an output has taken over, and places others share
  for (const { output, input } of inPlace) {
    const place = over.get(input) ?? input;
    const [[, placeEnds], [outputStarts, outputEnds]] = [lifetime(place), lifetime(output)];
    const throughout = [input, output].some((r) => persistent.has(r) || !first.has(r));
    if (throughout || over.has(output) || taken.has(output) || taken.has(input) || placeEnds !== outputStarts || !fits(sizes[output], sizes[place])) continue;
    over.set(output, place);
    taken.add(input).add(place);
    last.set(place, outputEnds);
  }

  // Largest first (greedy by size): each region goes at the lowest offset where it overlaps no
  // region placed so far that lives at the same time: the workspace's start, the end of such a
  // region, or past them all. A region can thus fill a gap between others, not only the whole
  // place of a dead one.
  const bases: SizeExpr[] = sizes.map(() => []);
  const placed: number[] = [];
  let total: SizeExpr = [];
  // The regions that live throughout come first, in the order made (the gradients, made first,
  // start the workspace: the optimizer reads them from byte 0).
  const throughout = (r: number) => lifetime(r)[0] < 0;
  const key = (r: number) => (throughout(r) ? [0, 0, 0, r] : [1, -typical(sizes[r]), lifetime(r)[0], r]);
  const order = sizes.map((_, r) => r).filter((r) => r > 0 && !over.has(r));
  order.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.map((v, i) => v - kb[i]).find((d) => d !== 0) ?? 0;
  });
  const endOf = (r: number) => add(bases[r], sizes[r]);
  for (const r of order) {
    const [from, to] = lifetime(r);
    const neighbours = placed.filter((p) => {
      const [f, t] = lifetime(p);
      return f <= to && t >= from;
    });
    const clear = (base: SizeExpr) => neighbours.every((p) => fits(add(base, sizes[r]), bases[p]) || fits(endOf(p), base));
    // Past every neighbour's end is always clear (ends in other sizes may not compare).
    const past = neighbours.map(endOf).reduce(atLeast, []);
    const candidates = [[], ...neighbours.map(endOf)].filter(clear).concat([past]);
    bases[r] = candidates.sort((a, b) => typical(a) - typical(b))[0];
    placed.push(r);
    total = atLeast(total, endOf(r));
  }
  for (const [output, input] of over) bases[output] = bases[input];
  return { bases, total };
}

/** Whether `inner` is at most `outer` at every size: each of its terms no larger than outer's term of the same sizes. */
function fits(inner: SizeExpr, outer: SizeExpr): boolean {
  const key = (t: SizeExpr[number]) => [...t.sizes].sort().join("*");
  return inner.every((t) => t.coef <= (outer.find((o) => key(o) === key(t))?.coef ?? 0));
}

/** A size's value with every run-time size 64: only to order regions and choose among places. */
const typical = (e: SizeExpr) => e.reduce((n, t) => n + t.coef * 64 ** t.sizes.length, 0);

/** A size at least both `a` and `b` at every size: each term's larger coefficient. */
function atLeast(a: SizeExpr, b: SizeExpr): SizeExpr {
  const key = (t: SizeExpr[number]) => [...t.sizes].sort().join("*");
  const both = [...a, ...b];
  return add(both.filter((t, i) => both.findIndex((u) => key(u) === key(t)) === i).map((t) => ({ ...t, coef: Math.max(...both.filter((u) => key(u) === key(t)).map((u) => u.coef)) })));
}
