// What npm run bench's scripts share: the timing rule, and navigator.gpu in Node for the web
// peers, on the adapter rnnc's runtime picks there.
import { create, globals } from "webgpu";

// The timing rule, rnnc bench's (compiler/cli/timing.ts): one warm-up, then the median of the timed runs with min-max.
export { timed } from "../dist/compiler/cli/timing.js";

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
