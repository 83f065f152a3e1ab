// Workgroup shapes chosen per adapter. A product kernel computes the same outputs in the same
// way whatever its workgroup's shape (each thread its own tile), so the compiler lists shapes
// it may run with (KernelSpec.workgroups) and the runtime times them on the adapter at hand:
// llvmpipe wants few threads a workgroup (it runs each on one core), a hardware GPU 64 or more.
// The choices are cached per adapter, kernel and sizes: in Node in a JSON file, in a browser in
// localStorage. Isomorphic: Node's modules are imported only when running in Node.
import type { KernelSpec } from "../format/manifest.js";

/** Where chosen shapes are kept, by `choiceKey`. */
export interface WorkgroupCache {
  get(key: string): number[] | undefined;
  set(key: string, shape: number[]): void;
}

/** The override constants that give a kernel this shape. */
export const workgroupConstants = (shape: number[]): Record<string, number> => ({ workgroup_x: shape[0], workgroup_y: shape[1] ?? 1, workgroup_z: shape[2] ?? 1 });

/** Whether the device allows a workgroup of this shape. */
export function allowed(shape: number[], limits: GPUSupportedLimits): boolean {
  const [x, y = 1, z = 1] = shape;
  return x <= limits.maxComputeWorkgroupSizeX && y <= limits.maxComputeWorkgroupSizeY && z <= limits.maxComputeWorkgroupSizeZ && x * y * z <= limits.maxComputeInvocationsPerWorkgroup;
}

/** A kernel's shapes the device allows: its default always, then the others listed. */
export function candidates(kernel: KernelSpec, limits: GPUSupportedLimits): number[][] {
  return [kernel.workgroup, ...(kernel.workgroups ?? []).slice(1).filter((s) => allowed(s, limits))];
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
  const map = new Map<string, number[]>();
  return { get: (key) => map.get(key), set: (key, shape) => void map.set(key, shape) };
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
      get: (key) => shapeOrUndefined(parse(storage.getItem(prefix + key))),
      set: (key, shape) => {
        try {
          storage.setItem(prefix + key, JSON.stringify(shape));
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
    get: (key) => shapeOrUndefined(readAll()[adapter]?.[key]),
    set: (key, shape) => {
      try {
        const all = readAll();
        all[adapter] = { ...(typeof all[adapter] === "object" ? all[adapter] : {}), [key]: shape };
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

/** A cached value that is a shape (1 to 3 positive integers), else undefined. */
function shapeOrUndefined(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.length >= 1 && value.length <= 3 && value.every((n) => Number.isInteger(n) && n > 0) ? value : undefined;
}

/** A short hash of a kernel's text (FNV-1a, 32 bits). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}
