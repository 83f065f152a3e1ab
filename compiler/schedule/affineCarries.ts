// Which of a loop's states are affine in themselves: s' = a ⊙ s + b, elementwise, with a and b
// free of every state (minGRU's h' = (1 - z) h + z c, a state space's h' = exp(Δ A) h + Δ x B,
// retention's S' = γ S + k vᵀ). Such a state is a scan: step t's value is an affine map of
// step t-1's, so the steps compose associatively. For every other state, the first reason it
// is not: an op that reads it across its elements or applies a nonlinearity to it, or another
// state in its update.
import { sameDims, type Graph, type Node } from "../ir/graph.js";
import { isElementwise } from "../ir/ops/index.js";

export type CarryForm = { name: string; affine: true } | { name: string; affine: false; why: string };

/** How a value depends on the state being classified. */
type Form = { kind: "free" } | { kind: "affine" } | { kind: "other"; why: string };

const FREE: Form = { kind: "free" };

export function affineCarries(body: Graph, carries: number): CarryForm[] {
  return body.args.slice(0, carries).map((arg, k) => {
    const name = body.nodes[arg].label ?? `state ${k}`;
    const form = classify(body, carries, arg)[body.outputs[k].node];
    return form.kind === "other" ? { name, affine: false, why: form.why } : { name, affine: true };
  });
}

/** Each node's form with respect to the state `self` (an argument of the body). */
function classify(body: Graph, carries: number, self: number): Form[] {
  const forms: Form[] = [];
  const stateShape = body.nodes[self].shape;
  const where = (n: Node) => (n.line ? ` (line ${n.line})` : "");
  const not = (why: string): Form => ({ kind: "other", why });
  for (const n of body.nodes) {
    const ins = n.inputs.map((i) => forms[i]);
    const other = ins.find((f) => f.kind === "other");
    const affine = ins.filter((f) => f.kind === "affine").length;
    forms[n.id] = (() => {
      if (n.op === "arg") {
        const k = body.args.indexOf(n.id);
        if (n.id === self) return { kind: "affine" };
        return k < carries ? not(`its update reads ${n.label ?? "another state"}, another state`) : FREE;
      }
      if (other) return other;
      if (affine === 0) return FREE;
      const op = `${n.op}${where(n)}`;
      if (!isElementwise(n.op)) return not(`${op} reads it across its elements`);
      if (!sameDims(n.shape, stateShape)) return not(`${op} spreads it across elements`);
      switch (n.op) {
        case "add":
        case "sub":
        case "neg":
          return { kind: "affine" };
        case "mul":
          return affine === 1 ? { kind: "affine" } : not(`${op} multiplies it by itself`);
        case "div":
          return ins[0].kind === "affine" && ins[1].kind === "free" ? { kind: "affine" } : not(`${op} divides by it`);
        default:
          return not(`${op} is not affine in it`);
      }
    })();
  }
  return forms;
}
