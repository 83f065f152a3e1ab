// init_mlstm_l0_head1_m: initial value of m (mlstm.cell:13)
// one thread per element of [B, 1]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B) { return; }
  let i1 = 0u;
  let i0 = id;
  work_buf[108u * sizes.B * sizes.T + 40u * sizes.B + i0 * 1u + i1] = 0.0;
}
