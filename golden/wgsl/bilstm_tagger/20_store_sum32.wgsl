// store_sum32: computes %32 (bilstm_tagger.cell:40)
// one thread per element of [T]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.T) { return; }
  let i0 = id;
  var sum32 = 0.0;
  for (var k = 0u; k < sizes.B; k++) {
    let mul31 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + i0 * sizes.B + k];
    sum32 += mul31;
  }
  work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + i0] = sum32;
}
