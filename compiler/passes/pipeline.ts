// Every pass, in the order it runs, with what it needs from the graph it gets and what it
// leaves for the passes after it. Each pass is a function IR -> IR in its own file.
import { dump } from "../dump.js";
import type { Graph } from "../ir/graph.js";
import { printGraph } from "../ir/print.js";
import { differentiate } from "./autodiff.js";
import { eliminateCommonSubexpressions } from "./eliminateCommonSubexpressions.js";
import { fuseGateMatmuls } from "./fuseGateMatmuls.js";
import { hoistTimeInvariant } from "./hoistTimeInvariant.js";
import { joinPaddedParts } from "./joinPaddedParts.js";
import { mapStatelessLoops } from "./mapStatelessLoops.js";
import { pruneLoopOutputs } from "./pruneLoopOutputs.js";
import { recomputeForLaterLoops } from "./recomputeForLaterLoops.js";
import { segmentEmbeddingGradients } from "./segmentEmbeddingGradients.js";
import { sinkStepProducts } from "./sinkStepProducts.js";
import { splitLongSums } from "./splitLongSums.js";
import { splitReadouts } from "./splitReadouts.js";
import { sumStepsInLoops } from "./sumStepsInLoops.js";

export interface PipelineOptions {
  /** Also compute gradients: inputs `seed.<output>`, outputs `grad.<param or input>`. */
  gradients?: boolean;
  /** With gradients: the backward loop reads the forward loop's gate pre-activations ("save") or recomputes them. */
  activations?: "save" | "recompute";
  /** With gradients: also `grad.<input>` for every input (true, the default), or only the parameters' (what training needs). */
  inputGradients?: boolean;
  /** A loop without state runs as one map over all steps (the default), or step by step (false: to measure it, or to compare). */
  mapStateless?: boolean;
  /** Read-outs that reduce across a state's elements leave their loop (the default), or stay (false: to measure it, or to compare). */
  splitReadouts?: boolean;
  /** Long sums with few outputs run as strided parts (the default), or in one piece (false: to measure it). */
  splitLongSums?: boolean;
  /** A small W·x_t in a step that runs inside one kernel is computed where it is read (the default), or hoisted over all steps (false: to measure it). */
  inlineProducts?: boolean;
  /** A sum over time of a loop's per-step output is a state of that loop (the default), or a sum after it (false: to measure it). */
  sumsInLoops?: boolean;
  /** An embedding's gradient sums each row's own positions, sorted by the runtime (the default), or every position for every row (false: to measure it). */
  segmentEmbeddingGradients?: boolean;
}

interface Pass {
  name: string;
  requires: string;
  ensures: string;
  run: (g: Graph, o: PipelineOptions) => Graph;
}

export const passes: Pass[] = [
  {
    name: "split-readouts",
    requires: "the lowered graph",
    ensures: "a loop's per-step outputs that reduce across a state's elements, and feed no state, run in a loop of their own without state",
    run: (g, o) => (o.splitReadouts === false ? g : splitReadouts(g)),
  },
  {
    name: "map-stateless-loops",
    requires: "the lowered graph",
    ensures: "no loop without carries: their bodies run once over all steps, time a leading axis",
    run: (g, o) => (o.mapStateless === false ? g : mapStatelessLoops(g)),
  },
  {
    name: "autodiff",
    requires: "the lowered graph: per-gate products, no stacked weights (a first-axis concat has no gradient)",
    ensures: "with gradients asked for, a backward scan per forward scan and grad.* outputs; the passes below then shape the backward loop too",
    run: (g, o) => (o.gradients ? differentiate(g, { activations: o.activations, inputGradients: o.inputGradients }) : g),
  },
  {
    name: "prune-loop-outputs",
    requires: "nothing",
    ensures: "a loop outputs only what is read (autodiff's gradients of masks and ids are dropped with their work)",
    run: pruneLoopOutputs,
  },
  {
    name: "split-readouts-after-autodiff",
    requires: "the backward loops autodiff made",
    ensures: "their per-step gradients that reduce across a state's elements (of the inputs and of a decay, say) are read out of the adjoint by a map over all steps",
    run: (g, o) => (o.splitReadouts === false || !o.gradients ? g : mapLoopsWithoutState(splitReadouts(g), o)),
  },
  {
    name: "fuse-gate-matmuls",
    requires: "products whose weights are parameters or loop invariants",
    ensures: "one product of stacked weights per shared operand, a slice per gate",
    run: fuseGateMatmuls,
  },
  {
    name: "join-padded-parts",
    requires: "sums of zero-padded parts along the last axis (the gradient of a sliced gate vector)",
    ensures: "one concat of the parts, computed in one thread per element",
    run: (g) => joinPaddedParts(g),
  },
  {
    name: "hoist-time-invariant",
    requires: "fused products, so W·x for all gates moves out as one",
    ensures: "work that does not depend on the carries runs once over all steps, before the loop",
    run: (g, o) => hoistTimeInvariant(g, o.inlineProducts !== false),
  },
  {
    name: "sink-step-products",
    requires: "loops whose outputs include products nothing inside reads (backward loops)",
    ensures: "those products run once over all steps, after the loop; a sequence a loop only passes on is read where it comes from",
    run: sinkStepProducts,
  },
  {
    name: "split-long-sums",
    requires: "the gradients' sums over all steps and examples (outer_sum, sum_to) at top level",
    ensures: "a sum over many rows with few outputs runs as strided parts, then a short sum of the parts",
    run: (g, o) => (o.splitLongSums === false ? g : splitLongSums(g)),
  },
  {
    name: "sum-steps-in-loops",
    requires: "sums over time (split-long-sums leaves a bias's gradient as one) of loops' per-step outputs",
    ensures: "where the loop's step is elementwise in its states, each such sum is a state of the loop, from zeros, its final value the sum; outputs read by nothing else are dropped",
    run: (g, o) => (o.sumsInLoops === false ? g : pruneLoopOutputs(sumStepsInLoops(g))),
  },
  {
    name: "segment-embedding-gradients",
    requires: "an embedding's gradient (scatter_add) at top level, at ids that are a model input",
    ensures: "it reads the ids' positions sorted by id, which the runtime makes as it uploads them: each table row sums only its own positions",
    run: (g, o) => (o.gradients && o.segmentEmbeddingGradients !== false ? segmentEmbeddingGradients(g) : g),
  },
  {
    name: "eliminate-common-subexpressions",
    requires: "nothing; runs last so the copies the passes above made can merge",
    ensures: "no two nodes compute the same value",
    run: eliminateCommonSubexpressions,
  },
  {
    name: "recompute-for-later-loops",
    requires: "merged copies (after eliminate-common-subexpressions)",
    ensures: "with activations \"recompute\", a product a later loop reads again is computed again just before it, from parameters and values that loop reads anyway",
    run: (g, o) => (o.gradients && o.activations === "recompute" ? recomputeForLaterLoops(g) : g),
  },
];

const mapLoopsWithoutState = (g: Graph, o: PipelineOptions) => (o.mapStateless === false ? g : mapStatelessLoops(g));

/** Run every pass in order; RNNC_DUMP=<name> prints the graph after it. */
export function runPasses(graph: Graph, options: PipelineOptions = {}): Graph {
  return passes.reduce((g, p) => {
    const out = p.run(g, options);
    if (p.name !== "autodiff" || options.gradients) dump(p.name, () => printGraph(out));
    return out;
  }, graph);
}
