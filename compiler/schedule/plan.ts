// Optimized IR -> schedule. Values are fused into the kernels that consume them; only what must
// be stored gets a region of memory:
//  - graph outputs, scan inputs, matrix-product operands, values used more than once;
//  - a scan's carries live in history regions of T+1 slots (step t reads one slot and writes
//    the next), so the per-step outputs and the final state are views, never copies;
//  - parameter gradients sit side by side in the parameters' own layout, so an optimizer
//    updates every parameter in one pass over two flat vectors.
// A time step is a few kernels: each product of the step, then one kernel per output shape; a
// step that is one elementwise kernel runs every step inside it (timeInKernel.ts).
import type { ParamSpec, SizeExpr } from "../../format/manifest.js";
import { add, constant, product, times } from "../../format/sizes.js";
import { sameDims, type Graph, type GraphOutput, type Node, type ScanAttrs, type Shape } from "../ir/graph.js";
import { isElementwise, isProduct, isReduction, isView } from "../ir/ops/index.js";
import { alignUp, Memory, PARAMS } from "./memory.js";
import type { ElementwiseKernel, InStep, Place, Reads, Schedule, ScheduledInput, ScheduledOutput, Step } from "./schedule.js";
import { plainName } from "../ir/names.js";
import { affineCarries } from "./affineCarries.js";
import { rowAccumulators, stepLoopReason } from "./timeInKernel.js";
import { isInlineProduct } from "../ir/stepProducts.js";
import { inPlaceOutputs } from "./inPlace.js";
import { fuseStepEpilogue } from "./stepEpilogue.js";

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

