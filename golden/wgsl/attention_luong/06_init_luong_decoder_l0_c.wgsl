// init_luong_decoder_l0_c: initial value of c (attention_luong.cell:19)
// one thread per element of [B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  let index9 = work_buf[8u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 20u * sizes.B + i0 * 16u + i1];
  work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + (sizes.T % 2u) * 16u * sizes.B + i0 * 16u + i1] = index9;
}
