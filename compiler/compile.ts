// The whole pipeline in one place: front end, passes, the schedule, the WGSL target.
import type { Manifest } from "../format/manifest.js";
import { CompileError, internalFailure } from "./diagnostics.js";
import { dump } from "./dump.js";
import { frontend } from "./frontend/frontend.js";
import type { Lowered } from "./frontend/lower.js";
import { printGraph } from "./ir/print.js";
import { cacheForGeneration } from "./passes/cacheForGeneration.js";
import { runPasses } from "./passes/pipeline.js";
import { plan } from "./schedule/plan.js";
import type { Schedule } from "./schedule/schedule.js";
import { printSchedule } from "./schedule/print.js";
import { codegen } from "./targets/wgsl/codegen.js";

export interface Compiled {
  lowered: Lowered; // the IR as written
  optimized: Lowered; // after the passes
  schedule: Schedule;
  manifest: Manifest;
}

export interface CompileOptions {
  /**
   * Also compile a `train_step` entry: given seeds (inputs with role seed, `seed.<output>`),
   * it computes every gradient (outputs with role gradient, `grad.<param or input>`), with
   * the model's dropout switched on by its `dropout.active` input.
   */
  gradients?: boolean;
  /** With gradients: store the forward loop's gate pre-activations (the sums its recurrent products are terms of) for the backward loop ("save", the default) or recompute them ("recompute"). */
  activations?: "save" | "recompute";
  /**
   * With gradients: also the gradient of every input, `grad.<input>` (true, the default), or
   * only the parameters' (false: what training needs; a layer's input gradient is a product
   * over all steps that training would compute and never read).
   */
  inputGradients?: boolean;
  /** Run a loop without state as one map over all steps (true, the default) or step by step. */
  mapStateless?: boolean;
  /**
   * Run a loop whose step is elementwise in its state (minGRU, IndRNN) as one kernel in which
   * each thread steps its own elements through time (true, the default), or dispatch each step.
   */
  stepsInKernel?: boolean;
  /**
   * Move a loop's read-outs that reduce across a state's elements (linear attention's q·S) and
   * feed no state into a loop of their own without state, run over all steps at once (true, the
   * default), or keep them in the loop.
   */
  splitReadouts?: boolean;
  /** Sums over all steps and examples with few outputs (a small layer's weight gradients) run as strided parts (true, the default), or in one piece. */
  splitLongSums?: boolean;
  /** A product W·x_t of depth at most 16 in a step that runs inside one kernel (a minGRU layer's gates from a narrow input) is computed by each thread for its own elements, from rows of W in registers (true, the default), or hoisted: one product over all steps, stored and read back. */
  inlineProducts?: boolean;
  /** A sum over time of a loop's per-step output (a bias's gradient) is added up by the loop itself, a state from zeros (true, the default; where the loop's step is elementwise), or after it. */
  sumsInLoops?: boolean;
  /** An embedding's gradient sums only each table row's own positions, which the runtime sorts by id as it uploads the ids (true, the default), or every position for every row. */
  segmentEmbeddingGradients?: boolean;
  /** A step that is a product (U·h for every gate) and the elementwise kernel reading it (the gates and the state update) runs as one kernel (true, the default), or as two. */
  fuseStepEpilogue?: boolean;
  /** Let workspace regions whose lifetimes do not overlap share space (true, the default), or give each its own. */
  reuseMemory?: boolean;
  /** Matrix products read and write four floats at a time wherever strides allow (true, the default), or one at a time. */
  vec4Products?: boolean;
  /** A product whose rows are counted at run time also gets a kernel for one row, dispatched at batch 1 (true, the default). */
  oneRowProducts?: boolean;
  /** Elementwise kernels compute four elements at a time along the last axis wherever every value allows it (true, the default), or one. */
  vec4Elementwise?: boolean;
  /** A kernel that runs every step of a loop keeps its workgroup's threads at the same step, a barrier after each (true, the default), or lets each run ahead. */
  lockstepLoops?: boolean;
  /** Such a kernel computes up to eight fours of elements a thread, side by side (as many as divide the last axis), reading what they all need at their example's row once (true, the default), or one four. */
  foursTogetherInLoops?: boolean;
  /**
   * Compile the model to generate: only these outputs (and the states), and a loop that reads
   * a sequence whole reads it from a cache carried as a state (cacheForGeneration.ts). A model
   * that cannot be run so is refused with the reason.
   */
  generation?: { outputs: string[] };
}

