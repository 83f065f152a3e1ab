// The reference interpreter: runs an IR graph in float64. The oracle every backend is tested against.
import { bindShapes } from "../../format/sizes.js";
import type { Graph, Shape } from "./graph.js";
import { evaluate, tensor, type Tensor } from "./ops/index.js";

export type Sizes = Record<string, number>;

export const concreteShape = (shape: Shape, sizes: Sizes): number[] =>
  shape.map((d) => {
    if (typeof d === "number") return d;
    if (sizes[d] === undefined) throw new Error(`size ${d} is not bound`);
    return sizes[d];
  });

/** Bind run-time sizes (T, B) from the shapes of the inputs given. */
export function bindSizes(graph: Graph, inputs: Record<string, { shape: number[] }>): Sizes {
  const specs = graph.nodes.filter((n) => n.op === "input").map((n) => ({ name: n.attrs.name!, shape: n.shape }));
  return bindShapes(specs, (name) => (Object.hasOwn(inputs, name) ? inputs[name].shape : undefined), (message) => new Error(message));
}

export interface InterpretOptions {
  /**
   * Applied to every op's result: errors of a few float32 ulps, say, to measure how far a
   * model's own arithmetic can carry the rounding a GPU does (the fuzzer's tolerance).
   */
  eachResult?: (t: Tensor) => Tensor;
}

export function interpret(graph: Graph, inputs: Record<string, Tensor>, params: Record<string, Tensor>, options: InterpretOptions = {}): Record<string, Tensor> {
  const sizes = bindSizes(graph, inputs);
  const round = options.eachResult ?? ((t: Tensor) => t);
  const values = run(graph, sizes, round, (node) => {
    const name = node.attrs.name!;
    if (node.op === "param") {
      const p = params[name];
      if (!p) throw new Error(`missing parameter '${name}'`);
      return p;
    }
    return inputs[name] ?? tensor(concreteShape(node.shape, sizes)); // optional inputs default to zeros
  });
  return Object.fromEntries(graph.outputs.map((o) => [o.name, values[o.node]]));
}

/** Evaluate every node, each result through `round`; `leaf` supplies inputs and params, `args` a body's arguments. */
function run(graph: Graph, sizes: Sizes, round: (t: Tensor) => Tensor, leaf: (n: Graph["nodes"][number]) => Tensor, args: Tensor[] = []): Tensor[] {
  const values: Tensor[] = new Array(graph.nodes.length);
  const results: Tensor[][] = [];
  for (const node of graph.nodes) {
    const ins = node.inputs.map((i) => values[i]);
    switch (node.op) {
      case "input":
      case "param":
        values[node.id] = leaf(node);
        break;
      case "arg":
        values[node.id] = args[node.attrs.index!];
        break;
      case "scan":
        results[node.id] = runScan(node.attrs.scan!, ins, sizes, round);
        break;
      case "get":
        values[node.id] = results[node.inputs[0]][node.attrs.index!];
        break;
      default:
        values[node.id] = round(evaluate(node, ins, concreteShape(node.shape, sizes)));
    }
  }
  return values;
}

function runScan(scan: NonNullable<Graph["nodes"][number]["attrs"]["scan"]>, ins: Tensor[], sizes: Sizes, round: (t: Tensor) => Tensor): Tensor[] {
  const T = typeof scan.length === "number" ? scan.length : sizes[scan.length];
  let carries = ins.slice(0, scan.carries);
  const sequences = ins.slice(scan.carries, scan.carries + scan.sequences);
  const invariants = ins.slice(scan.carries + scan.sequences);
  const outShapes = scan.body.outputs.map((o) => concreteShape(scan.body.nodes[o.node].shape, sizes));
  const stacked = outShapes.map((s) => tensor([T, ...s]));
  for (let step = 0; step < T; step++) {
    const t = scan.reverse ? T - 1 - step : step;
    const slices = sequences.map((x) => {
      const n = x.data.length / T;
      return { shape: x.shape.slice(1), data: x.data.subarray(t * n, (t + 1) * n) };
    });
    const values = run(scan.body, sizes, round, () => {
      throw new Error("a scan body has no inputs or params of its own");
    }, [...carries, ...slices, ...invariants]);
    const outs = scan.body.outputs.map((o) => values[o.node]);
    outs.forEach((v, i) => stacked[i].data.set(v.data, t * v.data.length));
    carries = outs.slice(0, scan.carries);
  }
  return [...carries, ...stacked];
}
