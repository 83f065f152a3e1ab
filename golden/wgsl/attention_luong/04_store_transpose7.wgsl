// store_transpose7: computes %7 (attention_luong.cell:42)
// one thread per element of [B, S]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S) { return; }
  let i1 = id % sizes.S;
  let rest = id / sizes.S;
  let i0 = rest;
  let mask = work_buf[104u * sizes.B * sizes.T + 32u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i1 * sizes.B + i0];
  work_buf[104u * sizes.B * sizes.T + 36u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i0 * sizes.S + i1] = mask;
}
