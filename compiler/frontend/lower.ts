// Checked AST + concrete sizes -> IR. A cell call becomes one scan per layer and direction,
// with parameters named as PyTorch names a stack's (weight_ih_l0, weight_ih_l0_reverse, ...).
import type { InitSpec, SizeLimit } from "../../format/manifest.js";
import { numericFunctions } from "./check/builtins.js";
import { functions } from "./functions.js";
import { internalFailure, type Diagnostic, type SourceFile, type Span } from "../diagnostics.js";
import { callsTo, type CellDecl, type Expr, type Program, type Statement } from "./syntax/ast.js";
import { GraphBuilder, TooLargeError, TooManyOpsError, type OpBudget } from "../ir/builder.js";
import type { Dim, Graph, GraphOutput, OpName, Shape } from "../ir/graph.js";
import { resolveAxis } from "../ir/shapeRules.js";
import { stackLayers, type ScanLayer } from "./stack.js";
import { layerSuffix, parameterName } from "./stateDict.js";

export interface Lowered {
  graph: Graph;
  /** Where the model is written, for reporting failures of later stages. */
  origin?: { file: SourceFile; span: Span };
  sizes: Record<string, number>; // compile-time sizes
  runtimeSizes: string[]; // bound from input shapes
  sizeLimits: SizeLimit[]; // the most a run-time size may be
}

class LowerError extends Error {
  constructor(
    readonly span: Span,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Every model statement that could not be lowered, each a diagnostic. */
class LowerErrors extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("; "));
  }
}

/** A statement that uses a name whose own statement failed: an echo of that error, not reported. */
class Echo extends Error {}

/** A record's own entry: a size named `constructor` is not Object's. */
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** Resolves a name to a node, or to a number (a size). */
type Resolver = (name: string, span: Span) => number | { size: number };

export interface LowerOptions {
  /** Compile the dropout a cell call asks for, switched on at run time (training); otherwise dropout is the identity. */
  dropout?: boolean;
}

export function lower(program: Program, file: SourceFile, overrides: Record<string, number> = {}, options: LowerOptions = {}): { lowered?: Lowered; diagnostics: Diagnostic[] } {
  const lowering = new Lowering(program, file, overrides, options);
  try {
    return { lowered: lowering.run(), diagnostics: [] };
  } catch (e) {
    if (e instanceof LowerErrors) return { diagnostics: e.diagnostics };
    if (e instanceof LowerError) return { diagnostics: [{ message: e.message, span: e.span, hint: e.hint }] };
    const span = lowering.current ?? program.models[0]?.span ?? { start: 0, end: 1 };
    if (e instanceof TooLargeError) return { diagnostics: [{ message: e.message, span, hint: "use smaller sizes (--set NAME=VALUE)" }] };
    if (e instanceof TooManyOpsError) return { diagnostics: [{ message: e.message, span: lowering.modelStatement ?? span, hint: "use fewer layers (--set L=...) or fewer statements" }] };
    // A file the checker accepted must lower; if it does not, say where, as a diagnostic.
    return { diagnostics: [internalFailure(e, span)] };
  }
}

class Lowering {
  private readonly sizes: Record<string, number> = {};
  private readonly runtimeSizes: string[] = [];
  private readonly sizeLimits: SizeLimit[] = [];
  // Lowered ops, scan bodies included; compile time grows faster than linearly beyond this.
  private readonly budget: OpBudget = { limit: 10_000, left: 10_000 };
  private readonly b = new GraphBuilder(this.budget);
  private readonly cells = new Map<string, CellDecl>();

  constructor(
    private readonly program: Program,
    private readonly file: SourceFile,
    overrides: Record<string, number>,
    private readonly options: LowerOptions,
  ) {
    for (const s of program.sizes) {
      const value = own(overrides, s.name.text) ?? s.value;
      if (value === undefined) this.runtimeSizes.push(s.name.text);
      else this.sizes[s.name.text] = value;
    }
    for (const c of program.cells) this.cells.set(c.name.text, c);
  }

  private at(span: Span) {
    this.b.line = this.file.position(span.start).line;
    this.current = span;
  }
  /** The statement being lowered: where an unexpected failure is reported. */
  current?: Span;
  /** The model's statement being lowered (a cell call, while its cell's statements are). */
  modelStatement?: Span;

