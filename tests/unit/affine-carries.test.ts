// Which states the schedule reports as scans (s' = a * s + b, a and b free of every state), in
// forms the examples do not write: the state on either side, a subtraction, a division by a
// gate, lengths; and the forms that are not: a product with itself, a division by it, a
// nonlinearity, a sum, another state in the update.
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";

const cell = (update: string, extra = "", call = "c(x)") => `size H = 3
size T, B
cell c(x [H]) -> h {
  param w [H, H]
  state h [H] = 0
  state g [H] = 0
  a = sigmoid(w @ x)
  ${extra}
  h' = ${update}
  g' = a * g + x
}
model {
  input x [T, B, H]
  input n [B] int
  y, h_n, g_n = ${call}
  output y
}
`;

const formOfH = (text: string) => compile("c.cell", text).schedule.loops[0].carries.find((c) => c.name === "h")!;

describe("a state is a scan exactly when its update is affine in it", () => {
  const scans: [string, string, string?, string?][] = [
    ["the state on the right of its coefficient", "h * a + x"],
    ["a difference, the state subtracted", "x - a * h"],
    ["a division by a gate", "(h + x) / (1 + a)"],
    ["the coefficient a number after the state", "h * 0.5 + a"],
    ["with lengths", "a * h + (1 - a) * x", "", "c(x, lengths=n)"],
    ["no state at all (a = 0)", "x * a"],
  ];
  for (const [name, update, extra, call] of scans) test(name, () => expect(formOfH(cell(update, extra, call))).toEqual({ name: "h", affine: true }));

  const not: [string, string, string][] = [
    ["a product with itself", "h * h", "mul (line 9) multiplies it by itself"],
    ["a division by the state", "a / (h + 2)", "div (line 9) divides by it"],
    ["a nonlinearity", "tanh(a * h)", "tanh (line 9) is not affine in it"],
    ["a sum across its elements", "a * h + sum(h)", "sum (line 9) reads it across its elements"],
    ["another state in its coefficient", "g * h + x", "its update reads g, another state"],
    ["a product with a matrix", "w @ h", "matmul (line 9) reads it across its elements"],
  ];
  for (const [name, update, why] of not) test(name, () => expect(formOfH(cell(update))).toEqual({ name: "h", affine: false, why }));
});
