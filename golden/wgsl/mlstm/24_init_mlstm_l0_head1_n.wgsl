// init_mlstm_l0_head1_n: initial value of n (mlstm.cell:12)
// one thread per four elements along the last axis of [B, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B) { return; }
  let i1 = 0u;
  let i0 = id;
  let const27 = vec4f(0.0);
  work_buf[26u * sizes.B * sizes.T + 9u * sizes.B + i0 * 1u + i1] = const27;
}
