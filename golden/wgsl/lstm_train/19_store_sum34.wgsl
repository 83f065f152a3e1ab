// store_sum34: computes %34 (lstm.cell:9)
// one thread per element of [B, 80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 80u * sizes.B) { return; }
  let i1 = id % 80u;
  let rest = id / 80u;
  let i0 = rest;
  var sum34 = 0.0;
  for (var k = 0u; k < sizes.T; k++) {
    let get28 = work_buf[2560u + 64u * sizes.B * sizes.T + 260u * sizes.B + ((k) * sizes.B + i0) * 80u + i1];
    sum34 += get28;
  }
  work_buf[2560u + 144u * sizes.B * sizes.T + 260u * sizes.B + i0 * 80u + i1] = sum34;
}
