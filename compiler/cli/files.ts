// File helpers for the CLI: reads that explain failures, and writes that never leave half a file.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { readSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { CharText, decodeUtf8 } from "../../runtime/text.js";

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

/**
 * A training text, read in chunks into character ids: never one string, so its size is bounded
 * by memory for the ids (4 bytes a character), not by JavaScript's longest string or array.
 */
export async function readCorpus(path: string, vocab?: string[], chunkBytes = 1 << 24): Promise<CharText> {
  if (!existsSync(path)) throw new CliError(`training text '${path}' does not exist`);
  const stat = statSync(path);
  if (stat.isDirectory()) throw new CliError(`training text '${path}' is a folder; give a file`);
  let text: CharText;
  try {
    text = await CharText.read(fileChunks(path, chunkBytes), { byteLength: stat.size, vocab });
  } catch (e) {
    const hint = /vocabulary lacks/.test((e as Error).message) ? "; resume with the text the run was trained on" : "";
    throw new CliError(`training text '${path}': ${fileErrorReason(e)}${hint}`, 1);
  }
  if (!text.length) throw new CliError(`training text '${path}' is empty`, 1);
  return text;
}

function* fileChunks(path: string, chunkBytes: number): Generator<Uint8Array> {
  const fd = openSync(path, "r");
  try {
    for (;;) {
      const chunk = new Uint8Array(chunkBytes);
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) return;
      yield chunk.subarray(0, n);
    }
  } finally {
    closeSync(fd);
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
