// Name resolution, symbolic shapes and statement rules. Reports every error it finds; never throws.
import type { Diagnostic, Span } from "../../diagnostics.js";
import type { CellDecl, Expr, ModelDecl, Name, Program, Statement } from "../syntax/ast.js";
import { MAX_ELEMENTS } from "../../ir/graph.js";
import { broadcastRule, matmulRule, type DimAlgebra, type Rule } from "../../ir/shapeRules.js";
import { functions, reductions } from "../functions.js";
import { cellCallKeywords, closestName, initialisers, numericFunctions } from "./builtins.js";
import { poly, shapeToString, type Poly } from "./poly.js";

/** Symbolic sizes for the shared shape rules: equal as polynomials. */
const symbolicDims: DimAlgebra<Poly> = { equal: poly.equal, isOne: (d) => poly.asConstant(d) === 1, one: poly.constant(1), add: poly.add, show: poly.toString };

type Shape = Poly[];

/** What a name means inside a cell or model body. */
interface Binding {
  kind: "size" | "param" | "state" | "next" | "arg" | "input" | "value";
  int?: boolean; // integer ids (token inputs): only embedding, position_embedding, cross_entropy, length_mask and lengths= read them
  optional?: boolean; // an input that may be left out (zeros)
  shape?: Shape; // per example inside a cell; absent after an error, so it causes no second error
}

class Scope {
  readonly names = new Map<string, Binding>();
  constructor(readonly parent?: Scope) {}
  lookup(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
  all(): string[] {
    return [...this.names.keys(), ...(this.parent?.all() ?? [])];
  }
}

interface CellSignature {
  decl: CellDecl;
  args: Shape[];
  /** Per argument: read whole at every step (declared `whole`), not one step at a time. */
  whole: boolean[];
  localSizes: Set<string>;
  states: { name: string; shape: Shape }[];
  outputs?: Shape[]; // absent after an error
  broken?: boolean; // a mistake in its header: calls are not checked
}

const numberWords = (n: number) => (n === 1 ? "one" : String(n));

export function check(program: Program): Diagnostic[] {
  return new Checker(program).run();
}

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly sizes = new Map<string, number | undefined>();
  private readonly cells = new Map<string, CellSignature>();
  private readonly global = new Scope();

  constructor(private readonly program: Program) {}

  run(): Diagnostic[] {
    this.dottedNames();
    for (const s of this.program.sizes) {
      if (this.sizes.has(s.name.text)) this.error(s.name.span, `size '${s.name.text}' is declared twice`, "remove one of the declarations");
      else if (s.value !== undefined && (!Number.isInteger(s.value) || s.value < 1))
        this.error(s.span, `size '${s.name.text}' must be a positive whole number, not ${s.value}`);
      else if (s.value !== undefined && s.value > MAX_ELEMENTS)
        this.error(s.span, `size '${s.name.text}' is ${s.value}, more than one tensor can hold (${MAX_ELEMENTS}, as kernels index with 32-bit numbers)`);
      this.sizes.set(s.name.text, s.value);
      this.global.names.set(s.name.text, { kind: "size", shape: [] });
    }
    for (const cell of this.program.cells) this.checkCell(cell);
    if (this.program.models.length === 0) {
      const last = this.program.cells[this.program.cells.length - 1];
      if (last) this.error(last.name.span, "the file has no model", "add 'model { input x [T, B, I]  y = cell(x)  output y }' that uses the cell");
      else this.error({ start: 0, end: 1 }, "the file declares no model", "a model file holds 'size' declarations, cells and one 'model { ... }' block; see dsl-examples/");
    }
    if (this.program.models.length > 1) this.error(this.program.models[1].span, "a file holds one model", "move the other model to its own file");
    for (const model of this.program.models.slice(0, 1)) this.checkModel(model);
    return this.diagnostics;
  }

  /** A name with '.' is a PyTorch state_dict name: a model-level param may have one, nothing else. */
  private dottedNames() {
    const refuse = (n: Name, what: string) => {
      if (n.text.includes("."))
        this.error(n.span, `${what} '${n.text}' has a '.'; only a model-level param may (a PyTorch state_dict name such as decoder.weight)`, `write ${n.text.replace(/\./g, "_")}`);
    };
    const declared = (s: Statement, inCell: boolean) => {
      if (s.kind === "assign") s.targets.forEach((t) => refuse(t, "the value"));
      else if (s.kind === "input" || s.kind === "state") refuse(s.name, `the ${s.kind}`);
      else if (s.kind === "param" && inCell) refuse(s.name, "the cell's param");
    };
    this.program.sizes.forEach((s) => refuse(s.name, "the size"));
    for (const c of this.program.cells) {
      refuse(c.name, "the cell");
      c.args.forEach((a) => refuse(a.name, "the argument"));
      c.body.forEach((s) => declared(s, true));
    }
    for (const m of this.program.models) m.body.forEach((s) => declared(s, false));
  }

