// store_u: computes u (mamba.cell:51)
// one thread per four elements along the last axis of [T, B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B * sizes.T) { return; }
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let c = work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2];
  let sigmoid13 = sigmoid4(c);
  let u = (c * sigmoid13);
  work_buf[20u * sizes.B * sizes.T + 32u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2] = u;
}
