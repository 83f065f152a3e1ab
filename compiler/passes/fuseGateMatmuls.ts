// Gate fusion: per-gate products with the same operand (W_i @ x, W_f @ x, ...) become one
// product with the weights stacked ([W_i; W_f; ...] @ x) and a slice per gate. Weights are
// parameters (or a loop's invariants), so codegen lays them out side by side and the stack is free.
import type { Graph, Node } from "../ir/graph.js";

export function fuseGateMatmuls(graph: Graph): Graph {
  const isWeight = (n: Node, invariantFrom: number) => n.op === "param" || (n.op === "arg" && n.attrs.index! >= invariantFrom);
  return fuse(graph, Infinity, isWeight);
}

function fuse(graph: Graph, invariantFrom: number, isWeight: (n: Node, from: number) => boolean): Graph {
  // Groups: products sharing the right operand and the weights' column count.
  const groups = new Map<string, Node[]>();
  for (const n of graph.nodes) {
    if (n.op !== "matmul") continue;
    const w = graph.nodes[n.inputs[0]];
    if (!isWeight(w, invariantFrom)) continue;
    const key = `${n.inputs[1]}:${w.shape[1]}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const members = new Map<number, Node[]>();
  for (const g of groups.values()) if (g.length > 1) for (const n of g) members.set(n.id, g);

  const out: Graph = { nodes: [], args: [], outputs: [] };
  const remap = new Map<number, number>();
  const fused = new Map<Node[], number>();
  const push = (n: Omit<Node, "id">) => {
    const id = out.nodes.length;
    out.nodes.push({ ...n, id });
    return id;
  };
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((i) => remap.get(i)!);
    const group = members.get(node.id);
    if (group) {
      let product = fused.get(group);
      if (product === undefined) {
        const weights = group.map((m) => remap.get(m.inputs[0])!);
        const rows = group.reduce((r, m) => r + (graph.nodes[m.inputs[0]].shape[0] as number), 0);
        const K = graph.nodes[group[0].inputs[0]].shape[1];
        const stacked = push({ op: "concat", inputs: weights, attrs: { axis: 0 }, shape: [rows, K], line: node.line, label: group.map((m) => graph.nodes[m.inputs[0]].label).join("|") });
        product = push({ op: "matmul", inputs: [stacked, inputs[1]], attrs: {}, shape: [...node.shape.slice(0, -1), rows], line: node.line });
        fused.set(group, product);
      }
      const start = group.slice(0, group.indexOf(node)).reduce((r, m) => r + (graph.nodes[m.inputs[0]].shape[0] as number), 0);
      remap.set(node.id, push({ ...node, op: "slice", inputs: [product], attrs: { start, size: node.shape[node.shape.length - 1] as number } }));
      continue;
    }
    if (node.op === "scan") {
      const s = node.attrs.scan!;
      const body = fuse(s.body, s.carries + s.sequences, isWeight);
      remap.set(node.id, push({ ...node, inputs, attrs: { ...node.attrs, scan: { ...s, body } } }));
      continue;
    }
    remap.set(node.id, push({ ...node, inputs }));
  }
  out.args = graph.args.map((a) => remap.get(a)!);
  out.outputs = graph.outputs.map((o) => ({ ...o, node: remap.get(o.node)! }));
  return out;
}
