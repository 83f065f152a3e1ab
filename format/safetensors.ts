// safetensors: an 8-byte little-endian header length, a JSON header, then raw little-endian tensors.
// Works on bytes only (no file system), so it runs in Node and in a browser.

export interface NamedTensor {
  shape: number[];
  data: Float32Array | Float64Array;
}

const bytesPerElement: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export class SafetensorsError extends Error {}

const fail = (why: string): never => {
  throw new SafetensorsError(`not a valid safetensors file: ${why}`);
};

/** The `__metadata__` strings of a file (empty when it has none). */
export function readSafetensorsMetadata(bytes: Uint8Array): Record<string, string> {
  const metadata = readHeader(bytes).header.__metadata__ ?? {};
  if (typeof metadata !== "object" || Array.isArray(metadata) || !Object.values(metadata).every((v) => typeof v === "string"))
    fail("its __metadata__ is not an object of strings");
  return metadata as Record<string, string>;
}

/** Read every tensor, converting numbers to float32 (or keeping float64 when asked). */
export function readSafetensors(bytes: Uint8Array, keepFloat64 = false): Record<string, NamedTensor> {
  const { header, body, view } = readHeader(bytes);
  const out: Record<string, NamedTensor> = {};
  const spans: { name: string; begin: number; end: number }[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, begin, end } = tensorInfo(name, info);
    const width = bytesPerElement[dtype];
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * width) fail(`tensor '${name}' of shape [${shape}] ${dtype} should span ${count * width} bytes, not ${end - begin}`);
    if (body + end > bytes.length) fail(`tensor '${name}' runs past the end of the file (truncated?)`);
    spans.push({ name, begin, end });
    const data = keepFloat64 ? new Float64Array(count) : new Float32Array(count);
    const at = body + begin;
    for (let i = 0; i < count; i++) data[i] = readElement(view, dtype, at + i * width);
    // defineProperty: a tensor may be named __proto__, which plain assignment would swallow
    Object.defineProperty(out, name, { value: { shape, data }, enumerable: true, writable: true, configurable: true });
  }
  // The tensors tile the data exactly: no overlaps, no holes, nothing after the last.
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let next = 0;
  for (const s of spans) {
    if (s.begin < next) fail(`tensor '${s.name}' overlaps the tensor before it (bytes ${s.begin} to ${s.end})`);
    if (s.begin > next) fail(`bytes ${next} to ${s.begin} belong to no tensor (a hole before '${s.name}')`);
    next = s.end;
  }
  if (body + next !== bytes.length) fail(`${bytes.length - body - next} bytes after the last tensor belong to no tensor`);
  return out;
}

/** The length-prefixed JSON header, checked to be an object. */
function readHeader(bytes: Uint8Array): { header: Record<string, unknown>; body: number; view: DataView } {
  if (bytes.length < 8) fail(`it is ${bytes.length} bytes long, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  // torch.save writes a zip of pickles (older versions a bare pickle): say so, rather than read
  // its first bytes as a length. A header of 0x380 bytes starts like a pickle, so a file whose
  // length fits and whose JSON begins where it should is safetensors.
  const fits = headerLength <= bytes.length - 8 && bytes[8] === 0x7b; // '{'
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const pickle = bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5;
  if (!fits && (zip || pickle))
    throw new SafetensorsError(
      `this is a PyTorch file written by torch.save (${zip ? "a zip archive" : "a pickle"}), not safetensors; save the weights as safetensors in Python: from safetensors.torch import save_file; save_file(model.state_dict(), "weights.safetensors")`,
    );
  if (headerLength > bytes.length - 8) fail(`the header claims ${headerLength} bytes but the file has ${bytes.length - 8} after the length (truncated?)`);
  if (headerLength > MAX_HEADER) fail(`the header claims ${headerLength} bytes; the format allows at most ${MAX_HEADER}`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    return fail("its header is not UTF-8 JSON");
  }
  if (!header || typeof header !== "object" || Array.isArray(header)) return fail(`its header is ${JSON.stringify(header)}, not an object of tensors`);
  return { header: header as Record<string, unknown>, body: 8 + headerLength, view };
}

const MAX_HEADER = 100_000_000; // the format's limit on the JSON header

/** One header entry, checked: a known dtype, a shape of whole numbers, offsets in order. */
function tensorInfo(name: string, info: unknown): { dtype: string; shape: number[]; begin: number; end: number } {
  const entry = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (!entry || typeof entry !== "object") fail(`tensor '${name}' is described by ${JSON.stringify(info)}, not {dtype, shape, data_offsets}`);
  const { dtype, shape, data_offsets: offsets } = entry;
  if (typeof dtype !== "string" || !bytesPerElement[dtype]) fail(`tensor '${name}' has dtype ${JSON.stringify(dtype)}, which is not supported (${Object.keys(bytesPerElement).join(", ")})`);
  const whole = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
  if (!Array.isArray(shape) || !shape.every(whole)) fail(`tensor '${name}' has shape ${JSON.stringify(shape)}; a shape is a list of whole numbers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(whole) || offsets[0] > offsets[1])
    fail(`tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; they are [begin, end], whole numbers with begin <= end`);
  return { dtype: dtype as string, shape: shape as number[], begin: (offsets as number[])[0], end: (offsets as number[])[1] };
}

function readElement(view: DataView, dtype: string, at: number): number {
  switch (dtype) {
    case "F64": return view.getFloat64(at, true);
    case "F32": return view.getFloat32(at, true);
    case "F16": return halfToFloat(view.getUint16(at, true));
    case "BF16": return new Float32Array(new Uint32Array([view.getUint16(at, true) << 16]).buffer)[0];
    case "I64": return Number(view.getBigInt64(at, true));
    case "I32": return view.getInt32(at, true);
    case "I16": return view.getInt16(at, true);
    case "I8": return view.getInt8(at);
    default: return view.getUint8(at);
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** Write tensors as F32 (F64 arrays stay F64), in the order given. */
export function writeSafetensors(tensors: Record<string, NamedTensor>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = t.data.length * t.data.BYTES_PER_ELEMENT;
    header[name] = { dtype: t.data instanceof Float64Array ? "F64" : "F32", shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((json.length + 8) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of Object.values(tensors)) {
    const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    out.set(littleEndian() ? raw : swapBytes(raw, t.data.BYTES_PER_ELEMENT), at);
    at += raw.length;
  }
  return out;
}

const littleEndian = () => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapBytes(raw: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += width) for (let j = 0; j < width; j++) out[i + j] = raw[i + width - 1 - j];
  return out;
}
