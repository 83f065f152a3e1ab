// token_shift_l0_steps: every time step of token_shift_l0, each thread its own elements (rwkv.cell)
// one thread per four elements along the last axis of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 4u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 4u * sizes.B - 1u);
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  var last_now = work_buf[8u * sizes.B * sizes.T + 0u * 4u * sizes.B + i0 * 4u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let x = work_buf[tau * 4u * sizes.B + i0 * 4u + i1];
    if (in_range) { work_buf[8u * sizes.B * sizes.T + write_slot * 4u * sizes.B + i0 * 4u + i1] = x; }
    last_now = x;
    workgroupBarrier();
  }
}
