// store_grad_weight_hh_l0: computes %33 (lstm.cell:9)
// one thread per element of [80, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 1600u) { return; }
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  var sum33 = 0.0;
  for (var k = 0u; k < 32u; k++) {
    let outer_sum32 = work_buf[2560u + 144u * sizes.B * sizes.T + 260u * sizes.B + ((k) * 80u + i0) * 20u + i1];
    sum33 += outer_sum32;
  }
  work_buf[800u + i0 * 20u + i1] = sum33;
}
