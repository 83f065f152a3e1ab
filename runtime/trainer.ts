// A training step as one queue submission: forward, backward, optimizer update, and copying
// the final states into the next batch's initial states (truncated BPTT keeps the state, cuts
// the gradient). The loss is read back only when asked.
import type { Model } from "./model.js";
import { Optimizer, type OptimizerOptions } from "./optimizer.js";
import type { NamedTensor } from "../format/safetensors.js";

// Copies `count` floats inside the workspace, from one region to another.
const copyKernel = /* wgsl */ `
struct Copy { src_offset: u32, dst_offset: u32, count: u32, pad: u32 }
@group(0) @binding(0) var<uniform> copy: Copy;
@group(0) @binding(1) var<storage, read_write> work: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < copy.count) { work[copy.dst_offset + gid.x] = work[copy.src_offset + gid.x]; }
}
`;

export interface TrainerOptions extends OptimizerOptions {
  /** Output → input pairs carried from one batch to the next, e.g. [["h_n", "h0"], ["c_n", "c0"]]. */
  carry?: [string, string][];
  /** The scalar output to minimise. */
  loss?: string;
  /** Varies the dropout masks between runs. */
  seed?: number;
}

export class Trainer {
  readonly optimizer: Optimizer;
  private carrying = false;
  private readonly copy: GPUComputePipeline;
  private copies?: { key: string; groups: { group: GPUBindGroup; count: number }[] };

  constructor(
    readonly model: Model,
    readonly options: TrainerOptions,
  ) {
    if (!model.manifest.gradients) throw new Error("this model was compiled without gradients; compile it with { gradients: true } to train it");
    this.optimizer = new Optimizer(model.device, model.manifest.trainableCount ?? model.manifest.parameterCount, options);
    this.copy = model.device.createComputePipeline({ label: "carry state", layout: "auto", compute: { module: model.device.createShaderModule({ code: copyKernel }), entryPoint: "main" } });
  }

  /** Forget the carried state: the next batch starts from zeros (e.g. at the start of an epoch). */
  resetState() {
    this.carrying = false;
  }

  /** One step on a batch; returns the loss when `readLoss` (a round trip), else undefined. */
  async step(batch: Record<string, NamedTensor>, lr: number, readLoss = false): Promise<number | undefined> {
    const loss = this.options.loss ?? "loss";
    const carry = this.options.carry ?? [];
    const inputs: Record<string, NamedTensor> = { ...batch, [`seed.${loss}`]: { shape: [], data: Float32Array.of(1) } };
    // A new dropout mask every step, the same again when a run resumes at this step.
    if (this.model.manifest.inputs.some((i) => i.name === "dropout_seed")) inputs.dropout_seed = { shape: [], data: Float32Array.of(((this.options.seed ?? 0) * 7919 + this.optimizer.step + 1) % 16777216) };
    const out = await this.model.submit(inputs, {
      read: readLoss ? [loss] : [],
      keep: this.carrying ? carry.map(([, to]) => to) : [],
      encode: (pass, ctx) => {
        this.optimizer.encode(pass, ctx.params, ctx.work, lr);
        for (const { group, count } of this.copyGroups(ctx)) {
          pass.setPipeline(this.copy);
          pass.setBindGroup(0, group);
          pass.dispatchWorkgroups(Math.ceil(count / 64));
        }
      },
    });
    this.carrying = carry.length > 0;
    return readLoss ? out[loss].data[0] : undefined;
  }

  private copyGroups(ctx: { work: GPUBuffer; sizes: Record<string, number>; location: (name: string) => { offset: number; count: number } }) {
    const key = JSON.stringify(ctx.sizes);
    if (this.copies?.key === key) return this.copies.groups;
    const device = this.model.device;
    const groups = (this.options.carry ?? []).map(([from, to]) => {
      const source = ctx.location(from);
      const target = ctx.location(to);
      if (source.count !== target.count) throw new Error(`cannot carry '${from}' into '${to}': ${source.count} and ${target.count} values`);
      const uniform = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(uniform, 0, Uint32Array.of(source.offset, target.offset, source.count, 0));
      const group = device.createBindGroup({ layout: this.copy.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: ctx.work } }] });
      return { group, count: source.count };
    });
    this.copies = { key, groups };
    return groups;
  }
}

/** Linear warm-up, then cosine decay from `lr` to `minLr` at `total` steps (step counts from 1). */
export function learningRate(step: number, s: { lr: number; warmup: number; total: number; minLr: number }): number {
  if (step <= s.warmup) return (s.lr * step) / Math.max(1, s.warmup);
  const progress = Math.min(1, (step - s.warmup) / Math.max(1, s.total - s.warmup));
  return s.minLr + 0.5 * (s.lr - s.minLr) * (1 + Math.cos(Math.PI * progress));
}