  run(): Lowered {
    const model = this.program.models[0];
    const env = new Map<string, number>();
    const failed = new Set<string>(); // names defined by statements that failed
    const diagnostics: Diagnostic[] = [];
    const resolve: Resolver = (name, span) => {
      if (Object.hasOwn(this.sizes, name)) return { size: this.sizes[name] };
      if (failed.has(name)) throw new Echo();
      const id = env.get(name);
      if (id === undefined) throw new LowerError(span, `unknown name '${name}'`);
      return id;
    };
    // Each statement on its own: a mistake is reported and lowering goes on, so one run shows
    // every independent error, and nothing that only follows from an earlier one.
    for (const stmt of model.body) {
      try {
        this.statement(stmt, env, resolve, failed);
      } catch (e) {
        if (!(e instanceof LowerError || e instanceof Echo)) throw e;
        if (e instanceof LowerError) diagnostics.push({ message: e.message, span: e.span, hint: e.hint });
        if (stmt.kind === "assign") stmt.targets.forEach((t) => failed.add(t.text));
        else if (stmt.kind === "input" || stmt.kind === "param") failed.add(stmt.name.text);
      }
    }
    if (diagnostics.length) throw new LowerErrors(diagnostics);
    return { graph: this.b.graph, sizes: this.sizes, runtimeSizes: this.runtimeSizes, sizeLimits: this.sizeLimits, origin: { file: this.file, span: model.span } };
  }

  private statement(stmt: Statement, env: Map<string, number>, resolve: Resolver, failed: Set<string>) {
    this.at(stmt.span);
    this.modelStatement = stmt.span;
    switch (stmt.kind) {
      case "input":
        env.set(stmt.name.text, this.b.add("input", [], { name: stmt.name.text, optional: stmt.optional, ...(stmt.int ? { ids: true } : {}) }, this.shape(stmt.shape), stmt.name.text));
        break;
      case "param":
        env.set(stmt.name.text, this.param(stmt, stmt.name.text, this.shape(stmt.shape)));
        break;
      case "assign":
        if (stmt.value.kind === "call" && this.cells.has(stmt.value.callee.text)) {
          const results = this.cellCall(stmt.value, resolve);
          stmt.targets.forEach((t, i) => env.set(t.text, this.label(results[i], t.text)));
        } else env.set(stmt.targets[0].text, this.label(this.expr(stmt.value, resolve), stmt.targets[0].text));
        break;
      case "output":
        for (const n of stmt.names) if (!failed.has(n.text)) this.b.graph.outputs.push(this.output(n.text, env.get(n.text)!));
        break;
      case "state":
        break;
    }
  }

  /**
   * A model output. The final value of a cell call's state whose initial value was an input,
   * output as it is, carries into that input: a training loop feeds it to the next batch.
   */
  private output(name: string, node: number): GraphOutput {
    const input = this.carriedInto.get(node);
    const taken = input !== undefined && this.b.graph.outputs.some((o) => o.role === "state" && o.of === this.b.graph.nodes[input].attrs.name);
    if (input === undefined || taken) return { name, node };
    this.b.graph.nodes[input].attrs.role = "state";
    return { name, node, role: "state", of: this.b.graph.nodes[input].attrs.name };
  }

  private label(id: number, name: string): number {
    const node = this.b.graph.nodes[id];
    node.label ??= name;
    return id;
  }

  // ---- sizes and numbers ----------------------------------------------------------------------

  private dim(e: Expr, locals: Record<string, Dim> = {}): Dim {
    if (e.kind === "name" && this.runtimeSizes.includes(e.name)) return e.name;
    if (e.kind === "name" && typeof own(locals, e.name) === "string") return own(locals, e.name)!; // bound to a run-time size
    const v = this.number(e, locals);
    if (!Number.isInteger(v) || v < 1) throw new LowerError(e.span, `this size is ${v} with the sizes given; it must be a positive whole number`);
    return v;
  }

  private shape(dims: Expr[], locals: Record<string, Dim> = {}): Shape {
    return dims.map((d) => this.dim(d, locals));
  }

