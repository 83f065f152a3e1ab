// The arithmetic of a graph's matrix products at given sizes: 2·m·n·k each, a loop's body once
// per step. What "achieved GFLOP/s" counts (rnnc bench, npm run bench); elementwise work is
// left out, as is usual for recurrent layers.
import type { Dim, Graph } from "./graph.js";

/** Floating-point operations of the products that the outputs named in `outputs` need. */
export function productFlops(graph: Graph, sizes: Record<string, number>, outputs: string[]): number {
  const dim = (d: Dim) => (typeof d === "number" ? d : (sizes[d] ?? NaN));
  const count = (shape: Dim[]) => shape.reduce<number>((n, d) => n * dim(d), 1);
  const needed = new Set<number>();
  const need = (id: number) => {
    if (needed.has(id)) return;
    needed.add(id);
    graph.nodes[id].inputs.forEach(need);
  };
  graph.outputs.filter((o) => outputs.includes(o.name)).forEach((o) => need(o.node));
  return flopsOf(graph, (id) => needed.has(id), dim, count);
}

function flopsOf(graph: Graph, counts: (id: number) => boolean, dim: (d: Dim) => number, count: (shape: Dim[]) => number): number {
  let total = 0;
  for (const n of graph.nodes) {
    if (!counts(n.id)) continue;
    const [a, b] = n.inputs.map((i) => graph.nodes[i]);
    // matmul(W [N, K], x [..., K]) -> [..., N]; matmul_t(W [N, K], g [..., N]) -> [..., K];
    // outer_sum(a [..., N], b [..., K]) -> [N, K] summed over the leading axes.
    if (n.op === "matmul") total += 2 * count(n.shape) * dim(a.shape[1]);
    else if (n.op === "matmul_t") total += 2 * count(n.shape) * dim(a.shape[0]);
    else if (n.op === "outer_sum") total += 2 * count(a.shape) * dim(b.shape[b.shape.length - 1]);
    else if (n.op === "outer_step") total += 2 * count(n.shape); // the same work, added up by a loop's state a step at a time
    else if (n.op === "scan") total += dim(n.attrs.scan!.length) * flopsOf(n.attrs.scan!.body, () => true, dim, count);
  }
  return total;
}
