// The PyTorch target: the IR after the passes (loops without state as maps, input products
// before their loop) as a standalone Python module. The model's graph becomes Model.forward,
// each scan body a step function that rnnc_scan runs over time; each op is a row of
// torchOps.ts, and a value used once is written inside its consumer.
// Parameters keep rnnc's state_dict names and its seeded initialisation, so weights and runs
// move between the two unchanged.
import type { ParamSpec } from "../../../format/manifest.js";
import type { Lowered } from "../../frontend/lower.js";
import type { Graph, Node } from "../../ir/graph.js";
import { helpers, helpersFor } from "./prelude.js";
import { atom, call, identifier, isIdentifier, MODULE_ATTRIBUTES, Names, shapeTuple, type Py } from "./python.js";
import { ARITHMETIC, torchOps, type OpContext } from "./torchOps.js";

export interface TorchExport {
  lowered: Lowered; // compiled with dropout, which the module applies in training mode
  params: ParamSpec[]; // in the manifest's order, which the seeded initialisation follows
  file: { name: string; text: string }; // the .cell file, quoted beside the code it became
  overrides: Record<string, number>; // the sizes given at export (what a checkpoint records)
  version: string;
}

/** Inputs the runtime adds for dropout, as the module takes them: training mode, and a keyword. */
const DROPOUT_SEED = "dropout_seed";
const DROPOUT_STREAMS = "dropout_streams";

/** Names a line of the module may use besides its own values. */
const RESERVED = [
  ...["torch", "math", "json", "struct", "self", "like", "_", ...Object.keys(helpers)],
  // Python's builtins that the module's own code calls
  ...["range", "len", "int", "float", "bool", "tuple", "list", "dict", "zip", "sum", "type", "isinstance", "open", "ValueError", "super"],
];

export function torchModule(o: TorchExport): string {
  const graph = o.lowered.graph;
  const lines = o.file.text.split("\n");
  const functions = new StepFunctions(o.lowered.runtimeSizes, lines);
  const forward = writeForward(graph, o.lowered.runtimeSizes, lines, functions);
  const classCode = writeClass(o, forward);
  const code = [...functions.code, classCode].join("\n\n\n");
  // The safetensors reader and writer are the module's own API, used or not.
  const used = helpersFor(`${code}${INIT_CODE} load_safetensors() save_safetensors()`);
  const parts = [
    header(o, forward.signature),
    "import json\nimport math\nimport struct\n\nimport torch",
    tables(o, forward.arguments),
    used.map((n) => helpers[n].trim()).join("\n\n\n"),
    INIT_CODE.trim(),
    code,
  ];
  return parts.join("\n\n\n") + "\n";
}

// ---- the file's parts ------------------------------------------------------------------------------

function header(o: TorchExport, signature: string): string {
  const set = Object.entries(o.overrides).map(([k, v]) => ` --set ${k}=${v}`).join("");
  return `"""${o.file.name} as a PyTorch module, written by rnnc ${o.version}:

    rnnc export --torch ${o.file.name}${set} -o MODEL.py

    model = Model(seed=0)                          # the initial weights rnnc draws from seed 0
    model.load_state_dict(load_safetensors(path))  # or weights rnnc wrote, by state_dict name
    outputs = model(${signature})

forward() takes the inputs by name (INPUTS lists their shapes, and the argument of a name
Python reserves; an optional one may be left out and is zeros) and returns a dict of the
outputs by name (OUTPUTS). Parameters have rnnc's names and layouts, so safetensors move
between rnnc and PyTorch unchanged. In training mode dropout draws rnnc's masks from
dropout_seed; a process holding streams first.. of a batch of total split over processes
passes dropout_streams=(first, total) to draw the whole batch's. Each block below is quoted
from the .cell line it comes from. Sizes are fixed at export (SIZES); export again with --set
to change them.
"""`;
}

