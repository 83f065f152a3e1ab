// Each IR op as PyTorch, under the name of its row in ir/ops/ (an op without an entry here is a
// type error): plain tensor ops where one says the same, else a helper of prelude.ts. Autograd
// differentiates the result, so no row needs a derivative. Sources, scans and their results
// are written by module.ts.
import type { Node, OpName } from "../../ir/graph.js";
import { MASKED_SCORE } from "../../ir/ops/index.js";
import { binary, call, literal, number, on, PREC, unary, type Py } from "./python.js";

export interface OpContext {
  /** The node's shape as a Python tuple (its run-time sizes become needed locals). */
  shape: (node: Node) => string;
  /** Keyword arguments giving a new tensor the model's dtype and device. */
  like: () => string;
  /** Where a batch split over processes is said: the batch size's name, and the local naming this call's streams (forward only). */
  streams?: { size: string; name: string };
}

type Row = (x: Py[], node: Node, ctx: OpContext) => Py;

const axis = (node: Node, fallback = -1) => node.attrs.axis ?? fallback;
const fn = (name: string): Row => (x) => call(name, ...x);
const operator = (op: string, prec: number): Row => ([a, b]) => binary(a, op, b, prec);

type Written = Exclude<OpName, "input" | "arg" | "param" | "scan" | "get">;

/** The ops Python's operators write: they take numbers as they are, and give a number for numbers. */
export const ARITHMETIC: ReadonlySet<OpName> = new Set(["neg", "add", "sub", "mul", "div"]);

export const torchOps: Record<Written, Row> = {
  const: (_, node, ctx) => (node.shape.length === 0 ? literal(node.attrs.value!) : call("torch.full", ctx.shape(node), number(node.attrs.value!), ctx.like())),

  neg: ([x]) => unary("-", x),
  sigmoid: fn("torch.sigmoid"),
  tanh: fn("torch.tanh"),
  relu: fn("torch.relu"),
  exp: fn("torch.exp"),
  log: fn("torch.log"),
  sqrt: fn("torch.sqrt"),
  abs: fn("torch.abs"),
  softplus: fn("torch.nn.functional.softplus"),
  erf: fn("torch.erf"),
  step: fn("rnnc_step"),
  sign: fn("torch.sign"),
  add: operator("+", PREC.sum),
  sub: operator("-", PREC.sum),
  mul: operator("*", PREC.product),
  div: operator("/", PREC.product),
  equal: ([a, b]) => call("rnnc_equal", a, b),
  masked: ([x, m]) => call("rnnc_masked", x, m, number(MASKED_SCORE)),
  masked_zero: ([x, m]) => call("rnnc_masked", x, m, "0.0"),

  // W [N, K] @ x [..., K]: x Wᵀ, as torch.nn.functional.linear computes it
  matmul: ([w, x]) => binary(x, "@", on(w, ".T"), PREC.product),
  matmul_t: ([w, g]) => binary(g, "@", w, PREC.product),
  outer_sum: fn("rnnc_outer_sum"),
  outer_step: fn("rnnc_outer_step"),

  sum: ([x], node) => on(x, `.sum(${axis(node)})`),
  max: ([x], node) => on(x, `.amax(${axis(node)})`),
  expand: ([x], node, ctx) => on(x, `.unsqueeze(${axis(node)}).expand(${ctx.shape(node)})`),
  sum_to: ([x], node, ctx) => call("rnnc_sum_to", x, ctx.shape(node)),
  logsumexp: ([x]) => call("torch.logsumexp", x, "-1"),
  mean: ([x]) => on(x, ".mean()"),
  numel: ([x]) => ({ ...on(x, ".numel()"), number: true }),

  slice: ([x], node) => {
    const { start, size } = node.attrs;
    const range = `${start}:${start! + size!}`;
    if (node.attrs.axis === undefined) return on(x, `[..., ${range}]`);
    return node.attrs.axis === 0 ? on(x, `[${range}]`) : on(x, `.narrow(${node.attrs.axis}, ${start}, ${size})`);
  },
  pad: ([x], node) => call("rnnc_pad", x, String(axis(node)), String(node.attrs.start), String(node.attrs.size)),
  concat: (x, node) => call("torch.cat", `(${x.map((v) => v.text).join(", ")})`, String(node.attrs.axis === 0 ? 0 : -1)),
  index: ([x], node) => on(x, `[${node.attrs.index}]`),
  stack: (x) => call("torch.stack", `(${x.map((v) => v.text).join(", ")}${x.length === 1 ? "," : ""})`),
  transpose: ([x]) => on(x, ".transpose(0, 1)"),
  unsqueeze: ([x], node) => on(x, `.unsqueeze(${node.attrs.axis})`),

  gather: ([table, ids]) => on(table, `[${on(ids, ".long()").text}]`),
  scatter_add: ([g, ids], node) => call("rnnc_scatter_add", g, ids, String(node.attrs.size)),
  pick: ([x, ids]) => call("rnnc_pick", x, ids),
  unpick: ([g, ids], node) => call("rnnc_unpick", g, ids, String(node.attrs.size)),
  length_mask: ([lengths], node) => call("rnnc_length_mask", lengths, String(node.attrs.extent)),
  positions: ([ids]) => call("rnnc_positions", ids),
  causal_mask: ([steps, offset], node) => call("rnnc_causal_mask", steps, String(node.attrs.extent), ...(offset ? [offset] : [])),
  overwrite: ([cache, rows, offset], node) => call("rnnc_overwrite", cache, rows, offset, String(node.attrs.axis)),

  dropout: ([x, seed, active], node, ctx) => {
    const axis = ctx.streams ? node.shape.indexOf(ctx.streams.size) : -1;
    const split = axis >= 0 ? [String(axis), ctx.streams!.name] : [];
    return call("rnnc_dropout", x, seed, active, number(node.attrs.value!), String(node.attrs.index), ...split);
  },
};
