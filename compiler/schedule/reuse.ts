// The memory planner: workspace regions whose lifetimes do not overlap share space. A region
// lives from the first step that touches it to the last (a loop counts as one step, since its
// body runs at every time step); the model's inputs and outputs live throughout, as the host
// writes and reads them around a run. Sizes are sums of run-time sizes (4·T·B + B), so a region
// takes over a dead one's space only where it fits at every T and B: term by term no larger.
import { add, type SizeExpr } from "../../format/sizes.js";

export interface Lifetimes {
  /** Each region's size (index 0, the parameters, is left alone). */
  sizes: SizeExpr[];
  /** The regions each top-level step touches, in order. */
  uses: Set<number>[];
  /** Regions that live throughout (inputs, outputs, gradients). */
  persistent: Set<number>;
}

/** Each region's base in the workspace, and the workspace's size. */
export function packRegions({ sizes, uses, persistent }: Lifetimes): { bases: SizeExpr[]; total: SizeExpr } {
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

  // Largest first (greedy by size): each region joins the slot with the least room to spare
  // among those it fits in and whose regions all live at other times, or opens a slot.
  const slots: { base: SizeExpr; size: SizeExpr; busy: [number, number][] }[] = [];
  const bases: SizeExpr[] = sizes.map(() => []);
  let total: SizeExpr = [];
  // The regions that live throughout come first, in the order made (the gradients, made first,
  // start the workspace: the optimizer reads them from byte 0).
  const throughout = (r: number) => lifetime(r)[0] < 0;
  const key = (r: number) => (throughout(r) ? [0, 0, 0, r] : [1, -typical(sizes[r]), lifetime(r)[0], r]);
  const order = sizes.map((_, r) => r).filter((r) => r > 0);
  order.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.map((v, i) => v - kb[i]).find((d) => d !== 0) ?? 0;
  });
  for (const r of order) {
    const [from, to] = lifetime(r);
    const free = slots.filter((s) => fits(sizes[r], s.size) && s.busy.every(([f, t]) => t < from || f > to));
    const slot = free.sort((a, b) => spare(a.size, sizes[r]) - spare(b.size, sizes[r]))[0];
    if (slot) {
      bases[r] = slot.base;
      slot.busy.push([from, to]);
      continue;
    }
    bases[r] = total;
    slots.push({ base: total, size: sizes[r], busy: [[from, to]] });
    total = add(total, sizes[r]);
  }
  return { bases, total };
}

/** Whether `inner` is at most `outer` at every size: each of its terms no larger than outer's term of the same sizes. */
function fits(inner: SizeExpr, outer: SizeExpr): boolean {
  const key = (t: SizeExpr[number]) => [...t.sizes].sort().join("*");
  return inner.every((t) => t.coef <= (outer.find((o) => key(o) === key(t))?.coef ?? 0));
}

/** A size's value with every run-time size 64: only to order regions largest first. */
const typical = (e: SizeExpr) => e.reduce((n, t) => n + t.coef * 64 ** t.sizes.length, 0);

/** A rough measure of the room left over: the coefficients outer has beyond inner. */
function spare(outer: SizeExpr, inner: SizeExpr): number {
  return outer.reduce((n, t) => n + t.coef, 0) - inner.reduce((n, t) => n + t.coef, 0);
}