  private number(e: Expr, locals: Record<string, Dim> = {}): number {
    switch (e.kind) {
      case "number":
        return e.value;
      case "name": {
        const v = own(locals, e.name) ?? own(this.sizes, e.name);
        if (v === undefined || typeof v === "string") throw new LowerError(e.span, `'${e.name}' has no value here`, "run-time sizes (T, B) can only stand alone in a shape");
        return v;
      }
      case "unary":
        return -this.number(e.operand, locals);
      case "binary": {
        const [l, r] = [this.number(e.left, locals), this.number(e.right, locals)];
        return e.op === "+" ? l + r : e.op === "-" ? l - r : e.op === "*" ? l * r : l / r;
      }
      case "call":
        return numericFunctions[e.callee.text](this.number(e.args[0], locals));
      default:
        throw new LowerError(e.span, "expected a number");
    }
  }

  private init(stmt: Statement & { kind: "param" }, shape: Shape, locals: Record<string, Dim>): InitSpec {
    const e = stmt.init;
    if (!e || e.kind !== "call") {
      // Without an initialiser: PyTorch's default for a linear layer, uniform in ±1/sqrt(fan_in).
      if (shape.length < 2) return { kind: "constant", value: 0 };
      const k = 1 / Math.sqrt(shape[shape.length - 1] as number);
      return { kind: "uniform", low: -k, high: k };
    }
    const args = e.args.map((a) => this.number(a, locals));
    switch (e.callee.text) {
      case "uniform":
        return { kind: "uniform", low: args[0], high: args[1] };
      case "normal":
        return { kind: "normal", mean: args[0], std: args[1] };
      case "constant":
        return { kind: "constant", value: args[0] };
      case "ones":
        return { kind: "constant", value: 1 };
      default:
        return { kind: "constant", value: 0 };
    }
  }

  private param(stmt: Statement & { kind: "param" }, name: string, shape: Shape, locals: Record<string, Dim> = {}): number {
    const attrs = { name, init: this.init(stmt, shape, locals), ...(stmt.constant ? { constant: true } : {}) };
    return this.b.add("param", [], attrs, shape, name);
  }

  // ---- expressions ------------------------------------------------------------------------------
  //
  // A cell is written per example, but its body runs on the whole batch: a value computed
  // from a state or an input carries the batch as a leading axis the .cell text does not
  // show; parameters and numbers do not. Below, an axis the user writes counts within the
  // example, and operands are lined up so that broadcasting never mixes the batch axis with
  // an axis of the example.

  /** Whether a body value carries the batch axis (bodies only; nothing is batched in the model). */
  private isBatched(b: GraphBuilder, id: number): boolean {
    if (b === this.b) return false;
    const nodes = b.graph.nodes;
    for (let i = this.batchFlags.length; i <= id; i++) this.batchFlags[i] = this.batchSeeds.has(i) || nodes[i].inputs.some((j) => this.batchFlags[j]);
    return this.batchFlags[id];
  }
  private batchFlags: boolean[] = [];
  private batchSeeds = new Set<number>();

  /** Axes in front of the example's own: 1 for a batched value, else 0. */
  private lead(b: GraphBuilder, id: number) {
    return this.isBatched(b, id) ? 1 : 0;
  }
  private exampleRank(b: GraphBuilder, id: number) {
    return b.shape(id).length - this.lead(b, id);
  }

  /** A value with `count` more axes of size 1 in front of the example's axes. */
  private lift(b: GraphBuilder, id: number, count: number): number {
    for (let k = 0; k < count; k++) id = b.add("unsqueeze", [id], { axis: this.lead(b, id) });
    return id;
  }

  /** An unbatched value (a parameter, a number) made one per example of the batch. */
  private perExample(b: GraphBuilder, id: number): number {
    if (b === this.b || this.isBatched(b, id)) return id;
    const zeros = b.add("const", [], { value: 0 }, [this.batch!, ...b.shape(id).map(() => 1)]);
    this.batchSeeds.add(zeros);
    return b.add("add", [zeros, id]);
  }

  /** Two operands of an elementwise op, lined up so trailing-axis broadcasting is right. */
  private align(b: GraphBuilder, l: number, r: number): [number, number] {
    const rank = Math.max(this.exampleRank(b, l), this.exampleRank(b, r));
    const up = (id: number) => (this.isBatched(b, id) ? this.lift(b, id, rank - this.exampleRank(b, id)) : id);
    return [up(l), up(r)];
  }

