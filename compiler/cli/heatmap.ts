// An attention heatmap as a standalone SVG: the source characters along the top, the decoded
// characters down the side, each cell shaded by the weight the decoder gave that source
// character while emitting that output character.

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Spaces and control characters drawn so they can be seen. */
const visible = (c: string) => (c === " " ? "␣" : c.replace(/[\x00-\x1f]/g, "·"));

export function attentionHeatmap(source: string[], output: string[], weights: number[][]): string {
  const cell = 22;
  const left = 40;
  const top = 40;
  const width = left + cell * source.length + 10;
  const height = top + cell * output.length + 10;
  const text = (x: number, y: number, c: string) => `<text x="${x}" y="${y}" text-anchor="middle" font-family="monospace" font-size="14">${escape(visible(c))}</text>`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...source.map((c, j) => text(left + cell * j + cell / 2, top - 10, c)),
    ...output.map((c, i) => text(left / 2, top + cell * i + cell / 2 + 5, c)),
  ];
  weights.slice(0, output.length).forEach((row, i) =>
    row.slice(0, source.length).forEach((w, j) => {
      const shade = Math.round(255 * (1 - Math.max(0, Math.min(1, w))));
      parts.push(`<rect x="${left + cell * j}" y="${top + cell * i}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)"><title>${escape(visible(output[i]))} ← ${escape(visible(source[j]))}: ${w.toFixed(3)}</title></rect>`);
    }),
  );
  parts.push("</svg>", "");
  return parts.join("\n");
}
