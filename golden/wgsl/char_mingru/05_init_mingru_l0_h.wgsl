// init_mingru_l0_h: initial value of h (char_mingru.cell:17)
// one thread per element of [B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 304u * sizes.B) { return; }
  let i1 = id % 304u;
  let rest = id / 304u;
  let i0 = rest;
  let index7 = work_buf[8u * sizes.B * sizes.T + i0 * 304u + i1];
  work_buf[1596u * sizes.B * sizes.T + 1824u * sizes.B + 4u + i0 * 304u + i1] = index7;
}
