// store_sum_to35: computes %35 (lstm.cell:9)
// one thread per element of [80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 80u) { return; }
  let i0 = id;
  var sum_to35 = 0.0;
  for (var r = 0u; r < sizes.B; r++) {
    let i0_2 = r;
    let sum34 = work_buf[2560u + 144u * sizes.B * sizes.T + 260u * sizes.B + i0_2 * 80u + i0];
    sum_to35 += sum34;
  }
  work_buf[2560u + 144u * sizes.B * sizes.T + 340u * sizes.B + i0] = sum_to35;
}
