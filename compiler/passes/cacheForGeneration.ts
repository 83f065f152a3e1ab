// Generation with a cache. A loop that reads a whole sequence of its own model (self-
// attention's keys and values, [B, T, ...]) recomputes every position each time one more is
// generated. This pass rewrites such a model to run T new positions after `position` earlier
// ones: each sequence read whole is kept in a cache [B, C, ...] (C, a run-time size: the
// positions it holds), the new positions' rows are written into it at `position`, the loops
// read the cache, and positions and causal masks count from `position`. The caches and
// `position` become states carried from one run to the next, as a recurrent model's h_n is
// carried into h0, so whatever carries a recurrent model's state (sampling, a generation loop
// on the GPU) runs this one too, and a prompt is one run of all its positions.
//
// It holds only for a causal model: each loop that reads a sequence whole must mask it with
// causal_mask, and nothing outside the loops may combine positions. Otherwise the pass says why.
import type { Dim, Graph, GraphOutput, Node, Shape } from "../ir/graph.js";
import { prune } from "../ir/prune.js";
import { rewrite, type Emit } from "../ir/rewrite.js";

/**
 * The model as a generator: `keep` names the outputs it computes (besides the states), `C`
 * the name to give the cache length. `reason` says why it cannot be one; a model no loop of
 * which reads a sequence whole is returned as it is (it generates as written).
 */
export function cacheForGeneration(graph: Graph, keep: string[], C: string): { graph: Graph } | { reason: string } {
  const wholeReaders = graph.nodes.filter((n) => n.op === "scan" && timeLongInvariants(n).length > 0);
  if (!wholeReaders.length) return { graph: prune({ ...graph, outputs: graph.outputs.filter((o) => o.role === "state" || keep.includes(o.name)) }) };
  const uncached = wholeReaders.find((n) => !readsCausalMask(graph, n));
  if (uncached) return { reason: `the loop of '${uncached.label}' reads a whole sequence without causal_mask, so each position depends on later ones` };

  const states: GraphOutput[] = [];
  let position = -1; // the input node, once made: the number of positions already cached
  const positionInput = (emit: Emit) => {
    if (position < 0) position = emit({ op: "input", inputs: [], shape: [], attrs: { name: "position", optional: true, role: "state" }, label: "position" });
    return position;
  };
  const rewrittenScans = new Map<number, Node>(); // old id -> the new scan node
  const cached = rewrite(graph, (node, emit, old) => {
    const line = node.line;
    if (node.op === "positions") {
      const at = emit(node);
      return emit({ op: "add", inputs: [at, positionInput(emit)], shape: node.shape, attrs: {}, line, label: node.label });
    }
    // A mask over the loop's own steps (not over another sequence, as an encoder's)
    if (node.op === "causal_mask" && node.attrs.extent === node.shape[0]) return emit({ ...node, inputs: [node.inputs[0], positionInput(emit)], attrs: { ...node.attrs, extent: C }, shape: [node.shape[0], C] });
    if (node.op === "scan" && timeLongInvariants(old).length) {
      const s = node.attrs.scan!;
      const T = s.length;
      const fixed = s.carries + s.sequences;
      const inputs = node.inputs.map((id, k) => {
        const shape = graph.nodes[old.inputs[k]].shape;
        const axis = shape.indexOf(T);
        if (k < fixed || axis < 0) return id;
        // A sequence read whole: its cache, with this run's rows written at `position`.
        const name = `cache.${states.length}`;
        const cacheShape = withDim(shape, T, C);
        const input = emit({ op: "input", inputs: [], shape: cacheShape, attrs: { name, optional: true, role: "state" }, line, label: name });
        const written = emit({ op: "overwrite", inputs: [input, id, positionInput(emit)], shape: cacheShape, attrs: { axis }, line, label: `${name}.next` });
        states.push({ name: `${name}.next`, node: written, role: "state", of: name });
        return written;
      });
      // Inside the loop, time's size is the length of what it reads whole.
      const body: Graph = { ...s.body, nodes: s.body.nodes.map((n) => ({ ...n, shape: withDim(n.shape, T, C) })) };
      const scan = { ...node, inputs, attrs: { ...node.attrs, scan: { ...s, body } } };
      rewrittenScans.set(old.id, scan);
      return emit(scan);
    }
    const scan = node.op === "get" ? rewrittenScans.get(old.inputs[0]) : undefined;
    if (scan) {
      const s = scan.attrs.scan!;
      const k = node.attrs.index!;
      const step = s.body.nodes[s.body.outputs[k].node].shape;
      return emit({ ...node, shape: k < s.carries ? step : [s.length, ...step] });
    }
    return emit(node);
  });
  const T = wholeReaders[0].attrs.scan!.length;
  const kept = cached.outputs.filter((o) => o.role === "state" || keep.includes(o.name));
  const pruned = prune({ ...cached, outputs: [...kept, ...states] });
  // A value with time among its inputs' axes but not its own combines positions (a sum, a
  // mean, the last step), unless a loop carries it from step to step.
  const combines = pruned.nodes.find((n) => !["scan", "get", "overwrite"].includes(n.op) && !n.shape.includes(T) && n.inputs.some((i) => pruned.nodes[i].shape.includes(T)));
  if (combines) return { reason: `${combines.line ? `line ${combines.line}` : "a value"} combines all positions outside a loop, so each position depends on later ones` };

  // The next run starts after this one's positions: position + T.
  const add = (n: Omit<Node, "id">) => pruned.nodes.push({ ...n, id: pruned.nodes.length } as Node) - 1;
  const ones = add({ op: "const", inputs: [], shape: [T], attrs: { value: 1 } });
  const count = add({ op: "sum", inputs: [ones], shape: [], attrs: { axis: 0 } });
  const at = pruned.nodes.findIndex((n) => n.op === "input" && n.attrs.name === "position");
  const next = add({ op: "add", inputs: [at, count], shape: [], attrs: {}, label: "position.next" });
  pruned.outputs.push({ name: "position.next", node: next, role: "state", of: "position" });
  return { graph: pruned };
}

/** A loop's inputs that are the same at every step and as long as the loop: sequences read whole. */
function timeLongInvariants(scan: Node): number[] {
  const s = scan.attrs.scan!;
  return scan.inputs.slice(s.carries + s.sequences).filter((_, k) => s.body.nodes[s.body.args[s.carries + s.sequences + k]].shape.includes(s.length));
}

/** Whether one of the loop's sequences is a causal mask over its own length. */
function readsCausalMask(graph: Graph, scan: Node): boolean {
  const s = scan.attrs.scan!;
  return scan.inputs.slice(s.carries, s.carries + s.sequences).some((id) => graph.nodes[id].op === "causal_mask" && graph.nodes[id].attrs.extent === s.length);
}

const withDim = (shape: Shape, from: Dim, to: Dim): Shape => shape.map((d) => (d === from ? to : d));
