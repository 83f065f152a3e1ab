// The schedule: what runs, in what order, reading and writing which memory. Decided from the
// optimized IR by plan.ts, before any target prints a kernel: a memory planner or a
// parallel-scan lowering changes this data, and every target renders it the same way.
import type { CarryForm } from "./affineCarries.js";
import type { InputRole, OutputRole, ParamSpec, SizeExpr } from "../../format/manifest.js";
import type { Dim, Graph, Node, Shape } from "../ir/graph.js";
import type { Memory } from "./memory.js";

/**
 * A place in memory: an element offset inside a region (region 0 is the parameters). Inside a
 * time loop a place may also move with the step: `slot` names the step's slot index
 * (read_slot: the carry before the step; write_slot: after it; tau: the time index) and its stride.
 * A history of two slots used in turn (a state whose history nothing reads, in a loop that
 * dispatches each step) has its own: read_turn and write_turn, and first_turn for the initial
 * value, with the loop's `length`; the last step writes slot 0.
 */
export interface Place {
  region: number;
  offset: SizeExpr;
  slot?: { index: "read_slot" | "write_slot" | "tau" | "read_turn" | "write_turn" | "first_turn"; stride: SizeExpr; length?: Dim };
}

/** Where a value a kernel reads is stored, if it is read from memory rather than computed in the kernel. */
export type Reads = (node: Node) => Place | undefined;

/** Inside a time loop: the step's time index runs forwards or backwards. */
export interface InStep {
  reverse: boolean;
  length: Dim; // the loop's number of steps: a reverse run counts down from it
  /** The kernel loops over every step itself (each thread its own elements), dispatched once. */
  inKernel?: boolean;
  /** With inKernel: the loop's states, the body's first arguments and outputs (kept in registers from step to step). */
  carries?: number;
}

/**
 * One thread per element of `shape`: each output computed, fusing every op it depends on that
 * `reads` does not find in memory, and written to its place (`columns`: a block of columns of a
 * wider row, one part of a concat).
 */
export interface ElementwiseKernel {
  kind: "elementwise";
  name: string;
  graph: Graph; // the model's graph, or a loop body
  shape: Shape;
  /** `finalOnly`: a state's next value in a kernel that runs every step, written only after the last step (nothing reads the earlier ones), into a history of two slots. */
  outputs: { node: number; into: Place; columns?: { start: number; of: number }; finalOnly?: boolean }[];
  reads: Reads;
  what?: string; // the comment's summary (default: the values it computes)
  step?: InStep;
}

/** A matrix product (matmul, matmul_t or outer_sum) of two stored operands, plus a stored bias per column. */
export interface ProductKernel {
  kind: "product";
  name: string;
  graph: Graph;
  node: Node;
  a: Place;
  b: Place;
  y: Place;
  bias?: Place;
  what?: string;
  step?: InStep;
  /**
   * A step as one kernel (stepEpilogue.ts): the elementwise kernels of the step that read this
   * product, computed by the same threads from their tile of it, which holds each gate of
   * their hidden units (`gates` of them). Each kernel is over a gate's width (the state
   * update) or the product's (the saved pre-activations). The product is then not stored
   * (`y` only where the target cannot fuse them and runs the kernels as they were).
   */
  epilogue?: { kernels: ElementwiseKernel[]; gates: number };
}

/** A time loop: its body runs `count` times, the step index set each time. */
export interface Loop {
  kind: "loop";
  count: SizeExpr;
  body: Step[];
}

export type Step = ElementwiseKernel | ProductKernel | Loop;

export interface ScheduledInput {
  name: string;
  shape: Shape;
  region: number;
  optional: boolean;
  role: InputRole;
  of?: string;
  ids?: number; // integer ids: each below this
}

export interface ScheduledOutput {
  name: string;
  shape: Shape;
  place: Place;
  role: OutputRole;
  of?: string;
}

export interface Schedule {
  memory: Memory;
  params: ParamSpec[];
  parameterCount: number; // floats in the parameter region
  trainableCount: number; // the trained parameters come first in their region
  inputs: ScheduledInput[];
  outputs: ScheduledOutput[];
  gradients?: number; // the region holding every parameter's gradient, in the parameters' layout
  steps: Step[];
  /** Each time loop, as planned: all its steps inside one kernel, or why it dispatches each step; and which of its states are scans (affineCarries.ts). */
  loops: { name: string; line?: number; inKernel: boolean; reason?: string; carries: CarryForm[] }[];
  /** A loop's per-step output and the per-step input it may be written over, if that input dies with the loop (inPlace.ts; the memory planner decides). */
  inPlace: { output: number; input: number }[];
  /** Per entry, the top-level steps it runs (indices into `steps`) and the outputs they compute. */
  entries: { forward: { steps: number[]; outputs: string[] }; train_step?: { steps: number[]; outputs: string[] } };
}
