// store_y_: computes y (char_transformer.cell:18)
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
  let layer0_norm2_weight_l0 = params_buf[436864u + i2];
  let sub127 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2];
  let mul128 = (layer0_norm2_weight_l0 * sub127);
  var sum130 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let sub127_2 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + k];
    let mul129 = (sub127_2 * sub127_2);
    sum130 += mul129;
  }
  let div131 = (sum130 / 128.0);
  let add132 = (div131 + 0.000009999999747378752);
  let sqrt133 = sqrt(add132);
  let div135 = (mul128 / sqrt133);
  let layer0_norm2_bias_l0 = params_buf[436992u + i2];
  let y = (div135 + layer0_norm2_bias_l0);
  work_buf[588u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2] = y;
}
