// The error table: malformed models, each with the one message and location a user should see.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { CompileError } from "../../compiler/diagnostics.js";
import { frontend } from "../../compiler/frontend/frontend.js";

const lstm = readFileSync("dsl-examples/lstm.cell", "utf8");

interface Row {
  name: string;
  text: string; // the malformed model
  at: string; // line:col
  message: string;
  hint?: string;
  then?: string[]; // further errors that are real, not echoes of the first
}

const edit = (from: string, to: string) => {
  if (!lstm.includes(from)) throw new Error(`the example no longer contains ${from}`);
  return lstm.replace(from, to);
};

const table: Row[] = [
  { name: "typo in a function", text: edit("i = sigmoid(", "i = sigmod("), at: "18:7", message: "unknown function 'sigmod'", hint: "did you mean 'sigmoid'?" },
  { name: "unknown name", text: edit("c' = f * c + i * g", "c' = f * cc + i * g"), at: "22:12", message: "unknown name 'cc'", hint: "did you mean 'c'?" },
  { name: "matrix product shapes", text: edit("weight_hh @ h", "weight_hh @ x"), at: "17:37", message: "shape mismatch in '@': [4*H, H] @ [In]; the matrix has H columns but the vector has In entries" },
  { name: "elementwise shapes", text: edit("c' = f * c + i * g", "c' = f * c + i * gates"), at: "22:16", message: "shape mismatch in '*': [H] * [4*H]" },
  { name: "unknown size", text: edit("[4*H, In] init", "[4*HH, In] init"), at: "10:22", message: "unknown size 'HH'", hint: "did you mean 'H'?" },
  { name: "missing ']'", text: edit("param bias_ih   [4*H]", "param bias_ih   [4*H"), at: "12:28", message: "expected ']' but found 'init'", hint: "a shape is a list of sizes" },
  { name: "missing ')'", text: edit("f = sigmoid(gates[H:2*H])", "f = sigmoid(gates[H:2*H]"), at: "20:3", message: "expected ')' but found 'g'" },
  { name: "a dotted name for an input", text: edit("input x [T, B, I]", "input in.x [T, B, I]"), at: "27:9", message: "the input 'in.x' has a '.'; only a model-level param may (a PyTorch state_dict name such as decoder.weight)", hint: "write in_x", then: ["unknown name 'x'"] },
  { name: "a dotted name for a cell's param", text: edit("param weight_hh [4*H, H] ", "param w.hh [4*H, H] "), at: "11:9", message: "the cell's param 'w.hh' has a '.'; only a model-level param may (a PyTorch state_dict name such as decoder.weight)", hint: "write w_hh", then: ["unknown name 'weight_hh'"] },
  { name: "stray character", text: edit("c' = f * c + i * g", "c' = f * c $ i * g"), at: "22:14", message: "unexpected character '$'" },
  { name: "missing '='", text: edit("o = sigmoid(gates[3*H:4*H])", "o sigmoid(gates[3*H:4*H])"), at: "21:5", message: "expected '=' but found 'sigmoid'", hint: "NAME = EXPRESSION" },
  { name: "missing '}'", text: edit("  output y, h_n, c_n\n}", "  output y, h_n, c_n\n"), at: "32:1", message: "expected '}' but found the end of the file" },
  { name: "state never updated", text: edit("  h' = o * tanh(c')\n", "\n"), at: "14:3", message: "state 'h' is never updated", hint: "add h' = ..." },
  { name: "state updated twice", text: edit("  h' = o * tanh(c')\n", "  h' = o * tanh(c')\n  h' = o\n"), at: "24:3", message: "state 'h' is updated twice" },
  { name: "next value used before it is defined", text: edit("  c' = f * c + i * g\n  h' = o * tanh(c')", "  h' = o * tanh(c')\n  c' = f * c + i * g"), at: "22:17", message: "'c'' is used before it is defined" },
  { name: "quote on a name that is not a state", text: edit("c' = f * c + i * g", "q' = f * c + i * g"), at: "22:3", message: "'q' is not a state", hint: "state q [H] = 0" },
  { name: "name defined twice", text: edit("o = sigmoid", "f = sigmoid"), at: "21:3", message: "'f' is already defined as a value", then: ["unknown name 'o'"] },
  { name: "unknown output", text: edit("output y, h_n, c_n", "output y, h_n, c_m"), at: "31:18", message: "unknown name 'c_m'", hint: "did you mean 'c_n'?" },
  { name: "slice past the end", text: edit("gates[3*H:4*H]", "gates[3*H:5*H]"), at: "21:21", message: "slice 3*H:5*H runs past the end of [4*H]" },
  { name: "too many arguments to a cell", text: edit("lstm(x, h0, c0, layers=L", "lstm(x, h0, c0, x, layers=L"), at: "30:17", message: "lstm takes one input sequence and up to 2 initial states, but 4 were given" },
  { name: "unknown option of a cell call", text: edit("directions=D)", "direction=D)"), at: "30:43", message: "unknown option 'direction' of a cell call", hint: "did you mean 'directions'?" },
  { name: "unknown initialiser", text: edit("init uniform(-1/sqrt(H), 1/sqrt(H))\n  param weight_hh", "init uniformly(-1/sqrt(H), 1/sqrt(H))\n  param weight_hh"), at: "10:34", message: "unknown initialiser", hint: "did you mean 'uniform'?" },
  { name: "initial state of the wrong shape", text: edit("input h0 [L*D, B, H]", "input h0 [L*D, B, I]"), at: "30:25", message: "initial state 'h' must be [D*L, B, H] (layers*directions, batch, state size), but it is [D*L, B, I]" },
  { name: "input inside a cell", text: edit("  state c [H] = 0\n", "  state c [H] = 0\n  input z [H]\n"), at: "16:3", message: "'input' belongs in the model" },
  { name: "a keyword as a name", text: edit("param weight_hh [4*H, H] ", "param output [4*H, H] "), at: "11:9", message: "'output' is a word of the language, so it cannot name a value", hint: "choose another name (output_weight, say)" },
  { name: "a keyword as a name, defined and used", text: edit("o = sigmoid(gates[3*H:4*H])", "output = sigmoid(gates[3*H:4*H])").replace("h' = o * tanh", "h' = output * tanh"), at: "21:3", message: "'output' is a word of the language, so it cannot name a value", then: ["'output' is a word of the language, so it cannot name a value"] },
  { name: "size declared twice", text: edit("size H = 20", "size H = 20\nsize H = 3"), at: "5:6", message: "size 'H' is declared twice" },
];

