// Drop nodes that no output needs (arguments stay, so a body keeps its signature; so does any
// node `keep` names, as the model's inputs and parameters, which belong to its interface).
import type { Graph, Node } from "./graph.js";

export function prune(graph: Graph, keep: (n: Node) => boolean = () => false): Graph {
  // Inputs come before their users, so one backward sweep finds every needed node (no recursion:
  // a long chain of statements is a deep graph).
  const live = new Set<number>([...graph.args, ...graph.outputs.map((o) => o.node), ...graph.nodes.filter(keep).map((n) => n.id)]);
  for (let id = graph.nodes.length - 1; id >= 0; id--) if (live.has(id)) for (const i of graph.nodes[id].inputs) live.add(i);
  const remap = new Map<number, number>();
  const nodes: Node[] = [];
  for (const n of graph.nodes) {
    if (!live.has(n.id)) continue;
    remap.set(n.id, nodes.length);
    nodes.push({ ...n, id: nodes.length, inputs: n.inputs.map((i) => remap.get(i)!) });
  }
  return { nodes, args: graph.args.map((a) => remap.get(a)!), outputs: graph.outputs.map((o) => ({ ...o, node: remap.get(o.node)! })) };
}
