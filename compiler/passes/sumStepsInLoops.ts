// Sums over time of a loop's per-step output become states of that loop, from zeros, their
// final values the sums:
// - a bias's gradient, Σ_t δ_t (as split-long-sums leaves it): acc' = acc + δ_t;
// - a weight's gradient by a sequence the loop reads, Σ_t,b δ_t ⊗ x_t with x_t at most 16 wide:
//   acc' = acc + outer_step(δ_t, x_t), [K, B, N], each example's own, summed over B after.
// In a loop that runs every step inside one kernel the states live in registers (the thread
// that owns δ's element owns the K elements above it), so a sum costs a few multiply-adds a
// step instead of the loop writing δ over all steps and a kernel reading T·B·N values back.
// Only loops whose step is elementwise over the states' shape take them: there the loop stays
// inside one kernel.
import { sameDims, type Graph, type Node, type ScanAttrs, type Shape } from "../ir/graph.js";
import { rewrite } from "../ir/rewrite.js";
import { stepIsLocal } from "../ir/stepProducts.js";

/** The widest second operand of a weight's gradient added up in a loop: a state of K vec4 registers a thread. */
const MAX_ACCUMULATED_WIDTH = 16;

/** A sum a loop takes over: of its body output `output` over time, or (`by`, a sequence argument) of output ⊗ that sequence over time and examples. */
type Sum = { output: number; by?: number };

export function sumStepsInLoops(graph: Graph): Graph {
  // Per scan: the top-level sums it takes over, by the node each replaces.
  const sums = new Map<number, Map<number, Sum>>();
  for (const n of graph.nodes) {
    const found = takenSum(graph, n);
    if (found) sums.set(found.scan, (sums.get(found.scan) ?? new Map()).set(n.id, found.sum));
  }
  if (!sums.size) return graph;

  const key = (sum: Sum) => `${sum.output}:${sum.by ?? ""}`;
  const moved = new Map<number, { scan: number; carries: number; added: number; states: Map<number, number> }>(); // old scan id -> how its results moved
  return rewrite(graph, (node, emit, old, built) => {
    if (node.op === "scan" && sums.has(old.id)) {
      const s = node.attrs.scan!;
      const taken = [...new Map([...sums.get(old.id)!.values()].map((sum) => [key(sum), sum])).values()];
      const zeros = taken.map((sum) => emit({ op: "const", inputs: [], shape: accumulatorShape(s, sum), attrs: { value: 0 }, line: node.line }));
      const inputs = [...node.inputs.slice(0, s.carries), ...zeros, ...node.inputs.slice(s.carries)];
      const scan = emit({ ...node, inputs, attrs: { ...node.attrs, scan: withAccumulators(s, taken) } });
      const states = new Map([...sums.get(old.id)!].map(([replaced, sum]) => [replaced, s.carries + taken.findIndex((t) => key(t) === key(sum))]));
      moved.set(old.id, { scan, carries: s.carries, added: taken.length, states });
      return scan;
    }
    if (node.op === "get" && moved.has(old.inputs[0])) {
      const m = moved.get(old.inputs[0])!;
      const i = node.attrs.index!;
      const index = i < m.carries ? i : i - m.carries < m.carries ? i + m.added : i + 2 * m.added;
      return emit({ ...node, attrs: { ...node.attrs, index } });
    }
    const m = [...moved.values()].find((v) => v.states.has(old.id));
    if (!m) return emit(node);
    const state = m.states.get(old.id)!;
    const loop = built.nodes[m.scan].attrs.scan!;
    const shape = loop.body.nodes[loop.body.args[state]].shape;
    const final = emit({ op: "get", inputs: [m.scan], shape, attrs: { index: state }, label: shape.length === node.shape.length ? node.label : undefined, line: node.line });
    if (shape.length === node.shape.length) return final;
    // A weight's gradient: the state [K, ..., N] summed over the examples, then [N, K].
    const perColumn = emit({ op: "sum", inputs: [final], shape: [shape[0], shape[shape.length - 1]], attrs: { axis: 1 }, line: node.line });
    return emit({ op: "transpose", inputs: [perColumn], shape: node.shape, attrs: {}, label: node.label, line: node.line });
  });
}

