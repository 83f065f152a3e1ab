// Size fields as the user types them: "H=32 E=16 L=1" (spaces or commas between) -> { H: 32, E: 16, L: 1 }.

export class SizesError extends Error {}

export function parseSizes(text: string, field: string): Record<string, number> {
  const sizes: Record<string, number> = Object.create(null); // a size may be named __proto__
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\d+)$/.exec(item);
    if (!m) throw new SizesError(`${field}: '${item}' is not NAME=number (e.g. H=32)`);
    if (Object.hasOwn(sizes, m[1])) throw new SizesError(`${field}: ${m[1]} is given twice`);
    sizes[m[1]] = Number(m[2]);
  }
  return sizes;
}