  /** The IR axes a reduction covers: one written axis, or all of the example's. */
  private reducedAxes(b: GraphBuilder, x: number, axis: number | undefined, span: Span): number[] {
    const lead = this.lead(b, x);
    const rank = this.exampleRank(b, x);
    if (axis === undefined) return Array.from({ length: rank }, (_, k) => lead + k);
    const k = resolveAxis(axis, rank);
    if (k === undefined) throw new LowerError(span, `there is no axis ${axis} in a value of ${rank} axes`);
    return [lead + k];
  }

  /** sum, mean, max, var, min over the given axes (from the last, so the indices stay valid). */
  private reduce(b: GraphBuilder, fn: string, x: number, axes: number[]): number {
    const over = (op: "sum" | "max", v: number) => [...axes].sort((p, q) => q - p).reduce((acc, axis) => b.add(op, [acc], { axis }), v);
    const count = (v: number, reduced: number) => {
      const dims = axes.map((a) => b.shape(v)[a]);
      if (dims.every((d) => typeof d === "number")) return b.add("const", [], { value: dims.reduce<number>((p, d) => p * (d as number), 1) }, []);
      return b.add("div", [b.add("numel", [v]), b.add("numel", [reduced])]);
    };
    const mean = (v: number) => {
      const total = over("sum", v);
      return b.add("div", [total, count(v, total)]);
    };
    const keepDims = (v: number) => [...axes].sort((p, q) => p - q).reduce((acc, axis) => b.add("unsqueeze", [acc], { axis }), v);
    switch (fn) {
      case "sum":
        return over("sum", x);
      case "max":
        return over("max", x);
      case "min":
        return b.add("neg", [over("max", b.add("neg", [x]))]);
      case "mean":
        return mean(x);
      default: {
        // var: the mean squared deviation from the mean (biased, as layer norm uses)
        const deviation = b.add("sub", [x, keepDims(mean(x))]);
        return mean(b.add("mul", [deviation, deviation]));
      }
    }
  }

  private expr(e: Expr, resolve: Resolver, b: GraphBuilder = this.b): number {
    const constant = (v: number) => b.add("const", [], { value: v }, []);
    switch (e.kind) {
      case "number":
        return constant(e.value);
      case "name": {
        const r = resolve(e.name, e.span);
        return typeof r === "number" ? r : constant(r.size);
      }
      case "unary":
        return b.add("neg", [this.expr(e.operand, resolve, b)]);
      case "binary": {
        const l = this.expr(e.left, resolve, b);
        const r = this.expr(e.right, resolve, b);
        if (e.op === "@") {
          if (this.exampleRank(b, l) === 1) return this.vectorTimesMatrix(b, l, r);
          if (!this.isBatched(b, l)) return b.add("matmul", [l, r]);
          // A matrix of each example's own (a state, say): Σ_k W[n, k] x[..., k], written out
          const [w, x] = this.align(b, l, b.add("unsqueeze", [r], { axis: b.shape(r).length - 1 }));
          return b.add("sum", [b.add("mul", [w, x])], { axis: b.shape(w).length - 1 });
        }
        const op: Record<string, OpName> = { "+": "add", "-": "sub", "*": "mul", "/": "div" };
        return b.add(op[e.op], this.align(b, l, r));
      }
      case "slice":
        return this.slice(e, this.expr(e.target, resolve, b), b);
      case "call": {
        const axisExpr = e.keywords.find((k) => k.name.text === "axis")?.value;
        const row = functions[e.callee.text];
        return row.lower({
          call: e,
          b,
          args: e.args.map((a, i) => (row.sizeArguments?.includes(i) ? -1 : this.expr(a, resolve, b))),
          axis: () => (axisExpr ? this.number(axisExpr) : undefined),
          tensorOption: (name) => {
            const value = e.keywords.find((k) => k.name.text === name)?.value;
            return value && this.expr(value, resolve, b);
          },
          size: (i) => this.dim(e.args[i], this.locals),
          align: (x, y) => this.align(b, x, y),
          modelLevel: b === this.b,
          causalMask: (extent) => {
            const mask = this.causalMasks.get(String(extent));
            if (mask === undefined) throw new LowerError(e.span, "causal_mask is only known inside a cell");
            return mask;
          },
          reduce: (fn, x, axis) => this.reduce(b, fn, x, this.reducedAxes(b, x, axis, e.span)),
          perExample: (x) => this.perExample(b, x),
          isBatched: (x) => this.isBatched(b, x),
          limit: (size, max, what) => this.limit(size, max, what, e.span),
        });
      }
      case "string":
        throw new LowerError(e.span, "unexpected string");
    }
  }

