// store_masked215: computes %215 (char_transformer.cell:23)
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
  var sum212 = 0.0;
  for (var k = 0u; k < 32u; k++) {
    let qkv_ = work_buf[76u * sizes.B * sizes.T + 4u + ((i2) * sizes.B + i1) * 384u + k + 64u + 128u];
    let qkv__2 = work_buf[76u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * 384u + k + 64u + 0u];
    let mul211 = (qkv_ * qkv__2);
    sum212 += mul211;
  }
  let sqrt56 = work_buf[1228u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + 0u];
  let div213 = (sum212 / sqrt56);
  let causal = select(0.0, 1.0, i2 <= i0);
  let masked215 = select(-1.0000000150474662e+30, div213, causal > 0.5);
  work_buf[460u * sizes.B * sizes.T + 4u + ((i0) * sizes.B + i1) * sizes.T + i2] = masked215;
}
