// Sums over every step and example, split so that many threads share them. A weight's gradient
// (outer_sum over T·B rows) or a bias's (sum_to over T and B) has few outputs for a small
// layer: one workgroup would add up all T·B rows, leaving the rest of the GPU (or, on the
// software GPU, every core but one) idle. Split, the rows go to strided parts, each summed by
// threads of its own, and a short sum adds up the parts.
import type { Graph, Node } from "../ir/graph.js";
import { rewrite } from "../ir/rewrite.js";

/** Rows a part of a split sum adds up at least, and the most parts. */
const ROWS_PER_PART = 256;
const MAX_PARTS = 32;
/** An outer_sum's outputs below which it is split: a product tile is 16x8 outputs, a workgroup 8x8 tiles. */
const SMALL_OUTPUT = 4 * 128 * 64;

export function splitLongSums(graph: Graph): Graph {
  return rewrite(graph, (node, emit, old) => {
    const rows = leadingRows(graph, old);
    if (node.op === "outer_sum" && !node.attrs.parts && rows && (node.shape[0] as number) * (node.shape[1] as number) < SMALL_OUTPUT) {
      const parts = rows.runtime ? MAX_PARTS : Math.min(MAX_PARTS, Math.floor(rows.fixed / ROWS_PER_PART));
      if (parts < 2) return emit(node);
      const split = emit({ ...node, shape: [parts, ...node.shape], attrs: { ...node.attrs, parts }, label: undefined });
      return emit({ op: "sum", inputs: [split], shape: node.shape, attrs: { axis: 0 }, label: node.label, line: node.line });
    }
    // sum_to over time and batch: over time first (a thread per example and element), then the rest.
    if (node.op === "sum_to" && rows?.runtime && rows.axes >= 2) {
      const overTime = emit({ op: "sum", inputs: [node.inputs[0]], shape: graph.nodes[old.inputs[0]].shape.slice(1), attrs: { axis: 0 }, line: node.line });
      return emit({ ...node, inputs: [overTime] });
    }
    return emit(node);
  });
}

/** The rows a top-level sum adds up (its first operand's leading axes): how many axes, whether a run-time size is among them, the fixed part of the count. */
function leadingRows(graph: Graph, n: Node): { axes: number; runtime: boolean; fixed: number } | undefined {
  if (n.op !== "outer_sum" && n.op !== "sum_to") return undefined;
  const x = graph.nodes[n.inputs[0]];
  const lead = x.shape.slice(0, n.op === "outer_sum" ? -1 : x.shape.length - n.shape.length);
  if (!lead.length) return undefined;
  return { axes: lead.length, runtime: lead.some((d) => typeof d === "string"), fixed: lead.reduce<number>((p, d) => p * (typeof d === "number" ? d : 1), 1) };
}
