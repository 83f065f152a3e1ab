// The Run tab: the forward pass of whatever model the editor holds, on this browser's WebGPU,
// with freshly initialised parameters and random inputs of small run-time sizes.
import type { Compiled, Manifest } from "../compiler/index.js";
import { acquireDevice, Model, Random, type NamedTensor } from "../runtime/index.js";
import { parseSizes } from "./sizes.js";

export interface RunElements {
  button: HTMLButtonElement;
  sizes: HTMLInputElement;
  seed: HTMLInputElement;
  status: HTMLElement;
  output: HTMLElement;
}

const VALUES_SHOWN = 8;

/** Wire the Run button; `current` gives the editor's model, compiled, or an error saying why not. */
export function setupRun(el: RunElements, current: () => Compiled | Error) {
  el.button.addEventListener("click", async () => {
    el.button.disabled = true;
    el.status.className = "";
    el.status.textContent = "Running…";
    el.output.textContent = "";
    try {
      const compiled = current();
      if (compiled instanceof Error) throw compiled;
      const seed = Number(el.seed.value) || 0;
      el.output.textContent = (await runForward(compiled.manifest, parseSizes(el.sizes.value, "Run-time sizes"), seed)).join("\n");
      el.status.textContent = "Done.";
    } catch (e) {
      el.status.className = "error-text";
      el.status.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      el.button.disabled = false;
    }
  });
}

/** Run the forward entry once; returns the report's lines. */
async function runForward(manifest: Manifest, given: Record<string, number>, seed: number): Promise<string[]> {
  for (const name of Object.keys(given))
    if (!manifest.runtimeSizes.includes(name))
      throw new Error(`Run-time sizes: the model has no run-time size ${name}; its run-time sizes are ${manifest.runtimeSizes.join(", ") || "none"}`);
  const sizes = Object.fromEntries(manifest.runtimeSizes.map((s) => [s, given[s] ?? 2]));
  const { adapterName } = await acquireDevice();
  const created = performance.now();
  const model = await Model.create(manifest);
  try {
    model.initParams(seed);
    const ran = performance.now();
    const { inputs, described } = randomInputs(manifest, sizes, new Random(seed));
    const outputs = await model.run(inputs);
    const done = performance.now();
    return [
      `adapter: ${adapterName}`,
      `run-time sizes: ${Object.entries(sizes).map(([k, v]) => `${k}=${v}`).join(" ") || "none"}`,
      `${manifest.kernels.length} kernels compiled in ${(ran - created).toFixed(0)} ms; forward ran in ${(done - ran).toFixed(1)} ms`,
      "",
      "inputs:",
      ...described,
      "",
      "outputs:",
      ...Object.entries(outputs).map(([name, t]) => `  ${name} [${t.shape.join(", ")}]  ${preview(t)}`),
    ];
  } finally {
    model.destroy();
  }
}

/** Random values for every data input: token ids below the table's size, else standard normal. */
function randomInputs(manifest: Manifest, sizes: Record<string, number>, rng: Random) {
  const inputs: Record<string, NamedTensor> = {};
  const described: string[] = [];
  for (const spec of manifest.inputs.filter((i) => i.role === "data")) {
    const shape = spec.shape.map((d) => (typeof d === "number" ? d : sizes[d]));
    const n = shape.reduce((a, b) => a * b, 1);
    const ids = spec.ids;
    const data = Float32Array.from({ length: n }, () => (ids !== undefined ? Math.floor(rng.next() * ids) : rng.normal()));
    inputs[spec.name] = { shape, data };
    described.push(`  ${spec.name} [${shape.join(", ")}]  ${ids !== undefined ? `random ids from 0 to ${ids - 1}` : "random normal"}`);
  }
  return { inputs, described };
}

function preview(t: NamedTensor): string {
  const shown = Array.from(t.data.slice(0, VALUES_SHOWN), (v) => v.toFixed(4)).join(" ");
  return t.data.length > VALUES_SHOWN ? `${shown} … (${t.data.length} values)` : shown;
}
