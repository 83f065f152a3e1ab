// init_lstm_l1_c: initial value of c (char_lstm.cell:14)
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
  let index21 = work_buf[8u * sizes.B * sizes.T + 768u * sizes.B + i0 * 256u + i1];
  work_buf[1612u * sizes.B * sizes.T + 4096u * sizes.B + 4u + (sizes.T % 2u) * 256u * sizes.B + i0 * 256u + i1] = index21;
}
