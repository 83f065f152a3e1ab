// Builds a graph node by node, inferring each node's shape from the op table.
import { MAX_ELEMENTS, type Attrs, type Graph, type Node, type OpName, type Shape } from "./graph.js";
import { inferShape, ops } from "./ops/index.js";

/** A value with more elements than a GPU kernel can index. */
export class TooLargeError extends Error {
  constructor(
    readonly shape: Shape,
    readonly elements: number,
  ) {
    super(`this value is [${shape.join(", ")}], ${elements.toExponential(2)} elements; one tensor holds at most ${MAX_ELEMENTS} (2^31 - 1), as kernels index with 32-bit numbers`);
  }
}

/** A model that unrolls (layers, directions, statements) into more ops than compile in seconds. */
export class TooManyOpsError extends Error {
  constructor(readonly limit: number) {
    super(`the model unrolls to more than ${limit.toLocaleString("en")} operations (each layer and direction is a copy of its cell); rnnc compiles at most that many`);
  }
}

/** How many more nodes the builders sharing it may add. */
export interface OpBudget {
  limit: number;
  left: number;
}

export class GraphBuilder {
  readonly graph: Graph = { nodes: [], args: [], outputs: [] };
  line?: number; // the .cell line of the nodes being added

  constructor(private readonly budget?: OpBudget) {}

  add(op: OpName, inputs: number[], attrs: Attrs = {}, shape?: Shape, label?: string): number {
    if (!Object.hasOwn(ops, op)) throw new Error(`unknown op '${op}'`);
    const id = this.graph.nodes.length;
    const node: Node = {
      id,
      op,
      inputs,
      attrs,
      shape: shape ?? inferShape(op, inputs.map((i) => this.graph.nodes[i].shape), attrs),
      line: this.line,
    };
    if (label) node.label = label;
    const fixed = node.shape.reduce<number>((n, d) => n * (typeof d === "number" ? d : 1), 1);
    if (fixed > MAX_ELEMENTS) throw new TooLargeError(node.shape, fixed);
    if (this.budget && --this.budget.left < 0) throw new TooManyOpsError(this.budget.limit);
    this.graph.nodes.push(node);
    return id;
  }

  shape(id: number): Shape {
    return this.graph.nodes[id].shape;
  }

  arg(shape: Shape, label?: string): number {
    const id = this.add("arg", [], { index: this.graph.args.length }, shape, label);
    this.graph.args.push(id);
    return id;
  }
}
