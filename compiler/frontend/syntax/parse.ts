// Text -> AST, or diagnostics. Lexing and parsing recover, so one run reports several errors.
import type { Diagnostic } from "../../diagnostics.js";
import type { Program } from "./ast.js";
import { bracketDepth, expressionDepth } from "./limits.js";
import { parser } from "./parser.js";
import { toProgram } from "./toAst.js";
import { cellLexer } from "./tokens.js";

export function parse(text: string): { program?: Program; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lexed = cellLexer.tokenize(text);
  for (const e of lexed.errors) {
    diagnostics.push({
      message: `unexpected character '${text.slice(e.offset, e.offset + 1)}'`,
      span: { start: e.offset, end: e.offset + 1 },
      hint: "names are letters, digits and '_'; operators are + - * / @; comments start with #",
    });
  }
  // Parse errors after a bad character only repeat it: report the characters alone.
  if (diagnostics.length) return { diagnostics };
  const tooDeep = bracketDepth(lexed.tokens);
  if (tooDeep) return { diagnostics: [tooDeep] };
  parser.input = lexed.tokens;
  const cst = parser.file();
  for (const e of parser.errors) {
    const tok = e.token;
    const atEnd = tok.tokenType.name === "EOF" || Number.isNaN(tok.startOffset);
    const start = atEnd ? Math.max(0, text.length - 1) : tok.startOffset;
    diagnostics.push({ message: e.message, span: { start, end: atEnd ? start + 1 : (tok.endOffset ?? start) + 1 }, hint: parseHint(e.message, e.context.ruleStack) });
  }
  if (diagnostics.length) return { diagnostics: dedupe(diagnostics) };
  const program = toProgram(cst);
  const deep = expressionDepth(program);
  return deep.length ? { diagnostics: deep } : { program, diagnostics };
}

function parseHint(message: string, rules: string[]): string | undefined {
  const rule = rules[rules.length - 1];
  if (rule === "topLevel" || rules.length === 1) return "a file holds 'size' declarations, 'cell NAME(ARG [SHAPE]) -> OUT { ... }' and 'model { ... }'";
  if (rule === "assignment") return "an assignment is NAME = EXPRESSION, e.g. o = sigmoid(gates[3*H:4*H])";
  if (rule === "statement") return "a statement is 'param', 'const', 'state', 'input', 'output', or NAME = EXPRESSION";
  if (message.includes("']'") && rules.includes("shape")) return "a shape is a list of sizes in brackets, e.g. [4*H, I]";
  if (message.includes("')'")) return "check that every '(' has its ')' and arguments are separated by ','";
  if (message.includes("'}'")) return "every '{' needs a matching '}'";
  if (rule === "primary" || rule === "expression") return "an expression is a number, a name, a call f(x), or operators between them";
  return undefined;
}

/** Recovery can report the same spot twice; keep the first. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return ds.filter((d) => !seen.has(d.span.start) && !!seen.add(d.span.start));
}
