// Schedule -> WGSL kernels, a dispatch schedule and the manifest. Every decision about what is
// stored and where was made by the schedule stage (compiler/schedule/); this file prints it:
// the elementwise kernel template, the register-tiled product template, and the step prelude.
import type { Command, KernelSpec, Manifest, SizeExpr, SizeLimit } from "../../../format/manifest.js";
import { constant, fixedValue, product } from "../../../format/sizes.js";
import { sameDims, type Graph, type Node } from "../../ir/graph.js";
import { axisOf, isElementwise } from "../../ir/ops/index.js";
import type { Memory } from "../../schedule/memory.js";
import type { ElementwiseKernel, InStep, Place, ProductKernel, Schedule, Step } from "../../schedule/schedule.js";
import { ALIGN, isAligned } from "../../schedule/memory.js";
import { packRegions } from "../../schedule/reuse.js";
import { KernelWriter } from "./kernel.js";
import { Renderer, inFours, joinOffset, linearIndex, type Index, type Stored } from "./render.js";
import { wgslDim, wgslSize } from "./wgslSizes.js";

const ELEMENTWISE_WORKGROUP = 64;
// The fours of elements a thread of a kernel running every step of a loop takes, the most that
// divides the last axis. On llvmpipe, minGRU's training step at T = 4,096 took 171-195 ms with
// one, 119-123 with two, 93-100 with four, 81-85 with eight and 94-103 with sixteen
// (docs/parallel-scan.md): eight keeps a workgroup of eight threads, one SIMD row.
const LOOP_FOURS = [8, 4, 2, 1];
/** Threads per workgroup of a product; fewer for the vec4 form: more workgroups to share among the cores when a product has few rows (a step's batch). */
const MATMUL_THREADS = 64;
const VEC4_THREADS = 16;
const ONE_ROW_THREADS = 64;
/**
 * Outputs per thread of a product, [rows, columns], chosen on llvmpipe (2 cores) by timing
 * products of the shapes W1 and W2 run, from 4x4 to 32x16:
 * - scalar: one float per read (some stride or offset not a whole vec4); each read reused 16 or 8 times;
 * - vec4: four floats per read; a product of 32 rows (a step at batch 32) runs within 20% of
 *   the rate of one of thousands;
 * - oneRow: a product of one row (batch-1 generation), the variant dispatched then; it reads
 *   each weight once, so memory bounds it, whatever the tile.
 */
const PRODUCT_TILE = { scalar: [16, 8], vec4: [16, 12], oneRow: [1, 8] } as const;
/** Rows (batch) per thread of a step fused with its epilogue, each with four units of every gate: 16 x 16 outputs for an LSTM (timed on llvmpipe against 4, 8 and 32 rows). */
const FUSED_ROWS = 16;

/**
 * A product's tile, cut down for a small product (a few columns, or rows fixed at compile time
 * and fewer than the tile), where a full tile computes mostly clamped repeats and makes a kernel
 * several times longer to compile. `rowsInFours`: rows are read four at a time.
 */
function productTile(rows: SizeExpr, cols: number, tile: readonly number[], rowsInFours: boolean): [number, number] {
  const fixedRows = fixedValue(rows);
  const fewer = (n: number) => (rowsInFours ? Math.max(4, Math.ceil(n / 4) * 4) : Math.max(1, n));
  const tr = fixedRows === undefined ? tile[0] : Math.min(tile[0], fewer(fixedRows));
  // Columns: the tile's width; for a narrow product (at most two tiles wide), the width up to 16
  // that computes the fewest clamped repeats, the widest on a tie (16 columns: one tile of 16,
  // not two of 12).
  const computed = (w: number) => Math.ceil(cols / w) * w;
  const widths = cols > 2 * tile[1] ? [tile[1]] : [16, 12, 8, 4];
  const tc = widths.reduce((best, w) => (computed(w) < computed(best) ? w : best));
  return [tr, tc];
}

/**
 * A product's workgroup: `threads` in all, as many across as the columns have tiles (up to 8),
 * the rest down the rows. llvmpipe runs eight neighbouring threads as one SIMD row, so a narrow
 * product (16 columns: two tiles) laid out 8 across would leave most of each row idle.
 */
function productWorkgroup(cols: number, tc: number, threads: number): [number, number] {
  let across = 1;
  while (across < 8 && across * tc < cols) across *= 2;
  return [across, threads / across];
}

/**
 * The rows a thread's tile may have instead of `tr`, per adapter (override tile_rows): halved
 * down to one. A hardware GPU keeps a thread's accumulators in registers only for a small tile;
 * llvmpipe's 16 rows would spill there. None where `tr` is not a power of two above one.
 */
function tileRowChoices(tr: number): number[] | undefined {
  if (tr < 2 || (tr & (tr - 1)) !== 0) return undefined;
  const choices = [tr];
  while (choices[choices.length - 1] > 1) choices.push(choices[choices.length - 1] / 2);
  return choices;
}

/** The guard of a tile's row `i` where the runtime sets the tile's rows (row 0 is always there). */
const rowIsInTile = (i: number, tunable: boolean) => (tunable && i > 0 ? `${i}u < tile_rows && ` : "");

/**
 * A place's slot index as WGSL. A two-slot history's turns count from the end of a loop that
 * dispatches each step (sizes.step counts its dispatches), so that the last step writes slot 0.
 */
