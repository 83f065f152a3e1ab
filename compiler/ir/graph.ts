// The IR: a graph of tensor ops in topological order. Pure data.
import type { InitSpec } from "../../runtime/manifest.js";

/** A dimension: a number fixed at compile time, or the name of a size bound at run time (T, B). */
export type Dim = number | string;
export type Shape = Dim[];

export type OpName =
  | "input" | "arg" | "param" | "const"
  | "neg" | "sigmoid" | "tanh" | "relu" | "exp" | "log" | "sqrt" | "abs" | "step" | "sign"
  | "add" | "sub" | "mul" | "div"
  | "matmul" | "sum" | "slice" | "concat" | "index" | "stack"
  // the transposes and reductions that gradients need:
  | "matmul_t" | "outer_sum" | "sum_to" | "pad" | "expand"
  // language modelling: integer ids are stored as exact floats
  | "gather" | "scatter_add" | "logsumexp" | "pick" | "unpick" | "mean" | "numel"
  // training: x * keep / (1 - p), keep drawn from a hash of (seed, salt, element), so the
  // backward pass redraws the same mask
  | "dropout"
  | "scan" | "get";

export interface Attrs {
  name?: string; // input, param
  optional?: boolean; // input: zeros when not given
  init?: InitSpec; // param
  index?: number; // arg: position; index: which entry of the leading axis; get: which result; dropout: salt
  value?: number; // const; dropout: the probability of dropping
  axis?: 0 | -1; // concat: the first or the last axis (default last)
  start?: number; // slice, pad (last axis)
  size?: number; // slice: width taken; pad, scatter_add, unpick: width of the result; expand: width added
  scan?: ScanAttrs;
}

/**
 * A time loop. Inputs: carry initial values, then sequences [T, ...] read one step at a time,
 * then loop-invariant values. The body's arguments come in the same order (a sequence as one
 * step's slice); its outputs are the carries' next values, then any other per-step outputs.
 * Results (through `get`): each carry's final value, then each body output stacked over time.
 */
export interface ScanAttrs {
  body: Graph;
  reverse: boolean;
  carries: number;
  sequences: number;
  length: Dim; // T
}

export interface Node {
  id: number;
  op: OpName;
  inputs: number[];
  shape: Shape;
  attrs: Attrs;
  label?: string; // the .cell name this value carries, for printing and kernel comments
  line?: number; // the .cell line it comes from
}

export interface Graph {
  nodes: Node[]; // topological order; node.id is its index
  args: number[]; // a scan body's argument nodes, in order
  outputs: { name: string; node: number }[];
}

export const numel = (shape: Shape, sizes: Record<string, number>) =>
  shape.reduce<number>((n, d) => n * (typeof d === "number" ? d : sizes[d]), 1);

export const sameDims = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
