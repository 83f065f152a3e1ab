// A product inside a loop's step small enough to compute where it is read: W·x_t with a weight
// the loop only reads and a contraction of at most 16 (a minGRU layer's gates from a narrow
// input). In a loop that runs every step inside one kernel, each thread then computes its own
// elements of W·x_t from x_t, which it reads anyway, and rows of W it holds in registers: no
// [T, B, N] projection written over all steps and read back by each loop.
import type { Graph, Node } from "./graph.js";
import { isElementwise } from "./ops/index.js";

/** The widest contraction computed inline: its rows of W are 16 / 4 vec4 registers each. */
export const INLINE_PRODUCT_DEPTH = 16;

/** Whether `n`, in a loop body, is W·x_t with W a value the loop only reads (computed from its invariants) and x_t a sequence argument, its depth fixed, a multiple of four and at most 16. */
export function isInlineProduct(body: Graph, n: Node, carries: number, sequences: number, invariant: (id: number) => boolean): boolean {
  if (n.op !== "matmul") return false;
  const [w, x] = n.inputs.map((i) => body.nodes[i]);
  const depth = w.shape[1];
  const isSequence = x.op === "arg" && x.attrs.index! >= carries && x.attrs.index! < carries + sequences;
  return isSequence && invariant(w.id) && typeof depth === "number" && depth % 4 === 0 && depth <= INLINE_PRODUCT_DEPTH;
}

/**
 * Whether every value of a loop's step is elementwise work, a slice, or such a product: a step
 * that can run inside one kernel with its products. A product by a weight that no state needs
 * (a backward loop's Wᵀ·δ_t, the gradient of its inputs) does not count: sinkStepProducts moves
 * it after the loop.
 */
export function stepIsLocal(body: Graph, carries: number, sequences: number): boolean {
  const invariantArgs = (id: number) => body.nodes[id].op === "arg" && body.nodes[id].attrs.index! >= carries + sequences;
  const invariant = (id: number): boolean => invariantArgs(id) || (body.nodes[id].op === "concat" && body.nodes[id].attrs.axis === 0 && body.nodes[id].inputs.every(invariant));
  const feedsStates = new Set<number>();
  const mark = (id: number) => {
    if (feedsStates.has(id)) return;
    feedsStates.add(id);
    body.nodes[id].inputs.forEach(mark);
  };
  body.outputs.slice(0, carries).forEach((o) => mark(o.node));
  const sunkAfter = (n: Node) => !feedsStates.has(n.id) && (n.op === "matmul" || n.op === "matmul_t") && invariant(n.inputs[0]);
  return body.nodes.every(
    (n) => n.op === "arg" || n.op === "const" || n.op === "slice" || isElementwise(n.op) || invariant(n.id) || isInlineProduct(body, n, carries, sequences, invariant) || sunkAfter(n),
  );
}
