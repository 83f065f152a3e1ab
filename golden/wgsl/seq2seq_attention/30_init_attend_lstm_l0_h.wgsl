// init_attend_lstm_l0_h: initial value of h (seq2seq_attention.cell:38)
// one thread per element of [B, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B) { return; }
  let i1 = id % 64u;
  let rest = id / 64u;
  let i0 = rest;
  let matmul40 = work_buf[396u * sizes.B * sizes.S + 456u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((0u) * sizes.B + i0) * 64u + i1];
  let h_start = tanh_safe(matmul40);
  work_buf[260u * sizes.B * sizes.S + 8u * sizes.B + 344u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * 64u + i1] = h_start;
}
