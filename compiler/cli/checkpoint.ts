// Checkpoints: tensors in step-stamped safetensors files, then a JSON sidecar naming them with
// their sizes and hashes, written last. A kill at any moment leaves the previous checkpoint
// whole; a damaged or truncated file is refused by its hash.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { readSafetensors, writeSafetensors, type NamedTensor } from "../../runtime/safetensors.js";
import { CliError, writeAtomic } from "./files.js";

export interface CheckpointInfo {
  format: "rnnc-checkpoint-1";
  model: string; // the .cell file's name
  sizes: Record<string, number>;
  vocab: string[];
  step: number;
  options: Record<string, number | string>;
  files: Record<"weights" | "state", { name: string; bytes: number; sha256: string }>;
}

const SIDECAR = "checkpoint.json";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function saveCheckpoint(dir: string, info: Omit<CheckpointInfo, "files" | "format">, weights: Record<string, NamedTensor>, state: Record<string, NamedTensor>) {
  const stamp = String(info.step).padStart(7, "0");
  const files = {} as CheckpointInfo["files"];
  for (const [kind, tensors] of [["weights", weights], ["state", state]] as const) {
    const bytes = writeSafetensors(tensors);
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
  if (info.format !== "rnnc-checkpoint-1" || !info.files?.weights || !info.files?.state) throw new CliError(`${sidecar} is not an rnnc checkpoint`, 1);
  const read = (kind: "weights" | "state") => {
    const f = info.files[kind];
    const path = join(dir, f.name);
    if (!existsSync(path)) throw new CliError(`checkpoint in '${dir}' is incomplete: ${f.name} is missing`, 1);
    const bytes = readFileSync(path);
    if (bytes.length !== f.bytes) throw new CliError(`checkpoint in '${dir}' is damaged: ${f.name} has ${bytes.length} bytes, ${f.bytes} were written (truncated?)`, 1);
    if (sha256(bytes) !== f.sha256) throw new CliError(`checkpoint in '${dir}' is damaged: ${f.name} does not match the hash written with it`, 1);
    return readSafetensors(bytes);
  };
  return { info, weights: read("weights"), state: read("state") };
}
