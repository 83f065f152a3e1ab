// An encoder–decoder from the command line: what `rnnc train` needs to train one on pairs
// (pairs.ts does the rest), and `rnnc translate`, around the runtime's decoding
// (runtime/translation.ts).
import { writeFileSync } from "node:fs";
import { TrainingError } from "../../runtime/training.js";
import { PairVocab, trainTranslation, translate, translationProblem, type Decoded } from "../../runtime/translation.js";
import { CliError } from "./files.js";
import { attentionHeatmap } from "./heatmap.js";
import { loadTrained, readPairs, type PairTask } from "./pairs.js";
import type { Report } from "./report.js";
import { numberOption, type Options } from "./train.js";

/** Training an encoder–decoder: source and target vocabularies, each with its reserved symbols. */
export const translationTask: PairTask<PairVocab> = {
  noun: "an encoder–decoder",
  fromData: { sizes: [["V", "the source vocabulary"], ["W", "the target vocabulary"]], data: "the pairs" },
  vocabOf: (pairs) => PairVocab.of(pairs),
  restore: (info) => (info.targetVocab ? new PairVocab(info.vocab, info.targetVocab) : undefined),
  sizes: (vocab) => ({ V: vocab.source.length, W: vocab.target.length }),
  describe: (vocab) => `vocabularies ${vocab.source.length} and ${vocab.target.length}`,
  saved: (vocab) => ({ vocab: vocab.source, targetVocab: vocab.target }),
  problem: translationProblem,
  train: trainTranslation,
};

/** `rnnc translate`: the given texts, or with --test FILE.tsv the exact-match accuracy on its pairs. */
export async function translateCommand(modelPath: string, texts: string[], opts: Options, report: Report): Promise<void> {
  const decode = { beam: numberOption(opts, "beam", 1, { min: 1, max: 64, integer: true }), maxLength: numberOption(opts, "max-length", 64, { min: 1, max: 4096, integer: true }), lengthPenalty: numberOption(opts, "length-penalty", 0.6, { min: 0, max: 10 }) };
  // Rows decoded together: each source takes one per hypothesis.
  const batch = Math.max(1, Math.floor(numberOption(opts, "batch", 256, { min: 1, integer: true }) / decode.beam));
  const testPath = opts.test?.[0];
  if (!testPath && !texts.length) throw new CliError('give the texts to translate, e.g. rnnc translate MODEL --checkpoint RUN "3rd of March 1987", or --test FILE.tsv');
  const { model, vocab } = await loadTrained(modelPath, translationTask, opts.checkpoint?.[0]);
  const run = async (sources: string[]) => {
    const out: Decoded[] = [];
    let runs = 0;
    const started = Date.now();
    for (let i = 0; i < sources.length; i += batch) {
      const part = await translate(model, vocab, sources.slice(i, i + batch), decode).catch((e) => {
        if (e instanceof TrainingError) throw new CliError(e.message, 1);
        throw e;
      });
      runs += part[0]?.runs ?? 0;
      out.push(...part);
    }
    return { out, runs, seconds: (Date.now() - started) / 1000 };
  };
  if (testPath) {
    const pairs = readPairs(testPath, "test pairs");
    const { out, runs, seconds } = await run(pairs.map((p) => p.source));
    const right = out.filter((d, i) => d.text === pairs[i].target).length;
    const accuracy = right / pairs.length;
    report.tell(
      "evaluated",
      { file: testPath, pairs: pairs.length, exactMatch: accuracy, beam: decode.beam, forwardRuns: runs, seconds },
      `exact match ${(100 * accuracy).toFixed(2)}% (${right} of ${pairs.length}) on ${testPath}, beam ${decode.beam}; ${runs} forward runs (one read-back each) in ${seconds.toFixed(1)} s`,
    );
    // A few of the misses, so a person sees what goes wrong; scripts get every one.
    const misses = out.flatMap((d, i) => (d.text === pairs[i].target ? [] : [{ source: pairs[i].source, expected: pairs[i].target, got: d.text }]));
    misses.forEach((m, k) => (k < 10 ? report.tell("miss", m, `  ${JSON.stringify(m.source)}: expected ${m.expected}, got ${m.got}`) : report.event("miss", m)));
    return;
  }
  const { out } = await run(texts);
  out.forEach((d, i) => report.tell("translated", { source: texts[i], text: d.text, score: d.score }, d.text));
  const heatmapPath = opts.heatmap?.[0];
  if (heatmapPath) {
    const first = out[0];
    if (!first.attention) throw new CliError(`${modelPath} has no 'alpha' output, so there is no attention to draw`, 1);
    writeFileSync(heatmapPath, attentionHeatmap([...texts[0]], [...first.text, "⏎"], first.attention));
    report.tell("wrote", { file: heatmapPath }, `wrote the attention of "${texts[0]}" -> "${first.text}" to ${heatmapPath}`);
  }
}
