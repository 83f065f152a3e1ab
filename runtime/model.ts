// Runs a compiled model on a WebGPU device: parameters, buffers, and the dispatch schedule.
// Isomorphic: no Node built-ins, so the same code runs in a browser.
import { acquireDevice } from "./device.js";
import { evalSize, type Command, type Manifest } from "./manifest.js";
import { Random } from "./random.js";
import type { NamedTensor } from "./safetensors.js";

export class ModelInputError extends Error {}

/** What a submission's extra dispatches can reach. */
export interface SubmitContext {
  params: GPUBuffer;
  work: GPUBuffer;
  sizes: Record<string, number>;
  location: (name: string) => { offset: number; count: number };
}

export interface SubmitOptions {
  entry?: string;
  read?: string[];
  keep?: string[];
  encode?: (pass: GPUComputePassEncoder, context: SubmitContext) => void;
}

const UNIFORM_STRIDE = 256; // minUniformBufferOffsetAlignment

interface SizedBuffers {
  key: string;
  buffers: GPUBuffer[];
  uniform: GPUBuffer;
  bindGroups: GPUBindGroup[];
}

export class Model {
  /** Host copy of every parameter, laid out as the manifest says. */
  readonly params: Float32Array;
  private readonly paramBuffer: GPUBuffer;
  private readonly pipelines: GPUComputePipeline[];
  private readonly layouts: GPUBindGroupLayout[];
  private sized?: SizedBuffers;
  private lastSizes?: Record<string, number>;
  private paramsDirty = true;