function slotIndex(slot: NonNullable<Place["slot"]>): string {
  const length = slot.length === undefined ? "" : wgslDim(slot.length);
  if (slot.index === "read_turn") return `((${length} - sizes.step) % 2u)`;
  if (slot.index === "write_turn") return `((${length} - 1u - sizes.step) % 2u)`;
  if (slot.index === "first_turn") return `(${length} % 2u)`;
  return slot.index;
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
  /** Products read four floats at a time where strides allow (the default), or one. */
  vec4Products?: boolean;
  /** Products with rows counted at run time also get a one-row kernel (the default). */
  oneRowProducts?: boolean;
  /** Elementwise kernels compute four elements at a time along the last axis where every value allows it (the default), or one. */
  vec4Elementwise?: boolean;
  /** A kernel running every step of a loop keeps its workgroup's threads at the same step (the default), or lets each run ahead. */
  lockstepLoops?: boolean;
  /** Such a kernel computes up to eight fours of elements a thread, side by side, where the last axis allows (the default), or one. */
  foursTogetherInLoops?: boolean;
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
   * Lay out the workspace: regions that never live at once share it, as may a loop's output
   * and the input it overwrites (schedule/reuse.ts, inPlace.ts), or, without reuse, each has
   * its own. Which regions each top-level step touches is what its kernels bind, found by
   * writing them once.
   */
  private planMemory(reuse: boolean) {
    const s = this.schedule;
    const uses = reuse ? s.steps.map((step) => this.regionsOf(step)) : [];
    const persistent = reuse
      ? new Set([...s.inputs.map((i) => i.region), ...s.outputs.map((o) => o.place.region), ...(s.gradients !== undefined ? [s.gradients] : [])])
      : new Set(this.memory.sizes.keys()); // one after another, as created
    const { bases, total } = packRegions({ sizes: this.memory.sizes, uses, persistent, inPlace: reuse ? s.inPlace : [] });
    this.memory.rebase(bases, total);
  }

  private regionsOf(step: Step): Set<number> {
    if (step.kind === "loop") return new Set(step.body.flatMap((b) => [...this.regionsOf(b)]));
    const unfused = step.kind === "product" && step.epilogue && !this.fusedStep(step);
    if (unfused) return new Set([{ ...step, epilogue: undefined }, ...step.epilogue!.kernels].flatMap((k) => [...this.regionsOf(k)]));
    this.touched = new Set();
    if (step.kind === "elementwise") this.elementwise(step);
    else if (step.epilogue) this.fusedStep(step);
    else this.product(step);
    const touched = this.touched;
    this.touched = undefined;
    return touched;
  }
  private touched?: Set<number>;

  private command(step: Step): Command {
    if (step.kind === "loop") return { kind: "loop", count: step.count, body: step.body.flatMap((b) => this.stepCommands(b)) };
    const { spec, elements } = step.kind === "elementwise" ? this.elementwise(step) : this.product(step);
    this.kernels.push(spec);
    const kernel = this.kernels.length - 1;
    // A product whose rows are counted at run time also gets a kernel for one row, which the
    // runtime dispatches when there is one (batch-1 generation): its full tile would compute
    // mostly clamped repeats of that row.
    const rows = elements[1];
    if (step.kind !== "product" || step.node.op === "outer_sum" || fixedValue(rows) !== undefined || this.opts.oneRowProducts === false) return { kind: "dispatch", kernel, elements };
    this.kernels.push(this.product(step, true).spec);
    return { kind: "dispatch", kernel, elements, oneRow: this.kernels.length - 1 };
  }

  /**
   * A loop's step: a product and its epilogue as one kernel where the four-at-a-time forms fit
   * them (fusedStep), else as the two kernels they were.
   */
  private stepCommands(step: Step): Command[] {
    if (step.kind !== "product" || !step.epilogue) return [this.command(step)];
    const fused = this.fusedStep(step);
    if (!fused) return [this.command({ ...step, epilogue: undefined }), ...step.epilogue.kernels.map((k) => this.command(k))];
    this.kernels.push(fused.spec);
    const kernel = this.kernels.length - 1;
    if (fixedValue(fused.elements[1]) !== undefined || this.opts.oneRowProducts === false) return [{ kind: "dispatch", kernel, elements: fused.elements }];
    this.kernels.push(this.fusedStep(step, true)!.spec); // for one row (batch-1 generation), as a product has
    return [{ kind: "dispatch", kernel, elements: fused.elements, oneRow: this.kernels.length - 1 }];
  }

  /**
   * A step as one kernel (schedule/stepEpilogue.ts). Each thread computes `rows` rows of the
   * product for four hidden units of every gate, in registers, reading four floats at a time as
   * the vec4 product does; then the step's elementwise outputs for those rows and units, four
   * units at a time, from those registers. Undefined where those forms do not fit (a width not
   * a multiple of four, a place not on a whole vec4): the step then runs its two kernels.
   */
  private fusedStep(k: ProductKernel, oneRow = false): { spec: KernelSpec; elements: SizeExpr[] } | undefined {
    const { kernels, gates } = k.epilogue!;
    const node = k.node;
    const [W, h] = node.inputs.map((i) => k.graph.nodes[i]);
    const [N, K] = W.shape as number[];
    const H = N / gates;
    const rowCount = product(h.shape.slice(0, -1));
    const p: ProductShape = { rows: rowCount, cols: N, depth: constant(K), A: { place: k.b, along: "depth", stride: K }, B: { place: k.a, along: "depth", stride: K } };
    if (H % 4 !== 0 || K % 4 !== 0 || !this.fitsVec4(p, k, undefined) || !kernels.every((e) => this.fitsFour(e))) return undefined;
    const tr = oneRow ? 1 : FUSED_ROWS;
    const name = k.name;
    const w = this.writer(oneRow ? `${name}_one_row` : name, "vec4f");
    const [a, b] = [this.ref(w, p.A.place, false, true), this.ref(w, p.B.place, false, true)];
    // Each kernel over a gate's width writes at these units; one over the product's, at them in every gate.
    const outputs = kernels.flatMap((e) => e.outputs.map((o) => ({ ...o, into: this.ref(w, o.into, true, true), wide: e.shape.at(-1) !== H, shape: e.shape })));
    // The product itself, where it is a step's output (a GRU's U·h, saved for the backward loop).
    if (k.y.slot) outputs.push({ node: node.id, into: this.ref(w, k.y, true, true), wide: true, shape: node.shape });
    // The kernels were planned at the same point of the step, so they read the same values.
    const reads = kernels[0].reads;
    const graph = kernels[0].graph;
    const r = new Renderer(
      graph,
      (n) => {
        if (n.id === node.id) throw new Error(`${name}: the fused step reads its product other than by a gate's slice`);
        const place = reads(n);
        return place && this.readRef(w, place, true);
      },
      true,
    );
    const rows = [...Array(tr).keys()];
    const cols = [...Array(4 * gates).keys()]; // column 4g + u: unit u of gate g
    const tileRows = oneRow ? undefined : tileRowChoices(tr);
    const tile = dotTile(a.array, b.array, tr, cols.length, !!tileRows);
    // The product's names, kept from the epilogue's values (a cell may name a value `k`).
    for (const taken of ["rows", "row0", "unit0", "quad", "k", ...rows.flatMap((i) => [`a_row${i}`, `a${i}`, ...cols.map((j) => `acc${i}_${j}`)]), ...cols.flatMap((j) => [`b_col${j}`, `w${j}`])]) r.name(taken);
    for (const line of stepPrelude(k.step!)) r.emit(line);
    r.emit(`let rows = ${wgslSize(rowCount)};`);
    r.emit(`let row0 = gid.y * ${tileRows ? "tile_rows" : `${tr}u`};`);
    r.emit(`let unit0 = gid.x * 4u; // four hidden units, of every gate`);
    r.emit(`if (row0 >= rows || unit0 >= ${H}u) { return; }`);
    r.emit(`let quad = unit0 / 4u;`);
    for (const i of rows) r.emit(`let a_row${i} = ${joinOffset(a.offset, `min(row0 + ${i}u, rows - 1u) * ${K / 4}u`)};`);
    for (const j of cols) r.emit(`let b_col${j} = ${joinOffset(b.offset, `(${Math.floor(j / 4) * H}u + unit0 + ${j % 4}u) * ${K / 4}u`)};`);
    tile.accumulators.forEach((line) => r.emit(line));
    r.emit(`for (var k = 0u; k < ${K / 4}u; k++) {`);
    tile.step.forEach((line) => r.emit(`  ${line}`));
    r.emit(`}`);
    // The epilogue, a row at a time: gate g of these four units is vec4(acc_i_4g .. acc_i_4g+3).
    for (const i of rows) {
      r.block(`if (${rowIsInTile(i, !!tileRows)}row0 + ${i}u < rows)`, () => {
        const index = [...r.decompose(`row0 + ${i}u`, h.shape.slice(0, -1)), "quad"];
        const gateValues = [...Array(gates).keys()].map((g) => {
          const gate = r.name(`${node.label ?? "product"}_gate${g}`);
          r.emit(`let ${gate} = vec4f(${[0, 1, 2, 3].map((u) => `acc${i}_${4 * g + u}`).join(", ")});`);
          r.define(node.id, [...index.slice(0, -1), `quad + ${(g * H) / 4}u`], gate);
          return gate;
        });
        if (gates === 1) r.define(node.id, index, gateValues[0]); // read whole (an RNN's U·h), not sliced
        // Every value first, then the writes, as an elementwise kernel does (inPlace.ts).
        const writes = outputs.flatMap((o) =>
          (o.wide ? [...Array(gates).keys()].map((g) => `quad + ${(g * H) / 4}u`) : ["quad"]).map((at) => {
            const where = [...index.slice(0, -1), at];
            return `${o.into.array}[${joinOffset(o.into.offset, linearIndex(inFours(o.shape).map(wgslDim), where))}] = ${r.value(o.node, where)};`;
          }),
        );
        writes.forEach((line) => r.emit(line));
      });
    }
    const outputNodes = outputs.map((o) => graph.nodes[o.node]);
    const names = outputNodes.map((n) => n.label ?? `%${n.id}`).join(", ");
    const spec = w.finish({
      comment: [
        `${w.name}: ${kernels[0].what ?? "one time step"}: ${W.label ?? "W"} @ ${h.label ?? "h"} for every gate, then ${names} from it (${this.sourceLines([node, ...outputNodes])})`,
        `each thread: ${tr} row${tr > 1 ? "s" : ""} of the product${tileRows ? " (fewer if the adapter's tile_rows says)" : ""} for four hidden units of each of ${gates} gates, in registers, then the step's outputs for them`,
      ],
      body: r.lines,
      ...this.workgroups(oneRow, (threads) => productWorkgroup(H, 4, threads), VEC4_THREADS),
      tile: [4, tr],
      tileRows,
    });
    return { spec, elements: [constant(H), rowCount] };
  }

  /**
   * Bind a place's buffer in a kernel: the array name and the element offset (with the step's
   * slot inside a loop); `inFours`: the offset in vec4s, for an aligned place in a vec4 view.
   */
  private ref(w: KernelWriter, place: Place, write = false, inFours = false): Stored {
    this.touched?.add(place.region);
    const p = this.memory.physical(place.region, place.offset);
    const scale = (e: SizeExpr) => (inFours ? e.map((t) => ({ ...t, coef: t.coef / ALIGN })) : e);
    const offset = wgslSize(scale(p.offset));
    return { array: w.bind(p.buffer, write), offset: place.slot ? joinOffset(offset, `${slotIndex(place.slot)} * ${wgslSize(scale(place.slot.stride))}`) : offset };
  }

  private writer(name: string, element: "f32" | "vec4f" = "f32"): KernelWriter {
    return new KernelWriter(name, this.uniformFields, (b) => this.memory.buffers[b].name, element);
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
    // Four elements at a time along the last axis where every value allows it (fitsFour).
    const four = this.fitsFour(k);
    const w = this.writer(k.name, four ? "vec4f" : "f32");
    const outputs = k.outputs.map((o) => ({ ...o, into: this.ref(w, o.into, true, four) }));
    const r = new Renderer(
      k.graph,
      (n) => {
        const place = k.reads(n);
        return place && this.readRef(w, place, four);
      },
      four,
    );
    const shape = four ? inFours(k.shape) : k.shape; // what the threads count
    const inKernel = k.step?.inKernel;
    // A kernel running every step takes several fours a thread, side by side (up to
    // LOOP_FOURS, as many as divide the last axis): what they all read at the example's row
    // (x_t, for a small W·x_t or a weight's gradient) is read once for all, and on llvmpipe
    // each storage read is a loop over the SIMD lanes. Its workgroups shrink by as much, so
    // there are as many of them, each at least one SIMD row of eight.
    const lastAxis = shape[shape.length - 1];
    const per = inKernel && four && this.opts.foursTogetherInLoops !== false && typeof lastAxis === "number" ? LOOP_FOURS.find((n) => lastAxis % n === 0)! : 1;
    const threadShape = per === 1 ? shape : [...shape.slice(0, -1), (lastAxis as number) / per];
    const workgroup = ELEMENTWISE_WORKGROUP / per;
    const total = wgslSize(product(threadShape));
    // Every step in this kernel, in lockstep: a barrier after each step, so no thread leaves
    // early; those past the end step the last element with the others, writing nothing.
    const lockstep = inKernel && this.opts.lockstepLoops !== false;
    const thread = `gid.x + gid.y * groups.x * ${workgroup}u`;
    for (const line of lockstep ? [`let in_range = ${thread} < ${total};`, `let id = min(${thread}, ${total} - 1u);`] : [`let id = ${thread};`, `if (id >= ${total}) { return; }`]) r.emit(line);
    const written = (line: string) => (lockstep ? `if (in_range) { ${line} }` : line);
    if (k.step && !inKernel) for (const line of stepPrelude(k.step)) r.emit(line);
    const threadIndex: Index = r.decompose("id", threadShape);
    // The elements this thread computes: its four, or its fours side by side.
    const indices: Index[] =
      per === 1 ? [threadIndex] : [...Array(per).keys()].map((u) => [...threadIndex.slice(0, -1), `(${threadIndex[threadIndex.length - 1]} * ${per}u + ${u}u)`]);
    // Every step in this kernel: each state element stays in a register of the thread that
    // steps it, read from its history once, before the first step.
    const registers = k.step && inKernel ? indices.flatMap((index) => this.stateRegisters(w, r, k, index, four)) : [];
    // What is the same at every step (a bias) is read once, before the loop: on llvmpipe every
    // storage read costs a loop over the SIMD lanes, and the shader compiler keeps each in place.
    const hoisted: string[] = [];
    const forLine = r.lines.length;
    if (k.step && inKernel) r.beforeLoop(hoisted, this.sameEveryStep(k));
    if (k.step && inKernel) r.emit(`for (var time_step = 0u; time_step < ${wgslDim(k.step.length)}; time_step++) {`);
    const loopStart = r.lines.length;
    if (k.step && inKernel) for (const line of stepPrelude(k.step)) r.emit(line);
    const finalWrites: string[] = [];
    // Every value first, then the writes: an output may be written over an input the kernel
    // reads at the same element (schedule/inPlace.ts).
    const writes: string[] = [];
    for (const [index, out] of indices.flatMap((at) => outputs.map((o) => [at, o] as const))) {
      // A state adding up a weight's gradient is [K, ...the kernel's shape]: the thread writes
      // its K elements, one above another (rowAccumulators, timeInKernel.ts).
      const rows = this.rowsAbove(k, out.node);
      const rowAt = (row: number | undefined) => (row === undefined ? index : [`${row}u`, ...index]);
      const rowDims = (rows ? [rows, ...shape] : shape).map(wgslDim);
      if (out.finalOnly) {
        // After the loop the state's register holds its last value; the last step's write slot is the final one.
        const lastSlot = k.step!.reverse ? "0u" : "1u"; // the history's two slots: initial, final
        for (const { register, row } of registers.filter((g) => g.next === out.node && g.index === index))
          finalWrites.push(written(`${out.into.array}[${joinOffset(out.into.offset.replace(/\bwrite_slot\b/g, lastSlot), linearIndex(rowDims, rowAt(row)))}] = ${register};`));
        continue;
      }
      if (rows) {
        for (let row = 0; row < rows; row++) writes.push(written(`${out.into.array}[${joinOffset(out.into.offset, linearIndex(rowDims, rowAt(row)))}] = ${r.value(out.node, rowAt(row))};`));
        continue;
      }
      const value = r.value(out.node, index);
      // `columns`: this output is a block of columns of a wider row (a part of a concat).
      const width = four ? 4 : 1;
      const [dims, at] = out.columns
        ? [[...k.shape.slice(0, -1), out.columns.of / width].map(wgslDim), [...index.slice(0, -1), `${index[index.length - 1]} + ${out.columns.start / width}u`]]
        : [shape.map(wgslDim), index];
      writes.push(written(`${out.into.array}[${joinOffset(out.into.offset, linearIndex(dims, at))}] = ${value};`));
    }
    // All next values first: one state's next value may be another's register (a shift:
    // u2' = u1), and before the writes, as they may read what a write replaces.
    const registerNames = registers.map((g) => g.register);
    const nextValues = registers.map(({ register, next, row, index }) => {
      const value = r.value(next, row === undefined ? index : [`${row}u`, ...index]);
      if (!registerNames.includes(value)) return value;
      const copy = r.name(`${register}_next`);
      r.emit(`let ${copy} = ${value};`);
      return copy;
    });
    writes.forEach((line) => r.emit(line));
    if (inKernel) {
      registers.forEach(({ register }, c) => register !== nextValues[c] && r.emit(`${register} = ${nextValues[c]};`));
      // On llvmpipe a workgroup's SIMD rows otherwise each run every step in turn, each reading
      // a sliver of every step's rows; in lockstep they read each step's rows together.
      if (lockstep) r.emit("workgroupBarrier();");
      for (let i = loopStart; i < r.lines.length; i++) r.lines[i] = `  ${r.lines[i]}`;
      r.emit("}");
      finalWrites.forEach((line) => r.emit(line));
      r.lines.splice(forLine, 0, ...hoisted);
    }
    const nodes = k.outputs.map((o) => k.graph.nodes[o.node]);
    const names = nodes.map((n) => n.label ?? `%${n.id}`).join(", ");
    const spec = w.finish({
      comment: [`${w.name}: ${k.what ?? `computes ${names}`} (${this.sourceLines(nodes)})`, `one thread per ${per > 1 ? `${4 * per} elements (${per} fours)` : four ? "four elements" : "element"}${four ? " along the last axis" : ""} of [${k.shape.join(", ")}]`],
      body: r.lines,
      workgroup: [workgroup],
      tile: [1],
    });
    return { spec, elements: [product(threadShape)] };
  }

  /** A place a kernel reads: its offset in floats, and in vec4s too where `four` and it is aligned. */
  private readRef(w: KernelWriter, place: Place, four: boolean): Stored {
    const stored = this.ref(w, place);
    return four && this.aligned(place) ? { ...stored, fours: this.ref(w, place, false, true).offset } : stored;
  }

  /** Whether a place starts on a whole vec4 and, inside a loop, steps by whole vec4s. */
  private aligned(place: Place): boolean {
    const at = this.memory.physical(place.region, place.offset).offset;
    return isAligned(at) && (!place.slot || isAligned(place.slot.stride));
  }

  /**
   * Whether an elementwise kernel can run four elements at a time along its last axis: that
   * axis a multiple of four, every value it computes either as wide (a vec4f) or one element
   * across it (an f32, spread), every vec4f read from an aligned place or computed by
   * elementwise ops and slices of whole vec4s, and every output written at whole vec4s. On
   * llvmpipe every storage access is a loop over the SIMD lanes, so four floats per access
   * cost about as much as one.
   */
  private fitsFour(k: ElementwiseKernel): boolean {
    const width = k.shape.at(-1);
    if (this.opts.vec4Elementwise === false || typeof width !== "number" || width % 4 !== 0) return false;
    if (!k.outputs.every((o) => this.aligned(o.into) && (!o.columns || (o.columns.start % 4 === 0 && o.columns.of % 4 === 0)))) return false;
    const lastOf = (n: Node) => (n.shape.length ? n.shape[n.shape.length - 1] : 1);
    const wide = (n: Node) => lastOf(n) !== 1;
    const seen = new Set<number>();
    const fits = (n: Node): boolean => {
      if (seen.has(n.id)) return true;
      seen.add(n.id);
      const place = k.reads(n);
      if (place) return !wide(n) || ((lastOf(n) as number) % 4 === 0 && this.aligned(place));
      if (n.op === "const") return true;
      if (wide(n) && (typeof lastOf(n) !== "number" || (lastOf(n) as number) % 4 !== 0)) return false;
      const inputs = n.inputs.map((i) => k.graph.nodes[i]);
      if (isElementwise(n.op)) return inputs.every((i) => (!wide(i) || wide(n)) && fits(i));
      if (n.op === "slice") {
        const lastAxis = axisOf(n.attrs, n.shape.length) === n.shape.length - 1;
        return (!lastAxis || (n.attrs.start! % 4 === 0 && wide(n))) && fits(inputs[0]);
      }
      if (n.op === "index") return fits(inputs[0]);
      // W·x_t computed here (ir/stepProducts.ts): four rows of W, each dotted with x_t four floats at a time.
      if (n.op === "matmul") {
        const [w, x] = inputs.map((i) => k.reads(i));
        return !!w && !!x && wide(n) && this.aligned(w) && this.aligned(x) && (inputs[0].shape[1] as number) % 4 === 0;
      }
      // δ's four elements times one element of x, read from a vec4 of it.
      if (n.op === "outer_step") {
        const x = k.reads(inputs[1]);
        return wide(inputs[0]) && fits(inputs[0]) && !!x && (lastOf(inputs[1]) as number) % 4 === 0 && this.aligned(x);
      }
      return false;
    };
    return k.outputs.every((o) => fits(k.graph.nodes[o.node]));
  }

  /**
   * In a kernel that runs every step: the values that are the same at every step, each one
   * expression (a read from a place that does not move with the step, a constant, or
   * elementwise work and slices of such values).
   */
  private sameEveryStep(k: ElementwiseKernel): (node: Node) => boolean {
    const memo = new Map<number, boolean>();
    const invariant = (n: Node): boolean => {
      if (memo.has(n.id)) return memo.get(n.id)!;
      const place = k.reads(n);
      const result = place
        ? !place.slot
        : n.op === "const" || ((isElementwise(n.op) || n.op === "slice") && n.inputs.every((i) => invariant(k.graph.nodes[i])));
      memo.set(n.id, result);
      return result;
    };
    return invariant;
  }

  /**
   * A steps-in-kernel loop's states as registers: `var` each, loaded from the history slot the
   * first step reads; the renderer reads the register for the state, and `next` (the state's
   * next value) is assigned to it at the end of every step.
   */
  private stateRegisters(w: KernelWriter, r: Renderer, k: ElementwiseKernel, index: Index, four: boolean): { register: string; next: number; row?: number; index: Index }[] {
    const step = k.step!;
    const body = k.graph;
    return body.args.slice(0, step.carries ?? 0).flatMap((arg, c) => {
      const node = body.nodes[arg];
      const next = body.outputs[c].node;
      const history = this.ref(w, k.reads(node)!, false, four);
      const twoSlots = k.outputs.some((o) => o.node === next && o.finalOnly);
      const firstRead = !step.reverse ? "0u" : twoSlots ? "1u" : wgslDim(step.length);
      // A weight's gradient added up a step at a time: a register for each of the K elements above the thread's own.
      const rows = this.rowsAbove(k, next);
      return (rows ? [...Array(rows).keys()] : [undefined]).map((row) => {
        const register = r.name(`${node.label ?? `state${c}`}${row === undefined ? "" : `_${row}`}_now`);
        const at = row === undefined ? index : [`${row}u`, ...index];
        const place = joinOffset(history.offset.replace(/\bread_slot\b/g, firstRead), linearIndex((four ? inFours(node.shape) : node.shape).map(wgslDim), at));
        r.emit(`var ${register} = ${history.array}[${place}];`);
        r.define(arg, at, register);
        return { register, next, row, index };
      });
    });
  }

  /** K where a kernel's output is [K, ...the kernel's shape] (a state adding up a weight's gradient), else undefined. */
  private rowsAbove(k: ElementwiseKernel, node: number): number | undefined {
    const shape = k.graph.nodes[node].shape;
    return shape.length === k.shape.length + 1 && typeof shape[0] === "number" && sameDims(shape.slice(1), k.shape) ? shape[0] : undefined;
  }

  /**
   * The three matrix products, each thread computing a tile of outputs in registers:
   *   matmul     y[m, n] = sum_k x[m, k] W[n, k]     (x W^T: forward products)
   *   matmul_t   y[m, k] = sum_n g[m, n] W[n, k]     (g W: gradients of the inputs)
   *   outer_sum  y[n, k] = sum_m a[m, n] b[m, k]     (a^T b: gradients of the weights)
   * Leading axes fold into m. Operand A gives the tile's rows, B its columns; each is read along
   * the reduction or along the tile, whichever is contiguous in memory. Where every stride and
   * offset is a whole vec4 the kernel reads and writes four floats at a time (vec4Product), else
   * one (scalarProduct). Used at top level and for the products inside a time step.
   * `oneRow`: the variant for a product of a single row (batch-1 generation).
   */
  private product(k: ProductKernel, oneRow = false): { spec: KernelSpec; elements: SizeExpr[] } {
    const node = k.node;
    const graph: Graph = k.graph;
    const [first, second] = node.inputs.map((i) => graph.nodes[i]);
    const lead = (n: Node) => product(n.shape.slice(0, -1));
    const last = (n: Node) => n.shape[n.shape.length - 1] as number;
    const show = (n: Node) => n.label ?? `%${n.id}`;
    let p: ProductShape;
    if (node.op === "matmul") {
      const [N, K] = first.shape as number[];
      p = { rows: lead(second), cols: N, depth: constant(K), A: { place: k.b, along: "depth", stride: K }, B: { place: k.a, along: "depth", stride: K } };
      p.label = `${show(first)} @ ${show(second)}`;
    } else if (node.op === "matmul_t") {
      const [N, K] = first.shape as number[];
      p = { rows: lead(second), cols: K, depth: constant(N), A: { place: k.b, along: "depth", stride: N }, B: { place: k.a, along: "tile", stride: K } };
      p.label = `${show(second)} times ${show(first)}`;
    } else {
      const [N, K] = [last(first), last(second)];
      p = { rows: constant(N), cols: K, depth: lead(first), A: { place: k.a, along: "tile", stride: N }, B: { place: k.b, along: "tile", stride: K } };
      p.label = `sum over rows of ${show(first)} (x) ${show(second)}`;
    }
    const parts = node.attrs.parts; // split-long-sums: part gid.z adds up the rows p, p + parts, ... into its own [rows, cols] block
    const wide = this.fitsVec4(p, k, parts);
    const w = this.writer(oneRow ? `${k.name}_one_row` : k.name, wide ? "vec4f" : "f32");
    const [tr, tc] = oneRow ? PRODUCT_TILE.oneRow : productTile(p.rows, p.cols, wide ? PRODUCT_TILE.vec4 : PRODUCT_TILE.scalar, p.A.along === "tile");
    const refs = { a: this.ref(w, p.A.place, false, wide), b: this.ref(w, p.B.place, false, wide), y: this.ref(w, k.y, true, wide), bias: k.bias && this.ref(w, k.bias, false, wide) };
    // The runtime may set the rows of the tile of a matmul read four floats at a time (dotTile).
    const tileRows = wide && p.B.along === "depth" && !oneRow ? tileRowChoices(tr) : undefined;
    const body = [
      ...(k.step ? stepPrelude(k.step) : []),
      `let rows = ${wgslSize(p.rows)};`,
      `let depth = ${wgslSize(p.depth)};`,
      `let row0 = gid.y * ${tileRows ? "tile_rows" : `${tr}u`};`,
      `let col0 = gid.x * ${tc}u;`,
      `if (row0 >= rows || col0 >= ${p.cols}u) { return; }`,
      ...(wide ? vec4Product(p, refs, tr, tc, parts, !!tileRows) : scalarProduct(p, refs, tr, tc, parts)),
    ].map((line) => `  ${line}`);
    const spec = w.finish({
      comment: [
        `${w.name}: ${k.what ? `${k.what}: ` : ""}${p.label}${k.bias ? " + bias" : ""} (${this.sourceLines([node])})`,
        `a [rows, depth] x [depth, ${p.cols}] product; each thread computes ${tr}x${tc} outputs in registers${tileRows ? " (fewer rows if the adapter's tile_rows says)" : ""}${wide ? ", reading four floats at a time" : ""}${parts ? `, part p = gid.z adding up the rows p, p + ${parts}, p + ${2 * parts}, ...` : ""}`,
      ],
      body,
      ...this.workgroups(oneRow, (threads) => productWorkgroup(p.cols, tc, threads), wide ? VEC4_THREADS : MATMUL_THREADS, parts !== undefined),
      tile: parts ? [tc, tr, 1] : [tc, tr],
      tileRows,
    });
    return { spec, elements: parts ? [constant(p.cols), p.rows, constant(parts)] : [constant(p.cols), p.rows] };
  }

  /**
   * A product's workgroup (`threads` laid out by `layout`; a one-row product's all across), and
   * the shapes the runtime may choose from instead per adapter: 16 to 256 threads laid out the
   * same way. A hardware GPU runs 32 or 64 threads in lockstep, where llvmpipe's 16 (chosen for
   * its two cores, llvmpipe running a workgroup on one) would leave half of them idle.
   */
  private workgroups(oneRow: boolean, layout: (threads: number) => number[], threads: number, parts = false): { workgroup: number[]; workgroups: number[][] } {
    const lay = (n: number) => [...(oneRow ? [n, 1] : layout(n)), ...(parts ? [1] : [])];
    const workgroup = lay(oneRow ? ONE_ROW_THREADS : threads);
    const shapes = [workgroup, ...[16, 32, 64, 128, 256].map(lay)];
    return { workgroup, workgroups: shapes.filter((s, i) => shapes.findIndex((t) => t.join() === s.join()) === i) };
  }

  /** Whether a product can read and write four floats at a time: every offset and stride it steps by a whole vec4. */
  private fitsVec4(p: ProductShape, k: ProductKernel, parts: number | undefined): boolean {
    if (this.opts.vec4Products === false) return false;
    const aligned = (place: Place) => {
      const at = this.memory.physical(place.region, place.offset).offset;
      return isAligned(at) && (!place.slot || isAligned(place.slot.stride));
    };
    const depthFits = (o: ProductOperand) => o.along === "tile" || (isAligned(p.depth) && !parts);
    return (
      p.cols % ALIGN === 0 &&
      [p.A, p.B].every((o) => o.stride % ALIGN === 0 && aligned(o.place) && depthFits(o)) &&
      (p.A.along === "depth" || isAligned(p.rows)) &&
      aligned(k.y) &&
      (!k.bias || aligned(k.bias))
    );
  }
}

