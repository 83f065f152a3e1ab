// Getting a WebGPU device: navigator.gpu in a browser; in Node, Dawn through the `webgpu`
// package — a hardware adapter when there is one, else Mesa's llvmpipe software rasteriser.

export class GpuUnavailableError extends Error {}

/** The GPU refused an allocation or a submission (out of memory, a limit, a lost device). */
export class GpuError extends Error {}

const NODE_HELP = [
  "No WebGPU adapter was found.",
  "On Debian/Ubuntu, install the Mesa software GPU (it runs WebGPU on the CPU):",
  "  sudo apt-get install -y libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri",
  "and make sure the npm package 'webgpu' is installed (npm ci).",
].join("\n");

export interface AcquiredDevice {
  device: GPUDevice;
  adapterName: string;
}

let cached: Promise<AcquiredDevice> | undefined;
// Dawn instances must outlive the process: collecting an unused one aborts Node.
const instances: GPU[] = [];
const keep = (gpu: GPU) => (instances.push(gpu), gpu);

/** One device per process, shared by every model. */
export function acquireDevice(): Promise<AcquiredDevice> {
  cached ??= acquire();
  return cached;
}

async function acquire(): Promise<AcquiredDevice> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) {
    const adapter = await nav.gpu.requestAdapter();
    if (!adapter) throw new GpuUnavailableError("This browser exposes WebGPU but returned no adapter; check that WebGPU is enabled.");
    return { device: await requestDevice(adapter), adapterName: describe(adapter) };
  }
  const isNode = typeof process !== "undefined" && !!process.versions?.node;
  if (!isNode) throw new GpuUnavailableError("This browser has no WebGPU (navigator.gpu is missing). Use a recent Chrome or Edge, or enable WebGPU.");
  // A variable module name, marked for webpack and Vite, keeps bundlers from pulling the
  // Node-only package into browser builds (esbuild leaves variable imports alone).
  const packageName = "webgpu";
  let webgpu: { create: (flags: string[]) => GPU; globals: object };
  try {
    webgpu = await import(/* webpackIgnore: true */ /* @vite-ignore */ packageName);
  } catch {
    throw new GpuUnavailableError(`The npm package 'webgpu' (Dawn for Node) is not installed. Run: npm install webgpu`);
  }
  Object.assign(globalThis, webgpu.globals);
  const errors: string[] = [];
  // A real GPU first (Vulkan/Metal/D3D), then llvmpipe through OpenGL ES.
  if (!process.env.RNNC_SOFTWARE_GPU && (await mayHaveVulkan())) {
    try {
      const adapter = await keep(webgpu.create([])).requestAdapter({ powerPreference: "high-performance" });
      if (adapter && !isSoftware(adapter)) return { device: await requestDevice(adapter), adapterName: describe(adapter) };
    } catch (e) {
      errors.push(String(e));
    }
  }
  process.env.EGL_PLATFORM ??= "surfaceless";
  try {
    const adapter = await keep(webgpu.create(["backend=opengles"])).requestAdapter({ featureLevel: "compatibility" } as GPURequestAdapterOptions);
    if (adapter) return { device: await requestDevice(adapter), adapterName: describe(adapter) };
  } catch (e) {
    errors.push(String(e));
  }
  throw new GpuUnavailableError(NODE_HELP + (errors.length ? `\n(details: ${errors.join("; ")})` : ""));
}

function isSoftware(adapter: GPUAdapter): boolean {
  const info = adapter.info;
  return /swiftshader|llvmpipe|lavapipe|software/i.test(`${info?.vendor} ${info?.architecture} ${info?.description} ${info?.device}`);
}

function describe(adapter: GPUAdapter): string {
  const info = adapter.info;
  return [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(" ") || "WebGPU adapter";
}

/** Ask for the adapter's own limits: compatibility defaults are far below what llvmpipe allows. */
async function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const wanted = [
    "maxComputeInvocationsPerWorkgroup", "maxComputeWorkgroupSizeX", "maxComputeWorkgroupSizeY",
    "maxStorageBuffersPerShaderStage", "maxStorageBufferBindingSize", "maxBufferSize",
    "maxComputeWorkgroupStorageSize", "maxComputeWorkgroupsPerDimension",
  ] as const;
  const requiredLimits: Record<string, number> = {};
  for (const k of wanted) requiredLimits[k] = adapter.limits[k];
  const device = await adapter.requestDevice({ requiredLimits });
  return device;
}

/** On Linux, Dawn's hardware path needs the Vulkan loader; without it, skip straight to llvmpipe. */
async function mayHaveVulkan(): Promise<boolean> {
  if (process.platform !== "linux") return true;
  const fsName = "node:fs";
  const { existsSync } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName)) as { existsSync: (p: string) => boolean };
  const dirs = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib", ...(process.env.LD_LIBRARY_PATH ?? "").split(":")];
  return dirs.some((d) => d && existsSync(`${d}/libvulkan.so.1`));
}
