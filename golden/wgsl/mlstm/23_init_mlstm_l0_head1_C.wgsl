// init_mlstm_l0_head1_C: initial value of C (mlstm.cell:11)
// one thread per four elements along the last axis of [B, 4, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B) { return; }
  let i2 = 0u;
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  let const26 = vec4f(0.0);
  work_buf[21u * sizes.B * sizes.T + 4u * sizes.B + ((i0) * 4u + i1) * 1u + i2] = const26;
}
