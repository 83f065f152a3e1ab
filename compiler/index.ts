// The package's compiler API: a .cell text in, a checked IR, a schedule and a manifest out.
// `rnnc/runtime` runs what this produces; `rnnc/format` is what the two share.
export { compile, modelName, type Compiled, type CompileOptions } from "./compile.js";
export { CompileError, formatDiagnostic, SourceFile, type Diagnostic, type Span } from "./diagnostics.js";
export { frontend, UsageError } from "./frontend/frontend.js";
export { printGraph } from "./ir/print.js";
export { printSchedule } from "./schedule/print.js";
export { emitModule } from "./targets/wgsl/module.js";
export type * from "../format/manifest.js";
