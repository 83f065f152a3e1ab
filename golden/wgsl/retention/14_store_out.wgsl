// store_out: computes out (retention.cell:23)
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
    var sum19 = 0.0;
    for (var k = 0u; k < 4u; k++) {
      let slice10 = work_buf[88u * sizes.B * sizes.T + 64u * sizes.B + ((i0) * sizes.B + i1) * 4u + k];
      let S_next = work_buf[56u * sizes.B * sizes.T + 48u * sizes.B + (((i0) * sizes.B + i1) * 4u + k) * 4u + i2 - 0u];
      let mul18 = (slice10 * S_next);
      sum19 += mul18;
    }
    let sqrt21 = work_buf[104u * sizes.B * sizes.T + 64u * sizes.B + 0u];
    let out__2 = (sum19 / sqrt21);
    out_ = out__2;
  } else {
    var sum32 = 0.0;
    for (var k_2 = 0u; k_2 < 4u; k_2++) {
      let slice24 = work_buf[92u * sizes.B * sizes.T + 64u * sizes.B + ((i0) * sizes.B + i1) * 4u + k_2];
      let S_next_2 = work_buf[72u * sizes.B * sizes.T + 64u * sizes.B + (((i0) * sizes.B + i1) * 4u + k_2) * 4u + i2 - 4u];
      let mul31 = (slice24 * S_next_2);
      sum32 += mul31;
    }
    let sqrt21_2 = work_buf[104u * sizes.B * sizes.T + 64u * sizes.B + 0u];
    let out__3 = (sum32 / sqrt21_2);
    out_ = out__3;
  }
  work_buf[32u * sizes.B * sizes.T + 32u * sizes.B + ((i0) * sizes.B + i1) * 8u + i2] = out_;
}
