// `rnnc data TASK`: write a generated task's splits as TSV files.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { bracketSplits } from "../../runtime/tasks/brackets.js";
import { dateSplits } from "../../runtime/tasks/dates.js";
import { toTsv, type SplitCounts, type Splits } from "../../runtime/tasks/splits.js";
import { CliError, makeFolder, writeAtomic } from "./files.js";
import type { Report } from "./report.js";
import { numberOption, type Options } from "./train.js";

/** Each task's generator and its default split sizes. */
const tasks: Record<string, { generate: (seed: number, counts: SplitCounts) => Splits; counts: SplitCounts }> = {
  dates: { generate: dateSplits, counts: { train: 40000, validation: 2000, test: 2000 } },
  brackets: { generate: bracketSplits, counts: { train: 20000, validation: 1000, test: 1000 } },
};

// Each split is written as one string, so its size stays far below JavaScript's longest.
const MAX_PAIRS = 1_000_000;

export function writeTaskData(task: string, opts: Options, report: Report) {
  const spec = tasks[task];
  if (!spec) throw new CliError(`unknown task '${task}'; tasks: ${Object.keys(tasks).join(", ")}`);
  const out = opts.o?.[0];
  if (out === undefined) throw new CliError("missing an output folder: -o DIR");
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliError(`'${out}' is a file; give a folder for -o`);
  const seed = numberOption(opts, "seed", 0, { integer: true });
  const counts = {
    train: numberOption(opts, "train", spec.counts.train, { min: 1, max: MAX_PAIRS, integer: true }),
    validation: numberOption(opts, "validation", spec.counts.validation, { min: 0, max: MAX_PAIRS, integer: true }),
    test: numberOption(opts, "test", spec.counts.test, { min: 0, max: MAX_PAIRS, integer: true }),
  };
  const splits = spec.generate(seed, counts);
  makeFolder(out);
  const files = Object.entries(splits).map(([split, pairs]) => {
    writeAtomic(join(out, `${split}.tsv`), toTsv(pairs));
    return `${split}.tsv`;
  });
  report.tell("wrote", { task, folder: out, seed, files, pairs: counts }, `wrote ${counts.train} train, ${counts.validation} validation and ${counts.test} test pairs of ${task} (seed ${seed}) to ${out}: ${files.join(", ")}`);
}
