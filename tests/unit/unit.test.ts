// Small pieces on their own: size expressions, the character data loader, the learning-rate
// schedule, strict UTF-8.
import { describe, expect, test } from "vitest";
import { readSafetensors } from "../../format/safetensors.js";
import { add, constant, evalSize, product, sizeText, times } from "../../format/sizes.js";
import { batchAt, batchesPerEpoch, CharText, decodeUtf8 } from "../../runtime/text.js";
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
});
