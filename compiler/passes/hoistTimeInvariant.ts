// Input-projection hoisting: every part of a scan body that does not depend on the carries
// (W·x_t + b for all t, say) moves out of the loop and runs once over the whole sequence as
// one large op. Only the values the loop still reads become new sequence (or invariant) inputs.
import type { Graph, Node, ScanAttrs } from "../ir/graph.js";
import { isElementwise } from "../ir/ops/index.js";
import { rewrite } from "../ir/rewrite.js";
import { isInlineProduct, stepIsLocal } from "../ir/stepProducts.js";

/** `inlineProducts`: a small W·x_t in a step that can run inside one kernel stays, computed where it is read (ir/stepProducts.ts). */
export function hoistTimeInvariant(graph: Graph, inlineProducts = true): Graph {
  if (!graph.nodes.some((n) => n.op === "scan")) return graph;
  return rewrite(graph, (node, emit, old) => (node.op === "scan" ? hoistScan(old, node.inputs, emit, inlineProducts) : emit(node)));
}

// Worth moving: matrix products, the linear bookkeeping around them (bias adds, slices), and
// the elementwise work a product reads (RWKV's mix of x_t and x_{t-1} before W_k). Other
// nonlinear elementwise work stays in the step, where it fuses for free; hoisting it would only
// add a stored sequence per value.
// A product by a weight, W·x or Wᵀ·g, over all steps at once (not outer_sum: it sums over its leading axes).
const stepProduct = (n: Node) => n.op === "matmul" || n.op === "matmul_t";
const linear = (n: Node) => ["matmul", "matmul_t", "add", "sub", "neg", "slice", "concat", "const"].includes(n.op);

