// The walk every pass does: rebuild a graph node by node, in order, each node's inputs already
// renumbered into the new graph. A pass says only what a node becomes.
import type { Graph, Node } from "./graph.js";

/** Adds a node to the graph being built; returns its id. */
export type Emit = (node: Omit<Node, "id">) => number;

/**
 * `visit` gets each node with its inputs renumbered (and the node as it was, and the graph built
 * so far) and returns the id that stands for it in the new graph: usually `emit(node)`, or an
 * id emitted earlier.
 */
export function rewrite(graph: Graph, visit: (node: Node, emit: Emit, old: Node, built: Graph) => number): Graph {
  const out: Graph = { nodes: [], args: [], outputs: [] };
  const remap = new Map<number, number>(); // old id -> new id
  const emit: Emit = (n) => {
    const id = out.nodes.length;
    out.nodes.push({ ...n, id } as Node);
    return id;
  };
  for (const node of graph.nodes) remap.set(node.id, visit({ ...node, inputs: node.inputs.map((i) => remap.get(i)!) }, emit, node, out));
  out.args = graph.args.map((a) => remap.get(a)!);
  out.outputs = graph.outputs.map((o) => ({ ...o, node: remap.get(o.node)! }));
  return out;
}
