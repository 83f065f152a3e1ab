// store_y____: computes y (char_transformer.cell:18)
// one thread per element of [T, B, 128]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B * sizes.T) { return; }
  let i2 = id % 128u;
  let rest = id / 128u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let final_norm_weight_l0 = params_buf[437632u + i2];
  let sub274 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2];
  let mul275 = (final_norm_weight_l0 * sub274);
  var sum277 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let sub274_2 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + k];
    let mul276 = (sub274_2 * sub274_2);
    sum277 += mul276;
  }
  let div278 = (sum277 / 128.0);
  let add279 = (div278 + 0.000009999999747378752);
  let sqrt280 = sqrt(add279);
  let div282 = (mul275 / sqrt280);
  let final_norm_bias_l0 = params_buf[437760u + i2];
  let y = (div282 + final_norm_bias_l0);
  work_buf[204u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2] = y;
}
