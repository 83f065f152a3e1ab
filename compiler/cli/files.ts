// File helpers for the CLI: reads that explain failures, and writes that never leave half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readSafetensors, type NamedTensor } from "../../runtime/safetensors.js";
import { decodeUtf8 } from "../../runtime/text.js";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** A UTF-8 text file; a byte-order mark is not part of the text. */
export function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new CliError(`${what} '${path}' does not exist`);
  if (statSync(path).isDirectory()) throw new CliError(`${what} '${path}' is a folder; give a file`);
  try {
    return decodeUtf8(readFileSync(path)).replace(/^\uFEFF/, "");
  } catch (e) {
    throw new CliError(`${what} '${path}': ${(e as Error).message}`, 1);
  }
}

export function readTensors(path: string, what: string): Record<string, NamedTensor> {
  if (!existsSync(path)) throw new CliError(`${what} '${path}' does not exist`);
  try {
    return readSafetensors(readFileSync(path));
  } catch (e) {
    throw new CliError(`${what} '${path}': ${(e as Error).message}`, 1);
  }
}

/** Write to a temporary name, then rename: a reader sees the old file or the whole new one. */
export function writeAtomic(path: string, data: string | Uint8Array) {
  mkdirSync(dirname(path) || ".", { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