  private error(span: Span, message: string, hint?: string) {
    this.diagnostics.push({ message, span, hint });
  }

  // ---- sizes in shapes ------------------------------------------------------------------

  /** A shape written in brackets: each entry a polynomial of size names and whole numbers. */
  private shape(dims: Expr[], localSizes?: Set<string>, bindNew = false): Shape | undefined {
    const out: Shape = [];
    for (const d of dims) {
      const p = this.dim(d, localSizes, bindNew);
      if (!p) return undefined;
      out.push(p);
    }
    return out;
  }

  private dim(e: Expr, localSizes?: Set<string>, bindNew = false): Poly | undefined {
    switch (e.kind) {
      case "number":
        if (!Number.isInteger(e.value)) return this.fail(e.span, `a size must be a whole number, not ${e.value}`);
        return poly.constant(e.value);
      case "name": {
        if (this.sizes.has(e.name) || localSizes?.has(e.name)) return poly.symbol(e.name);
        if (bindNew && localSizes && /^[A-Z]/.test(e.name)) {
          localSizes.add(e.name);
          return poly.symbol(e.name);
        }
        const near = closestName(e.name, [...this.sizes.keys(), ...(localSizes ?? [])]);
        return this.fail(e.span, `unknown size '${e.name}'`, near ? `did you mean '${near}'?` : `declare it at the top: size ${e.name} = 16`);
      }
      case "binary": {
        if (e.op === "/" || e.op === "@") return this.fail(e.span, `sizes can be added, subtracted and multiplied, not combined with '${e.op}'`);
        const l = this.dim(e.left, localSizes, bindNew);
        const r = l && this.dim(e.right, localSizes, bindNew);
        if (!l || !r) return undefined;
        return e.op === "+" ? poly.add(l, r) : e.op === "-" ? poly.sub(l, r) : poly.mul(l, r);
      }
      case "unary": {
        const v = this.dim(e.operand, localSizes, bindNew);
        return v && poly.mul(poly.constant(-1), v);
      }
      default:
        return this.fail(e.span, "a size is written with size names, whole numbers, +, - and *", "for example [4*H, I+H]");
    }
  }

  /** An integer written in the source (an axis), or null after reporting why it is not one. */
  private wholeNumber(e: Expr): number | null {
    const value = e.kind === "number" ? e.value : e.kind === "unary" && e.operand.kind === "number" ? -e.operand.value : undefined;
    if (value === undefined || !Number.isInteger(value)) {
      this.error(e.span, "an axis is a whole number", "for example axis=-1 (the last axis) or axis=0");
      return null;
    }
    return value;
  }

  private fail(span: Span, message: string, hint?: string): undefined {
    this.error(span, message, hint);
    return undefined;
  }

  // ---- numbers (initialisers, state initial values) ---------------------------------------

  private numeric(e: Expr): boolean {
    switch (e.kind) {
      case "number":
        return true;
      case "name":
        if (this.cellLocals?.has(e.name)) return true;
        if (this.sizes.has(e.name)) {
          if (this.sizes.get(e.name) === undefined) return !!this.fail(e.span, `size '${e.name}' is only known at run time, so it cannot be used in a constant`);
          return true;
        }
        return !!this.fail(e.span, `'${e.name}' is not a number or a size`, "constants use numbers, sizes and sqrt/exp/log");
      case "unary":
        return this.numeric(e.operand);
      case "binary":
        if (e.op === "@") return !!this.fail(e.span, "'@' needs tensors; this expression must be a number");
        return this.numeric(e.left) && this.numeric(e.right);
      case "call":
        if (!(e.callee.text in numericFunctions)) return !!this.fail(e.callee.span, `'${e.callee.text}' cannot be used in a constant`, `constants may use ${Object.keys(numericFunctions).join(", ")}`);
        if (e.args.length !== 1) return !!this.fail(e.span, `${e.callee.text} takes one argument`);
        return this.numeric(e.args[0]);
      default:
        return !!this.fail(e.span, "expected a number");
    }
  }

