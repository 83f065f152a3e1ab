// store_y__: computes y (char_transformer.cell:18)
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
  let layer1_norm1_weight_l0 = params_buf[437120u + i2];
  let sub155 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2];
  let mul156 = (layer1_norm1_weight_l0 * sub155);
  var sum158 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let sub155_2 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + k];
    let mul157 = (sub155_2 * sub155_2);
    sum158 += mul157;
  }
  let div159 = (sum158 / 128.0);
  let add160 = (div159 + 0.000009999999747378752);
  let sqrt161 = sqrt(add160);
  let div163 = (mul156 / sqrt161);
  let layer1_norm1_bias_l0 = params_buf[437248u + i2];
  let y = (div163 + layer1_norm1_bias_l0);
  work_buf[588u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 128u + i2] = y;
}
