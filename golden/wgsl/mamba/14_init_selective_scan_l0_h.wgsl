// init_selective_scan_l0_h: initial value of h (mamba.cell:35)
// one thread per four elements along the last axis of [B, 16, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i2 = 0u;
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  let const16 = vec4f(0.0);
  work_buf[4u * sizes.B * sizes.T + 16u * sizes.B + ((i0) * 16u + i1) * 1u + i2] = const16;
}