const attention = readFileSync("dsl-examples/attention_bahdanau.cell", "utf8");
const editAttention = (from: string, to: string) => {
  if (!attention.includes(from)) throw new Error(`the attention example no longer contains ${from}`);
  return attention.replace(from, to);
};
const decoderCall = "additive_decoder(x, memory, mask, h0, c0)";

// Attention models: what a whole argument, a mask and lengths= get wrong.
const attentionTable: Row[] = [
  { name: "a whole argument of the wrong shape", text: editAttention(decoderCall, "additive_decoder(x, x, mask, h0, c0)"), at: "41:44", message: "shape mismatch: 'memory' is declared [S, M] but it receives, per example, [T, I]", hint: "pass [S, B, ...]" },
  { name: "a whole argument without its batch axis", text: editAttention("input memory [S, B, M]", "input memory [S, M]"), at: "41:44", message: "'memory' is read whole at every step, so it must be [S, B, M] (its own sequence axis, then the batch), but it is [S, M]" },
  { name: "a mask over the wrong sequence", text: editAttention("length_mask(source_lengths, S)", "length_mask(source_lengths, T)"), at: "41:52", message: "shape mismatch: 'mask' is declared [S] but it receives, per example, [T]" },
  { name: "a mask on the wrong axis of the scores", text: editAttention("softmax(scores, mask=mask)", "softmax(scores, mask=x)"), at: "23:11", message: "the mask of softmax must fit its scores [S], axis by axis from the last, but it is [I]", hint: "1 keeps a score, 0 drops it" },
  { name: "a misspelt whole", text: editAttention("memory [S, M] whole", "memory [S, M] wole"), at: "11:44", message: "unknown word 'wole' after the argument's shape", hint: "write 'whole'" },
  { name: "a weighted sum with the wrong matrix", text: editAttention("context = alpha @ memory", "context = alpha @ W_key"), at: "24:13", message: "shape mismatch in '@': [S] @ [A, M]; the vector has S entries but the matrix has A rows" },
  { name: "lengths that are not ids", text: editAttention(decoderCall, "additive_decoder(x, memory, mask, h0, c0, lengths=x)"), at: "41:74", message: "lengths are integer ids: an input declared with 'int'", hint: "input lengths [B] int" },
  { name: "optional lengths", text: editAttention("input source_lengths [B] int ", "input source_lengths [B] int optional ").replace(decoderCall, "additive_decoder(x, memory, mask, h0, c0, lengths=source_lengths)"), at: "41:74", message: "lengths must always be given, but 'source_lengths' is optional (a missing input is zeros)", hint: "remove 'optional'" },
];

const retention = readFileSync("dsl-examples/retention.cell", "utf8");
const editRetention = (from: string, to: string) => {
  if (!retention.includes(from)) throw new Error(`the retention example no longer contains ${from}`);
  return retention.replace(from, to);
};

