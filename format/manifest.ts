// What a compiled model is, as data: shared by the compiler (which writes it) and the runtime (which runs it).
import type { SizeExpr } from "./sizes.js";

export type { SizeExpr };

export type InitSpec =
  | { kind: "uniform"; low: number; high: number }
  | { kind: "normal"; mean: number; std: number }
  | { kind: "constant"; value: number };

export interface TensorSpec {
  name: string;
  shape: (number | string)[];
}

export interface ParamSpec extends TensorSpec {
  offset: number; // in floats, inside the parameter buffer
  init: InitSpec;
  constant?: boolean; // declared `const`: saved and loaded, never trained (placed after every trained parameter)
}

/**
 * What an input is for, so a runtime never reads meaning into names:
 *  - data: given by the caller;
 *  - state: a recurrence's initial value, which a training or generation loop feeds from the
 *    output that carries into it (the output's `of`);
 *  - seed: the gradient of the objective with respect to output `of` (train_step: 1 for the loss);
 *  - dropout-seed: varies the dropout masks; dropout-active: 1 applies dropout, 0 (the default) does not;
 *  - segments, order: made by the runtime from ids input `of` (isDerivedInput, below).
 */
export type InputRole = "data" | "state" | "seed" | "dropout-seed" | "dropout-active" | "segments" | "order";

/**
 * Inputs the runtime makes from an ids input `of` as it uploads it, never given by a caller:
 * "order", the positions sorted by id (stably), and "segments", where each id's run of
 * positions starts in that order (one more entry than the table has rows). With them an
 * embedding's gradient sums each row's own positions, not every position for every row.
 */
export const isDerivedInput = (spec: { role: InputRole }) => spec.role === "segments" || spec.role === "order";

/**
 * What an output is: a value of the model; a state's final value, carried into input `of`;
 * or the gradient of the objective with respect to parameter or input `of`.
 */
export type OutputRole = "value" | "state" | "gradient";

export interface InputSpec extends TensorSpec {
  buffer: number;
  offset: SizeExpr; // in floats
  optional: boolean;
  role: InputRole;
  of?: string; // seed: the output it seeds; segments and order: the ids input they are made from
  ids?: number; // integer ids (declared `int`): each a whole number from 0 to ids - 1, the rows of the table they index
}

export interface OutputSpec extends TensorSpec {
  buffer: number;
  offset: SizeExpr; // in floats
  role: OutputRole;
  of?: string; // state: the input it carries into; gradient: the parameter or input
}

export interface BufferSpec {
  name: string;
  size: SizeExpr; // in floats
}

export interface KernelSpec {
  name: string;
  wgsl: string;
  workgroup: number[]; // workgroup size per axis
  workgroups?: number[][]; // the shapes the runtime may use instead, per adapter (runtime/workgroups.ts); the first is `workgroup`
  tileRows?: number[]; // the rows of a thread's tile (tile[1]) the runtime may use instead, per adapter; the first is tile[1]
  tile: number[]; // elements each thread computes per axis
  bindings: { buffer: number; write: boolean }[]; // binding i+1; binding 0 is the sizes uniform
}

/** One command of a schedule. `loop` repeats its body `count` times with the step index set. */
export type Command =
  | { kind: "dispatch"; kernel: number; elements: SizeExpr[]; oneRow?: number } // elements per axis, divided by tile and workgroup; oneRow: the kernel to dispatch instead when a product has one row (elements[1] is 1)
  | { kind: "loop"; count: SizeExpr; body: Command[] };

/** A way to run the model: its dispatches, and the outputs they compute. Every entry reads the one parameter buffer. */
export interface EntrySpec {
  outputs: string[];
  commands: Command[];
}

/**
 * The entries a compiled model can have: `forward` computes the model's values and final
 * states; `train_step` (compiled with gradients) computes them and every gradient.
 */
export type EntryName = "forward" | "train_step";

/** The most a run-time size may be, and why (the rows of a table it indexes, and where). */
export interface SizeLimit {
  size: string;
  max: number;
  why: string;
}

export interface Manifest {
  format: "rnnc-manifest-2";
  model: string;
  sizes: Record<string, number>; // fixed at compile time
  runtimeSizes: string[]; // bound from input shapes (T, B)
  sizeLimits?: SizeLimit[];
  uniformFields: string[]; // run-time sizes, then "step"
  parameterCount: number;
  trainableCount?: number; // the trained parameters are the buffer's first trainableCount floats (all of them when absent)
  params: ParamSpec[];
  inputs: InputSpec[];
  outputs: OutputSpec[];
  buffers: BufferSpec[]; // 0: all parameters; 1: the workspace, holding every other tensor
  regions?: { name: string; base: SizeExpr }[]; // where each tensor sits in the workspace
  gradients?: { buffer: number; offset: SizeExpr }; // every parameter's gradient, in the parameters' layout
  kernels: KernelSpec[];
  entries: { forward: EntrySpec; train_step?: EntrySpec };
  vocab?: string[]; // a trained character model's vocabulary, in id order (compiled from a run)
}
