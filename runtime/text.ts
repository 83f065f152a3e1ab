// Character-level text data: a vocabulary, a 90/10 train/validation split by position, and
// contiguous batches: B streams read side by side, T characters at a time, so each batch
// continues the previous one and the model's state can be carried across (truncated BPTT).
// A text is read as a stream of byte chunks: a corpus of any size whose ids fit in memory
// (4 bytes a character) loads without ever being one JavaScript string or array.
import type { NamedTensor } from "../format/safetensors.js";

/** Strict UTF-8: a byte sequence that is not UTF-8 is refused with its offset, never read as U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, offset = 0): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`not valid UTF-8 at byte ${offset + firstInvalidUtf8(bytes)}; convert it to UTF-8 first (e.g. iconv -t UTF-8)`);
  }
}

/** The byte length of the UTF-8 sequence a byte starts, or 0 if it cannot start one. */
const sequenceLength = (b: number) => (b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0);

/** The offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]);
    if (length === 0 || i + length > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length)); // overlong forms and surrogates fail here
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}

/** Where a chunk's last whole UTF-8 sequence ends: the bytes after it wait for the next chunk. */
function wholeSequencesEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    if ((bytes[i] & 0xc0) === 0x80) continue; // a continuation byte: look further back
    return i + Math.max(1, sequenceLength(bytes[i])) <= bytes.length ? bytes.length : i;
  }
  return bytes.length; // no lead byte in the last four: not UTF-8, which decoding reports
}

/** The text is too large for this process; what to do instead. */
export class TextTooLargeError extends Error {}

/**
 * Character ids, one text chunk at a time: in the given vocabulary, or in the order characters
 * are first seen until `finish` sorts the vocabulary.
 */
class CharIds {
  private ids: Float32Array;
  private length = 0;
  private readonly seen: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly bmp = new Int32Array(0x10000).fill(-1); // a fast path for most characters

  constructor(
    capacity: number, // at least the characters to come: a text's UTF-16 length or its byte length
    private readonly vocab?: string[],
  ) {
    try {
      this.ids = new Float32Array(capacity);
    } catch {
      const gb = ((capacity * 4) / 2 ** 30).toFixed(1);
      throw new TextTooLargeError(`the text's ${capacity.toLocaleString("en")} bytes need up to ${gb} GB for their character ids (4 bytes each), more than this process could allocate; train on a part of it (e.g. head -c 500M FILE > part.txt) or give Node more memory`);
    }
    vocab?.forEach((c) => this.idOf(c));
  }

  private idOf(c: string): number {
    const code = c.length === 1 ? c.charCodeAt(0) : -1;
    let id = code >= 0 ? this.bmp[code] : (this.index.get(c) ?? -1);
    if (id >= 0) return id;
    if (this.vocab && this.seen.length === this.vocab.length) throw new Error(`the text has the character ${JSON.stringify(c)}, which the model's vocabulary lacks`);
    id = this.seen.push(c) - 1;
    if (code >= 0) this.bmp[code] = id;
    else this.index.set(c, id);
    return id;
  }

  add(text: string) {
    if (this.length + text.length > this.ids.length) this.grow(this.length + text.length);
    for (const c of text) this.ids[this.length++] = this.idOf(c);
  }

  private grow(needed: number) {
    const bigger = new Float32Array(Math.max(needed, 2 * this.ids.length));
    bigger.set(this.ids.subarray(0, this.length));
    this.ids = bigger;
  }

  /** The ids and the vocabulary: the given one, or the characters seen, sorted. */
  finish(): { ids: Float32Array; vocab: string[] } {
    const ids = this.ids.subarray(0, this.length);
    if (this.vocab) return { ids, vocab: this.vocab };
    const vocab = [...this.seen].sort(byCodePoint);
    const position = new Map(vocab.map((c, i) => [c, i]));
    const sorted = Float32Array.from(this.seen, (c) => position.get(c)!);
    for (let i = 0; i < ids.length; i++) ids[i] = sorted[ids[i]];
    return { ids, vocab };
  }
}

