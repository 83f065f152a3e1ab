// init_lstm_l0_reverse_h: initial value of h (seq2seq_attention.cell:19)
// one thread per element of [B, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B) { return; }
  let i1 = id % 64u;
  let rest = id / 64u;
  let i0 = rest;
  work_buf[392u * sizes.B * sizes.S + 584u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + (sizes.S % 2u) * 64u * sizes.B + i0 * 64u + i1] = 0.0;
}
