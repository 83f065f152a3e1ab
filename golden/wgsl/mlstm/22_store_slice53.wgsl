// store_slice53: computes %53 (mlstm.cell:36)
// one thread per four elements along the last axis of [T, B, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T) { return; }
  let i2 = 0u;
  let i1 = id % sizes.B;
  let rest = id / sizes.B;
  let i0 = rest;
  let matmul11 = work_buf[8u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 9u + i2 + 1u + 7u];
  work_buf[36u * sizes.B * sizes.T + 11u * sizes.B + ((i0) * sizes.B + i1) * 1u + i2] = matmul11;
}
