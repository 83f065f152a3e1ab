// store_h: computes h (bilstm_tagger.cell:37)
// one thread per element of [T, B, 96]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 96u * sizes.B * sizes.T) { return; }
  let i2 = id % 96u;
  let rest = id / 96u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var h: f32;
  if (i2 < 48u) {
    let h_2 = work_buf[204u * sizes.B * sizes.T + 4u * sizes.B + 4u + ((i0) * sizes.B + i1) * 48u + i2 - 0u];
    h = h_2;
  } else {
    let h_3 = work_buf[252u * sizes.B * sizes.T + 4u * sizes.B + 4u + ((i0) * sizes.B + i1) * 48u + i2 - 48u];
    h = h_3;
  }
  work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + ((i0) * sizes.B + i1) * 96u + i2] = h;
}
