// Every IR op, one row each (ops/row.ts says what a row holds), by family.
import type { Attrs, Node, Shape } from "../graph.js";
import { elementwiseOps } from "./elementwise.js";
import { languageOps } from "./language.js";
import { linearOps } from "./linear.js";
import { movementOps } from "./movement.js";
import { randomOps } from "./random.js";
import { reduceOps } from "./reduce.js";
import type { OpRow, Tensor } from "./row.js";
import { structureOps } from "./structure.js";

const rows = { ...structureOps, ...elementwiseOps, ...linearOps, ...reduceOps, ...movementOps, ...languageOps, ...randomOps };
export type OpName = keyof typeof rows;
export const ops: Record<OpName, OpRow> = rows;

/** The .cell functions of one tensor that are an op of the same name (sigmoid, tanh, ...). */
export const elementwiseFunctions = (Object.keys(elementwiseOps) as (keyof typeof elementwiseOps)[]).filter((op) => elementwiseOps[op].callable);

export { axisOf, Grad, tensor, type OpRow, type Tensor } from "./row.js";
export { broadcastShapes, MASKED_SCORE, type ElementwiseOp } from "./elementwise.js";
export { hashU32, keepDraw, mixSeed } from "./random.js";

export const isElementwise = (op: OpName): op is Extract<OpName, keyof typeof elementwiseOps> => op in elementwiseOps;
export const isProduct = (op: OpName) => !!ops[op].product;
export const isReduction = (op: OpName) => !!ops[op].reduction;
export const isView = (op: OpName) => !!ops[op].view;

/** The shape of an op's result from its inputs' shapes. */
export function inferShape(op: OpName, inputs: Shape[], attrs: Attrs): Shape {
  const rule = ops[op].shape;
  if (!rule) throw new Error(`op ${op} has no shape rule; its builder gives the shape`);
  return rule(inputs, attrs);
}

/** Evaluate one op in float64 (not sources or scan, which the interpreter runs). */
export function evaluate(node: Node, inputs: Tensor[], shape: number[]): Tensor {
  const meaning = ops[node.op].evaluate;
  if (!meaning) throw new Error(`op ${node.op} is not evaluated on its own`);
  return meaning(inputs, shape, node.attrs);
}
