// The grammar of .cell files. Rules only; the CST is turned into the AST in toAst.ts.
import { CstParser, EOF as EOFToken, type IParserErrorMessageProvider, type TokenType } from "chevrotain";
import * as t from "./tokens.js";

const describe = (tokenType: TokenType) => (typeof tokenType.LABEL === "string" ? tokenType.LABEL : tokenType.name);
const found = (token: { image: string; tokenType: TokenType }) =>
  token.tokenType === EOFToken ? "the end of the file" : `'${token.image}'`;

// Short messages in the user's words instead of Chevrotain's token-type names.
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${describe(expected)} but found ${found(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${found(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual, ruleName }) => `unexpected ${found(actual[0])} in ${ruleDescription(ruleName)}`,
  buildEarlyExitMessage: ({ actual, ruleName }) => `unexpected ${found(actual[0])} in ${ruleDescription(ruleName)}`,
};

function ruleDescription(rule: string): string {
  const words: Record<string, string> = {
    topLevel: "a top-level declaration",
    statement: "a statement",
    primary: "an expression",
    expression: "an expression",
    product: "an expression",
    unary: "an expression",
    postfix: "an expression",
  };
  return words[rule] ?? rule;
}

class CellParser extends CstParser {
  constructor() {
    super(t.allTokens, { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.topLevel));
  });

  topLevel = this.RULE("topLevel", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.sizeDecl) },
      { ALT: () => this.SUBRULE(this.cellDecl) },
      { ALT: () => this.SUBRULE(this.modelDecl) },
    ]);
  });

  // size H = 20      size T, B
  sizeDecl = this.RULE("sizeDecl", () => {
    this.CONSUME(t.Size);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.sizeItem) });
  });

  sizeItem = this.RULE("sizeItem", () => {
    this.CONSUME(t.Identifier);
    this.OPTION(() => {
      this.CONSUME(t.Equals);
      this.CONSUME(t.NumberLiteral);
    });
  });

  // cell lstm(x [In]) -> h { ... }      cell decoder(y [E], memory [S, M] whole) -> h, alpha { ... }
  cellDecl = this.RULE("cellDecl", () => {
    this.CONSUME(t.Cell);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.cellArg) });
    this.CONSUME(t.RParen);
    this.CONSUME(t.Arrow);
    this.AT_LEAST_ONE_SEP2({ SEP: t.Comma, DEF: () => this.CONSUME2(t.Identifier) });
    this.SUBRULE(this.block);
  });

  // x [In]      memory [S, M] whole
  cellArg = this.RULE("cellArg", () => {
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.shape);
    this.OPTION(() => this.CONSUME2(t.Identifier));
  });

  modelDecl = this.RULE("modelDecl", () => {
    this.CONSUME(t.Model);
    this.OPTION(() => this.CONSUME(t.Identifier));
    this.SUBRULE(this.block);
  });

  block = this.RULE("block", () => {
    this.CONSUME(t.LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(t.RBrace);
  });

  statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.stateDecl) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.outputDecl) },
      { ALT: () => this.SUBRULE(this.assignment) },
    ]);
  });

  // param W [4*H, In] init uniform(-k, k)      const avg [H] init constant(1/H)  (never trained)
  paramDecl = this.RULE("paramDecl", () => {
    this.OR([{ ALT: () => this.CONSUME(t.Param) }, { ALT: () => this.CONSUME(t.Const) }]);
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.shape);
    this.OPTION(() => {
      this.CONSUME(t.Init);
      this.SUBRULE(this.expression);
    });
  });

  // state c [H] = 0
  stateDecl = this.RULE("stateDecl", () => {
    this.CONSUME(t.State);
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.shape);
    this.OPTION(() => {
      this.CONSUME(t.Equals);
      this.SUBRULE(this.expression);
    });
  });

  // input h0 [L*D, B, H] optional      input tokens [T, B] int
  inputDecl = this.RULE("inputDecl", () => {
    this.CONSUME(t.Input);
    this.CONSUME(t.Identifier);
    this.SUBRULE(this.shape);
    this.OPTION(() => this.CONSUME(t.Int));
    this.OPTION2(() => this.CONSUME(t.Optional));
  });

  outputDecl = this.RULE("outputDecl", () => {
    this.CONSUME(t.Output);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.Identifier) });
  });

  // y, h_n = lstm(x)      c' = f * c + i * g
  assignment = this.RULE("assignment", () => {
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.Identifier) });
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  shape = this.RULE("shape", () => {
    this.CONSUME(t.LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(t.RBracket);
  });

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.product);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Plus) }, { ALT: () => this.CONSUME(t.Minus) }]);
      this.SUBRULE2(this.product);
    });
  });

  // '@' binds like '*', as in Python
  product = this.RULE("product", () => {
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.CONSUME(t.Slash) }, { ALT: () => this.CONSUME(t.At) }]);
      this.SUBRULE2(this.unary);
    });
  });

  unary = this.RULE("unary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  // gates[0:H]      weight_hh[2*H:3*H, :]
  postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.slice));
  });

  slice = this.RULE("slice", () => {
    this.CONSUME(t.LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.range) });
    this.CONSUME(t.RBracket);
  });

  // start:end, either side may be left out (start:, :end, :)
  range = this.RULE("range", () => {
    this.OPTION(() => this.SUBRULE(this.expression));
    this.CONSUME(t.Colon);
    this.OPTION2(() => this.SUBRULE2(this.expression));
  });

  primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.NumberLiteral) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.CONSUME(t.Identifier) },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(t.RParen);
        },
      },
    ]);
  });

  call = this.RULE("call", () => {
    this.CONSUME(t.Identifier);
    this.CONSUME(t.LParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(t.RParen);
  });

  // positional, or keyword: layers = L
  argument = this.RULE("argument", () => {
    this.OPTION({
      GATE: () => this.LA(2).tokenType === t.Equals,
      DEF: () => {
        this.CONSUME(t.Identifier);
        this.CONSUME(t.Equals);
      },
    });
    this.SUBRULE(this.expression);
  });
}

export const parser = new CellParser();
