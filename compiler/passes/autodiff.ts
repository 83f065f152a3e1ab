// Reverse-mode autodiff as an IR pass. The result computes the forward outputs and, given
// seed gradients for any outputs (inputs with role seed, named `seed.<output>`), the gradient
// of Σ output ⊙ seed with respect to every parameter and every input (outputs with role
// gradient, named `grad.<state_dict name>` and `grad.<input>`; integer ids have none).
// A scan's adjoint is a reverse scan (backpropagation through time): it recomputes each
// step's forward values from the saved state history, then steps the adjoint state back.
// Weight gradients are not summed inside the loop: the loop emits each step's factors and a
// single product over all steps (outer_sum over [T, B, ...]) follows it.
//
// Activations, saved or recomputed: with "save" (the default) the forward loop also stores
// each step's gate pre-activations (U·h_{t-1} + W·x_t + b for all gates: [T, B, 4H] for an
// LSTM) and the backward loop reads them, so it recomputes only elementwise work. With
// "recompute" nothing more is stored; the backward pass recomputes U·h from the state history,
// as one large product over all steps before its loop (and recomputeForLaterLoops.ts W·x + b):
// more arithmetic, nothing held from the forward pass to the backward.
import { GraphBuilder } from "../ir/builder.js";
import { Grad, ops } from "../ir/ops/index.js";
import type { Graph, Node, ScanAttrs, Shape } from "../ir/graph.js";
import { prune } from "../ir/prune.js";

export interface DifferentiateOptions {
  activations?: "save" | "recompute";
  /** Also the gradient of every input (true, the default); training needs only the parameters', and skips the input's product over all steps. */
  inputGradients?: boolean;
}

export function differentiate(graph: Graph, options: DifferentiateOptions = {}): Graph {
  const b = new GraphBuilder();
  const map: number[] = [];
  const saved = new Map<number, number[]>(); // forward scan -> body nodes it stores for the backward loop
  for (const node of graph.nodes) {
    const copy: Node = { ...node, id: b.graph.nodes.length, inputs: node.inputs.map((i) => map[i]) };
    if (node.op === "scan") {
      const s = node.attrs.scan!;
      saved.set(node.id, options.activations === "recompute" ? [] : recurrentProducts(s));
      copy.attrs = { ...node.attrs, scan: withSavedValues(s, saved.get(node.id)!) };
    }
    b.graph.nodes.push(copy);
    map[node.id] = copy.id;
  }
  const seeds = new Map<number, number[]>();
  for (const o of graph.outputs) {
    const seed = b.add("input", [], { name: `seed.${o.name}`, optional: true, role: "seed", of: o.name }, graph.nodes[o.node].shape, `seed.${o.name}`);
    seeds.set(o.node, [...(seeds.get(o.node) ?? []), seed]);
  }
  const adjoints = backprop(graph, b, map, seeds, saved);
  const grad = new Grad(b);
  const gradients = graph.nodes
    // Integer ids (tokens, lengths) have no gradient, nor have dropout's seed and switch.
    .filter((n) => (n.op === "param" && !n.attrs.constant) || (n.op === "input" && options.inputGradients !== false && !n.attrs.ids && !n.attrs.role?.startsWith("dropout")))
    .map((n) => ({ name: `grad.${n.attrs.name}`, node: sum(b, adjoints.get(n.id)) ?? grad.zeros(n.shape), role: "gradient" as const, of: n.attrs.name }));
  b.graph.outputs = [...graph.outputs.map((o) => ({ ...o, node: map[o.node] })), ...gradients];
  return b.graph;
}

/**
 * The forward scan also returns each carry's value before every step (a view of its history),
 * then each saved value.
 */
function withSavedValues(s: ScanAttrs, saved: number[]): ScanAttrs {
  const prev = s.body.args.slice(0, s.carries).map((a, k) => ({ name: `prev${k}`, node: a }));
  const kept = saved.map((id) => ({ name: `saved_${s.body.nodes[id].label ?? id}`, node: id }));
  return { ...s, body: { ...s.body, outputs: [...s.body.outputs, ...prev, ...kept] } };
}

/**
 * What "save" mode stores: each matrix product of a step that reads the carries, or rather the
 * sum it is the term of (U·h + W·x_t + b, a gate's pre-activation: the backward step needs only
 * that, not its terms). Saving the sum, the backward loop no longer reads W·x_t, so that
 * [T, B, 4H] product dies with the forward loop instead of living through the backward pass.
 */
function recurrentProducts(s: ScanAttrs): number[] {
  const body = s.body;
  const onCarries = new Set<number>(body.args.slice(0, s.carries));
  const readers = new Map<number, number[]>();
  for (const n of body.nodes) for (const i of new Set(n.inputs)) readers.set(i, [...(readers.get(i) ?? []), n.id]);
  const outputs = new Set(body.outputs.map((o) => o.node));
  // Up through additions read only by the next addition: the whole sum.
  const sumOf = (id: number): number => {
    const next = readers.get(id) ?? [];
    const up = next.length === 1 && !outputs.has(id) ? body.nodes[next[0]] : undefined;
    return up && (up.op === "add" || up.op === "sub") ? sumOf(up.id) : id;
  };
  const found: number[] = [];
  for (const n of body.nodes) {
    if (!n.inputs.some((i) => onCarries.has(i))) continue;
    onCarries.add(n.id);
    if (n.op === "matmul" || n.op === "matmul_t" || n.op === "outer_sum") found.push(sumOf(n.id));
  }
  return [...new Set(found)];
}

