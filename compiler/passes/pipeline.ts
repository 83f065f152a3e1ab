// The passes, in the order they run. Each is a function IR -> IR in its own file.
import type { Graph } from "../ir/graph.js";

const passes: { name: string; run: (g: Graph) => Graph }[] = [];

export function optimize(graph: Graph): Graph {
  return passes.reduce((g, p) => p.run(g), graph);
}
