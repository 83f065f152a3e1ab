// A loop computes only what something reads: a per-step output no result of the loop is read
// for is dropped from its body, with all the work that led only to it. Autodiff makes such
// outputs (the gradient of a length mask, which nothing differentiates), and a per-step
// reduction among them would keep an elementwise step from running inside one kernel.
import type { Graph, ScanAttrs } from "../ir/graph.js";
import { prune } from "../ir/prune.js";
import { rewrite } from "../ir/rewrite.js";

export function pruneLoopOutputs(graph: Graph): Graph {
  const live = prune(graph, (n) => n.op === "input" || n.op === "param"); // every get left is read
  const read = new Map<number, Set<number>>(); // scan -> the result indices read
  for (const n of live.nodes) if (n.op === "get") read.set(n.inputs[0], (read.get(n.inputs[0]) ?? new Set()).add(n.attrs.index!));
  const renumbered = new Map<number, Map<number, number>>(); // new scan -> old result index -> new
  return rewrite(live, (node, emit, old) => {
    if (node.op === "scan") {
      const { attrs, results } = pruneScan(node.attrs.scan!, read.get(old.id) ?? new Set());
      const id = emit({ ...node, attrs: { ...node.attrs, scan: attrs } });
      renumbered.set(id, results);
      return id;
    }
    const results = node.op === "get" ? renumbered.get(node.inputs[0]) : undefined;
    return emit(results ? { ...node, attrs: { ...node.attrs, index: results.get(node.attrs.index!)! } } : node);
  });
}

/** The body without the per-step outputs not read (carries stay), and where each read result now is. */
function pruneScan(s: ScanAttrs, read: Set<number>): { attrs: ScanAttrs; results: Map<number, number> } {
  const c = s.carries;
  const body = s.body;
  const kept = body.outputs.map((_, j) => j < c || read.has(c + j));
  const results = new Map<number, number>();
  for (let k = 0; k < c; k++) results.set(k, k);
  let next = c;
  body.outputs.forEach((_, j) => kept[j] && results.set(c + j, next++));
  const outputs = body.outputs.filter((_, j) => kept[j]);
  return { attrs: { ...s, body: pruneLoopOutputs({ ...body, outputs }) }, results };
}
