// store_slice49: computes %49 (mlstm.cell:36)
// one thread per element of [T, B, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B * sizes.T) { return; }
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let matmul11 = work_buf[32u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 36u + i2 + 4u + 8u];
  work_buf[128u * sizes.B * sizes.T + 44u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2] = matmul11;
}
