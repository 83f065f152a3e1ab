// A sum over time of a loop's per-step output (a bias's gradient: Σ_t δ_t, as split-long-sums
// leaves it) becomes a state of that loop: acc' = acc + δ_t from zeros, its final value the sum.
// In a loop that runs every step inside one kernel the state lives in a register, so the sum
// costs an add a step instead of a kernel that reads all T·B·n values back from memory. Only
// loops whose step is elementwise over the states' shape take it: there each thread owns its
// elements of the sum, as of the other states, and the loop stays inside one kernel.
import { sameDims, type Graph, type Node, type ScanAttrs } from "../ir/graph.js";
import { isElementwise } from "../ir/ops/index.js";
import { rewrite } from "../ir/rewrite.js";

export function sumStepsInLoops(graph: Graph): Graph {
  // Per scan: the sums over time of its per-step outputs, by the body output they sum.
  const sums = new Map<number, Map<number, number>>(); // scan -> sum node -> body output j
  for (const n of graph.nodes) {
    const from = n.op === "sum" && n.attrs.axis === 0 ? graph.nodes[n.inputs[0]] : undefined;
    if (from?.op !== "get") continue;
    const scan = graph.nodes[from.inputs[0]];
    const s = scan.attrs.scan!;
    const j = from.attrs.index! - s.carries; // body output j, stacked over time
    if (j < s.carries || !stepIsElementwise(s)) continue;
    if (!sameDims(s.body.nodes[s.body.outputs[j].node].shape, s.body.nodes[s.body.args[0]].shape)) continue;
    sums.set(scan.id, (sums.get(scan.id) ?? new Map()).set(n.id, j));
  }
  if (!sums.size) return graph;

  const rewritten = new Map<number, { carries: number; added: number; accumulators: Map<number, number> }>(); // old scan id -> how its results moved
  const newScan = new Map<number, number>(); // old scan id -> new id
  return rewrite(graph, (node, emit, old) => {
    if (node.op === "scan" && sums.has(old.id)) {
      const s = node.attrs.scan!;
      const summed = [...new Set(sums.get(old.id)!.values())];
      const zeros = summed.map((j) => emit({ op: "const", inputs: [], shape: s.body.nodes[s.body.outputs[j].node].shape, attrs: { value: 0 }, line: node.line }));
      const inputs = [...node.inputs.slice(0, s.carries), ...zeros, ...node.inputs.slice(s.carries)];
      const id = emit({ ...node, inputs, attrs: { ...node.attrs, scan: withAccumulators(s, summed) } });
      newScan.set(old.id, id);
      const accumulators = new Map([...sums.get(old.id)!].map(([sum, j]) => [sum, s.carries + summed.indexOf(j)]));
      rewritten.set(old.id, { carries: s.carries, added: summed.length, accumulators });
      return id;
    }
    if (node.op === "get") {
      const moved = rewritten.get(old.inputs[0]);
      if (!moved) return emit(node);
      const i = node.attrs.index!;
      const index = i < moved.carries ? i : i - moved.carries < moved.carries ? i + moved.added : i + 2 * moved.added;
      return emit({ ...node, attrs: { ...node.attrs, index } });
    }
    const scan = node.op === "sum" ? graph.nodes[old.inputs[0]].inputs[0] : undefined;
    const acc = scan !== undefined ? rewritten.get(scan)?.accumulators.get(old.id) : undefined;
    if (acc !== undefined) return emit({ op: "get", inputs: [newScan.get(scan!)!], shape: node.shape, attrs: { index: acc }, label: node.label, line: node.line });
    return emit(node);
  });
}

/** Whether a loop's step is only elementwise work and slices over its states' shape: the form that runs inside one kernel. */
function stepIsElementwise(s: ScanAttrs): boolean {
  if (s.carries === 0) return false;
  const shape = s.body.nodes[s.body.args[0]].shape;
  const local = (n: Node) => n.op === "arg" || n.op === "const" || n.op === "slice" || isElementwise(n.op);
  return s.body.nodes.every(local) && s.body.outputs.every((o) => sameDims(s.body.nodes[o.node].shape, shape));
}

/** The body with a state per summed output after the existing states: acc' = acc + output. */
function withAccumulators(s: ScanAttrs, summed: number[]): ScanAttrs {
  const c = s.carries;
  const a = summed.length;
  const body: Graph = { nodes: [], args: [], outputs: [] };
  const remap = new Map<number, number>();
  const add = (n: Omit<Node, "id">) => (body.nodes.push({ ...n, id: body.nodes.length } as Node), body.nodes.length - 1);
  // The accumulators' arguments first, then the old nodes with arguments renumbered past them.
  const accArgs = summed.map((j, k) => add({ op: "arg", inputs: [], shape: s.body.nodes[s.body.outputs[j].node].shape, attrs: { index: c + k }, label: `sum_${s.body.outputs[j].name}` }));
  for (const n of s.body.nodes) {
    const index = n.op === "arg" && n.attrs.index! >= c ? n.attrs.index! + a : n.attrs.index;
    remap.set(n.id, add({ ...n, inputs: n.inputs.map((i) => remap.get(i)!), attrs: { ...n.attrs, ...(n.op === "arg" ? { index } : {}) } }));
  }
  const oldArgs = s.body.args.map((x) => remap.get(x)!);
  body.args = [...oldArgs.slice(0, c), ...accArgs, ...oldArgs.slice(c)];
  const nexts = summed.map((j, k) => {
    const out = s.body.nodes[s.body.outputs[j].node];
    const node = add({ op: "add", inputs: [accArgs[k], remap.get(out.id)!], shape: out.shape, attrs: {}, line: out.line });
    return { name: `sum_${s.body.outputs[j].name}'`, node };
  });
  const outputs = s.body.outputs.map((o) => ({ ...o, node: remap.get(o.node)! }));
  body.outputs = [...outputs.slice(0, c), ...nexts, ...outputs.slice(c)];
  return { ...s, body, carries: c + a };
}
