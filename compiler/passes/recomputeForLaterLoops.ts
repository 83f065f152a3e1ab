// With activations "recompute": a product computed before a loop and read again by a later
// loop (the backward loop reading W·x + b, hoisted out of the forward loop) is computed a
// second time just before the later loop, when it is computed only from parameters and values
// that loop reads anyway. The first copy then dies with the forward loop instead of living
// through the backward pass: one product more, one [T, B, 4H] buffer less held from the forward
// pass to the backward. Common-subexpression elimination merged the copies autodiff made; this
// runs after it and splits them again, on purpose.
import type { Graph, Node } from "../ir/graph.js";

/** What is computed again: a product, and additions around it (a bias). */
const RECOMPUTABLE = new Set(["matmul", "add"]);

export function recomputeForLaterLoops(graph: Graph): Graph {
  const firstReader = new Map<number, number>(); // value -> the first node that reads it
  for (const n of graph.nodes) for (const i of n.inputs) if (!firstReader.has(i)) firstReader.set(i, n.id);
  const out: Graph = { nodes: [], args: [], outputs: [] };
  const remap: number[] = [];
  const emit = (n: Node) => out.nodes.push({ ...n, id: out.nodes.length }) - 1;
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((v) => {
      if (node.op !== "scan" || firstReader.get(v) === node.id) return remap[v];
      const again = recomputation(graph, v, new Set(node.inputs));
      if (!again) return remap[v];
      const copies = new Map<number, number>();
      for (const id of again) copies.set(id, emit({ ...graph.nodes[id], inputs: graph.nodes[id].inputs.map((i) => copies.get(i) ?? remap[i]) }));
      return copies.get(v)!;
    });
    remap[node.id] = emit({ ...node, inputs });
  }
  out.args = graph.args.map((a) => remap[a]);
  out.outputs = graph.outputs.map((o) => ({ ...o, node: remap[o.node] }));
  return out;
}

/**
 * The nodes that compute `value` again, in order, if it holds a product and is computed from
 * parameters, constants and values in `available` only; undefined otherwise.
 */
function recomputation(graph: Graph, value: number, available: Set<number>): number[] | undefined {
  const order: number[] = [];
  const visit = (id: number): boolean => {
    const n = graph.nodes[id];
    if (n.op === "param" || n.op === "const" || (available.has(id) && id !== value)) return true;
    if (!RECOMPUTABLE.has(n.op) || !n.inputs.every(visit)) return false;
    if (!order.includes(id)) order.push(id);
    return true;
  };
  return visit(value) && order.some((id) => graph.nodes[id].op === "matmul") ? order : undefined;
}
