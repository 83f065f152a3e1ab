// A tagger from the command line: what `rnnc train` needs to train one on tagged texts
// (pairs.ts does the rest), and `rnnc tag`, around the runtime's tagging (runtime/tagging.ts).
import { tagTexts, taggingProblem, TagVocab, trainTagger } from "../../runtime/tagging.js";
import { TrainingError } from "../../runtime/training.js";
import { CliError } from "./files.js";
import { loadTrained, readPairs, type PairTask } from "./pairs.js";
import type { Report } from "./report.js";
import { numberOption, type Options } from "./train.js";

/** Training a tagger: the characters (a pad first) and the tags. */
export const taggingTask: PairTask<TagVocab> = {
  noun: "a tagger",
  fromData: { sizes: [["V", "the characters"], ["K", "the tags"]], data: "the tagged texts" },
  vocabOf: (pairs) => TagVocab.of(pairs),
  restore: (info) => (info.tags ? new TagVocab(info.vocab, info.tags) : undefined),
  sizes: (vocab) => ({ V: vocab.chars.length, K: vocab.tags.length }),
  describe: (vocab) => `${vocab.chars.length - 1} characters, tags ${vocab.tags.join(" ")}`,
  saved: (vocab) => ({ vocab: vocab.chars, tags: vocab.tags }),
  problem: taggingProblem,
  train: trainTagger,
};

/** `rnnc tag`: the tags of the given texts, or with --test FILE.tsv the accuracy on its tagged texts. */
export async function tagCommand(modelPath: string, texts: string[], opts: Options, report: Report): Promise<void> {
  const batch = numberOption(opts, "batch", 256, { min: 1, integer: true });
  const testPath = opts.test?.[0];
  if (!testPath && !texts.length) throw new CliError('give the texts to tag, e.g. rnnc tag MODEL --checkpoint RUN "a(b)c", or --test FILE.tsv');
  const { model, vocab } = await loadTrained(modelPath, taggingTask, opts.checkpoint?.[0]);
  const run = async (sources: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < sources.length; i += batch)
      out.push(
        ...(await tagTexts(model, vocab, sources.slice(i, i + batch)).catch((e) => {
          if (e instanceof TrainingError) throw new CliError(e.message, 1);
          throw e;
        })),
      );
    return out;
  };
  if (!testPath) {
    const out = await run(texts);
    out.forEach((tags, i) => report.tell("tagged", { source: texts[i], tags }, `${texts[i]}\n${tags}`));
    return;
  }
  const pairs = readPairs(testPath, "test pairs");
  const out = await run(pairs.map((p) => p.source));
  let right = 0;
  let chars = 0;
  const misses: { source: string; expected: string; got: string }[] = [];
  out.forEach((tags, i) => {
    const expected = [...pairs[i].target];
    const got = [...tags];
    chars += expected.length;
    right += expected.filter((t, k) => got[k] === t).length;
    if (tags !== pairs[i].target) misses.push({ source: pairs[i].source, expected: pairs[i].target, got: tags });
  });
  const [characterAccuracy, exactMatch] = [right / chars, (pairs.length - misses.length) / pairs.length];
  report.tell(
    "evaluated",
    { file: testPath, texts: pairs.length, characters: chars, characterAccuracy, exactMatch },
    `tag accuracy ${(100 * characterAccuracy).toFixed(2)}% of ${chars} characters; ${(100 * exactMatch).toFixed(2)}% of ${pairs.length} texts tagged wholly right (${testPath})`,
  );
  // A few of the misses, so a person sees what goes wrong; scripts get every one.
  misses.forEach((m, k) => (k < 5 ? report.tell("miss", m, `  ${m.source}\n  ${m.expected} expected\n  ${m.got} got`) : report.event("miss", m)));
}
