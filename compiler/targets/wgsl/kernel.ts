// One WGSL compute kernel being written: its bindings, helper functions and body.
import type { KernelSpec } from "../../../format/manifest.js";
import { commentText } from "./commentText.js";

const helpers: Record<string, string> = {
  // dropout's mask: the same integer hash as the interpreter's (compiler/ir/ops.ts)
  hash_u32: "fn hash_u32(x: u32) -> u32 { var h = x; h ^= h >> 16u; h *= 0x7feb352du; h ^= h >> 15u; h *= 0x846ca68bu; h ^= h >> 16u; return h; }",
  mix_seed: "fn mix_seed(seed: u32, salt: u32) -> u32 { return hash_u32(seed * 0x9e3779b9u + salt); }",
  keep_draw: "fn keep_draw(mixed: u32, i: u32) -> f32 { return f32(hash_u32(i ^ mixed)) / 4294967296.0; }",
  sigmoid: "fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }",
  // tanh through exp(-2|x|) never overflows, unlike some tanh builtins for large |x|
  // Abramowitz and Stegun 7.1.26: within 1.5e-7 of erf, about float32's own rounding
  erf_approx:
    "fn erf_approx(x: f32) -> f32 { let t = 1.0 / (1.0 + 0.3275911 * abs(x)); " +
    "let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))); " +
    "return sign(x) * (1.0 - p * exp(-x * x)); }",
  tanh_safe: "fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }",
};
// Their twins on four elements at a time (sigmoid4, ...): the same body, as the builtins it
// calls take vectors too.
for (const name of ["sigmoid", "erf_approx", "tanh_safe"]) helpers[`${name}4`] = helpers[name].replace(`fn ${name}(x: f32) -> f32`, `fn ${name}4(x: vec4f) -> vec4f`);

const AXES = ["x", "y", "z"];

export class KernelWriter {
  private readonly bindings: { buffer: number; name: string; write: boolean }[] = [];

  constructor(
    readonly name: string,
    private readonly uniformFields: string[],
    private readonly bufferName: (buffer: number) => string,
    /** What each binding is an array of: floats, or vec4s for a kernel that reads four at a time. */
    private readonly element: "f32" | "vec4f" = "f32",
  ) {}

  /** The WGSL array name of a buffer, binding it on first use. */
  bind(buffer: number, write = false): string {
    let b = this.bindings.find((x) => x.buffer === buffer);
    if (!b) {
      let name = `${this.bufferName(buffer)}_buf`; // its own namespace: values never end in _buf
      while (this.bindings.some((x) => x.name === name)) name += "_";
      b = { buffer, name, write };
      this.bindings.push(b);
    }
    b.write ||= write;
    return b.name;
  }

  /**
   * `workgroups`: for a kernel whose threads each compute the same outputs whatever the
   * workgroup's shape (a product), the shapes the runtime may choose from per adapter, the
   * first being `workgroup`; the shape is then a pipeline-overridable constant. `tileRows`:
   * likewise the rows of a thread's tile (override tile_rows), the first being `tile[1]`.
   */
  finish(opts: { comment: string[]; body: string[]; workgroup: number[]; tile: number[]; workgroups?: number[][]; tileRows?: number[] }): KernelSpec {
    const body = opts.body.join("\n");
    // Helpers the body calls, and the helpers those call.
    const calls = (text: string, name: string) => new RegExp(`\\b${name}\\(`).test(text);
    const needed = new Set(Object.keys(helpers).filter((name) => calls(body, name)));
    for (const name of [...needed]) for (const other of Object.keys(helpers)) if (calls(helpers[name], other)) needed.add(other);
    const used = Object.entries(helpers).filter(([name]) => needed.has(name)).map(([, src]) => src);
    const wgsl = [
      ...opts.comment.map((c) => `// ${commentText(c)}`),
      "",
      `struct Sizes { ${this.uniformFields.map((f) => `${f}: u32,`).join(" ")} }`,
      "@group(0) @binding(0) var<uniform> sizes: Sizes;",
      ...this.bindings.map((b, i) => `@group(0) @binding(${i + 1}) var<storage, ${b.write ? "read_write" : "read"}> ${b.name}: array<${this.element}>;`),
      ...(used.length ? ["", ...used] : []),
      "",
      ...(opts.tileRows ? [`override tile_rows: u32 = ${opts.tileRows[0]}u; // rows of a thread's tile, chosen per adapter`] : []),
      ...(opts.workgroups ? [...AXES.map((a, i) => `override workgroup_${a}: u32 = ${opts.workgroup[i] ?? 1}u;${i ? "" : " // the workgroup's shape, chosen per adapter"}`)] : []),
      `@compute @workgroup_size(${opts.workgroups ? AXES.map((a) => `workgroup_${a}`).join(", ") : opts.workgroup.join(", ")})`,
      "fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {",
      body,
      "}",
      "",
    ].join("\n");
    return {
      name: this.name,
      wgsl,
      workgroup: opts.workgroup,
      ...(opts.workgroups ? { workgroups: opts.workgroups } : {}),
      ...(opts.tileRows ? { tileRows: opts.tileRows } : {}),
      tile: opts.tile,
      bindings: this.bindings.map((b) => ({ buffer: b.buffer, write: b.write })),
    };
  }
}
