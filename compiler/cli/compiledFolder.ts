// The folder `rnnc compile` writes: an ES-module package with the model's module (its schedule
// and kernels inside: the one copy of the WGSL), its types, and only the runtime modules that
// the module and its entries need. A recompile removes what the last compile wrote and this one
// does not; nothing else in the folder is touched.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import type { Manifest } from "../../format/manifest.js";
import { writeSafetensors, type NamedTensor } from "../../format/safetensors.js";
import { emitModule } from "../targets/wgsl/module.js";
import { makeFolder, writeAtomic } from "./files.js";

const TRAINED_WEIGHTS = "weights.safetensors";
const PACKAGE_MARK = "written by rnnc compile, which rewrites it on every compile";
/** The built package's root (dist/), where the runtime's modules are; beside the sources when run from them (the tests). */
const here = dirname(fileURLToPath(import.meta.url));
const BUILT = [join(here, "../.."), join(here, "../../dist")].find((root) => existsSync(join(root, "runtime", "model.js"))) ?? join(here, "../..");

export interface CompiledFolder {
  files: string[]; // every file written, relative to the folder
  packaged: boolean; // false when a package.json rnnc did not write was left alone
}

/** Write `manifest` as a module in `out`; `weights`: a trained run's, written beside it for loadTrained(). */
export function writeCompiledFolder(out: string, manifest: Manifest, source: string, weights?: Record<string, NamedTensor>): CompiledFolder {
  makeFolder(out);
  const before = recordedFiles(out);
  const written = new Map<string, string | Uint8Array>();
  if (weights) written.set(TRAINED_WEIGHTS, writeSafetensors(weights));
  const { js, dts } = emitModule(manifest, source, weights ? TRAINED_WEIGHTS : undefined);
  written.set(`${manifest.model}.js`, js);
  written.set(`${manifest.model}.d.ts`, dts);
  // A model compiled to train gets the whole runtime API (runtime/index.js): trainer, optimizer, text.
  const roots = [...importsOf(js, ""), ...importsOf(dts, ""), ...(manifest.entries.train_step ? ["runtime/index", "format/index"] : [])];
  for (const file of runtimeFiles(roots)) written.set(file, readFileSync(join(BUILT, file)));
  for (const [file, data] of written) writeAtomic(join(out, file), data);
  for (const file of before) if (!written.has(file)) rmSync(join(out, file), { force: true });
  const packaged = writePackageJson(out, manifest.model, [...written.keys()].sort());
  return { files: [...written.keys(), ...(packaged ? ["package.json"] : [])].sort(), packaged };
}

/** The modules (as "runtime/model", without extension) a module text imports, relative to the folder. */
function importsOf(text: string, from: string): string[] {
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*"(\.{1,2}\/[^"]+)\.js"/g)].map((m) => m[1]);
  return specifiers.map((s) => posix.join(posix.dirname(from), s));
}

/** The .js and .d.ts files of `roots` and of everything they import, in the built package. */
function runtimeFiles(roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (module: string) => {
    if (seen.has(module)) return;
    seen.add(module);
    for (const ext of [".js", ".d.ts"]) importsOf(readFileSync(join(BUILT, module + ext), "utf8"), module).forEach(visit);
  };
  roots.forEach(visit);
  return [...seen].flatMap((m) => [`${m}.js`, `${m}.d.ts`]);
}

/** rnnc's package.json from the last compile, if the folder has one. */
function ownPackage(out: string): { files?: unknown } | undefined {
  const path = join(out, "package.json");
  try {
    const pkg = JSON.parse(readFileSync(path, "utf8"));
    return pkg?.["//"] === PACKAGE_MARK ? pkg : undefined;
  } catch {
    return undefined; // none, or not rnnc's: not touched
  }
}

/** The files the last compile wrote, as its package.json lists them (plain relative names only). */
function recordedFiles(out: string): string[] {
  const files = ownPackage(out)?.files;
  if (!Array.isArray(files)) return [];
  return files.filter((f): f is string => typeof f === "string" && /^(?:(runtime|format)\/)?[A-Za-z0-9_.-]+$/.test(f) && !f.includes(".."));
}

/**
 * The compiled folder as an ES-module package, so an app whose own package.json says CommonJS
 * (npm init's default) still loads the module; its `files` is also the record a recompile
 * cleans up by. A package.json rnnc did not write is left alone.
 */
function writePackageJson(out: string, model: string, files: string[]): boolean {
  if (existsSync(join(out, "package.json")) && !ownPackage(out)) return false;
  const pkg = {
    "//": PACKAGE_MARK,
    name: model.toLowerCase(),
    private: true,
    type: "module",
    main: `./${model}.js`,
    types: `./${model}.d.ts`,
    exports: { ".": { types: `./${model}.d.ts`, default: `./${model}.js` } },
    files,
  };
  writeAtomic(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  return true;
}
