// Runs a compiled model on a WebGPU device: parameters, buffers, and the dispatch schedule.
// Isomorphic: no Node built-ins, so the same code runs in a browser.
import { acquireDevice, GpuError } from "./device.js";
import { isDerivedInput, type Command, type EntryName, type EntrySpec, type InputSpec, type Manifest, type OutputSpec } from "../format/manifest.js";
import { idSegments } from "./idSegments.js";
import { evalSize, product } from "../format/sizes.js";
import { Random } from "./random.js";
import { readBack, stage, type Staged } from "./readBack.js";
import type { NamedTensor } from "../format/safetensors.js";
import { bindSizes, checkWeights, ModelInputError } from "./validate.js";
import { adapterKey, choiceKey, compiledVariant, isListed, memoryCache, persistentCache, sameVariant, shapesAllowed, variantConstants, variantText, type Variant, type WorkgroupCache } from "./workgroups.js";

export { ModelInputError };

/** What a submission's extra dispatches can reach. */
export interface SubmitContext {
  params: GPUBuffer;
  work: GPUBuffer;
  sizes: Record<string, number>;
  location: (name: string) => { offset: number; count: number };
}

export interface SubmitOptions {
  entry?: EntryName;
  read?: string[];
  keep?: string[];
  /** Sizes no input given sets: a cache's length when the cache stays on the GPU (kept). */
  sizes?: Record<string, number>;
  /**
   * Inputs whose values survive a change of sizes (new buffers): their first elements, as
   * many as both regions hold, are copied over. Right for a state whose leading axes are 1
   * (batch-1 generation: a cache [1, C, D] that grows keeps its first positions).
   */
  preserve?: string[];
  /** Run the entry this many times in the one pass, `encode` after each (default 1). */
  repeat?: number;
  encode?: (pass: GPUComputePassEncoder, context: SubmitContext) => void;
}

const UNIFORM_STRIDE = 256; // minUniformBufferOffsetAlignment
/** How much faster than its compiled variant (workgroup shape, tile rows) another must run for tuning to choose it. */
const CLEARLY_FASTER = 0.05;

interface Dispatch {
  kernel: number;
  step: number; // the time step a loop's body runs at (0 outside loops)
  groups: number[];
}

interface SizedBuffers {
  key: string;
  buffers: GPUBuffer[];
  uniform: GPUBuffer;
  bindGroups: GPUBindGroup[];
}

type Tensors = Record<string, NamedTensor>;

export interface ModelOptions {
  /**
   * Choose each product kernel's workgroup shape and tile rows for this adapter: on the first
   * run of an entry at new sizes, time those the compiler lists and keep the fastest. `true`
   * keeps the choices across processes (runtime/workgroups.ts says where); a cache object,
   * there. Off by default: the compiled ones are chosen for the software GPU.
   */
  tune?: boolean | WorkgroupCache;
}

/**
 * A compiled model on a device. `Inputs` and `Outputs` type `run` for one model (the compiled
 * module's .d.ts names them); by default any named tensors.
 */
export class Model<Inputs extends object = Tensors, Outputs extends object = Tensors> {
  /** Host copy of every parameter, laid out as the manifest says. */
  readonly params: Float32Array;
  private readonly paramBuffer: GPUBuffer;
  private readonly pipelines: GPUComputePipeline[];
  private readonly layouts: GPUBindGroupLayout[];
  private readonly modules: GPUShaderModule[];
  /** How each kernel runs now: as compiled, or as chosen for this adapter. */
  private readonly variants: Variant[];
  /** With tuning on: where choices are kept, and those made for each entry and sizes (kernel -> variant). */
  private readonly tuning?: { cache: WorkgroupCache; tuned: Map<string, Map<number, Variant>> };
  /** Each kernel's pipeline for each variant it has run as, by kernel and variant: the compiled one, and those tuning tried. */
  private readonly shaped = new Map<string, GPUComputePipeline>();
  private sized?: SizedBuffers;
  private lastSizes?: Record<string, number>;
  private paramsDirty = true;

  private readonly loss: { reason?: string }; // why the device was lost, once it is

