// retain_l0_head0_step_1: one time step of retain_l0_head0: out (retention.cell:14)
// one thread per element of [B, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  var sum13 = 0.0;
  for (var k = 0u; k < 4u; k++) {
    let mul12 = work_buf[72u * sizes.B * sizes.T + 16u * sizes.B + ((i0) * 4u + k) * 4u + i1];
    sum13 += mul12;
  }
  let sqrt15 = sqrt(4.0);
  let out_ = (sum13 / sqrt15);
  work_buf[68u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1] = out_;
}
