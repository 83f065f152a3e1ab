// init_lstm_l0_h: initial value of h (char_lstm.cell:13)
// one thread per four elements along the last axis of [B, 256]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B) { return; }
  let i1 = id % 64u;
  let rest = id / 64u;
  let i0 = rest;
  let index8 = work_buf[2u * sizes.B * sizes.T + i0 * 64u + i1];
  work_buf[275u * sizes.B * sizes.T + 1024u * sizes.B + 1u + i0 * 64u + i1] = index8;
}
