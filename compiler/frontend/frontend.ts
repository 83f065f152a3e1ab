// .cell text -> checked IR: parse, check, lower. Errors come back as one CompileError.
import { check } from "./check/check.js";
import { dump } from "../dump.js";
import { CompileError, SourceFile } from "../diagnostics.js";
import { MAX_ELEMENTS } from "../ir/graph.js";
import { lower, type LowerOptions, type Lowered } from "./lower.js";
import { parse } from "./syntax/parse.js";

/** Model files beyond this are refused: checking stays under about two seconds. */
export const MAX_SOURCE_CHARS = 1_000_000;

export function frontend(path: string, text: string, overrides: Record<string, number> = {}, options: LowerOptions = {}): Lowered {
  text = text.replace(/^\uFEFF/, ""); // a byte-order mark is not part of the model
  const file = new SourceFile(path, text);
  if (text.length > MAX_SOURCE_CHARS)
    throw new CompileError(file, [{ message: `the file holds ${text.length.toLocaleString("en")} characters; rnnc reads model files of up to ${MAX_SOURCE_CHARS.toLocaleString("en")} (a model is usually a few thousand)`, span: { start: 0, end: 1 } }]);
  const parsed = parse(text);
  if (!parsed.program) throw new CompileError(file, parsed.diagnostics);
  dump("ast", () => JSON.stringify(parsed.program, (key, value) => (key === "span" ? undefined : value), 1));
  const problems = check(parsed.program);
  if (problems.length) throw new CompileError(file, problems);
  const declared = new Map(parsed.program.sizes.map((s) => [s.name.text, s]));
  for (const [name, value] of Object.entries(overrides)) {
    const decl = declared.get(name);
    if (!decl) throw new UsageError(`--set ${name}=${value}: the model declares no size '${name}' (its sizes: ${[...declared.keys()].join(", ")})`);
    if (decl.value === undefined) throw new UsageError(`--set ${name}=${value}: size '${name}' is bound from the inputs' shapes at run time, not set`);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--set ${name}=${value}: a size must be a positive whole number`);
    if (value > MAX_ELEMENTS) throw new UsageError(`--set ${name}=${value}: a size is at most ${MAX_ELEMENTS}, as kernels index with 32-bit numbers`);
  }
  const lowered = lower(parsed.program, file, overrides, options);
  if (!lowered.lowered) throw new CompileError(file, lowered.diagnostics);
  return lowered.lowered;
}

/** A mistake in how the compiler was called (not in the .cell file). */
export class UsageError extends Error {}
