// store_h_n: computes h_n (peephole_lstm.cell:36)
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
  var h_n: f32;
  if (i0 < 1u) {
    let h_final = work_buf[32u * sizes.B * sizes.T + i1 * 20u + i2];
    h_n = h_final;
  }
  work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + ((i0) * sizes.B + i1) * 20u + i2] = h_n;
}
