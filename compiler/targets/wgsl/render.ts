// Renders IR values as WGSL at a given element index, inlining (fusing) everything that is not
// stored in a buffer. Emits named `let`s; each value is computed once per index per thread.
import type { Graph, Node, Shape } from "../../ir/graph.js";
import { axisOf, isElementwise } from "../../ir/ops/index.js";
import { wgslElementwise, wgslElementwise4 } from "./wgslOps.js";
import { wgslDim } from "./wgslSizes.js";
import { plainName } from "../../ir/names.js";

/** Where a stored value lives: a binding's array name and the element offset (WGSL u32 text); `fours`: the offset in vec4s, where it is a whole number of them. */
export interface Stored {
  array: string;
  offset: string;
  fours?: string;
}

export type Index = string[]; // one WGSL u32 expression per axis

// WGSL keywords, reserved words and builtins a .cell name could collide with, and our own names.
const reserved = new Set(
  ("alias array atomic bitcast bool break case const const_assert continue continuing default diagnostic discard do else enable " +
    "f16 f32 false fn for from i32 if let loop mat2x2 mat3x3 mat4x4 override ptr requires return sampler struct switch true type u32 " +
    "var vec2 vec3 vec4 while as async await become cast catch class co_await enum export extern final goto import in inline " +
    "module mut new null of out private protected public self static super target this throw try typedef union unsafe using " +
    "virtual void where with yield select sizes main id gid groups tau read_slot write_slot time_step in_range tile_rows workgroup_x workgroup_y workgroup_z max min exp log sqrt abs sign tanh").split(" "),
);

/** The names a kernel's time loop declares for each step (codegen.ts, stepPrelude). */
const LOOP_NAMES = ["time_step", "tau", "read_slot", "write_slot"];

export class Renderer {
  private scopes: { lines: string[]; cache: Map<string, string>; indent: string }[] = [];
  private readonly used = new Set<string>();
  /** Where values the same at every step of a kernel's loop go, before the loop (see `beforeLoop`), and the names declared by then. */
  private hoist?: { lines: string[]; invariant: (node: Node) => boolean; declared: Set<string> };

  constructor(
    private readonly graph: Graph,
    /** The stored location of a node, if it is read from memory rather than computed here. */
    private readonly stored: (node: Node) => Stored | undefined,
    /**
     * Four elements at a time along the last axis (the arrays are vec4 views): a value with a
     * last axis wider than 1 is a vec4f and its index's last entry counts fours; a value
     * broadcast along that axis stays one f32, spread to four where it meets a vec4f.
     */
    private readonly four = false,
  ) {
    this.open("  ");
  }

  /** Whether a value is four elements (a vec4f) in this kernel. */
  private isFour(node: Node): boolean {
    return this.four && node.shape.length > 0 && node.shape[node.shape.length - 1] !== 1;
  }

  get lines(): string[] {
    return this.scopes[0].lines;
  }

