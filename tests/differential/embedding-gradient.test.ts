// An embedding's gradient summed per table row over that row's own positions, which the
// runtime sorts by id as it uploads the ids (compiler/passes/segmentEmbeddingGradients.ts,
// runtime/idSegments.ts), against every position for every row, and against the interpreter.
import { expect, test } from "vitest";
import { idSegments } from "../../runtime/idSegments.js";
import { Model, ModelInputError } from "../../runtime/model.js";
import { Random } from "../../runtime/random.js";
import { compileExample, gpuChecks, trainStepErrors } from "../helpers.js";

const { device, errors } = gpuChecks();

test("idSegments: the positions sorted by id, stably, and where each id's run starts", () => {
  const rng = new Random(1);
  for (const [n, rows] of [[1, 1], [7, 3], [200, 50], [50, 200]]) {
    const ids = Array.from({ length: n }, () => Math.floor(rng.next() * rows));
    const { segments, order } = idSegments(ids, rows);
    expect(segments.length).toBe(rows + 1);
    expect([segments[0], segments[rows]]).toEqual([0, n]);
    for (let v = 0; v < rows; v++) {
      const run = Array.from(order.subarray(segments[v], segments[v + 1]));
      expect(run).toEqual(ids.flatMap((id, r) => (id === v ? [r] : [])));
    }
  }
});

// A vocabulary of 300 (most rows unused in a small batch; ids 0 and V - 1 among those used).
const sizes = { V: 300, E: 8, H: 4, L: 1 };
test.each([
  [1, 1],
  [5, 3],
  [16, 4],
])("a char-LM train_step at T=%i B=%i: the embedding's gradient, segmented and not, equals the interpreter's", async (T, B) => {
  const rng = new Random(T * 10 + B);
  const ids = () => ({ shape: [T, B], data: Float32Array.from({ length: T * B }, (_, r) => (r === 0 ? 0 : r === 1 ? sizes.V - 1 : Math.floor(rng.next() * 12) * 7)) });
  const inputs = { tokens: ids(), targets: ids(), "seed.loss": { shape: [], data: Float32Array.of(1) } };
  const kernels: string[][] = [];
  const embedding: Float32Array[] = [];
  for (const segmentEmbeddingGradients of [true, false]) {
    const { manifest, lowered } = compileExample("char_lstm", sizes, { gradients: true, segmentEmbeddingGradients });
    expect(manifest.inputs.some((i) => i.role === "order" && i.of === "tokens")).toBe(segmentEmbeddingGradients);
    kernels.push(manifest.kernels.map((k) => k.wgsl).filter((w) => w.includes("segments_tokens")));
    const model = await Model.create(manifest, device());
    model.initParams(2);
    errors.push(...(await trainStepErrors(model, lowered.graph, inputs)).map((e) => `T=${T} B=${B} segmented ${segmentEmbeddingGradients}: ${e}`));
    embedding.push((await model.run(inputs, "train_step"))["grad.embedding"].data as Float32Array);
    model.destroy();
  }
  expect(kernels.map((k) => k.length)).toEqual([1, 0]);
  expect(embedding[0].some((v) => v !== 0)).toBe(true);
  expect(Array.from(embedding[0])).toEqual(Array.from(embedding[1])); // the same sums, in the same order
});

test("the runtime makes the sorted positions: a caller that gives them is told to give the ids alone", async () => {
  const { manifest } = compileExample("char_lstm", sizes, { gradients: true });
  const model = await Model.create(manifest, device());
  const tokens = { shape: [2, 1], data: Float32Array.of(3, 4) };
  await expect(model.run({ tokens, "order.tokens": tokens } as never, "train_step")).rejects.toThrow(ModelInputError);
  await expect(model.run({ tokens, "order.tokens": tokens } as never, "train_step")).rejects.toThrow("input 'order.tokens' is made from 'tokens' as it is uploaded; give 'tokens' alone");
  model.destroy();
});