  /** A size that must stay at most `max`: refused now if it is fixed, else recorded for the runtime to check, with where it comes from. */
  private limit(size: Dim, max: number, what: string, span: Span) {
    if (typeof size === "number") {
      if (size > max) throw new LowerError(span, `a size of ${size} is more than the ${max} ${what}`, "use a larger table or a smaller size (--set NAME=VALUE)");
      return;
    }
    const at = this.file.position(span.start);
    const why = `the ${max} ${what} (${this.file.path.replace(/^.*[\\/]/, "")}:${at.line}:${at.col})`;
    if (!this.sizeLimits.some((l) => l.size === size && l.max <= max)) this.sizeLimits.push({ size, max, why });
  }

  /** v @ M: Σ_k v[k] M[k, :]. A parameter matrix is a product (Mᵀv); a matrix of each example's own is written out. */
  private vectorTimesMatrix(b: GraphBuilder, v: number, m: number): number {
    if (!this.isBatched(b, m)) return b.add("matmul_t", [m, v]);
    const [column, matrix] = this.align(b, b.add("unsqueeze", [v], { axis: b.shape(v).length }), m);
    const terms = b.add("mul", [column, matrix]);
    return b.add("sum", [terms], { axis: b.shape(terms).length - 2 });
  }

  /** x[a:b] (the last axis) or x[a:b, c:d, ...] (one range per axis of the example). */
  private slice(e: Expr & { kind: "slice" }, x: number, b: GraphBuilder): number {
    const lead = this.lead(b, x);
    const rank = this.exampleRank(b, x);
    const first = e.ranges.length === 1 ? rank - 1 : 0;
    if (e.ranges.length !== 1 && e.ranges.length !== rank)
      throw new LowerError(e.span, `${e.ranges.length} ranges for a value of ${rank} axes`, "give one range (the last axis) or one per axis");
    return e.ranges.reduce((acc, range, k) => {
      const axis = lead + first + k;
      const width = b.shape(acc)[axis] as number;
      const start = range.start ? this.number(range.start, this.locals) : 0;
      const end = range.end ? this.number(range.end, this.locals) : width;
      if (start < 0 || end > width || end <= start)
        throw new LowerError(range.span, `slice ${start}:${end} is out of range for an axis of ${width}`, "check the slice bounds against the sizes given");
      if (start === 0 && end === width) return acc;
      return b.add("slice", [acc], { start, size: end - start, axis: axis === b.shape(acc).length - 1 ? undefined : axis });
    }, x);
  }

  private locals: Record<string, Dim> = {};
  /** In a cell body: causal_mask(S)'s per-step argument, by String(S). */
  private causalMasks = new Map<string, number>();
  private batch?: Dim; // the batch size of the cell body being lowered
  private dropoutInputs?: [number, number];
  private dropoutSalt = 0;
  /** A cell call's final state -> the input that gave its initial value. */
  private readonly carriedInto = new Map<number, number>();

  /**
   * The scalar inputs every dropout reads: the seed of the masks (a trainer sets it per step)
   * and the switch (on while training). Their names hold a '.', so no .cell name can clash.
   */
  private dropoutSwitch(): [number, number] {
    this.dropoutInputs ??= [
      this.b.add("input", [], { name: "dropout.seed", optional: true, role: "dropout-seed" }, [], "dropout.seed"),
      this.b.add("input", [], { name: "dropout.active", optional: true, role: "dropout-active" }, [], "dropout.active"),
    ];
    return this.dropoutInputs;
  }

  // ---- cell calls: one scan per layer and direction ------------------------------------------------

