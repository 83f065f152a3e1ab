// The passes, in the order they run. Each is a function IR -> IR in its own file.
import { dump } from "../dump.js";
import type { Graph } from "../ir/graph.js";
import { printGraph } from "../ir/print.js";
import { eliminateCommonSubexpressions } from "./eliminateCommonSubexpressions.js";
import { fuseGateMatmuls } from "./fuseGateMatmuls.js";
import { hoistTimeInvariant } from "./hoistTimeInvariant.js";
import { joinPaddedParts } from "./joinPaddedParts.js";
import { sinkStepProducts } from "./sinkStepProducts.js";

export const passes: { name: string; run: (g: Graph) => Graph }[] = [
  { name: "fuse-gate-matmuls", run: fuseGateMatmuls },
  { name: "join-padded-parts", run: (g) => joinPaddedParts(g) },
  { name: "hoist-time-invariant", run: hoistTimeInvariant },
  { name: "sink-step-products", run: sinkStepProducts },
  { name: "eliminate-common-subexpressions", run: eliminateCommonSubexpressions },
];

export function optimize(graph: Graph): Graph {
  return passes.reduce((g, p) => {
    const out = p.run(g);
    dump(p.name, () => printGraph(out));
    return out;
  }, graph);
}
