// Memory: the parameter layout and the workspace's regions. Two physical buffers, all
// parameters and one workspace holding every other tensor in a region of its own, so a kernel
// binds at most two storage buffers however many tensors it reads. Regions are laid out one
// after another, then the memory planner (reuse.ts) lets those that never live at once share.
import type { BufferSpec, SizeExpr } from "../../format/manifest.js";
import { add, product } from "../../format/sizes.js";
import type { Shape } from "../ir/graph.js";
import { plainName } from "../ir/names.js";

export const PARAMS = 0; // the parameter buffer, and region 0
export const WORK = 1; // the workspace buffer

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
    const size = add(product(shape), extra);
    this.regions.push({ name: unique, base: this.buffers[WORK].size });
    this.sizes.push(size);
    this.buffers[WORK].size = add(this.buffers[WORK].size, size);
    return this.regions.length - 1;
  }

  /** Give a region a new size (before the planner lays the regions out). */
  resize(region: number, size: SizeExpr) {
    this.sizes[region] = size;
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