  private cellCall(call: Expr & { kind: "call" }, resolve: Resolver): number[] {
    const cell = this.cells.get(call.callee.text)!;
    const keyword = (k: string) => call.keywords.find((kw) => kw.name.text === k)?.value;
    const layersExpr = keyword("layers");
    const dirExpr = keyword("directions");
    const layers = layersExpr ? this.number(layersExpr) : 1;
    const directions = dirExpr ? this.number(dirExpr) : 1;
    if (!Number.isInteger(layers) || layers < 1) throw new LowerError(layersExpr!.span, `layers is ${layers}; it must be 1 or more`);
    if (directions !== 1 && directions !== 2) {
      const size = dirExpr!.kind === "name" ? dirExpr!.name : undefined; // a size the command line can set
      throw new LowerError(dirExpr!.span, `directions is ${directions}; it must be 1 or 2 (bidirectional)`, size ? `run with --set ${size}=1 or --set ${size}=2` : "write directions=1 or directions=2");
    }
    const dropoutExpr = keyword("dropout");
    const dropout = dropoutExpr ? this.number(dropoutExpr) : 0;
    if (!(dropout >= 0 && dropout < 1)) throw new LowerError(dropoutExpr!.span, `dropout is ${dropout}; it must be at least 0 and below 1`);
    const prefixExpr = keyword("prefix");
    const prefix = prefixExpr?.kind === "string" ? prefixExpr.value : "";
    const states = cell.body.filter((s): s is Statement & { kind: "state" } => s.kind === "state");
    const nArgs = cell.args.length;
    const isWhole = (i: number) => cell.args[i].modifier?.text === "whole";
    const given = call.args.slice(0, nArgs).map((a) => this.expr(a, resolve));
    const sequences = given.filter((_, i) => !isWhole(i));
    // A sequence read whole, [S, B, ...], as the step sees it: each example's own [S, ...].
    const wholes = given.filter((_, i) => isWhole(i)).map((w) => this.b.add("transpose", [w]));
    const initials = call.args.slice(nArgs).map((a) => this.expr(a, resolve));
    const [time, batch] = this.b.shape(sequences[0]);
    const lengthsExpr = keyword("lengths");
    // Each step's validity, [T, B]: 1 while t < the sequence's length.
    const valid = lengthsExpr && this.b.add("length_mask", [this.expr(lengthsExpr, resolve)], { extent: time }, undefined, "valid");

    const scanLayer: ScanLayer = (inputs, layer, reverse, slot) => {
      const initialStates = states.map((s, i) => {
        this.at(s.span);
        if (initials[i] !== undefined) return this.b.add("index", [initials[i]], { index: slot });
        return -1; // filled once the state's shape is known
      });
      return this.scan(cell, { sequences: inputs, wholes, valid }, initialStates, { time, batch, prefix, suffix: layerSuffix(layer, reverse), reverse });
    };
    const checkJoin = (outputs: number[], k: number) => {
      this.at(call.span);
      if (outputs.length > 1 && this.b.shape(outputs[0]).length === 2)
        throw new LowerError(call.span, `a bidirectional call joins the two directions' outputs along their last axis, but '${cell.outputs[k].text}' is one number per example`, "make the cell's output a vector, e.g. [1], or call it with directions=1");
    };
    const headsExpr = keyword("heads");
    const heads = headsExpr ? this.number(headsExpr) : 1;
    if (!Number.isInteger(heads) || heads < 1) throw new LowerError(headsExpr!.span, `heads is ${heads}; it must be 1 or more`);
    if (headsExpr) return this.multiHead(call, cell, heads, { sequences, wholes, valid }, { time, batch, prefix });
    const applyDropout = dropout > 0 && this.options.dropout ? (x: number) => this.b.add("dropout", [x, ...this.dropoutSwitch()], { value: dropout, index: this.dropoutSalt++ }) : undefined;
    const results = stackLayers(this.b, { layers, directions, dropout: applyDropout, checkJoin }, sequences, states.length, scanLayer);
    const nOutputs = cell.outputs.length;
    initials.forEach((init, i) => init !== undefined && this.b.graph.nodes[init].op === "input" && this.carriedInto.set(results[nOutputs + i], init));
    this.at(call.span);
    return results;
  }

