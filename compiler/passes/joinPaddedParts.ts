// A sum of zero-padded parts that do not overlap is a concatenation. The gradient of a slice
// is a pad, so the gradient of an LSTM's gate vector arrives as pad(δi) + pad(δf) + pad(δg) +
// pad(δo); as a concat, codegen can compute all four parts in one thread per hidden unit
// (sharing δc, tanh(c), ...) instead of one thread per gate element redoing that work.
import type { Graph, Node } from "../ir/graph.js";
import { prune } from "../ir/prune.js";

interface Part {
  start: number;
  width: number;
  node: number;
}

export function joinPaddedParts(graph: Graph, isBody = false): Graph {
  const out: Graph = { nodes: [], args: [], outputs: [] };
  const remap = new Map<number, number>();
  const parts = new Map<number, Part[]>(); // new id -> the padded parts it sums
  const push = (n: Omit<Node, "id">) => {
    const id = out.nodes.length;
    out.nodes.push({ ...n, id });
    return id;
  };
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((i) => remap.get(i)!);
    let attrs = node.attrs;
    if (node.op === "scan") attrs = { ...attrs, scan: { ...attrs.scan!, body: joinPaddedParts(attrs.scan!.body, true) } };
    const id = push({ ...node, inputs, attrs });
    remap.set(node.id, id);
    if (node.op === "pad" && (node.attrs.axis ?? node.shape.length - 1) === node.shape.length - 1) parts.set(id, [{ start: node.attrs.start!, width: out.nodes[inputs[0]].shape.at(-1) as number, node: inputs[0] }]);
    if (node.op !== "add") continue;
    const [a, b] = inputs.map((i) => parts.get(i));
    if (!a || !b || out.nodes[inputs[0]].shape.join() !== out.nodes[inputs[1]].shape.join()) continue;
    const joined = [...a, ...b].sort((x, y) => x.start - y.start);
    if (joined.some((p, k) => k > 0 && joined[k - 1].start + joined[k - 1].width > p.start)) continue;
    parts.set(id, joined);
    // Covering the whole axis, the sum is the concat of its parts.
    const width = node.shape.at(-1) as number;
    const covers = joined[0].start === 0 && joined.every((p, k) => p.start + p.width === (joined[k + 1]?.start ?? width));
    if (covers && joined.length > 1) {
      out.nodes[id] = { ...out.nodes[id], op: "concat", inputs: joined.map((p) => p.node), attrs: { axis: -1 } };
      parts.set(id, [{ start: 0, width, node: id }]);
    }
  }
  out.outputs = graph.outputs.map((o) => ({ ...o, node: remap.get(o.node)! }));
  out.args = graph.args.map((a) => remap.get(a)!);
  return isBody ? prune(out) : out;
}