  private initialiser(e: Expr | undefined) {
    if (!e) return;
    const usages = Object.values(initialisers).map((i) => i.usage).join(", ");
    if (e.kind !== "call" || !(e.callee.text in initialisers)) {
      const near = e.kind === "call" ? closestName(e.callee.text, Object.keys(initialisers)) : undefined;
      this.error(e.kind === "call" ? e.callee.span : e.span, "unknown initialiser", near ? `did you mean '${near}'?` : `use one of ${usages}`);
      return;
    }
    const spec = initialisers[e.callee.text];
    if (e.args.length !== spec.args || e.keywords.length) this.error(e.span, `${e.callee.text} takes ${spec.args} argument${spec.args === 1 ? "" : "s"}`, `write ${spec.usage}`);
    else e.args.forEach((a) => this.numeric(a));
  }

  // ---- tensor expressions ---------------------------------------------------------------------

  private expr(e: Expr, scope: Scope, inCell: boolean): Shape | undefined {
    switch (e.kind) {
      case "number":
        return [];
      case "string":
        return this.fail(e.span, "a string is only allowed as the prefix of a cell call");
      case "name": {
        const b = scope.lookup(e.name);
        // A cell's own size (bound at each call) is a number in its equations: sqrt(Dh)
        if (!b && inCell && this.cellLocals?.has(e.name)) return [];
        if (!b) {
          if (e.name.endsWith("'")) {
            const state = scope.lookup(e.name.slice(0, -1));
            if (state?.kind === "state") return this.badStateUpdate ? undefined : this.fail(e.span, `'${e.name}' is used before it is defined`, `define it first: ${e.name} = ...`);
            return this.fail(e.span, `'${e.name.slice(0, -1)}' is not a state, so '${e.name}' means nothing`, "a quote names the next value of a state declared with 'state'");
          }
          const near = closestName(e.name, scope.all());
          return this.fail(e.span, `unknown name '${e.name}'`, near ? `did you mean '${near}'?` : inCell ? "declare it with 'param' or 'state', or define it with NAME = ..." : "declare it with 'input' or 'param', or define it with NAME = ...");
        }
        if (b.int) return this.fail(e.span, `'${e.name}' holds integer ids`, "use it as embedding(table, ids), position_embedding(table, ids), cross_entropy(logits, ids), length_mask(lengths, T) or a call's lengths=");
        if (b.kind === "size" && this.sizes.get(e.name) === undefined && !inCell)
          return this.fail(e.span, `size '${e.name}' is only known at run time and cannot be used as a number`);
        return b.shape;
      }
      case "unary":
        return this.expr(e.operand, scope, inCell);
      case "binary": {
        const l = this.expr(e.left, scope, inCell);
        const r = this.expr(e.right, scope, inCell);
        if (!l || !r) return undefined;
        if (e.op === "@") {
          const rule = matmulRule(symbolicDims, l, r);
          const blamed = "error" in rule ? rule.operand : undefined;
          return this.ruled(rule, blamed === "left" ? e.left.span : blamed === "right" ? e.right.span : e.span);
        }
        return this.ruled(broadcastRule(symbolicDims, l, r, e.op), e.span);
      }
      case "slice": {
        const target = this.expr(e.target, scope, inCell);
        if (!target) return undefined;
        if (target.length === 0) return this.fail(e.span, "a number cannot be sliced");
        if (e.ranges.length !== 1 && e.ranges.length !== target.length)
          return this.fail(e.span, `${e.ranges.length} ranges for a value of ${target.length} axes ${shapeToString(target)}`, "write one range for the last axis, x[a:b], or one per axis, W[a:b, :]");
        const first = e.ranges.length === 1 ? target.length - 1 : 0;
        const out = [...target];
        for (const [k, range] of e.ranges.entries()) {
          const size = target[first + k];
          const start = range.start ? this.dim(range.start, this.cellLocals) : poly.constant(0);
          const end = range.end ? this.dim(range.end, this.cellLocals) : size;
          if (!start || !end) return undefined;
          const length = poly.sub(end, start);
          if (poly.asConstant(length) === 0 || poly.definitelyNegative(length)) return this.fail(range.span, `empty slice: ${poly.toString(start)}:${poly.toString(end)}`, "write [start:end] with end after start");
          if (poly.definitelyNegative(poly.sub(size, end)) || poly.definitelyNegative(start)) return this.fail(range.span, `slice ${poly.toString(start)}:${poly.toString(end)} runs past the end of ${shapeToString(target)}`);
          out[first + k] = length;
        }
        return out;
      }
      case "call":
        return this.call(e, scope, inCell);
    }
  }

