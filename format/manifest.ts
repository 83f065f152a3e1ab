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

export interface InputSpec extends TensorSpec {
  buffer: number;
  offset: SizeExpr; // in floats
  optional: boolean;
  ids?: number; // integer ids (declared `int`): each a whole number from 0 to ids - 1, the rows of the table they index
}

export interface OutputSpec extends TensorSpec {
  buffer: number;
  offset: SizeExpr; // in floats
}

export interface BufferSpec {
  name: string;
  size: SizeExpr; // in floats
}

export interface KernelSpec {
  name: string;
  wgsl: string;
  workgroup: number[]; // workgroup size per axis
  tile: number[]; // elements each thread computes per axis
  bindings: { buffer: number; write: boolean }[]; // binding i+1; binding 0 is the sizes uniform
}

/** One command of a schedule. `loop` repeats its body `count` times with the step index set. */
export type Command =
  | { kind: "dispatch"; kernel: number; elements: SizeExpr[] } // elements per axis, divided by tile and workgroup
  | { kind: "loop"; count: SizeExpr; body: Command[] };

export interface Manifest {
  format: "rnnc-manifest-1";
  model: string;
  sizes: Record<string, number>; // fixed at compile time
  runtimeSizes: string[]; // bound from input shapes (T, B)
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
  entries: Record<string, Command[]>;
}