  /** A fresh WGSL name, readable when the value has a .cell name. */
  name(hint: string): string {
    let base = plainName(hint).replace(/^_+/, "v_");
    if (!/^[A-Za-z]/.test(base)) base = `v_${base}`;
    if (reserved.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  emit(line: string) {
    const s = this.scopes[this.scopes.length - 1];
    s.lines.push(s.indent + line);
  }

  private open(indent: string) {
    this.scopes.push({ lines: [], cache: new Map(), indent });
  }

  /** Run `body` with its statements nested in `header { ... }`; values computed inside stay inside. */
  block(header: string, body: () => void) {
    const outer = this.scopes[this.scopes.length - 1];
    this.emit(`${header} {`);
    this.open(outer.indent + "  ");
    body();
    const inner = this.scopes.pop()!;
    outer.lines.push(...inner.lines, `${outer.indent}}`);
  }

  private cached(key: string): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].cache.get(key);
      if (v) return v;
    }
    return undefined;
  }

  /**
   * From now on, a value `invariant` says is the same at every step of the kernel's time loop
   * (a bias, read from memory, and elementwise work on such values) is computed once, into
   * `lines`, which the caller puts before the loop. `invariant` holds only for values rendered
   * as one expression from values that are invariant too. A value is moved only where its
   * expression names nothing declared inside the loop: an index of a sum over a row (softmax's
   * `j`) or of the step is declared there, even when the value read is a parameter.
   */
  beforeLoop(lines: string[], invariant: (node: Node) => boolean) {
    this.hoist = { lines, invariant, declared: new Set(this.used) };
  }

  /** Whether `expr`, a value's expression, can be computed before the loop (see `beforeLoop`). */
  private computableBeforeLoop(node: Node, expr: string): boolean {
    const hoist = this.hoist;
    if (!hoist || this.scopes.length > 1 || !hoist.invariant(node)) return false;
    const names = expr.replace(/\bsizes\.\w+/g, "").match(/\b[A-Za-z_]\w*/g) ?? [];
    return names.every((n) => !LOOP_NAMES.includes(n) && (!this.used.has(n) || hoist.declared.has(n)));
  }

  /** `name` holds `node` at `index` (a register the caller keeps up to date). */
  define(id: number, index: Index, name: string) {
    this.scopes[this.scopes.length - 1].cache.set(`${id}@${index.join(",")}`, name);
  }

  /** The WGSL expression of `node` at `index`. */
  value(id: number, index: Index): string {
    const node = this.graph.nodes[id];
    const key = `${id}@${index.join(",")}`;
    const hit = this.cached(key);
    if (hit) return hit;
    const mem = this.stored(node);
    let expr: string;
    if (mem && this.isFour(node)) expr = `${mem.array}[${joinOffset(mem.fours!, linearIndex(inFours(node.shape).map(wgslDim), index))}]`;
    else if (mem && this.four) {
      const at = joinOffset(mem.offset, linearIndex(node.shape.map(wgslDim), index));
      expr = `${mem.array}[(${at}) / 4u][(${at}) % 4u]`;
    } else if (mem) expr = `${mem.array}[${joinOffset(mem.offset, linearIndex(node.shape.map(wgslDim), index))}]`;
    else expr = this.compute(node, index);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr) || /^-?[0-9.e+-]+$/.test(expr)) return expr;
    const name = this.name(node.label ?? `${node.op}${id}`);
    if (this.computableBeforeLoop(node, expr)) {
      this.hoist!.lines.push(`${this.scopes[0].indent}let ${name} = ${expr};`);
      this.hoist!.declared.add(name);
      this.scopes[0].cache.set(key, name);
      return name;
    }
    this.emit(`let ${name} = ${expr};`);
    this.scopes[this.scopes.length - 1].cache.set(key, name);
    return name;
  }

  private compute(node: Node, index: Index): string {
    const input = (i: number) => this.graph.nodes[node.inputs[i]];
    const broadcastIndex = (i: number) => {
      const shape = input(i).shape;
      const aligned = index.slice(index.length - shape.length);
      return aligned.map((x, k) => (shape[k] === 1 && node.shape[node.shape.length - shape.length + k] !== 1 ? "0u" : x));
    };
    if (isElementwise(node.op) && this.isFour(node)) {
      const spread = (i: number, v: string) => (this.isFour(input(i)) ? v : `vec4f(${v})`);
      return wgslElementwise4[node.op](...node.inputs.map((id, i) => spread(i, this.value(id, broadcastIndex(i)))));
    }
    if (isElementwise(node.op)) return wgslElementwise[node.op](...node.inputs.map((id, i) => this.value(id, broadcastIndex(i))));
    const last = index.length - 1;
    switch (node.op) {
      case "const":
        return this.isFour(node) ? `vec4f(${floatLiteral(node.attrs.value!)})` : floatLiteral(node.attrs.value!);
      case "slice": {
        const axis = axisOf(node.attrs, index.length);
        const start = this.isFour(node) && axis === last ? node.attrs.start! / 4 : node.attrs.start;
        return this.value(node.inputs[0], index.map((x, k) => (k === axis ? `${x} + ${start}u` : x)));
      }
      case "unsqueeze":
        return this.value(node.inputs[0], index.filter((_, k) => k !== node.attrs.axis));
      case "index":
        return this.value(node.inputs[0], [`${node.attrs.index}u`, ...index]);
      case "transpose":
        return this.value(node.inputs[0], [index[1], index[0], ...index.slice(2)]);
      case "length_mask":
        return `select(0.0, 1.0, f32(${index[0]}) < ${this.value(node.inputs[0], index.slice(1))})`;
      case "positions":
        return `f32(${index[0]})`;
      case "causal_mask":
        if (node.inputs.length < 2) return `select(0.0, 1.0, ${index[1]} <= ${index[0]})`;
        return `select(0.0, 1.0, ${index[1]} <= ${index[0]} + u32(${this.value(node.inputs[1], [])}))`;
      case "overwrite": {
        // Row c of the result is the new rows' c - offset while that is one of them; u32
        // arithmetic wraps below the offset, so the read is clamped and the select drops it.
        const axis = node.attrs.axis!;
        const offset = this.value(node.inputs[2], []);
        const rows = wgslDim(input(1).shape[axis]);
        const at = `${index[axis]} - u32(${offset})`;
        const fresh = this.value(node.inputs[1], index.map((x, k) => (k === axis ? `min(${at}, ${rows} - 1u)` : x)));
        return `select(${this.value(node.inputs[0], index)}, ${fresh}, ${at} < ${rows})`;
      }
      case "concat":
        return this.choose(node, node.attrs.axis === 0 ? 0 : last, index);
      case "stack":
        return this.choose(node, 0, index);
      case "outer_step": {
        // out[k, ..., n] = a[..., n] b[..., k]; in fours, element k of b from its vec4 k / 4.
        const [a, b] = node.inputs;
        const [k, ...rest] = index;
        const term = this.value(a, rest);
        if (!this.isFour(node)) return `${term} * ${this.value(b, [...rest.slice(0, -1), k])}`;
        const constant = /^(\d+)u$/.exec(k);
        const [quad, lane] = constant ? [`${Math.floor(Number(constant[1]) / 4)}u`, `${Number(constant[1]) % 4}`] : [`(${k}) / 4u`, `(${k}) % 4u`];
        return `${term} * ${this.value(b, [...rest.slice(0, -1), quad])}[${lane}]`;
      }
      case "matmul":
        return this.isFour(node) ? this.fourRows(node, index) : this.reduce(node, index);
      case "sum":
      case "max":
        return this.reduceAxis(node, index);
      case "matmul_t": {
        // y[..., k] = sum_n g[..., n] W[n, k]
        const [w, g] = [node.inputs[0], node.inputs[1]];
        const N = this.graph.nodes[g].shape.at(-1)!;
        return this.accumulate(node, [N], ([n]) => `${this.value(g, [...index.slice(0, -1), n])} * ${this.value(w, [n, index[last]])}`);
      }
      case "outer_sum": {
        // y[n, k] = sum over the leading axes of a[..., n] b[..., k]
        const [a, b] = node.inputs;
        const lead = this.graph.nodes[a].shape.slice(0, -1);
        return this.accumulate(node, lead, (l) => `${this.value(a, [...l, index[0]])} * ${this.value(b, [...l, index[1]])}`);
      }
      case "sum_to": {
        // Sum over the axes broadcasting added (leading) or stretched (size 1 in the result).
        const x = this.graph.nodes[node.inputs[0]];
        const extra = x.shape.length - node.shape.length;
        const reduced = x.shape.map((d, k) => k < extra || (node.shape[k - extra] === 1 && d !== 1));
        const loopDims = x.shape.filter((_, k) => reduced[k]);
        return this.accumulate(node, loopDims, (l) => {
          let j = 0;
          return this.value(x.id, x.shape.map((_, k) => (reduced[k] ? l[j++] : node.shape[k - extra] === 1 ? "0u" : index[k - extra])));
        });
      }
      case "pad": {
        const x = this.graph.nodes[node.inputs[0]];
        const axis = axisOf(node.attrs, index.length);
        const width = x.shape[axis] as number;
        const start = node.attrs.start!;
        const at = index[axis];
        const result = this.name(node.label ?? `pad${node.id}`);
        this.emit(`var ${result} = 0.0;`);
        this.block(`if (${at} >= ${start}u && ${at} < ${start + width}u)`, () =>
          this.emit(`${result} = ${this.value(x.id, index.map((v, k) => (k === axis ? `${v} - ${start}u` : v)))};`),
        );
        return result;
      }
      case "expand": {
        const axis = node.attrs.axis ?? last;
        return this.value(node.inputs[0], index.filter((_, k) => k !== axis));
      }
      case "gather": {
        const [table, ids] = node.inputs;
        const row = `u32(${this.value(ids, index.slice(0, -1))})`;
        return this.value(table, [row, index[last]]);
      }
      case "scatter_add": {
        // out[v, e] = sum of g[r, e] over the positions r whose id is v
        const [g, ids, segments, order] = node.inputs;
        const positions = this.graph.nodes[ids].shape;
        if (order === undefined) return this.accumulate(node, positions, (r) => `select(0.0, ${this.value(g, [...r, index[1]])}, u32(${this.value(ids, r)}) == ${index[0]})`);
        // With the positions sorted by id: only row v's own, from segments[v] to segments[v + 1].
        const [sum, j] = [this.name(node.label ?? `scatter_add${node.id}`), this.name("j")];
        const [first, end] = [this.value(segments, [index[0]]), this.value(segments, [`${index[0]} + 1u`])];
        this.emit(`var ${sum} = 0.0;`);
        this.block(`for (var ${j} = u32(${first}); ${j} < u32(${end}); ${j}++)`, () => {
          const at = this.name("position");
          this.emit(`let ${at} = u32(${this.value(order, this.decompose(j, positions))});`);
          this.emit(`${sum} += ${this.value(g, [...this.decompose(at, positions), index[1]])};`);
        });
        return sum;
      }
      case "pick": {
        const [x, ids] = node.inputs;
        return this.value(x, [...index, `u32(${this.value(ids, index)})`]);
      }
      case "unpick": {
        const [g, ids] = node.inputs;
        const inner = index.slice(0, -1);
        return `select(0.0, ${this.value(g, inner)}, u32(${this.value(ids, inner)}) == ${index[last]})`;
      }
      case "logsumexp":
        return this.logsumexp(node, index);
      case "mean": {
        const x = this.graph.nodes[node.inputs[0]];
        const total = this.accumulate(node, x.shape, (r) => this.value(x.id, r));
        return `(${total} / f32(${x.shape.map(wgslDim).join(" * ") || "1u"}))`;
      }
      case "dropout": {
        const [x, seed, active] = node.inputs;
        const flat = linearIndex(node.shape.map(wgslDim), index);
        const p = node.attrs.value!;
        const on = `${this.value(active, [])} > 0.5`;
        // Off: keep every value (every draw is at least 0) unscaled.
        const draw = `keep_draw(mix_seed(u32(${this.value(seed, [])}), ${node.attrs.index}u), ${flat})`;
        return `select(0.0, ${this.value(x, index)} * select(1.0, ${floatLiteral(1 / (1 - p))}, ${on}), ${draw} >= select(0.0, ${floatLiteral(p)}, ${on}))`;
      }
      case "numel": {
        const x = this.graph.nodes[node.inputs[0]];
        return `f32(${x.shape.map(wgslDim).join(" * ") || "1u"})`;
      }
      default:
        throw new Error(`cannot compute ${node.op} inside a kernel; it must be stored first`);
    }
  }

  /** concat and stack: pick the input that holds this index. */
  private choose(node: Node, axis: number, index: Index): string {
    const result = this.name(node.label ?? `${node.op}${node.id}`);
    this.emit(`var ${result}: f32;`);
    let start = 0;
    node.inputs.forEach((inputId, i) => {
      const width = node.op === "stack" ? 1 : (this.graph.nodes[inputId].shape[axis] as number);
      const end = start + width;
      const inner = [...index];
      if (node.op === "stack") inner.splice(0, 1);
      else inner[axis] = `${index[axis]} - ${start}u`;
      const cond = `${index[axis]} < ${end}u`;
      const header = i === 0 ? `if (${cond})` : i === node.inputs.length - 1 ? "else" : `else if (${cond})`;
      this.block(header, () => this.emit(`${result} = ${this.value(inputId, inner)};`));
      start = end;
    });
    // `else` lines were emitted as their own statements; join "}\n else" into "} else".
    const lines = this.scopes[this.scopes.length - 1].lines;
    for (let i = lines.length - 1; i > 0; i--)
      if (/^\s*else/.test(lines[i]) && /^\s*}$/.test(lines[i - 1])) {
        lines[i - 1] = `${lines[i - 1]} ${lines[i].trim()}`;
        lines.splice(i, 1);
      }
    return result;
  }

  /** log Σ exp over the last axis, shifted by the maximum so nothing overflows. */
  private logsumexp(node: Node, index: Index): string {
    const x = this.graph.nodes[node.inputs[0]];
    const V = wgslDim(x.shape[x.shape.length - 1]);
    const [max, total, j] = [this.name("row_max"), this.name("row_sum"), this.name("j")];
    this.emit(`var ${max} = -3.0e38;`);
    this.block(`for (var ${j} = 0u; ${j} < ${V}; ${j}++)`, () => this.emit(`${max} = max(${max}, ${this.value(x.id, [...index, j])});`));
    this.emit(`var ${total} = 0.0;`);
    const k = this.name("j");
    this.block(`for (var ${k} = 0u; ${k} < ${V}; ${k}++)`, () => this.emit(`${total} += exp(${this.value(x.id, [...index, k])} - ${max});`));
    return `(${max} + log(${total}))`;
  }

  /** A sum over a loop space of the given dims; `term` renders one term at a loop index. */
  private accumulate(node: Node, dims: Shape, term: (loopIndex: Index) => string): string {
    const acc = this.name(node.label ?? `${node.op}${node.id}`);
    const counter = this.name("r");
    this.emit(`var ${acc} = 0.0;`);
    const total = dims.length ? dims.map(wgslDim).join(" * ") : "1u";
    this.block(`for (var ${counter} = 0u; ${counter} < ${total}; ${counter}++)`, () => {
      const loopIndex = this.decompose(counter, dims);
      this.emit(`${acc} += ${term(loopIndex)};`);
    });
    return acc;
  }

  /** Multi-index of a row-major linear index over `dims` (emits the divisions). */
  decompose(linear: string, dims: Shape): Index {
    const index: Index = dims.map((_, k) => this.name(`i${k}`));
    let rest = linear;
    for (let k = dims.length - 1; k >= 0; k--) {
      if (k === 0) this.emit(`let ${index[k]} = ${rest};`);
      else if (dims[k] === 1) this.emit(`let ${index[k]} = 0u;`); // an axis of one: nothing to divide
      else {
        this.emit(`let ${index[k]} = ${rest} % ${wgslDim(dims[k])};`);
        const next = this.name("rest");
        this.emit(`let ${next} = ${rest} / ${wgslDim(dims[k])};`);
        rest = next;
      }
    }
    return index;
  }

  /** matmul (W [N, K] @ x [..., K]): a loop over k. */
  private reduce(node: Node, index: Index): string {
    const acc = this.name(node.label ?? `${node.op}${node.id}`);
    const loopVar = this.name("k");
    const operand = this.graph.nodes[node.inputs[1]];
    const K = operand.shape[operand.shape.length - 1];
    this.emit(`var ${acc} = 0.0;`);
    this.block(`for (var ${loopVar} = 0u; ${loopVar} < ${wgslDim(K)}; ${loopVar}++)`, () => {
      const w = this.value(node.inputs[0], [index[index.length - 1], loopVar]);
      const x = this.value(operand.id, [...index.slice(0, -1), loopVar]);
      this.emit(`${acc} += ${w} * ${x};`);
    });
    return acc;
  }

  /**
   * W·x at four elements (rows 4i..4i+3 of W), the depth fixed: each row dotted with x four
   * floats at a time, unrolled, so a row's vec4s read the same at every step of a loop are read
   * once, before it (beforeLoop).
   */
  private fourRows(node: Node, index: Index): string {
    const [w, x] = node.inputs;
    const depth = this.graph.nodes[w].shape[1] as number;
    const quad = index[index.length - 1];
    const rows = [0, 1, 2, 3].map((u) =>
      [...Array(depth / 4).keys()]
        .map((q) => `dot(${this.value(w, [`(${quad}) * 4u + ${u}u`, `${q}u`])}, ${this.value(x, [...index.slice(0, -1), `${q}u`])})`)
        .join(" + "),
    );
    return `vec4f(${rows.join(", ")})`;
  }

  /** sum and max over one axis of the input: a loop along it. */
  private reduceAxis(node: Node, index: Index): string {
    const x = this.graph.nodes[node.inputs[0]];
    const axis = axisOf(node.attrs, x.shape.length);
    const acc = this.name(node.label ?? `${node.op}${node.id}`);
    const loopVar = this.name("k");
    this.emit(`var ${acc} = ${node.op === "sum" ? "0.0" : "-3.0e38"};`);
    this.block(`for (var ${loopVar} = 0u; ${loopVar} < ${wgslDim(x.shape[axis])}; ${loopVar}++)`, () => {
      const v = this.value(x.id, [...index.slice(0, axis), loopVar, ...index.slice(axis)]);
      this.emit(node.op === "sum" ? `${acc} += ${v};` : `${acc} = max(${acc}, ${v});`);
    });
    return acc;
  }
}

/** Row-major linear index of `index` in an array of the given dims (WGSL text). */
export function linearIndex(dims: string[], index: Index): string {
  if (index.length === 0) return "0u";
  let expr = index[0];
  for (let k = 1; k < index.length; k++) expr = `(${expr}) * ${dims[k]} + ${index[k]}`;
  return expr.replace(/^\((\w+)\)/, "$1");
}

/** A shape as a four-at-a-time kernel indexes it: its last axis in fours. */
export const inFours = (shape: Shape): Shape => [...shape.slice(0, -1), (shape[shape.length - 1] as number) / 4];

export const joinOffset = (offset: string, linear: string) => (offset === "0u" ? linear : `${offset} + ${linear}`);

export function floatLiteral(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`constant ${v} is not finite`);
  const s = String(Math.fround(v) === v ? v : Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
}