function tables(o: TorchExport, args: Map<string, string>): string {
  const g = o.lowered.graph;
  const inputs = g.nodes.filter((n) => n.op === "input" && !n.attrs.role?.startsWith("dropout"));
  const inputTable = Object.fromEntries(
    inputs.map((n) => [n.attrs.name!, { argument: args.get(n.attrs.name!)!, shape: n.shape, optional: !!n.attrs.optional, ids: !!n.attrs.ids, role: n.attrs.role ?? "data" }]),
  );
  const outputTable = Object.fromEntries(g.outputs.map((out) => [out.name, { shape: g.nodes[out.node].shape, role: out.role ?? "value", ...(out.of ? { of: out.of } : {}) }]));
  const params = o.params.map((p) => `    (${py(p.name)}, ${shapeTuple(p.shape)}, ${initTuple(p)}, ${p.constant ? "False" : "True"}),`);
  return [
    `SOURCE = ${py(o.file.name)}`,
    `SIZES = ${py(o.lowered.sizes)}  # every size fixed at export`,
    `SET = ${py(o.overrides)}  # the sizes given with --set, which a checkpoint records`,
    `INPUTS = ${py(inputTable)}`,
    `OUTPUTS = ${py(outputTable)}`,
    `# name, shape, initialiser, trained: in the order rnnc draws their initial values`,
    `PARAMETERS = [\n${params.join("\n")}\n]`,
  ].join("\n");
}

const initTuple = (p: ParamSpec) => {
  const i = p.init;
  const args = i.kind === "uniform" ? [i.low, i.high] : i.kind === "normal" ? [i.mean, i.std] : [i.value];
  return `(${[py(i.kind), ...args.map((v) => String(v))].join(", ")})`;
};

/** A JSON value as a Python literal. */
function py(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number" || typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(", ")}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`).join(", ")}}`;
}

const INIT_CODE = `
def rnnc_initial_parameters(seed=0):
    """Every parameter as rnnc initialises it from \`seed\`: the same draws in the same order."""
    tensors, drawn = {}, 0
    for name, shape, (kind, *args), _ in PARAMETERS:
        count = math.prod(shape)
        if kind == "uniform":
            values = args[0] + (args[1] - args[0]) * rnnc_draws(seed, drawn, count)
            drawn += count
        elif kind == "normal":
            u = rnnc_draws(seed, drawn, 2 * count).reshape(count, 2)
            values = args[0] + args[1] * (torch.sqrt(-2 * torch.log(1 - u[:, 0])) * torch.cos(2 * math.pi * u[:, 1]))
            drawn += 2 * count
        else:
            values = torch.full((count,), float(args[0]), dtype=torch.float64)
        tensors[name] = values.to(torch.float32).reshape(shape)
    return tensors


def rnnc_place(module, name, tensor, trained):
    """Registers a tensor under its state_dict name (a.b.c), in containers made as needed."""
    *path, leaf = name.split(".")
    for part in path:
        module = module._modules.setdefault(part, torch.nn.Module())
    if trained:
        module._parameters[leaf] = torch.nn.Parameter(tensor)
    else:
        module._buffers[leaf] = tensor


def rnnc_tensor(module, name):
    """The parameter or buffer with this state_dict name (one an attribute cannot reach)."""
    *path, leaf = name.split(".")
    for part in path:
        module = module._modules[part]
    return module._parameters[leaf] if leaf in module._parameters else module._buffers[leaf]
`;

function writeClass(o: TorchExport, forward: { signature: string; params: string; body: string[] }): string {
  const outs = o.lowered.graph.outputs.map((x) => x.name).join(", ");
  return `class Model(torch.nn.Module):
    """${o.file.name}: forward(${forward.params}) -> {${outs}}."""

    def __init__(self, seed=0):
        super().__init__()
        for (name, tensor), (_, _, _, trained) in zip(rnnc_initial_parameters(seed).items(), PARAMETERS):
            rnnc_place(self, name, tensor, trained)

    def rnnc_like(self):
        """The dtype and device of new tensors: the parameters'."""
        tensor = next(self.parameters(), next(self.buffers(), None))
        if tensor is None:
            return {"dtype": torch.get_default_dtype(), "device": torch.device("cpu")}
        return {"dtype": tensor.dtype, "device": tensor.device}

    def forward(self, ${forward.params}):
${forward.body.map((l) => (l ? `        ${l}` : "")).join("\n")}`;
}

