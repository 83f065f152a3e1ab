// A loop without carries is a map: no step reads another, so its body runs once over all steps
// at the same time, time a new leading axis of every value that depends on the step. Self-
// attention is such a loop (each position attends on its own), as is a feed-forward sublayer
// written as a cell. Running first, before autodiff, the gradients are derived from the map
// form too, so neither direction is a sequence of T small steps.
import { isElementwise, type OpName } from "../ir/ops/index.js";
import type { Dim, Graph, Node, ScanAttrs, Shape } from "../ir/graph.js";
import { rewrite, type Emit } from "../ir/rewrite.js";

// Ops that mean the same with one more leading axis (an axis they name moves one place right).
// A matrix product folds leading axes into rows; reductions and slices name their axis. (Not
// numel: a mean over a run-time axis counts its elements, and time would count too.)
const overTime = new Set<OpName>(["matmul", "matmul_t", "sum", "max", "logsumexp", "expand", "unsqueeze", "slice", "pad", "concat", "gather", "sum_to"]);

export function mapStatelessLoops(graph: Graph): Graph {
  const mapped = new Map<number, number[]>(); // a scan turned into a map (its old id) -> its results
  return rewrite(graph, (node, emit, old) => {
    if (node.op === "scan" && node.attrs.scan!.carries === 0 && mappable(node.attrs.scan!)) {
      const results = mapBody(node, emit);
      mapped.set(old.id, results);
      return results[0]; // read only through its gets, which take the results
    }
    const results = node.op === "get" ? mapped.get(old.inputs[0]) : undefined;
    return results ? results[node.attrs.index!] : emit(node);
  });
}

/** The body's values that depend on the step: the sequence arguments and all they feed. */
function stepDependent(s: ScanAttrs): Set<number> {
  const out = new Set<number>(s.body.args.slice(0, s.sequences));
  for (const n of s.body.nodes) if (n.inputs.some((i) => out.has(i))) out.add(n.id);
  return out;
}

/** Whether every op of the body that depends on the step can take time as a leading axis. */
export function mappable(s: ScanAttrs): boolean {
  const timed = stepDependent(s);
  const fits = (n: Node) => {
    if (n.op === "arg" || !timed.has(n.id) || isElementwise(n.op)) return true;
    if (!overTime.has(n.op)) return false;
    // the table or weight stays one for all steps: a product's and a gather's first operand
    return !(["matmul", "matmul_t", "gather"].includes(n.op) && timed.has(n.inputs[0]));
  };
  return s.body.nodes.every(fits);
}

/** The body emitted once over all steps; returns the id of each of the loop's results. */
function mapBody(scan: Node, emit: Emit): number[] {
  const s = scan.attrs.scan!;
  const body = s.body;
  const timed = stepDependent(s);
  const outer = new Map<number, number>();
  body.args.forEach((a, k) => outer.set(a, scan.inputs[k]));
  const withTime = (shape: Shape): Shape => [s.length, ...shape];
  // A step value of lower rank than an elementwise op's result gains axes of 1 after time, so
  // that broadcasting from the last axis lines up as it did in the step.
  const lineUp = (id: number, rank: number, line?: number) => {
    const step = body.nodes[id].shape;
    let v = outer.get(id)!;
    for (let j = 1; j <= rank - step.length; j++) v = emit({ op: "unsqueeze", inputs: [v], shape: withTime([...Array<Dim>(j).fill(1), ...step]), attrs: { axis: 1 }, line });
    return v;
  };
  // A value the same at every step, where it must have the time axis (a concat's part, a result).
  const everyStep = (id: number) => {
    const { shape, line } = body.nodes[id];
    const zeros = emit({ op: "const", inputs: [], shape: withTime(shape.map(() => 1)), attrs: { value: 0 }, line });
    return emit({ op: "add", inputs: [zeros, outer.get(id)!], shape: withTime(shape), attrs: {}, line });
  };
  for (const n of body.nodes) {
    if (n.op === "arg") continue;
    const inputs = n.inputs.map((i) => {
      if (!timed.has(n.id)) return outer.get(i)!;
      if (!timed.has(i)) return n.op === "concat" ? everyStep(i) : outer.get(i)!;
      return isElementwise(n.op) ? lineUp(i, n.shape.length, n.line) : outer.get(i)!;
    });
    if (!timed.has(n.id)) {
      outer.set(n.id, emit({ ...n, inputs }));
      continue;
    }
    if (n.op === "sum_to") {
      outer.set(n.id, sumToOverTime(n, inputs[0]));
      continue;
    }
    const axis = n.attrs.axis;
    const attrs = axis !== undefined && axis >= 0 ? { ...n.attrs, axis: axis + 1 } : n.attrs;
    outer.set(n.id, emit({ ...n, inputs, attrs, shape: withTime(n.shape) }));
  }
  // sum_to(x) at every step, time kept: a sum over each axis it reduces, from the last (an axis
  // of size 1 in its result put back), each axis one place right of where the step has it.
  function sumToOverTime(n: Node, x: number): number {
    const xs = body.nodes[n.inputs[0]].shape;
    const extra = xs.length - n.shape.length;
    let v = x;
    let shape = withTime(xs);
    for (let k = xs.length - 1; k >= 0; k--) {
      const keptOne = k >= extra && n.shape[k - extra] === 1;
      if (k >= extra && !(keptOne && xs[k] !== 1)) continue;
      shape = shape.filter((_, a) => a !== k + 1);
      v = emit({ op: "sum", inputs: [v], shape, attrs: { axis: k + 1 }, line: n.line });
      if (keptOne) {
        shape = [...shape.slice(0, k + 1), 1, ...shape.slice(k + 1)];
        v = emit({ op: "unsqueeze", inputs: [v], shape, attrs: { axis: k + 1 }, line: n.line });
      }
    }
    return v;
  }

  // Results: each body output at every step (one that does not depend on the step, repeated).
  return body.outputs.map((o) => (timed.has(o.node) ? outer.get(o.node)! : everyStep(o.node)));
}
