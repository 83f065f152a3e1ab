// init_attend_lstm_l0_h: initial value of h (seq2seq_attention.cell:38)
// one thread per four elements along the last axis of [B, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  let matmul40 = work_buf[99u * sizes.B * sizes.S + 114u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + ((0u) * sizes.B + i0) * 16u + i1];
  let h_start = tanh_safe4(matmul40);
  work_buf[65u * sizes.B * sizes.S + 2u * sizes.B + 86u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 16u + i1] = h_start;
}