// ---- graphs as Python functions --------------------------------------------------------------------

/** A graph's statements as Python lines: one per named value, a comment quoting each .cell line. */
class GraphWriter {
  readonly lines: string[] = [];
  readonly values = new Map<number, Py>();
  /** Run-time sizes the code names. */
  readonly sizes = new Set<string>();
  usesLike = false;
  private readonly uses: number[];
  private lastLine?: number;

  constructor(
    readonly graph: Graph,
    readonly names: Names,
    private readonly source: string[],
    private readonly functions: StepFunctions,
    streams?: OpContext["streams"],
  ) {
    this.context.streams = streams;
    this.uses = new Array(graph.nodes.length).fill(0);
    for (const n of graph.nodes) for (const i of n.inputs) this.uses[i]++;
    for (const out of graph.outputs) this.uses[out.node] += 2; // an output is always named
  }

  private readonly context: OpContext = {
    streams: undefined,
    shape: (node) => {
      for (const d of node.shape) if (typeof d === "string") this.sizes.add(d);
      return shapeTuple(node.shape);
    },
    like: () => {
      this.usesLike = true;
      return "**like";
    },
  };

  /** Every node the outputs need, in order; sources are bound by `source`. */
  write(source: (node: Node) => Py) {
    const live = liveNodes(this.graph);
    for (const node of this.graph.nodes) {
      if (!live[node.id]) continue;
      if (node.op === "input" || node.op === "param" || node.op === "arg") this.values.set(node.id, source(node));
      else if (node.op === "scan") this.scan(node, live);
      else if (node.op !== "get") this.value(node, this.apply(node));
    }
  }

  /** The node's expression; a number becomes a tensor where an op other than arithmetic reads it. */
  private apply(node: Node): Py {
    const ins = node.inputs.map((i) => this.values.get(i)!);
    if (!ARITHMETIC.has(node.op)) return torchOps[node.op as keyof typeof torchOps](ins.map((x) => this.tensor(x)), node, this.context);
    const expr = torchOps[node.op as keyof typeof torchOps](ins, node, this.context);
    return { ...expr, number: ins.every((x) => x.number) };
  }

  /** A value as a tensor (a number is wrapped). */
  tensor(x: Py): Py {
    return x.number ? call("torch.tensor", x, this.context.like()) : x;
  }

  private value(node: Node, expr: Py) {
    const inline = this.uses[node.id] === 1 && !node.label && expr.text.length <= 72;
    const scalar = node.op === "const" && node.shape.length === 0;
    if (inline || scalar) return this.values.set(node.id, expr);
    const name = this.names.claim(node.label ?? `v${node.id}`);
    this.statement(node, `${name} = ${expr.text}`);
    this.values.set(node.id, { ...atom(name), number: expr.number });
  }

  private statement(node: Node, code: string) {
    if (node.line && node.line !== this.lastLine) {
      const quoted = this.source[node.line - 1]?.trim();
      if (this.lines.length) this.lines.push("");
      this.lines.push(`# line ${node.line}${quoted ? `: ${quoted}` : ""}`);
      this.lastLine = node.line;
    }
    this.lines.push(code);
  }

