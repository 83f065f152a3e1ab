// The abstract syntax of a .cell file. Every node carries its source span.
import type { Span } from "../../diagnostics.js";

export interface Name {
  text: string;
  span: Span;
}

export type Expr =
  | { kind: "number"; value: number; span: Span }
  | { kind: "string"; value: string; span: Span }
  | { kind: "name"; name: string; span: Span }
  | { kind: "unary"; op: "-"; operand: Expr; span: Span }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "@"; left: Expr; right: Expr; span: Span }
  | { kind: "call"; callee: Name; args: Expr[]; keywords: { name: Name; value: Expr }[]; span: Span }
  | { kind: "slice"; target: Expr; ranges: Range[]; span: Span };

/** One axis of a slice: start:end, either side optional (the whole axis: ':'). */
export interface Range {
  start?: Expr;
  end?: Expr;
  span: Span;
}

export type Statement =
  | { kind: "param"; name: Name; shape: Expr[]; init?: Expr; constant: boolean; span: Span } // constant: declared `const`, never trained
  | { kind: "state"; name: Name; shape: Expr[]; init?: Expr; span: Span }
  | { kind: "input"; name: Name; shape: Expr[]; optional: boolean; int: boolean; span: Span }
  | { kind: "output"; names: Name[]; span: Span }
  | { kind: "assign"; targets: Name[]; value: Expr; span: Span };

export interface SizeDecl {
  name: Name;
  value?: number; // absent: bound at run time from the inputs' shapes (T, B)
  span: Span;
}

export interface CellArg {
  name: Name;
  shape: Expr[];
  /** The word after the shape: `whole` for a sequence read whole at every step (the checker refuses others). */
  modifier?: Name;
}

export interface CellDecl {
  name: Name;
  args: CellArg[];
  outputs: Name[]; // after '->': each becomes a sequence the call returns, before the final states
  body: Statement[];
  span: Span;
}

export interface ModelDecl {
  name?: Name;
  body: Statement[];
  span: Span;
}

export interface Program {
  sizes: SizeDecl[];
  cells: CellDecl[];
  models: ModelDecl[];
}

/** Every call to the function `name` within an expression (its arguments and options included). */
export function callsTo(e: Expr, name: string): (Expr & { kind: "call" })[] {
  switch (e.kind) {
    case "unary":
      return callsTo(e.operand, name);
    case "binary":
      return [...callsTo(e.left, name), ...callsTo(e.right, name)];
    case "slice":
      return callsTo(e.target, name);
    case "call": {
      const inside = [...e.args, ...e.keywords.map((k) => k.value)].flatMap((a) => callsTo(a, name));
      return e.callee.text === name ? [e, ...inside] : inside;
    }
    default:
      return [];
  }
}
