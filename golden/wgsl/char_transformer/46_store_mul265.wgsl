// store_mul265: computes %265 (char_transformer.cell:65)
// one thread per four elements along the last axis of [T, B, 512]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

fn erf_approx4(x: vec4f) -> vec4f { let t = 1.0 / (1.0 + 0.3275911 * abs(x)); let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))); return sign(x) * (1.0 - p * exp(-x * x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B * sizes.T) { return; }
  let i2 = id % 128u;
  let rest = id / 128u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let add260 = work_buf[19u * sizes.B * sizes.T + 1u + ((i0) * sizes.B + i1) * 128u + i2];
  let mul261 = (add260 * vec4f(0.7071067690849304));
  let erf262 = erf_approx4(mul261);
  let add263 = (vec4f(1.0) + erf262);
  let mul264 = (vec4f(0.5) * add263);
  let mul265 = (add260 * mul264);
  work_buf[147u * sizes.B * sizes.T + 1u + ((i0) * sizes.B + i1) * 128u + i2] = mul265;
}
