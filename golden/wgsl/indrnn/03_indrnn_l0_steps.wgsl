// indrnn_l0_steps: every time step of indrnn_l0, each thread its own elements (indrnn.cell:14)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 5u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 5u * sizes.B - 1u);
  let i1 = id % 5u;
  let rest = id / 5u;
  let i0 = rest;
  var h_now = work_buf[8u * sizes.B * sizes.T + 25u * sizes.B + 0u * 5u * sizes.B + i0 * 5u + i1];
  let u = params_buf[50u + i1];
  let b = params_buf[55u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted5 = work_buf[13u * sizes.B * sizes.T + 30u * sizes.B + tau * 5u * sizes.B + i0 * 5u + i1];
    let mul6 = (u * h_now);
    let add7 = (hoisted5 + mul6);
    let add8 = (add7 + b);
    let h_next = max(add8, vec4f(0.0));
    if (in_range) { work_buf[8u * sizes.B * sizes.T + 25u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + i1] = h_next; }
    h_now = h_next;
    workgroupBarrier();
  }
}
