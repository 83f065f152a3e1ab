// The fuzzers. npm run fuzz -- [--cases N] [--seed S]: random valid cells, each checked every
// way (see differential.ts); a failing case is shrunk to a small file and kept in
// tests/fuzz/regressions/. npm run fuzz -- --mutants N [--seed S]: damaged copies of the
// examples (see mutate.ts); a failing one is kept in tests/fuzz/mutants/. The suite runs both.
// npm run fuzz -- --compile-only [--cases N] [--seed S]: how long rnnc itself takes to check and
// compile each generated model (forward and with gradients); over 10 s is a finding.
import { mkdirSync, writeFileSync } from "node:fs";
import { acquireDevice } from "../../runtime/device.js";
import { compile } from "../../compiler/compile.js";
import { checkModel, type Finding } from "./differential.js";
import { generateModel } from "./generate.js";
import { checkMutant, mutants } from "./mutate.js";
import { shrink } from "./shrink.js";

const REGRESSIONS = "tests/fuzz/regressions";
const MUTANTS = "tests/fuzz/mutants";

async function main(argv: string[]): Promise<number> {
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} takes a whole number, not '${argv[i + 1]}'`);
    return v;
  };
  const cases = option("cases", 100);
  const seed = option("seed", 1);
  if (argv.includes("--mutants")) return mutantRun(option("mutants", 1000), seed);
  if (argv.includes("--compile-only")) return compileRun(cases, seed);
  const device = (await acquireDevice()).device;
  const start = Date.now();
  const found: { seed: number; finding: Finding; file: string }[] = [];
  for (let k = 0; k < cases; k++) {
    const caseSeed = seed + k;
    const { text, runtime } = generateModel(caseSeed);
    const finding = await checkModel(`fuzz-${caseSeed}.cell`, text, { runtime, seed: caseSeed, device });
    if (finding) {
      console.log(`\ncase ${caseSeed}: ${finding.stage}: ${finding.message}`);
      const small = await shrink(text, runtime, finding, async (t, r) => checkModel(`fuzz-${caseSeed}.cell`, t, { runtime: r, seed: caseSeed, device }));
      mkdirSync(REGRESSIONS, { recursive: true });
      const file = `${REGRESSIONS}/fuzz-${caseSeed}.cell`;
      writeFileSync(file, `# found by npm run fuzz (seed ${caseSeed}): ${finding.stage}: ${oneLine(finding.message)}\n# runtime: ${Object.entries(small.runtime).map(([k, v]) => `${k}=${v}`).join(" ")}\n${small.text}`);
      console.log(`  shrunk to ${small.text.split("\n").length} lines: ${file}`);
      found.push({ seed: caseSeed, finding, file });
    }
    // Dawn frees a model's pipelines only when their JavaScript objects are collected, and V8
    // does not see that native memory: without this, each case keeps tens of megabytes.
    (globalThis as { gc?: () => void }).gc?.();
    if ((k + 1) % 10 === 0 || k + 1 === cases) process.stdout.write(`\r${k + 1}/${cases} cases, ${found.length} found, ${((Date.now() - start) / 1000).toFixed(0)} s`);
  }
  console.log(`\n${cases} cases from seed ${seed}: ${found.length === 0 ? "nothing found" : `${found.length} found`}`);
  for (const f of found) console.log(`  seed ${f.seed}: ${f.finding.stage}: ${oneLine(f.finding.message)} -> ${f.file}`);
  return found.length ? 1 : 0;
}

function compileRun(cases: number, seed: number): number {
  let [total, slowest, slowestSeed] = [0, 0, seed];
  const slow: number[] = [];
  for (let s = seed; s < seed + cases; s++) {
    const { text } = generateModel(s);
    const started = performance.now();
    compile(`fuzz-${s}.cell`, text);
    compile(`fuzz-${s}.cell`, text, {}, { gradients: true, activations: s % 2 === 0 ? "save" : "recompute" });
    const ms = performance.now() - started;
    total += ms;
    if (ms > slowest) [slowest, slowestSeed] = [ms, s];
    if (ms > 10_000) slow.push(s);
  }
  console.log(`${cases} models from seed ${seed}: check and compile, forward and with gradients, ${(total / cases).toFixed(1)} ms on average, ${slowest.toFixed(0)} ms at most (seed ${slowestSeed})`);
  if (slow.length) console.log(`over 10 s: seeds ${slow.join(", ")}`);
  return slow.length ? 1 : 0;
}

function mutantRun(count: number, seed: number): number {
  const start = Date.now();
  let found = 0;
  for (const m of mutants(count, seed)) {
    const finding = checkMutant(m.example, m.text, m.seed);
    if (finding) {
      found++;
      mkdirSync(MUTANTS, { recursive: true });
      const file = `${MUTANTS}/mutant-${m.seed}.cell`;
      writeFileSync(file, `# found by npm run fuzz -- --mutants (seed ${m.seed}, from ${m.example}): ${oneLine(finding.problem)}\n${m.text}`);
      console.log(`mutant ${m.seed} of ${m.example}: ${oneLine(finding.problem)} -> ${file}`);
    }
  }
  console.log(`${count} mutants from seed ${seed} in ${((Date.now() - start) / 1000).toFixed(0)} s: ${found ? `${found} found` : "nothing found"}`);
  return found ? 1 : 0;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").slice(0, 300);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
  },
);
