// store_transpose13: computes %13 (multihead_attention.cell:25)
// one thread per element of [B, T, 8]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 8u * sizes.B * sizes.T) { return; }
  let i2 = id % 8u;
  let rest = id / 8u;
  let i1 = rest % sizes.T;
  let rest_2 = rest / sizes.T;
  let i0 = rest_2;
  let qkv = work_buf[8u * sizes.B * sizes.T + sizes.B + ((i1) * sizes.B + i0) * 24u + i2 + 16u];
  work_buf[48u * sizes.B * sizes.T + sizes.B + ((i0) * sizes.T + i1) * 8u + i2] = qkv;
}
