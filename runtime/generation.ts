// Batch-1 generation on the GPU. A model that carries state from one run to the next (a
// recurrent model's h_n into h0, or a transformer compiled to generate, whose key and value
// caches and position are its state) reads the prompt in one run, then generates blocks of
// tokens: each block is one submission in which every token runs the model, draws the next
// token from its logits (temperature, top-k) in a kernel that writes it where the next run
// reads its input, and copies each state into its input. The host reads back only the
// block's tokens, at its end.
import { Carry } from "./carry.js";
import type { Model, SubmitContext } from "./model.js";
import { carriedPairs } from "./trainer.js";

export interface GenerationOptions {
  length: number; // tokens to generate
  temperature: number; // below 1 sharper, above 1 more varied
  topK: number; // draw among the k likeliest only (0: all)
  seed: number;
  block?: number; // tokens per submission (default 32)
  context?: number; // the most positions a model with a cache reads (default: its position table's rows)
}

// One invocation draws one token: the vocabularies are characters (tens to hundreds), for
// which one thread is faster than a workgroup's barriers. top-k keeps the values at or above
// the k-th largest (all of them on ties). The uniform draw hashes the seed and the number of
// the token, so a seed gives the same text on any GPU.
const samplerKernel = /* wgsl */ `
struct Sampling { logits: u32, vocab: u32, tokens: u32, top_k: u32, temperature: f32, seed: u32, write_token: u32, drawn_before: u32 }
@group(0) @binding(0) var<uniform> o: Sampling;
@group(0) @binding(1) var<storage, read_write> work: array<f32>;
@group(0) @binding(2) var<storage, read_write> drawn: array<u32>; // [0]: how many so far, then the tokens

fn pcg(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

@compute @workgroup_size(1)
fn main() {
  let n = drawn[0];
  var largest = -3.4e38;
  for (var i = 0u; i < o.vocab; i++) { largest = max(largest, work[o.logits + i]); }
  // The k-th largest value: k times, the largest value below the one before.
  var threshold = -3.4e38;
  if (o.top_k > 0u && o.top_k < o.vocab) {
    var above = 3.4e38;
    for (var r = 0u; r < o.top_k; r++) {
      var next = -3.4e38;
      for (var i = 0u; i < o.vocab; i++) {
        let v = work[o.logits + i];
        if (v < above) { next = max(next, v); }
      }
      above = next;
    }
    threshold = above;
  }
  var total = 0.0;
  for (var i = 0u; i < o.vocab; i++) {
    let v = work[o.logits + i];
    if (v >= threshold) { total += exp((v - largest) / o.temperature); }
  }
  let uniform01 = f32(pcg(pcg(o.seed) ^ (o.drawn_before + n)) >> 8u) / 16777216.0;
  var left = uniform01 * total;
  var pick = 0u;
  for (var i = 0u; i < o.vocab; i++) {
    let v = work[o.logits + i];
    if (v >= threshold) {
      pick = i;
      left -= exp((v - largest) / o.temperature);
      if (left <= 0.0) { break; }
    }
  }
  if (o.write_token == 1u) { work[o.tokens] = f32(pick); }
  drawn[1u + n] = pick;
  drawn[0] = n + 1u;
}
`;

/** Whether `generate` can run this model: it carries a state from one run to the next. */
export const generatesOnGpu = (model: Model) => carriedPairs(model.manifest).length > 0;

/** The cache's size name, if the model has one (a state input with a run-time size besides B). */
const cacheSize = (model: Model) => model.manifest.runtimeSizes.find((s) => s !== "B" && model.manifest.inputs.some((i) => i.role === "state" && i.shape.includes(s)));

/** The most positions a cache may hold (its position table's rows); no limit without one. */
function cacheLimit(model: Model, size: string | undefined): number {
  return Math.min(Infinity, ...(model.manifest.sizeLimits ?? []).filter((l) => l.size === size).map((l) => l.max));
}

/** What one generated token costs on the GPU, for reports. */
export interface GenerationStats {
  dispatchesPerToken: number; // set once a block has run (the prompt's run has other sizes)
}

/**
 * The tokens after `prompt`, a block at a time as they are drawn. A model with a cache keeps
 * at most `context` positions (its position table's rows, or fewer); when they are full it
 * reads the last half again and goes on from there.
 */