  private constructor(
    readonly manifest: Manifest,
    readonly device: GPUDevice,
    paramBuffer: GPUBuffer,
    pipelines: GPUComputePipeline[],
    layouts: GPUBindGroupLayout[],
    modules: GPUShaderModule[],
    cache?: WorkgroupCache,
  ) {
    this.params = new Float32Array(manifest.parameterCount);
    this.paramBuffer = paramBuffer;
    this.pipelines = pipelines;
    this.layouts = layouts;
    this.modules = modules;
    this.variants = manifest.kernels.map(compiledVariant);
    this.variants.forEach((v, i) => this.shaped.set(`${i}:${variantText(v)}`, pipelines[i]));
    if (cache) this.tuning = { cache, tuned: new Map() };
    this.loss = watchLoss(device);
    this.initParams(0);
  }

  /** Compile every kernel; a WGSL error here is a compiler bug, reported with the kernel's name. */
  static async create<Inputs extends object = Tensors, Outputs extends object = Tensors>(manifest: Manifest, device?: GPUDevice, options: ModelOptions = {}): Promise<Model<Inputs, Outputs>> {
    const dev = device ?? (await acquireDevice()).device;
    const paramBytes = Math.max(16, manifest.parameterCount * 4);
    const tooBig = exceedsLimits(paramBytes, dev.limits);
    if (tooBig)
      throw new ModelInputError(`the model's ${manifest.parameterCount} parameters need ${mib(paramBytes)} in one buffer, more than this device allows (${tooBig}); use smaller sizes (--set), or a GPU with higher limits`);
    const paramBuffer = await checked(dev, `allocating ${mib(paramBytes)} for the parameters`, () =>
      dev.createBuffer({ label: "params", size: paramBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC }),
    );
    const layouts: GPUBindGroupLayout[] = [];
    const pipelines: GPUComputePipeline[] = [];
    const modules: GPUShaderModule[] = [];
    const compileAll = async () => {
      for (const k of manifest.kernels) {
        const module = dev.createShaderModule({ code: k.wgsl, label: k.name });
        modules.push(module);
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
        pipelines.push(dev.createComputePipeline(pipelineDescriptor(dev, k, module, layout, compiledVariant(k))));
      }
    };
    await checked(dev, "the model's kernels", compileAll, () => paramBuffer.destroy());
    const cache = options.tune === true ? await persistentCache(adapterKey(dev)) : options.tune || undefined;
    return new Model<Inputs, Outputs>(manifest, dev, paramBuffer, pipelines, layouts, modules, cache);
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

  /**
   * Load weights by their state_dict names; every parameter must be given with its shape,
   * finite. `rename` maps a name in `tensors` to the model's (a function, or a record of the
   * names that differ). With `strict: false`, as PyTorch's load_state_dict(strict=False),
   * parameters not given keep their values and tensors the model lacks are ignored; both are
   * returned, so nothing is dropped unseen.
   */
  loadWeights(tensors: Record<string, NamedTensor>, options: { strict?: boolean; rename?: Record<string, string> | ((name: string) => string) } = {}): { missing: string[]; unexpected: string[] } {
    const rename = options.rename;
    const renamed: Record<string, NamedTensor> = Object.create(null);
    for (const [name, t] of Object.entries(tensors)) {
      const to = typeof rename === "function" ? rename(name) : rename && Object.hasOwn(rename, name) ? rename[name] : name;
      if (Object.hasOwn(renamed, to)) throw new ModelInputError(`two weights are named '${to}' after renaming`);
      renamed[to] = t;
    }
    const strict = options.strict ?? true;
    checkWeights(this.manifest.params, renamed, strict);
    const known = new Set(this.manifest.params.map((p) => p.name));
    const missing = this.manifest.params.filter((p) => !Object.hasOwn(renamed, p.name)).map((p) => p.name);
    for (const p of this.manifest.params) if (Object.hasOwn(renamed, p.name)) this.params.set(renamed[p.name].data, p.offset);
    this.paramsDirty = true;
    return { missing, unexpected: Object.keys(renamed).filter((n) => !known.has(n)) };
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

  /**
   * Run an entry (default: forward) on named inputs; returns the outputs it computes.
   * `train_step` (a model compiled with gradients) also returns every gradient.
   */
  run(inputs: Inputs, entry: EntryName = "forward"): Promise<Outputs> {
    return this.submit(inputs as Tensors, { entry }) as Promise<Outputs>;
  }

  /** An entry's commands and outputs; a clear error for one the model was not compiled with. */
  private entry(name: EntryName): EntrySpec {
    const entry = Object.hasOwn(this.manifest.entries, name) ? this.manifest.entries[name] : undefined;
    if (!entry) {
      const hint = name === "train_step" ? "; compile the model with gradients (rnnc compile --gradients, or { gradients: true }) to train it" : "";
      throw new ModelInputError(`the model has no entry '${name}'; its entries are ${Object.keys(this.manifest.entries).join(", ")}${hint}`);
    }
    return entry;
  }

  /**
   * One queue submission: upload the inputs, run an entry, let `encode` add dispatches to the
   * same pass (an optimizer, say), and read back only the outputs in `read` (default: all the
   * entry computes).
   * Optional inputs not given are zeros, unless named in `keep`: those keep what the buffer
   * holds, e.g. a state the previous submission left there.
   */
  async submit(inputs: Record<string, NamedTensor>, options: SubmitOptions = {}): Promise<Record<string, NamedTensor>> {
    if (this.loss.reason) throw new GpuError(`the GPU device was lost (${this.loss.reason}); load the model again on a new device`);
    const name = options.entry ?? "forward";
    const entry = this.entry(name);
    const notComputed = options.read?.find((o) => !entry.outputs.includes(o));
    if (notComputed !== undefined) throw new ModelInputError(`the ${name} entry does not compute '${notComputed}'; it computes ${entry.outputs.join(", ")}`);
    const sizes = bindSizes(this.manifest, inputs, options.sizes);
    if (this.tuning) {
      const tuned = this.tuning.tuned.get(`${name}@${JSON.stringify(sizes)}`);
      if (tuned) for (const [kernel, variant] of tuned) await this.useVariant(kernel, variant);
      else await this.tuneKeeping(inputs, sizes, { ...options, entry: name });
    }
    const sized = await this.buffersFor(sizes, options.preserve);
    this.lastSizes = sizes;
    const dev = this.device;
    let reads: { o: OutputSpec; staged: Staged }[] = [];
    await checked(dev, `the ${name} pass`, () => {
      if (this.paramsDirty) {
        dev.queue.writeBuffer(this.paramBuffer, 0, this.params);
        this.paramsDirty = false;
      }
      const encoder = dev.createCommandEncoder();
      for (const spec of this.writeInputs(inputs, sizes, sized, options.keep, name === "train_step"))
        if (!options.keep?.includes(spec.name)) encoder.clearBuffer(sized.buffers[spec.buffer], evalSize(spec.offset, sizes) * 4, elements(spec.shape, sizes) * 4);
      const pass = encoder.beginComputePass();
      const dispatches = this.dispatches(entry.commands, sizes);
      const context = { params: this.paramBuffer, work: sized.buffers[1], sizes, location: (name: string) => this.location(name, sizes) };
      for (let r = 0; r < (options.repeat ?? 1); r++) {
        this.encode(pass, dispatches, sized);
        options.encode?.(pass, context);
      }
      pass.end();
      const wanted = this.manifest.outputs.filter((o) => (options.read ?? entry.outputs).includes(o.name));
      reads = wanted.map((o) => ({ o, staged: stage(dev, encoder, sized.buffers[o.buffer], evalSize(o.offset, sizes), elements(o.shape, sizes)) }));
      dev.queue.submit([encoder.finish()]);
    }, () => reads.forEach((r) => r.staged.destroy()));
    const out: Record<string, NamedTensor> = {};
    for (const { o, staged } of reads) out[o.name] = { shape: concrete(o.shape, sizes), data: await staged.read() };
    return out;
  }

  /** How many dispatches one run of an entry makes, at the sizes of the last run. */
  dispatchCount(entry: EntryName = "forward"): number {
    if (!this.lastSizes) throw new ModelInputError("nothing has run yet, so the sizes are not known");
    return this.dispatches(this.entry(entry).commands, this.lastSizes).length;
  }

  /**
   * What one run of an entry spends on each kernel, at the sizes of the last run: every
   * dispatch submitted alone and waited for, the median of three, summed per kernel; slowest
   * first. For finding where the time goes (rnnc bench --kernels); a run submits its
   * dispatches together, so the sum is above the run's own time by each dispatch's overhead.
   */
  async kernelTimes(entry: EntryName = "forward"): Promise<{ kernel: string; dispatches: number; ms: number }[]> {
    if (!this.lastSizes || !this.sized) throw new ModelInputError("nothing has run yet, so the sizes are not known");
    const totals = new Map<number, { dispatches: number; ms: number }>();
    for (const d of this.dispatches(this.entry(entry).commands, this.lastSizes)) {
      const times: number[] = [];
      for (let r = 0; r < 3; r++) {
        const encoder = this.device.createCommandEncoder();
        const pass = encoder.beginComputePass();
        this.encode(pass, [d], this.sized);
        pass.end();
        const start = performance.now();
        this.device.queue.submit([encoder.finish()]);
        await this.device.queue.onSubmittedWorkDone();
        times.push(performance.now() - start);
      }
      const total = totals.get(d.kernel) ?? { dispatches: 0, ms: 0 };
      total.dispatches++;
      total.ms += times.sort((a, b) => a - b)[1];
      totals.set(d.kernel, total);
    }
    return [...totals].map(([k, t]) => ({ kernel: this.manifest.kernels[k].name, ...t })).sort((a, b) => b.ms - a.ms);
  }

  /**
   * Choose how each product kernel an entry dispatches runs, at the sizes of these inputs: a
   * variant cached for this adapter, else the fastest the compiler lists, each timed over all
   * of the kernel's dispatches in a run (the median of `rounds`). First the tile's rows at the
   * compiled workgroup, then the workgroup's shape at the rows chosen; the compiled variant
   * stays unless another is 5% faster. The outputs stay the same to the bit. Returns each
   * kernel's variant now.
   */
  async tune(inputs: Inputs | Record<string, NamedTensor>, options: { entry?: EntryName; sizes?: Record<string, number>; rounds?: number } = {}): Promise<Record<string, Variant>> {
    const name = options.entry ?? "forward";
    const cache = this.tuning?.cache ?? memoryCache();
    const sizes = bindSizes(this.manifest, inputs as Tensors, options.sizes);
    const tuned = new Map<number, Variant>();
    this.tuning?.tuned.set(`${name}@${JSON.stringify(sizes)}`, tuned);
    // One run first, so that every kernel reads the values a run gives it.
    await this.submit(inputs as Tensors, { entry: name, sizes: options.sizes, read: [] });
    const commands = this.entry(name).commands;
    const chosen: Record<string, Variant> = {};
    for (const kernel of new Set(this.dispatches(commands, sizes).map((d) => d.kernel))) {
      const spec = this.manifest.kernels[kernel];
      if (!spec.workgroups && !spec.tileRows) continue;
      const key = choiceKey(spec, sizes);
      const cached = cache.get(key);
      let best = cached && isListed(spec, cached, this.device.limits) ? cached : undefined;
      if (!best) {
        // Timings on a shared machine are noisy: another variant must be clearly faster.
        const time = (v: Variant) => this.timeVariant(kernel, v, commands, sizes, options.rounds ?? 3);
        const compiled = compiledVariant(spec);
        let bestMs = (await time(compiled)) * (1 - CLEARLY_FASTER);
        best = compiled;
        const tryEach = async (variants: Variant[]) => {
          for (const v of variants.filter((v) => !sameVariant(v, best!))) {
            const ms = await time(v);
            if (ms < bestMs) [best, bestMs] = [v, ms];
          }
        };
        await tryEach((spec.tileRows ?? []).map((rows) => ({ workgroup: compiled.workgroup, rows })));
        await tryEach(shapesAllowed(spec, this.device.limits).map((workgroup) => ({ ...best!, workgroup })));
        cache.set(key, best);
      }
      await this.useVariant(kernel, best);
      tuned.set(kernel, best);
      chosen[spec.name] = best;
    }
    return chosen;
  }

  /**
   * Tune before a run. Tuning reruns the entry and its kernels over the workspace, so where the
   * run keeps values a run before left there (`keep`, `preserve`: a state carried between
   * generated tokens), the workspace is copied aside first and back after.
   */
  private async tuneKeeping(inputs: Record<string, NamedTensor>, sizes: Record<string, number>, options: SubmitOptions & { entry: EntryName }) {
    const tune = () => this.tune(inputs, { entry: options.entry, sizes: options.sizes });
    if (!options.keep?.length && !options.preserve?.length) return void (await tune());
    const sized = await this.buffersFor(sizes, options.preserve); // the kept values, at these sizes
    this.lastSizes = sizes;
    const dev = this.device;
    const work = sized.buffers.slice(1);
    const copyAll = (from: GPUBuffer[], to: GPUBuffer[]) => {
      const encoder = dev.createCommandEncoder();
      from.forEach((b, i) => encoder.copyBufferToBuffer(b, 0, to[i], 0, b.size));
      dev.queue.submit([encoder.finish()]);
    };
    const aside = await checked(dev, "copying the workspace aside to tune", () => work.map((b) => dev.createBuffer({ size: b.size, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST })));
    try {
      copyAll(work, aside);
      await tune();
      copyAll(aside, work);
      await dev.queue.onSubmittedWorkDone();
    } finally {
      aside.forEach((b) => b.destroy());
    }
  }

  /** ms of a kernel's dispatches in one run of these commands as this variant, the median of `rounds` after a warm-up. */
  private async timeVariant(kernel: number, variant: Variant, commands: Command[], sizes: Record<string, number>, rounds: number): Promise<number> {
    const previous = [this.pipelines[kernel], this.variants[kernel]] as const;
    await this.useVariant(kernel, variant);
    const list = this.dispatches(commands, sizes).filter((d) => d.kernel === kernel);
    const times: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      const encoder = this.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      this.encode(pass, list, this.sized!);
      pass.end();
      const start = performance.now();
      this.device.queue.submit([encoder.finish()]);
      await this.device.queue.onSubmittedWorkDone();
      if (r) times.push(performance.now() - start);
    }
    [this.pipelines[kernel], this.variants[kernel]] = previous;
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  }

  /** Run a kernel as this variant from now on. */
  private async useVariant(kernel: number, variant: Variant) {
    if (sameVariant(this.variants[kernel], variant)) return;
    const id = `${kernel}:${variantText(variant)}`;
    const spec = this.manifest.kernels[kernel];
    if (!this.shaped.has(id)) this.shaped.set(id, await this.device.createComputePipelineAsync(pipelineDescriptor(this.device, spec, this.modules[kernel], this.layouts[kernel], variant)));
    this.pipelines[kernel] = this.shaped.get(id)!;
    this.variants[kernel] = variant;
  }

  /** Where an input or output lives in the workspace (element offset and count) for these sizes. */
  location(name: string, sizes: Record<string, number>): { offset: number; count: number } {
    const spec = this.manifest.inputs.find((i) => i.name === name) ?? this.manifest.outputs.find((o) => o.name === name);
    if (!spec) throw new ModelInputError(`the model has no input or output '${name}'`);
    return { offset: evalSize(spec.offset, sizes), count: elements(spec.shape, sizes) };
  }

  /** Read an input's or output's region as the last submission left it (e.g. a carried state). */
  async read(name: string): Promise<NamedTensor> {
    if (!this.lastSizes || !this.sized) throw new ModelInputError(`nothing has run yet, so '${name}' holds nothing`);
    const sizes = this.lastSizes;
    const spec = this.manifest.inputs.find((i) => i.name === name) ?? this.manifest.outputs.find((o) => o.name === name)!;
    const { offset, count } = this.location(name, sizes);
    return { shape: concrete(spec.shape, sizes), data: await readBack(this.device, this.sized.buffers[spec.buffer], offset, count) };
  }

  /** Copy the GPU's parameters back into `params` (after training steps changed them there). */
  async syncParams(): Promise<void> {
    this.params.set(await readBack(this.device, this.paramBuffer, 0, this.params.length));
  }

  /**
   * Upload the inputs given, and with `derive` (only gradients read them) make those made
   * from ids (isDerivedInput), from the ids given or from zeros, as the ids then are; unless
   * the ids are in `keep`. Returns the inputs not given, for the caller to clear or keep.
   */
  private writeInputs(inputs: Record<string, NamedTensor>, sizes: Record<string, number>, sized: SizedBuffers, keep: string[] = [], derive = true): InputSpec[] {
    const given = (name: string) => (Object.hasOwn(inputs, name) ? inputs[name] : undefined); // an input may be named `constructor`
    const write = (spec: InputSpec, data: ArrayLike<number>) =>
      this.device.queue.writeBuffer(sized.buffers[spec.buffer], evalSize(spec.offset, sizes) * 4, data instanceof Float32Array ? data : Float32Array.from(data));
    const missing: InputSpec[] = [];
    for (const spec of this.manifest.inputs) {
      if (isDerivedInput(spec)) continue;
      const t = given(spec.name);
      if (t) write(spec, t.data);
      else missing.push(spec);
    }
    for (const spec of this.manifest.inputs) {
      if (!derive || spec.role !== "segments" || keep.includes(spec.of!)) continue;
      const source = this.manifest.inputs.find((i) => i.name === spec.of)!;
      const ids = given(source.name)?.data ?? new Float32Array(elements(source.shape, sizes));
      const { segments, order } = idSegments(ids, (spec.shape[0] as number) - 1);
      write(spec, segments);
      write(this.manifest.inputs.find((i) => i.name === spec.name.replace(/^segments\./, "order."))!, order);
    }
    return missing;
  }

  /**
   * Buffers depend on the run-time sizes; keep the last set while the sizes stay the same.
   * Sizes that cannot fit are refused before the old buffers are touched, so the model stays usable.
   */
  private async buffersFor(sizes: Record<string, number>, preserve: string[] = []): Promise<SizedBuffers> {
    const key = this.manifest.runtimeSizes.map((s) => sizes[s]).join(",");
    if (this.sized?.key === key) return this.sized;
    const old = this.sized && preserve.length ? { sized: this.sized, sizes: this.lastSizes! } : undefined;
    const dev = this.device;
    const given = Object.entries(sizes).map(([k, v]) => `${k}=${v}`).join(", ");
    const steps = Math.max(1, ...loopCounts(this.manifest, sizes));
    const bytes = this.manifest.buffers.map((b) => Math.max(16, evalSize(b.size, sizes) * 4));
    const uniformBytes = steps * UNIFORM_STRIDE;
    for (const [what, n] of [["workspace", bytes[1]], ["per-step sizes", uniformBytes]] as const) {
      const tooBig = exceedsLimits(n, dev.limits, what === "per-step sizes");
      if (tooBig) throw new ModelInputError(`these sizes (${given}) need ${mib(n)} for the ${what} buffer, more than this device allows (${tooBig}); use a smaller batch or sequence length`);
    }
    // The old buffers go first, unless values are copied out of them.
    const retired = this.sized ? [...this.sized.buffers.slice(1), this.sized.uniform] : [];
    if (!old) retired.splice(0).forEach((b) => b.destroy());
    this.sized = undefined;
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const created: GPUBuffer[] = [];
    const buffers = await checked(
      dev,
      `allocating ${mib(bytes[1])} of GPU memory for sizes ${given}`,
      () =>
        this.manifest.buffers.map((b, i) => {
          if (i === 0) return this.paramBuffer;
          const buffer = dev.createBuffer({ label: b.name, size: bytes[i], usage });
          created.push(buffer);
          return buffer;
        }),
      () => created.forEach((b) => b.destroy()),
    );
    const fields = this.manifest.uniformFields;
    const slot = new Uint32Array(UNIFORM_STRIDE / 4);
    const data = new Uint32Array((steps * UNIFORM_STRIDE) / 4);
    for (let s = 0; s < steps; s++) {
      fields.forEach((f, i) => (slot[i] = f === "step" ? s : sizes[f]));
      data.set(slot, (s * UNIFORM_STRIDE) / 4);
    }
    const uniform = await checked(dev, `allocating ${mib(uniformBytes)} for the per-step sizes`, () => dev.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }), () => created.forEach((b) => b.destroy()));
    dev.queue.writeBuffer(uniform, 0, data);
    const uniformSize = Math.ceil((fields.length * 4) / 16) * 16;
    const bindGroups = this.manifest.kernels.map((k, i) =>
      dev.createBindGroup({
        layout: this.layouts[i],
        entries: [{ binding: 0, resource: { buffer: uniform, size: uniformSize } }, ...k.bindings.map((b, j) => ({ binding: j + 1, resource: { buffer: buffers[b.buffer] } }))],
      }),
    );
    this.sized = { key, buffers, uniform, bindGroups };
    if (old) {
      const encoder = dev.createCommandEncoder();
      for (const name of preserve) {
        const spec = this.manifest.inputs.find((i) => i.name === name)!;
        const [from, to] = [this.location(name, old.sizes), this.location(name, sizes)];
        const count = Math.min(from.count, to.count);
        if (count) encoder.copyBufferToBuffer(old.sized.buffers[spec.buffer], from.offset * 4, buffers[spec.buffer], to.offset * 4, count * 4);
      }
      dev.queue.submit([encoder.finish()]);
    }
    for (const b of retired) b.destroy(); // after the copies are queued
    return this.sized;
  }

  /** Every dispatch of an entry, in order, with the time step it reads from the uniform. */
  private dispatches(commands: Command[], sizes: Record<string, number>): Dispatch[] {
    const maxGroups = this.device.limits.maxComputeWorkgroupsPerDimension;
    const out: Dispatch[] = [];
    const visit = (list: Command[], step: number) => {
      for (const c of list) {
        if (c.kind === "loop") {
          const n = evalSize(c.count, sizes);
          for (let s = 0; s < n; s++) visit(c.body, s);
          continue;
        }
        const kernel = c.oneRow !== undefined && evalSize(c.elements[1], sizes) === 1 ? c.oneRow : c.kernel;
        const k = this.manifest.kernels[kernel];
        const v = this.variants[kernel];
        const tile = (i: number) => (i === 1 && v.rows !== undefined ? v.rows : k.tile[i]);
        const groups = c.elements.map((e, i) => Math.ceil(evalSize(e, sizes) / (tile(i) * (v.workgroup[i] ?? 1))));
        if (groups.some((g) => g === 0)) continue;
        if (groups.length === 1 && groups[0] > maxGroups) groups.push(Math.ceil(groups[0] / maxGroups)), (groups[0] = maxGroups);
        out.push({ kernel, step, groups });
      }
    };
    visit(commands, 0);
    return out;
  }

  private encode(pass: GPUComputePassEncoder, list: Dispatch[], sized: SizedBuffers) {
    for (const d of list) {
      pass.setPipeline(this.pipelines[d.kernel]);
      pass.setBindGroup(0, sized.bindGroups[d.kernel], [d.step * UNIFORM_STRIDE]);
      pass.dispatchWorkgroups(d.groups[0], d.groups[1] ?? 1, d.groups[2] ?? 1);
    }
  }

  /**
   * For debugging a run whose outputs hold NaN or infinity: the first kernel that writes one.
   * Runs the entry again with fewer and fewer dispatches (a binary search from a cleared
   * workspace), reading the whole workspace each time, so it is slow; undefined if none appears.
   * `about` is the kernel's own comment: what it computes and from which .cell lines.
   */
  async firstNonFinite(inputs: Record<string, NamedTensor>, entry: EntryName = "forward"): Promise<{ kernel: string; about: string; step: number; value: number } | undefined> {
    const commands = this.entry(entry).commands;
    const sizes = bindSizes(this.manifest, inputs);
    const sized = await this.buffersFor(sizes);
    this.lastSizes = sizes;
    const list = this.dispatches(commands, sizes);
    const dev = this.device;
    const work = sized.buffers[1];
    /** The first non-finite value in the workspace after the first `count` dispatches, if any. */
    const after = async (count: number): Promise<number | undefined> => {
      const clear = dev.createCommandEncoder();
      clear.clearBuffer(work);
      dev.queue.submit([clear.finish()]);
      dev.queue.writeBuffer(this.paramBuffer, 0, this.params);
      this.writeInputs(inputs, sizes, sized);
      const encoder = dev.createCommandEncoder();
      const pass = encoder.beginComputePass();
      this.encode(pass, list.slice(0, count), sized);
      pass.end();
      const staged = stage(dev, encoder, work, 0, work.size / 4);
      dev.queue.submit([encoder.finish()]);
      return (await staged.read()).find((v) => !Number.isFinite(v));
    };
    const last = await after(list.length);
    if (last === undefined) return undefined;
    const before = await after(0);
    if (before !== undefined) return { kernel: "(inputs)", about: "an input holds it", step: 0, value: before };
    let [lo, hi, value] = [0, list.length, last]; // clean after lo dispatches, not after hi
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      const bad = await after(mid);
      if (bad === undefined) lo = mid;
      else [hi, value] = [mid, bad];
    }
    const d = list[hi - 1];
    const kernel = this.manifest.kernels[d.kernel];
    return { kernel: kernel.name, about: kernel.wgsl.split("\n")[0].replace(/^\/\/ [^:]*: /, ""), step: d.step, value };
  }

  destroy() {
    if (this.sized) for (const b of [...this.sized.buffers, this.sized.uniform]) b.destroy();
    else this.paramBuffer.destroy();
  }
}

