// store_concat32: computes %32 (attention_luong.cell:32)
// one thread per element of [T, B, 32]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 32u * sizes.B * sizes.T) { return; }
  let i2 = id % 32u;
  let rest = id / 32u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var concat32: f32;
  if (i2 < 16u) {
    var context = 0.0;
    for (var k = 0u; k < sizes.S; k++) {
      let alpha = work_buf[8u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 100u * sizes.B + ((i0) * sizes.B + i1) * sizes.S + k];
      let transpose6 = work_buf[104u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((i1) * sizes.S + k) * 16u + i2 - 0u];
      let mul30 = (alpha * transpose6);
      context += mul30;
    }
    concat32 = context;
  } else {
    let h_next = work_buf[88u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 16u + i2 - 16u];
    concat32 = h_next;
  }
  work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 132u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 32u + i2] = concat32;
}
