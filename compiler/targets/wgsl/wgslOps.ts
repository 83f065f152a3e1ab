// The WGSL of each elementwise op, under the name of its row in ir/ops/elementwise.ts (an op
// without an entry here is a type error). Helpers such as sigmoid() are defined in kernel.ts.
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
