// A sequence-labelling task, generated from a seed: strings of letters and round brackets,
// each character tagged 1 when it lies within a matched bracket pair (the pair's own brackets
// included) and 0 otherwise. Brackets match as a stack does, left to right: a ')' closes the
// latest open '(', and a ')' with none open, or a '(' never closed, is unmatched.
// Whether a '(' is matched depends on what follows it, and whether a ')' is on what precedes
// it, so a tagger needs context from both sides: a forward-only LSTM must guess at every
// open bracket (and everything after it) what a bidirectional one sees.
// The splits never share a string.
import { Random } from "../random.js";
import { checkCounts, type Pair, type SplitCounts, type Splits } from "./splits.js";

const LETTERS = "abcdefgh";
const SHORTEST = 4;
const LONGEST = 40;

/** Each character's tag: '1' within a matched pair, '0' elsewhere. */
export function bracketTags(text: string): string {
  const chars = [...text];
  const depthChange = new Array<number>(chars.length + 1).fill(0);
  const open: number[] = [];
  chars.forEach((c, i) => {
    if (c === "(") open.push(i);
    else if (c === ")" && open.length) {
      // The pair covers open.pop() .. i: mark the span by its edges, summed below.
      depthChange[open.pop()!] += 1;
      depthChange[i + 1] -= 1;
    }
  });
  let depth = 0;
  return chars.map((_, i) => ((depth += depthChange[i]) > 0 ? "1" : "0")).join("");
}

/** A string of SHORTEST..LONGEST characters, about a third of them brackets. */
function bracketText(rng: Random): string {
  const length = SHORTEST + Math.floor(rng.next() * (LONGEST - SHORTEST + 1));
  let text = "";
  for (let i = 0; i < length; i++) {
    const u = rng.next();
    text += u < 1 / 6 ? "(" : u < 1 / 3 ? ")" : LETTERS[Math.floor(rng.next() * LETTERS.length)];
  }
  return text;
}

/** Train, validation and test strings with their tags; no string is in two splits, and the same seed gives the same splits. */
export function bracketSplits(seed: number, counts: SplitCounts = { train: 20000, validation: 1000, test: 1000 }): Splits {
  checkCounts(counts);
  const rng = new Random(seed);
  const seen = new Set<string>();
  const draw = (n: number): Pair[] => {
    const out: Pair[] = [];
    while (out.length < n) {
      const source = bracketText(rng);
      if (seen.has(source)) continue;
      seen.add(source);
      out.push({ source, target: bracketTags(source) });
    }
    return out;
  };
  const validation = draw(counts.validation);
  const test = draw(counts.test);
  return { train: draw(counts.train), validation, test };
}
