// Size expressions and dimensions as WGSL u32 text; run-time sizes are read from the uniform `sizes`.
import type { SizeExpr } from "../../../format/sizes.js";
import type { Dim } from "../../ir/graph.js";

/** WGSL u32 expression; run-time sizes are read from the uniform `sizes`. */
export function wgslSize(e: SizeExpr): string {
  if (e.length === 0) return "0u";
  return e
    .map((t) => [...(t.coef !== 1 || t.sizes.length === 0 ? [`${t.coef}u`] : []), ...t.sizes.map((s) => `sizes.${s}`)].join(" * "))
    .join(" + ");
}

export const wgslDim = (d: Dim) => (typeof d === "number" ? `${d}u` : `sizes.${d}`);
