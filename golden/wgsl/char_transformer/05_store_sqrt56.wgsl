// store_sqrt56: computes %56 (char_transformer.cell:23)
// one thread per element of []

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1u) { return; }
  let sqrt56 = sqrt(32.0);
  work_buf[1228u * sizes.B * sizes.T + 4u + 20u * sizes.B * sizes.T * sizes.T + 0u] = sqrt56;
}
