// store_sub14: computes %14 (mingru.cell:17)
// one thread per element of [T, B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read> z_buf: array<f32>;
@group(0) @binding(2) var<storage, read_write> sub14_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B * sizes.T) { return; }
  let i2 = id % 20u;
  let rest = id / 20u;
  let i1 = rest % sizes.B;
  let i0 = rest / sizes.B;
  let z = z_buf[((i0) * sizes.B + i1) * 20u + i2];
  let sub14 = (1.0 - z);
  sub14_buf[((i0) * sizes.B + i1) * 20u + i2] = sub14;
}
