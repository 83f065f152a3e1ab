// Schedule -> WGSL kernels, a dispatch schedule and the manifest. Every decision about what is
// stored and where was made by the schedule stage (compiler/schedule/); this file prints it:
// the elementwise kernel template, the register-tiled product template, and the step prelude.
import type { Command, KernelSpec, Manifest, SizeExpr, SizeLimit } from "../../../format/manifest.js";
import { constant, product } from "../../../format/sizes.js";
import type { Graph, Node } from "../../ir/graph.js";
import type { Memory } from "../../schedule/memory.js";
import type { ElementwiseKernel, InStep, Place, ProductKernel, Schedule, Step } from "../../schedule/schedule.js";
import { packRegions } from "../../schedule/reuse.js";
import { KernelWriter } from "./kernel.js";
import { Renderer, joinOffset, linearIndex, type Index, type Stored } from "./render.js";
import { wgslDim, wgslSize } from "./wgslSizes.js";

const ELEMENTWISE_WORKGROUP = 64;
const MATMUL_WORKGROUP = [8, 8];
/**
 * Outputs per thread of a product, [rows, columns]: 16x8 accumulators in registers (columns
 * in vec4 groups), each weight read reused 16 times. Chosen on llvmpipe (2 cores) by timing
 * the char-LSTM's product kernels against 4x4, 8x8, 8x16, 16x16 and 32x8 tiles.
 */
const PRODUCT_TILE = [16, 8];

/**
 * A product's tile: PRODUCT_TILE, cut down for a small product (a few columns, or rows fixed
 * at compile time and fewer than 16), where a full tile computes mostly clamped repeats and
 * makes a kernel several times longer to compile.
 */
function productTile(rows: SizeExpr, cols: number): [number, number] {
  const fixedRows = rows.every((t) => t.sizes.length === 0) ? rows.reduce((n, t) => n + t.coef, 0) : undefined;
  const tr = fixedRows === undefined ? PRODUCT_TILE[0] : Math.max(1, Math.min(PRODUCT_TILE[0], fixedRows));
  const tc = cols <= 4 ? 4 : PRODUCT_TILE[1];
  return [tr, tc];
}

/** The lines that open a time step's kernel: the time index, and the history slots read and written. */
function stepPrelude(step: InStep): string[] {
  const count = step.inKernel ? "time_step" : "sizes.step";
  return step.reverse
    ? [`let tau = ${wgslDim(step.length)} - 1u - ${count}; // time index: this run goes backwards`, "let read_slot = tau + 1u;", "let write_slot = tau;"]
    : [`let tau = ${count}; // time index`, "let read_slot = tau;", "let write_slot = tau + 1u;"];
}

export interface CodegenOptions {
  model: string;
  sizes: Record<string, number>;
  runtimeSizes: string[];
  sizeLimits?: SizeLimit[];
  sourceName: string;
  /** Let regions that never live at once share the workspace (the default), or give each its own. */
  reuseMemory?: boolean;
}

export function codegen(schedule: Schedule, opts: CodegenOptions): Manifest {
  return new Codegen(schedule, opts).run();
}

class Codegen {
  private readonly kernels: KernelSpec[] = [];
  private readonly uniformFields: string[];
  private readonly memory: Memory;

  constructor(
    private readonly schedule: Schedule,
    private readonly opts: CodegenOptions,
  ) {
    this.uniformFields = [...opts.runtimeSizes, "step"];
    this.memory = schedule.memory;
  }

  run(): Manifest {
    const s = this.schedule;
    this.planMemory(this.opts.reuseMemory !== false);
    const commands = s.steps.map((step) => this.command(step));
    const entry = (e: { steps: number[]; outputs: string[] }) => ({ outputs: e.outputs, commands: e.steps.map((i) => commands[i]) });
    const parameterCount = s.parameterCount;
    return {
      format: "rnnc-manifest-2",
      model: this.opts.model,
      sizes: this.opts.sizes,
      runtimeSizes: this.opts.runtimeSizes,
      ...(this.opts.sizeLimits?.length ? { sizeLimits: this.opts.sizeLimits } : {}),
      uniformFields: this.uniformFields,
      parameterCount,
      ...(s.trainableCount < parameterCount ? { trainableCount: s.trainableCount } : {}),
      params: s.params,
      inputs: s.inputs.map(({ region, ...i }) => ({ ...i, buffer: 1, offset: this.memory.regions[region].base })),
      outputs: s.outputs.map(({ place, ...o }) => ({ ...o, ...this.memory.physical(place.region, place.offset) })),
      buffers: this.memory.buffers,
      regions: this.memory.regions.slice(1),
      ...(s.gradients !== undefined ? { gradients: this.memory.physical(s.gradients, []) } : {}),
      kernels: this.kernels,
      entries: { forward: entry(s.entries.forward), ...(s.entries.train_step ? { train_step: entry(s.entries.train_step) } : {}) },
    };
  }