/** Bytes as they arrive: a file read piece by piece, a fetch body, `File.stream()`. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | ReadableStream<Uint8Array>;

/** A ReadableStream through its reader (not every browser iterates one); anything else as it is. */
async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!("getReader" in source)) return yield* source;
  const reader = source.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  } finally {
    reader.releaseLock();
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

export class CharText {
  readonly vocab: string[];
  readonly ids: Float32Array;
  private readonly index: Map<string, number>;

  /** A text's characters; in `vocab` if given (an unknown character is an error), else in its own sorted vocabulary. */
  constructor(text: string | { ids: Float32Array; vocab: string[] }, vocab?: string[]) {
    if (typeof text === "string") {
      const reader = new CharIds(text.length, vocab);
      reader.add(text);
      text = reader.finish();
    }
    this.ids = text.ids;
    this.vocab = text.vocab;
    this.index = new Map(this.vocab.map((c, i) => [c, i]));
  }

  /**
   * A UTF-8 text from byte chunks (a file read piece by piece, a fetch body, `File.stream()`).
   * `byteLength`, if known, sizes the ids once; a leading byte-order mark is not part of the text.
   */
  static async read(source: ByteSource, options: { byteLength?: number; vocab?: string[] } = {}): Promise<CharText> {
    const reader = new CharIds(options.byteLength ?? 1 << 20, options.vocab);
    let pending = new Uint8Array(0); // a sequence cut by the end of a chunk
    let offset = 0; // of `pending` in the whole text
    let first = true;
    for await (const chunk of chunksOf(source)) {
      const bytes = pending.length ? concat(pending, chunk) : chunk;
      const end = wholeSequencesEnd(bytes);
      let text = decodeUtf8(bytes.subarray(0, end), offset);
      if (first && text.length) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      reader.add(text);
      offset += end;
      pending = bytes.slice(end);
    }
    if (pending.length) decodeUtf8(pending, offset); // a sequence cut short by the end of the text
    return new CharText(reader.finish());
  }

  get length(): number {
    return this.ids.length;
  }

  encode(text: string): number[] {
    return [...text].map((c) => {
      const id = this.index.get(c);
      if (id === undefined) throw new Error(`the character ${JSON.stringify(c)} is not in the vocabulary`);
      return id;
    });
  }

  /** The first 90% of the text trains, the last 10% validates. */
  split(part: "train" | "validation"): Float32Array {
    const cut = Math.floor(this.ids.length * 0.9);
    return part === "train" ? this.ids.subarray(0, cut) : this.ids.subarray(cut);
  }
}

/** How many batches of B streams of T characters cover `ids` once. */
export function batchesPerEpoch(ids: Float32Array, T: number, B: number): number {
  return Math.floor(Math.floor((ids.length - 1) / B) / T);
}

/** Batch k of B contiguous streams over `ids`: tokens and next-character targets, [T, B]. */
export function batchAt(ids: Float32Array, k: number, T: number, B: number): { batch: Record<string, NamedTensor>; startsEpoch: boolean } {
  const streamLength = Math.floor((ids.length - 1) / B);
  const perEpoch = batchesPerEpoch(ids, T, B);
  if (perEpoch < 1) throw new Error(`the text is too short for ${B} streams of ${T} characters: use a smaller batch or seq (--batch, --seq)`);
  const at = (k % perEpoch) * T;
  const tokens = new Float32Array(T * B);
  const targets = new Float32Array(T * B);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const i = b * streamLength + at + t;
      tokens[t * B + b] = ids[i];
      targets[t * B + b] = ids[i + 1];
    }
  return { batch: { tokens: { shape: [T, B], data: tokens }, targets: { shape: [T, B], data: targets } }, startsEpoch: k % perEpoch === 0 };
}
