// The IR: a graph of tensor ops in topological order. Pure data.
import type { InitSpec, InputRole, OutputRole } from "../../format/manifest.js";

/** A dimension: a number fixed at compile time, or the name of a size bound at run time (T, B). */
export type Dim = number | string;
export type Shape = Dim[];

/** An op: the name of its row in ops/ (each row says what the op is). */
export type { OpName } from "./ops/index.js";
import type { OpName } from "./ops/index.js";

export interface Attrs {
  name?: string; // input, param
  optional?: boolean; // input: zeros when not given
  ids?: boolean; // input: integer ids (declared `int`), stored as exact floats
  role?: InputRole; // input: what it is for (absent: data)
  of?: string; // input with role seed: the output it seeds; segments, order: the ids they are made from
  init?: InitSpec; // param
  constant?: boolean; // param: declared `const`: loaded and saved like a parameter, never trained
  index?: number; // arg: position; index: which entry of the leading axis; get: which result; dropout: salt
  value?: number; // const; dropout: the probability of dropping
  // concat: 0 (the first axis) or -1 (the last, the default); slice, pad, sum, max, expand,
  // overwrite: the axis it works on (absent: the last); unsqueeze: where the new axis of size 1 goes
  axis?: number;
  start?: number; // slice, pad
  size?: number; // slice: width taken; pad, scatter_add, unpick: width of the result
  parts?: number; // outer_sum: the rows summed in this many strided parts, a leading axis of the result
  extent?: Dim; // expand: the size of the axis it adds (a run-time size when a reduction over T or B is undone); length_mask, causal_mask: the positions masked
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
  outputs: GraphOutput[];
}

/** A graph's result. At top level, `role` and `of` say what it is (absent role: a value). */
export interface GraphOutput {
  name: string;
  node: number;
  role?: OutputRole;
  of?: string; // state: the input it carries into; gradient: the parameter or input
}

/** The most elements one tensor may hold: kernels index with 32-bit numbers, and offsets add up. */
export const MAX_ELEMENTS = 2 ** 31 - 1;

export const numel = (shape: Shape, sizes: Record<string, number>) =>
  shape.reduce<number>((n, d) => n * (typeof d === "number" ? d : sizes[d]), 1);

export const sameDims = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
