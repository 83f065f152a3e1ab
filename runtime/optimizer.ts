// Optimizers on the GPU: gradient-norm clipping, Adam/AdamW and SGD with momentum, updating
// every parameter in one pass over the flat parameter and gradient vectors. These kernels are
// the same for every model (they see only flat vectors), so they are written here once.
import { readBack } from "./readBack.js";

export interface OptimizerOptions {
  kind: "adam" | "adamw" | "sgd";
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  clip?: number; // largest gradient norm; 0 or absent: no clipping
}

const HYPER_FIELDS = ["lr", "beta1", "beta2", "eps", "weight_decay", "correction1", "correction2", "max_norm", "momentum", "count", "kind", "decoupled"];

const common = /* wgsl */ `
struct Hyper { lr: f32, beta1: f32, beta2: f32, eps: f32, weight_decay: f32, correction1: f32, correction2: f32, max_norm: f32, momentum: f32, count: u32, kind: u32, decoupled: u32 }
@group(0) @binding(0) var<uniform> hyper: Hyper;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read_write> moments: array<f32>; // first moments, then second
@group(0) @binding(4) var<storage, read_write> scalars: array<f32>; // [0]: squared gradient norm
`;

// One workgroup sums the squares of every gradient (tree reduction in workgroup memory).
const normKernel = `${common}
var<workgroup> partial: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) lane: u32) {
  var total = 0.0;
  for (var i = lane; i < hyper.count; i += 256u) { total += grads[i] * grads[i]; }
  partial[lane] = total;
  workgroupBarrier();
  for (var width = 128u; width > 0u; width /= 2u) {
    if (lane < width) { partial[lane] += partial[lane + width]; }
    workgroupBarrier();
  }
  if (lane == 0u) { scalars[0] = partial[0]; }
}
`;

// One thread per parameter: clip, then Adam (kind 0; AdamW when decoupled) or SGD (kind 1), as PyTorch does.
const updateKernel = `${common}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let i = gid.x + gid.y * groups.x * 64u;
  if (i >= hyper.count) { return; }
  var scale = 1.0;
  if (hyper.max_norm > 0.0) { scale = min(1.0, hyper.max_norm / (sqrt(scalars[0]) + 1e-6)); }
  var g = grads[i] * scale;
  var p = params[i];
  if (hyper.kind == 0u) {
    if (hyper.decoupled == 1u) { p -= hyper.lr * hyper.weight_decay * p; } else { g += hyper.weight_decay * p; }
    let m = hyper.beta1 * moments[i] + (1.0 - hyper.beta1) * g;
    let v = hyper.beta2 * moments[hyper.count + i] + (1.0 - hyper.beta2) * g * g;
    moments[i] = m;
    moments[hyper.count + i] = v;
    p -= hyper.lr * (m / hyper.correction1) / (sqrt(v / hyper.correction2) + hyper.eps);
  } else {
    g += hyper.weight_decay * p;
    let velocity = hyper.momentum * moments[i] + g;
    moments[i] = velocity;
    p -= hyper.lr * velocity;
  }
  params[i] = p;
}
`;

export class Optimizer {
  step = 0;
  private readonly moments: GPUBuffer;
  private readonly scalars: GPUBuffer;
  private readonly hyper: GPUBuffer;
  private readonly layout: GPUBindGroupLayout;
  private readonly norm: GPUComputePipeline;
  private readonly update: GPUComputePipeline;
  private bindGroup?: { params: GPUBuffer; grads: GPUBuffer; group: GPUBindGroup };

  constructor(
    private readonly device: GPUDevice,
    readonly count: number,
    readonly options: OptimizerOptions,
  ) {
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.moments = device.createBuffer({ label: "optimizer moments", size: Math.max(16, 8 * count), usage: storage });
    this.scalars = device.createBuffer({ size: 16, usage: storage });
    this.hyper = device.createBuffer({ size: 64, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const entry = (binding: number, type: GPUBufferBindingType) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } });
    this.layout = device.createBindGroupLayout({ entries: [entry(0, "uniform"), entry(1, "storage"), entry(2, "read-only-storage"), entry(3, "storage"), entry(4, "storage")] });
    const pipeline = (code: string, label: string) =>
      device.createComputePipeline({ label, layout: device.createPipelineLayout({ bindGroupLayouts: [this.layout] }), compute: { module: device.createShaderModule({ code, label }), entryPoint: "main" } });
    this.norm = pipeline(normKernel, "gradient norm");
    this.update = pipeline(updateKernel, `${options.kind} update`);
  }

  /** Add one update to a pass: `grads` holds every gradient from byte 0, in the parameters' layout. */
  encode(pass: GPUComputePassEncoder, params: GPUBuffer, grads: GPUBuffer, lr: number) {
    this.step++;
    const o = this.options;
    const adam = o.kind !== "sgd";
    const [beta1, beta2] = [o.beta1 ?? 0.9, o.beta2 ?? 0.999];
    const values: Record<string, number> = {
      lr,
      beta1,
      beta2,
      eps: o.eps ?? 1e-8,
      weight_decay: o.weightDecay ?? (o.kind === "adamw" ? 0.01 : 0),
      correction1: adam ? 1 - beta1 ** this.step : 1,
      correction2: adam ? 1 - beta2 ** this.step : 1,
      max_norm: o.clip ?? 0,
      momentum: o.momentum ?? 0.9,
    };
    const data = new ArrayBuffer(64);
    const f32 = new Float32Array(data);
    const u32 = new Uint32Array(data);
    HYPER_FIELDS.forEach((f, i) => {
      if (f === "count") u32[i] = this.count;
      else if (f === "kind") u32[i] = adam ? 0 : 1;
      else if (f === "decoupled") u32[i] = o.kind === "adamw" ? 1 : 0;
      else f32[i] = values[f];
    });
    this.device.queue.writeBuffer(this.hyper, 0, data);
    if (this.bindGroup?.params !== params || this.bindGroup.grads !== grads) {
      const group = this.device.createBindGroup({
        layout: this.layout,
        entries: [this.hyper, params, grads, this.moments, this.scalars].map((buffer, binding) => ({
          binding,
          resource: binding === 2 ? { buffer, offset: 0, size: Math.max(16, 4 * this.count) } : { buffer },
        })),
      });
      this.bindGroup = { params, grads, group };
    }
    pass.setBindGroup(0, this.bindGroup.group);
    if (o.clip) {
      pass.setPipeline(this.norm);
      pass.dispatchWorkgroups(1);
    }
    pass.setPipeline(this.update);
    const groups = Math.ceil(this.count / 64);
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    pass.dispatchWorkgroups(Math.min(groups, max), Math.ceil(groups / max));
  }

  /** The moments, for a checkpoint. */
  state(): Promise<Float32Array> {
    return readBack(this.device, this.moments, 0, 2 * this.count);
  }

  restore(moments: Float32Array, step: number) {
    if (moments.length !== 2 * this.count) throw new Error(`optimizer state has ${moments.length} values; this model needs ${2 * this.count}`);
    this.device.queue.writeBuffer(this.moments, 0, moments);
    this.step = step;
  }
}