/** The sum a top-level node is that a loop can take over, if it is one: over time of a per-step output, or a weight's gradient from one and a sequence of the loop. */
function takenSum(graph: Graph, n: Node): { scan: number; sum: Sum } | undefined {
  const perStep = (id: number) => {
    const get = graph.nodes[id];
    if (get.op !== "get") return undefined;
    const scan = graph.nodes[get.inputs[0]];
    const s = scan.attrs.scan!;
    const output = get.attrs.index! - 2 * s.carries; // body output `carries + output`, stacked over time
    if (output < 0 || !stepRunsInOneKernel(s)) return undefined;
    const j = s.carries + output;
    if (!sameDims(s.body.nodes[s.body.outputs[j].node].shape, s.body.nodes[s.body.args[0]].shape)) return undefined;
    return { scan, s, output: j };
  };
  if (n.op === "sum" && n.attrs.axis === 0 && graph.nodes[n.inputs[0]].op === "get") {
    const step = perStep(n.inputs[0]);
    return step && { scan: step.scan.id, sum: { output: step.output } };
  }
  // outer_sum(δ, x) over time and examples, or split in parts and summed (split-long-sums).
  const outer = n.op === "outer_sum" && !n.attrs.parts ? n : n.op === "sum" && n.attrs.axis === 0 && graph.nodes[n.inputs[0]].attrs.parts ? graph.nodes[n.inputs[0]] : undefined;
  if (outer?.op !== "outer_sum") return undefined;
  const step = perStep(outer.inputs[0]);
  if (!step) return undefined;
  const sequences = step.scan.inputs.slice(step.s.carries, step.s.carries + step.s.sequences);
  const q = sequences.indexOf(outer.inputs[1]);
  if (q < 0) return undefined;
  const arg = step.s.body.nodes[step.s.body.args[step.s.carries + q]];
  const width = arg.shape[arg.shape.length - 1];
  const output = step.s.body.nodes[step.s.body.outputs[step.output].node];
  // Per example rows [B, K] and [B, N]: the state [K, B, N] is then summed over its one batch axis.
  if (typeof width !== "number" || width > MAX_ACCUMULATED_WIDTH || output.shape.length !== 2 || !sameDims(arg.shape.slice(0, -1), output.shape.slice(0, -1))) return undefined;
  return { scan: step.scan.id, sum: { output: step.output, by: step.s.carries + q } };
}

/** A sum's state: the output's shape, or [K, ...output's] for a weight's gradient by a sequence of width K. */
function accumulatorShape(s: ScanAttrs, sum: Sum): Shape {
  const shape = s.body.nodes[s.body.outputs[sum.output].node].shape;
  if (sum.by === undefined) return shape;
  const by = s.body.nodes[s.body.args[sum.by]].shape;
  return [by[by.length - 1], ...shape];
}

/** Whether a loop's step is elementwise work, slices and small products over its states' shape: the form that runs inside one kernel. */
function stepRunsInOneKernel(s: ScanAttrs): boolean {
  if (s.carries === 0) return false;
  const shape = s.body.nodes[s.body.args[0]].shape;
  return stepIsLocal(s.body, s.carries, s.sequences) && s.body.outputs.every((o) => sameDims(s.body.nodes[o.node].shape, shape));
}

/** The body with a state per sum after the existing states: acc' = acc + output, or acc + outer_step(output, sequence). */
function withAccumulators(s: ScanAttrs, taken: Sum[]): ScanAttrs {
  const c = s.carries;
  const a = taken.length;
  const body: Graph = { nodes: [], args: [], outputs: [] };
  const remap = new Map<number, number>();
  const add = (n: Omit<Node, "id">) => (body.nodes.push({ ...n, id: body.nodes.length } as Node), body.nodes.length - 1);
  const nameOf = (sum: Sum) => `sum_${s.body.outputs[sum.output].name}${sum.by === undefined ? "" : `_by_${s.body.nodes[s.body.args[sum.by]].label ?? `arg${sum.by}`}`}`;
  // The accumulators' arguments first, then the old nodes with arguments renumbered past them.
  const accArgs = taken.map((sum, k) => add({ op: "arg", inputs: [], shape: accumulatorShape(s, sum), attrs: { index: c + k }, label: nameOf(sum) }));
  for (const n of s.body.nodes) {
    const index = n.op === "arg" && n.attrs.index! >= c ? n.attrs.index! + a : n.attrs.index;
    remap.set(n.id, add({ ...n, inputs: n.inputs.map((i) => remap.get(i)!), attrs: { ...n.attrs, ...(n.op === "arg" ? { index } : {}) } }));
  }
  const oldArgs = s.body.args.map((x) => remap.get(x)!);
  body.args = [...oldArgs.slice(0, c), ...accArgs, ...oldArgs.slice(c)];
  const nexts = taken.map((sum, k) => {
    const out = s.body.nodes[s.body.outputs[sum.output].node];
    const shape = accumulatorShape(s, sum);
    const term = sum.by === undefined ? remap.get(out.id)! : add({ op: "outer_step", inputs: [remap.get(out.id)!, remap.get(s.body.args[sum.by])!], shape, attrs: {}, line: out.line });
    return { name: `${nameOf(sum)}'`, node: add({ op: "add", inputs: [accArgs[k], term], shape, attrs: {}, line: out.line }) };
  });
  const outputs = s.body.outputs.map((o) => ({ ...o, node: remap.get(o.node)! }));
  body.outputs = [...outputs.slice(0, c), ...nexts, ...outputs.slice(c)];
  return { ...s, body, carries: c + a };
}
