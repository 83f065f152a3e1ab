// The mutation fuzzer: the example models, damaged the way careless hands and hostile input
// damage text (a token dropped, doubled or swapped, a number made huge, zero or negative, a
// name replaced, brackets and stray characters inserted, the file cut short), each checked
// and compiled. Every mutant must compile or be refused with a located message: an internal
// error, any other exception, or more than 10 seconds is a finding.
import { readdirSync, readFileSync } from "node:fs";
import { compile } from "../../compiler/compile.js";
import { CompileError } from "../../compiler/diagnostics.js";
import { UsageError } from "../../compiler/frontend/frontend.js";
import { cellLexer } from "../../compiler/frontend/syntax/tokens.js";
import { Random } from "../../runtime/random.js";

export const EXAMPLES = "dsl-examples";
const TIME_LIMIT_MS = 10_000;

const NUMBERS = ["0", "1", "2", "-1", "0.5", "1e30", "99999999999", "4294967296", "1e-30", "65536"];
const WORDS = ["size", "cell", "model", "param", "const", "state", "input", "output", "init", "optional", "int", "T", "B", "x", "h", "constructor", "toString", "__proto__", "layers", "prefix", "sum", "mean", "axis"];
const OPERATORS = ["+", "-", "*", "/", "@"];
const INSERTS = ["(", ")", "[", "]", "{", "}", ",", ":", "=", "+", "-", "*", "/", "@", "'", '"', "#", "\n", "\r", "\t", "\u00a0", "\ufeff", "0", "x", "->"];

/** One mutant of `text`: usually one random edit at a token boundary, sometimes two or three. */
export function mutate(text: string, rng: Random): string {
  let out = text;
  const edits = rng.next() < 0.7 ? 1 : 2 + Math.floor(rng.next() * 2);
  for (let e = 0; e < edits; e++) out = mutateOnce(out, rng);
  return out;
}

function mutateOnce(text: string, rng: Random): string {
  const tokens = cellLexer.tokenize(text).tokens;
  if (!tokens.length) return text + pick(INSERTS, rng);
  const t = tokens[Math.floor(rng.next() * tokens.length)];
  const [start, end] = [t.startOffset, (t.endOffset ?? t.startOffset) + 1];
  const replace = (s: string) => text.slice(0, start) + s + text.slice(end);
  const other = tokens[Math.floor(rng.next() * tokens.length)].image;
  // Edits that keep the syntax (numbers, names, operators) are likelier: they reach the later stages.
  switch (pick([0, 1, 2, 3, 3, 3, 3, 4, 5, 6, 7, 8, 8], rng)) {
    case 0:
      return replace(""); // drop a token
    case 1:
      return replace(`${t.image} ${t.image}`); // double it
    case 2:
      return replace(other); // another token of the file in its place
    case 3:
      return t.tokenType.name === "NumberLiteral" ? replace(pick(NUMBERS, rng)) : replace(pick(WORDS, rng));
    case 4:
      return text.slice(0, start) + pick(INSERTS, rng) + text.slice(start); // a stray character
    case 5:
      return text.slice(0, Math.floor(rng.next() * text.length)); // cut short
    case 6: {
      // a statement repeated (a name defined twice, a state updated twice, a huge file in small)
      const lines = text.split("\n");
      const i = Math.floor(rng.next() * lines.length);
      lines.splice(i, 0, ...Array(1 + Math.floor(rng.next() * 3)).fill(lines[i]));
      return lines.join("\n");
    }
    case 7:
      return replace(`(${t.image})`);
    default:
      return OPERATORS.includes(t.image) ? replace(pick(OPERATORS, rng)) : replace(`${t.image} ${pick(OPERATORS, rng)} ${other}`);
  }
}

const pick = <T>(items: readonly T[], rng: Random): T => items[Math.floor(rng.next() * items.length)];

export interface MutantFinding {
  example: string;
  seed: number;
  text: string;
  problem: string;
}

/** Check and compile one mutant (with gradients, as training does); a finding if it fails badly. */
export function checkMutant(example: string, text: string, seed: number): MutantFinding | undefined {
  const started = Date.now();
  let problem: string | undefined;
  try {
    compile(`${example}`, text, {}, { gradients: true });
  } catch (e) {
    if (e instanceof CompileError) {
      const internal = e.diagnostics.find((d) => d.internal);
      if (internal) problem = `internal error: ${internal.message}`;
    } else if (!(e instanceof UsageError)) problem = `uncaught ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  const ms = Date.now() - started;
  if (!problem && ms > TIME_LIMIT_MS) problem = `took ${ms} ms`;
  return problem ? { example, seed, text, problem } : undefined;
}

/** `count` mutants spread over the examples, from `seed` on. */
export function* mutants(count: number, seed: number): Generator<{ example: string; text: string; seed: number }> {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".cell")).sort();
  const texts = examples.map((f) => readFileSync(`${EXAMPLES}/${f}`, "utf8"));
  for (let k = 0; k < count; k++) {
    const s = seed + k;
    const rng = new Random(s);
    const i = s % examples.length; // a seed alone names its mutant
    yield { example: examples[i], text: mutate(texts[i], rng), seed: s };
  }
}
