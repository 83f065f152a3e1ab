// Builds a graph node by node, inferring each node's shape from the op table.
import type { Attrs, Graph, Node, OpName, Shape } from "./graph.js";
import { inferShape } from "./ops.js";

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
