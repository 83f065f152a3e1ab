// store_counted: computes counted (seq2seq_attention.cell:73)
// one thread per element of [T, B]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T) { return; }
  let i1 = id % sizes.B;
  let rest = id / sizes.B;
  let i0 = rest;
  let target_lengths = work_buf[4u * sizes.B * sizes.S + 4u * sizes.B + 8u * sizes.B * sizes.T + i1];
  let counted = select(0.0, 1.0, f32(i0) < target_lengths);
  work_buf[4u * sizes.B * sizes.S + 8u * sizes.B + 24u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i0 * sizes.B + i1] = counted;
}
