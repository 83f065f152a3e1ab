// Memory: the parameter layout and the workspace's regions. Two physical buffers, all
// parameters and one workspace holding every other tensor in a region of its own, so a kernel
// binds at most two storage buffers however many tensors it reads.
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

  /** A new region of the workspace for a tensor of `shape` (plus `extra` elements), named uniquely after `name`. */
  region(name: string, shape: Shape, extra: SizeExpr = []): number {
    let unique = plainName(name);
    while (this.regions.some((b) => b.name === unique)) unique += "_";
    this.regions.push({ name: unique, base: this.buffers[WORK].size });
    this.buffers[WORK].size = add(this.buffers[WORK].size, product(shape), extra);
    return this.regions.length - 1;
  }

  name(region: number): string {
    return this.regions[region].name;
  }

  /** The physical buffer and element offset of `offset` inside a region. */
  physical(region: number, offset: SizeExpr): { buffer: number; offset: SizeExpr } {
    return region === PARAMS ? { buffer: PARAMS, offset } : { buffer: WORK, offset: add(this.regions[region].base, offset) };
  }
}