function sum(b: GraphBuilder, terms: number[] | undefined): number | undefined {
  if (!terms?.length) return undefined;
  return terms.reduce((acc, t) => b.add("add", [acc, t]));
}

/** Which nodes depend on something differentiable (inputs, params, a body's arguments). */
function dependents(graph: Graph): Set<number> {
  const out = new Set<number>();
  for (const n of graph.nodes)
    if (n.op === "input" || n.op === "param" || n.op === "arg" || n.inputs.some((i) => out.has(i))) out.add(n.id);
  return out;
}

/**
 * Walk `graph` backwards from `seeds`, building gradient nodes in `b` (`map` takes a node of
 * `graph` to its copy in `b`). Returns the unsummed contributions reaching each node; leaves
 * (inputs, params, args) keep theirs as lists for the caller.
 */
function backprop(graph: Graph, b: GraphBuilder, map: number[], seeds: Map<number, number[]>, saved = new Map<number, number[]>()): Map<number, number[]> {
  const adj = new Map<number, number[]>([...seeds].map(([k, v]) => [k, [...v]]));
  const needs = dependents(graph);
  const grad = new Grad(b);
  const scanAdjoints = new Map<number, Map<number, number>>();
  const give = (to: number, g: number | undefined) => {
    if (g !== undefined && needs.has(to)) adj.set(to, [...(adj.get(to) ?? []), g]);
  };
  for (let id = graph.nodes.length - 1; id >= 0; id--) {
    const node = graph.nodes[id];
    if (node.op === "input" || node.op === "param" || node.op === "arg" || !needs.has(id)) continue;
    b.line = node.line;
    if (node.op === "scan") {
      // Its results' gradients arrived through its `get` nodes.
      const results = scanAdjoints.get(id);
      if (results) scanVjp(b, node, map, results, needs, saved.get(id) ?? []).forEach((c, k) => give(node.inputs[k], c));
      continue;
    }
    const g = sum(b, adj.get(id));
    if (g === undefined) continue;
    if (node.op === "get") {
      const results = scanAdjoints.get(node.inputs[0]) ?? new Map<number, number>();
      results.set(node.attrs.index!, g);
      scanAdjoints.set(node.inputs[0], results);
      continue;
    }
    const rule = ops[node.op].vjp;
    if (!rule) throw new Error(`no derivative for op ${node.op}`);
    const mapped: Node = { ...node, id: map[id], inputs: node.inputs.map((i) => map[i]) };
    rule(grad, mapped, g).forEach((c, k) => give(node.inputs[k], c));
  }
  return adj;
}

