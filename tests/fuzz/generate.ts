// Random valid .cell models, drawn from the language rather than from the examples: random
// mixes of every op, sizes down to 1, numbers on either side of an operator, per-example
// reductions with and without an axis, slices along either axis of a matrix, constants,
// stacks, both directions, optional initial states, a second input sequence, a matrix state,
// attention over a sequence read whole (with or without a length mask, a causal mask or both),
// calls with lengths=, and calls with heads= (each head on its slice of the inputs).
// Values stay bounded (states go through tanh or a gate), so float32 and float64 agree.
import { Random } from "../../runtime/random.js";

/** What a generated value is, per example: a vector of H, a number, or a vector of one. */
type Kind = "H" | "S" | "one";

export interface Generated {
  text: string;
  runtime: Runtime;
}

/** Run-time sizes: T and B, and N (the memory's length) when the model attends over a sequence. */
export type Runtime = Record<string, number>;

export function generateModel(seed: number): Generated {
  return new Generator(new Random(seed)).model();
}

class Generator {
  private readonly values: Record<Kind, string[]> = { H: [], S: [], one: [] };
  private counter = 0;
  private H = 1;
  private matrixState = false;
  private secondInput = false;
  private attends = false;
  private masked = false;
  private heads = false;

  constructor(private readonly rng: Random) {}

