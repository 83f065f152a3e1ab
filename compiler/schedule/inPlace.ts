// A loop's per-step output may be written over one of its per-step inputs, when that input dies
// with the loop: an LSTM's backward loop writes the gate gradients at step t over the gate
// pre-activations it read at step t, one [T, B, 4H] buffer instead of two. It is safe when, at
// every step, nothing reads the input's slot after the output's kernel writes it, and inside
// that kernel each thread reads only elements no other thread writes: every read of the input
// reaches the thread's own element (through same-shaped elementwise ops and slices of the last
// axis at whole multiples of the kernel's width) and every write lands on its own column block.
// A kernel computes all its values before it writes any (codegen), so a thread reads its
// elements before it overwrites them. Whether the input really dies with the loop is a matter
// of lifetimes, which the memory planner (reuse.ts) checks before it shares the space.
import { sameDims, type Graph, type Node } from "../ir/graph.js";
import { axisOf, isElementwise } from "../ir/ops/index.js";
import type { ElementwiseKernel, Place, Step } from "./schedule.js";

export interface LoopIO {
  body: Graph;
  /** The body's args that are per-step inputs, each with the place of the whole sequence. */
  sequences: { arg: number; place: Place }[];
  /** Every place the loop's args read, sequences included (one read elsewhere rules a sequence out). */
  argPlaces: Place[];
  /** The per-step outputs stored in regions of their own: node and region. */
  outputs: { node: number; region: number }[];
}

/** Pairs of regions: a per-step output and the per-step input it may be written over. */
export function inPlaceOutputs(loop: LoopIO, steps: Step[]): { output: number; input: number }[] {
  const pairs: { output: number; input: number }[] = [];
  const taken = new Set<number>();
  for (const out of loop.outputs) {
    const writers = steps.flatMap((k, i) => (writes(k, out.region) ? [i] : []));
    if (writers.length !== 1 || steps[writers[0]].kind !== "elementwise") continue;
    const w = writers[0];
    const kernel = steps[w] as ElementwiseKernel;
    const input = loop.sequences.find(({ arg, place }) => {
      const region = place.region;
      if (taken.has(region) || place.offset.length || place.slot) return false;
      if (!sameDims(loop.body.nodes[arg].shape, loop.body.nodes[out.node].shape)) return false;
      if (loop.argPlaces.filter((p) => p.region === region).length !== 1) return false;
      if (steps.some((k, i) => i > w && reads(k, region))) return false;
      return ownElements(kernel, region, out.region);
    });
    if (!input) continue;
    taken.add(input.place.region);
    pairs.push({ output: out.region, input: input.place.region });
  }
  return pairs;
}

function writes(k: Step, region: number): boolean {
  if (k.kind === "product") return k.y.region === region;
  if (k.kind === "elementwise") return k.outputs.some((o) => o.into.region === region);
  return false;
}

/** Whether a kernel of the step reads a region (a product's operands, or a value an elementwise kernel fuses). */
function reads(k: Step, region: number): boolean {
  if (k.kind === "product") return [k.a, k.b, k.bias].some((p) => p?.region === region);
  if (k.kind !== "elementwise") return false;
  const seen = new Set<number>();
  const visit = (n: Node): boolean => {
    if (seen.has(n.id)) return false;
    seen.add(n.id);
    const place = k.reads(n);
    if (place) return place.region === region;
    return n.inputs.some((i) => visit(k.graph.nodes[i]));
  };
  return k.outputs.some((o) => visit(k.graph.nodes[o.node]));
}

/**
 * Whether, in kernel k, each thread reads `input` only at elements no other thread writes into
 * `output`: every write at a column block that starts on a multiple of the kernel's width, every
 * read of the input at the thread's own element shifted by such a multiple.
 */
function ownElements(k: ElementwiseKernel, input: number, output: number): boolean {
  const width = k.shape.at(-1);
  if (typeof width !== "number") return false;
  const whole = (start: number) => start % width === 0;
  if (!k.outputs.every((o) => o.into.region !== output || whole(o.columns?.start ?? 0))) return false;
  // Walk from each output; `shift`: the column this node's element is at, relative to the
  // thread's; undefined once the walk has left the thread's own element.
  const seen = new Set<string>();
  const aligned = (n: Node, shift: number | undefined): boolean => {
    const key = `${n.id}:${shift}`;
    if (seen.has(key)) return true;
    seen.add(key);
    const place = k.reads(n);
    if (place) return place.region !== input || (shift !== undefined && whole(shift));
    const lead = (m: Node) => sameDims(m.shape.slice(0, -1), k.shape.slice(0, -1));
    return n.inputs.every((i) => {
      const from = k.graph.nodes[i];
      if (shift === undefined) return aligned(from, undefined);
      if (isElementwise(n.op) && sameDims(from.shape, n.shape)) return aligned(from, shift);
      if (n.op === "slice" && axisOf(n.attrs, n.shape.length) === n.shape.length - 1 && lead(from)) return aligned(from, shift + n.attrs.start!);
      return aligned(from, undefined);
    });
  };
  return k.outputs.every((o) => sameDims(k.graph.nodes[o.node].shape, k.shape) && aligned(k.graph.nodes[o.node], 0));
}