  /**
   * A call with heads=N: one scan per head, each reading its slice of every argument with a
   * feature axis (the n-th of N equal parts of the last axis; masks and scalars are shared),
   * with its own parameters; the heads' outputs and final states joined along the last axis.
   */
  private multiHead(call: Expr & { kind: "call" }, cell: CellDecl, heads: number, given: { sequences: number[]; wholes: number[]; valid?: number }, opts: { time: Dim; batch: Dim; prefix: string }): number[] {
    const perStep = cell.args.filter((a) => a.modifier?.text !== "whole");
    const whole = cell.args.filter((a) => a.modifier?.text === "whole");
    const slice = (x: number, split: boolean, h: number) => {
      if (!split) return x;
      const width = this.b.shape(x).at(-1) as number;
      return this.b.add("slice", [x], { start: (h * width) / heads, size: width / heads });
    };
    const results = Array.from({ length: heads }, (_, h) => {
      this.at(call.span);
      const sequences = given.sequences.map((x, i) => slice(x, perStep[i].shape.length > 0, h));
      const wholes = given.wholes.map((x, i) => slice(x, whole[i].shape.length > 1, h));
      const states = cell.body.filter((s) => s.kind === "state").map(() => -1);
      return this.scan(cell, { sequences, wholes, valid: given.valid }, states, { ...opts, suffix: `${layerSuffix(0, false)}_head${h}`, reverse: false });
    });
    this.at(call.span);
    const join = (parts: number[]) => (parts.length === 1 ? parts[0] : this.b.add("concat", parts));
    const outputs = results[0].outputs.map((_, k) => join(results.map((r) => r.outputs[k])));
    const finals = results[0].finals.map((_, k) => this.b.add("stack", [join(results.map((r) => r.finals[k]))]));
    return [...outputs, ...finals];
  }

