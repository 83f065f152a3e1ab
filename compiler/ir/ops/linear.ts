// The matrix products: the forward product and the two transposes its gradients need. Each
// runs as a register-tiled kernel of its own; leading axes of the activations fold into rows.
import { concreteDims, expectShape, matmulRule } from "../shapeRules.js";
import { last, tensor, type OpRow } from "./row.js";

const product = { product: true, reduction: true } as const;

export const linearOps = {
  // W [N, K] @ x [..., K] -> [..., N], i.e. x Wᵀ; dW = Σ g ⊗ x over the leading axes, dx = g W
  matmul: {
    ...product,
    shape: ([w, x]) => expectShape(matmulRule(concreteDims, w, x)),
    evaluate: ([w, x], shape) => {
      const [n, k] = w.shape;
      const rows = x.data.length / k;
      const out = tensor(shape);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < n; j++) {
          let acc = 0;
          for (let q = 0; q < k; q++) acc += w.data[j * k + q] * x.data[r * k + q];
          out.data[r * n + j] = acc;
        }
      return out;
    },
    vjp: (b, n, g) => [b.op("outer_sum", [g, n.inputs[1]]), b.op("matmul_t", [n.inputs[0], g])],
  },
  // W [N, K], g [..., N] -> [..., K]: the product with W transposed; dW = Σ v ⊗ g, dv = g Wᵀ
  matmul_t: {
    ...product,
    shape: ([w, g]) => [...g.slice(0, -1), w[1]],
    evaluate: ([w, g], shape) => {
      const [n, k] = w.shape;
      const rows = g.data.length / n;
      const out = tensor(shape);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < n; j++) {
          const gv = g.data[r * n + j];
          for (let q = 0; q < k; q++) out.data[r * k + q] += gv * w.data[j * k + q];
        }
      return out;
    },
    vjp: (b, n, g) => [b.op("outer_sum", [n.inputs[1], g]), b.op("matmul", [n.inputs[0], g])],
  },
  // a [..., N], b [..., K] -> [N, K]: the sum over the leading axes of a ⊗ b; da = b gᵀ, db = a g.
  // With `parts` P (split-long-sums): [P, N, K], part p summing the rows r with r % P = p.
  outer_sum: {
    ...product,
    shape: ([a, b], attrs) => [...(attrs.parts ? [attrs.parts] : []), last(a), last(b)],
    evaluate: ([a, b], shape, attrs) => {
      const [n, k] = shape.slice(-2);
      const parts = attrs.parts ?? 1;
      const rows = a.data.length / n;
      const out = tensor(shape);
      for (let r = 0; r < rows; r++) {
        const at = (r % parts) * n * k;
        for (let j = 0; j < n; j++) for (let q = 0; q < k; q++) out.data[at + j * k + q] += a.data[r * n + j] * b.data[r * k + q];
      }
      return out;
    },
    vjp: (b, n, g) => [b.op("matmul", [g, n.inputs[1]]), b.op("matmul_t", [g, n.inputs[0]])],
  },
  // a [..., N], b [..., K] -> [K, ..., N]: one step's term of an outer_sum, kept per example,
  // k leading: out[k, ..., n] = a[..., n] b[..., k]. A loop adds it up in a state
  // (sumStepsInLoops.ts), each thread its own elements of a; made after autodiff, never
  // differentiated.
  outer_step: {
    shape: ([a, b]) => [last(b), ...a],
    evaluate: ([a, b], shape) => {
      const [k, n] = [shape[0], a.shape[a.shape.length - 1]];
      const rows = a.data.length / n;
      const out = tensor(shape);
      for (let q = 0; q < k; q++) for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) out.data[(q * rows + r) * n + j] = a.data[r * n + j] * b.data[r * k + q];
      return out;
    },
  },
} satisfies Record<string, OpRow>;
