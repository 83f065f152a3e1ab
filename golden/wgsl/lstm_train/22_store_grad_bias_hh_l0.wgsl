// store_grad_bias_hh_l0: computes %35 (lstm.cell:9)
// one thread per four elements along the last axis of [80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u) { return; }
  let i0 = id;
  let sum_to35 = work_buf[640u + 36u * sizes.B * sizes.T + 85u * sizes.B + i0];
  work_buf[620u + i0] = sum_to35;
}