/**
 * One watcher per device for its loss, shared by its models. (A callback per model on
 * `device.lost` would keep every model, and its pipelines, alive as long as the device.)
 */
const losses = new WeakMap<GPUDevice, { reason?: string }>();
function watchLoss(device: GPUDevice): { reason?: string } {
  let loss = losses.get(device);
  if (!loss) {
    const state: { reason?: string } = {};
    device.lost.then((info) => (state.reason = info.message || info.reason || "unknown reason"));
    losses.set(device, (loss = state));
  }
  return loss;
}

/** A kernel's pipeline, running as this variant where the kernel lets the runtime choose. */
function pipelineDescriptor(dev: GPUDevice, k: Manifest["kernels"][number], module: GPUShaderModule, layout: GPUBindGroupLayout, variant: Variant): GPUComputePipelineDescriptor {
  const constants = variantConstants(k, variant);
  const compute: GPUProgrammableStage = { module, entryPoint: "main", ...(Object.keys(constants).length ? { constants } : {}) };
  return { label: k.name, layout: dev.createPipelineLayout({ bindGroupLayouts: [layout] }), compute };
}

/** A shape at these run-time sizes. */
const concrete = (shape: (number | string)[], sizes: Record<string, number>) => shape.map((d) => (typeof d === "number" ? d : sizes[d]));

/** Elements of a tensor of `shape` at these run-time sizes. */
const elements = (shape: (number | string)[], sizes: Record<string, number>) => evalSize(product(shape), sizes);

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;

/** Which device limit a buffer of `bytes` passes, if any. */
function exceedsLimits(bytes: number, limits: GPUSupportedLimits, uniform = false): string | undefined {
  if (bytes > limits.maxBufferSize) return `maxBufferSize = ${mib(limits.maxBufferSize)}`;
  if (!uniform && bytes > limits.maxStorageBufferBindingSize) return `maxStorageBufferBindingSize = ${mib(limits.maxStorageBufferBindingSize)}`;
  return undefined;
}

/**
 * Run `work` with the GPU's out-of-memory and validation errors caught: on one (or on an
 * exception, after the scopes are closed), undo what was made and throw.
 */
async function checked<T>(dev: GPUDevice, what: string, work: () => T | Promise<T>, undo?: () => void): Promise<T> {
  dev.pushErrorScope("out-of-memory");
  dev.pushErrorScope("validation");
  let made: T;
  try {
    made = await work();
  } catch (e) {
    await dev.popErrorScope();
    await dev.popErrorScope();
    undo?.();
    throw e;
  }
  const errors = [await dev.popErrorScope(), await dev.popErrorScope()].filter((e): e is GPUError => !!e);
  if (errors.length) {
    undo?.();
    throw new GpuError(`the GPU refused ${what}: ${errors.map((e) => e.message).join("; ")}`);
  }
  return made;
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
  Object.values(manifest.entries).forEach((e) => visit(e.commands));
  return counts;
}