  /** A scan as one call of rnnc_scan; its results (through `get`) are unpacked into names. */
  private scan(node: Node, live: boolean[]) {
    const s = node.attrs.scan!;
    const step = this.functions.define(node);
    const ins = node.inputs.map((i) => this.tensor(this.values.get(i)!).text);
    const carries = ins.slice(0, s.carries);
    const sequences = ins.slice(s.carries, s.carries + s.sequences);
    const invariants = ins.slice(s.carries + s.sequences);
    const gets = this.graph.nodes.filter((n) => n.op === "get" && n.inputs[0] === node.id && live[n.id]);
    const stacked = [...new Set(gets.map((g) => g.attrs.index!).filter((i) => i >= s.carries))].sort((a, b) => a - b);
    const results: string[] = [...Array.from({ length: s.carries }, () => "_"), ...stacked.map(() => "_")];
    for (const g of gets) {
      const i = g.attrs.index!;
      const at = i < s.carries ? i : s.carries + stacked.indexOf(i);
      if (results[at] === "_") results[at] = this.names.claim(g.label ?? `v${g.id}`);
      this.values.set(g.id, atom(results[at]));
    }
    if (typeof s.length === "string") this.sizes.add(s.length);
    for (const size of step.sizes) this.sizes.add(size);
    const tuple = (xs: string[]) => `(${xs.join(", ")}${xs.length === 1 ? "," : ""})`;
    const args = [
      step.name,
      tuple(carries),
      tuple(sequences),
      tuple(invariants),
      String(s.length),
      ...(stacked.length ? [`stacked=${tuple(stacked.map((i) => String(i - s.carries)))}`] : []),
      ...(s.reverse ? ["reverse=True"] : []),
      ...step.sizes.map((size) => `${size}=${size}`),
    ];
    const target = results.length === 1 ? `${results[0]},` : results.join(", ");
    this.statement(node, `${target} = ${call("rnnc_scan", ...args).text}`);
  }
}

/** The nodes the graph's outputs depend on. */
function liveNodes(graph: Graph): boolean[] {
  const live = new Array<boolean>(graph.nodes.length).fill(false);
  const stack = graph.outputs.map((o) => o.node);
  while (stack.length) {
    const id = stack.pop()!;
    if (live[id]) continue;
    live[id] = true;
    stack.push(...graph.nodes[id].inputs);
  }
  return live;
}

/** The module-level step functions of the scans: one per distinct body, named after its cell. */
class StepFunctions {
  readonly code: string[] = [];
  private readonly names = new Names(RESERVED.concat(["Model", "SOURCE", "SIZES", "SET", "INPUTS", "OUTPUTS", "PARAMETERS"]));
  private readonly byText = new Map<string, { name: string; sizes: string[] }>();

  constructor(
    private readonly runtimeSizes: string[],
    private readonly source: string[],
  ) {}

  /** The function running `scan`'s body, and the run-time sizes it must be given. */
  define(scan: Node): { name: string; sizes: string[] } {
    const body = scan.attrs.scan!.body;
    const w = new GraphWriter(body, new Names([...RESERVED, ...this.runtimeSizes]), this.source, this);
    // A value the passes moved out of the loop (hoisted8) is named for what it is.
    const args = body.args.map((a) => w.names.claim((body.nodes[a].label ?? `arg${body.nodes[a].attrs.index}`).replace(/^hoisted\d+$/, "hoisted")));
    w.write((node) => atom(args[node.attrs.index!]));
    // A size the body names comes from an argument's shape, or from the caller.
    const bound: string[] = [];
    const given: string[] = [];
    for (const size of w.sizes) {
      const from = body.args.findIndex((a) => body.nodes[a].shape.includes(size));
      if (from < 0) given.push(size);
      else bound.push(`${size} = ${args[from]}.shape[${body.nodes[body.args[from]].shape.indexOf(size)}]`);
    }
    const outs = body.outputs.map((o) => w.tensor(w.values.get(o.node)!).text);
    const like = w.usesLike ? [`like = {"dtype": ${args[0]}.dtype, "device": ${args[0]}.device}`] : [];
    const lines = [...bound, ...like, ...(bound.length || like.length ? [""] : []), ...w.lines, `return ${outs.join(", ")}${outs.length === 1 ? "," : ""}`];
    const params = [...args, ...(given.length ? ["*", ...given] : [])].join(", ");
    const text = `(${params}):\n${lines.map((l) => (l ? `    ${l}` : "")).join("\n")}`;
    const known = this.byText.get(text);
    if (known) return known;
    const cell = (scan.label ?? "step").replace(/_l\d+(_reverse)?(_head\d+)?$/, "");
    const name = this.names.claim(cell);
    this.code.push(`def ${name}${text.replace(":\n", `:\n    """One time step of the cell ${cell} at line ${scan.line ?? "?"}: the carries' next values, then its per-step outputs."""\n`)}`);
    const defined = { name, sizes: given };
    this.byText.set(text, defined);
    return defined;
  }
}