  /**
   * Lay out the workspace: regions that never live at once share it (schedule/reuse.ts), or,
   * without reuse, each has its own. Which regions each top-level step touches is what its
   * kernels bind, found by writing them once.
   */
  private planMemory(reuse: boolean) {
    const s = this.schedule;
    const uses = reuse ? s.steps.map((step) => this.regionsOf(step)) : [];
    const persistent = reuse
      ? new Set([...s.inputs.map((i) => i.region), ...s.outputs.map((o) => o.place.region), ...(s.gradients !== undefined ? [s.gradients] : [])])
      : new Set(this.memory.sizes.keys()); // one after another, as created
    const { bases, total } = packRegions({ sizes: this.memory.sizes, uses, persistent });
    this.memory.rebase(bases, total);
  }

  private regionsOf(step: Step): Set<number> {
    if (step.kind === "loop") return new Set(step.body.flatMap((b) => [...this.regionsOf(b)]));
    this.touched = new Set();
    if (step.kind === "elementwise") this.elementwise(step);
    else this.product(step);
    const touched = this.touched;
    this.touched = undefined;
    return touched;
  }
  private touched?: Set<number>;

  private command(step: Step): Command {
    if (step.kind === "loop") return { kind: "loop", count: step.count, body: step.body.map((b) => this.command(b)) };
    const { spec, elements } = step.kind === "elementwise" ? this.elementwise(step) : this.product(step);
    this.kernels.push(spec);
    return { kind: "dispatch", kernel: this.kernels.length - 1, elements };
  }

  /** Bind a place's buffer in a kernel: the array name and the element offset (with the step's slot inside a loop). */
  private ref(w: KernelWriter, place: Place, write = false): Stored {
    this.touched?.add(place.region);
    const p = this.memory.physical(place.region, place.offset);
    const offset = wgslSize(p.offset);
    return { array: w.bind(p.buffer, write), offset: place.slot ? joinOffset(offset, `${place.slot.index} * ${wgslSize(place.slot.stride)}`) : offset };
  }

  private writer(name: string): KernelWriter {
    return new KernelWriter(name, this.uniformFields, (b) => this.memory.buffers[b].name);
  }

