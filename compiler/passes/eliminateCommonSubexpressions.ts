// Common-subexpression elimination: two nodes with the same op, inputs, attributes and shape
// compute the same value, so the later one is dropped. This matters after autodiff, whose
// backward loop recomputes forward values (W·x_t for all t, hoisted): they merge with the
// forward pass's own copies and are computed and stored once.
import type { Graph } from "../ir/graph.js";
import { rewrite } from "../ir/rewrite.js";

export function eliminateCommonSubexpressions(graph: Graph): Graph {
  const seen = new Map<string, number>();
  return rewrite(graph, (n, emit) => {
    // Bodies, arguments and graph inputs are never merged: each is its own value.
    const key = ["scan", "arg", "input", "param"].includes(n.op) ? undefined : JSON.stringify([n.op, n.inputs, n.attrs, n.shape]);
    const earlier = key === undefined ? undefined : seen.get(key);
    if (earlier !== undefined) return earlier;
    const attrs = n.op === "scan" ? { ...n.attrs, scan: { ...n.attrs.scan!, body: eliminateCommonSubexpressions(n.attrs.scan!.body) } } : n.attrs;
    const id = emit({ ...n, attrs });
    if (key !== undefined) seen.set(key, id);
    return id;
  });
}
