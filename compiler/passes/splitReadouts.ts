// A loop's read-outs leave it. A per-step output that no state's next value needs (linear
// attention's q·S, a state space's h·C, Luong attention's context) is computed from the
// states, not fed back, so the loop can hand over the state at every step and a second loop
// without state (a map over all steps, once map-stateless-loops has run) can read them out.
// What stays in the loop is then often elementwise in its states, and runs inside one kernel;
// the read-out, a reduction across a state's elements, runs over every step at once.
import type { Graph, Node, ScanAttrs } from "../ir/graph.js";
import { isElementwise, isProduct } from "../ir/ops/index.js";
import { prune } from "../ir/prune.js";
import { rewrite, type Emit } from "../ir/rewrite.js";
import { mappable } from "./mapStatelessLoops.js";

export function splitReadouts(graph: Graph): Graph {
  const split = new Map<number, (get: Node) => number>(); // old scan id -> where a get of it now reads
  return rewrite(graph, (node, emit, old) => {
    if (node.op === "scan") {
      const results = splitScan(node, emit);
      if (results) {
        split.set(old.id, results);
        return -1; // read only through its gets
      }
    }
    const results = node.op === "get" ? split.get(old.inputs[0]) : undefined;
    return results ? results(node) : emit(node);
  });
}

/** Splits a loop in two when its read-outs hold work across a state's elements; returns how a get of the old loop is emitted. */
function splitScan(scan: Node, emit: Emit): ((get: Node) => number) | undefined {
  const s = scan.attrs.scan!;
  const body = s.body;
  const c = s.carries;
  if (c === 0) return undefined;
  const nodes = body.nodes;
  const isArg = (id: number) => nodes[id].op === "arg";
  const argIndex = (id: number) => nodes[id].attrs.index!;

  // The core: what the states' next values need.
  const core = new Set<number>();
  const need = (id: number) => {
    if (core.has(id)) return;
    core.add(id);
    nodes[id].inputs.forEach(need);
  };
  body.outputs.slice(0, c).forEach((o) => need(o.node));
  const stateDependent = new Set<number>(body.args.slice(0, c));
  for (const n of nodes) if (n.inputs.some((i) => stateDependent.has(i))) stateDependent.add(n.id);
  // The read-out: what only the other per-step outputs need, and what they need that does not
  // depend on a state (computed again there rather than handed over).
  const isSequence = (id: number) => isArg(id) && argIndex(id) >= c && argIndex(id) < c + s.sequences;
  const readouts = body.outputs.map((o, j) => j >= c && !core.has(o.node) && !isArg(o.node));
  const outside = new Set<number>();
  for (let j = body.outputs.length - 1; j >= c; j--) if (readouts[j]) outside.add(body.outputs[j].node);
  for (let id = nodes.length - 1; id >= 0; id--)
    if (outside.has(id)) for (const i of nodes[id].inputs) if (!isArg(i) && (!core.has(i) || !stateDependent.has(i))) outside.add(i);

  // Worth it only when the read-out reduces across a state's elements (products nothing in the
  // loop reads leave it anyway: sink-step-products), and can run over all steps at once.
  const acrossElements = (n: Node) => !isElementwise(n.op) && !isProduct(n.op);
  if (![...outside].some((id) => stateDependent.has(id) && acrossElements(nodes[id]))) return undefined;

  // What the read-out reads from the loop: core values (and the states before the step), by step.
  const handed = [...new Set([...outside].flatMap((id) => nodes[id].inputs.filter((i) => (isArg(i) ? argIndex(i) < c : core.has(i) && stateDependent.has(i)))))];
  const sequencesRead = [...new Set([...outside].flatMap((id) => nodes[id].inputs.filter(isSequence)))];
  const invariantsRead = [...new Set([...outside].flatMap((id) => nodes[id].inputs.filter((i) => isArg(i) && argIndex(i) >= c + s.sequences)))];

  // The read-out loop's body: its arguments, then the read-out nodes in order.
  const readBody: Graph = { nodes: [], args: [], outputs: [] };
  const remap = new Map<number, number>();
  for (const id of [...handed, ...sequencesRead, ...invariantsRead]) {
    remap.set(id, readBody.nodes.length);
    readBody.args.push(readBody.nodes.length);
    readBody.nodes.push({ id: readBody.nodes.length, op: "arg", inputs: [], shape: nodes[id].shape, attrs: { index: readBody.args.length - 1 }, label: nodes[id].label });
  }
  for (const n of nodes)
    if (outside.has(n.id)) {
      remap.set(n.id, readBody.nodes.length);
      readBody.nodes.push({ ...n, id: readBody.nodes.length, inputs: n.inputs.map((i) => remap.get(i)!) });
    }
  const readOutputs = body.outputs.filter((_, j) => readouts[j]);
  readBody.outputs = readOutputs.map((o) => ({ ...o, node: remap.get(o.node)! }));
  const readAttrs: ScanAttrs = { body: readBody, reverse: s.reverse, carries: 0, sequences: handed.length + sequencesRead.length, length: s.length };
  if (!mappable(readAttrs)) return undefined;

  // The loop keeps its core and hands over, at every step, what the read-out reads: an output
  // it has already (a state's next value), or a new one.
  const keptOutputs = body.outputs.filter((_, j) => !readouts[j]);
  const newOutputs = handed.filter((id) => !keptOutputs.some((o) => o.node === id)).map((id) => ({ name: `${nodes[id].label ?? `v${id}`}_by_step`, node: id }));
  const loopBody = prune({ ...body, outputs: [...keptOutputs, ...newOutputs] });
  const loop = emit({ ...scan, attrs: { ...scan.attrs, scan: { ...s, body: loopBody } } });
  const handedSequences = handed.map((id) => {
    const index = c + [...keptOutputs, ...newOutputs].findIndex((o) => o.node === id);
    return emit({ op: "get", inputs: [loop], shape: [s.length, ...nodes[id].shape], attrs: { index }, label: nodes[id].label, line: nodes[id].line });
  });
  const argInput = (id: number) => scan.inputs[argIndex(id)];
  const readLoop = emit({
    op: "scan",
    inputs: [...handedSequences, ...sequencesRead.map(argInput), ...invariantsRead.map(argInput)],
    shape: [],
    attrs: { scan: readAttrs },
    label: scan.label && `${scan.label}_readout`,
    line: scan.line,
  });

  // The old results: the states' finals, then each body output by step, kept or read out.
  return (get: Node) => {
    const j = get.attrs.index! - c;
    const kept = j < 0 ? get.attrs.index! : c + keptOutputs.indexOf(body.outputs[j]);
    const [from, index] = j >= 0 && readouts[j] ? [readLoop, readOutputs.indexOf(body.outputs[j])] : [loop, kept];
    return emit({ ...get, inputs: [from], attrs: { ...get.attrs, index } });
  };
}