  private sourceLines(nodes: Node[]): string {
    const lines = [...new Set(nodes.map((n) => n.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
    if (!lines.length) return this.opts.sourceName;
    return `${this.opts.sourceName}:${lines.length === 1 ? lines[0] : `${lines[0]}-${lines[lines.length - 1]}`}`;
  }

  /**
   * One thread per element of the kernel's shape: computes each output value (fusing every op
   * it depends on that is not stored) and writes it.
   */
  private elementwise(k: ElementwiseKernel): { spec: KernelSpec; elements: SizeExpr[] } {
    const w = this.writer(k.name);
    const outputs = k.outputs.map((o) => ({ ...o, into: this.ref(w, o.into, true) }));
    const r = new Renderer(k.graph, (n) => {
      const place = k.reads(n);
      return place && this.ref(w, place);
    });
    const total = wgslSize(product(k.shape));
    r.emit(`let id = gid.x + gid.y * groups.x * ${ELEMENTWISE_WORKGROUP}u;`);
    r.emit(`if (id >= ${total}) { return; }`);
    const inKernel = k.step?.inKernel;
    if (k.step && !inKernel) for (const line of stepPrelude(k.step)) r.emit(line);
    const index: Index = r.decompose("id", k.shape);
    // Every step in this kernel: each state element stays in a register of the thread that
    // steps it, read from its history once, before the first step.
    const registers = k.step && inKernel ? this.stateRegisters(w, r, k, index) : [];
    if (k.step && inKernel) r.emit(`for (var time_step = 0u; time_step < ${wgslDim(k.step.length)}; time_step++) {`);
    const loopStart = r.lines.length;
    if (k.step && inKernel) for (const line of stepPrelude(k.step)) r.emit(line);
    const finalWrites: string[] = [];
    for (const out of outputs) {
      if (out.finalOnly) {
        // After the loop the state's register holds its last value; the last step's write slot is the final one.
        const register = registers.find((g) => g.next === out.node)!.register;
        const lastSlot = k.step!.reverse ? "0u" : "1u"; // the history's two slots: initial, final
        finalWrites.push(`${out.into.array}[${joinOffset(out.into.offset.replace(/\bwrite_slot\b/g, lastSlot), linearIndex(k.shape.map(wgslDim), index))}] = ${register};`);
        continue;
      }
      const value = r.value(out.node, index);
      // `columns`: this output is a block of columns of a wider row (a part of a concat).
      const [dims, at] = out.columns
        ? [[...k.shape.slice(0, -1), out.columns.of].map(wgslDim), [...index.slice(0, -1), `${index[index.length - 1]} + ${out.columns.start}u`]]
        : [k.shape.map(wgslDim), index];
      r.emit(`${out.into.array}[${joinOffset(out.into.offset, linearIndex(dims, at))}] = ${value};`);
    }
    if (inKernel) {
      // All next values first: one state's next value may be another's register (a shift: u2' = u1).
      const names = registers.map((g) => g.register);
      const nextValues = registers.map(({ register, next }) => {
        const value = r.value(next, index);
        if (!names.includes(value)) return value;
        const copy = r.name(`${register}_next`);
        r.emit(`let ${copy} = ${value};`);
        return copy;
      });
      registers.forEach(({ register }, c) => register !== nextValues[c] && r.emit(`${register} = ${nextValues[c]};`));
      for (let i = loopStart; i < r.lines.length; i++) r.lines[i] = `  ${r.lines[i]}`;
      r.emit("}");
      finalWrites.forEach((line) => r.emit(line));
    }
    const nodes = k.outputs.map((o) => k.graph.nodes[o.node]);
    const names = nodes.map((n) => n.label ?? `%${n.id}`).join(", ");
    const spec = w.finish({
      comment: [`${w.name}: ${k.what ?? `computes ${names}`} (${this.sourceLines(nodes)})`, `one thread per element of [${k.shape.join(", ")}]`],
      body: r.lines,
      workgroup: [ELEMENTWISE_WORKGROUP],
      tile: [1],
    });
    return { spec, elements: [product(k.shape)] };
  }

  /**
   * A steps-in-kernel loop's states as registers: `var` each, loaded from the history slot the
   * first step reads; the renderer reads the register for the state, and `next` (the state's
   * next value) is assigned to it at the end of every step.
   */
  private stateRegisters(w: KernelWriter, r: Renderer, k: ElementwiseKernel, index: Index): { register: string; next: number }[] {
    const step = k.step!;
    const body = k.graph;
    return body.args.slice(0, step.carries ?? 0).map((arg, c) => {
      const node = body.nodes[arg];
      const history = this.ref(w, k.reads(node)!);
      const register = r.name(`${node.label ?? `state${c}`}_now`);
      const twoSlots = k.outputs.some((o) => o.node === body.outputs[c].node && o.finalOnly);
      const firstRead = !step.reverse ? "0u" : twoSlots ? "1u" : wgslDim(step.length);
      const at = joinOffset(history.offset.replace(/\bread_slot\b/g, firstRead), linearIndex(node.shape.map(wgslDim), index));
      r.emit(`var ${register} = ${history.array}[${at}];`);
      r.define(arg, index, register);
      return { register, next: body.outputs[c].node };
    });
  }

  /**
   * One register-tiled kernel shape (productTile outputs per thread) for the three matrix products:
   *   matmul     y[m, n] = sum_k x[m, k] W[n, k]     (x W^T: forward products)
   *   matmul_t   y[m, k] = sum_n g[m, n] W[n, k]     (g W: gradients of the inputs)
   *   outer_sum  y[n, k] = sum_m a[m, n] b[m, k]     (a^T b: gradients of the weights)
   * Leading axes fold into m. `A(row, r)` and `B(col, r)` read the operands at reduction index r.
   * Used at top level and for the products inside a time step.
   */
  private product(k: ProductKernel): { spec: KernelSpec; elements: SizeExpr[] } {
    const w = this.writer(k.name);
    const [a, b, y] = [this.ref(w, k.a), this.ref(w, k.b), this.ref(w, k.y, true)];
    const bias = k.bias && this.ref(w, k.bias);
    const node = k.node;
    const graph: Graph = k.graph;
    const [first, second] = node.inputs.map((i) => graph.nodes[i]);
    const lead = (n: Node) => product(n.shape.slice(0, -1));
    const last = (n: Node) => n.shape[n.shape.length - 1] as number;
    let rows: SizeExpr, cols: number, depth: SizeExpr, label: string;
    let A: (row: string, r: string) => string, B: (col: string, r: string) => string;
    const show = (n: Node) => n.label ?? `%${n.id}`;
    if (node.op === "matmul") {
      const [N, K] = first.shape as number[];
      [rows, cols, depth] = [lead(second), N, constant(K)];
      A = (row, r) => `${b.array}[${joinOffset(b.offset, `${row} * ${K}u + ${r}`)}]`;
      B = (col, r) => `${a.array}[${joinOffset(a.offset, `${col} * ${K}u + ${r}`)}]`;
      label = `${show(first)} @ ${show(second)}`;
    } else if (node.op === "matmul_t") {
      const [N, K] = first.shape as number[];
      [rows, cols, depth] = [lead(second), K, constant(N)];
      A = (row, r) => `${b.array}[${joinOffset(b.offset, `${row} * ${N}u + ${r}`)}]`;
      B = (col, r) => `${a.array}[${joinOffset(a.offset, `${r} * ${K}u + ${col}`)}]`;
      label = `${show(second)} times ${show(first)}`;
    } else {
      const [N, K] = [last(first), last(second)];
      [rows, cols, depth] = [constant(N), K, lead(first)];
      A = (row, r) => `${a.array}[${joinOffset(a.offset, `${r} * ${N}u + ${row}`)}]`;
      B = (col, r) => `${b.array}[${joinOffset(b.offset, `${r} * ${K}u + ${col}`)}]`;
      label = `sum over rows of ${show(first)} (x) ${show(second)}`;
    }
    const [tr, tc] = productTile(rows, cols);
    // Split into parts (split-long-sums): part gid.z adds up rows part, part + parts, ... into its own [rows, cols] block.
    const parts = node.attrs.parts;
    const [kFirst, kStep, yBlock] = parts ? ["gid.z", `${parts}u`, `gid.z * ${wgslSize(rows)} * ${cols}u + `] : ["0u", "1u", ""];
    const plusBias = (value: string, col: string) => (bias ? `${value} + ${bias.array}[${joinOffset(bias.offset, col)}]` : value);
    const tileRows = [...Array(tr).keys()];
    const quads = [...Array(tc / 4).keys()]; // columns in groups of four, one vec4 each
    const tileCols = [...Array(tc).keys()];
    const body = [
      ...(k.step ? stepPrelude(k.step) : []).map((line) => `  ${line}`),
      `  let rows = ${wgslSize(rows)};`,
      `  let depth = ${wgslSize(depth)};`,
      `  let row0 = gid.y * ${tr}u;`,
      `  let col0 = gid.x * ${tc}u;`,
      `  if (row0 >= rows || col0 >= ${cols}u) { return; }`,
      `  // clamp reads at the edges; only in-range results are written`,
      ...tileRows.map((i) => `  let r${i} = min(row0 + ${i}u, rows - 1u);`),
      ...tileCols.map((j) => `  let c${j} = min(col0 + ${j}u, ${cols - 1}u);`),
      ...tileRows.flatMap((i) => quads.map((q) => `  var acc${i}_${q} = vec4f(0.0);`)),
      `  for (var k = ${kFirst}; k < depth; k += ${kStep}) {`,
      ...quads.map((q) => `    let w${q} = vec4f(${[0, 1, 2, 3].map((j) => B(`c${4 * q + j}`, "k")).join(", ")});`),
      ...tileRows.flatMap((i) => [`    let a${i} = ${A(`r${i}`, "k")};`, ...quads.map((q) => `    acc${i}_${q} += a${i} * w${q};`)]),
      `  }`,
      ...tileRows.map(
        (i) => `  if (row0 + ${i}u < rows) { ${tileCols.map((j) => `if (col0 + ${j}u < ${cols}u) { ${y.array}[${joinOffset(y.offset, `${yBlock}(row0 + ${i}u) * ${cols}u + col0 + ${j}u`)}] = ${plusBias(`acc${i}_${j >> 2}[${j & 3}]`, `c${j}`)}; }`).join(" ")} }`,
      ),
    ];
    const spec = w.finish({
      comment: [
        `${w.name}: ${k.what ? `${k.what}: ` : ""}${label}${bias ? " + bias" : ""} (${this.sourceLines([node])})`,
        `a [rows, depth] x [depth, ${cols}] product; each thread computes ${tr}x${tc} outputs in registers${parts ? `, part p = gid.z adding up the rows p, p + ${parts}, p + ${2 * parts}, ...` : ""}`,
      ],
      body,
      workgroup: parts ? [...MATMUL_WORKGROUP, 1] : MATMUL_WORKGROUP,
      tile: parts ? [tc, tr, 1] : [tc, tr],
    });
    return { spec, elements: parts ? [constant(cols), rows, constant(parts)] : [constant(cols), rows] };
  }
}
