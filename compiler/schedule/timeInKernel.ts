// A time loop whose whole step is one elementwise kernel, element i of every state read only by
// the thread that writes element i, needs no dispatch per step: each thread runs its own
// element's recurrence through every step inside one kernel (minGRU's h' = (1 - z) h + z c,
// IndRNN's h' = relu(w h + W x), and any other cell whose state meets no product, slice or
// reduction once the passes have moved the input products out of the loop). On a software GPU
// a dispatch costs 30-50 µs whatever it computes, so T dispatches become one.
import { sameDims, type Graph, type Shape } from "../ir/graph.js";
import { isElementwise } from "../ir/ops/index.js";
import type { ElementwiseKernel, Step } from "./schedule.js";

/** Why a loop's steps are dispatched one by one, or undefined when its step can run inside one kernel. */
export function stepLoopReason(body: Graph, carries: number, steps: Step[]): string | undefined {
  const state = carries > 0 ? misaligned(body, carries, body.nodes[body.args[0]].shape) : undefined;
  if (state) return state;
  if (steps.length !== 1 || steps[0].kind !== "elementwise") return "a step needs more than one kernel (its outputs have other shapes)";
  const kernel: ElementwiseKernel = steps[0];
  if (kernel.outputs.some((o) => o.columns || !sameDims(body.nodes[o.node].shape, kernel.shape))) return "the step's outputs have other shapes";
  return misaligned(body, carries, kernel.shape);
}

/** Where a state element reaches other elements, if it does: every value that depends on a carry must be elementwise over the kernel's shape. */
function misaligned(body: Graph, carries: number, shape: Shape): string | undefined {
  const dependent = new Set(body.args.slice(0, carries));
  for (const n of body.nodes) {
    const reads = n.inputs.some((i) => dependent.has(i));
    if (!dependent.has(n.id) && !reads) continue;
    dependent.add(n.id);
    const where = n.line ? ` (line ${n.line})` : "";
    if (n.op !== "arg" && !isElementwise(n.op)) return `${n.op}${where} reads the state across its elements`;
    if (!sameDims(n.shape, shape)) return `${n.label ?? n.op}${where} is [${n.shape.join(", ")}], not the state's [${shape.join(", ")}]`;
  }
  return undefined;
}
