// Memory: the parameter layout and the workspace's regions. Two physical buffers, all
// parameters and one workspace holding every other tensor in a region of its own, so a kernel
// binds at most two storage buffers however many tensors it reads. Regions are laid out one
// after another, then the memory planner (reuse.ts) lets those that never live at once share.
// Every region starts on a whole vec4 (ALIGN floats), so product kernels may read four at a time.
import type { BufferSpec, SizeExpr } from "../../format/manifest.js";
import { add, product } from "../../format/sizes.js";
import type { Shape } from "../ir/graph.js";
import { plainName } from "../ir/names.js";

export const PARAMS = 0; // the parameter buffer, and region 0
export const WORK = 1; // the workspace buffer
/** Regions and parameters start at multiples of this many floats: one vec4. */
export const ALIGN = 4;

/** `n` rounded up to a multiple of ALIGN. */
export const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** Whether an element offset is a multiple of ALIGN at every size: each term's coefficient is. */
export const isAligned = (e: SizeExpr) => e.every((t) => t.coef % ALIGN === 0);

/** A size rounded up, term by term, so that it is a multiple of ALIGN at every size. */
const alignSize = (e: SizeExpr): SizeExpr => e.map((t) => ({ ...t, coef: alignUp(t.coef) }));

export class Memory {
  readonly buffers: BufferSpec[] = [{ name: "params", size: [] }, { name: "work", size: [] }];
  /** Region 0 is the parameter buffer; every other region is a part of the workspace. */
  readonly regions: { name: string; base: SizeExpr }[] = [{ name: "params", base: [] }];
  /** Each region's size, in floats (the parameters' left empty). */
  readonly sizes: SizeExpr[] = [[]];

  /** A new region of the workspace for a tensor of `shape` (plus `extra` elements), named uniquely after `name`. */
  region(name: string, shape: Shape, extra: SizeExpr = []): number {
    let unique = plainName(name);
    while (this.regions.some((b) => b.name === unique)) unique += "_";
    const size = alignSize(add(product(shape), extra));
    this.regions.push({ name: unique, base: this.buffers[WORK].size });
    this.sizes.push(size);
    this.buffers[WORK].size = add(this.buffers[WORK].size, size);
    return this.regions.length - 1;
  }

  /** Give a region a new size (before the planner lays the regions out). */
  resize(region: number, size: SizeExpr) {
    this.sizes[region] = alignSize(size);
  }

  /** Move the regions to new bases (the memory planner's, reuse.ts) in a workspace of `total` floats. */
  rebase(bases: SizeExpr[], total: SizeExpr) {
    bases.forEach((base, r) => r !== PARAMS && (this.regions[r].base = base));
    this.buffers[WORK].size = total;
  }

  name(region: number): string {
    return this.regions[region].name;
  }

  /** The physical buffer and element offset of `offset` inside a region. */
  physical(region: number, offset: SizeExpr): { buffer: number; offset: SizeExpr } {
    return region === PARAMS ? { buffer: PARAMS, offset } : { buffer: WORK, offset: add(this.regions[region].base, offset) };
  }
}
