// Stage dumps for debugging: RNNC_DUMP=ir,autodiff,hoist-time-invariant,schedule,wgsl (or
// RNNC_DUMP=all) prints each named stage to stderr as the compiler passes it. Stages: ast,
// ir (as lowered), autodiff, each pass by name (passes/pipeline.ts), schedule, wgsl.

const requested = (): Set<string> => {
  const env = typeof process !== "undefined" ? process.env?.RNNC_DUMP : undefined;
  return new Set((env ?? "").split(",").map((s) => s.trim()).filter(Boolean));
};

/** Print `stage` if asked for; `text` is only built when it is. */
export function dump(stage: string, text: () => string) {
  const wanted = requested();
  if (!wanted.has(stage) && !wanted.has("all")) return;
  console.error(`==== ${stage} ====\n${text()}\n`);
}