/** A product as the kernel templates see it: its extent, and where its operands' values are. */
interface ProductShape {
  rows: SizeExpr;
  cols: number;
  depth: SizeExpr;
  A: ProductOperand; // a row of the tile at each reduction index
  B: ProductOperand; // a column of the tile at each reduction index
  label?: string;
}

/** Value (i, r), i a row (A) or column (B) of the tile and r the reduction index, at `i * stride + r` (along depth) or `r * stride + i` (along the tile). */
interface ProductOperand {
  place: Place;
  along: "depth" | "tile";
  stride: number;
}

type ProductRefs = { a: Stored; b: Stored; y: Stored; bias?: Stored };

/** The kernel body after the bounds check, one float at a time: vec4 accumulators over groups of four columns. */
function scalarProduct(p: ProductShape, refs: ProductRefs, tr: number, tc: number, parts: number | undefined): string[] {
  const element = (o: ProductOperand, at: Stored, i: string, r: string) => `${at.array}[${joinOffset(at.offset, o.along === "depth" ? `${i} * ${o.stride}u + ${r}` : `${r} * ${o.stride}u + ${i}`)}]`;
  const [kFirst, kStep, yBlock] = parts ? ["gid.z", `${parts}u`, `gid.z * rows * ${p.cols}u + `] : ["0u", "1u", ""];
  const bias = refs.bias;
  const plusBias = (value: string, col: string) => (bias ? `${value} + ${bias.array}[${joinOffset(bias.offset, col)}]` : value);
  const tileRows = [...Array(tr).keys()];
  const quads = [...Array(tc / 4).keys()]; // columns in groups of four, one vec4 each
  const tileCols = [...Array(tc).keys()];
  return [
    `// clamp reads at the edges; only in-range results are written`,
    ...tileRows.map((i) => `let r${i} = min(row0 + ${i}u, rows - 1u);`),
    ...tileCols.map((j) => `let c${j} = min(col0 + ${j}u, ${p.cols - 1}u);`),
    ...tileRows.flatMap((i) => quads.map((q) => `var acc${i}_${q} = vec4f(0.0);`)),
    `for (var k = ${kFirst}; k < depth; k += ${kStep}) {`,
    ...quads.map((q) => `  let w${q} = vec4f(${[0, 1, 2, 3].map((j) => element(p.B, refs.b, `c${4 * q + j}`, "k")).join(", ")});`),
    ...tileRows.flatMap((i) => [`  let a${i} = ${element(p.A, refs.a, `r${i}`, "k")};`, ...quads.map((q) => `  acc${i}_${q} += a${i} * w${q};`)]),
    `}`,
    ...tileRows.map(
      (i) =>
        `if (row0 + ${i}u < rows) { ${tileCols
          .map((j) => `if (col0 + ${j}u < ${p.cols}u) { ${refs.y.array}[${joinOffset(refs.y.offset, `${yBlock}(row0 + ${i}u) * ${p.cols}u + col0 + ${j}u`)}] = ${plusBias(`acc${i}_${j >> 2}[${j & 3}]`, `c${j}`)}; }`)
          .join(" ")} }`,
    ),
  ];
}

