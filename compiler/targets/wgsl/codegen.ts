// IR -> kernels + buffers + a dispatch schedule (the manifest). Values are fused into the
// kernels that consume them; only what must be stored gets a region of memory:
//  - graph outputs, scan inputs, matrix-product operands, values used more than once;
//  - every stored tensor is a region of one workspace buffer, so a kernel binds two buffers;
//  - a scan's carries live in history regions of T+1 slots (step t reads one slot and writes
//    the next), so the per-step outputs and the final state are views, never copies.
import type { BufferSpec, Command, KernelSpec, Manifest, ParamSpec, SizeExpr } from "../../../format/manifest.js";
import { sameDims, type Graph, type GraphOutput, type Node, type ScanAttrs, type Shape } from "../../ir/graph.js";
import { KernelWriter } from "./kernel.js";
import { add, constant, product, times } from "../../../format/sizes.js";
import { isProduct, isReduction, isView } from "../../ir/ops/index.js";
import { Renderer, joinOffset, linearIndex, type Index, type Stored } from "./render.js";
import { wgslDim, wgslSize } from "./wgslSizes.js";

/**
 * Whether a loop that reads `id` (a product's operand, say) should read it stored: it reads
 * each element many times, so anything more than a couple of elementwise ops, or any loop of
 * its own, is cheaper computed once.
 */
function needsStoring(graph: Graph, id: number, isStored: (n: Node) => boolean): boolean {
  let work = 0;
  const seen = new Set<number>();
  const visit = (i: number): boolean => {
    const n = graph.nodes[i];
    if (isStored(n) || seen.has(i) || n.op === "input" || n.op === "param" || n.op === "const" || n.op === "arg") return false;
    seen.add(i);
    if (isReduction(n.op)) return true;
    if (!isView(n.op)) work++;
    return work > 2 || n.inputs.some(visit);
  };
  return visit(id);
}

/**
 * A concat along the last axis of parts of one shape (the four gate gradients of an LSTM):
 * stored with one thread per element of a part computing every part, so work the parts share
 * is done once.
 */
function equalParts(graph: Graph, n: Node): (number[] & { width: number }) | undefined {
  if (n.op !== "concat" || n.attrs.axis === 0 || n.inputs.length < 2) return undefined;
  const shapes = n.inputs.map((i) => graph.nodes[i].shape);
  if (!shapes.every((s) => sameDims(s, shapes[0]))) return undefined;
  return Object.assign([...n.inputs], { width: shapes[0].at(-1) as number });
}

const numel = (shape: Shape) => shape.reduce<number>((a, d) => a * (d as number), 1);

interface Location {
  buffer: number;
  offset: SizeExpr;
}

const WORK = 1; // the workspace buffer
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

/**
 * The longest chain of ops inlined into one expression. A longer chain (hundreds of statements,
 * each using the last) is stored part-way: kernels stay small and rendering, which recurses
 * along the chain, stays shallow.
 */
const MAX_INLINE_DEPTH = 64;

/** How many unstored ops a value inlines, given its inputs' depths (0 when stored). */
const chainDepth = (node: Node, depths: Map<number, number>) => 1 + Math.max(0, ...node.inputs.map((i) => depths.get(i) ?? 0));

export function codegen(graph: Graph, opts: { model: string; sizes: Record<string, number>; runtimeSizes: string[]; sourceName: string }): Manifest {
  return new Codegen(graph, opts).run();
}

class Codegen {
  // Two physical buffers: all parameters, and one workspace holding every other tensor in its
  // own region, so a kernel binds at most two storage buffers however many tensors it reads.
  private readonly buffers: BufferSpec[] = [{ name: "params", size: [] }, { name: "work", size: [] }];
  private readonly regions: { name: string; base: SizeExpr }[] = [{ name: "params", base: [] }];
  private readonly kernels: KernelSpec[] = [];
  private readonly params: ParamSpec[] = [];
  private readonly locations = new Map<number, Location>();
  private readonly scanResults = new Map<number, Location[]>();
  private readonly consumers: number[];
  private commands: Command[] = [];
  // Top-level commands, each with the node whose value it computes: an entry runs those its outputs need.
  private readonly topLevel = this.commands;
  private readonly computes: number[] = [];
  private computing = -1;
  private trainableCount = 0;
  private readonly uniformFields: string[];

