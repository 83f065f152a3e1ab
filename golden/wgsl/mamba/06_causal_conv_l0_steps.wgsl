// causal_conv_l0_steps: every time step of causal_conv_l0, each thread its own elements (mamba.cell:22)
// one thread per four elements along the last axis of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 4u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 4u * sizes.B - 1u);
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  var u1_now = work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + i1];
  var u2_now = work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + i1];
  var u3_now = work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + i1];
  let w0 = params_buf[96u + i1];
  let w1 = params_buf[100u + i1];
  let w2 = params_buf[104u + i1];
  let w3 = params_buf[108u + i1];
  let bias = params_buf[112u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let u = work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1];
    let mul9 = (w0 * u);
    let mul10 = (w1 * u1_now);
    let add11 = (mul9 + mul10);
    let mul12 = (w2 * u2_now);
    let add13 = (add11 + mul12);
    let mul14 = (w3 * u3_now);
    let add15 = (add13 + mul14);
    let c = (add15 + bias);
    let u2_now_next = u1_now;
    let u3_now_next = u2_now;
    if (in_range) { work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + i1] = c; }
    u1_now = u;
    u2_now = u2_now_next;
    u3_now = u3_now_next;
    workgroupBarrier();
  }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + i1] = u1_now; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + i1] = u2_now; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + i1] = u3_now; }
}
