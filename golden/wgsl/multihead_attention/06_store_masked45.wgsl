// store_masked45: computes %45 (multihead_attention.cell:13)
// one thread per element of [T, B, T]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T * sizes.T) { return; }
  let i2 = id % sizes.T;
  let rest = id / sizes.T;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var sum41 = 0.0;
  for (var k = 0u; k < 4u; k++) {
    let qkv = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + ((i2) * sizes.B + i1) * 24u + k + 4u + 8u];
    let qkv_2 = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 24u + k + 4u + 0u];
    let mul40 = (qkv * qkv_2);
    sum41 += mul40;
  }
  let sqrt23 = work_buf[44u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + 0u];
  let scores = (sum41 / sqrt23);
  let length_mask11 = work_buf[40u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + i2 * sizes.B + i1];
  let causal = select(0.0, 1.0, i2 <= i0);
  let mul44 = (length_mask11 * causal);
  let masked45 = select(-1.0000000150474662e+30, scores, mul44 > 0.5);
  work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + ((i0) * sizes.B + i1) * sizes.T + i2] = masked45;
}
