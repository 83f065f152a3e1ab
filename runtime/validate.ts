// The compiled module's boundary: what a caller passes is checked before it reaches the GPU, so
// a mistake is a message, never a read past a table or a buffer left holding the last call's data.
import { isDerivedInput, type Manifest, type ParamSpec } from "../format/manifest.js";
import type { NamedTensor } from "../format/safetensors.js";
import { bindShapes } from "../format/sizes.js";

/** A caller's mistake: wrong names, shapes, lengths or values. The model stays usable. */
export class ModelInputError extends Error {}

/** [i, j, k] of the flat element `flat` in `shape`. */
function position(flat: number, shape: number[]): string {
  const at: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    at.unshift(flat % shape[k]);
    flat = Math.floor(flat / shape[k]);
  }
  return `[${at.join(", ")}]`;
}

function checkTensor(what: string, t: NamedTensor) {
  if (!t || typeof t !== "object" || !Array.isArray(t.shape)) throw new ModelInputError(`${what} is not a tensor: give { shape: number[], data: Float32Array }`);
  if (!t.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new ModelInputError(`${what} has shape [${t.shape}]; sizes are whole numbers, 0 or more`);
  if (!(t.data instanceof Float32Array || t.data instanceof Float64Array || Array.isArray(t.data)))
    throw new ModelInputError(`${what} has data of type ${Object.prototype.toString.call(t.data).slice(8, -1)}; give a Float32Array (or Float64Array or number[])`);
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (t.data.length !== n) throw new ModelInputError(`${what} is [${t.shape}], ${n} values, but its data holds ${t.data.length}`);
}

/**
 * The run-time sizes (T, B) the inputs set, and `extra` those no input given sets (the length
 * of a cache kept on the GPU), after checking each input given against the manifest.
 */
export function bindSizes(manifest: Manifest, inputs: Record<string, NamedTensor>, extra: Record<string, number> = {}): Record<string, number> {
  const own = manifest.inputs.filter((i) => !isDerivedInput(i)); // the others the runtime makes
  for (const name of Object.keys(inputs)) {
    const derived = manifest.inputs.find((i) => i.name === name && isDerivedInput(i));
    if (derived) throw new ModelInputError(`input '${name}' is made from '${derived.of}' as it is uploaded; give '${derived.of}' alone`);
    if (!own.some((i) => i.name === name)) throw new ModelInputError(`unknown input '${name}'; the model's inputs are ${own.map((i) => i.name).join(", ")}`);
  }
  const given = (name: string) => (Object.hasOwn(inputs, name) ? inputs[name] : undefined);
  for (const spec of manifest.inputs) {
    const t = given(spec.name);
    if (!t && !spec.optional) throw new ModelInputError(`missing input '${spec.name}' [${spec.shape}]`);
    if (t) checkTensor(`input '${spec.name}'`, t);
  }
  const sizes = bindShapes(manifest.inputs, (name) => given(name)?.shape, (message) => new ModelInputError(message));
  for (const [name, value] of Object.entries(extra)) {
    if (sizes[name] !== undefined && sizes[name] !== value) throw new ModelInputError(`size ${name} is ${sizes[name]} in the inputs given but ${value} was asked for`);
    if (manifest.runtimeSizes.includes(name)) sizes[name] = value;
  }
  for (const spec of manifest.inputs) {
    const t = given(spec.name);
    if (t) checkValues(`input '${spec.name}'`, t, spec.ids);
  }
  for (const s of manifest.runtimeSizes) {
    if (sizes[s] === undefined) throw new ModelInputError(`size ${s} is not set by any input given`);
    if (sizes[s] < 1) throw new ModelInputError(`size ${s} is ${sizes[s]}; it must be at least 1`);
  }
  for (const l of manifest.sizeLimits ?? [])
    if (sizes[l.size] > l.max) throw new ModelInputError(`size ${l.size} is ${sizes[l.size]}, more than ${l.why}; give at most ${l.max}, or compile the model with a larger table`);
  return sizes;
}

/** Ids are whole numbers below their table's rows; any other value is a number (not NaN). */
function checkValues(what: string, t: NamedTensor, ids?: number) {
  const data = t.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (ids === undefined ? Number.isNaN(v) : !(Number.isInteger(v) && v >= 0 && v < ids)) {
      const rule = ids === undefined ? "values must be numbers" : `ids are whole numbers from 0 to ${ids - 1}`;
      throw new ModelInputError(`${what} holds ${v} at ${position(i, t.shape)}; ${rule}`);
    }
  }
}

/**
 * Weights by their state_dict names: every parameter, with its shape and length, finite.
 * Not `strict` (PyTorch's load_state_dict(strict=False)): parameters not given are left out
 * and tensors the model does not have are ignored; what is given must still fit.
 */
export function checkWeights(params: ParamSpec[], tensors: Record<string, NamedTensor>, strict = true) {
  const problems: string[] = [];
  const known = new Set(params.map((p) => p.name));
  for (const p of params) {
    const t = Object.hasOwn(tensors, p.name) ? tensors[p.name] : undefined;
    if (!t) {
      if (strict) problems.push(`missing '${p.name}' [${p.shape}]`);
    }
    else if (t.shape?.join() !== p.shape.join()) problems.push(`'${p.name}' is [${t.shape}] but the model needs [${p.shape}]`);
    else {
      checkTensor(`weight '${p.name}'`, t);
      const bad = Array.prototype.findIndex.call(t.data, (v: number) => !Number.isFinite(v));
      if (bad >= 0) problems.push(`'${p.name}' holds ${t.data[bad]} at ${position(bad, t.shape)}`);
    }
  }
  const unexpected = Object.keys(tensors).filter((n) => !known.has(n));
  if (unexpected.length && strict) problems.push(`unexpected ${unexpected.map((n) => `'${n}'`).join(", ")}`);
  if (problems.length)
    throw new ModelInputError(`the weights do not fit this model: ${problems.join("; ")}. Check the sizes (--set) and layer names; the model's parameters are: ${params.map((p) => p.name).join(", ")}`);
}
