// Small pieces on their own: size expressions, the character data loader, the learning-rate
// schedule, strict UTF-8.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readCorpus } from "../../compiler/cli/files.js";
import { readSafetensors, writeSafetensors } from "../../format/safetensors.js";
import { add, constant, evalSize, product, sizeText, times } from "../../format/sizes.js";
import { batchAt, batchesPerEpoch, CharText, decodeUtf8, TextTooLargeError } from "../../runtime/text.js";
import { learningRate } from "../../runtime/trainer.js";

describe("size expressions", () => {
  test("products, sums and products of sums collect like terms", () => {
    const tb = product([4, "T", "B"]);
    expect(sizeText(tb)).toBe("4*B*T");
    expect(sizeText(add(tb, product(["B", "T"]), constant(3)))).toBe("5*B*T + 3");
    expect(sizeText(times(add(product(["T"]), constant(1)), product([2, "B"])))).toBe("2*B*T + 2*B");
    expect(add(tb, times(constant(-1), tb))).toEqual([]);
    expect(sizeText([])).toBe("0");
  });
  test("evaluated at run-time sizes; an unknown size is an error that says so", () => {
    const e = add(product([4, "T", "B"]), product(["B"]));
    expect(evalSize(e, { T: 3, B: 2 })).toBe(26);
    expect(() => evalSize(e, { T: 3 })).toThrow("size B is not known");
  });
});

describe("character data", () => {
  const text = new CharText("abcabcabcabcabcabcabcabcabcabcab");
  test("the vocabulary is the sorted characters; ids round-trip", () => {
    expect(text.vocab).toEqual(["a", "b", "c"]);
    expect(text.encode("cab")).toEqual([2, 0, 1]);
    expect(() => text.encode("d")).toThrow('the character "d" is not in the vocabulary');
  });
  test("90% trains, the last 10% validates", () => {
    expect(text.split("train").length).toBe(28);
    expect(text.split("validation").length).toBe(4);
  });
  test("batches: B streams side by side, targets one character on, each batch continuing the last", () => {
    const ids = Float32Array.from({ length: 21 }, (_, i) => i);
    expect(batchesPerEpoch(ids, 3, 2)).toBe(3); // streams of 10, 3 batches of 3 each
    const first = batchAt(ids, 0, 3, 2);
    expect(first.startsEpoch).toBe(true);
    expect(Array.from(first.batch.tokens.data)).toEqual([0, 10, 1, 11, 2, 12]); // [T, B]
    expect(Array.from(first.batch.targets.data)).toEqual([1, 11, 2, 12, 3, 13]);
    const second = batchAt(ids, 1, 3, 2);
    expect(second.startsEpoch).toBe(false);
    expect(Array.from(second.batch.tokens.data)).toEqual([3, 13, 4, 14, 5, 15]);
    expect(batchAt(ids, 3, 3, 2).startsEpoch).toBe(true); // the next epoch starts over
    expect(() => batchAt(ids, 0, 11, 2)).toThrow("the text is too short for 2 streams of 11 characters");
  });
});