/**
 * A tile of `rows` x `cols` dot products along the depth, four floats at a time: acc{i}_{j}
 * adds dot(a{i}, w{j}) at each step k, A's row i read from a_row{i} and B's row j from
 * b_col{j} (vec4 offsets the caller declares). Shared by the matmul and the fused step.
 */
function dotTile(a: string, b: string, rows: number, cols: number, tunableRows = false): { accumulators: string[]; step: string[] } {
  const [tileRows, tileCols] = [[...Array(rows).keys()], [...Array(cols).keys()]];
  const row = (i: number) => [`let a${i} = ${a}[a_row${i} + k];`, ...tileCols.map((j) => `acc${i}_${j} += dot(a${i}, w${j});`)];
  return {
    accumulators: tileRows.flatMap((i) => tileCols.map((j) => `var acc${i}_${j} = 0.0;`)),
    step: [
      ...tileCols.map((j) => `let w${j} = ${b}[b_col${j} + k];`),
      // A row past the runtime's tile_rows sits behind a constant condition: the shader compiler drops it.
      ...tileRows.flatMap((i) => (tunableRows && i > 0 ? [`if (${i}u < tile_rows) {`, ...row(i).map((l) => `  ${l}`), `}`] : row(i))),
    ],
  };
}

/**
 * The kernel body after the bounds check, four floats at a time (every offset and stride a whole
 * vec4, fitsVec4; the arrays are vec4 views). An operand along the reduction is read four
 * reduction steps at a time; one along the tile, four rows or columns at a time. On llvmpipe
 * every storage read is a loop over the SIMD lanes, so a read of four floats costs little more
 * than one: a quarter of the reads is what makes this form faster.
 */
