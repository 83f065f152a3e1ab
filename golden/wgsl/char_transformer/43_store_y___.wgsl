// store_y___: computes y (char_transformer.cell:18)
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
  let layer1_norm2_weight_l0 = params_buf[437376u + i2];
  let sub249 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2];
  let mul250 = (layer1_norm2_weight_l0 * sub249);
  var sum252 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let sub249_2 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + k];
    let mul251 = (sub249_2 * sub249_2);
    sum252 += mul251;
  }
  let div253 = (sum252 / 128.0);
  let add254 = (div253 + 0.000009999999747378752);
  let sqrt255 = sqrt(add254);
  let div257 = (mul250 / sqrt255);
  let layer1_norm2_bias_l0 = params_buf[437504u + i2];
  let y = (div257 + layer1_norm2_bias_l0);
  work_buf[588u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2] = y;
}
