// The latency half of the RNN-versus-transformer comparison: batch-1 generation on the GPU
// (runtime/generation.ts) from the char-LSTM and the char transformer at matched sizes, 2048
// tokens from a one-character prompt, timing every block of tokens; the time per token against
// the position in one SVG, tokens/s at contexts 128, 512, 1024 and 2048 and dispatches per
// token in a Markdown table. The weights are random: the time does not depend on them. The
// transformer's position table is set to 2048 rows (P=2048) so that its context can reach it.
// Run `npm run build` first (npm run compare:latency does).
//
//   node scripts/compare-latency.mjs [--tokens N] [--block N] [--rounds N] [--svg FILE]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../dist/compiler/compile.js";
import { acquireDevice } from "../dist/runtime/device.js";
import { generate } from "../dist/runtime/generation.js";
import { Model } from "../dist/runtime/model.js";

const { values: o } = parseArgs({
  options: {
    tokens: { type: "string", default: "2048" },
    block: { type: "string", default: "32" },
    rounds: { type: "string", default: "3" },
    svg: { type: "string", default: "docs/rnn-vs-transformer-latency.svg" },
    out: { type: "string", default: "out/compare-latency" },
  },
});
const tokens = Number(o.tokens);
const block = Number(o.block);
const contexts = [128, 512, 1024, 2048].filter((c) => c <= tokens);

const models = [
  { name: "LSTM", file: "dsl-examples/char_lstm.cell", sizes: { V: 65, H: 176 }, options: {}, colour: "#1f77b4" },
  { name: "transformer", file: "dsl-examples/char_transformer.cell", sizes: { V: 65, P: Math.max(256, tokens + 1) }, options: { generation: { outputs: ["logits"] } }, colour: "#d62728" },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { adapterName } = await acquireDevice();
const results = [];
for (const m of models) {
  const model = await Model.create(compile(m.file, readFileSync(m.file, "utf8"), m.sizes, m.options).manifest);
  model.initParams(1);
  const stats = { dispatchesPerToken: 0 };
  const draw = async (length) => {
    const times = []; // [position after the block, ms per token]
    let position = 1;
    let last = performance.now();
    for await (const out of generate(model, [0], { length, temperature: 1, topK: 0, seed: 1, block }, stats)) {
      const now = performance.now();
      position += out.length;
      if (out.length > 1) times.push([position, (now - last) / out.length]); // the prompt's run draws one token
      last = now;
    }
    return times;
  };
  await draw(2 * block); // warm-up: pipelines, buffers
  const rounds = [];
  for (let r = 0; r < Number(o.rounds); r++) rounds.push(await draw(tokens));
  // Per block: the median over rounds, with the min and max.
  const curve = rounds[0].map(([position], i) => {
    const ms = rounds.map((times) => times[i][1]);
    return { position, ms: median(ms), min: Math.min(...ms), max: Math.max(...ms) };
  });
  const at = (context) => curve.find((p) => p.position >= context) ?? curve.at(-1);
  results.push({ ...m, parameters: model.manifest.parameterCount, dispatchesPerToken: stats.dispatchesPerToken, curve, at: Object.fromEntries(contexts.map((c) => [c, at(c)])) });
  console.error(`${m.name}: ${model.manifest.parameterCount.toLocaleString("en")} parameters, ${stats.dispatchesPerToken} dispatches per token`);
  model.destroy();
}

mkdirSync(o.out, { recursive: true });
writeFileSync(`${o.out}/latency.json`, JSON.stringify({ adapter: adapterName, options: o, results }, null, 2));
writeFileSync(o.svg, plot(results));

const perSecond = (ms) => Math.round(1000 / ms).toLocaleString("en");
console.log(`batch-1 generation on ${adapterName}, blocks of ${block} tokens, median of ${o.rounds} rounds (min–max), tokens/s at each context length:\n`);
console.log(`| model | parameters | dispatches per token | ${contexts.map((c) => `context ${c}`).join(" | ")} |`);
console.log(`|---|---|---|${contexts.map(() => "---|").join("")}`);
for (const r of results)
  console.log(`| ${r.name} | ${r.parameters.toLocaleString("en")} | ${r.dispatchesPerToken} | ${contexts.map((c) => `${perSecond(r.at[c].ms)} (${perSecond(r.at[c].max)}–${perSecond(r.at[c].min)})`).join(" | ")} |`);
const [lstm, tf] = results;
console.log(`\ntime per token, transformer / LSTM: ${contexts.map((c) => `${(tf.at[c].ms / lstm.at[c].ms).toFixed(2)}x at ${c}`).join(", ")}`);

/** Milliseconds per token against the position, both models, with each block's min–max as a band. */
function plot(runs) {
  const [w, h, pad] = [760, 400, 60];
  const maxMs = Math.max(...runs.flatMap((r) => r.curve.map((p) => p.max)));
  const x = (position) => pad + ((w - 2 * pad) * position) / tokens;
  const y = (ms) => h - pad - ((h - 2 * pad) * ms) / maxMs;
  const parts = [];
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${pad}" x2="${w - pad}" y1="${y(f * maxMs).toFixed(1)}" y2="${y(f * maxMs).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad - 6}" y="${(y(f * maxMs) + 4).toFixed(1)}" text-anchor="end" font-size="11">${(f * maxMs).toFixed(1)}</text>`);
    parts.push(`<text x="${x(f * tokens).toFixed(1)}" y="${h - pad + 16}" text-anchor="middle" font-size="11">${Math.round(f * tokens)}</text>`);
  }
  for (const r of runs) {
    const band = [...r.curve.map((p) => `${x(p.position).toFixed(1)},${y(p.max).toFixed(1)}`), ...[...r.curve].reverse().map((p) => `${x(p.position).toFixed(1)},${y(p.min).toFixed(1)}`)];
    parts.push(`<polygon fill="${r.colour}" fill-opacity="0.15" stroke="none" points="${band.join(" ")}"/>`);
    parts.push(`<polyline fill="none" stroke="${r.colour}" stroke-width="2" points="${r.curve.map((p) => `${x(p.position).toFixed(1)},${y(p.ms).toFixed(1)}`).join(" ")}"/>`);
  }
  const legend = runs.map((r) => `<tspan fill="${r.colour}">${r.name} (${r.dispatchesPerToken} dispatches per token)</tspan>`).join("   ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${w / 2}" y="22" text-anchor="middle" font-size="13">batch-1 generation: milliseconds per token against the position (median of ${o.rounds}, band min–max)</text>`,
    `<text x="${w / 2}" y="40" text-anchor="middle" font-size="12">${legend}</text>`,
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="black"/>`,
    `<text x="${w / 2}" y="${h - 14}" text-anchor="middle" font-size="12">position (tokens of context)</text>`,
    `<text x="16" y="${h / 2}" transform="rotate(-90 16 ${h / 2})" text-anchor="middle" font-size="12">ms per token</text>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}
