// Ops that are not arithmetic: where values come from (inputs, a scan body's arguments,
// parameters, numbers) and the time loop with its results. Their builders give their shapes;
// the interpreter runs sources and scans itself, and autodiff treats scans on its own.
import { tensor, type OpRow } from "./row.js";

export const structureOps = {
  input: {},
  arg: {},
  param: {},
  const: {
    evaluate: (_, shape, attrs) => tensor(shape, new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(attrs.value!)),
    vjp: () => [],
  },
  scan: {},
  get: { view: true },
} satisfies Record<string, OpRow>;
