// Gate fusion: per-gate products with the same operand (W_i @ x, W_f @ x, ...) become one
// product with the weights stacked ([W_i; W_f; ...] @ x) and a slice per gate. Weights are
// parameters (or a loop's invariants), so codegen lays them out side by side and the stack is free.
import type { Graph, Node } from "../ir/graph.js";
import { rewrite } from "../ir/rewrite.js";

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
  // The stacked weights are made where the group's first product is, so only weights made
  // before it join (a later layer's weight, made after this product, stays out).
  const members = new Map<number, Node[]>();
  for (const all of groups.values()) {
    const g = all.filter((n) => n.inputs[0] < all[0].id);
    if (g.length > 1) for (const n of g) members.set(n.id, g);
  }

  const fused = new Map<Node[], number>();
  const newId = new Map<number, number>(); // each weight's id in the new graph
  return rewrite(graph, (node, emit, old) => {
    const group = members.get(old.id);
    if (group) {
      let product = fused.get(group);
      if (product === undefined) {
        const weights = group.map((m) => newId.get(m.inputs[0])!);
        const rows = group.reduce((r, m) => r + (graph.nodes[m.inputs[0]].shape[0] as number), 0);
        const K = graph.nodes[group[0].inputs[0]].shape[1];
        const stacked = emit({ op: "concat", inputs: weights, attrs: { axis: 0 }, shape: [rows, K], line: node.line, label: group.map((m) => graph.nodes[m.inputs[0]].label).join("|") });
        product = emit({ op: "matmul", inputs: [stacked, node.inputs[1]], attrs: {}, shape: [...node.shape.slice(0, -1), rows], line: node.line });
        fused.set(group, product);
      }
      const start = group.slice(0, group.indexOf(old)).reduce((r, m) => r + (graph.nodes[m.inputs[0]].shape[0] as number), 0);
      return emit({ ...node, op: "slice", inputs: [product], attrs: { start, size: node.shape[node.shape.length - 1] as number } });
    }
    const id =
      node.op === "scan"
        ? emit({ ...node, attrs: { ...node.attrs, scan: { ...node.attrs.scan!, body: fuse(node.attrs.scan!.body, node.attrs.scan!.carries + node.attrs.scan!.sequences, isWeight) } } })
        : emit(node);
    newId.set(old.id, id);
    return id;
  });
}