  constructor(
    private readonly graph: Graph,
    private readonly opts: { model: string; sizes: Record<string, number>; runtimeSizes: string[]; sourceName: string },
  ) {
    this.uniformFields = [...opts.runtimeSizes, "step"];
    this.consumers = graph.nodes.map(() => 0);
    for (const n of graph.nodes) for (const i of n.inputs) this.consumers[i]++;
    for (const o of graph.outputs) this.consumers[o.node]++;
  }

  run(): Manifest {
    const manifest: Manifest = {
      format: "rnnc-manifest-2",
      model: this.opts.model,
      sizes: this.opts.sizes,
      runtimeSizes: this.opts.runtimeSizes,
      uniformFields: this.uniformFields,
      parameterCount: 0,
      params: this.params,
      inputs: [],
      outputs: [],
      buffers: this.buffers,
      kernels: this.kernels,
      entries: { forward: { outputs: [], commands: [] } },
    };
    const paramOffsets = this.layOutParams();
    // Parameter gradients go side by side in the parameters' own layout, at the start of the
    // workspace, so an optimizer updates every parameter in one pass over two flat vectors.
    const paramNodes = new Map(this.graph.nodes.filter((n) => n.op === "param").map((n) => [n.attrs.name!, n]));
    const gradientOf = (o: GraphOutput) => (o.role === "gradient" ? paramNodes.get(o.of!) : undefined);
    const hasGradients = this.graph.outputs.some((o) => gradientOf(o));
    const totalParams = [...paramNodes.values()].reduce((n, p) => n + numel(p.shape), 0);
    const gradientRegion = hasGradients ? this.buffer("gradients", [Math.max(totalParams, 1)]) : undefined;
    const depths = new Map<number, number>();
    for (const node of this.graph.nodes) {
      this.computing = node.id;
      switch (node.op) {
        case "input": {
          const buffer = this.buffer(node.attrs.name!, node.shape);
          this.locations.set(node.id, { buffer, offset: [] });
          const ids = node.attrs.ids ? { ids: this.idLimit(node) } : {};
          const role = { role: node.attrs.role ?? "data", ...(node.attrs.of !== undefined ? { of: node.attrs.of } : {}) };
          manifest.inputs.push({ name: node.attrs.name!, shape: node.shape, buffer: WORK, offset: this.regions[buffer].base, optional: !!node.attrs.optional, ...role, ...ids });
          break;
        }
        case "param": {
          const offset = paramOffsets.get(node.id)!;
          this.locations.set(node.id, { buffer: 0, offset: constant(offset) });
          this.params.push({ name: node.attrs.name!, shape: node.shape, offset, init: node.attrs.init!, ...(node.attrs.constant ? { constant: true } : {}) });
          break;
        }
        case "concat":
          if (node.attrs.axis === 0 && this.isStackOfAdjacentParams(node, paramOffsets)) this.locations.set(node.id, this.locations.get(node.inputs[0])!);
          else if (this.consumers[node.id] > 1) this.materialize(node.id);
          break;
        case "scan":
          this.scan(node);
          break;
        case "get":
          this.locations.set(node.id, this.scanResults.get(node.inputs[0])![node.attrs.index!]);
          break;
        case "index": {
          const from = this.locations.get(node.inputs[0]);
          if (from) this.locations.set(node.id, { buffer: from.buffer, offset: add(from.offset, times(constant(node.attrs.index!), product(node.shape))) });
          break;
        }
        case "matmul":
        case "matmul_t":
        case "outer_sum":
          this.product(node);
          break;
        default:
          if (isReduction(node.op)) for (const i of node.inputs) if (needsStoring(this.graph, i, (n) => this.locations.has(n.id))) this.materialize(i);
          if (this.consumers[node.id] > 1 && node.op !== "const") this.materialize(node.id);
          else if (chainDepth(node, depths) > MAX_INLINE_DEPTH) this.materialize(node.id);
      }
      depths.set(node.id, this.locations.has(node.id) ? 0 : chainDepth(node, depths));
    }
    const parameterCount = this.params.reduce((n, p) => n + numel(p.shape), 0);
    this.buffers[0].size = constant(Math.max(parameterCount, 1));
    manifest.parameterCount = parameterCount;
    if (this.trainableCount < parameterCount) manifest.trainableCount = this.trainableCount;
    for (const o of this.graph.outputs) {
      const param = gradientOf(o);
      this.computing = o.node;
      let loc: Location;
      if (param && gradientRegion !== undefined) {
        loc = { buffer: gradientRegion, offset: constant(paramOffsets.get(param.id)!) };
        this.writeElementwise(`store_grad_${param.attrs.name!.replace(/[^A-Za-z0-9_]/g, "_")}`, [{ node: o.node, into: loc }], param.shape);
      } else loc = this.materialize(o.node);
      const physical = this.physical(loc);
      const role = { role: o.role ?? "value", ...(o.of !== undefined ? { of: o.of } : {}) };
      manifest.outputs.push({ name: o.name, shape: this.graph.nodes[o.node].shape, buffer: physical.buffer, offset: physical.offset, ...role });
    }
    manifest.entries = this.entries();
    manifest.regions = this.regions.slice(1);
    if (gradientRegion !== undefined) manifest.gradients = this.physical({ buffer: gradientRegion, offset: [] });
    return manifest;
  }