/** The adjoint of a scan: a scan running the other way. Returns a contribution per scan input. */
function scanVjp(b: GraphBuilder, scan: Node, map: number[], results: Map<number, number>, needs: Set<number>, saved: number[]): (number | undefined)[] {
  const s = scan.attrs.scan!;
  const body = s.body;
  const c = s.carries;
  const sq = s.sequences;
  const nOut = body.outputs.length;
  const T = s.length;
  const grad = new Grad(b);
  const argShape = (k: number): Shape => body.nodes[body.args[k]].shape;
  const outShape = (j: number): Shape => body.nodes[body.outputs[j].node].shape;
  const outer = scan.inputs.map((i) => map[i]);
  const label = scan.label ?? `scan${scan.id}`;

  // Outer inputs of the backward loop.
  const inits = Array.from({ length: c }, (_, k) => results.get(k) ?? grad.zeros(argShape(k)));
  const previous = Array.from({ length: c }, (_, k) => b.add("get", [map[scan.id]], { index: c + nOut + k }, [T, ...argShape(k)], `${body.nodes[body.args[k]].label ?? `carry${k}`}_prev`));
  const forwardSequences = outer.slice(c, c + sq);
  // The gradients reaching each per-step output; one that none reaches is no sequence at all
  // (a [T, ...] buffer of zeros would only be read to add nothing).
  const reaching = Array.from({ length: nOut }, (_, j) => results.get(c + j));
  const outputGrads = reaching.filter((g): g is number => g !== undefined);
  const nodeLabel = (id: number) => body.nodes[id].label ?? `v${id}`;
  const savedValues = saved.map((id, k) => b.add("get", [map[scan.id]], { index: c + nOut + c + k }, [T, ...body.nodes[id].shape], `${nodeLabel(id)}_saved`));
  const invariants = outer.slice(c + sq);

  // The backward step: recompute the forward step, then walk it backwards.
  const bb = new GraphBuilder();
  const lambda = Array.from({ length: c }, (_, k) => bb.arg(argShape(k), `d_${body.nodes[body.args[k]].label ?? k}`));
  const prevArgs = Array.from({ length: c }, (_, k) => bb.arg(argShape(k), body.nodes[body.args[k]].label));
  const seqArgs = Array.from({ length: sq }, (_, j) => bb.arg(argShape(c + j), body.nodes[body.args[c + j]].label));
  const gyArgs = reaching.map((g, j) => (g === undefined ? undefined : bb.arg(outShape(j), `d_${body.outputs[j].name}`)));
  const savedArgs = saved.map((id) => bb.arg(body.nodes[id].shape, `${nodeLabel(id)}_saved`));
  const invArgs = invariants.map((_, m) => bb.arg(argShape(c + sq + m), body.nodes[body.args[c + sq + m]].label));
  const bodyMap: number[] = [];
  body.args.forEach((a, k) => (bodyMap[a] = k < c ? prevArgs[k] : k < c + sq ? seqArgs[k - c] : invArgs[k - c - sq]));
  for (const n of body.nodes) {
    if (n.op === "arg") continue;
    const k = saved.indexOf(n.id);
    if (k >= 0) {
      bodyMap[n.id] = savedArgs[k]; // read, not recomputed
      continue;
    }
    if (n.op === "scan") throw new Error("a scan inside a scan body cannot be differentiated yet");
    bodyMap[n.id] = bb.graph.nodes.length;
    bb.graph.nodes.push({ ...n, id: bb.graph.nodes.length, inputs: n.inputs.map((i) => bodyMap[i]) });
  }
  const seeds = new Map<number, number[]>();
  body.outputs.forEach((o, j) => seeds.set(o.node, [...(seeds.get(o.node) ?? []), ...(j < c ? [lambda[j]] : []), ...(gyArgs[j] === undefined ? [] : [gyArgs[j]!])]));
  const adj = backprop(body, bb, bodyMap, seeds);
  const bodyGrad = new Grad(bb);

  // Body outputs: the adjoint carries, then per-step gradients of the sequences, then the
  // per-step factors of the invariants' gradients.
  const outputs: { name: string; node: number }[] = body.args.slice(0, c).map((a, k) => ({ name: `d_prev${k}`, node: sum(bb, adj.get(a)) ?? bodyGrad.zeros(argShape(k)) }));
  const sequenceGrads = body.args.slice(c, c + sq).map((a, j) => {
    const g = needs.has(scan.inputs[c + j]) ? sum(bb, adj.get(a)) : undefined;
    if (g === undefined) return undefined;
    outputs.push({ name: `d_seq${j}`, node: g });
    return outputs.length - 1;
  });
  // A factor is read from an outer sequence when it is one of the loop's sequence arguments.
  const outerSequences = [...previous, ...forwardSequences, ...outputGrads, ...savedValues];
  const sequenceArgs = [...prevArgs, ...seqArgs, ...gyArgs.filter((a): a is number => a !== undefined), ...savedArgs];
  type Factor = { outer: number } | { output: number };
  const factor = (id: number): Factor => {
    const k = sequenceArgs.indexOf(id);
    if (k >= 0) return { outer: outerSequences[k] };
    const existing = outputs.findIndex((o) => o.node === id);
    if (existing >= c) return { output: existing };
    outputs.push({ name: `factor${outputs.length}`, node: id });
    return { output: outputs.length - 1 };
  };
  const invariantPlans = body.args.slice(c + sq).map((a, m) => {
    if (!needs.has(scan.inputs[c + sq + m])) return [];
    return (adj.get(a) ?? []).map((id) => {
      const n = bb.graph.nodes[id];
      if (n.op === "outer_sum") return { op: "outer_sum" as const, factors: n.inputs.map(factor) };
      return { op: "sum_to" as const, factors: [factor(n.op === "sum_to" ? n.inputs[0] : id)] };
    });
  });
  bb.graph.outputs = outputs;
  const backwardBody = prune(bb.graph);

  const backward = b.add(
    "scan",
    [...inits, ...previous, ...forwardSequences, ...outputGrads, ...savedValues, ...invariants],
    { scan: { body: backwardBody, reverse: !s.reverse, carries: c, sequences: c + sq + outputGrads.length + saved.length, length: T } },
    [],
    `${label}_backward`,
  );
  // Results of the backward scan: final adjoint carries, then each body output over time.
  const final = (k: number) => b.add("get", [backward], { index: k }, argShape(k));
  const stacked = (o: number) => b.add("get", [backward], { index: c + o }, [T, ...backwardBody.nodes[backwardBody.outputs[o].node].shape]);
  const resolve = (f: Factor) => ("outer" in f ? f.outer : stacked(f.output));
  const contributions: (number | undefined)[] = [];
  for (let k = 0; k < c; k++) contributions.push(final(k));
  sequenceGrads.forEach((o) => contributions.push(o === undefined ? undefined : stacked(o)));
  invariantPlans.forEach((plans, m) => {
    const shape = argShape(c + sq + m);
    const terms = plans.map((p) => b.add(p.op, p.factors.map(resolve), {}, shape));
    contributions.push(sum(b, terms));
  });
  return contributions;
}