function hoistScan(scan: Node, outerInputs: number[], push: (n: Omit<Node, "id">) => number, inlineProducts: boolean): number {
  const s = scan.attrs.scan!;
  const body = s.body;
  const keepsProducts = inlineProducts && stepIsLocal(body, s.carries, s.sequences);
  const isCarry = (n: Node) => n.op === "arg" && n.attrs.index! < s.carries;
  const isSequence = (n: Node) => n.op === "arg" && n.attrs.index! >= s.carries && n.attrs.index! < s.carries + s.sequences;

  // Classify: carry-dependent values stay; the rest can run outside, over time or once.
  const staysInside = new Set<number>();
  const timeVarying = new Set<number>();
  // Elementwise over time as it is per step: its sequences have the result's rank, so the time
  // axis lines up in front of the step's axes when broadcasting.
  const elementwiseOverTime = (n: Node) =>
    isElementwise(n.op) && n.inputs.every((i) => !timeVarying.has(i) || body.nodes[i].shape.length === n.shape.length);
  for (const n of body.nodes) {
    const ins = n.inputs.map((i) => body.nodes[i]);
    const inline = keepsProducts && isInlineProduct(body, n, s.carries, s.sequences, (id) => !timeVarying.has(id) && !staysInside.has(id));
    if (isCarry(n) || inline || ins.some((i) => staysInside.has(i.id))) staysInside.add(n.id);
    else if (n.op !== "arg" && !linear(n) && !elementwiseOverTime(n)) staysInside.add(n.id);
    else if (isSequence(n) || ins.some((i) => timeVarying.has(i.id))) timeVarying.add(n.id);
    // concat must not join values with and without the time axis, nor time-varying values along the first
    const mixed = ins.some((i) => timeVarying.has(i.id) !== timeVarying.has(n.id)) || (n.attrs.axis === 0 && timeVarying.has(n.id));
    if (n.op === "concat" && mixed && !staysInside.has(n.id)) {
      staysInside.add(n.id);
      timeVarying.delete(n.id);
    }
  }
  // Only matrix products are worth a stored sequence, with the bias adds and slices around
  // them; joining two sequences (a sum of two products, say) costs less fused into the step
  // than written out and read back.
  const holdsProduct = new Set<number>();
  for (const n of body.nodes) {
    if (staysInside.has(n.id)) continue;
    const joinsSequences = n.inputs.filter((i) => timeVarying.has(i)).length > 1;
    // Weights stacked for one product (gate fusion's first-axis concat) are stacked once, not every step.
    const stacksWeights = n.op === "concat" && n.attrs.axis === 0 && !timeVarying.has(n.id);
    if (stepProduct(n) || stacksWeights || (!joinsSequences && linear(n) && n.inputs.some((i) => holdsProduct.has(i)))) holdsProduct.add(n.id);
  }
  // What a hoisted product reads goes with it.
  const feedsProduct = new Set<number>();
  for (const n of [...body.nodes].reverse())
    if (!staysInside.has(n.id) && (stepProduct(n) || feedsProduct.has(n.id))) n.inputs.forEach((i) => feedsProduct.add(i));
  for (const n of body.nodes)
    if (!staysInside.has(n.id) && n.op !== "arg" && n.op !== "const" && !holdsProduct.has(n.id) && !feedsProduct.has(n.id)) staysInside.add(n.id);
  // A slice read by the loop stays inside (it is only an index shift): hoist what it slices.
  // So does a bias added to a slice (a gate's part of a fused product, W_z·x + b_z): outside,
  // it would be stored once per gate, a copy of that part of the product.
  const biasedSlice = (n: Node) =>
    (n.op === "add" || n.op === "sub") && n.inputs.some((i) => body.nodes[i].op === "slice") && n.inputs.every((i) => body.nodes[i].op === "slice" || !timeVarying.has(i));
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of body.nodes)
      if ((n.op === "slice" || biasedSlice(n)) && !staysInside.has(n.id) && body.nodes.some((c) => staysInside.has(c.id) && c.inputs.includes(n.id))) {
        staysInside.add(n.id); // still time-varying: a hoisted consumer may need it outside too
        changed = true;
      }
  }
  // The frontier: outside values the loop still reads. Args and constants stay as they are.
  const used = new Set<number>();
  for (const n of body.nodes) if (staysInside.has(n.id)) for (const i of n.inputs) used.add(i);
  for (const o of body.outputs) used.add(o.node);
  const frontier = body.nodes.filter((n) => !staysInside.has(n.id) && used.has(n.id) && n.op !== "arg" && n.op !== "const");
  if (frontier.length === 0) return push({ ...scan, inputs: outerInputs });

  // Build the hoisted computations in the outer graph (time as a new leading axis).
  const outerOf = new Map<number, number>();
  body.args.forEach((a, k) => outerOf.set(a, outerInputs[k]));
  const needed = new Set<number>();
  const mark = (id: number) => {
    if (needed.has(id) || body.nodes[id].op === "arg") return;
    needed.add(id);
    body.nodes[id].inputs.forEach(mark);
  };
  frontier.forEach((n) => mark(n.id));
  for (const n of body.nodes) {
    if (!needed.has(n.id)) continue;
    const overTime = timeVarying.has(n.id);
    const shape = overTime ? [s.length, ...n.shape] : n.shape;
    // Over time, a slice's axis moves one place right (a concat's last axis stays last).
    const attrs = overTime && n.op === "slice" && n.attrs.axis !== undefined ? { ...n.attrs, axis: n.attrs.axis + 1 } : n.attrs;
    outerOf.set(n.id, push({ ...n, inputs: n.inputs.map((i) => outerOf.get(i)!), shape, attrs, label: n.label }));
  }

  // Rebuild the body: carries, old and new sequences, old and new invariants.
  const newSequences = frontier.filter((n) => timeVarying.has(n.id));
  const newInvariants = frontier.filter((n) => !timeVarying.has(n.id));
  const nodes: Node[] = [];
  const map = new Map<number, number>();
  const args: number[] = [];
  const addArg = (shape: Node["shape"], label: string | undefined, from: number) => {
    const id = nodes.length;
    nodes.push({ id, op: "arg", inputs: [], shape, attrs: { index: args.length }, label });
    args.push(id);
    map.set(from, id);
  };
  const oldArgs = body.args.map((a) => body.nodes[a]);
  oldArgs.slice(0, s.carries + s.sequences).forEach((a) => addArg(a.shape, a.label, a.id));
  newSequences.forEach((n) => addArg(n.shape, n.label ?? `hoisted${n.id}`, n.id));
  oldArgs.slice(s.carries + s.sequences).forEach((a) => addArg(a.shape, a.label, a.id));
  newInvariants.forEach((n) => addArg(n.shape, n.label ?? `hoisted${n.id}`, n.id));
  for (const n of body.nodes) {
    if (map.has(n.id) || !(staysInside.has(n.id) || n.op === "const")) continue;
    const id = nodes.length;
    nodes.push({ ...n, id, inputs: n.inputs.map((i) => map.get(i)!) });
    map.set(n.id, id);
  }
  const newBody: Graph = { nodes, args, outputs: body.outputs.map((o) => ({ ...o, node: map.get(o.node)! })) };
  const carries = outerInputs.slice(0, s.carries);
  const sequences = outerInputs.slice(s.carries, s.carries + s.sequences);
  const invariants = outerInputs.slice(s.carries + s.sequences);
  const attrs: ScanAttrs = { ...s, body: newBody, sequences: s.sequences + newSequences.length };
  return push({
    ...scan,
    inputs: [...carries, ...sequences, ...newSequences.map((n) => outerOf.get(n.id)!), ...invariants, ...newInvariants.map((n) => outerOf.get(n.id)!)],
    attrs: { ...scan.attrs, scan: attrs },
  });
}
