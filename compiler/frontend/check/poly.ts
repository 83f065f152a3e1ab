// Symbolic sizes: polynomials with integer coefficients over size names (4*H, I+H, L*D).
// Two shapes agree when their dimensions are equal as polynomials.

export type Poly = ReadonlyMap<string, number>; // monomial ("H", "D*H", "" for constant) -> coefficient

const monomialKey = (symbols: string[]) => [...symbols].sort().join("*");

function normalize(terms: Map<string, number>): Poly {
  for (const [k, v] of terms) if (v === 0) terms.delete(k);
  return terms;
}

export const poly = {
  constant(n: number): Poly {
    return normalize(new Map([["", n]]));
  },
  symbol(name: string): Poly {
    return new Map([[name, 1]]);
  },
  add(a: Poly, b: Poly, sign = 1): Poly {
    const out = new Map(a);
    for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + sign * v);
    return normalize(out);
  },
  sub(a: Poly, b: Poly): Poly {
    return poly.add(a, b, -1);
  },
  mul(a: Poly, b: Poly): Poly {
    const out = new Map<string, number>();
    for (const [ka, va] of a)
      for (const [kb, vb] of b) {
        const key = monomialKey([...(ka ? ka.split("*") : []), ...(kb ? kb.split("*") : [])]);
        out.set(key, (out.get(key) ?? 0) + va * vb);
      }
    return normalize(out);
  },
  equal(a: Poly, b: Poly): boolean {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (b.get(k) !== v) return false;
    return true;
  },
  /** The constant value, or undefined when the polynomial has symbols. */
  asConstant(a: Poly): number | undefined {
    if (a.size === 0) return 0;
    if (a.size === 1 && a.has("")) return a.get("");
    return undefined;
  },
  /** The single symbol name when the polynomial is exactly one symbol. */
  asSymbol(a: Poly): string | undefined {
    if (a.size !== 1) return undefined;
    const [[k, v]] = [...a];
    return v === 1 && k !== "" && !k.includes("*") ? k : undefined;
  },
  symbols(a: Poly): string[] {
    const out = new Set<string>();
    for (const k of a.keys()) if (k) for (const s of k.split("*")) out.add(s);
    return [...out];
  },
  /** Replace symbols by polynomials (used to bind a cell's own sizes at a call). */
  substitute(a: Poly, binding: ReadonlyMap<string, Poly>): Poly {
    let out: Poly = new Map();
    for (const [k, v] of a) {
      let term: Poly = poly.constant(v);
      for (const s of k ? k.split("*") : []) term = poly.mul(term, binding.get(s) ?? poly.symbol(s));
      out = poly.add(out, term);
    }
    return out;
  },
  toString(a: Poly): string {
    if (a.size === 0) return "0";
    const parts = [...a]
      .sort(([ka], [kb]) => (ka === "" ? 1 : kb === "" ? -1 : ka.localeCompare(kb)))
      .map(([k, v]) => (k === "" ? String(v) : v === 1 ? k : v === -1 ? `-${k}` : `${v}*${k}`));
    return parts.join(" + ").replace(/\+ -/g, "- ");
  },
};

export const shapeToString = (shape: readonly Poly[]) => `[${shape.map(poly.toString).join(", ")}]`;
