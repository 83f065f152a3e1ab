// store_grad_weight_ih_l0: computes %31 (lstm.cell:9)
// one thread per element of [80, 10]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 800u) { return; }
  let i1 = id % 10u;
  let rest = id / 10u;
  let i0 = rest;
  var sum31 = 0.0;
  for (var k = 0u; k < 32u; k++) {
    let outer_sum30 = work_buf[2560u + 144u * sizes.B * sizes.T + 260u * sizes.B + ((k) * 80u + i0) * 10u + i1];
    sum31 += outer_sum30;
  }
  work_buf[i0 * 10u + i1] = sum31;
}