  /** An argument that must be integer ids: a name declared `input NAME [...] int`. */
  private ids(e: Expr, scope: Scope): Shape | undefined {
    const b = e.kind === "name" ? scope.lookup(e.name) : undefined;
    if (!b?.int) return this.fail(e.span, "expected integer ids here", "declare them as an input with 'int': input tokens [T, B] int");
    return b.shape;
  }

  private cellLocals?: Set<string>;
  // After a mistaken state update, errors about states left un-updated would only repeat it.
  private badStateUpdate = false;

  /** A shape rule's result: the shape, or its error reported at `span`. */
  private ruled(rule: Rule<Poly>, span: Span): Shape | undefined {
    if ("error" in rule) return this.fail(span, rule.error, rule.hint);
    return rule.shape;
  }

  private call(e: Expr & { kind: "call" }, scope: Scope, inCell: boolean): Shape | undefined {
    const fn = e.callee.text;
    const row = functions[fn];
    if (row) {
      const stray = e.keywords.find((k) => !row.options?.includes(k.name.text));
      if (stray) return this.fail(stray.name.span, `${fn} takes no option '${stray.name.text}'`, reductions.has(fn) ? `write ${fn}(x) or ${fn}(x, axis=-1)` : row.usage);
      const axisExpr = e.keywords.find((k) => k.name.text === "axis")?.value;
      return row.check<Poly>({
        call: e,
        dims: symbolicDims,
        tensor: (i) => this.expr(e.args[i], scope, inCell),
        ids: (i) => this.ids(e.args[i], scope),
        axis: () => (axisExpr ? this.wholeNumber(axisExpr) : undefined),
        tensorOption: (name) => {
          const value = e.keywords.find((k) => k.name.text === name)?.value;
          return value ? (this.expr(value, scope, inCell) ?? null) : undefined;
        },
        size: (i) => this.dim(e.args[i], this.cellLocals),
        inCell,
        fail: (message, hint, at) => this.fail(at === undefined ? e.span : e.args[at].span, message, hint),
        ruled: (rule) => this.ruled(rule, e.span),
      });
    }
    if (this.cells.has(fn) || this.program.cells.some((c) => c.name.text === fn)) {
      if (inCell) return this.fail(e.callee.span, `cell '${fn}' can only be called from the model`);
      return this.fail(e.span, `a cell call returns the output sequence and the final states: assign it, e.g. y, h_n = ${fn}(x)`);
    }
    if (fn in initialisers) return this.fail(e.span, `${fn}(...) is an initialiser`, "use it after 'init' in a param declaration");
    const known = Object.keys(functions);
    const near = closestName(fn, [...known, ...this.cells.keys()]);
    return this.fail(e.callee.span, `unknown function '${fn}'`, near ? `did you mean '${near}'?` : `functions: ${known.join(", ")}`);
  }

  // ---- declarations -------------------------------------------------------------------------

  private declare(scope: Scope, name: Name, binding: Binding) {
    const existing = scope.lookup(name.text);
    if (existing) {
      const what = existing.kind === "size" ? "a size" : existing.kind === "value" ? "a value" : `a ${existing.kind}`;
      this.error(name.span, `'${name.text}' is already defined as ${what}`, "choose another name");
      return;
    }
    scope.names.set(name.text, binding);
  }

