// token_shift_l0_steps: every time step of token_shift_l0, each thread its own elements (rwkv.cell)
// one thread per 16 elements (4 fours) along the last axis of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 16u < sizes.B;
  let id = min(gid.x + gid.y * groups.x * 16u, sizes.B - 1u);
  let i1 = 0u;
  let i0 = id;
  var last_now = work_buf[8u * sizes.B * sizes.T + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
  var last_now_2 = work_buf[8u * sizes.B * sizes.T + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
  var last_now_3 = work_buf[8u * sizes.B * sizes.T + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
  var last_now_4 = work_buf[8u * sizes.B * sizes.T + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let x = work_buf[tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
    let x_2 = work_buf[tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
    let x_3 = work_buf[tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
    let x_4 = work_buf[tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
    if (in_range) { work_buf[8u * sizes.B * sizes.T + write_slot * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = x; }
    if (in_range) { work_buf[8u * sizes.B * sizes.T + write_slot * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = x_2; }
    if (in_range) { work_buf[8u * sizes.B * sizes.T + write_slot * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = x_3; }
    if (in_range) { work_buf[8u * sizes.B * sizes.T + write_slot * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = x_4; }
    last_now = x;
    last_now_2 = x_2;
    last_now_3 = x_3;
    last_now_4 = x_4;
    workgroupBarrier();
  }
}
