// store_valid: computes valid (seq2seq_attention.cell:67)
// one thread per element of [S, B]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S) { return; }
  let i1 = id % sizes.B;
  let rest = id / sizes.B;
  let i0 = rest;
  let source_lengths = work_buf[4u * sizes.B * sizes.S + i1];
  let valid = select(0.0, 1.0, f32(i0) < source_lengths);
  work_buf[388u * sizes.B * sizes.S + 72u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.B + i1] = valid;
}