  private checkCell(cell: CellDecl) {
    if (this.cells.has(cell.name.text)) this.error(cell.name.span, `cell '${cell.name.text}' is defined twice`);
    const localSizes = new Set<string>();
    this.cellLocals = localSizes;
    this.badStateUpdate = false;
    const scope = new Scope(this.global);
    const signature: CellSignature = { decl: cell, args: [], whole: [], localSizes, states: [] };
    for (const arg of cell.args) {
      const s = this.shape(arg.shape, localSizes, true);
      const whole = arg.modifier?.text === "whole";
      if (arg.modifier && !whole) {
        signature.broken = true; // its calls would only echo this mistake
        this.error(arg.modifier.span, `unknown word '${arg.modifier.text}' after the argument's shape`, `write 'whole' for a sequence the cell reads whole at every step: ${arg.name.text} [S, E] whole`);
      } else if (whole && s?.length === 0) {
        signature.broken = true;
        this.error(arg.modifier!.span, `'${arg.name.text}' is read whole, so it is a sequence: give it a first axis`, `${arg.name.text} [S, ...] whole, given as [S, B, ...]`);
      }
      if (!s) signature.broken = true; // its shape's mistake is reported; calls cannot be checked against it
      signature.args.push(s ?? []);
      signature.whole.push(whole);
      this.declare(scope, arg.name, { kind: "arg", shape: s });
    }
    if (cell.args.every((a) => a.modifier?.text === "whole"))
      this.error(cell.name.span, `cell '${cell.name.text}' has no argument read one step at a time`, "a cell runs over time: give it a per-step argument such as x [I] before the whole ones");
    const updated = new Set<string>();
    for (const stmt of cell.body) {
      switch (stmt.kind) {
        case "param": {
          const s = this.shape(stmt.shape, localSizes);
          this.initialiser(stmt.init);
          this.declare(scope, stmt.name, { kind: "param", shape: s });
          break;
        }
        case "state": {
          const s = this.shape(stmt.shape, localSizes);
          if (stmt.init) this.numeric(stmt.init);
          if (stmt.name.text.endsWith("'")) this.error(stmt.name.span, "a state's name cannot end in a quote", `declare 'state ${stmt.name.text.slice(0, -1)}' and update it with ${stmt.name.text} = ...`);
          this.declare(scope, stmt.name, { kind: "state", shape: s });
          signature.states.push({ name: stmt.name.text, shape: s ?? [] });
          break;
        }
        case "assign":
          this.cellAssignment(stmt, scope, updated);
          break;
        case "input":
          this.error(stmt.span, "'input' belongs in the model", "a cell receives its inputs as arguments: cell name(x [I]) -> h");
          break;
        case "output":
          this.error(stmt.span, "'output' belongs in the model", `a cell names its output after '->' in its header`);
          break;
      }
    }
    for (const st of signature.states)
      if (!updated.has(st.name) && !this.badStateUpdate) {
        const decl = cell.body.find((s) => s.kind === "state" && s.name.text === st.name)!;
        this.error(decl.span, `state '${st.name}' is never updated`, `add ${st.name}' = ... to give its next value`);
      }
    const outputs = cell.outputs.map((name, k) => {
      const out = scope.lookup(name.text);
      if (cell.outputs.findIndex((o) => o.text === name.text) < k) return this.fail(name.span, `'${name.text}' is named twice after '->'`);
      if (!out) return this.fail(name.span, `the cell's output '${name.text}' is not defined in its body`, "name a state or a value defined in the cell");
      if (out.kind === "param" || out.kind === "size") return this.fail(name.span, `the cell's output must be a state or a computed value, not a ${out.kind}`);
      return out.shape;
    });
    if (outputs.every((o) => o)) signature.outputs = outputs as Shape[];
    this.cellLocals = undefined;
    this.cells.set(cell.name.text, signature);
  }

  private cellAssignment(stmt: Statement & { kind: "assign" }, scope: Scope, updated: Set<string>) {
    if (stmt.targets.length !== 1) {
      this.error(stmt.targets[1].span, "only one value can be assigned here", "split it into one assignment per line");
      return;
    }
    const target = stmt.targets[0];
    const shape = this.expr(stmt.value, scope, true);
    if (target.text.endsWith("'")) {
      const stateName = target.text.slice(0, -1);
      const state = scope.lookup(stateName);
      if (state?.kind !== "state") {
        this.error(target.span, `'${stateName}' is not a state`, `declare it: state ${stateName} [H] = 0`);
        this.badStateUpdate = true;
        return;
      }
      if (updated.has(stateName)) {
        this.error(target.span, `state '${stateName}' is updated twice`, "a state gets exactly one next value per step");
        return;
      }
      updated.add(stateName);
      if (shape && state.shape && !sameShape(shape, state.shape))
        this.error(stmt.value.span, `shape mismatch: '${target.text}' is ${shapeToString(shape)} but state '${stateName}' is ${shapeToString(state.shape)}`, "the next value must have the state's shape");
      scope.names.set(target.text, { kind: "next", shape: state.shape });
      return;
    }
    this.declare(scope, target, { kind: "value", shape });
  }

