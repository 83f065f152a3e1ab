// Character-level text data: a vocabulary, a 90/10 train/validation split by position, and
// contiguous batches: B streams read side by side, T characters at a time, so each batch
// continues the previous one and the model's state can be carried across (truncated BPTT).
import type { NamedTensor } from "../format/safetensors.js";

/** Strict UTF-8: a byte sequence that is not UTF-8 is refused with its offset, never read as U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`not valid UTF-8 at byte ${firstInvalidUtf8(bytes)}; convert it to UTF-8 first (e.g. iconv -t UTF-8)`);
  }
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
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

export class CharText {
  readonly vocab: string[];
  private readonly index: Map<string, number>;
  readonly ids: Float32Array;

  constructor(text: string, vocab?: string[]) {
    const chars = [...text];
    this.vocab = vocab ?? [...new Set(chars)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.index = new Map(this.vocab.map((c, i) => [c, i]));
    this.ids = new Float32Array(chars.length);
    chars.forEach((c, i) => {
      const id = this.index.get(c);
      if (id === undefined) throw new Error(`the text has the character ${JSON.stringify(c)}, which the model's vocabulary lacks`);
      this.ids[i] = id;
    });
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
  if (perEpoch < 1) throw new Error(`the text is too short for ${B} streams of ${T} characters: use a smaller --batch or --seq`);
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