describe("reading a text in chunks", () => {
  const encoder = new TextEncoder();
  /** `bytes` cut into pieces of `size` bytes, as a file or a fetch body arrives. */
  const pieces = function* (bytes: Uint8Array, size: number) {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };

  test("any chunking gives the ids and the vocabulary of the whole string, multi-byte characters cut anywhere", async () => {
    const text = "\uFEFFKing Lear: ‘Nothing will come of nothing’ — ✓ 𝄞 ünïcödé\n".repeat(3);
    const whole = new CharText(text.slice(1)); // the byte-order mark is not part of the text
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
      const read = await CharText.read(pieces(encoder.encode(text), size));
      expect(read.vocab, `chunks of ${size}`).toEqual(whole.vocab);
      expect(Array.from(read.ids), `chunks of ${size}`).toEqual(Array.from(whole.ids));
    }
  });

  test("a file is read the same in chunks of any size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rnnc-text-"));
    try {
      const file = join(dir, "text.txt");
      writeFileSync(file, "\uFEFF" + "ä✓𝄞 quick brown fox\n".repeat(5));
      const whole = await readCorpus(file);
      expect(whole.vocab.join("")).toBe("\n bcfiknoqruwxä✓𝄞");
      for (const size of [1, 3, 4, 1000]) expect(Array.from((await readCorpus(file, undefined, size)).ids)).toEqual(Array.from(whole.ids));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("from a ReadableStream through its reader, as a browser's File.stream() gives it", async () => {
    const bytes = encoder.encode("ünïcödé ✓ text\n".repeat(4));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces(bytes, 5)) controller.enqueue(piece.slice());
        controller.close();
      },
    });
    const readerOnly = { getReader: () => stream.getReader() } as unknown as ReadableStream<Uint8Array>; // no async iterator
    const read = await CharText.read(readerOnly, { byteLength: bytes.length });
    expect(Array.from(read.ids)).toEqual(Array.from(new CharText(new TextDecoder().decode(bytes)).ids));
  });

  test("in a given vocabulary; a character it lacks is an error", async () => {
    const read = await CharText.read([encoder.encode("cab")], { vocab: ["c", "b", "a"] });
    expect(Array.from(read.ids)).toEqual([0, 2, 1]);
    await expect(CharText.read([encoder.encode("abd")], { vocab: ["a", "b"] })).rejects.toThrow(`the text has the character "d", which the model's vocabulary lacks`);
  });

  test("bytes that are not UTF-8 are refused at their offset in the whole text, across chunks", async () => {
    const bytes = Uint8Array.from([...encoder.encode("héllo wörld"), 0xe2, 0x82]); // a sequence cut short at the end
    await expect(CharText.read(pieces(bytes, 4))).rejects.toThrow("not valid UTF-8 at byte 13");
    const broken = encoder.encode("abcdefgh✓");
    broken[9] = 0x41; // the check mark's second byte
    await expect(CharText.read(pieces(broken, 3))).rejects.toThrow("not valid UTF-8 at byte 8");
  });

  test("a corpus longer than the longest JavaScript array of characters loads", { timeout: 60_000 }, async () => {
    // 150 million characters: spreading them into one array fails ("invalid array length")
    const line = encoder.encode("All the world's a stage, and all the men and women merely players.\n");
    const chunk = new Uint8Array(line.length * 20_000).map((_, i) => line[i % line.length]);
    const count = Math.ceil(150e6 / chunk.length);
    const read = await CharText.read(
      (function* () {
        for (let i = 0; i < count; i++) yield chunk;
      })(),
      { byteLength: count * chunk.length },
    );
    expect(read.length).toBe(count * chunk.length);
    expect(read.vocab).toEqual([...new Set(new TextDecoder().decode(line))].sort());
    expect(read.vocab[read.ids[read.length - 1]]).toBe("\n");
  });

  test("a text whose ids cannot be held says so and what to do", async () => {
    await expect(CharText.read([], { byteLength: 2 ** 45 })).rejects.toThrow(TextTooLargeError);
    await expect(CharText.read([], { byteLength: 2 ** 45 })).rejects.toThrow(/need up to 131072\.0 GB for their character ids .*train on a part of it/);
  });
});

describe("learning-rate schedule", () => {
  const s = { lr: 1, warmup: 10, total: 110, minLr: 0.1 };
  test("linear warm-up, then a cosine down to the minimum", () => {
    expect(learningRate(1, s)).toBeCloseTo(0.1);
    expect(learningRate(10, s)).toBeCloseTo(1);
    expect(learningRate(60, s)).toBeCloseTo(0.55); // half way: the mean of lr and minLr
    expect(learningRate(110, s)).toBeCloseTo(0.1);
    expect(learningRate(500, s)).toBeCloseTo(0.1); // past the end it stays at the minimum
  });
  test("no warm-up", () => {
    expect(learningRate(1, { ...s, warmup: 0 })).toBeCloseTo(1, 3); // steps count from 1
  });
});

describe("strict UTF-8", () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  test("valid text decodes, a bad byte is named by its offset", () => {
    expect(decodeUtf8(new TextEncoder().encode("héllo ✓"))).toBe("héllo ✓");
    expect(() => decodeUtf8(bytes(0x61, 0xff))).toThrow("not valid UTF-8 at byte 1");
    expect(() => decodeUtf8(bytes(0x61, 0x62, 0xe2, 0x28, 0xa1))).toThrow("at byte 2"); // a broken 3-byte sequence
    expect(() => decodeUtf8(bytes(0xc0, 0xaf))).toThrow("at byte 0"); // an overlong form
    expect(() => decodeUtf8(bytes(0x61, 0xe2, 0x82))).toThrow("at byte 1"); // cut short
  });
});

describe("safetensors", () => {
  test("a file torch.save wrote is named as such, with the way to save safetensors instead", () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]); // torch.save since PyTorch 1.6
    const pickle = Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20]); // older torch.save
    expect(() => readSafetensors(zip)).toThrow(/a PyTorch file written by torch\.save \(a zip archive\), not safetensors; .*save_file\(model\.state_dict\(\), "weights\.safetensors"\)/);
    expect(() => readSafetensors(pickle)).toThrow(/torch\.save \(a pickle\)/);
  });

  test("a header of 0x380 bytes, whose length starts like a pickle, reads as safetensors", () => {
    const padded = (metadata: string) => writeSafetensors({ x: { shape: [2], data: Float32Array.of(1, 2) } }, { note: metadata });
    const length = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
    const bytes = padded("a".repeat(0x380 - length(padded(""))));
    expect([bytes[0], bytes[1]]).toEqual([0x80, 0x03]);
    expect(Array.from(readSafetensors(bytes).x.data)).toEqual([1, 2]);
  });
});
