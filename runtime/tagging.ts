// Sequence labelling (dsl-examples/bilstm_tagger.cell): one tag per character. The
// vocabularies, padded batches of tagged texts, training, and tagging, in Node or a browser
// tab. No file system here.
import type { NamedTensor } from "../format/safetensors.js";
import type { Model } from "./model.js";
import { ids, paddedIds, trainOnPairs, type PairTrainingOptions } from "./pairs.js";
import type { Pair } from "./tasks/splits.js";
import { interfaceProblem, TrainingError, type RunResult, type TrainingHooks } from "./training.js";

// Id 0 of the characters pads (never read: `lengths=` stops there).
const PAD = "\u0000";

/** The characters (the pad first) and the tags. */
export class TagVocab {
  private readonly charIds: Map<string, number>;
  private readonly tagIds: Map<string, number>;

  constructor(
    readonly chars: string[],
    readonly tags: string[],
  ) {
    if (chars[0] !== PAD || !tags.length) throw new Error("not a tagging vocabulary: the pad symbol or the tags are missing");
    this.charIds = new Map(chars.map((c, i) => [c, i]));
    this.tagIds = new Map(tags.map((c, i) => [c, i]));
  }

  /** Every character and every tag of the pairs, sorted. */
  static of(pairs: Pair[]): TagVocab {
    const chars = (texts: string[]) => [...new Set(texts.flatMap((t) => [...t]))].sort();
    return new TagVocab([PAD, ...chars(pairs.map((p) => p.source))], chars(pairs.map((p) => p.target)));
  }

  encodeText(text: string): number[] {
    return [...text].map((c) => {
      const id = this.charIds.get(c);
      if (id === undefined || id === 0) throw new TrainingError(`the character ${JSON.stringify(c)} is not in the vocabulary (${this.chars.length - 1} characters seen in training)`);
      return id;
    });
  }

  encodeTags(tags: string): number[] {
    return [...tags].map((c) => {
      const id = this.tagIds.get(c);
      if (id === undefined) throw new TrainingError(`the tag ${JSON.stringify(c)} is not one of the tags seen in training (${this.tags.join(" ")})`);
      return id;
    });
  }
}

/** Texts as the tagger reads them: tokens [T, B] padded past each length, T the longest. */
export function textBatch(vocab: TagVocab, texts: string[], T?: number): Record<string, NamedTensor> {
  const { ids, lengths } = paddedIds(texts.map((t) => vocab.encodeText(t)), T);
  return { tokens: ids, lengths };
}

/** Tagged texts: tokens and lengths, and the tags [T, B] (0 past each length, where the loss does not count). */
export function tagBatch(vocab: TagVocab, pairs: Pair[], T?: number): Record<string, NamedTensor> {
  const batch = textBatch(vocab, pairs.map((p) => p.source), T);
  const steps = batch.tokens.shape[0];
  const B = pairs.length;
  const tags = new Array<number>(steps * B).fill(0);
  pairs.forEach((p, b) => {
    const encoded = vocab.encodeTags(p.target);
    if (encoded.length !== [...p.source].length) throw new TrainingError(`${JSON.stringify(p.source)} has ${[...p.source].length} characters but ${encoded.length} tags; a tagger needs one tag per character`);
    encoded.forEach((id, t) => (tags[t * B + b] = id));
  });
  return { ...batch, tags: ids([steps, B], tags) };
}

/** Why a model cannot be trained as a tagger, if it cannot. */
export const taggingProblem = (model: Model) => interfaceProblem(model, ["tokens", "lengths", "tags"], "a tagger", "dsl-examples/bilstm_tagger.cell");

/** Train `model` (compiled with gradients) on tagged texts (runtime/pairs.ts), every batch padded to the longest text of all. */
export async function trainTagger(
  model: Model,
  data: { train: Pair[]; validation: Pair[] },
  vocab: TagVocab,
  o: PairTrainingOptions,
  hooks: TrainingHooks = {},
  resume?: { step: number; moments: NamedTensor; seconds?: number },
): Promise<RunResult> {
  const problem = taggingProblem(model);
  if (problem) throw new TrainingError(problem);
  const T = Math.max(...[...data.train, ...data.validation].map((p) => [...p.source].length));
  return trainOnPairs(model, data, (pairs) => tagBatch(vocab, pairs, T), o, hooks, resume);
}

/** Each text's likeliest tag per character, from one forward run over them all. */
export async function tagTexts(model: Model, vocab: TagVocab, texts: string[]): Promise<string[]> {
  const batch = textBatch(vocab, texts);
  const B = batch.tokens.shape[1];
  const K = vocab.tags.length;
  const logits = (await model.run(batch)).logits.data;
  return texts.map((text, b) =>
    Array.from({ length: [...text].length }, (_, t) => {
      const row = logits.subarray((t * B + b) * K, (t * B + b + 1) * K);
      let best = 0;
      for (let k = 1; k < K; k++) if (row[k] > row[best]) best = k;
      return vocab.tags[best];
    }).join(""),
  );
}
