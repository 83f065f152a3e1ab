// store_c_n: computes c_n (char_lstm.cell:35)
// one thread per element of [2, B, 256]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 512u * sizes.B) { return; }
  let i2 = id % 256u;
  let rest = id / 256u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var c_n: f32;
  if (i0 < 1u) {
    let c_final = work_buf[1612u * sizes.B * sizes.T + 4608u * sizes.B + 4u + i1 * 256u + i2];
    c_n = c_final;
  } else {
    let c_final_2 = work_buf[1612u * sizes.B * sizes.T + 5120u * sizes.B + 4u + i1 * 256u + i2];
    c_n = c_final_2;
  }
  work_buf[8u * sizes.B * sizes.T + 3584u * sizes.B + ((i0) * sizes.B + i1) * 256u + i2] = c_n;
}
