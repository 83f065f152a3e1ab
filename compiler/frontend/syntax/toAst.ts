// CST -> AST. Runs only on a CST without parse errors, so every child is present.
import type { CstNode, IToken } from "chevrotain";
import type { Span } from "../../diagnostics.js";
import type { CellDecl, Expr, ModelDecl, Name, Program, Range, SizeDecl, Statement } from "./ast.js";

type Children = Record<string, (CstNode | IToken)[]>;

const kids = (node: CstNode): Children => node.children as Children;
const nodes = (node: CstNode, key: string) => (kids(node)[key] ?? []) as CstNode[];
const tokens = (node: CstNode, key: string) => (kids(node)[key] ?? []) as IToken[];
const node = (n: CstNode, key: string) => nodes(n, key)[0];
const token = (n: CstNode, key: string): IToken | undefined => tokens(n, key)[0];

const tokenSpan = (tok: IToken): Span => ({ start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 });
const join = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
const name = (tok: IToken): Name => ({ text: tok.image, span: tokenSpan(tok) });

/** The span of a CST node: from its first token to its last. */
function spanOf(n: CstNode): Span {
  let span: Span | undefined;
  const visit = (x: CstNode | IToken) => {
    if ("image" in x) span = span ? join(span, tokenSpan(x)) : tokenSpan(x);
    else for (const list of Object.values(x.children)) for (const c of list) visit(c as CstNode | IToken);
  };
  visit(n);
  return span ?? { start: 0, end: 0 };
}

export function toProgram(file: CstNode): Program {
  const program: Program = { sizes: [], cells: [], models: [] };
  for (const top of nodes(file, "topLevel")) {
    const size = node(top, "sizeDecl");
    const cell = node(top, "cellDecl");
    const model = node(top, "modelDecl");
    if (size) program.sizes.push(...toSizes(size));
    if (cell) program.cells.push(toCell(cell));
    if (model) program.models.push(toModel(model));
  }
  return program;
}

function toSizes(n: CstNode): SizeDecl[] {
  return nodes(n, "sizeItem").map((item) => {
    const value = token(item, "NumberLiteral");
    return { name: name(token(item, "Identifier")!), value: value ? Number(value.image) : undefined, span: spanOf(item) };
  });
}

function toCell(n: CstNode): CellDecl {
  const ids = tokens(n, "Identifier");
  return {
    name: name(ids[0]),
    args: nodes(n, "cellArg").map((a) => {
      const [argName, modifier] = tokens(a, "Identifier");
      return { name: name(argName), shape: toShape(node(a, "shape")), ...(modifier ? { modifier: name(modifier) } : {}) };
    }),
    outputs: ids.slice(1).map(name),
    body: toBlock(node(n, "block")),
    span: spanOf(n),
  };
}

function toModel(n: CstNode): ModelDecl {
  const id = token(n, "Identifier");
  return { name: id ? name(id) : undefined, body: toBlock(node(n, "block")), span: spanOf(n) };
}

const toBlock = (n: CstNode): Statement[] => nodes(n, "statement").map(toStatement);
const toShape = (n: CstNode): Expr[] => nodes(n, "expression").map(toExpr);

function toStatement(stmt: CstNode): Statement {
  const [kind, [n]] = Object.entries(stmt.children)[0] as [string, CstNode[]];
  const span = spanOf(n);
  const id = () => name(token(n, "Identifier")!);
  const expr = () => (nodes(n, "expression")[0] ? toExpr(node(n, "expression")) : undefined);
  switch (kind) {
    case "paramDecl":
      return { kind: "param", name: id(), shape: toShape(node(n, "shape")), init: expr(), constant: !!token(n, "Const"), span };
    case "stateDecl":
      return { kind: "state", name: id(), shape: toShape(node(n, "shape")), init: expr(), span };
    case "inputDecl":
      return { kind: "input", name: id(), shape: toShape(node(n, "shape")), optional: !!token(n, "Optional"), int: !!token(n, "Int"), span };
    case "outputDecl":
      return { kind: "output", names: tokens(n, "Identifier").map(name), span };
    default:
      return { kind: "assign", targets: tokens(n, "Identifier").map(name), value: expr()!, span };
  }
}

/** Folds `a op b op c` left to right; the operators sit between the operands in source order. */
function foldLeft(n: CstNode, operandKey: string, toOperand: (c: CstNode) => Expr): Expr {
  const operands = nodes(n, operandKey).map(toOperand);
  const ops = Object.entries(n.children)
    .filter(([k]) => k !== operandKey)
    .flatMap(([, list]) => list as IToken[])
    .sort((a, b) => a.startOffset - b.startOffset);
  let left = operands[0];
  ops.forEach((op, i) => {
    const right = operands[i + 1];
    left = { kind: "binary", op: op.image as "+", left, right, span: join(left.span, right.span) };
  });
  return left;
}

function toExpr(n: CstNode): Expr {
  return foldLeft(n, "product", (p) => foldLeft(p, "unary", toUnary));
}

function toUnary(n: CstNode): Expr {
  const minus = token(n, "Minus");
  if (minus) {
    const operand = toUnary(node(n, "unary"));
    return { kind: "unary", op: "-", operand, span: join(tokenSpan(minus), operand.span) };
  }
  const post = node(n, "postfix");
  let target = toPrimary(node(post, "primary"));
  for (const slice of nodes(post, "slice")) {
    const span = join(target.span, tokenSpan(token(slice, "RBracket")!));
    target = { kind: "slice", target, ranges: nodes(slice, "range").map(toRange), span };
  }
  return target;
}

function toRange(n: CstNode): Range {
  const colon = token(n, "Colon")!;
  const bounds = nodes(n, "expression");
  const before = bounds.find((b) => spanOf(b).start < colon.startOffset);
  const after = bounds.find((b) => spanOf(b).start > colon.startOffset);
  return { start: before && toExpr(before), end: after && toExpr(after), span: spanOf(n) };
}

function toPrimary(n: CstNode): Expr {
  const num = token(n, "NumberLiteral");
  if (num) return { kind: "number", value: Number(num.image), span: tokenSpan(num) };
  const str = token(n, "StringLiteral");
  if (str) return { kind: "string", value: str.image.slice(1, -1), span: tokenSpan(str) };
  const call = node(n, "call");
  if (call) {
    const args: Expr[] = [];
    const keywords: { name: Name; value: Expr }[] = [];
    for (const a of nodes(call, "argument")) {
      const value = toExpr(node(a, "expression"));
      const key = token(a, "Identifier");
      if (key) keywords.push({ name: name(key), value });
      else args.push(value);
    }
    return { kind: "call", callee: name(token(call, "Identifier")!), args, keywords, span: spanOf(call) };
  }
  const id = token(n, "Identifier");
  if (id) return { kind: "name", name: id.image, span: tokenSpan(id) };
  return toExpr(node(n, "expression"));
}
