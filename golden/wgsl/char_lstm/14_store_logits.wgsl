// store_logits: computes logits (char_lstm.cell:36)
// one thread per element of [T, B, 65]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 65u * sizes.B * sizes.T) { return; }
  let i2 = id % 65u;
  let rest = id / 65u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul34 = work_buf[5186u * sizes.B * sizes.T + 4096u * sizes.B + ((i0) * sizes.B + i1) * 65u + i2];
  let decoder_bias = params_buf[20800u + i2];
  let logits = (matmul34 + decoder_bias);
  work_buf[5251u * sizes.B * sizes.T + 4096u * sizes.B + ((i0) * sizes.B + i1) * 65u + i2] = logits;
}
