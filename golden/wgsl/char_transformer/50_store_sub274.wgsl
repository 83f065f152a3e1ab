// store_sub274: computes %274 (char_transformer.cell:18)
// one thread per element of [T, B, 128]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B * sizes.T) { return; }
  let i2 = id % 128u;
  let rest = id / 128u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let x4 = work_buf[204u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2];
  var sum271 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let x4_2 = work_buf[204u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + k];
    sum271 += x4_2;
  }
  let div272 = (sum271 / 128.0);
  let sub274 = (x4 - div272);
  work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2] = sub274;
}