function vec4Product(p: ProductShape, refs: ProductRefs, tr: number, tc: number, parts: number | undefined, tunableRows = false): string[] {
  const tileRows = [...Array(tr).keys()];
  const tileCols = [...Array(tc).keys()];
  const quads = [...Array(tc / 4).keys()];
  const rowQuads = [...Array(Math.max(1, tr / 4)).keys()];
  // Offsets in vec4s (ref with inFours).
  const lines = [
    `let a_base = ${refs.a.offset};`,
    `let b_base = ${refs.b.offset};`,
    `let y_base = ${refs.y.offset};`,
    ...(refs.bias ? [`let bias_base = ${refs.bias.offset};`] : []),
  ];
  const depthSteps = p.A.along === "depth"; // read four reduction steps at a time
  // Where each tile row's (or group of four rows') and column's values start; reads clamped
  // at the edges, and only in-range results written.
  if (p.A.along === "depth") lines.push(...tileRows.map((i) => `let a_row${i} = a_base + min(row0 + ${i}u, rows - 1u) * ${p.A.stride / 4}u;`));
  else lines.push(...rowQuads.map((q) => `let a_rows${q} = a_base + min(row0 + ${4 * q}u, rows - 4u) / 4u;`));
  if (p.B.along === "depth") lines.push(...tileCols.map((j) => `let b_col${j} = b_base + min(col0 + ${j}u, ${p.cols - 1}u) * ${p.B.stride / 4}u;`));
  else lines.push(...quads.map((q) => `let b_cols${q} = b_base + min(col0 + ${4 * q}u, ${p.cols - 4}u) / 4u;`));
  const [a, b] = [refs.a.array, refs.b.array];
  const s4 = ["x", "y", "z", "w"];
  let accumulate: string[];
  let result: (i: number, q: number) => string;
  if (p.B.along === "depth") {
    // matmul: both along the reduction; a scalar accumulator per output, four products at a time.
    const tile = dotTile(a, b, tr, tc, tunableRows);
    lines.push(...tile.accumulators);
    accumulate = tile.step;
    result = (i, q) => `vec4f(${[0, 1, 2, 3].map((c) => `acc${i}_${4 * q + c}`).join(", ")})`;
  } else if (depthSteps) {
    // matmul_t: A along the reduction, B along the columns; a vec4 accumulator per four columns.
    lines.push(...tileRows.flatMap((i) => quads.map((q) => `var acc${i}_${q} = vec4f(0.0);`)));
    accumulate = [
      ...[0, 1, 2, 3].flatMap((s) => quads.map((q) => `let w${s}_${q} = ${b}[b_cols${q} + (4u * k + ${s}u) * ${p.B.stride / 4}u];`)),
      ...tileRows.flatMap((i) => [`let a${i} = ${a}[a_row${i} + k];`, ...quads.map((q) => `acc${i}_${q} += ${[0, 1, 2, 3].map((s) => `a${i}.${s4[s]} * w${s}_${q}`).join(" + ")};`)]),
    ];
    result = (i, q) => `acc${i}_${q}`;
  } else {
    // outer_sum: both along the tile; four rows and four columns per read.
    lines.push(...tileRows.flatMap((i) => quads.map((q) => `var acc${i}_${q} = vec4f(0.0);`)));
    accumulate = [
      ...rowQuads.map((r) => `let a${r} = ${a}[a_rows${r} + k * ${p.A.stride / 4}u];`),
      ...quads.map((q) => `let w${q} = ${b}[b_cols${q} + k * ${p.B.stride / 4}u];`),
      ...tileRows.flatMap((i) => quads.map((q) => `acc${i}_${q} += a${i >> 2}.${s4[i & 3]} * w${q};`)),
    ];
    result = (i, q) => `acc${i}_${q}`;
  }
  const [kFirst, kStep] = parts ? ["gid.z", `${parts}u`] : ["0u", "1u"];
  const kEnd = depthSteps ? `depth / 4u` : "depth";
  lines.push(`for (var k = ${kFirst}; k < ${kEnd}; k += ${kStep}) {`, ...accumulate.map((l) => `  ${l}`), `}`);
  const cols4 = p.cols / 4;
  const yBlock = parts ? `gid.z * rows * ${cols4}u + ` : "";
  const withBias = (value: string, q: number) => (refs.bias ? `${value} + ${refs.bias.array}[bias_base + col0 / 4u + ${q}u]` : value);
  lines.push(
    ...tileRows.map(
      (i) =>
        `if (${rowIsInTile(i, tunableRows)}row0 + ${i}u < rows) { ${quads
          .map((q) => `if (col0 + ${4 * q}u < ${p.cols}u) { ${refs.y.array}[y_base + ${yBlock}(row0 + ${i}u) * ${cols4}u + col0 / 4u + ${q}u] = ${withBias(result(i, q), q)}; }`)
          .join(" ")} }`,
    ),
  );
  return lines;
}
