// store_sub155: computes %155 (char_transformer.cell:18)
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
  let x2 = work_buf[460u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 128u + i2];
  var sum152 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let x2_2 = work_buf[460u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 128u + k];
    sum152 += x2_2;
  }
  let div153 = (sum152 / 128.0);
  let sub155 = (x2 - div153);
  work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2] = sub155;
}
