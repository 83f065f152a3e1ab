// init_luong_decoder_l0_h: initial value of h (attention_luong.cell:18)
// one thread per four elements along the last axis of [B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B) { return; }
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  let index8 = work_buf[2u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + sizes.B + i0 * 4u + i1];
  work_buf[22u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 33u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + i0 * 4u + i1] = index8;
}
