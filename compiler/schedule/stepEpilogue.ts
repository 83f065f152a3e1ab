// A step as one kernel. An LSTM's or a GRU's step is a product, U·h for every gate, and an
// elementwise kernel that reads it: the gates' nonlinearities and the state update. Fused,
// each thread computes a tile of the product that holds every gate of its hidden units, then
// the elementwise kernel's outputs for those units, from registers: one dispatch a step instead
// of two, and the product is never written out and read back.
import { sameDims, type Graph, type Node } from "../ir/graph.js";
import { isElementwise } from "../ir/ops/index.js";
import type { ElementwiseKernel, ProductKernel, Step } from "./schedule.js";

/**
 * The step's kernels, the product and the elementwise kernels after it fused where they can
 * be: the product y = W·h ([B, G·H]) is stored only as a step's output (a GRU's U·h, saved
 * for the backward loop), and each kernel, over a
 * gate's width [B, H] or y's [B, G·H], reads y only through whole gates: slices [g·H, (g+1)·H)
 * of it, and elementwise work over its whole rows (a bias added, the sum of the gates' terms
 * that training saves).
 */
export function fuseStepEpilogue(steps: Step[]): Step[] {
  const [product, ...kernels] = steps;
  if (product?.kind !== "product" || kernels.length === 0 || !kernels.every((k): k is ElementwiseKernel => k.kind === "elementwise")) return steps;
  const gates = epilogueGates(product, kernels);
  // Named as the step's kernel (lstm_l0_step), not its first part's (lstm_l0_step_0).
  return gates ? [{ ...product, name: kernels[0].name.replace(/_0$/, ""), epilogue: { kernels, gates } }] : steps;
}

function epilogueGates(product: ProductKernel, kernels: ElementwiseKernel[]): number | undefined {
  const graph: Graph = product.graph;
  const y = product.node;
  const N = y.shape.at(-1);
  const lead = y.shape.slice(0, -1);
  const narrow = kernels.filter((k) => k.shape.at(-1) !== N);
  const H = narrow[0]?.shape.at(-1) ?? N;
  if (y.op !== "matmul" || product.bias || typeof H !== "number" || typeof N !== "number" || N % H !== 0) return undefined;
  for (const kernel of kernels) {
    if (kernel.graph !== graph || kernel.step?.inKernel || !sameDims(kernel.shape, [...lead, kernel.shape.at(-1)!])) return undefined;
    if (kernel.shape.at(-1) !== N && kernel.shape.at(-1) !== H) return undefined;
    if (kernel.outputs.some((o) => o.columns || o.finalOnly || !sameDims(graph.nodes[o.node].shape, kernel.shape))) return undefined;
    // Every way from an output to y: elementwise over [B, H] or over y's whole rows [B, N],
    // joined by one gate's slice.
    const reaches = new Map<number, boolean>();
    const reachesY = (n: Node): boolean => {
      if (n.id === y.id) return true;
      if (kernel.reads(n)) return false;
      if (!reaches.has(n.id)) reaches.set(n.id, n.inputs.some((i) => reachesY(graph.nodes[i])));
      return reaches.get(n.id)!;
    };
    const fits = (n: Node, wide: boolean): boolean => {
      if (!reachesY(n)) return true;
      if (n.id === y.id) return wide || N === H; // one gate (an RNN): its width is y's
      if (!sameDims(n.shape, [...lead, wide ? N : H])) return false;
      const inputs = n.inputs.map((i) => graph.nodes[i]);
      if (isElementwise(n.op)) return inputs.every((i) => !reachesY(i) || (sameDims(i.shape, n.shape) && fits(i, wide)));
      const lastAxis = (n.attrs.axis ?? -1) === -1 || n.attrs.axis === n.shape.length - 1;
      if (n.op === "slice" && !wide && lastAxis && n.attrs.start! % H === 0 && n.attrs.size === H) return fits(inputs[0], true);
      return false;
    };
    const wide = kernel.shape.at(-1) === N && N !== H;
    if (!kernel.outputs.every((o) => fits(graph.nodes[o.node], wide))) return undefined;
  }
  return N / H;
}
