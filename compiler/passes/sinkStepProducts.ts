// The mirror of hoisting: a matrix product that a loop computes only to output it (the
// gradient of a layer's inputs, W^T·δ_t in a backward loop, say), and that no later step
// needs, moves after the loop and runs once over all steps as one large product. The loop
// outputs the product's operand instead (often already an output: the same δ_t feeds the
// weight gradients).
import type { Graph, ScanAttrs } from "../ir/graph.js";
import { prune } from "../ir/prune.js";
import { rewrite } from "../ir/rewrite.js";

type Result = { index: number } | { op: "matmul" | "matmul_t"; weight: number; operand: number };

export function sinkStepProducts(graph: Graph): Graph {
  const results = new Map<number, Result[]>(); // a rewritten scan: where each old result now comes from
  return rewrite(graph, (node, emit, _old, built) => {
    if (node.op === "scan") {
      const plan = sinkScan(node.attrs.scan!, node.inputs);
      const id = emit({ ...node, attrs: { ...node.attrs, scan: plan.attrs } });
      results.set(id, plan.results);
      return id;
    }
    const plan = node.op === "get" ? results.get(node.inputs[0])?.[node.attrs.index!] : undefined;
    if (plan && "op" in plan) {
      const scan = built.nodes[node.inputs[0]];
      const body = scan.attrs.scan!.body;
      const operandShape = body.nodes[body.outputs[plan.operand - scan.attrs.scan!.carries].node].shape;
      const operand = emit({ op: "get", inputs: [node.inputs[0]], shape: [scan.attrs.scan!.length, ...operandShape], attrs: { index: plan.operand } });
      return emit({ ...node, op: plan.op, inputs: [plan.weight, operand], attrs: {} });
    }
    return emit({ ...node, attrs: plan ? { ...node.attrs, index: plan.index } : node.attrs });
  });
}

function sinkScan(s: ScanAttrs, outerInputs: number[]): { attrs: ScanAttrs; results: Result[] } {
  const body = s.body;
  const c = s.carries;
  const firstInvariant = c + s.sequences;
  const isInvariant = (id: number) => body.nodes[id].op === "arg" && body.nodes[id].attrs.index! >= firstInvariant;
  const usedInside = new Set(body.nodes.flatMap((n) => n.inputs));
  const outputs = [...body.outputs];
  const sunk = new Map<number, { op: "matmul" | "matmul_t"; weight: number; operandNode: number }>();
  body.outputs.forEach((o, j) => {
    const n = body.nodes[o.node];
    if (j < c || usedInside.has(n.id) || (n.op !== "matmul" && n.op !== "matmul_t")) return;
    if (!isInvariant(n.inputs[0]) || isInvariant(n.inputs[1])) return;
    if (body.outputs.some((p, k) => k !== j && p.node === n.id)) return;
    sunk.set(j, { op: n.op, weight: outerInputs[body.nodes[n.inputs[0]].attrs.index!], operandNode: n.inputs[1] });
  });
  if (sunk.size === 0) return { attrs: s, results: [...Array(c + body.outputs.length).keys()].map((index) => ({ index })) };

  // The new outputs: the kept ones, then operands not yet output.
  const kept = outputs.filter((_, j) => !sunk.has(j));
  for (const { operandNode } of sunk.values()) if (!kept.some((o, k) => k >= c && o.node === operandNode)) kept.push({ name: `step_operand${operandNode}`, node: operandNode });
  const newIndex = (j: number) => c + kept.indexOf(outputs[j]);
  const results: Result[] = [];
  for (let k = 0; k < c; k++) results.push({ index: k });
  outputs.forEach((_, j) => {
    const plan = sunk.get(j);
    if (!plan) results.push({ index: newIndex(j) });
    else results.push({ op: plan.op, weight: plan.weight, operand: c + kept.findIndex((o, k) => k >= c && o.node === plan.operandNode) });
  });
  return { attrs: { ...s, body: prune({ ...body, outputs: kept }) }, results };
}