/** Model.forward: sizes bound and inputs checked, missing optional inputs as zeros, then the graph. */
function writeForward(graph: Graph, runtimeSizes: string[], source: string[], functions: StepFunctions) {
  const names = new Names([...RESERVED, ...runtimeSizes, DROPOUT_SEED, DROPOUT_STREAMS]);
  const inputs = graph.nodes.filter((n) => n.op === "input");
  const local = new Map<number, string>();
  for (const n of inputs) if (!n.attrs.role?.startsWith("dropout")) local.set(n.id, names.claim(n.attrs.name!));
  const data = inputs.filter((n) => local.has(n.id));
  const dropout = inputs.some((n) => n.attrs.role === "dropout-seed");
  const params = [
    ...data.filter((n) => !n.attrs.optional).map((n) => local.get(n.id)!),
    ...data.filter((n) => n.attrs.optional).map((n) => `${local.get(n.id)!}=None`),
    ...(dropout ? ["*", `${DROPOUT_SEED}=0`, `${DROPOUT_STREAMS}=None`] : []),
  ].join(", ");
  // The batch: the size of the tokens' second axis, as a language model has it, else B.
  const tokens = data.find((n) => n.attrs.name === "tokens")?.shape[1];
  const w = new GraphWriter(graph, names, source, functions, { size: typeof tokens === "string" ? tokens : "B", name: DROPOUT_STREAMS });
  w.write((node) => {
    if (node.op === "param") return atom(paramAccess(node.attrs.name!));
    if (node.attrs.role === "dropout-active") return atom("self.training");
    if (node.attrs.role === "dropout-seed") return atom(DROPOUT_SEED);
    return atom(local.get(node.id)!);
  });
  const outputs = graph.outputs.map((out) => `${JSON.stringify(out.name)}: ${w.tensor(w.values.get(out.node)!).text}`);
  const prologue: string[] = [];
  for (const size of runtimeSizes) {
    const found = data.flatMap((n) => n.shape.flatMap((d, axis) => (d === size ? [`(${local.get(n.id)}, ${axis})`] : [])));
    if (found.length) prologue.push(`${size} = rnnc_size(${JSON.stringify(size)}, ${found.join(", ")})`);
  }
  for (const n of data) prologue.push(`rnnc_check(${JSON.stringify(n.attrs.name)}, ${local.get(n.id)}, ${shapeTuple(n.shape)})`);
  const optional = data.filter((n) => n.attrs.optional);
  if (optional.length || w.usesLike) prologue.push("like = self.rnnc_like()");
  for (const n of optional) prologue.push(`if ${local.get(n.id)} is None:`, `    ${local.get(n.id)} = torch.zeros(${shapeTuple(n.shape)}, **like)`);
  const body = [...prologue, "", ...w.lines, "", `return {${outputs.join(", ")}}`];
  const signature = data
    .filter((n) => !n.attrs.optional)
    .map((n) => `${local.get(n.id)}=...`)
    .join(", ");
  const args = new Map(data.map((n) => [n.attrs.name!, local.get(n.id)!]));
  return { params, body, signature, arguments: args };
}

/** A parameter by its state_dict name: an attribute path where Python allows one. */
function paramAccess(name: string): string {
  const parts = name.split(".");
  const plain = parts.every((p) => isIdentifier(p) && !MODULE_ATTRIBUTES.has(p) && identifier(p) === p);
  return plain ? `self.${parts.join(".")}` : `rnnc_tensor(self, ${JSON.stringify(name)})`;
}
