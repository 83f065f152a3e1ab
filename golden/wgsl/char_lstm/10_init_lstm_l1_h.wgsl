// init_lstm_l1_h: initial value of h (char_lstm.cell:13)
// one thread per element of [B, 256]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 256u * sizes.B) { return; }
  let i1 = id % 256u;
  let rest = id / 256u;
  let i0 = rest;
  let index20 = work_buf[8u * sizes.B * sizes.T + 256u * sizes.B + i0 * 256u + i1];
  work_buf[1356u * sizes.B * sizes.T + 2304u * sizes.B + 4u + i0 * 256u + i1] = index20;
}