  /**
   * One scan of a cell call. Its inputs: initial states, then the sequences read one step at
   * a time (and the steps' validity with `lengths=`), then the parameters and the sequences
   * read whole (each example's own, [B, S, ...]), both the same at every step.
   */
  private scan(
    cell: CellDecl,
    given: { sequences: number[]; wholes: number[]; valid?: number },
    initialStates: number[],
    opts: { time: Dim; batch: Dim; prefix: string; suffix: string; reverse: boolean },
  ): { outputs: number[]; finals: number[] } {
    const perStep = cell.args.filter((a) => a.modifier?.text !== "whole");
    const whole = cell.args.filter((a) => a.modifier?.text === "whole");
    // Bind the cell's own sizes (e.g. In) from the per-example shape of each input.
    const locals: Record<string, Dim> = {};
    const bind = (args: typeof cell.args, values: number[], lead: number) =>
      args.forEach((arg, i) => {
        const actual = this.b.shape(values[i]).slice(lead);
        arg.shape.forEach((d, k) => {
          if (d.kind === "name" && !Object.hasOwn(this.sizes, d.name) && !Object.hasOwn(locals, d.name)) locals[d.name] = actual[k];
        });
      });
    bind(perStep, given.sequences, 2);
    bind(whole, given.wholes, 1);
    this.locals = locals;
    const states = cell.body.filter((s): s is Statement & { kind: "state" } => s.kind === "state");
    const params = cell.body.filter((s): s is Statement & { kind: "param" } => s.kind === "param");
    const stateShapes = states.map((s) => [opts.batch, ...this.shape(s.shape, locals)]);

    // Outer values the loop needs: initial states, input sequences, parameters.
    const inits = states.map((s, i) => {
      if (initialStates[i] >= 0) return initialStates[i];
      this.at(s.span);
      return this.b.add("const", [], { value: s.init ? this.number(s.init, locals) : 0 }, stateShapes[i]);
    });
    const outerParams = params.map((p) => {
      this.at(p.span);
      const name = parameterName(opts.prefix, p.name.text, opts.suffix);
      return this.param(p, name, this.shape(p.shape, locals), locals);
    });

    // The body: one time step of the cell, with batch as the leading axis.
    const body = new GraphBuilder(this.budget);
    const env = new Map<string, number>();
    this.batch = opts.batch;
    this.batchFlags = [];
    this.batchSeeds = new Set();
    states.forEach((s, i) => env.set(s.name.text, body.arg(stateShapes[i], s.name.text)));
    perStep.forEach((a, i) => env.set(a.name.text, body.arg(this.b.shape(given.sequences[i]).slice(1), a.name.text)));
    const valid = given.valid === undefined ? undefined : body.arg([opts.batch], "valid");
    body.graph.args.forEach((a) => this.batchSeeds.add(a)); // states, inputs and validity; parameters follow
    // causal_mask(S): a sequence [T, S] the loop reads a row of per step (the step's own
    // position, in a reversed scan too), the same for every example. One per extent used.
    const extents = new Map(cell.body.flatMap((st) => (st.kind === "assign" ? callsTo(st.value, "causal_mask") : [])).map((c) => [String(this.dim(c.args[0], locals)), this.dim(c.args[0], locals)]));
    this.causalMasks = new Map([...extents.keys()].map((key) => [key, body.arg([extents.get(key)!], "causal")]));
    const causal = [...extents.values()].map((extent) => this.b.add("causal_mask", [given.sequences[0]], { extent }, undefined, "causal"));
    params.forEach((p, i) => env.set(p.name.text, body.arg(this.b.shape(outerParams[i]), p.name.text)));
    whole.forEach((a, i) => {
      const arg = body.arg(this.b.shape(given.wholes[i]), a.name.text);
      env.set(a.name.text, arg);
      this.batchSeeds.add(arg);
    });
    const resolve: Resolver = (name, span) => {
      const id = env.get(name);
      if (id !== undefined) return id;
      const local = own(locals, name);
      if (typeof local === "number") return { size: local };
      if (Object.hasOwn(this.sizes, name)) return { size: this.sizes[name] };
      throw new LowerError(span, local === undefined ? `unknown name '${name}'` : `'${name}' is only known at run time and cannot be used as a number`);
    };
    for (const stmt of cell.body) {
      if (stmt.kind !== "assign") continue;
      body.line = this.file.position(stmt.span.start).line;
      this.current = stmt.span;
      const name = stmt.targets[0].text;
      const id = this.expr(stmt.value, resolve, body);
      const node = body.graph.nodes[id];
      if (node.op !== "arg") node.label ??= name;
      env.set(name, id);
    }
    // With lengths, a step past a sequence's end keeps its states and outputs zeros:
    // valid·new + (1 - valid)·old, exact for valid 0 or 1.
    const keep = (next: number, old: number) => {
      if (valid === undefined) return next;
      const v = this.lift(body, valid, body.shape(next).length - 1);
      const one = body.add("const", [], { value: 1 }, []);
      return body.add("add", [body.add("mul", [v, next]), body.add("mul", [body.add("sub", [one, v]), old])]);
    };
    const zeroPast = (out: number) => (valid === undefined ? out : body.add("mul", [this.lift(body, valid, body.shape(out).length - 1), out]));
    // Body outputs: each state's next value, then each of the cell's outputs that is not one.
    const nextValues = states.map((s) => keep(this.perExample(body, env.get(`${s.name.text}'`)!), env.get(s.name.text)!));
    const stateIndex = (name: string) => (valid === undefined ? states.findIndex((s) => s.name.text === name) : -1);
    const extraNames = [...new Set(cell.outputs.map((o) => o.text).filter((name) => stateIndex(name) < 0))];
    const extra = extraNames.map((name) => {
      const k = states.findIndex((s) => s.name.text === name);
      return zeroPast(k >= 0 ? nextValues[k] : this.perExample(body, env.get(name)!));
    });
    body.graph.outputs = [...nextValues, ...extra].map((node, i) => ({ name: i < states.length ? `${states[i].name.text}'` : extraNames[i - states.length], node }));
    nextValues.forEach((id, i) => {
      const s = body.shape(id);
      if (s.join() !== stateShapes[i].join()) throw new LowerError(states[i].span, `state '${states[i].name.text}' is [${stateShapes[i]}] but its next value is [${s}]`);
    });

    this.causalMasks = new Map();
    this.b.line = this.file.position(cell.span.start).line;
    const sequences = [...given.sequences, ...(given.valid === undefined ? [] : [given.valid]), ...causal];
    const scan = this.b.add(
      "scan",
      [...inits, ...sequences, ...outerParams, ...given.wholes],
      { scan: { body: body.graph, reverse: opts.reverse, carries: states.length, sequences: sequences.length, length: opts.time } },
      [],
      `${cell.name.text}${opts.suffix}`,
    );
    const finals = states.map((s, i) => this.b.add("get", [scan], { index: i }, stateShapes[i], `${s.name.text}_final`));
    const outputs = cell.outputs.map((o) => {
      const k = stateIndex(o.text);
      const j = k >= 0 ? k : states.length + extraNames.indexOf(o.text);
      return this.b.add("get", [scan], { index: states.length + j }, [opts.time, ...body.shape(body.graph.outputs[j].node)], o.text);
    });
    return { outputs, finals };
  }
}
