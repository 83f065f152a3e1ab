// What the compiler writes and the runtime reads: the manifest, size expressions, safetensors.
export type * from "./manifest.js";
export { add, bindShapes, constant, evalSize, product, sizeText, times, type SizeExpr } from "./sizes.js";
export { readSafetensors, readSafetensorsMetadata, SafetensorsError, writeSafetensors, type NamedTensor } from "./safetensors.js";
