// store_S_n: computes S_n (retention.cell:23)
// one thread per element of [1, B, 4, 8]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 32u * sizes.B) { return; }
  let i3 = id % 8u;
  let rest = id / 8u;
  let i2 = rest % 4u;
  let rest_2 = rest / 4u;
  let i1 = rest_2 % sizes.B;
  let rest_3 = rest_2 / sizes.B;
  let i0 = rest_3;
  var S_n: f32;
  if (i0 < 1u) {
    var concat36: f32;
    if (i3 < 4u) {
      let S_final = work_buf[72u * sizes.B * sizes.T + 32u * sizes.B + ((i1) * 4u + i2) * 4u + i3 - 0u];
      concat36 = S_final;
    } else {
      let S_final_2 = work_buf[88u * sizes.B * sizes.T + 48u * sizes.B + ((i1) * 4u + i2) * 4u + i3 - 4u];
      concat36 = S_final_2;
    }
    S_n = concat36;
  }
  work_buf[16u * sizes.B * sizes.T + (((i0) * sizes.B + i1) * 4u + i2) * 8u + i3] = S_n;
}