  private int(lo: number, hi: number) {
    return lo + Math.floor(this.rng.next() * (hi - lo + 1));
  }
  private chance(p: number) {
    return this.rng.next() < p;
  }
  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng.next() * items.length)];
  }

  model(): Generated {
    const I = this.int(1, 4);
    this.H = this.pick([1, 2, 3, 4, 5, 8]); // 4 and 8: elementwise kernels four at a time
    const K = this.int(1, 3);
    this.secondInput = this.chance(0.2);
    // With heads=D, D copies of the cell (one included), each reading its slice of x and of the memory.
    this.heads = !this.secondInput && this.chance(0.15);
    const L = this.secondInput || this.heads ? 1 : this.pick([1, 1, 2]);
    const D = this.heads ? this.pick([1, 2, 3]) : this.pick([1, 1, 2]);
    this.matrixState = this.chance(0.2);
    this.attends = this.chance(0.3);
    this.masked = this.attends && this.chance(0.6);
    const withLengths = this.chance(0.25);
    const withC = this.chance(0.5);
    const states = ["h", ...(withC ? ["c"] : []), ...(this.matrixState ? ["S"] : [])];

    const body: string[] = [];
    const param = (line: string) => body.push(`  ${line}`);
    param("param W [H, In]");
    param("param U [H, H]");
    param(`param b [H] init ${this.pick(["zeros()", "uniform(-0.5, 0.5)", "normal(0, 0.3)"])}`);
    param("param g [H] init uniform(0.5, 1.5)");
    param("param q [1, In]");
    param("param s [1] init constant(0.7)");
    param("param M [2*H, H]");
    if (this.secondInput) param("param V [H, K]");
    const hasConst = this.chance(0.3);
    if (hasConst) param(`const avg [1, H] init constant(${this.pick(["1/H", "0.25", "1/sqrt(H)"])})`);
    param("state h [H] = 0");
    if (withC) param(`state c [H] = ${this.pick(["0", "0.1"])}`);
    if (this.matrixState) param("state S [H, H] = 0");
    this.values.H.push("h", ...(withC ? ["c"] : []));
    this.values.one.push("s", "(q @ x)");
    if (hasConst) this.values.one.push("(avg @ h)");

    // Intermediate values, then the state updates, then maybe an output value.
    for (let n = this.int(1, 4); n > 0; n--) {
      const kind: Kind = this.pick(["H", "H", "H", "S", "one"]);
      const name = `v${this.counter++}`;
      body.push(`  ${name} = ${this.gen(kind, 2)}`);
      this.values[kind].push(name);
    }
    if (this.secondInput) this.values.H.push("(V @ u)");
    if (this.matrixState) body.push(`  S' = tanh(S * sigmoid(${this.gen("one", 1)}) + U * ${this.pick(["0.5", "s", "mean(h)"])})`);
    if (withC) body.push(`  c' = ${this.gated("c")}`);
    body.push(`  h' = ${this.gated("h")}`);
    let output = "h";
    if (this.chance(0.3)) {
      // A number per example as the output: the checker can tell the layers apart only without layers=
      const kind: Kind = D === 1 && this.secondInput && this.chance(0.5) ? "S" : "H";
      output = kind === "S" ? "out_scalar" : "out";
      body.push(`  ${output} = ${this.gen(kind, 2)}`);
    }

    const args = [`x [In]`, ...(this.secondInput ? ["u [K]"] : []), ...(this.attends ? ["m [N, H] whole"] : []), ...(this.masked ? ["mk [N] whole"] : [])];
    const stateNames = states.map((s) => `${s}0`);
    const given = states.map(() => this.chance(0.5));
    // Initial states are positional: give a prefix of them.
    // (heads start from the declared initial states)
    const prefix = this.heads ? 0 : given.indexOf(false) < 0 ? states.length : given.indexOf(false);
    const inputs = [
      `  input x [T, B, ${this.heads ? "D*I" : "I"}]`,
      ...(this.secondInput ? ["  input u [T, B, K]"] : []),
      ...(this.attends ? [`  input memory [N, B, ${this.heads ? "D*H" : "H"}]`] : []),
      ...(this.masked ? ["  input memory_lengths [B] int", "  memory_mask = length_mask(memory_lengths, N)"] : []),
      ...(withLengths ? ["  input lengths [B] int"] : []),
      ...states.slice(0, prefix).map((s, k) => `  input ${stateNames[k]} [${this.secondInput ? "D" : "L*D"}, B, ${s === "S" ? "H, H" : "H"}]${this.chance(0.5) ? " optional" : ""}`),
    ];
    const callArgs = ["x", ...(this.secondInput ? ["u"] : []), ...(this.attends ? ["memory"] : []), ...(this.masked ? ["memory_mask"] : []), ...stateNames.slice(0, prefix)];
    const finals = states.map((s) => `${s}_n`);
    const model = [
      ...inputs,
      // (the checker cannot tell that L is 1, so a two-input cell is called without layers=)
      `  y, ${finals.join(", ")} = step(${callArgs.join(", ")}, ${this.heads ? "heads=D" : `${this.secondInput ? "" : "layers=L, "}directions=D`}${withLengths ? ", lengths=lengths" : ""})`,
    ];
    const outputs = ["y", ...finals.filter(() => this.chance(0.7))];
    if (output !== "out_scalar" && this.chance(0.5)) {
      model.push(`  param head [K, D*H]`);
      model.push(`  z = ${this.pick(["head @ y", "softmax(head @ y)", "log_softmax(head @ y)", "(head @ y)[0:1]", "mean(y, axis=-1)", "sum(y)", "max(y, axis=0)", "var(y, axis=-1)", "y - mean(y)"])}`);
      outputs.push("z");
    }
    model.push(`  output ${outputs.join(", ")}`);
    const text = [
      `# generated`,
      `size I = ${I}`,
      `size H = ${this.H}`,
      `size K = ${K}`,
      `size L = ${L}`,
      `size D = ${D}`,
      `size T, B`,
      ...(this.attends ? ["size N"] : []),
      ``,
      `cell step(${args.join(", ")}) -> ${output} {`,
      ...body,
      `}`,
      ``,
      `model {`,
      ...model,
      `}`,
      ``,
    ].join("\n");
    return { text, runtime: { T: this.int(1, 3), B: this.int(1, 3), ...(this.attends ? { N: this.int(1, 4) } : {}) } };
  }

  /** A state's next value, bounded: through tanh, or a gate between old and new. */
  private gated(state: string): string {
    const update = this.gen("H", 2);
    switch (this.int(0, 2)) {
      case 0:
        return `tanh(${update})`;
      case 1: {
        const z = `sigmoid(${this.gen("H", 1)})`;
        return `${z} * ${state} + (1 - ${z}) * tanh(${update})`;
      }
      default:
        return `${this.pick(["0.5", "sigmoid(s)"])} * tanh(${update}) + ${this.pick(["0.5 * ", ""])}tanh(${this.gen("one", 1)})`;
    }
  }

  /** A random expression of the given kind, in parentheses unless a leaf; `depth` bounds the nesting. */
  gen(kind: Kind, depth: number): string {
    if (depth <= 0 || this.chance(0.25)) return this.leaf(kind);
    return `(${this.compound(kind, depth)})`;
  }

  private compound(kind: Kind, depth: number): string {
    const d = depth - 1;
    if (kind === "S") {
      const reduce = this.pick(["sum", "mean", "max", "min", "var"]);
      const axis = this.pick(["", "", ", axis=-1", ", axis=0"]);
      // A reduce of U @ m ([N, H]) along one axis leaves a vector, not a number: over both.
      const scores = this.attends ? [`${reduce}(m @ ${this.gen("H", d)})`, `${reduce}(U @ m)`] : [];
      return this.pick([`${reduce}(${this.gen("H", d)}${axis})`, `${reduce}(${this.gen("H", d)}${axis})`, this.binary("S", d), this.number(), ...scores]);
    }
    if (kind === "one") {
      return this.pick([`${this.gen("H", d)}[0:1]`, `q @ ${this.vectorOfIn()}`, this.binary("one", d), `${this.gen("H", d)}[0:1] * s`]);
    }
    const H = this.H;
    const masks = [...(this.masked ? [", mask=mk", ", mask=mk", ", mask=mk * causal_mask(N)"] : []), ", mask=causal_mask(N)"];
    const mask = this.chance(0.7) ? this.pick(masks) : "";
    // Attention over the whole sequence m [N, H]: dot scores, additive scores, and a scaled weighted sum.
    const attention = this.attends
      ? [
          () => `softmax(m @ ${this.gen("H", d)}${mask}) @ m`,
          () => `softmax(tanh(U @ m + ${this.gen("H", d)}) @ g${mask}) @ m`,
          () => `(${this.pick(["softmax", "log_softmax"])}(m @ ${this.gen("H", d)}${mask}) * ${this.gen("S", d)}) @ m`,
        ]
      : [];
    const options = [
      ...attention,
      ...attention,
      () => this.binary("H", d),
      () => this.binary("H", d),
      () => `${this.pick(["sigmoid", "tanh", "relu", "abs"])}(${this.gen("H", d)})`,
      () => `exp(tanh(${this.gen("H", d)}))`,
      () => `log(1 + sigmoid(${this.gen("H", d)}))`,
      () => {
        const a = this.gen("H", d);
        return `sqrt(${a} * ${a} + 0.5)`;
      },
      () => `${this.pick(["softmax", "log_softmax"])}(${this.gen("H", d)})`,
      () => `U @ ${this.gen("H", d)}`,
      () => `W @ ${this.vectorOfIn()} + U @ ${this.gen("H", d)} + b`,
      () => `(M @ ${this.gen("H", d)})[${this.pick(["0:H", "H:2*H"])}]`,
      () => `M[${this.pick(["0:H", "H:2*H"])}, :] @ ${this.gen("H", d)}`,
      () => `M[H:2*H, ${this.pick([":", "0:H"])}] @ ${this.gen("H", d)}`,
      () => (H >= 2 ? `concat(${this.gen("H", d)}[0:1], ${this.gen("H", d)}[1:H])` : `${this.gen("H", d)}[0:H]`),
      () => {
        const a = this.gen("H", d);
        const eps = this.pick([`var(${a}) + 1e-5`, `1e-5 + var(${a})`, `mean((${a} - mean(${a})) * (${a} - mean(${a}))) + 1e-5`]);
        return `g * (${a} - mean(${a})) / sqrt(${eps})`;
      },
      () => (this.matrixState ? `S @ ${this.gen("H", d)}` : `U @ ${this.gen("H", d)}`),
      () => (this.matrixState ? `tanh(S[0:1, :] @ ${this.gen("H", d)} + ${this.gen("H", d)})` : `g * ${this.gen("H", d)}`),
    ];
    return this.pick(options)();
  }

  private vectorOfIn(): string {
    return this.pick(["x", "x", "(x * 0.5)", "tanh(x)", "x[0:In]"]);
  }

  private binary(kind: Kind, d: number): string {
    const op = this.pick(["+", "-", "*", "/"]);
    const left = this.gen(kind, d);
    // The other side: the same kind, or anything that broadcasts to it, on either side.
    const otherKinds: Kind[] = kind === "H" ? ["H", "S", "one"] : kind === "one" ? ["one", "S"] : ["S"];
    let right = this.chance(0.3) ? this.number() : this.gen(this.pick(otherKinds), d);
    if (op === "/") right = this.pick([`(1 + sigmoid(${right}))`, `exp(tanh(${right}))`, `(2 + ${right} * ${right})`]);
    const [a, b] = this.chance(0.5) || op === "/" ? [left, right] : [right, left];
    return `${a} ${op} ${b}`;
  }

  private number(): string {
    return this.pick(["0.5", "2", "1", "0.1", "3", "1e-5", "0.25"]);
  }

  private leaf(kind: Kind): string {
    if (kind === "S") return this.values.S.length && this.chance(0.6) ? this.pick(this.values.S) : `mean(${this.pick(this.values.H)})`;
    if (kind === "one") return this.pick(this.values.one);
    return this.pick([...this.values.H, "b", "g", "(W @ x)"]);
  }
}
