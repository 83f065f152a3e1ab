// init_lstm_l0_c: initial value of c (lstm.cell:15)
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
  let index4 = work_buf[2560u + 12u * sizes.B * sizes.T + 20u * sizes.B + i0 * 20u + i1];
  work_buf[2560u + 144u * sizes.B * sizes.T + 180u * sizes.B + i0 * 20u + i1] = index4;
}
