// `rnnc data TASK`: write a generated task's splits as TSV files (today one task: dates).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { dateSplits, toTsv, type DateSplits } from "../../runtime/tasks/dates.js";
import { CliError, makeFolder, writeAtomic } from "./files.js";
import type { Report } from "./report.js";
import { numberOption, type Options } from "./train.js";

const tasks: Record<string, (seed: number, counts: Record<keyof DateSplits, number>) => DateSplits> = { dates: dateSplits };

// Each split is written as one string, so its size stays far below JavaScript's longest.
const MAX_PAIRS = 1_000_000;

export function writeTaskData(task: string, opts: Options, report: Report) {
  const generate = tasks[task];
  if (!generate) throw new CliError(`unknown task '${task}'; tasks: ${Object.keys(tasks).join(", ")}`);
  const out = opts.o?.[0];
  if (out === undefined) throw new CliError("missing an output folder: -o DIR");
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliError(`'${out}' is a file; give a folder for -o`);
  const seed = numberOption(opts, "seed", 0, { integer: true });
  const counts = {
    train: numberOption(opts, "train", 40000, { min: 1, max: MAX_PAIRS, integer: true }),
    validation: numberOption(opts, "validation", 2000, { min: 0, max: MAX_PAIRS, integer: true }),
    test: numberOption(opts, "test", 2000, { min: 0, max: MAX_PAIRS, integer: true }),
  };
  const splits = generate(seed, counts);
  makeFolder(out);
  const files = Object.entries(splits).map(([split, pairs]) => {
    writeAtomic(join(out, `${split}.tsv`), toTsv(pairs));
    return `${split}.tsv`;
  });
  report.tell("wrote", { task, folder: out, seed, files, pairs: counts }, `wrote ${counts.train} train, ${counts.validation} validation and ${counts.test} test pairs of ${task} (seed ${seed}) to ${out}: ${files.join(", ")}`);
}
