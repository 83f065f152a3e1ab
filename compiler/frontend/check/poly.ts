// Symbolic sizes for the checker: polynomials with integer coefficients over size names
// (4*H, I+H, L*D). They are the size expressions of format/sizes.ts, whose arithmetic this
// uses; here are the checker's extra questions (equality, a lone symbol, substitution, text).
// Two shapes agree when their dimensions are equal as polynomials.
import { add, constant, fixedValue, product, times, type SizeExpr } from "../../../format/sizes.js";

export type Poly = SizeExpr;

/** The polynomial as monomial ("D*H", "" for the constant) -> coefficient. */
const terms = (a: Poly) => new Map(a.map((t) => [[...t.sizes].sort().join("*"), t.coef]));

export const poly = {
  constant: (n: number): Poly => constant(n),
  symbol: (name: string): Poly => product([name]),
  add: (a: Poly, b: Poly): Poly => add(a, b),
  sub: (a: Poly, b: Poly): Poly => add(a, times(constant(-1), b)),
  mul: (a: Poly, b: Poly): Poly => times(a, b),
  equal(a: Poly, b: Poly): boolean {
    const [ta, tb] = [terms(a), terms(b)];
    return ta.size === tb.size && [...ta].every(([k, v]) => tb.get(k) === v);
  },
  /** The constant value, or undefined when the polynomial has symbols. */
  asConstant: (a: Poly): number | undefined => fixedValue(a),
  /** The single symbol name when the polynomial is exactly one symbol. */
  asSymbol(a: Poly): string | undefined {
    return a.length === 1 && a[0].coef === 1 && a[0].sizes.length === 1 ? a[0].sizes[0] : undefined;
  },
  /** Replace symbols by polynomials (used to bind a cell's own sizes at a call). */
  substitute(a: Poly, binding: ReadonlyMap<string, Poly>): Poly {
    return add(...a.map((t) => t.sizes.reduce((term, s) => times(term, binding.get(s) ?? product([s])), constant(t.coef))));
  },
  /** a / d when d is one term (3, N, 2*N) dividing every term of a exactly (N*D / N = D), else undefined. */
  divide(a: Poly, d: Poly): Poly | undefined {
    if (d.length !== 1) return undefined;
    const [{ coef, sizes }] = d;
    const out: Poly = [];
    for (const t of a) {
      const rest = [...t.sizes];
      for (const s of sizes) {
        const k = rest.indexOf(s);
        if (k < 0) return undefined;
        rest.splice(k, 1);
      }
      if (t.coef % coef !== 0) return undefined;
      out.push({ coef: t.coef / coef, sizes: rest });
    }
    return out;
  },
  /** True when the polynomial is negative for every choice of positive sizes. */
  definitelyNegative: (a: Poly): boolean => a.length > 0 && a.every((t) => t.coef < 0),
  toString(a: Poly): string {
    if (a.length === 0) return "0";
    const parts = [...terms(a)]
      .sort(([ka], [kb]) => (ka === "" ? 1 : kb === "" ? -1 : ka.localeCompare(kb)))
      .map(([k, v]) => (k === "" ? String(v) : v === 1 ? k : v === -1 ? `-${k}` : `${v}*${k}`));
    return parts.join(" + ").replace(/\+ -/g, "- ");
  },
};

export const shapeToString = (shape: readonly Poly[]) => `[${shape.map(poly.toString).join(", ")}]`;
