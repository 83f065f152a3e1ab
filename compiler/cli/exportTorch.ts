// `rnnc export --torch`: the model as a PyTorch module, and beside it the script that trains
// any such module with torchrun (compiler/targets/torch/rnnc_train.py, shipped as it is).
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../compile.js";
import { frontend } from "../frontend/frontend.js";
import { runPasses } from "../passes/pipeline.js";
import { torchModule } from "../targets/torch/module.js";
import { CliError, readText, writeAtomic } from "./files.js";

const TRAINER = "rnnc_train.py";
/** The trainer's first line: a file that starts with it is rnnc's, and may be replaced. */
const TRAINER_MARK = "# rnnc_train.py: ";

/** The module's text for a .cell file (its path and text) at these sizes. */
export function torchModuleFor(path: string, text: string, overrides: Record<string, number>, version: string): string {
  // The manifest's parameter order is the order rnnc draws initial weights in.
  const { manifest } = compile(path, text, overrides);
  const lowered = frontend(path, text, overrides, { dropout: true });
  // The passes' form: loops without state as maps over all steps, input products before the
  // loop, small ones too (a product computed per step is for a GPU kernel, not a Python loop).
  const optimized = { ...lowered, graph: runPasses(lowered.graph, { inlineProducts: false }) };
  return torchModule({ lowered: optimized, params: manifest.params, file: { name: basename(path), text }, overrides, version });
}

/** Writes the module to `out` and the trainer beside it; the files written. */
export function exportTorch(path: string, out: string, overrides: Record<string, number>, version: string): { module: string; trainer?: string; kept?: string } {
  if (!out.endsWith(".py")) throw new CliError(`-o ${out}: the module is a Python file; name it NAME.py (Python imports it by that name)`);
  const module = torchModuleFor(path, readText(path, "model file"), overrides, version);
  writeAtomic(out, module);
  const trainerPath = join(dirname(out), TRAINER);
  if (existsSync(trainerPath) && !readFileSync(trainerPath, "utf8").startsWith(TRAINER_MARK)) return { module: out, kept: trainerPath };
  writeAtomic(trainerPath, trainerScript());
  return { module: out, trainer: trainerPath };
}

/** The trainer as shipped in the package (beside dist/, under compiler/targets/torch/). */
function trainerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return readFileSync(join(here, "../../../compiler/targets/torch", TRAINER), "utf8");
}
