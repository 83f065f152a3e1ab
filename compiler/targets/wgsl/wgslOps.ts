// The WGSL of each elementwise op, under the name of its row in ir/ops/elementwise.ts (an op
// without an entry here is a type error), on one f32 and on a vec4f (four elements at a time).
// Helpers such as sigmoid() are defined in kernel.ts.
import { MASKED_SCORE, type ElementwiseOp } from "../../ir/ops/index.js";
import { floatLiteral } from "./render.js";

export const wgslElementwise: Record<ElementwiseOp, (...args: string[]) => string> = {
  neg: (x) => `-(${x})`,
  sigmoid: (x) => `sigmoid(${x})`,
  tanh: (x) => `tanh_safe(${x})`,
  relu: (x) => `max(${x}, 0.0)`,
  exp: (x) => `exp(${x})`,
  log: (x) => `log(${x})`,
  sqrt: (x) => `sqrt(${x})`,
  abs: (x) => `abs(${x})`,
  softplus: (x) => `(max(${x}, 0.0) + log(1.0 + exp(-abs(${x}))))`,
  erf: (x) => `erf_approx(${x})`,
  step: (x) => `select(0.0, 1.0, ${x} > 0.0)`,
  sign: (x) => `sign(${x})`,
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `(${a} / ${b})`,
  equal: (a, b) => `select(0.0, 1.0, ${a} == ${b})`,
  masked: (x, m) => `select(${floatLiteral(MASKED_SCORE)}, ${x}, ${m} > 0.5)`,
  masked_zero: (x, m) => `select(0.0, ${x}, ${m} > 0.5)`,
};

/** The same on vec4f arguments: WGSL's builtins take vectors, the helpers have vec4 twins, and a literal is spread to four. */
export const wgslElementwise4: Record<ElementwiseOp, (...args: string[]) => string> = {
  ...wgslElementwise,
  sigmoid: (x) => `sigmoid4(${x})`,
  tanh: (x) => `tanh_safe4(${x})`,
  relu: (x) => `max(${x}, vec4f(0.0))`,
  softplus: (x) => `(max(${x}, vec4f(0.0)) + log(1.0 + exp(-abs(${x}))))`,
  erf: (x) => `erf_approx4(${x})`,
  step: (x) => `select(vec4f(0.0), vec4f(1.0), ${x} > vec4f(0.0))`,
  equal: (a, b) => `select(vec4f(0.0), vec4f(1.0), ${a} == ${b})`,
  masked: (x, m) => `select(vec4f(${floatLiteral(MASKED_SCORE)}), ${x}, ${m} > vec4f(0.5))`,
  masked_zero: (x, m) => `select(vec4f(0.0), ${x}, ${m} > vec4f(0.5))`,
};
