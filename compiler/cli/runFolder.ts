// A training run's folder: one trainer at a time (a lock file that a crash cannot leave stuck),
// only rnnc's own files touched, and what a killed run left half-written cleaned up.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { CliError, fileErrorReason, makeFolder } from "./files.js";

/** The files a run writes (and their temporary names while being written). */
const RUN_FILE = /^(checkpoint\.json|loss\.csv|loss\.svg|lock|(weights|state)-\d+\.safetensors)(\.tmp-\d+)?$/;
const LOCK = "lock";

/** Open a run folder for a trainer: created if missing, locked, cleaned. Returns the release. */
export function openRunFolder(dir: string, opts: { fresh: boolean; force: boolean }): () => void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`'${dir}' is a file; give a folder for the run (it is created if missing)`);
  makeFolder(dir, "run folder");
  if (opts.fresh && !opts.force) refuseUsedFolder(dir);
  takeLock(dir);
  // Under the lock no one else writes here: any temporary file is a killed run's leftover.
  for (const f of readdirSync(dir)) if (RUN_FILE.test(f) && /\.tmp-\d+$/.test(f)) rmSync(join(dir, f), { force: true });
  let held = true;
  const release = () => {
    if (held && lockOwner(dir)?.pid === process.pid) rmSync(join(dir, LOCK), { force: true });
    held = false;
  };
  process.once("exit", release);
  return release;
}

/** A new run starts in an empty folder: it must not mix with, or overwrite, anything there. */
function refuseUsedFolder(dir: string) {
  const entries = readdirSync(dir);
  if (entries.includes("checkpoint.json")) throw new CliError(`'${dir}' already holds a run; continue it with --resume ${dir}, or choose another folder`);
  const foreign = entries.filter((f) => !RUN_FILE.test(f));
  if (foreign.length) throw new CliError(`'${dir}' holds files rnnc did not write (${list(foreign)}); choose a new or empty folder, or pass --force to train beside them`);
  const remains = entries.filter((f) => f !== LOCK && !/\.tmp-\d+$/.test(f));
  if (remains.length) throw new CliError(`'${dir}' holds the remains of a run that never saved a checkpoint (${list(remains)}); remove them, or pass --force to overwrite them`);
}

function takeLock(dir: string) {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname() }), { flag: "wx" });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new CliError(`cannot write in the run folder '${dir}': ${fileErrorReason(e)}`);
    }
    const owner = lockOwner(dir);
    if (owner && isRunning(owner)) throw new CliError(`another trainer (process ${owner.pid}${owner.host === hostname() ? "" : ` on ${owner.host}`}) is using '${dir}'; wait for it to finish or stop it`, 1);
    rmSync(path, { force: true }); // left by a trainer that died
  }
  throw new CliError(`could not lock the run folder '${dir}': another trainer keeps taking it`, 1);
}

function lockOwner(dir: string): { pid: number; host: string } | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, LOCK), "utf8"));
    return Number.isInteger(owner?.pid) && typeof owner?.host === "string" ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** A lock held on another machine (a shared folder) is trusted; on this one, its process must be alive. */
function isRunning(owner: { pid: number; host: string }): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const list = (names: string[]) => names.slice(0, 5).join(", ") + (names.length > 5 ? `, and ${names.length - 5} more` : "");