/** Whether an elementwise op stretches an input (a lower rank, or 1 where the result is wider). */
function broadcasts(graph: Graph, node: Node): boolean {
  return node.inputs.some((i) => {
    const shape = graph.nodes[i].shape;
    const offset = node.shape.length - shape.length;
    return offset > 0 || shape.some((d, k) => d === 1 && node.shape[k + offset] !== 1);
  });
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

/**
 * The longest chain of ops inlined into one expression. A longer chain (hundreds of statements,
 * each using the last) is stored part-way: kernels stay small and rendering, which recurses
 * along the chain, stays shallow.
 */
const MAX_INLINE_DEPTH = 64;

/** How many unstored ops a value inlines, given its inputs' depths (0 when stored). */
const chainDepth = (node: Node, depths: Map<number, number>) => 1 + Math.max(0, ...node.inputs.map((i) => depths.get(i) ?? 0));

/**
 * Values stored so far, each stamped with when it was stored: a kernel reads from memory only
 * what was stored before it (a value stored later was computed inside it).
 */
class Stored {
  private readonly places = new Map<number, { place: Place; at: number }>();
  private clock = 0;

  set(id: number, place: Place) {
    this.places.set(id, { place, at: this.clock++ });
  }
  get(id: number): Place | undefined {
    return this.places.get(id)?.place;
  }
  has(id: number): boolean {
    return this.places.has(id);
  }
  /** What a kernel planned now reads from memory (never `except`, the value it computes). */
  now(except?: number): (id: number) => Place | undefined {
    const before = this.clock;
    return (id) => {
      const e = this.places.get(id);
      return e && e.at < before && id !== except ? e.place : undefined;
    };
  }
}

export interface PlanOptions {
  /** A loop whose step is one elementwise kernel runs all its steps inside that kernel (true, the default), or dispatches each step. */
  stepsInKernel?: boolean;
  /** A step that is a product and the elementwise kernel reading it runs as one kernel (true, the default; stepEpilogue.ts), or as two. */
  fuseStepEpilogue?: boolean;
}

export function plan(graph: Graph, options: PlanOptions = {}): Schedule {
  return new Planner(graph, options).run();
}

class Planner {
  private readonly memory = new Memory();
  private readonly params: ParamSpec[] = [];
  private readonly stored = new Stored();
  private readonly scanResults = new Map<number, Place[]>();
  private readonly consumers: number[];
  private steps: Step[] = [];
  // Top-level steps, each with the node whose value it computes: an entry runs those its outputs need.
  private readonly topLevel = this.steps;
  private readonly computes: number[] = [];
  private computing = -1;
  private readonly loops: Schedule["loops"] = [];
  private readonly inPlace: Schedule["inPlace"] = [];
  private trainableCount = 0;
  private parameterCount = 0;

  constructor(
    private readonly graph: Graph,
    private readonly options: PlanOptions,
  ) {
    this.consumers = graph.nodes.map(() => 0);
    for (const n of graph.nodes) for (const i of n.inputs) this.consumers[i]++;
    for (const o of graph.outputs) this.consumers[o.node]++;
  }

  run(): Schedule {
    const inputs: ScheduledInput[] = [];
    const paramOffsets = this.layOutParams();
    const paramNodes = new Map(this.graph.nodes.filter((n) => n.op === "param").map((n) => [n.attrs.name!, n]));
    const gradientOf = (o: GraphOutput) => (o.role === "gradient" ? paramNodes.get(o.of!) : undefined);
    const gradients = this.graph.outputs.some((o) => gradientOf(o)) ? this.memory.region("gradients", [Math.max(this.parameterCount, 1)]) : undefined;
    const outputs: ScheduledOutput[] = [];
    const outputsAt = new Map<number, number[]>();
    this.graph.outputs.forEach((o, i) => outputsAt.set(o.node, [...(outputsAt.get(o.node) ?? []), i]));
    // Each output is stored as soon as it is computed: what it is made from (a loop's history, a
    // gradient's parts) may then die early (reuse.ts).
    const storeOutput = (o: GraphOutput): ScheduledOutput => {
      const param = gradientOf(o);
      this.computing = o.node;
      let place: Place;
      if (param && gradients !== undefined) {
        place = { region: gradients, offset: constant(paramOffsets.get(param.id)!) };
        this.elementwise(`store_grad_${plainName(param.attrs.name!)}`, [{ node: o.node, into: place }], param.shape);
      } else place = this.materialize(o.node);
      return { name: o.name, shape: this.graph.nodes[o.node].shape, place, role: o.role ?? "value", ...(o.of !== undefined ? { of: o.of } : {}) };
    };
    const depths = new Map<number, number>();
    for (const node of this.graph.nodes) {
      this.computing = node.id;
      switch (node.op) {
        case "input": {
          const region = this.memory.region(node.attrs.name!, node.shape);
          this.stored.set(node.id, { region, offset: [] });
          const ids = node.attrs.ids ? { ids: this.idLimit(node) } : {};
          const of = node.attrs.of !== undefined ? { of: node.attrs.of } : {};
          inputs.push({ name: node.attrs.name!, shape: node.shape, region, optional: !!node.attrs.optional, role: node.attrs.role ?? "data", ...of, ...ids });
          break;
        }
        case "param": {
          const offset = paramOffsets.get(node.id)!;
          this.stored.set(node.id, { region: PARAMS, offset: constant(offset) });
          this.params.push({ name: node.attrs.name!, shape: node.shape, offset, init: node.attrs.init!, ...(node.attrs.constant ? { constant: true } : {}) });
          break;
        }
        case "concat":
          if (node.attrs.axis === 0 && this.isStackOfAdjacentParams(node, paramOffsets)) this.stored.set(node.id, this.stored.get(node.inputs[0])!);
          else if (this.consumers[node.id] > 1) this.materialize(node.id);
          break;
        case "scan":
          this.scan(node);
          break;
        case "get":
          this.stored.set(node.id, this.scanResults.get(node.inputs[0])![node.attrs.index!]);
          break;
        case "index": {
          const from = this.stored.get(node.inputs[0]);
          if (from) this.stored.set(node.id, { region: from.region, offset: add(from.offset, times(constant(node.attrs.index!), product(node.shape))) });
          break;
        }
        case "matmul":
        case "matmul_t":
        case "outer_sum":
          this.product(node);
          break;
        default:
          if (isReduction(node.op)) for (const i of node.inputs) this.storeForReduction(i);
          if (this.consumers[node.id] > 1 && isView(node.op)) this.materializeSource(node);
          else if (this.consumers[node.id] > 1 && node.op !== "const") this.materialize(node.id);
          else if (chainDepth(node, depths) > MAX_INLINE_DEPTH) this.materialize(node.id);
      }
      depths.set(node.id, this.stored.has(node.id) ? 0 : chainDepth(node, depths));
      for (const i of outputsAt.get(node.id) ?? []) outputs[i] = storeOutput(this.graph.outputs[i]);
    }
    this.memory.buffers[PARAMS].size = constant(Math.max(this.parameterCount, 1));
    const counts = { parameterCount: this.parameterCount, trainableCount: this.trainableCount };
    return { memory: this.memory, params: this.params, ...counts, inputs, outputs, gradients, steps: this.steps, loops: this.loops, inPlace: this.inPlace, entries: this.entries() };
  }

  /**
   * `forward`: the steps the model's values and states need, which leaves out the backward
   * loops; `train_step`, when there are gradients: every step. Both over the same regions.
   */
  private entries(): Schedule["entries"] {
    const forward = this.graph.outputs.filter((o) => o.role !== "gradient");
    const needed = new Set<number>();
    const need = (id: number) => {
      if (needed.has(id)) return;
      needed.add(id);
      this.graph.nodes[id].inputs.forEach(need);
    };
    forward.forEach((o) => need(o.node));
    const all = this.steps.map((_, i) => i);
    const entries: Schedule["entries"] = { forward: { outputs: forward.map((o) => o.name), steps: all.filter((i) => needed.has(this.computes[i])) } };
    if (forward.length < this.graph.outputs.length) entries.train_step = { outputs: this.graph.outputs.map((o) => o.name), steps: all };
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
    // Each parameter, or stack of them, starts on a whole vec4 (memory.ts, ALIGN).
    for (const n of this.graph.nodes)
      if (n.op === "concat" && n.attrs.axis === 0 && n.inputs.every((i) => this.graph.nodes[i].op === "param" && !this.graph.nodes[i].attrs.constant && !offsets.has(i))) {
        n.inputs.forEach(place);
        next = alignUp(next);
      }
    for (const n of this.graph.nodes) if (n.op === "param" && !n.attrs.constant) place(n.id), (next = alignUp(next));
    // Constants after every trained parameter, so an optimizer's flat update never reaches them.
    this.trainableCount = next;
    for (const n of this.graph.nodes) if (n.op === "param" && !offsets.has(n.id)) place(n.id), (next = alignUp(next));
    this.parameterCount = next;
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

  private add(step: Step) {
    this.steps.push(step);
    if (this.steps === this.topLevel) this.computes.push(this.computing);
  }

  // ---- top-level values ---------------------------------------------------------------------------

  /**
   * A reduction's input that is costly to compute at each read is stored; but where it is a
   * broadcast (attention's α_s · v_s over [T, B, S, D] from α [T, B, S]), what it is made
   * from is stored instead, and the cheap product is recomputed in the reduction's kernel.
   */
  private storeForReduction(id: number) {
    if (!needsStoring(this.graph, id, (n) => this.stored.has(n.id))) return;
    const node = this.graph.nodes[id];
    const through = isView(node.op) && node.op !== "get" ? node.inputs : isElementwise(node.op) && broadcasts(this.graph, node) ? node.inputs : undefined;
    if (through) through.forEach((i) => this.storeForReduction(i));
    else this.materialize(id);
  }

  /** A view read in several places is recomputed in each (it only re-indexes); what it views is stored. */
  private materializeSource(view: Node) {
    let source = this.graph.nodes[view.inputs[0]];
    while (isView(source.op) && source.op !== "get" && !this.stored.has(source.id)) source = this.graph.nodes[source.inputs[0]];
    if (!["const", "get"].includes(source.op)) this.materialize(source.id);
  }

  /** Store a top-level value in its own region (unless it already lives in one). */
  private materialize(id: number): Place {
    const existing = this.stored.get(id);
    if (existing) return existing;
    const node = this.graph.nodes[id];
    const place = { region: this.memory.region(node.label ?? `${node.op}${id}`, node.shape), offset: [] };
    const outer = this.computing;
    this.computing = id;
    this.elementwise(`store_${this.memory.name(place.region)}`, [{ node: id, into: place }], node.shape);
    this.computing = outer;
    this.stored.set(id, place);
    return place;
  }

  /** One thread per element of `shape`, at top level: each output into its place. */
  private elementwise(name: string, outputs: ElementwiseKernel["outputs"], shape: Shape, what?: string) {
    const now = this.stored.now();
    this.add({ kind: "elementwise", name, graph: this.graph, shape, outputs, reads: (n) => now(n.id), what });
  }

  /**
   * A product at top level, into a region of its own. When its one reader adds a bias (one
   * value per column: W·x + b), the add happens as the product writes its result.
   */
  private product(node: Node) {
    const [a, b] = node.inputs.map((i) => this.materialize(i));
    const readers = this.graph.nodes.filter((n) => n.inputs.includes(node.id));
    const addsBias =
      this.consumers[node.id] === 1 && readers.length === 1 && readers[0].op === "add" && readers[0].inputs[0] === node.id && sameDims(readers[0].shape, node.shape)
        ? readers[0]
        : undefined;
    const bias = addsBias && this.graph.nodes[addsBias.inputs[1]];
    // Only a bias computed before the product: one computed later may read what is planned after
    // it (a weight's gradient summed from a backward loop's results), not stored yet here.
    const epilogue = bias && bias.id < node.id && bias.shape.length === 1 && bias.shape[0] === node.shape[node.shape.length - 1] ? addsBias : undefined;
    const result = epilogue ?? node;
    const name = result.label ?? `${this.operandName(node.inputs[0])}_${node.op}_${this.operandName(node.inputs[1])}`;
    const y = { region: this.memory.region(name, node.shape), offset: [] as SizeExpr };
    this.stored.set(result.id, y);
    const biasPlace = epilogue && this.materialize(epilogue.inputs[1]);
    this.add({ kind: "product", name: `${node.op}_${this.memory.name(y.region)}`, graph: this.graph, node, a, b, y, ...(biasPlace ? { bias: biasPlace } : {}) });
  }

  private operandName(id: number, graph: Graph = this.graph): string {
    return graph.nodes[id].label ?? `v${id}`;
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
    const inStep: InStep = { reverse: s.reverse, length: T };

    // Carry histories: T+1 slots; forward runs fill slots 0..T, reverse runs T..0.
    const carryShapes = body.args.slice(0, s.carries).map((a) => body.nodes[a].shape);
    const histories = carryShapes.map((shape, k) => ({
      region: this.memory.region(`${label}_${body.nodes[body.args[k]].label ?? `carry${k}`}`, shape, product([...shape, T])),
      slot: product(shape),
    }));
    const initialSlot = (k: number): SizeExpr => (s.reverse ? times(product([T]), histories[k].slot) : []);
    const initPlaces = inits.map((init, k) => {
      const into: Place = { region: histories[k].region, offset: initialSlot(k) };
      this.elementwise(`init_${this.memory.name(into.region)}`, [{ node: init, into }], carryShapes[k], `initial value of ${body.nodes[body.args[k]].label}`);
      return into;
    });
    // A carry's value before each step (what autodiff asks the forward loop for) is a view of
    // its history: slots 0..T-1 going forwards, 1..T going backwards. Other outputs get regions.
    const carryBefore = (j: number): number | undefined => {
      const n = body.nodes[body.outputs[j].node];
      return j >= s.carries && n.op === "arg" && n.attrs.index! < s.carries ? n.attrs.index! : undefined;
    };
    const extraOutputs = body.outputs.slice(s.carries).map((o, e) =>
      carryBefore(s.carries + e) === undefined ? { region: this.memory.region(`${label}_${o.name}`, [T, ...body.nodes[o.node].shape]), slot: product(body.nodes[o.node].shape) } : undefined,
    );

    // The step: one kernel per output shape; everything else is fused into them.
    const outer = this.steps;
    this.steps = [];
    const turns = new Set<number>(); // carries whose history is two slots used in turn (below)
    const argPlace = (arg: number): Place => {
      if (arg < s.carries) return { region: histories[arg].region, offset: [], slot: turns.has(arg) ? { index: "read_turn", stride: histories[arg].slot, length: T } : { index: "read_slot", stride: histories[arg].slot } };
      if (arg < s.carries + s.sequences) {
        const seq = sequences[arg - s.carries];
        return { ...seq, slot: { index: "tau", stride: product(body.nodes[body.args[arg]].shape) } };
      }
      return invariants[arg - s.carries - s.sequences];
    };
    // Where step outputs go: carries into the history's next slot, others into slot tau.
    const outputSlot = (j: number): Place => {
      const into = j < s.carries ? histories[j] : extraOutputs[j - s.carries]!;
      return { region: into.region, offset: [], slot: { index: j < s.carries ? "write_slot" : "tau", stride: into.slot } };
    };
    const outputIndex = new Map<number, number>();
    body.outputs.forEach((o, j) => outputIndex.has(o.node) || outputIndex.set(o.node, j));

    // Per-step stored values: a step's matrix products (U h for all gates, say) each get a
    // tiled kernel; so does any other loop's operand that itself holds a loop or much work,
    // computed once by an earlier kernel of the step rather than per term. A value that is
    // also a step output is written straight into its output slot; others get scratch regions.
    const stepValues = new Stored();
    const stepReads = (computing?: number): Reads => {
      const now = stepValues.now(computing);
      return (n) => (n.op === "arg" ? argPlace(n.attrs.index!) : now(n.id));
    };
    const isStepStored = (m: Node) => m.op === "arg" || stepValues.has(m.id);
    const placeStepValue = (n: Node): Place => {
      const j = outputIndex.get(n.id);
      const place = j !== undefined ? outputSlot(j) : { region: this.memory.region(`${label}_${n.label ?? `step${n.id}`}`, n.shape), offset: [] };
      stepValues.set(n.id, place);
      return place;
    };
    const stepName = (n: Node) => `${label}_step_${plainName(n.label ?? `v${n.id}`)}`;
    const storeStepValue = (i: number) => {
      const n = body.nodes[i];
      const where = placeStepValue(n);
      const what = `one time step of ${label}: ${n.label ?? `%${i}`}`;
      const parts = equalParts(body, n);
      const kernel = (outputs: ElementwiseKernel["outputs"], shape: Shape, summary: string): ElementwiseKernel => ({
        kind: "elementwise",
        name: stepName(n),
        graph: body,
        shape,
        outputs,
        reads: stepReads(i),
        what: summary,
        step: inStep,
      });
      if (parts) this.add(kernel(parts.map((p, k) => ({ node: p, into: where, columns: { start: k * parts.width, of: n.shape.at(-1) as number } })), body.nodes[parts[0]].shape, `${what}, by parts`));
      else this.add(kernel([{ node: i, into: where }], n.shape, what));
    };
    const depths = new Map<number, number>();
    // A small W·x_t is computed where it is read (ir/stepProducts.ts), not by a kernel of its own.
    const invariant = (id: number) => body.nodes[id].op === "arg" && body.nodes[id].attrs.index! >= s.carries + s.sequences;
    const inline = (n: Node) => isInlineProduct(body, n, s.carries, s.sequences, invariant);
    for (const n of body.nodes) {
      if (isProduct(n.op) && !inline(n)) {
        for (const i of n.inputs) if (!isStepStored(body.nodes[i])) storeStepValue(i);
        const y = placeStepValue(n);
        const reads = stepReads();
        const [a, b] = n.inputs.map((i) => reads(body.nodes[i])!);
        this.add({ kind: "product", name: `${stepName(n)}_${n.op}`, graph: body, node: n, a, b, y, what: `one time step of ${label}`, step: inStep });
      } else if (isReduction(n.op)) {
        for (const i of n.inputs) if (!stepValues.has(i) && needsStoring(body, i, isStepStored)) storeStepValue(i);
      } else if (!isStepStored(n) && chainDepth(n, depths) > MAX_INLINE_DEPTH) storeStepValue(n.id);
      depths.set(n.id, isStepStored(n) ? 0 : chainDepth(n, depths));
    }
    // An output that needs nothing stored later in the step joins an earlier kernel of its
    // shape (an LSTM's next d_c, beside the gate gradients it shares its terms with): its work
    // is not done twice, the step may need a kernel fewer, and what that kernel reads may die
    // there (inPlace.ts).
    const needsNoLaterValue = (k: ElementwiseKernel, id: number): boolean => {
      const seen = new Set<number>();
      const visit = (n: Node): boolean => {
        if (seen.has(n.id) || k.reads(n)) return true;
        seen.add(n.id);
        return !stepValues.has(n.id) && n.inputs.every((i) => visit(body.nodes[i]));
      };
      return visit(body.nodes[id]);
    };
    const earlierKernel = (id: number) =>
      [...this.steps].reverse().find((k): k is ElementwiseKernel => k.kind === "elementwise" && sameDims(k.shape, body.nodes[id].shape) && needsNoLaterValue(k, id));
    // The rest of the step: one kernel per output shape, everything not yet stored fused in.
    const groups = new Map<string, { node: number; j: number }[]>();
    // A state adding up a weight's gradient, [K, ...the states' shape], joins the states' kernel:
    // each thread keeps the K elements above its own (timeInKernel.ts).
    const rows = s.carries > 0 ? rowAccumulators(body, s.carries, carryShapes[0]) : new Set<number>();
    const kernelShape = (id: number) => (rows.has(id) ? body.nodes[id].shape.slice(1) : body.nodes[id].shape);
    body.outputs.forEach((o, j) => {
      if (outputIndex.get(o.node) === j && stepValues.has(o.node)) return; // already written
      if (carryBefore(j) !== undefined) return; // a view of the history
      const earlier = earlierKernel(o.node);
      if (earlier) {
        earlier.outputs.push({ node: o.node, into: outputSlot(j) });
        earlier.what = `${earlier.what}; ${body.nodes[o.node].label ?? `%${o.node}`}`;
        return;
      }
      const key = kernelShape(o.node).join(",");
      groups.set(key, [...(groups.get(key) ?? []), { node: o.node, j }]);
    });
    let part = 0;
    for (const outputs of groups.values()) {
      const names = outputs.map((o) => body.nodes[o.node].label ?? `%${o.node}`).join(", ");
      this.add({
        kind: "elementwise",
        name: `${label}_step${groups.size > 1 ? `_${part++}` : ""}`,
        graph: body,
        shape: kernelShape(outputs[0].node),
        outputs: outputs.map((o) => ({ node: o.node, into: outputSlot(o.j) })),
        reads: stepReads(),
        what: `one time step of ${label}: ${names}`,
        step: inStep,
      });
    }
    const stepKernels = this.steps;
    this.steps = outer;
    const io = {
      body,
      sequences: sequences.map((place, i) => ({ arg: body.args[s.carries + i], place })),
      argPlaces: body.args.map((_, a) => argPlace(a)),
      outputs: extraOutputs.flatMap((o, e) => (o ? [{ node: body.outputs[s.carries + e].node, region: o.region }] : [])),
    };
    this.inPlace.push(...inPlaceOutputs(io, stepKernels));
    const reason = this.options.stepsInKernel === false ? "stepsInKernel is off" : stepLoopReason(body, s.carries, stepKernels);
    this.loops.push({ name: label, line: node.line, inKernel: reason === undefined, reason, carries: affineCarries(body, s.carries) });
    const compact = carryShapes.map(() => false);
    const resultsRead = new Set(this.graph.nodes.filter((n) => n.op === "get" && n.inputs[0] === node.id).map((n) => n.attrs.index!));
    const historyRead = (k: number) => body.outputs.some((_, j) => (j === k || carryBefore(j) === k) && resultsRead.has(s.carries + j));
    if (reason === undefined) {
      // A state whose history nothing reads (a backward loop's adjoint, say) is written once,
      // after the last step, from the register that carries it; its history shrinks to two
      // slots, the initial value and the final one (slot 0 then 1 going forwards, 1 then 0 back).
      carryShapes.forEach((_, c) => {
        if (historyRead(c)) return;
        compact[c] = true;
        this.memory.resize(histories[c].region, times(constant(2), histories[c].slot));
        if (s.reverse) initPlaces[c].offset = histories[c].slot;
      });
      const k = stepKernels[0] as ElementwiseKernel;
      const outputs = k.outputs.map((o) => (o.into.slot?.index === "write_slot" && compact[body.outputs.findIndex((b) => b.node === o.node)] ? { ...o, finalOnly: true } : o));
      this.add({ ...k, outputs, name: `${label}_steps`, what: `every time step of ${label}, each thread its own elements`, step: { ...inStep, inKernel: true, carries: s.carries } });
    } else {
      // A state whose history nothing reads, in a loop that dispatches each step, keeps two
      // slots used in turn (read_turn, write_turn) instead of T + 1: the initial value goes
      // where the first step reads, and the last step writes slot 0, where its result is read.
      carryShapes.forEach((_, c) => {
        if (historyRead(c)) return;
        turns.add(c);
        this.memory.resize(histories[c].region, times(constant(2), histories[c].slot));
        Object.assign(initPlaces[c], { offset: [], slot: { index: "first_turn", stride: histories[c].slot, length: T } });
      });
      // The places the step's kernels were given for those histories take their turns
      // (reads the kernels look up later ask argPlace, which knows).
      const inTurn = (place: Place | undefined) => {
        if (!place?.slot || ![...turns].some((c) => histories[c].region === place.region)) return;
        if (place.slot.index === "read_slot") place.slot = { ...place.slot, index: "read_turn", length: T };
        if (place.slot.index === "write_slot") place.slot = { ...place.slot, index: "write_turn", length: T };
      };
      for (const k of stepKernels) {
        if (k.kind === "product") [k.a, k.b, k.y, k.bias].forEach(inTurn);
        else if (k.kind === "elementwise") k.outputs.forEach((o) => inTurn(o.into));
      }
      this.add({ kind: "loop", count: product([T]), body: this.options.fuseStepEpilogue === false ? stepKernels : fuseStepEpilogue(stepKernels) });
    }

    // Results: final carries, then each body output over time (views into the histories).
    const finals = histories.map((h, k): Place => ({ region: h.region, offset: s.reverse || turns.has(k) ? [] : compact[k] ? h.slot : times(product([T]), h.slot) }));
    const sequencesOut = body.outputs.map((_, j): Place => {
      if (j < s.carries) return { region: histories[j].region, offset: s.reverse ? [] : histories[j].slot };
      const k = carryBefore(j);
      if (k !== undefined) return { region: histories[k].region, offset: s.reverse ? histories[k].slot : [] };
      return { region: extraOutputs[j - s.carries]!.region, offset: [] };
    });
    this.scanResults.set(node.id, [...finals, ...sequencesOut]);
  }
}
