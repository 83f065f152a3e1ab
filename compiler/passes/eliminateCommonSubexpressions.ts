// Common-subexpression elimination: two nodes with the same op, inputs, attributes and shape
// compute the same value, so the later one is dropped. This matters after autodiff, whose
// backward loop recomputes forward values (W·x_t for all t, hoisted): they merge with the
// forward pass's own copies and are computed and stored once.
import type { Graph, Node } from "../ir/graph.js";

export function eliminateCommonSubexpressions(graph: Graph): Graph {
  const seen = new Map<string, number>();
  const remap = new Map<number, number>(); // old id -> new id
  const nodes: Node[] = [];
  for (const n of graph.nodes) {
    const inputs = n.inputs.map((i) => remap.get(i)!);
    // Bodies, arguments and graph inputs are never merged: each is its own value.
    const key = ["scan", "arg", "input", "param"].includes(n.op) ? undefined : JSON.stringify([n.op, inputs, n.attrs, n.shape]);
    const earlier = key === undefined ? undefined : seen.get(key);
    if (earlier !== undefined) {
      remap.set(n.id, earlier);
      continue;
    }
    const id = nodes.length;
    const attrs = n.op === "scan" ? { ...n.attrs, scan: { ...n.attrs.scan!, body: eliminateCommonSubexpressions(n.attrs.scan!.body) } } : n.attrs;
    nodes.push({ ...n, id, inputs, attrs });
    remap.set(n.id, id);
    if (key !== undefined) seen.set(key, id);
  }
  return { nodes, args: graph.args.map((a) => remap.get(a)!), outputs: graph.outputs.map((o) => ({ ...o, node: remap.get(o.node)! })) };
}
