// store_y: computes y (char_transformer.cell:18)
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
  let layer0_norm1_weight_l0 = params_buf[436608u + i2];
  let sub30 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + i2];
  let mul31 = (layer0_norm1_weight_l0 * sub30);
  var sum33 = 0.0;
  for (var k = 0u; k < 128u; k++) {
    let sub30_2 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 128u + k];
    let mul32 = (sub30_2 * sub30_2);
    sum33 += mul32;
  }
  let div34 = (sum33 / 128.0);
  let add36 = (div34 + 0.000009999999747378752);
  let sqrt37 = sqrt(add36);
  let div39 = (mul31 / sqrt37);
  let layer0_norm1_bias_l0 = params_buf[436736u + i2];
  let y = (div39 + layer0_norm1_bias_l0);
  work_buf[588u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 128u + i2] = y;
}
