// Every token of the .cell language, defined once.
import { createToken, Lexer, type TokenType } from "chevrotain";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: Lexer.SKIPPED });

// A trailing quote names a state's next value: c' = f * c + i * g. Dotted names are PyTorch
// state_dict names (decoder.weight), which the checker allows for model-level parameters only.
export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*'?/, label: "a name" });
/** The words of the language, which cannot name a value. */
export const keywords: string[] = [];
const keyword = (word: string) => {
  keywords.push(word);
  return createToken({ name: word[0].toUpperCase() + word.slice(1), pattern: new RegExp(`${word}\\b`), longer_alt: Identifier, label: `'${word}'` });
};

export const Size = keyword("size");
export const Cell = keyword("cell");
export const Model = keyword("model");
export const Param = keyword("param");
export const Const = keyword("const");
export const State = keyword("state");
export const Input = keyword("input");
export const Output = keyword("output");
export const Init = keyword("init");
export const Optional = keyword("optional");
export const Int = keyword("int");

export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /\d+(\.\d+)?([eE][+-]?\d+)?/, label: "a number" });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"[^"\n]*"/, label: "a string" });
export const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "'->'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /]/, label: "']'" });
export const LBrace = createToken({ name: "LBrace", pattern: /{/, label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: /}/, label: "'}'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, label: "'+'" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "'-'" });
export const Star = createToken({ name: "Star", pattern: /\*/, label: "'*'" });
export const Slash = createToken({ name: "Slash", pattern: /\//, label: "'/'" });
export const At = createToken({ name: "At", pattern: /@/, label: "'@'" });

export const allTokens: TokenType[] = [
  WhiteSpace, Comment,
  Size, Cell, Model, Param, Const, State, Input, Output, Init, Optional, Int,
  Identifier, NumberLiteral, StringLiteral,
  Arrow, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Colon, Equals,
  Plus, Minus, Star, Slash, At,
];

export const cellLexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });
