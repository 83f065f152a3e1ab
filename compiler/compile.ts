// The whole pipeline in one place: front end, passes, codegen.
import type { Manifest } from "../runtime/manifest.js";
import { codegen } from "./codegen/codegen.js";
import { frontend } from "./frontend.js";
import type { Lowered } from "./ir/lower.js";
import { optimize } from "./passes/pipeline.js";

export interface Compiled {
  lowered: Lowered; // the IR as written
  optimized: Lowered; // after the passes
  manifest: Manifest;
}

export function compile(path: string, text: string, overrides: Record<string, number> = {}): Compiled {
  const lowered = frontend(path, text, overrides);
  const optimized = { ...lowered, graph: optimize(lowered.graph) };
  const model = path.replace(/^.*[\\/]/, "").replace(/\.cell$/, "");
  const manifest = codegen(optimized.graph, { model, sizes: lowered.sizes, runtimeSizes: lowered.runtimeSizes, sourceName: path.replace(/^.*[\\/]/, "") });
  return { lowered, optimized, manifest };
}
