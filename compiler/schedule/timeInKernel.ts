// A time loop whose whole step is one elementwise kernel, element i of every state read only by
// the thread that writes element i, needs no dispatch per step: each thread runs its own
// element's recurrence through every step inside one kernel (minGRU's h' = (1 - z) h + z c,
// IndRNN's h' = relu(w h + W x), and any other cell whose state meets no product, slice or
// reduction once the passes have moved the input products out of the loop). On a software GPU
// a dispatch costs 30-50 µs whatever it computes, so T dispatches become one.
import { sameDims, type Graph, type Node, type Shape } from "../ir/graph.js";
import { isElementwise } from "../ir/ops/index.js";
import type { ElementwiseKernel, Step } from "./schedule.js";

/** Why a loop's steps are dispatched one by one, or undefined when its step can run inside one kernel. */
export function stepLoopReason(body: Graph, carries: number, steps: Step[]): string | undefined {
  const state = carries > 0 ? misaligned(body, carries, body.nodes[body.args[0]].shape) : undefined;
  if (state) return state;
  if (steps.length !== 1 || steps[0].kind !== "elementwise") return "a step needs more than one kernel (its outputs have other shapes)";
  const kernel: ElementwiseKernel = steps[0];
  const accumulators = rowAccumulators(body, carries, kernel.shape);
  const ownShape = (id: number) => sameDims(body.nodes[id].shape, kernel.shape) || accumulators.has(id);
  if (kernel.outputs.some((o) => o.columns || !ownShape(o.node))) return "the step's outputs have other shapes";
  return misaligned(body, carries, kernel.shape);
}

/**
 * The next values of the states that add up a weight's gradient a step at a time
 * (sumStepsInLoops.ts): acc' = acc + outer_step(δ, x), [K, ...shape] where the other states
 * are `shape`. The thread that owns element i of δ owns the K elements of acc above it.
 */
export function rowAccumulators(body: Graph, carries: number, shape: Shape): Set<number> {
  const found = new Set<number>();
  for (let c = 0; c < carries; c++) {
    const next = body.nodes[body.outputs[c].node];
    const arg = body.args[c];
    const term = next.op === "add" && next.inputs[0] === arg ? body.nodes[next.inputs[1]] : undefined;
    const rowOf = (n: Node) => n.shape.length === shape.length + 1 && typeof n.shape[0] === "number" && sameDims(n.shape.slice(1), shape);
    const readOnce = body.nodes.every((n) => n.id === next.id || !n.inputs.includes(arg));
    if (term?.op === "outer_step" && rowOf(next) && readOnce && sameDims(body.nodes[term.inputs[0]].shape, shape)) found.add(next.id);
  }
  return found;
}

/** Where a state element reaches other elements, if it does: every value that depends on a carry must be elementwise over the kernel's shape. */
function misaligned(body: Graph, carries: number, shape: Shape): string | undefined {
  const dependent = new Set(body.args.slice(0, carries));
  const accumulators = rowAccumulators(body, carries, shape);
  const rows = new Set([...accumulators].flatMap((id) => [id, body.nodes[id].inputs[1]]));
  body.args.slice(0, carries).forEach((arg, c) => accumulators.has(body.outputs[c].node) && dependent.delete(arg));
  for (const n of body.nodes) {
    if (rows.has(n.id)) continue; // a thread's row of a weight's gradient: its own element of δ times the example's x
    const reads = n.inputs.some((i) => dependent.has(i));
    if (!dependent.has(n.id) && !reads) continue;
    dependent.add(n.id);
    const where = n.line ? ` (line ${n.line})` : "";
    if (n.op !== "arg" && !isElementwise(n.op)) return `${n.op}${where} reads the state across its elements`;
    if (!sameDims(n.shape, shape)) return `${n.label ?? n.op}${where} is [${n.shape.join(", ")}], not the state's [${shape.join(", ")}]`;
  }
  return undefined;
}
