// store_out: computes out (multihead_attention.cell:25)
// one thread per element of [T, B, 8]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 8u * sizes.B * sizes.T) { return; }
  let i2 = id % 8u;
  let rest = id / 8u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var out_: f32;
  if (i2 < 4u) {
    var out__2 = 0.0;
    for (var k = 0u; k < sizes.T; k++) {
      let alpha = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + 4u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + k];
      let qkv = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + ((k) * sizes.B + i1) * 24u + i2 - 0u + 0u + 16u];
      let mul33 = (alpha * qkv);
      out__2 += mul33;
    }
    out_ = out__2;
  } else {
    var out__3 = 0.0;
    for (var k_2 = 0u; k_2 < sizes.T; k_2++) {
      let alpha_2 = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + 8u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * sizes.T + k_2];
      let qkv_2 = work_buf[16u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + ((k_2) * sizes.B + i1) * 24u + i2 - 4u + 4u + 16u];
      let mul51 = (alpha_2 * qkv_2);
      out__3 += mul51;
    }
    out_ = out__3;
  }
  work_buf[40u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 8u + i2] = out_;
}
