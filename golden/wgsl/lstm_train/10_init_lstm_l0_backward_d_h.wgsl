// init_lstm_l0_backward_d_h: initial value of d_h (lstm.cell:30)
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
  let index21 = work_buf[2560u + 52u * sizes.B * sizes.T + 100u * sizes.B + i0 * 20u + i1];
  work_buf[53760u + 164u * sizes.B * sizes.T + 260u * sizes.B + (sizes.T % 2u) * 20u * sizes.B + i0 * 20u + i1] = index21;
}
