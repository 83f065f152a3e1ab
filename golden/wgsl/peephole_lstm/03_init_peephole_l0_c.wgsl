// init_peephole_l0_c: initial value of c (peephole_lstm.cell:24)
// one thread per element of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  work_buf[112u * sizes.B * sizes.T + 140u * sizes.B + (sizes.T % 2u) * 20u * sizes.B + i0 * 20u + i1] = 0.0;
}
