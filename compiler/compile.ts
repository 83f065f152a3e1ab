// The whole pipeline in one place: front end, passes, the schedule, the WGSL target.
import type { Manifest } from "../format/manifest.js";
import { CompileError, internalFailure } from "./diagnostics.js";
import { dump } from "./dump.js";
import { frontend } from "./frontend/frontend.js";
import type { Lowered } from "./frontend/lower.js";
import { printGraph } from "./ir/print.js";
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
  /** With gradients: store the forward loop's recurrent products for the backward loop ("save", the default) or recompute them ("recompute"). */
  activations?: "save" | "recompute";
  /** Run a loop without state as one map over all steps (true, the default) or step by step. */
  mapStateless?: boolean;
}

export function compile(path: string, text: string, overrides: Record<string, number> = {}, options: CompileOptions = {}): Compiled {
  const lowered = frontend(path, text, overrides, { dropout: options.gradients });
  try {
    return backend(path, lowered, options);
  } catch (e) {
    // What the checker accepted must compile: an unexpected failure is still a located message.
    if (!lowered.origin) throw e;
    throw new CompileError(lowered.origin.file, [internalFailure(e, lowered.origin.span)]);
  }
}

function backend(path: string, lowered: Lowered, options: CompileOptions): Compiled {
  dump("ir", () => printGraph(lowered.graph));
  const optimized = { ...lowered, graph: runPasses(lowered.graph, options) };
  const schedule = plan(optimized.graph);
  const manifest = codegen(schedule, { model: modelName(path), sizes: lowered.sizes, runtimeSizes: lowered.runtimeSizes, sizeLimits: lowered.sizeLimits, sourceName: path.replace(/^.*[\\/]/, "") });
  dump("schedule", () => printSchedule(schedule));
  dump("wgsl", () => manifest.kernels.map((k) => k.wgsl).join("\n"));
  return { lowered, optimized, schedule, manifest };
}

/** The model's name, from its file name: it names the module files, so it is kept to safe characters and a short length. */
export function modelName(path: string): string {
  const stem = path.replace(/^.*[\\/]/, "").replace(/\.cell$/, "");
  return stem.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "model";
}
