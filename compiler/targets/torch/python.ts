// What the PyTorch target knows of Python: expressions with their precedence (so an inlined
// value gets parentheses only where it needs them), literals, and names that stay legal.
import type { Dim, Shape } from "../../ir/graph.js";

/** A Python expression and how tightly it binds (higher: tighter). */
export interface Py {
  text: string;
  prec: number;
  /** The operator that binds it, for an operation (a @ b). */
  op?: string;
  /** A Python number, not a tensor: arithmetic takes it as it is, a torch function does not. */
  number?: boolean;
}

export const PREC = { compare: 6, sum: 11, product: 12, unary: 13, atom: 16 } as const;

export const atom = (text: string): Py => ({ text, prec: PREC.atom });

/**
 * `a op b`, left-associative: the right operand is wrapped at equal precedence too, so the order
 * of operations stays the IR's; a product beside `@` is wrapped for the reader, though Python
 * would not need it.
 */
export function binary(a: Py, op: string, b: Py, prec: number): Py {
  const mixed = a.prec === prec && (a.op === "@") !== (op === "@");
  const left = a.prec < prec || mixed ? `(${a.text})` : a.text;
  const right = b.prec <= prec ? `(${b.text})` : b.text;
  return { text: `${left} ${op} ${right}`, prec, op };
}

export const unary = (op: string, x: Py): Py => ({ text: `${op}${x.prec < PREC.unary ? `(${x.text})` : x.text}`, prec: PREC.unary });

/** `x.method(args)` or `x[...]`: x wrapped unless it is an atom. */
export const on = (x: Py, rest: string): Py => atom(`${x.prec < PREC.atom ? `(${x.text})` : x.text}${rest}`);

export const call = (fn: string, ...args: (Py | string)[]): Py => atom(`${fn}(${args.map((a) => (typeof a === "string" ? a : a.text)).join(", ")})`);

/** A number as Python writes it (an integer stays one; it mixes with float tensors as it is). */
export function number(v: number): string {
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : '-float("inf")';
  return String(v);
}

export const literal = (v: number): Py => ({ text: number(v), prec: v < 0 || Object.is(v, -0) ? PREC.unary : PREC.atom, number: true });

/** A shape as a Python tuple; run-time sizes are the local variables of the same name. */
export const shapeTuple = (shape: Shape): string => (shape.length === 1 ? `(${dim(shape[0])},)` : `(${shape.map(dim).join(", ")})`);
const dim = (d: Dim) => (typeof d === "number" ? String(d) : d);

export const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case".split(" "),
);

/** What torch.nn.Module already has: a parameter of one of these names is reached through the module's tables, not as an attribute. */
export const MODULE_ATTRIBUTES = new Set(
  (
    "T_destination add_module apply bfloat16 buffers children cpu cuda double dump_patches eval extra_repr float forward get_buffer get_extra_state " +
    "get_parameter get_submodule half ipu load_state_dict modules named_buffers named_children named_modules named_parameters parameters " +
    "register_backward_hook register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook " +
    "register_load_state_dict_post_hook register_module register_parameter requires_grad_ set_extra_state share_memory state_dict to " +
    "to_empty train training type xpu zero_grad mtia compile call_super_init"
  ).split(" "),
);

export const isIdentifier = (s: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s);

/** A .cell name as a Python identifier: h' → h_next, a keyword gains a trailing underscore. */
export function identifier(name: string): string {
  let s = name.replace(/'/g, "_next").replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z_]/.test(s)) s = `v${s}`;
  return KEYWORDS.has(s) ? `${s}_` : s;
}

/** Distinct local names in one Python function: the first claim keeps the name, later ones are numbered. */
export class Names {
  private readonly taken: Set<string>;
  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }
  claim(wanted: string): string {
    const base = identifier(wanted);
    let name = base;
    for (let k = 2; this.taken.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }
}
