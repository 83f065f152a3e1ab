// How deep a .cell expression may nest. Every later stage walks expressions recursively, so a
// stated limit, checked here without recursion, replaces a stack overflow somewhere deeper.
import type { IToken } from "chevrotain";
import type { Diagnostic } from "../../diagnostics.js";
import type { Expr, Program, Range } from "./ast.js";

export const MAX_BRACKETS = 100; // ( [ { open at once
export const MAX_DEPTH = 250; // operations inside one another in one expression

/** The first bracket that opens past the limit, as a diagnostic. */
export function bracketDepth(tokens: IToken[]): Diagnostic | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.image === "(" || t.image === "[" || t.image === "{") depth++;
    else if (t.image === ")" || t.image === "]" || t.image === "}") depth--;
    if (depth > MAX_BRACKETS)
      return { message: `brackets nest more than ${MAX_BRACKETS} deep here`, span: { start: t.startOffset, end: t.startOffset + 1 }, hint: "name the inner parts (a = ..., then use a)" };
  }
  return undefined;
}

/** Each expression deeper than MAX_DEPTH (a long chain like x1 + x2 + ... + x300 counts each '+'). */
export function expressionDepth(program: Program): Diagnostic[] {
  const found: Diagnostic[] = [];
  const statements = [...program.cells.flatMap((c) => c.body), ...program.models.flatMap((m) => m.body)];
  for (const s of statements) {
    const roots = s.kind === "assign" ? [s.value] : s.kind === "output" ? [] : [...s.shape, ...("init" in s && s.init ? [s.init] : [])];
    for (const root of roots) {
      const depth = deepest(root);
      if (depth > MAX_DEPTH) {
        found.push({ message: `this expression is ${depth} operations deep; rnnc takes at most ${MAX_DEPTH}`, span: root.span, hint: "split it into named steps, e.g. a = x1 + x2 + x3, then b = a + x4 + x5" });
        break;
      }
    }
  }
  return found;
}

function deepest(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length) {
    const [e, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const child of children(e)) stack.push([child, depth + 1]);
  }
  return max;
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case "unary":
      return [e.operand];
    case "binary":
      return [e.left, e.right];
    case "call":
      return [...e.args, ...e.keywords.map((k) => k.value)];
    case "slice":
      return [e.target, ...e.ranges.flatMap((r: Range) => [r.start, r.end].filter((x): x is Expr => !!x))];
    default:
      return [];
  }
}