  private checkModel(model: ModelDecl) {
    const scope = new Scope(this.global);
    const outputs = new Set<string>();
    for (const stmt of model.body) {
      switch (stmt.kind) {
        case "input": {
          const s = this.shape(stmt.shape);
          this.declare(scope, stmt.name, { kind: "input", shape: s, int: stmt.int, optional: stmt.optional });
          break;
        }
        case "param": {
          const s = this.shape(stmt.shape);
          this.initialiser(stmt.init);
          this.declare(scope, stmt.name, { kind: "param", shape: s });
          break;
        }
        case "state":
          this.error(stmt.span, "'state' belongs in a cell", "the model passes initial states to a cell call: y, h_n = cell(x, h0)");
          break;
        case "output":
          for (const n of stmt.names) {
            const b = scope.lookup(n.text);
            if (!b) {
              const near = closestName(n.text, scope.all());
              this.error(n.span, `unknown name '${n.text}'`, near ? `did you mean '${near}'?` : "outputs name values defined above");
            } else if (b.kind === "size") this.error(n.span, `'${n.text}' is a size, not a value`, "outputs name tensors computed above");
            else if (outputs.has(n.text)) this.error(n.span, `'${n.text}' is output twice`);
            outputs.add(n.text);
          }
          break;
        case "assign": {
          const v = stmt.value;
          if (v.kind === "call" && this.cells.has(v.callee.text)) {
            const shapes = this.cellCall(v, scope, stmt.targets);
            stmt.targets.forEach((t, i) => this.declare(scope, t, { kind: "value", shape: shapes?.[i] }));
          } else {
            if (stmt.targets.length !== 1) this.error(stmt.targets[1].span, "only a cell call returns several values");
            const s = this.expr(v, scope, false);
            this.declare(scope, stmt.targets[0], { kind: "value", shape: s });
          }
          break;
        }
      }
    }
    if (outputs.size === 0) this.error(model.name?.span ?? model.span, "the model has no output", "add 'output NAME' for each value to return");
  }

