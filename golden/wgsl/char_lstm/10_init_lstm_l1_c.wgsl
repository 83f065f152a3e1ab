// init_lstm_l1_c: initial value of c (char_lstm.cell:14)
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
  let index21 = work_buf[2u * sizes.B * sizes.T + 192u * sizes.B + i0 * 64u + i1];
  work_buf[403u * sizes.B * sizes.T + 1280u * sizes.B + 1u + (sizes.T % 2u) * 64u * sizes.B + i0 * 64u + i1] = index21;
}
