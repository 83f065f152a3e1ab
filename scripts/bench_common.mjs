// What npm run bench's scripts share: the timing rule, and navigator.gpu in Node for the web
// peers, on the adapter rnnc's runtime picks there.
import { create, globals } from "webgpu";

/** ms of each of `rounds` timed runs of `run` after one warm-up: median, min and max. */
export async function timed(run, rounds) {
  await run();
  const ms = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1] };
}

/**
 * navigator.gpu for a library written for browsers: the software adapter rnnc's runtime picks
 * in Node (runtime/device.ts), Dawn on llvmpipe through OpenGL ES, which offers the
 * compatibility feature level only.
 */
export function webgpuNavigator() {
  Object.assign(globalThis, globals);
  process.env.EGL_PLATFORM ??= "surfaceless";
  const gpu = create(["backend=opengles"]);
  globalThis.navigator = { gpu: { requestAdapter: (o = {}) => gpu.requestAdapter({ ...o, featureLevel: "compatibility" }), getPreferredCanvasFormat: () => "rgba8unorm", wgslLanguageFeatures: new Set() } };
}
