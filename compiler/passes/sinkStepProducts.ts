// The mirror of hoisting: a matrix product that a loop computes only to output it (the
// gradient of a layer's inputs, W^T·δ_t in a backward loop, say), and that no later step
// needs, moves after the loop and runs once over all steps as one large product; so does a
// sum of such products (a minGRU's input gradient, W_h^T·δh_t + W_z^T·δz_t). The loop outputs
// the products' operands instead (often already outputs: the same δ_t feeds the weight
// gradients). A sequence the loop outputs as it is is read where it comes from.
import { sameDims, type Graph, type ScanAttrs } from "../ir/graph.js";
import { prune } from "../ir/prune.js";
import { rewrite } from "../ir/rewrite.js";

type Product = { op: "matmul" | "matmul_t"; weight: number };
type Result = { index: number } | { terms: (Product & { operand: number })[] } | { sequence: number };

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
    if (plan && "sequence" in plan) return plan.sequence;
    if (plan && "terms" in plan) {
      const scan = built.nodes[node.inputs[0]];
      const body = scan.attrs.scan!.body;
      const products = plan.terms.map((term) => {
        const operandShape = body.nodes[body.outputs[term.operand - scan.attrs.scan!.carries].node].shape;
        const operand = emit({ op: "get", inputs: [node.inputs[0]], shape: [scan.attrs.scan!.length, ...operandShape], attrs: { index: term.operand } });
        // A lone product stands for the output itself and keeps its name.
        return emit({ ...node, label: plan.terms.length === 1 ? node.label : undefined, op: term.op, inputs: [term.weight, operand], attrs: {} });
      });
      return products.reduce((sum, p, k) => (k === products.length - 1 ? emit({ ...node, op: "add", inputs: [sum, p], attrs: {} }) : emit({ ...node, label: undefined, op: "add", inputs: [sum, p], attrs: {} })));
    }
    return emit({ ...node, attrs: plan && "index" in plan ? { ...node.attrs, index: plan.index } : node.attrs });
  });
}

function sinkScan(s: ScanAttrs, outerInputs: number[]): { attrs: ScanAttrs; results: Result[] } {
  const body = s.body;
  const c = s.carries;
  const firstInvariant = c + s.sequences;
  const isInvariant = (id: number) => body.nodes[id].op === "arg" && body.nodes[id].attrs.index! >= firstInvariant;
  const usedInside = new Set(body.nodes.flatMap((n) => n.inputs));
  const outputs = [...body.outputs];
  // The products (of an invariant weight and a step value) whose sum a node is, if it is one.
  const productTerms = (id: number): (Product & { operandNode: number })[] | undefined => {
    const n = body.nodes[id];
    if (n.op === "add" && sameDims(body.nodes[n.inputs[0]].shape, n.shape) && sameDims(body.nodes[n.inputs[1]].shape, n.shape)) {
      if (n.inputs.some((i) => usedInside.has(i) && uses.get(i)! > 1)) return undefined;
      const [a, b] = n.inputs.map(productTerms);
      return a && b ? [...a, ...b] : undefined;
    }
    if (n.op !== "matmul" && n.op !== "matmul_t") return undefined;
    if (!isInvariant(n.inputs[0]) || isInvariant(n.inputs[1])) return undefined;
    return [{ op: n.op, weight: outerInputs[body.nodes[n.inputs[0]].attrs.index!], operandNode: n.inputs[1] }];
  };
  const uses = new Map<number, number>();
  for (const n of body.nodes) for (const i of n.inputs) uses.set(i, (uses.get(i) ?? 0) + 1);
  const sunk = new Map<number, (Product & { operandNode: number })[]>();
  body.outputs.forEach((o, j) => {
    const n = body.nodes[o.node];
    if (j < c || usedInside.has(n.id)) return;
    if (body.outputs.some((p, k) => k < c && p.node === n.id)) return; // a state's next value stays (output twice, both go)
    const terms = productTerms(n.id);
    if (terms) sunk.set(j, terms);
  });
  // A sequence output as it is (hoisting can leave one) is that sequence: the loop need not copy it.
  const isSequence = (id: number) => body.nodes[id].op === "arg" && body.nodes[id].attrs.index! >= c && body.nodes[id].attrs.index! < firstInvariant;
  const echoes = new Map<number, number>();
  body.outputs.forEach((o, j) => j >= c && isSequence(o.node) && echoes.set(j, outerInputs[body.nodes[o.node].attrs.index!]));
  if (sunk.size === 0 && echoes.size === 0) return { attrs: s, results: [...Array(c + body.outputs.length).keys()].map((index) => ({ index })) };

  // The new outputs: the kept ones, then operands not yet output.
  const kept = outputs.filter((_, j) => !sunk.has(j) && !echoes.has(j));
  for (const terms of sunk.values())
    for (const { operandNode } of terms) if (!kept.some((o, k) => k >= c && o.node === operandNode)) kept.push({ name: `step_operand${operandNode}`, node: operandNode });
  const newIndex = (j: number) => c + kept.indexOf(outputs[j]);
  const operandIndex = (node: number) => c + kept.findIndex((o, k) => k >= c && o.node === node);
  const results: Result[] = [];
  for (let k = 0; k < c; k++) results.push({ index: k });
  outputs.forEach((_, j) => {
    const terms = sunk.get(j);
    if (echoes.has(j)) results.push({ sequence: echoes.get(j)! });
    else if (!terms) results.push({ index: newIndex(j) });
    else results.push({ terms: terms.map(({ op, weight, operandNode }) => ({ op, weight, operand: operandIndex(operandNode) })) });
  });
  return { attrs: { ...s, body: prune({ ...body, outputs: kept }) }, results };
}