/** The size that counts the positions a generation cache holds. */
export const CACHE_POSITIONS = "context";

export function compile(path: string, text: string, overrides: Record<string, number> = {}, options: CompileOptions = {}): Compiled {
  const lowered = frontend(path, text, overrides, { dropout: options.gradients });
  try {
    return backend(path, lowered, options);
  } catch (e) {
    // What the checker accepted must compile: an unexpected failure is still a located message.
    if (!lowered.origin || e instanceof GenerationError) throw e;
    throw new CompileError(lowered.origin.file, [internalFailure(e, lowered.origin.span)]);
  }
}

function backend(path: string, lowered: Lowered, options: CompileOptions): Compiled {
  if (options.generation) lowered = forGeneration(lowered, options.generation.outputs);
  dump("ir", () => printGraph(lowered.graph));
  const optimized = { ...lowered, graph: runPasses(lowered.graph, options) };
  const schedule = plan(optimized.graph, { stepsInKernel: options.stepsInKernel, fuseStepEpilogue: options.fuseStepEpilogue });
  const manifest = codegen(schedule, { model: modelName(path), sizes: lowered.sizes, runtimeSizes: lowered.runtimeSizes, sizeLimits: lowered.sizeLimits, sourceName: path.replace(/^.*[\\/]/, ""), reuseMemory: options.reuseMemory, vec4Products: options.vec4Products, oneRowProducts: options.oneRowProducts, vec4Elementwise: options.vec4Elementwise, lockstepLoops: options.lockstepLoops, foursTogetherInLoops: options.foursTogetherInLoops });
  dump("schedule", () => printSchedule(schedule));
  dump("wgsl", () => manifest.kernels.map((k) => k.wgsl).join("\n"));
  return { lowered, optimized, schedule, manifest };
}

/** The model's name, from its file name: it names the module files, so it is kept to safe characters and a short length. */
export function modelName(path: string): string {
  const stem = path.replace(/^.*[\\/]/, "").replace(/\.cell$/, "");
  return stem.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "model";
}

/** The model rewritten to generate with a cache, its cache length a run-time size as long as time may be. */
function forGeneration(lowered: Lowered, outputs: string[]): Lowered {
  if (Object.hasOwn(lowered.sizes, CACHE_POSITIONS) || lowered.runtimeSizes.includes(CACHE_POSITIONS))
    throw new GenerationError(`the model declares a size '${CACHE_POSITIONS}', the name generation gives its cache length; rename that size`);
  const cached = cacheForGeneration(lowered.graph, outputs, CACHE_POSITIONS);
  if ("reason" in cached) throw new GenerationError(`this model cannot generate one position at a time: ${cached.reason}`);
  const uses = cached.graph.nodes.some((n) => n.shape.includes(CACHE_POSITIONS));
  if (!uses) return { ...lowered, graph: cached.graph };
  const time = lowered.runtimeSizes.find((s) => cached.graph.nodes.some((n) => n.op === "causal_mask" && n.shape[0] === s));
  const limits = lowered.sizeLimits.filter((l) => l.size === time).map((l) => ({ ...l, size: CACHE_POSITIONS }));
  return { ...lowered, graph: cached.graph, runtimeSizes: [...lowered.runtimeSizes, CACHE_POSITIONS], sizeLimits: [...lowered.sizeLimits, ...limits] };
}

/** A model compiled to generate that cannot be. */
export class GenerationError extends Error {}