  /**
   * `forward`: the commands the model's values and states need, which leaves out the backward
   * loops; `train_step`, when there are gradients: every command. Both over the same regions.
   */
  private entries(): Manifest["entries"] {
    const forward = this.graph.outputs.filter((o) => o.role !== "gradient");
    const needed = new Set<number>();
    const need = (id: number) => {
      if (needed.has(id)) return;
      needed.add(id);
      this.graph.nodes[id].inputs.forEach(need);
    };
    forward.forEach((o) => need(o.node));
    const entries: Manifest["entries"] = { forward: { outputs: forward.map((o) => o.name), commands: this.commands.filter((_, i) => needed.has(this.computes[i])) } };
    if (forward.length < this.graph.outputs.length) entries.train_step = { outputs: this.graph.outputs.map((o) => o.name), commands: this.commands };
    return entries;
  }

  /** How many rows the tables an ids input indexes have (the fewest, if several): every id must be below it. Ids are stored as floats, exact below 2^24. */
  private idLimit(input: Node): number {
    const rows = this.graph.nodes
      .filter((n) => (n.op === "gather" || n.op === "pick") && n.inputs[1] === input.id)
      .map((n) => this.graph.nodes[n.inputs[0]].shape.at(n.op === "gather" ? 0 : -1))
      .filter((d): d is number => typeof d === "number");
    return Math.min(2 ** 24, ...rows);
  }

  /** Parameter offsets in the one parameter buffer; weights stacked by gate fusion sit side by side. */
  private layOutParams(): Map<number, number> {
    const offsets = new Map<number, number>();
    let next = 0;
    const place = (id: number) => {
      if (offsets.has(id)) return;
      offsets.set(id, next);
      next += numel(this.graph.nodes[id].shape);
    };
    for (const n of this.graph.nodes)
      if (n.op === "concat" && n.attrs.axis === 0 && n.inputs.every((i) => this.graph.nodes[i].op === "param" && !this.graph.nodes[i].attrs.constant && !offsets.has(i))) n.inputs.forEach(place);
    for (const n of this.graph.nodes) if (n.op === "param" && !n.attrs.constant) place(n.id);
    // Constants after every trained parameter, so an optimizer's flat update never reaches them.
    this.trainableCount = next;
    for (const n of this.graph.nodes) if (n.op === "param") place(n.id);
    return offsets;
  }

