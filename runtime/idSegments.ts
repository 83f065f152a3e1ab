// The inputs the runtime makes from an ids input as it uploads it (format/manifest.ts,
// isDerivedInput): the positions sorted by id, stably, and where each id's run of positions
// starts. A counting sort: one pass to count, one to place.

/** `rows`: the table's rows (every id below it). Positions and starts are exact as floats below 2^24. */
export function idSegments(ids: ArrayLike<number>, rows: number): { segments: Float32Array; order: Float32Array } {
  const segments = new Float32Array(rows + 1);
  for (let r = 0; r < ids.length; r++) segments[ids[r] + 1]++;
  for (let v = 0; v < rows; v++) segments[v + 1] += segments[v];
  const next = segments.slice(0, rows);
  const order = new Float32Array(ids.length);
  for (let r = 0; r < ids.length; r++) order[next[ids[r]]++] = r;
  return { segments, order };
}
