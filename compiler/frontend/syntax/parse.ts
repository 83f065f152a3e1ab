// Text -> AST, or diagnostics. Lexing and parsing recover, so one run reports several errors.
import type { IRecognitionException, IToken } from "chevrotain";
import type { Diagnostic } from "../../diagnostics.js";
import type { Program } from "./ast.js";
import { bracketDepth, expressionDepth } from "./limits.js";
import { parser } from "./parser.js";
import { toProgram } from "./toAst.js";
import { cellLexer, keywords } from "./tokens.js";

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
  const misused: Diagnostic[] = [];
  for (const e of parser.errors) {
    const tok = e.token;
    const atEnd = tok.tokenType.name === "EOF" || Number.isNaN(tok.startOffset);
    const start = atEnd ? Math.max(0, text.length - 1) : tok.startOffset;
    const word = keywordUsedAsName(e, lexed.tokens);
    if (word)
      misused.push({
        message: `'${word.image}' is a word of the language, so it cannot name a value`,
        span: { start: word.startOffset, end: word.endOffset! + 1 },
        hint: `choose another name (${word.image}_weight, say)`,
      });
    diagnostics.push({ message: e.message, span: { start, end: atEnd ? start + 1 : (tok.endOffset ?? start) + 1 }, hint: parseHint(e.message, e.context.ruleStack) });
  }
  // A word of the language used as a name throws the parser off for the rest of its line:
  // report the misuses alone, not their echoes.
  if (misused.length) return { diagnostics: dedupe(misused) };
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

/** The keyword token a parse error comes from, where the file uses it as a name: found where a
 * name or an expression belongs, or followed by '=' (`output = ...`). */
function keywordUsedAsName(e: IRecognitionException, tokens: IToken[]): IToken | undefined {
  const isKeyword = (t: IToken | undefined) => !!t && keywords.includes(t.image) && t.tokenType.name !== "Identifier";
  if (isKeyword(e.token) && /^(expected a name but found|unexpected '\w+' in an expression)/.test(e.message)) return e.token;
  if (e.token.image !== "=") return undefined;
  const before = tokens[tokens.indexOf(e.token) - 1];
  return isKeyword(before) ? before : undefined;
}

/** Recovery can report the same spot twice; keep the first. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return ds.filter((d) => !seen.has(d.span.start) && !!seen.add(d.span.start));
}
