// The package's runtime API: run, train and sample compiled models on WebGPU, in Node
// (with the optional `webgpu` package) or in a browser. Imports nothing from the compiler.
export { acquireDevice, GpuError, GpuUnavailableError, type AcquiredDevice } from "./device.js";
export { Model, ModelInputError, type ModelOptions, type SubmitContext, type SubmitOptions } from "./model.js";
export { memoryCache, persistentCache, type WorkgroupCache } from "./workgroups.js";
export { Optimizer, type OptimizerOptions } from "./optimizer.js";
export { carriedPairs, learningRate, Trainer, type TrainerOptions } from "./trainer.js";
export { languageModelProblem, trainLanguageModel, TrainingError, type TrainingHooks, type TrainingOptions, type TrainingState } from "./training.js";
export { pick, sampleText, type SamplingOptions } from "./sampling.js";
export { pairBatch, PairVocab, sourceBatch, trainTranslation, translate, translationProblem, type Decoded, type DecodeOptions } from "./translation.js";
export { paddedIds, trainOnPairs, type PairTrainingOptions } from "./pairs.js";
export { batchAt, batchesPerEpoch, CharText, decodeUtf8, TextTooLargeError, type ByteSource } from "./text.js";
export { Random } from "./random.js";
export { calendarDate, dateFormats, dateSplits, isoDate, type CalendarDate, type DateFormat } from "./tasks/dates.js";
export { bracketSplits, bracketTags } from "./tasks/brackets.js";
export { toTsv, type Pair, type SplitCounts, type Splits } from "./tasks/splits.js";
export { readSafetensors, readSafetensorsMetadata, SafetensorsError, writeSafetensors, type NamedTensor } from "../format/safetensors.js";