  private constructor(
    readonly manifest: Manifest,
    readonly device: GPUDevice,
    pipelines: GPUComputePipeline[],
    layouts: GPUBindGroupLayout[],
  ) {
    this.params = new Float32Array(manifest.parameterCount);
    this.paramBuffer = device.createBuffer({ size: Math.max(16, manifest.parameterCount * 4), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    this.pipelines = pipelines;
    this.layouts = layouts;
    this.initParams(0);
  }

  /** Compile every kernel; a WGSL error here is a compiler bug, reported with the kernel's name. */
  static async create(manifest: Manifest, device?: GPUDevice): Promise<Model> {
    const dev = device ?? (await acquireDevice()).device;
    const layouts: GPUBindGroupLayout[] = [];
    const pipelines: GPUComputePipeline[] = [];
    for (const k of manifest.kernels) {
      const module = dev.createShaderModule({ code: k.wgsl, label: k.name });
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === "error");
      if (errors.length) throw new Error(`kernel ${k.name} failed to compile:\n${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join("\n")}\n${k.wgsl}`);
      const layout = dev.createBindGroupLayout({
        entries: [
          { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: "uniform", hasDynamicOffset: true } },
          ...k.bindings.map((b, i) => ({ binding: i + 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: (b.write ? "storage" : "read-only-storage") as GPUBufferBindingType } })),
        ],
      });
      layouts.push(layout);
      pipelines.push(
        dev.createComputePipeline({ label: k.name, layout: dev.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module, entryPoint: "main" } }),
      );
    }
    return new Model(manifest, dev, pipelines, layouts);
  }

  // ---- parameters ---------------------------------------------------------------------------------

  /** Fill every parameter from its initialiser, reproducibly from `seed`. */
  initParams(seed: number) {
    const rng = new Random(seed);
    for (const p of this.manifest.params) {
      const n = p.shape.reduce<number>((a, d) => a * (d as number), 1);
      const view = this.params.subarray(p.offset, p.offset + n);
      const init = p.init;
      for (let i = 0; i < n; i++)
        view[i] = init.kind === "uniform" ? init.low + (init.high - init.low) * rng.next() : init.kind === "normal" ? init.mean + init.std * rng.normal() : init.value;
    }
    this.paramsDirty = true;
  }

  /** Load weights by their state_dict names; every parameter must be given with its shape. */
  loadWeights(tensors: Record<string, NamedTensor>) {
    const problems: string[] = [];
    const known = new Set(this.manifest.params.map((p) => p.name));
    for (const p of this.manifest.params) {
      const t = tensors[p.name];
      if (!t) problems.push(`missing '${p.name}' [${p.shape}]`);
      else if (t.shape.join() !== p.shape.join()) problems.push(`'${p.name}' is [${t.shape}] but the model needs [${p.shape}]`);
    }
    const unexpected = Object.keys(tensors).filter((n) => !known.has(n));
    if (unexpected.length) problems.push(`unexpected ${unexpected.map((n) => `'${n}'`).join(", ")}`);
    if (problems.length)
      throw new ModelInputError(`the weights do not fit this model: ${problems.join("; ")}. Check the sizes (--set) and layer names; the model's parameters are: ${this.manifest.params.map((p) => p.name).join(", ")}`);
    for (const p of this.manifest.params) this.params.set(tensors[p.name].data, p.offset);
    this.paramsDirty = true;
  }

  stateDict(): Record<string, NamedTensor> {
    const out: Record<string, NamedTensor> = {};
    for (const p of this.manifest.params) {
      const n = p.shape.reduce<number>((a, d) => a * (d as number), 1);
      out[p.name] = { shape: p.shape as number[], data: this.params.slice(p.offset, p.offset + n) };
    }
    return out;
  }

  // ---- running ------------------------------------------------------------------------------------------

  /** Run an entry point (default: forward) on named inputs; returns the named outputs. */
  run(inputs: Record<string, NamedTensor>, entry = "forward"): Promise<Record<string, NamedTensor>> {
    return this.submit(inputs, { entry });
  }

  /**
   * One queue submission: upload the inputs, run an entry, let `encode` add dispatches to the
   * same pass (an optimizer, say), and read back only the outputs in `read` (default: all).
   * Optional inputs not given are zeros, unless named in `keep`: those keep what the buffer
   * holds, e.g. a state the previous submission left there.
   */
  async submit(inputs: Record<string, NamedTensor>, options: SubmitOptions = {}): Promise<Record<string, NamedTensor>> {
    const sizes = this.bindSizes(inputs);
    const sized = this.buffersFor(sizes);
    this.lastSizes = sizes;
    const dev = this.device;
    if (this.paramsDirty) {
      dev.queue.writeBuffer(this.paramBuffer, 0, this.params);
      this.paramsDirty = false;
    }
    const encoder = dev.createCommandEncoder();
    for (const spec of this.manifest.inputs) {
      const t = inputs[spec.name];
      const offset = evalSize(spec.offset, sizes) * 4;
      if (t) dev.queue.writeBuffer(sized.buffers[spec.buffer], offset, t.data instanceof Float32Array ? t.data : Float32Array.from(t.data));
      else if (!options.keep?.includes(spec.name)) encoder.clearBuffer(sized.buffers[spec.buffer], offset, this.count(spec.shape, sizes) * 4);
    }
    const pass = encoder.beginComputePass();
    this.encode(pass, this.manifest.entries[options.entry ?? "forward"], sizes, sized);
    options.encode?.(pass, { params: this.paramBuffer, work: sized.buffers[1], sizes, location: (name) => this.location(name, sizes) });
    pass.end();
    const wanted = this.manifest.outputs.filter((o) => !options.read || options.read.includes(o.name));
    const reads = wanted.map((o) => {
      const count = this.count(o.shape, sizes);
      const staging = dev.createBuffer({ size: Math.max(4, count * 4), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      encoder.copyBufferToBuffer(sized.buffers[o.buffer], evalSize(o.offset, sizes) * 4, staging, 0, count * 4);
      return { o, staging, count };
    });
    dev.queue.submit([encoder.finish()]);
    const out: Record<string, NamedTensor> = {};
    for (const { o, staging, count } of reads) {
      await staging.mapAsync(GPUMapMode.READ);
      out[o.name] = { shape: o.shape.map((d) => (typeof d === "number" ? d : sizes[d])), data: new Float32Array(staging.getMappedRange().slice(0, count * 4)) };
      staging.destroy();
    }
    return out;
  }

  /** Where an input or output lives in the workspace (element offset and count) for these sizes. */
  location(name: string, sizes: Record<string, number>): { offset: number; count: number } {
    const spec = this.manifest.inputs.find((i) => i.name === name) ?? this.manifest.outputs.find((o) => o.name === name);
    if (!spec) throw new ModelInputError(`the model has no input or output '${name}'`);
    return { offset: evalSize(spec.offset, sizes), count: this.count(spec.shape, sizes) };
  }

  /** Read an input's or output's region as the last submission left it (e.g. a carried state). */
  async read(name: string): Promise<NamedTensor> {
    if (!this.lastSizes || !this.sized) throw new ModelInputError(`nothing has run yet, so '${name}' holds nothing`);
    const sizes = this.lastSizes;
    const spec = this.manifest.inputs.find((i) => i.name === name) ?? this.manifest.outputs.find((o) => o.name === name)!;
    const { offset, count } = this.location(name, sizes);
    const staging = this.device.createBuffer({ size: Math.max(4, count * 4), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.sized.buffers[spec.buffer], offset * 4, staging, 0, count * 4);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const data = new Float32Array(staging.getMappedRange().slice(0, count * 4));
    staging.destroy();
    return { shape: spec.shape.map((d) => (typeof d === "number" ? d : sizes[d])), data };
  }

  /** Copy the GPU's parameters back into `params` (after training steps changed them there). */
  async syncParams(): Promise<void> {
    const bytes = this.params.byteLength;
    const staging = this.device.createBuffer({ size: Math.max(4, bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.paramBuffer, 0, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    this.params.set(new Float32Array(staging.getMappedRange().slice(0, bytes)));
    staging.destroy();
  }

  /** Take another model's current parameters (same parameters, e.g. a forward-only copy for validation). */
  async copyParamsFrom(other: Model): Promise<void> {
    const same = this.manifest.params.length === other.manifest.params.length && this.manifest.params.every((p, i) => p.name === other.manifest.params[i].name && p.offset === other.manifest.params[i].offset);
    if (!same) {
      await other.syncParams();
      this.loadWeights(other.stateDict());
      return;
    }
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(other.paramBuffer, 0, this.paramBuffer, 0, this.params.byteLength);
    this.device.queue.submit([encoder.finish()]);
    this.paramsDirty = false;
  }

  private count(shape: (number | string)[], sizes: Record<string, number>): number {
    return shape.reduce<number>((a, d) => a * (typeof d === "number" ? d : sizes[d]), 1);
  }

  private bindSizes(inputs: Record<string, NamedTensor>): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const name of Object.keys(inputs))
      if (!this.manifest.inputs.some((i) => i.name === name))
        throw new ModelInputError(`unknown input '${name}'; the model's inputs are ${this.manifest.inputs.map((i) => i.name).join(", ")}`);
    for (const spec of this.manifest.inputs) {
      const t = inputs[spec.name];
      if (!t) {
        if (!spec.optional) throw new ModelInputError(`missing input '${spec.name}' [${spec.shape}]`);
        continue;
      }
      const bad = () => new ModelInputError(`input '${spec.name}' must be [${spec.shape}] but is [${t.shape}]`);
      if (t.shape.length !== spec.shape.length) throw bad();
      spec.shape.forEach((d, i) => {
        if (typeof d === "number") {
          if (t.shape[i] !== d) throw bad();
        } else if (sizes[d] === undefined) sizes[d] = t.shape[i];
        else if (sizes[d] !== t.shape[i]) throw new ModelInputError(`input '${spec.name}' has ${d} = ${t.shape[i]} but an earlier input has ${d} = ${sizes[d]}`);
      });
    }
    for (const s of this.manifest.runtimeSizes) {
      if (sizes[s] === undefined) throw new ModelInputError(`size ${s} is not set by any input given`);
      if (sizes[s] < 1) throw new ModelInputError(`size ${s} is ${sizes[s]}; it must be at least 1`);
    }
    return sizes;
  }

  /** Buffers depend on the run-time sizes; keep the last set while the sizes stay the same. */
  private buffersFor(sizes: Record<string, number>): SizedBuffers {
    const key = this.manifest.runtimeSizes.map((s) => sizes[s]).join(",");
    if (this.sized?.key === key) return this.sized;
    if (this.sized) for (const b of [...this.sized.buffers.slice(1), this.sized.uniform]) b.destroy();
    const dev = this.device;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const limit = dev.limits.maxStorageBufferBindingSize;
    const buffers = this.manifest.buffers.map((b, i) => {
      if (i === 0) return this.paramBuffer;
      const bytes = Math.max(16, evalSize(b.size, sizes) * 4);
      if (bytes > limit)
        throw new ModelInputError(`these sizes (${Object.entries(sizes).map(([k, v]) => `${k}=${v}`).join(", ")}) need ${(bytes / 2 ** 20).toFixed(0)} MiB of GPU memory in one buffer, more than this device's ${(limit / 2 ** 20).toFixed(0)} MiB; use a smaller batch or sequence length`);
      return dev.createBuffer({ label: b.name, size: bytes, usage });
    });
    const steps = Math.max(1, ...loopCounts(this.manifest, sizes));
    const fields = this.manifest.uniformFields;
    const slot = new Uint32Array(UNIFORM_STRIDE / 4);
    const data = new Uint32Array((steps * UNIFORM_STRIDE) / 4);
    for (let s = 0; s < steps; s++) {
      fields.forEach((f, i) => (slot[i] = f === "step" ? s : sizes[f]));
      data.set(slot, (s * UNIFORM_STRIDE) / 4);
    }
    const uniform = dev.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    dev.queue.writeBuffer(uniform, 0, data);
    const uniformSize = Math.ceil((fields.length * 4) / 16) * 16;
    const bindGroups = this.manifest.kernels.map((k, i) =>
      dev.createBindGroup({
        layout: this.layouts[i],
        entries: [{ binding: 0, resource: { buffer: uniform, size: uniformSize } }, ...k.bindings.map((b, j) => ({ binding: j + 1, resource: { buffer: buffers[b.buffer] } }))],
      }),
    );
    this.sized = { key, buffers, uniform, bindGroups };
    return this.sized;
  }

  /** Every dispatch of an entry, in order; each picks its step from the uniform. */
  private encode(pass: GPUComputePassEncoder, commands: Command[], sizes: Record<string, number>, sized: SizedBuffers) {
    const maxGroups = this.device.limits.maxComputeWorkgroupsPerDimension;
    const visit = (list: Command[], step: number) => {
      for (const c of list) {
        if (c.kind === "loop") {
          const n = evalSize(c.count, sizes);
          for (let s = 0; s < n; s++) visit(c.body, s);
          continue;
        }
        const k = this.manifest.kernels[c.kernel];
        const groups = c.elements.map((e, i) => Math.ceil(evalSize(e, sizes) / (k.tile[i] * k.workgroup[i])));
        if (groups.some((g) => g === 0)) continue;
        if (groups.length === 1 && groups[0] > maxGroups) groups.push(Math.ceil(groups[0] / maxGroups)), (groups[0] = maxGroups);
        pass.setPipeline(this.pipelines[c.kernel]);
        pass.setBindGroup(0, sized.bindGroups[c.kernel], [step * UNIFORM_STRIDE]);
        pass.dispatchWorkgroups(groups[0], groups[1] ?? 1, groups[2] ?? 1);
      }
    };
    visit(commands, 0);
  }

  destroy() {
    if (this.sized) for (const b of [...this.sized.buffers, this.sized.uniform]) b.destroy();
    else this.paramBuffer.destroy();
  }
}

function loopCounts(manifest: Manifest, sizes: Record<string, number>): number[] {
  const counts: number[] = [];
  const visit = (list: Command[]) => {
    for (const c of list)
      if (c.kind === "loop") {
        counts.push(evalSize(c.count, sizes));
        visit(c.body);
      }
  };
  Object.values(manifest.entries).forEach(visit);
  return counts;
}