export async function* generate(model: Model, prompt: number[], o: GenerationOptions, stats?: GenerationStats): AsyncGenerator<number[]> {
  if (!prompt.length) throw new Error("the prompt is empty; give at least one token");
  if (o.length < 1) return;
  const device = model.device;
  const pairs = carriedPairs(model.manifest);
  if (!pairs.length) throw new Error("this model carries no state from one run to the next; compile it to generate (compile options { generation })");
  const states = pairs.map(([, to]) => to);
  const carry = new Carry(device, pairs);
  const sampler = device.createComputePipeline({ label: "draw a token", layout: "auto", compute: { module: device.createShaderModule({ code: samplerKernel }), entryPoint: "main" } });
  const uniform = device.createBuffer({ size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const blockSize = Math.max(1, o.block ?? 32);
  const drawn = device.createBuffer({ size: 4 * (blockSize + 1), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const readable = device.createBuffer({ size: 4 * (blockSize + 1), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const V = Number(model.manifest.outputs.find((out) => out.name === "logits")!.shape.at(-1));
  const cache = cacheSize(model);
  const limit = Math.min(cacheLimit(model, cache), cache && o.context ? o.context : Infinity);
  let groups: { work: GPUBuffer; group: GPUBindGroup } | undefined;

  /** One submission: the tokens given (T of them), then `count` tokens drawn; returns those. */
  let drawnBefore = 0;
  const run = async (tokens: number[], count: number, fresh: boolean, capacity?: number): Promise<number[]> => {
    device.queue.writeBuffer(drawn, 0, new Uint32Array(1));
    let uniformWritten = false;
    const encode = (pass: GPUComputePassEncoder, ctx: SubmitContext) => {
      if (!uniformWritten) {
        const logits = ctx.location("logits");
        const at = Uint32Array.of(logits.offset + logits.count - V, V, ctx.location("tokens").offset, o.topK, 0, o.seed >>> 0, tokens.length === 1 ? 1 : 0, drawnBefore);
        new Float32Array(at.buffer)[4] = o.temperature;
        device.queue.writeBuffer(uniform, 0, at);
        uniformWritten = true;
      }
      if (groups?.work !== ctx.work) {
        const entries = [uniform, ctx.work, drawn].map((buffer, binding) => ({ binding, resource: { buffer } }));
        groups = { work: ctx.work, group: device.createBindGroup({ layout: sampler.getBindGroupLayout(0), entries }) };
      }
      pass.setPipeline(sampler);
      pass.setBindGroup(0, groups.group);
      pass.dispatchWorkgroups(1);
      carry.encode(pass, ctx);
    };
    // The prompt's run draws one token; each later run reads the token drawn before it.
    await model.submit(
      { tokens: { shape: [tokens.length, 1], data: Float32Array.from(tokens) } },
      { read: [], keep: fresh ? [] : states, preserve: fresh ? [] : states, sizes: cache ? { [cache]: capacity! } : {}, repeat: count, encode },
    );
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(drawn, 0, readable, 0, 4 * (count + 1));
    device.queue.submit([encoder.finish()]);
    await readable.mapAsync(GPUMapMode.READ, 0, 4 * (count + 1));
    const out = [...new Uint32Array(readable.getMappedRange(0, 4 * (count + 1))).slice(1)];
    readable.unmap();
    drawnBefore += count;
    return out;
  };

  try {
    const history = [...prompt]; // every token the model has read
    // The prompt's run ends with its state carried, ready for the first block.
    const promptRun = async (tokens: number[]) => {
      const [first] = await run(tokens, 1, true, cache ? Math.min(limit, roundUp(tokens.length + blockSize)) : undefined);
      return first;
    };
    let start = limit === Infinity ? prompt : prompt.slice(-limit);
    let next = await promptRun(start);
    let position = start.length; // tokens in the cache (or read by the recurrence) so far
    yield [next];
    for (let produced = 1; produced < o.length; ) {
      if (position >= limit) {
        // The cache is full: read the last half again, as a prompt, up to the token drawn last.
        history.push(next);
        start = history.slice(-Math.max(1, Math.floor(limit / 2)));
        next = await promptRun(start);
        position = start.length;
      }
      // Each run of the block reads the token drawn before it and draws the next.
      const count = Math.min(blockSize, o.length - produced, limit - position);
      const block = await run([next], count, false, cache ? Math.min(limit, roundUp(position + count)) : undefined);
      history.push(next, ...block.slice(0, -1));
      next = block[block.length - 1];
      position += count;
      produced += count;
      if (stats) stats.dispatchesPerToken = model.dispatchCount() + 1 + carry.dispatches;
      yield block;
    }
  } finally {
    for (const b of [uniform, drawn, readable]) b.destroy();
  }
}

/** Positions rounded up to a multiple of 64: the cache grows in steps, so its cost follows the position. */
const roundUp = (n: number) => Math.ceil(n / 64) * 64;
