// init_lstm_l0_c: initial value of c (lstm.cell:15)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 5u * sizes.B) { return; }
  let i1 = id % 5u;
  let rest = id / 5u;
  let i0 = rest;
  let index4 = work_buf[640u + 3u * sizes.B * sizes.T + 5u * sizes.B + i0 * 5u + i1];
  work_buf[640u + 36u * sizes.B * sizes.T + 65u * sizes.B + i0 * 5u + i1] = index4;
}
