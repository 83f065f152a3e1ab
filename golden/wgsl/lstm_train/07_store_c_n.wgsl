// store_c_n: computes c_n (lstm.cell:30)
// one thread per element of [1, B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let i2 = id % 20u;
  let rest = id / 20u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var c_n: f32;
  if (i0 < 1u) {
    let c_final = work_buf[2560u + 164u * sizes.B * sizes.T + 260u * sizes.B + i1 * 20u + i2];
    c_n = c_final;
  }
  work_buf[2560u + 32u * sizes.B * sizes.T + 160u * sizes.B + ((i0) * sizes.B + i1) * 20u + i2] = c_n;
}
