// Size expressions: sums of terms, each a coefficient times run-time sizes (4*T*B + B). The
// compiler builds them for buffer sizes, offsets and loop counts; the runtime evaluates them.
/** A size expression: a sum of terms, each a coefficient times run-time sizes (e.g. 4*T*B + B). */
export type SizeExpr = { coef: number; sizes: string[] }[];

export function evalSize(expr: SizeExpr, sizes: Record<string, number>): number {
  let total = 0;
  for (const term of expr) total += term.sizes.reduce((p, s) => p * sizeOf(sizes, s), term.coef);
  return total;
}

function sizeOf(sizes: Record<string, number>, name: string): number {
  const v = sizes[name];
  if (v === undefined) throw new Error(`size ${name} is not known: give an input whose shape sets it`);
  return v;
}

/** As text: 4*T*B + B. */
export const sizeText = (e: SizeExpr): string => e.map((t) => [...(t.coef !== 1 || !t.sizes.length ? [t.coef] : []), ...t.sizes].join("*")).join(" + ") || "0";

export const constant = (n: number): SizeExpr => (n === 0 ? [] : [{ coef: n, sizes: [] }]);

/** The value of a size that names no size (known at compile time), else undefined. */
export const fixedValue = (e: SizeExpr): number | undefined => (e.every((t) => t.sizes.length === 0) ? e.reduce((n, t) => n + t.coef, 0) : undefined);

export function product(dims: (number | string)[]): SizeExpr {
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

/**
 * The run-time sizes (T, B) that tensors given for these specs set: each given shape must match
 * its spec's, and every size must be the same wherever it appears. `shapeOf` is undefined for a
 * tensor not given; a mismatch is thrown as `fail(message)`.
 */
export function bindShapes(
  specs: { name: string; shape: (number | string)[] }[],
  shapeOf: (name: string) => number[] | undefined,
  fail: (message: string) => Error,
): Record<string, number> {
  const sizes: Record<string, number> = Object.create(null); // a size may be named `constructor`
  for (const spec of specs) {
    const shape = shapeOf(spec.name);
    if (!shape) continue;
    const bad = () => fail(`input '${spec.name}' must be [${spec.shape}] but is [${shape}]`);
    if (shape.length !== spec.shape.length) throw bad();
    spec.shape.forEach((d, i) => {
      if (typeof d === "number") {
        if (shape[i] !== d) throw bad();
      } else if (sizes[d] === undefined) sizes[d] = shape[i];
      else if (sizes[d] !== shape[i]) throw fail(`input '${spec.name}' has ${d} = ${shape[i]} but an earlier input has ${d} = ${sizes[d]}`);
    });
  }
  return sizes;
}