  /** Shapes of a cell call's results: each output sequence, then each state's final value. */
  private cellCall(call: Expr & { kind: "call" }, scope: Scope, targets: Name[]): Shape[] | undefined {
    const cell = this.cells.get(call.callee.text)!;
    if (cell.broken) return undefined;
    const nArgs = cell.args.length;
    const nStates = cell.states.length;
    const nOutputs = cell.decl.outputs.length;
    const usage = `${cell.decl.name.text}(${[...cell.decl.args.map((a) => a.name.text), ...cell.states.map((s) => `${s.name}0`)].join(", ")}, layers=L, directions=D)`;
    if (call.args.length < nArgs || call.args.length > nArgs + nStates) {
      const what = cell.whole.some((w) => w) ? `argument${nArgs === 1 ? "" : "s"}` : `input sequence${nArgs === 1 ? "" : "s"}`;
      this.error(call.span, `${cell.decl.name.text} takes ${numberWords(nArgs)} ${what} and up to ${nStates} initial state${nStates === 1 ? "" : "s"}, but ${call.args.length} ${call.args.length === 1 ? "was" : "were"} given`, `call it as ${usage}`);
      return undefined;
    }
    const numbers: Record<string, Poly> = {};
    let lengths: Expr | undefined;
    for (const kw of call.keywords) {
      if (!(cellCallKeywords as readonly string[]).includes(kw.name.text)) {
        const near = closestName(kw.name.text, cellCallKeywords);
        this.error(kw.name.span, `unknown option '${kw.name.text}' of a cell call`, near ? `did you mean '${near}'?` : `options: ${cellCallKeywords.join(", ")}`);
        return undefined; // the shapes below would depend on the option meant
      } else if (kw.name.text === "prefix") {
        if (kw.value.kind !== "string") this.error(kw.value.span, "prefix is a string, e.g. prefix=\"encoder.\"");
        // It becomes part of parameter names, which reach files and generated code.
        else if (!/^[A-Za-z0-9_.]{0,64}$/.test(kw.value.value)) this.error(kw.value.span, "a prefix holds at most 64 letters, digits, '_' and '.'", "e.g. prefix=\"encoder.\"");
      } else if (kw.name.text === "dropout") {
        this.numeric(kw.value);
      } else if (kw.name.text === "lengths") {
        lengths = kw.value;
      } else {
        const p = this.dim(kw.value);
        if (p) numbers[kw.name.text] = p;
      }
    }
    const layers = numbers.layers ?? poly.constant(1);
    const directions = numbers.directions ?? poly.constant(1);
    const heads = numbers.heads ?? poly.constant(1);
    // heads= is the same call at every count, 1 included: the same rules and parameter names (_head0).
    const multiHead = numbers.heads !== undefined;
    if (multiHead && (poly.asConstant(layers) !== 1 || poly.asConstant(directions) !== 1)) {
      const kw = call.keywords.find((k) => k.name.text === "heads")!;
      this.error(kw.name.span, "heads= runs the cell once per head, each on its slice of the arguments; it does not combine with layers= or directions=", "call the cell with heads= alone, and stack such calls in the model");
      return undefined;
    }
    if (multiHead && call.args.length > nArgs)
      this.error(call.args[nArgs].span, "a cell called with heads= starts each head's states from their declared values", "remove the initial states, or call the cell without heads=");
    // With heads=N, every argument with a feature axis is cut along it into N equal slices, one
    // per head (a query [N*D] gives each head [D]); a scalar per step or a mask [S] is shared.
    const perHead = (actual: Shape, declared: Shape, span: Span, name: string): Shape | undefined => {
      if (!multiHead || declared.length === 0) return actual;
      const width = poly.divide(actual[actual.length - 1], heads);
      if (width) return [...actual.slice(0, -1), width];
      const n = poly.toString(heads);
      this.error(span, `with heads=${n}, the last axis of '${name}' is cut into ${n} equal slices, one per head, but it is ${poly.toString(actual[actual.length - 1])}`, `write its width as ${n} times a head's width, e.g. size D = 16 and [${n}*D]`);
      return undefined;
    };
    const binding = new Map<string, Poly>();
    const perStep = cell.whole.map((w, i) => (w ? -1 : i)).filter((i) => i >= 0);
    const wholes = cell.whole.map((w, i) => (w ? i : -1)).filter((i) => i >= 0);
    let lead: Shape | undefined;
    // Sequences read one step at a time first: they give the time and batch sizes.
    for (const i of perStep) {
      const actual = this.expr(call.args[i], scope, false);
      if (!actual) return undefined;
      const declared = cell.args[i];
      const name = cell.decl.args[i].name.text;
      if (actual.length !== declared.length + 2) {
        this.error(call.args[i].span, `'${name}' must be a sequence [T, B, ${declared.map(poly.toString).join(", ")}] but it is ${shapeToString(actual)}`, "a cell runs over time (first axis) for a batch (second axis)");
        return undefined;
      }
      if (lead && !sameShape(lead, actual.slice(0, 2))) {
        this.error(call.args[i].span, `input sequences must share time and batch sizes: ${shapeToString(lead)} and ${shapeToString(actual.slice(0, 2))}`);
        return undefined;
      }
      lead = actual.slice(0, 2);
      const slice = perHead(actual.slice(2), declared, call.args[i].span, name);
      if (!slice || !this.unify(declared, slice, binding, cell.localSizes, call.args[i].span, name, multiHead ? "each head receives" : undefined)) return undefined;
    }
    if (!lead) return undefined; // a cell without per-step arguments was reported with the cell
    // Whole sequences: [S, B, ...] for an argument declared [S, ...], the batch second as in every sequence.
    for (const i of wholes) {
      const actual = this.expr(call.args[i], scope, false);
      if (!actual) return undefined;
      const declared = cell.args[i];
      const name = cell.decl.args[i].name.text;
      const expected = `[${[poly.toString(declared[0]), poly.toString(lead[1]), ...declared.slice(1).map(poly.toString)].join(", ")}]`;
      if (actual.length !== declared.length + 1 || !poly.equal(actual[1], lead[1])) {
        this.error(call.args[i].span, `'${name}' is read whole at every step, so it must be ${expected} (its own sequence axis, then the batch), but it is ${shapeToString(actual)}`, "pass a sequence with the batch as its second axis, as a cell call returns one");
        return undefined;
      }
      const hint = `it is read whole: pass [S, B, ...], each example's sequence with the batch second, as a cell call returns one`;
      const slice = perHead([actual[0], ...actual.slice(2)], declared.slice(1), call.args[i].span, name);
      if (!slice || !this.unify(declared, slice, binding, cell.localSizes, call.args[i].span, name, multiHead ? "each head receives, per example," : "it receives, per example,", hint)) return undefined;
    }
    if (lengths) this.sequenceLengths(lengths, scope, lead);
    const outputs = cell.outputs?.map((o) => o.map((d) => poly.substitute(d, binding)));
    if (!outputs) return undefined;
    // Directions and heads are joined along the last axis.
    const widen = (shape: Shape, by: Poly) => (shape.length ? [...shape.slice(0, -1), poly.mul(by, shape[shape.length - 1])] : shape);
    const stackedShapes = outputs.map((o) => widen(o, poly.mul(directions, heads)));
    const stateShapes = cell.states.map((s) => widen(s.shape.map((d) => poly.substitute(d, binding)), heads));
    // Joining runs of the cell along the last axis adds widths, which must be known before run time.
    const joins = [poly.asConstant(directions) !== 1 && "directions=", multiHead && "heads="].filter(Boolean).join(" and ");
    const runTime = (d: Poly) => d.some((t) => t.sizes.some((name) => this.sizes.has(name) && this.sizes.get(name) === undefined));
    const unjoinable = joins && cell.decl.outputs.find((_, k) => outputs[k].length > 0 && runTime(outputs[k][outputs[k].length - 1]));
    if (unjoinable) {
      const k = cell.decl.outputs.indexOf(unjoinable);
      this.error(call.span, `${joins} join${joins.includes(" and ") ? "" : "s"} the cell's outputs along their last axis, but '${unjoinable.text}' ends in ${poly.toString(outputs[k][outputs[k].length - 1])}, a size known only at run time`, "leave it out of the cell's outputs (after '->'), or call the cell once per head or direction");
      return undefined;
    }
    const scalar = multiHead && [...cell.decl.outputs.map((o, k) => ({ name: o.text, rank: outputs[k].length })), ...cell.states.map((st) => ({ name: st.name, rank: st.shape.length }))].find((v) => v.rank === 0);
    if (scalar) {
      this.error(call.span, `heads= joins the heads' values along their last axis, but '${scalar.name}' is one number per example`, "make it a vector, e.g. [1], or call the cell without heads=");
      return undefined;
    }
    // Layers after the first read the previous layer's first output.
    if (poly.asConstant(layers) !== 1 && perStep.length === 1) {
      const upper = new Map<string, Poly>();
      if (!this.unify(cell.args[perStep[0]], stackedShapes[0], upper, cell.localSizes, call.span, cell.decl.args[perStep[0]].name.text, "the layers after the first receive"))
        return undefined;
    } else if (poly.asConstant(layers) !== 1) {
      this.error(call.span, "only a cell with one input sequence read step by step can be stacked in layers");
    }
    const stackSize = poly.mul(layers, directions);
    const states = stateShapes.map((shape) => [stackSize, lead![1], ...shape]);
    for (let j = 0; j < call.args.length - nArgs; j++) {
      const given = this.expr(call.args[nArgs + j], scope, false);
      if (given && !sameShape(given, states[j]))
        this.error(call.args[nArgs + j].span, `initial state '${cell.states[j].name}' must be ${shapeToString(states[j])} (layers*directions, batch, state size), but it is ${shapeToString(given)}`);
    }
    if (targets.length > nOutputs + nStates) {
      const sequences = nOutputs === 1 ? "the output sequence" : `the output sequences ${cell.decl.outputs.map((o) => o.text).join(", ")}`;
      this.error(targets[nOutputs + nStates].span, `${cell.decl.name.text} returns ${nOutputs + nStates} values: ${sequences} and the final ${cell.states.map((s) => s.name).join(", ")}`);
    }
    return [...stackedShapes.map((o) => [lead![0], lead![1], ...o]), ...states];
  }

