// Workgroup shapes and tiles chosen per adapter. A product kernel computes the same outputs in
// the same way whatever its workgroup's shape, and whatever rows each thread's tile has (each
// output is one thread's dot product), so the compiler lists those it may run with
// (KernelSpec.workgroups, tileRows) and the runtime times them on the adapter at hand: llvmpipe
// wants few threads a workgroup (it runs each on one core) and large tiles, a hardware GPU 64
// threads or more and tiles small enough for its registers. The choices are cached per adapter,
// kernel and sizes: in Node in a JSON file, in a browser in localStorage. Isomorphic: Node's
// modules are imported only when running in Node.
import type { KernelSpec } from "../format/manifest.js";

/** How a kernel runs: its workgroup's shape and, where the kernel lets the runtime set it, the rows of a thread's tile. */
export interface Variant {
  workgroup: number[];
  rows?: number;
}

/** Where chosen variants are kept, by `choiceKey`. */
export interface WorkgroupCache {
  get(key: string): Variant | undefined;
  set(key: string, variant: Variant): void;
}

/** The variant a kernel was compiled with. */
export const compiledVariant = (kernel: KernelSpec): Variant => ({ workgroup: kernel.workgroup, ...(kernel.tileRows ? { rows: kernel.tileRows[0] } : {}) });

export const sameVariant = (a: Variant, b: Variant) => a.workgroup.join() === b.workgroup.join() && a.rows === b.rows;

export const variantText = (v: Variant) => `${v.workgroup.join("x")}${v.rows === undefined ? "" : `, tiles of ${v.rows} rows`}`;

/** The override constants that make a kernel run as this variant. */
export function variantConstants(kernel: KernelSpec, v: Variant): Record<string, number> {
  const [x, y = 1, z = 1] = v.workgroup;
  return { ...(kernel.workgroups ? { workgroup_x: x, workgroup_y: y, workgroup_z: z } : {}), ...(kernel.tileRows && v.rows !== undefined ? { tile_rows: v.rows } : {}) };
}

/** Whether the device allows a workgroup of this shape. */
export function allowed(shape: number[], limits: GPUSupportedLimits): boolean {
  const [x, y = 1, z = 1] = shape;
  return x <= limits.maxComputeWorkgroupSizeX && y <= limits.maxComputeWorkgroupSizeY && z <= limits.maxComputeWorkgroupSizeZ && x * y * z <= limits.maxComputeInvocationsPerWorkgroup;
}

/** A kernel's workgroup shapes the device allows: its compiled one always, then the others listed. */
export function shapesAllowed(kernel: KernelSpec, limits: GPUSupportedLimits): number[][] {
  return [kernel.workgroup, ...(kernel.workgroups ?? []).slice(1).filter((s) => allowed(s, limits))];
}

/** Whether a variant is one the kernel lists and the device allows (a cached one may be neither). */
export function isListed(kernel: KernelSpec, v: Variant, limits: GPUSupportedLimits): boolean {
  const rowsListed = kernel.tileRows ? v.rows !== undefined && kernel.tileRows.includes(v.rows) : v.rows === undefined;
  return rowsListed && shapesAllowed(kernel, limits).some((s) => s.join() === v.workgroup.join());
}

/** The cache key of a kernel's choice: its name and text (a recompiled kernel is another), and the sizes it ran at. */
export function choiceKey(kernel: KernelSpec, sizes: Record<string, number>): string {
  const at = Object.keys(sizes).sort().map((k) => `${k}=${sizes[k]}`).join(",");
  return `${kernel.name}#${fnv1a(kernel.wgsl)}@${at}`;
}

/** The adapter a device came from, as the cache tells adapters apart. */
export function adapterKey(device: GPUDevice): string {
  const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  return info ? [info.vendor, info.architecture, info.device, info.description].join("|") : "unknown adapter";
}

/** Choices kept for this process only. */
export function memoryCache(): WorkgroupCache {
  const map = new Map<string, Variant>();
  return { get: (key) => map.get(key), set: (key, variant) => void map.set(key, variant) };
}

/**
 * The cache that outlives the process, for one adapter: localStorage in a browser; in Node the
 * file `workgroups.json` in $RNNC_CACHE_DIR, else $XDG_CACHE_HOME/rnnc, else ~/.cache/rnnc.
 * Where neither can be written, choices are kept for this process only. An unreadable file is
 * started afresh: it holds nothing that cannot be measured again.
 */
export async function persistentCache(adapter: string): Promise<WorkgroupCache> {
  const storage = (globalThis as { localStorage?: Storage }).localStorage;
  if (storage) {
    const prefix = `rnnc.workgroups.${adapter}.`;
    return {
      get: (key) => variantOrUndefined(parse(storage.getItem(prefix + key))),
      set: (key, variant) => {
        try {
          storage.setItem(prefix + key, JSON.stringify(variant));
        } catch {} // storage full or refused: measured again next time
      },
    };
  }
  const isNode = typeof process !== "undefined" && !!process.versions?.node;
  if (!isNode) return memoryCache();
  // Variable module names keep browser bundlers from resolving Node's modules.
  const [fsName, pathName, osName] = ["node:fs", "node:path", "node:os"];
  const fs: typeof import("node:fs") = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName);
  const path: typeof import("node:path") = await import(/* webpackIgnore: true */ /* @vite-ignore */ pathName);
  const os: typeof import("node:os") = await import(/* webpackIgnore: true */ /* @vite-ignore */ osName);
  const dir = process.env.RNNC_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "rnnc");
  const file = path.join(dir, "workgroups.json");
  const readAll = (): Record<string, Record<string, unknown>> => {
    const all = parse(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);
    return all && typeof all === "object" && !Array.isArray(all) ? (all as Record<string, Record<string, unknown>>) : {};
  };
  return {
    get: (key) => variantOrUndefined(readAll()[adapter]?.[key]),
    set: (key, variant) => {
      try {
        const all = readAll();
        all[adapter] = { ...(typeof all[adapter] === "object" ? all[adapter] : {}), [key]: variant };
        fs.mkdirSync(dir, { recursive: true });
        const partial = `${file}.${process.pid}`;
        fs.writeFileSync(partial, JSON.stringify(all, null, 1));
        fs.renameSync(partial, file); // whole or not at all, if another process writes too
      } catch {} // a read-only home: measured again next time
    },
  };
}

function parse(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A cached value that is a variant (a shape of 1 to 3 positive integers, rows a positive integer if any), else undefined. */
function variantOrUndefined(value: unknown): Variant | undefined {
  const positive = (n: unknown) => Number.isInteger(n) && (n as number) > 0;
  if (!value || typeof value !== "object") return undefined;
  const { workgroup, rows } = value as { workgroup?: unknown; rows?: unknown };
  if (!Array.isArray(workgroup) || workgroup.length < 1 || workgroup.length > 3 || !workgroup.every(positive)) return undefined;
  if (rows !== undefined && !positive(rows)) return undefined;
  return { workgroup, ...(rows === undefined ? {} : { rows: rows as number }) };
}

/** A short hash of a kernel's text (FNV-1a, 32 bits). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}
