// Checkpoints: tensors in step-stamped safetensors files, then a JSON sidecar naming them with
// their sizes and hashes, written last. A kill at any moment leaves the previous checkpoint
// whole; a damaged or truncated file is refused by its hash. The state file also records the
// sidecar's facts (step, vocabulary, options) under its hash, so an edited sidecar is refused too.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { readSafetensors, readSafetensorsMetadata, writeSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { CliError, writeAtomic } from "./files.js";

export interface CheckpointInfo {
  format: "rnnc-checkpoint-1";
  model: string; // the .cell file's name
  sizes: Record<string, number>;
  vocab: string[]; // a language model's characters; an encoder–decoder's source characters
  targetVocab?: string[]; // an encoder–decoder's target characters
  tags?: string[]; // a tagger's tags
  step: number;
  seconds?: number; // training seconds up to the step, which a time budget (--time) counts
  options: Record<string, number | string>;
  files: Record<"weights" | "state", { name: string; bytes: number; sha256: string }>;
}

const SIDECAR = "checkpoint.json";
const RECORD = "rnnc.checkpoint"; // the state file's metadata key holding the sidecar's facts
type Facts = Omit<CheckpointInfo, "files" | "format">;
const factsOf = (info: Facts): string => JSON.stringify([info.model, info.sizes, info.vocab, info.step, info.options, ...(info.targetVocab ? [info.targetVocab] : []), ...(info.tags ? [{ tags: info.tags }] : [])]);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function saveCheckpoint(dir: string, info: Omit<CheckpointInfo, "files" | "format">, weights: Record<string, NamedTensor>, state: Record<string, NamedTensor>) {
  const stamp = String(info.step).padStart(7, "0");
  const files = {} as CheckpointInfo["files"];
  for (const [kind, tensors] of [["weights", weights], ["state", state]] as const) {
    const bytes = writeSafetensors(tensors, kind === "state" ? { [RECORD]: factsOf(info) } : undefined);
    const name = `${kind}-${stamp}.safetensors`;
    writeAtomic(join(dir, name), bytes);
    files[kind] = { name, bytes: bytes.length, sha256: sha256(bytes) };
  }
  writeAtomic(join(dir, SIDECAR), JSON.stringify({ format: "rnnc-checkpoint-1", ...info, files }, null, 2));
  // Older checkpoints' files are no longer named by the sidecar.
  const keep = new Set(Object.values(files).map((f) => f.name));
  for (const f of readdirSync(dir)) if (/^(weights|state)-\d+\.safetensors$/.test(f) && !keep.has(f)) rmSync(join(dir, f), { force: true });
}

export function loadCheckpoint(dir: string): { info: CheckpointInfo; weights: Record<string, NamedTensor>; state: Record<string, NamedTensor> } {
  const sidecar = join(dir, SIDECAR);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`checkpoint folder '${dir}' does not exist`);
  if (!existsSync(sidecar)) throw new CliError(`'${dir}' holds no checkpoint (no ${SIDECAR}); train with -o ${dir} first`, 1);
  let info: CheckpointInfo;
  try {
    info = JSON.parse(readFileSync(sidecar, "utf8"));
  } catch {
    throw new CliError(`${sidecar} is not valid JSON: the checkpoint is damaged`, 1);
  }
  const problem = schemaProblem(info);
  if (problem) throw new CliError(`${sidecar} is not a valid rnnc checkpoint: ${problem}`, 1);
  const read = (kind: "weights" | "state") => {
    const f = info.files[kind];
    const path = join(dir, f.name);
    if (!existsSync(path)) throw new CliError(`checkpoint in '${dir}' is incomplete: ${f.name} is missing`, 1);
    const bytes = readFileSync(path);
    if (bytes.length !== f.bytes) throw new CliError(`checkpoint in '${dir}' is damaged: ${f.name} has ${bytes.length} bytes, ${f.bytes} were written (truncated?)`, 1);
    if (sha256(bytes) !== f.sha256) throw new CliError(`checkpoint in '${dir}' is damaged: ${f.name} does not match the hash written with it`, 1);
    try {
      return { tensors: readSafetensors(bytes), metadata: readSafetensorsMetadata(bytes) };
    } catch (e) {
      throw new CliError(`checkpoint in '${dir}' is damaged: ${f.name}: ${(e as Error).message}`, 1);
    }
  };
  const weights = read("weights");
  const state = read("state");
  const recorded = state.metadata[RECORD];
  if (recorded !== undefined && recorded !== factsOf(info))
    throw new CliError(`${sidecar} was edited: its step, vocabulary, sizes or options differ from those saved with the checkpoint's files; restore it, or start a new run`, 1);
  return { info, weights: weights.tensors, state: state.tensors };
}

/** What is wrong with a sidecar's shape, if anything. File names stay inside the run folder. */
function schemaProblem(info: CheckpointInfo): string | undefined {
  if (!info || typeof info !== "object") return "it is not an object";
  if (info.format !== "rnnc-checkpoint-1") return `its format is ${JSON.stringify(info.format)}, not "rnnc-checkpoint-1"`;
  if (typeof info.model !== "string") return "'model' is not a file name";
  if (!Number.isSafeInteger(info.step) || info.step < 1) return `'step' is ${JSON.stringify(info.step)}, not a step number`;
  if (!info.sizes || typeof info.sizes !== "object" || !Object.values(info.sizes).every((v) => Number.isSafeInteger(v) && v > 0)) return "'sizes' are not whole numbers";
  const characters = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === "string" && [...c].length === 1) && new Set(v).size === v.length;
  if (!characters(info.vocab)) return "'vocab' is not a list of distinct characters";
  if (info.targetVocab !== undefined && !characters(info.targetVocab)) return "'targetVocab' is not a list of distinct characters";
  if (info.tags !== undefined && !characters(info.tags)) return "'tags' is not a list of distinct characters";
  if (!info.options || typeof info.options !== "object" || !Object.values(info.options).every((v) => typeof v === "string" || Number.isFinite(v))) return "'options' are not numbers and names";
  const stamp = String(info.step).padStart(7, "0");
  for (const kind of ["weights", "state"] as const) {
    const f = info.files?.[kind];
    if (!f || f.name !== `${kind}-${stamp}.safetensors`) return `the ${kind} file should be ${kind}-${stamp}.safetensors (for step ${info.step}), not ${JSON.stringify(f?.name)}`;
    if (!Number.isSafeInteger(f.bytes) || typeof f.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(f.sha256)) return `the ${kind} file's size or hash is missing`;
  }
  return undefined;
}
