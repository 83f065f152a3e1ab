// init_lstm_l0_h: initial value of h (bilstm_tagger.cell:18)
// one thread per four elements along the last axis of [B, 48]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 12u * sizes.B) { return; }
  let i1 = id % 12u;
  let rest = id / 12u;
  let i0 = rest;
  let const8 = vec4f(0.0);
  work_buf[76u * sizes.B * sizes.T + 49u * sizes.B + 1u + (sizes.T % 2u) * 12u * sizes.B + i0 * 12u + i1] = const8;
}
