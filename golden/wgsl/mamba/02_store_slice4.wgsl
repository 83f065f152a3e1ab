// store_slice4: computes %4 (mamba.cell:50)
// one thread per element of [T, B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B * sizes.T) { return; }
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let xz = work_buf[16u * sizes.B * sizes.T + 64u * sizes.B + ((i0) * sizes.B + i1) * 32u + i2 + 0u];
  work_buf[48u * sizes.B * sizes.T + 64u * sizes.B + ((i0) * sizes.B + i1) * 16u + i2] = xz;
}
