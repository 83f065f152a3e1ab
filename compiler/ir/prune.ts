// Drop nodes that no output needs (arguments stay, so a body keeps its signature).
import type { Graph, Node } from "./graph.js";

export function prune(graph: Graph): Graph {
  const live = new Set<number>(graph.args);
  const visit = (id: number) => {
    if (live.has(id) && graph.nodes[id].op !== "arg") return;
    live.add(id);
    graph.nodes[id].inputs.forEach(visit);
  };
  graph.outputs.forEach((o) => visit(o.node));
  const remap = new Map<number, number>();
  const nodes: Node[] = [];
  for (const n of graph.nodes) {
    if (!live.has(n.id)) continue;
    remap.set(n.id, nodes.length);
    nodes.push({ ...n, id: nodes.length, inputs: n.inputs.map((i) => remap.get(i)!) });
  }
  return { nodes, args: graph.args.map((a) => remap.get(a)!), outputs: graph.outputs.map((o) => ({ ...o, node: remap.get(o.node)! })) };
}
