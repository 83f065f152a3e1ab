// store_h_n: computes h_n (char_mingru.cell:33)
// one thread per element of [3, B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 912u * sizes.B) { return; }
  let i2 = id % 304u;
  let rest = id / 304u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var h_n: f32;
  if (i0 < 1u) {
    let h_final = work_buf[988u * sizes.B * sizes.T + 2128u * sizes.B + 4u + i1 * 304u + i2];
    h_n = h_final;
  } else if (i0 < 2u) {
    let h_final_2 = work_buf[988u * sizes.B * sizes.T + 2736u * sizes.B + 4u + i1 * 304u + i2];
    h_n = h_final_2;
  } else {
    let h_final_3 = work_buf[988u * sizes.B * sizes.T + 3344u * sizes.B + 4u + i1 * 304u + i2];
    h_n = h_final_3;
  }
  work_buf[8u * sizes.B * sizes.T + 912u * sizes.B + ((i0) * sizes.B + i1) * 304u + i2] = h_n;
}
