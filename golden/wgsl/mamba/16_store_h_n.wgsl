// store_h_n: computes h_n (mamba.cell:52)
// one thread per element of [1, B, 16, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B) { return; }
  let i3 = id % 4u;
  let rest = id / 4u;
  let i2 = rest % 16u;
  let rest_2 = rest / 16u;
  let i1 = rest_2 % sizes.B;
  let rest_3 = rest_2 / sizes.B;
  let i0 = rest_3;
  var h_n: f32;
  if (i0 < 1u) {
    let h_final = work_buf[80u * sizes.B * sizes.T + 64u * sizes.B + ((i1) * 16u + i2) * 4u + i3];
    h_n = h_final;
  }
  work_buf[8u * sizes.B * sizes.T + (((i0) * sizes.B + i1) * 16u + i2) * 4u + i3] = h_n;
}
