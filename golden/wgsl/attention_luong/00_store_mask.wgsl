// store_mask: computes mask (attention_luong.cell:41)
// one thread per element of [S, B]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S) { return; }
  let i1 = id % sizes.B;
  let rest = id / sizes.B;
  let i0 = rest;
  let source_lengths = work_buf[8u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + i1];
  let mask = select(0.0, 1.0, f32(i0) < source_lengths);
  work_buf[104u * sizes.B * sizes.T + 32u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i0 * sizes.B + i1] = mask;
}
