// init_lstm_l0_reverse_c: initial value of c (seq2seq_attention.cell:19)
// one thread per four elements along the last axis of [B, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  let const13 = vec4f(0.0);
  work_buf[98u * sizes.B * sizes.S + 178u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + (sizes.S % 2u) * 16u * sizes.B + i0 * 16u + i1] = const13;
}
