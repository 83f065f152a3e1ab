// What `rnnc compile --stats` prints: the device memory a compiled model needs, the workspace
// with its regions shared (the memory planner) beside the same without sharing: in MiB at the
// run-time sizes given (--at T=128 --at B=64), otherwise as formulas in the sizes.
import type { Manifest } from "../../format/manifest.js";
import { evalSize, sizeText, type SizeExpr } from "../../format/sizes.js";

export interface MemoryStats {
  parameters: string;
  workspace: string;
  withoutSharing: string;
  lines: string[];
}

export function memoryStats(shared: Manifest, alone: Manifest, at: Record<string, number>): MemoryStats {
  const known = (e: SizeExpr) => e.every((t) => t.sizes.every((name) => name in at));
  // A formula's terms in one order, whatever the planner's: the constant first, then by degree.
  const ordered = (e: SizeExpr) => [...e].sort((a, b) => a.sizes.length - b.sizes.length || a.sizes.join("*").localeCompare(b.sizes.join("*")));
  const shown = (e: SizeExpr) => (known(e) ? `${((evalSize(e, at) * 4) / 2 ** 20).toFixed(1)} MiB` : `4 bytes × (${sizeText(ordered(e))})`);
  const workSize = (m: Manifest) => m.buffers[1].size;
  const stats = {
    parameters: shown([{ coef: shared.parameterCount, sizes: [] }]),
    workspace: shown(workSize(shared)),
    withoutSharing: shown(workSize(alone)),
  };
  return {
    ...stats,
    lines: [`parameters: ${stats.parameters}`, `workspace: ${stats.workspace} (shared by regions that never live at once, and by a loop's outputs and the inputs they overwrite; ${stats.withoutSharing} without sharing)`],
  };
}
