// store_gather11: computes %11 (seq2seq_attention.cell:67)
// one thread per element of [S, B, 32]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 32u * sizes.B * sizes.S) { return; }
  let i2 = id % 32u;
  let rest = id / 32u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let source = work_buf[i0 * sizes.B + i1];
  let source_embedding = params_buf[20480u + (u32(source)) * 32u + i2];
  work_buf[324u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.B + i1) * 32u + i2] = source_embedding;
}
