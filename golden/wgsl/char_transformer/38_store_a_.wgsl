// store_a_: computes a_ (char_transformer.cell:62)
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
  var a_: f32;
  if (i2 < 32u) {
    var out_ = 0.0;
    for (var k = 0u; k < sizes.T; k++) {
      let exp185 = work_buf[460u * sizes.B * sizes.T + 4u + 4u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + k];
      let qkv_ = work_buf[76u * sizes.B * sizes.T + 4u + ((k) * sizes.B + i1) * 384u + i2 - 0u + 0u + 256u];
      let mul187 = (exp185 * qkv_);
      out_ += mul187;
    }
    a_ = out_;
  } else if (i2 < 64u) {
    var out__2 = 0.0;
    for (var k_2 = 0u; k_2 < sizes.T; k_2++) {
      let exp202 = work_buf[460u * sizes.B * sizes.T + 4u + 8u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + k_2];
      let qkv__2 = work_buf[76u * sizes.B * sizes.T + 4u + ((k_2) * sizes.B + i1) * 384u + i2 - 32u + 32u + 256u];
      let mul204 = (exp202 * qkv__2);
      out__2 += mul204;
    }
    a_ = out__2;
  } else if (i2 < 96u) {
    var out__3 = 0.0;
    for (var k_3 = 0u; k_3 < sizes.T; k_3++) {
      let exp219 = work_buf[460u * sizes.B * sizes.T + 4u + 12u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + k_3];
      let qkv__3 = work_buf[76u * sizes.B * sizes.T + 4u + ((k_3) * sizes.B + i1) * 384u + i2 - 64u + 64u + 256u];
      let mul221 = (exp219 * qkv__3);
      out__3 += mul221;
    }
    a_ = out__3;
  } else {
    var out__4 = 0.0;
    for (var k_4 = 0u; k_4 < sizes.T; k_4++) {
      let exp236 = work_buf[460u * sizes.B * sizes.T + 4u + 16u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + k_4];
      let qkv__4 = work_buf[76u * sizes.B * sizes.T + 4u + ((k_4) * sizes.B + i1) * 384u + i2 - 96u + 96u + 256u];
      let mul238 = (exp236 * qkv__4);
      out__4 += mul238;
    }
    a_ = out__4;
  }
  work_buf[588u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 128u + i2] = a_;
}