  private isStackOfAdjacentParams(node: Node, offsets: Map<number, number>): boolean {
    let expected = offsets.get(node.inputs[0]);
    for (const i of node.inputs) {
      if (this.graph.nodes[i].op !== "param" || offsets.get(i) !== expected) return false;
      expected = offsets.get(i)! + numel(this.graph.nodes[i].shape);
    }
    return true;
  }

  // ---- buffers ----------------------------------------------------------------------------------

  /** A new region of the workspace, for a tensor of `shape` (plus `extra` elements). */
  private buffer(name: string, shape: Shape, extra: SizeExpr = []): number {
    let unique = name.replace(/'/g, "_next").replace(/[^A-Za-z0-9_]/g, "_");
    while (this.regions.some((b) => b.name === unique)) unique += "_";
    this.regions.push({ name: unique, base: this.buffers[WORK].size });
    this.buffers[WORK].size = add(this.buffers[WORK].size, product(shape), extra);
    return this.regions.length - 1;
  }

  private regionName(region: number): string {
    return this.regions[region].name;
  }

  /** Where a location is in the physical buffers. */
  private physical(loc: Location): Location {
    return loc.buffer === 0 ? loc : { buffer: WORK, offset: add(this.regions[loc.buffer].base, loc.offset) };
  }

  /** Bind a location's physical buffer in a kernel; the array name and the element offset. */
  private ref(w: KernelWriter, loc: Location, write = false): { array: string; offset: string } {
    const p = this.physical(loc);
    return { array: w.bind(p.buffer, write), offset: wgslSize(p.offset) };
  }

  private writer(name: string): KernelWriter {
    return new KernelWriter(name, this.uniformFields, (b) => this.buffers[b].name);
  }

  private kernel(spec: KernelSpec, elements: SizeExpr[]) {
    this.kernels.push(spec);
    this.command({ kind: "dispatch", kernel: this.kernels.length - 1, elements });
  }

  private command(c: Command) {
    this.commands.push(c);
    if (this.commands === this.topLevel) this.computes.push(this.computing);
  }

  private sourceLines(nodes: Node[]): string {
    const lines = [...new Set(nodes.map((n) => n.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
    if (!lines.length) return this.opts.sourceName;
    return `${this.opts.sourceName}:${lines.length === 1 ? lines[0] : `${lines[0]}-${lines[lines.length - 1]}`}`;
  }

  // ---- elementwise kernels ------------------------------------------------------------------------

  /** Store a top-level value in its own buffer (unless it already lives in one). */
  private materialize(id: number): Location {
    const existing = this.locations.get(id);
    if (existing) return existing;
    const node = this.graph.nodes[id];
    const location = { buffer: this.buffer(node.label ?? `${node.op}${id}`, node.shape), offset: [] };
    const outer = this.computing;
    this.computing = id;
    this.writeElementwise(`store_${this.regionName(location.buffer)}`, [{ node: id, into: location }], node.shape);
    this.computing = outer;
    this.locations.set(id, location);
    return location;
  }

  private topLevelStored(w: KernelWriter) {
    return (n: Node) => {
      const loc = this.locations.get(n.id);
      return loc && this.ref(w, loc);
    };
  }

  /** One thread per element of `shape`, at top level: each output into its location. */
  private writeElementwise(name: string, outputs: { node: number; into: Location }[], shape: Shape, what?: string) {
    const w = this.writer(name);
    const into = outputs.map((o) => ({ node: o.node, into: this.ref(w, o.into, true) }));
    this.writeElementwiseWith(w, into, shape, this.graph, this.topLevelStored(w), [], what);
  }

  /**
   * One thread per element of `shape`: computes each output value (fusing every op it depends
   * on that is not stored) and writes it. `prelude` lines come first (e.g. the time index).
   */
  private writeElementwiseWith(
    w: KernelWriter,
    outputs: { node: number; into: Stored; columns?: { start: number; of: number } }[],
    shape: Shape,
    graph: Graph,
    stored: (n: Node) => Stored | undefined,
    prelude: string[] = [],
    what?: string,
  ) {
    const r = new Renderer(graph, stored);
    const total = wgslSize(product(shape));
    r.emit(`let id = gid.x + gid.y * groups.x * ${ELEMENTWISE_WORKGROUP}u;`);
    r.emit(`if (id >= ${total}) { return; }`);
    for (const line of prelude) r.emit(line);
    const index: Index = r.decompose("id", shape);
    for (const out of outputs) {
      const value = r.value(out.node, index);
      // `columns`: this output is a block of columns of a wider row (a part of a concat).
      const [dims, at] = out.columns
        ? [[...shape.slice(0, -1), out.columns.of].map(wgslDim), [...index.slice(0, -1), `${index[index.length - 1]} + ${out.columns.start}u`]]
        : [shape.map(wgslDim), index];
      r.emit(`${out.into.array}[${joinOffset(out.into.offset, linearIndex(dims, at))}] = ${value};`);
    }
    const nodes = outputs.map((o) => graph.nodes[o.node]);
    const names = nodes.map((n) => n.label ?? `%${n.id}`).join(", ");
    const spec = w.finish({
      comment: [`${w.name}: ${what ?? `computes ${names}`} (${this.sourceLines(nodes)})`, `one thread per element of [${shape.join(", ")}]`],
      body: r.lines,
      workgroup: [ELEMENTWISE_WORKGROUP],
      tile: [1],
    });
    this.kernel(spec, [product(shape)]);
  }

  // ---- matrix products -----------------------------------------------------------------------------

  /**
   * A product at top level, into a region of its own. When its one reader adds a bias (one
   * value per column: W·x + b), the add happens as the product writes its result.
   */
  private product(node: Node) {
    const [firstLoc, secondLoc] = node.inputs.map((i) => this.materialize(i));
    const readers = this.graph.nodes.filter((n) => n.inputs.includes(node.id));
    const addsBias =
      this.consumers[node.id] === 1 && readers.length === 1 && readers[0].op === "add" && readers[0].inputs[0] === node.id && sameDims(readers[0].shape, node.shape)
        ? readers[0]
        : undefined;
    const bias = addsBias && this.graph.nodes[addsBias.inputs[1]];
    const epilogue = bias && bias.shape.length === 1 && bias.shape[0] === node.shape[node.shape.length - 1] ? addsBias : undefined;
    const result = epilogue ?? node;
    const name = result.label ?? `${this.operandName(node.inputs[0])}_${node.op}_${this.operandName(node.inputs[1])}`;
    const location = { buffer: this.buffer(name, node.shape), offset: [] as SizeExpr };
    this.locations.set(result.id, location);
    const w = this.writer(`${node.op}_${this.regionName(location.buffer)}`);
    const [a, b, y] = [this.ref(w, firstLoc), this.ref(w, secondLoc), this.ref(w, location, true)];
    this.productKernel(w, this.graph, node, a, b, y, [], undefined, epilogue && this.ref(w, this.materialize(epilogue.inputs[1])));
  }

  private operandName(id: number, graph: Graph = this.graph): string {
    return graph.nodes[id].label ?? `v${id}`;
  }

  /**
   * One register-tiled kernel shape (productTile outputs per thread) for the three matrix products:
   *   matmul     y[m, n] = sum_k x[m, k] W[n, k]     (x W^T: forward products)
   *   matmul_t   y[m, k] = sum_n g[m, n] W[n, k]     (g W: gradients of the inputs)
   *   outer_sum  y[n, k] = sum_m a[m, n] b[m, k]     (a^T b: gradients of the weights)
   * Leading axes fold into m. `A(row, r)` and `B(col, r)` read the operands at reduction index r.
   * Used at top level and for the products inside a time step (`prelude` names the step).
   */
  private productKernel(w: KernelWriter, graph: Graph, node: Node, a: Stored, b: Stored, y: Stored, prelude: string[], what?: string, bias?: Stored) {
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
    const plusBias = (value: string, col: string) => (bias ? `${value} + ${bias.array}[${joinOffset(bias.offset, col)}]` : value);
    const tileRows = [...Array(tr).keys()];
    const quads = [...Array(tc / 4).keys()]; // columns in groups of four, one vec4 each
    const tileCols = [...Array(tc).keys()];
    const body = [
      ...prelude.map((line) => `  ${line}`),
      `  let rows = ${wgslSize(rows)};`,
      `  let depth = ${wgslSize(depth)};`,
      `  let row0 = gid.y * ${tr}u;`,
      `  let col0 = gid.x * ${tc}u;`,
      `  if (row0 >= rows || col0 >= ${cols}u) { return; }`,
      `  // clamp reads at the edges; only in-range results are written`,
      ...tileRows.map((i) => `  let r${i} = min(row0 + ${i}u, rows - 1u);`),
      ...tileCols.map((j) => `  let c${j} = min(col0 + ${j}u, ${cols - 1}u);`),
      ...tileRows.flatMap((i) => quads.map((q) => `  var acc${i}_${q} = vec4f(0.0);`)),
      `  for (var k = 0u; k < depth; k++) {`,
      ...quads.map((q) => `    let w${q} = vec4f(${[0, 1, 2, 3].map((j) => B(`c${4 * q + j}`, "k")).join(", ")});`),
      ...tileRows.flatMap((i) => [`    let a${i} = ${A(`r${i}`, "k")};`, ...quads.map((q) => `    acc${i}_${q} += a${i} * w${q};`)]),
      `  }`,
      ...tileRows.map(
        (i) => `  if (row0 + ${i}u < rows) { ${tileCols.map((j) => `if (col0 + ${j}u < ${cols}u) { ${y.array}[${joinOffset(y.offset, `(row0 + ${i}u) * ${cols}u + col0 + ${j}u`)}] = ${plusBias(`acc${i}_${j >> 2}[${j & 3}]`, `c${j}`)}; }`).join(" ")} }`,
      ),
    ];
    this.kernel(
      w.finish({
        comment: [`${w.name}: ${what ? `${what}: ` : ""}${label}${bias ? " + bias" : ""} (${this.sourceLines([node])})`, `a [rows, depth] x [depth, ${cols}] product; each thread computes ${tr}x${tc} outputs in registers`],
        body,
        workgroup: MATMUL_WORKGROUP,
        tile: [tc, tr],
      }),
      [constant(cols), rows],
    );
  }

  // ---- time loops --------------------------------------------------------------------------------------

  private scan(node: Node) {
    const s: ScanAttrs = node.attrs.scan!;
    const body = s.body;
    const T = s.length;
    const inits = node.inputs.slice(0, s.carries);
    const sequences = node.inputs.slice(s.carries, s.carries + s.sequences).map((i) => this.materialize(i));
    const invariants = node.inputs.slice(s.carries + s.sequences).map((i) => this.materialize(i));
    const label = node.label ?? `scan${node.id}`;

    // Carry histories: T+1 slots; forward runs fill slots 0..T, reverse runs T..0.
    const carryShapes = body.args.slice(0, s.carries).map((a) => body.nodes[a].shape);
    const histories = carryShapes.map((shape, k) => ({
      buffer: this.buffer(`${label}_${body.nodes[body.args[k]].label ?? `carry${k}`}`, shape, product([...shape, T])),
      slot: product(shape),
    }));
    const initialSlot = (k: number): SizeExpr => (s.reverse ? times(product([T]), histories[k].slot) : []);
    inits.forEach((init, k) => {
      const into = { buffer: histories[k].buffer, offset: initialSlot(k) };
      this.writeElementwise(`init_${this.regionName(into.buffer)}`, [{ node: init, into }], carryShapes[k], `initial value of ${body.nodes[body.args[k]].label}`);
    });
    // A carry's value before each step (what autodiff asks the forward loop for) is a view of
    // its history: slots 0..T-1 going forwards, 1..T going backwards. Other outputs get regions.
    const carryBefore = (j: number): number | undefined => {
      const n = body.nodes[body.outputs[j].node];
      return j >= s.carries && n.op === "arg" && n.attrs.index! < s.carries ? n.attrs.index! : undefined;
    };
    const extraOutputs = body.outputs.slice(s.carries).map((o, e) =>
      carryBefore(s.carries + e) === undefined ? { buffer: this.buffer(`${label}_${o.name}`, [T, ...body.nodes[o.node].shape]), slot: product(body.nodes[o.node].shape) } : undefined,
    );

    // The step: one kernel per output shape; everything else is fused into them.
    const outer = this.commands;
    this.commands = [];
    const stepLocation = (arg: number, w: KernelWriter) => {
      if (arg < s.carries) {
        const { array, offset } = this.ref(w, { buffer: histories[arg].buffer, offset: [] });
        return { array, offset: joinOffset(offset, `read_slot * ${wgslSize(histories[arg].slot)}`) };
      }
      if (arg < s.carries + s.sequences) {
        const { array, offset } = this.ref(w, sequences[arg - s.carries]);
        const slot = product(body.nodes[body.args[arg]].shape);
        return { array, offset: joinOffset(offset, `tau * ${wgslSize(slot)}`) };
      }
      return this.ref(w, invariants[arg - s.carries - s.sequences]);
    };
    const prelude = s.reverse
      ? ["let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards", "let read_slot = tau + 1u;", "let write_slot = tau;"]
      : ["let tau = sizes.step; // time index", "let read_slot = tau;", "let write_slot = tau + 1u;"];
    // Where step outputs go: carries into the history's next slot, others into slot tau.
    const outputSlot = (j: number, w: KernelWriter, write = false): Stored => {
      const into = j < s.carries ? histories[j] : extraOutputs[j - s.carries]!;
      const { array, offset } = this.ref(w, { buffer: into.buffer, offset: [] }, write);
      return { array, offset: joinOffset(offset, `${j < s.carries ? "write_slot" : "tau"} * ${wgslSize(into.slot)}`) };
    };
    const outputIndex = new Map<number, number>();
    body.outputs.forEach((o, j) => outputIndex.has(o.node) || outputIndex.set(o.node, j));

    // Per-step stored values: a step's matrix products (U h for all gates, say) each get a
    // tiled kernel; so does any other loop's operand that itself holds a loop or much work,
    // computed once by an earlier kernel of the step rather than per term. A value that is
    // also a step output is written straight into its output slot; others get scratch regions.
    const stepValues = new Map<number, (w: KernelWriter, write?: boolean) => Stored>();
    const stepStored = (w: KernelWriter, computing?: number) => (n: Node) => {
      if (n.op === "arg") return stepLocation(n.attrs.index!, w);
      return n.id === computing ? undefined : stepValues.get(n.id)?.(w);
    };
    const isStepStored = (m: Node) => m.op === "arg" || stepValues.has(m.id);
    const placeStepValue = (n: Node) => {
      const j = outputIndex.get(n.id);
      let where: (w: KernelWriter, write?: boolean) => Stored;
      if (j !== undefined) where = (w, write) => outputSlot(j, w, write);
      else {
        const region = this.buffer(`${label}_${n.label ?? `step${n.id}`}`, n.shape);
        where = (w, write) => this.ref(w, { buffer: region, offset: [] }, write);
      }
      stepValues.set(n.id, where);
      return where;
    };
    const stepName = (n: Node) => `${label}_step_${(n.label ?? `v${n.id}`).replace(/'/g, "_next").replace(/[^A-Za-z0-9_]/g, "_")}`;
    const storeStepValue = (i: number) => {
      const n = body.nodes[i];
      const where = placeStepValue(n);
      const w = this.writer(stepName(n));
      const what = `one time step of ${label}: ${n.label ?? `%${i}`}`;
      const parts = equalParts(body, n);
      if (parts) this.writeElementwiseWith(w, parts.map((p, k) => ({ node: p, into: where(w, true), columns: { start: k * parts.width, of: n.shape.at(-1) as number } })), body.nodes[parts[0]].shape, body, stepStored(w, i), prelude, `${what}, by parts`);
      else this.writeElementwiseWith(w, [{ node: i, into: where(w, true) }], n.shape, body, stepStored(w, i), prelude, what);
    };
    const depths = new Map<number, number>();
    for (const n of body.nodes) {
      if (isProduct(n.op)) {
        for (const i of n.inputs) if (!isStepStored(body.nodes[i])) storeStepValue(i);
        const where = placeStepValue(n);
        const w = this.writer(`${stepName(n)}_${n.op}`);
        const [a, b] = n.inputs.map((i) => stepStored(w)(body.nodes[i])!);
        this.productKernel(w, body, n, a, b, where(w, true), prelude, `one time step of ${label}`);
      } else if (isReduction(n.op)) {
        for (const i of n.inputs) if (!stepValues.has(i) && needsStoring(body, i, isStepStored)) storeStepValue(i);
      } else if (!isStepStored(n) && chainDepth(n, depths) > MAX_INLINE_DEPTH) storeStepValue(n.id);
      depths.set(n.id, isStepStored(n) ? 0 : chainDepth(n, depths));
    }
    // The rest of the step: one kernel per output shape, everything not yet stored fused in.
    const groups = new Map<string, { node: number; j: number }[]>();
    body.outputs.forEach((o, j) => {
      if (outputIndex.get(o.node) === j && stepValues.has(o.node)) return; // already written
      if (carryBefore(j) !== undefined) return; // a view of the history
      const key = body.nodes[o.node].shape.join(",");
      groups.set(key, [...(groups.get(key) ?? []), { node: o.node, j }]);
    });
    let part = 0;
    for (const outputs of groups.values()) {
      const shape = body.nodes[outputs[0].node].shape;
      const w = this.writer(`${label}_step${groups.size > 1 ? `_${part++}` : ""}`);
      const names = outputs.map((o) => body.nodes[o.node].label ?? `%${o.node}`).join(", ");
      const into = outputs.map((o) => ({ node: o.node, into: outputSlot(o.j, w, true) }));
      this.writeElementwiseWith(w, into, shape, body, stepStored(w), prelude, `one time step of ${label}: ${names}`);
    }
    const loop: Command = { kind: "loop", count: product([T]), body: this.commands };
    this.commands = outer;
    this.command(loop);

    // Results: final carries, then each body output over time (views into the histories).
    const finals = histories.map((h, k) => ({ buffer: h.buffer, offset: s.reverse ? [] : times(product([T]), histories[k].slot) }));
    const sequencesOut = body.outputs.map((_, j): Location => {
      if (j < s.carries) return { buffer: histories[j].buffer, offset: s.reverse ? [] : histories[j].slot };
      const k = carryBefore(j);
      if (k !== undefined) return { buffer: histories[k].buffer, offset: s.reverse ? histories[k].slot : [] };
      return { buffer: extraOutputs[j - s.carries]!.buffer, offset: [] };
    });
    this.scanResults.set(node.id, [...finals, ...sequencesOut]);
  }
}
