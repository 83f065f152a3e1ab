// init_lstm_l0_backward_d_h: initial value of d_h (lstm.cell:30)
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
  let index21 = work_buf[640u + 13u * sizes.B * sizes.T + 45u * sizes.B + i0 * 5u + i1];
  work_buf[13440u + 41u * sizes.B * sizes.T + 85u * sizes.B + (sizes.T % 2u) * 5u * sizes.B + i0 * 5u + i1] = index21;
}