  /** `lengths=`: integer ids [B], each sequence's length, always given. */
  private sequenceLengths(e: Expr, scope: Scope, lead: Shape) {
    const b = e.kind === "name" ? scope.lookup(e.name) : undefined;
    if (e.kind !== "name" || !b?.int || b.kind !== "input") {
      this.error(e.span, "lengths are integer ids: an input declared with 'int'", "declare it: input lengths [B] int");
      return;
    }
    if (b.shape && (b.shape.length !== 1 || !poly.equal(b.shape[0], lead[1])))
      this.error(e.span, `lengths must be one length per sequence of the batch, [${poly.toString(lead[1])}], but '${e.name}' is ${shapeToString(b.shape)}`);
    if (b.optional) this.error(e.span, `lengths must always be given, but '${e.name}' is optional (a missing input is zeros)`, `remove 'optional' from its declaration; a batch of full sequences has every length ${poly.toString(lead[0])}`);
  }

  /** Match a declared per-example shape against an actual one, binding the cell's own sizes. */
  private unify(declared: Shape, actual: Shape, binding: Map<string, Poly>, locals: Set<string>, span: Span, argName: string, what = "it receives", hint = "change the cell's argument shape or the sizes passed to it"): boolean {
    const mismatch = () => {
      this.error(span, `shape mismatch: '${argName}' is declared ${shapeToString(declared)} but ${what} ${shapeToString(actual)}`, hint);
      return false;
    };
    if (declared.length !== actual.length) return mismatch();
    for (let i = 0; i < declared.length; i++) {
      const sym = poly.asSymbol(declared[i]);
      if (sym && locals.has(sym) && !binding.has(sym)) binding.set(sym, actual[i]);
      else if (!poly.equal(poly.substitute(declared[i], binding), actual[i])) return mismatch();
    }
    return true;
  }
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => poly.equal(d, b[i]));
}

