// Arithmetic on size expressions (sums of coefficient x run-time sizes), and their WGSL text.
import type { SizeExpr } from "../../runtime/manifest.js";
import type { Dim } from "../ir/graph.js";

export const constant = (n: number): SizeExpr => (n === 0 ? [] : [{ coef: n, sizes: [] }]);

export function product(dims: Dim[]): SizeExpr {
  let coef = 1;
  const sizes: string[] = [];
  for (const d of dims) typeof d === "number" ? (coef *= d) : sizes.push(d);
  return simplify([{ coef, sizes }]);
}

export function add(...exprs: SizeExpr[]): SizeExpr {
  return simplify(exprs.flat());
}

export function times(a: SizeExpr, b: SizeExpr): SizeExpr {
  return simplify(a.flatMap((x) => b.map((y) => ({ coef: x.coef * y.coef, sizes: [...x.sizes, ...y.sizes] }))));
}

function simplify(terms: SizeExpr): SizeExpr {
  const merged = new Map<string, { coef: number; sizes: string[] }>();
  for (const t of terms) {
    const sizes = [...t.sizes].sort();
    const key = sizes.join("*");
    const m = merged.get(key);
    if (m) m.coef += t.coef;
    else merged.set(key, { coef: t.coef, sizes });
  }
  return [...merged.values()].filter((t) => t.coef !== 0);
}

/** WGSL u32 expression; run-time sizes are read from the uniform `sizes`. */
export function wgslSize(e: SizeExpr): string {
  if (e.length === 0) return "0u";
  return e
    .map((t) => [...(t.coef !== 1 || t.sizes.length === 0 ? [`${t.coef}u`] : []), ...t.sizes.map((s) => `sizes.${s}`)].join(" * "))
    .join(" + ");
}

export const wgslDim = (d: Dim) => (typeof d === "number" ? `${d}u` : `sizes.${d}`);
