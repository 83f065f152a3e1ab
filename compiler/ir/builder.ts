// Builds a graph node by node, inferring each node's shape from the op table.
import { MAX_ELEMENTS, type Attrs, type Graph, type Node, type OpName, type Shape } from "./graph.js";
import { inferShape } from "./ops.js";

/** A value with more elements than a GPU kernel can index. */
export class TooLargeError extends Error {
  constructor(
    readonly shape: Shape,
    readonly elements: number,
  ) {
    super(`this value is [${shape.join(", ")}], ${elements.toExponential(2)} elements; one tensor holds at most ${MAX_ELEMENTS} (2^31 - 1), as kernels index with 32-bit numbers`);
  }
}

export class GraphBuilder {
  readonly graph: Graph = { nodes: [], args: [], outputs: [] };
  line?: number; // the .cell line of the nodes being added

  add(op: OpName, inputs: number[], attrs: Attrs = {}, shape?: Shape, label?: string): number {
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
