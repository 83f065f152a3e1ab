// Carrying states inside the workspace: each state output copied into the input it carries
// into (h_n into h0, a cache's next value into the cache), as dispatches in the same pass as
// the run that computed them, so nothing goes through the host.
import type { SubmitContext } from "./model.js";

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

export class Carry {
  private readonly pipeline: GPUComputePipeline;
  private groups?: { key: string; groups: { group: GPUBindGroup; count: number }[] };

  /** `pairs`: output → input, e.g. [["h_n", "h0"], ["c_n", "c0"]]. */
  constructor(
    private readonly device: GPUDevice,
    readonly pairs: [string, string][],
  ) {
    this.pipeline = device.createComputePipeline({ label: "carry state", layout: "auto", compute: { module: device.createShaderModule({ code: copyKernel }), entryPoint: "main" } });
  }

  /** The copies, after the run's dispatches in `pass`. */
  encode(pass: GPUComputePassEncoder, context: Pick<SubmitContext, "work" | "sizes" | "location">) {
    for (const { group, count } of this.bindGroups(context)) {
      pass.setPipeline(this.pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(Math.ceil(count / 64));
    }
  }

  get dispatches(): number {
    return this.pairs.length;
  }

  private bindGroups(ctx: Pick<SubmitContext, "work" | "sizes" | "location">) {
    const key = JSON.stringify(ctx.sizes);
    if (this.groups?.key === key) return this.groups.groups;
    const groups = this.pairs.map(([from, to]) => {
      const source = ctx.location(from);
      const target = ctx.location(to);
      if (source.count !== target.count) throw new Error(`cannot carry '${from}' into '${to}': ${source.count} and ${target.count} values`);
      const uniform = this.device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(uniform, 0, Uint32Array.of(source.offset, target.offset, source.count, 0));
      const group = this.device.createBindGroup({ layout: this.pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: ctx.work } }] });
      return { group, count: source.count };
    });
    this.groups = { key, groups };
    return groups;
  }
}
