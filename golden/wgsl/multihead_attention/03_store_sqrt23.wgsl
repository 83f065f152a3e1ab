// store_sqrt23: computes %23 (multihead_attention.cell:12)
// one thread per element of []

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1u) { return; }
  let sqrt23 = sqrt(4.0);
  work_buf[44u * sizes.B * sizes.T + 4u * sizes.B + 12u * sizes.B * sizes.T * sizes.T + 0u] = sqrt23;
}