// column() stands a vector up; anything else is refused.
const columnTable: Row[] = [
  { name: "a column of a matrix", text: editRetention("column(k) * v", "column(S) * v"), at: "13:36", message: "column takes a vector, but this is [D, D]", hint: "column(x): x [n] as a column [n, 1]" },
  { name: "a column of two vectors", text: editRetention("column(k) * v", "column(k, v)"), at: "13:29", message: "column takes one vector", hint: "column(k) * v is the outer product" },
];

const multiHead = readFileSync("dsl-examples/multihead_attention.cell", "utf8");
const editMultiHead = (from: string, to: string) => {
  if (!multiHead.includes(from)) throw new Error(`the multi-head example no longer contains ${from}`);
  return multiHead.replace(from, to);
};
const headsCall = "length_mask(lengths, T), heads=N)";

// Self-attention: causal_mask outside a cell, heads= on widths it cannot cut, or with what it cannot join.
const multiHeadTable: Row[] = [
  { name: "a causal mask at model level", text: editMultiHead("y = out_proj.weight @ out + out_proj.bias", "y = out_proj.weight @ out + out_proj.bias + causal_mask(T)"), at: "26:47", message: "causal_mask belongs in a cell: it keeps the positions up to the step the cell is computing", hint: "softmax(scores, mask=causal_mask(S))" },
  { name: "a causal mask with two sizes", text: editMultiHead("keep * causal_mask(S))", "keep * causal_mask(S, S))"), at: "13:39", message: "causal_mask takes one size, the length of the sequence it masks", hint: "causal_mask(S): in a cell" },
  { name: "heads that do not divide the width", text: editMultiHead(headsCall, "length_mask(lengths, T), heads=3)"), at: "25:16", message: "with heads=3, the last axis of 'q' is cut into 3 equal slices, one per head, but it is D*N", hint: "write its width as 3 times a head's width" },
  { name: "heads with directions", text: editMultiHead(headsCall, "length_mask(lengths, T), heads=N, directions=2)"), at: "25:87", message: "heads= runs the cell once per head, each on its slice of the arguments; it does not combine with layers= or directions=", hint: "stack such calls in the model" },
  { name: "heads joining an output as long as the sequence", text: editMultiHead("-> out {", "-> out, alpha {").replace("out = attend(", "out, alpha = attend("), at: "25:16", message: "heads= joins the cell's outputs along their last axis, but 'alpha' ends in T, a size known only at run time", hint: "leave it out of the cell's outputs" },
  {
    name: "directions joining an output as long as the memory",
    text: "size H = 3\nsize T, S, B\ncell c(x [H], m [S, H] whole) -> h, a {\n  state h [H] = 0\n  a = softmax(m @ x)\n  h' = tanh(a @ m + h)\n}\nmodel {\n  input x [T, B, H]\n  input m [S, B, H]\n  y, al, hn = c(x, m, directions=2)\n  output y, al\n}\n",
    at: "11:15",
    message: "directions= joins the cell's outputs along their last axis, but 'a' ends in S, a size known only at run time",
  },
];

test("a fixed sequence length longer than its position table is refused where the table is read", () => {
  const text = readFileSync("tests/cells/positions.cell", "utf8").replace("size T, B", "size T = 7\nsize B");
  const error = diagnose(text);
  expect(error.diagnostics.map((d) => d.message)).toEqual(["a size of 7 is more than the 6 rows of the position table"]);
  expect(error.message.split("\n")[0]).toBe("lstm.cell:14:44: error: a size of 7 is more than the 6 rows of the position table");
});

function diagnose(text: string): CompileError {
  try {
    frontend("lstm.cell", text);
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("no error was reported");
}

describe("each malformed model gets one clear error at the right place", () => {
  for (const row of [...table, ...attentionTable, ...columnTable, ...multiHeadTable]) {
    test(row.name, () => {
      const error = diagnose(row.text);
      expect(error.diagnostics.map((d) => d.message)).toEqual([row.message, ...(row.then ?? [])]);
      const [line, col] = row.at.split(":").map(Number);
      const printed = error.message.split("\n");
      expect(printed[0]).toBe(`lstm.cell:${line}:${col}: error: ${row.message}`);
      // The source line, then a caret under the column.
      expect(printed[2]).toBe(`${line} | ${row.text.split("\n")[line - 1]}`);
      expect(printed[3].indexOf("^")).toBe(`${line} | `.length + col - 1);
      if (row.hint) expect(error.diagnostics[0].hint).toContain(row.hint);
    });
  }
});

test("recovery reports several independent errors in one run", () => {
  const text = lstm.replace("i = sigmoid(", "i = sigmod(").replace("output y, h_n, c_n", "output y, h_n, c_m");
  expect(diagnose(text).diagnostics.map((d) => d.message)).toEqual(["unknown function 'sigmod'", "unknown name 'c_m'"]);
});
