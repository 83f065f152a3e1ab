// An embedding's gradient (scatter_add of g [..., E] at the ids) computed as written runs a
// thread per table element over every position: V·E·N work, which a word-level vocabulary
// makes hopeless. Where the ids are a model input, the runtime sorts the positions by id as
// it uploads them (inputs with roles "order" and "segments", format/manifest.ts); the
// scatter reads them and each row sums only its own positions: N·E work, in the same order
// as before, so the sums are the same to the bit.
import type { Graph, Node } from "../ir/graph.js";
import { rewrite } from "../ir/rewrite.js";

export function segmentEmbeddingGradients(graph: Graph): Graph {
  const made = new Map<string, [number, number]>(); // ids input and table size -> its segments and order inputs
  return rewrite(graph, (node, emit, _old, built) => {
    const ids = node.op === "scatter_add" && node.inputs.length === 2 ? built.nodes[node.inputs[1]] : undefined;
    if (!ids || ids.op !== "input" || !ids.attrs.ids || (ids.attrs.role ?? "data") !== "data") return emit(node);
    const rows = node.attrs.size!;
    const key = `${ids.attrs.name}:${rows}`;
    if (!made.has(key)) {
      const suffix = [...made.keys()].some((k) => k.startsWith(`${ids.attrs.name}:`)) ? `_${rows}` : "";
      const derived = (role: "segments" | "order", shape: Node["shape"]) =>
        emit({ op: "input", inputs: [], shape, attrs: { name: `${role}.${ids.attrs.name}${suffix}`, optional: true, role, of: ids.attrs.name }, label: `${role}.${ids.attrs.name}` });
      made.set(key, [derived("segments", [rows + 1]), derived("order", ids.shape)]);
    }
    return emit({ ...node, inputs: [...node.inputs, ...made.get(key)!] });
  });
}
