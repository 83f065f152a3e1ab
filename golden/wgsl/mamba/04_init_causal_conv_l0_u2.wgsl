// init_causal_conv_l0_u2: initial value of u2 (mamba.cell:18)
// one thread per element of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  work_buf[64u * sizes.B * sizes.T + 96u * sizes.B + i0 * 16u + i1] = 0.0;
}
