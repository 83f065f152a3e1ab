// store_h: computes h (mlstm.cell:36)
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
  var h: f32;
  if (i2 < 4u) {
    let h_2 = work_buf[95u * sizes.B * sizes.T + 21u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2 - 0u];
    h = h_2;
  } else {
    let h_3 = work_buf[138u * sizes.B * sizes.T + 62u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2 - 4u];
    h = h_3;
  }
  work_buf[142u * sizes.B * sizes.T + 82u * sizes.B + ((i0) * sizes.B + i1) * 8u + i2] = h;
}
