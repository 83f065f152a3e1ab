// File helpers for the CLI: reads that explain failures, and writes that never leave half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { readSafetensors, type NamedTensor } from "../../format/safetensors.js";
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
  if (existsSync(path) && statSync(path).isDirectory()) throw new CliError(`cannot write '${path}': it is a folder; give a file name`);
  const tmp = `${path}.tmp-${process.pid}`;
  makeFolder(dirname(path) || ".");
  try {
    writeFileSync(tmp, data);
    faultPoint();
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temporary name was never made (too long, say)
    }
    throw new CliError(`cannot write '${path}': ${fileErrorReason(e)}`);
  }
  faultPoint();
}

/**
 * mkdir -p, one folder at a time from the deepest that exists. (Node's recursive mkdir never
 * returns for a path under /proc, where mkdir fails with ENOENT below an existing folder.)
 */
export function makeFolder(path: string, what = "folder") {
  const missing: string[] = [];
  for (let p = resolve(path); !existsSync(p); p = dirname(p)) missing.unshift(p);
  try {
    for (const p of missing) mkdirSync(p);
  } catch (e) {
    throw new CliError(`cannot create the ${what} '${path}': ${fileErrorReason(e)}`);
  }
}

/** A file system error in words. */
export function fileErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { EACCES: "permission denied", EPERM: "permission denied", EROFS: "the file system is read-only", ENOTDIR: "a part of the path is a file", ENAMETOOLONG: "the name is too long", ENOSPC: "the disk is full", EISDIR: "it is a folder", ENOENT: "the system allows no folder there" };
  return (code && words[code]) ?? (e as Error).message;
}

// Fault injection for the kill-and-resume test: RNNC_KILL_AT_WRITE=N kills this process at the
// Nth point of writing files (each atomic write has two: just before and just after its rename).
let writePoints = 0;
function faultPoint() {
  const at = Number(process.env.RNNC_KILL_AT_WRITE);
  if (at && ++writePoints === at) process.kill(process.pid, "SIGKILL");
}
