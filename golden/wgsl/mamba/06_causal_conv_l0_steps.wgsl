// causal_conv_l0_steps: every time step of causal_conv_l0, each thread its own elements (mamba.cell:22)
// one thread per 16 elements (4 fours) along the last axis of [B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 16u < sizes.B;
  let id = min(gid.x + gid.y * groups.x * 16u, sizes.B - 1u);
  let i1 = 0u;
  let i0 = id;
  var u1_now = work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
  var u2_now = work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
  var u3_now = work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
  var u1_now_2 = work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
  var u2_now_2 = work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
  var u3_now_2 = work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
  var u1_now_3 = work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
  var u2_now_3 = work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
  var u3_now_3 = work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
  var u1_now_4 = work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
  var u2_now_4 = work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
  var u3_now_4 = work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 0u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
  let w0 = params_buf[96u + (i1 * 4u + 0u)];
  let w1 = params_buf[100u + (i1 * 4u + 0u)];
  let w2 = params_buf[104u + (i1 * 4u + 0u)];
  let w3 = params_buf[108u + (i1 * 4u + 0u)];
  let bias = params_buf[112u + (i1 * 4u + 0u)];
  let w0_2 = params_buf[96u + (i1 * 4u + 1u)];
  let w1_2 = params_buf[100u + (i1 * 4u + 1u)];
  let w2_2 = params_buf[104u + (i1 * 4u + 1u)];
  let w3_2 = params_buf[108u + (i1 * 4u + 1u)];
  let bias_2 = params_buf[112u + (i1 * 4u + 1u)];
  let w0_3 = params_buf[96u + (i1 * 4u + 2u)];
  let w1_3 = params_buf[100u + (i1 * 4u + 2u)];
  let w2_3 = params_buf[104u + (i1 * 4u + 2u)];
  let w3_3 = params_buf[108u + (i1 * 4u + 2u)];
  let bias_3 = params_buf[112u + (i1 * 4u + 2u)];
  let w0_4 = params_buf[96u + (i1 * 4u + 3u)];
  let w1_4 = params_buf[100u + (i1 * 4u + 3u)];
  let w2_4 = params_buf[104u + (i1 * 4u + 3u)];
  let w3_4 = params_buf[108u + (i1 * 4u + 3u)];
  let bias_4 = params_buf[112u + (i1 * 4u + 3u)];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let u = work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)];
    let mul9 = (w0 * u);
    let mul10 = (w1 * u1_now);
    let add11 = (mul9 + mul10);
    let mul12 = (w2 * u2_now);
    let add13 = (add11 + mul12);
    let mul14 = (w3 * u3_now);
    let add15 = (add13 + mul14);
    let c = (add15 + bias);
    let u_2 = work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)];
    let mul9_2 = (w0_2 * u_2);
    let mul10_2 = (w1_2 * u1_now_2);
    let add11_2 = (mul9_2 + mul10_2);
    let mul12_2 = (w2_2 * u2_now_2);
    let add13_2 = (add11_2 + mul12_2);
    let mul14_2 = (w3_2 * u3_now_2);
    let add15_2 = (add13_2 + mul14_2);
    let c_2 = (add15_2 + bias_2);
    let u_3 = work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)];
    let mul9_3 = (w0_3 * u_3);
    let mul10_3 = (w1_3 * u1_now_3);
    let add11_3 = (mul9_3 + mul10_3);
    let mul12_3 = (w2_3 * u2_now_3);
    let add13_3 = (add11_3 + mul12_3);
    let mul14_3 = (w3_3 * u3_now_3);
    let add15_3 = (add13_3 + mul14_3);
    let c_3 = (add15_3 + bias_3);
    let u_4 = work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)];
    let mul9_4 = (w0_4 * u_4);
    let mul10_4 = (w1_4 * u1_now_4);
    let add11_4 = (mul9_4 + mul10_4);
    let mul12_4 = (w2_4 * u2_now_4);
    let add13_4 = (add11_4 + mul12_4);
    let mul14_4 = (w3_4 * u3_now_4);
    let add15_4 = (add13_4 + mul14_4);
    let c_4 = (add15_4 + bias_4);
    let u2_now_next = u1_now;
    let u3_now_next = u2_now;
    let u2_now_2_next = u1_now_2;
    let u3_now_2_next = u2_now_2;
    let u2_now_3_next = u1_now_3;
    let u3_now_3_next = u2_now_3;
    let u2_now_4_next = u1_now_4;
    let u3_now_4_next = u2_now_4;
    if (in_range) { work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = c; }
    if (in_range) { work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = c_2; }
    if (in_range) { work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = c_3; }
    if (in_range) { work_buf[12u * sizes.B * sizes.T + 16u * sizes.B + tau * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = c_4; }
    u1_now = u;
    u2_now = u2_now_next;
    u3_now = u3_now_next;
    u1_now_2 = u_2;
    u2_now_2 = u2_now_2_next;
    u3_now_2 = u3_now_2_next;
    u1_now_3 = u_3;
    u2_now_3 = u2_now_3_next;
    u3_now_3 = u3_now_3_next;
    u1_now_4 = u_4;
    u2_now_4 = u2_now_4_next;
    u3_now_4 = u3_now_4_next;
    workgroupBarrier();
  }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = u1_now; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = u2_now; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 0u)] = u3_now; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = u1_now_2; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = u2_now_2; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 1u)] = u3_now_2; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = u1_now_3; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = u2_now_3; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 2u)] = u3_now_3; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 16u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = u1_now_4; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 24u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = u2_now_4; }
  if (in_range) { work_buf[16u * sizes.B * sizes.T + 32u * sizes.B + 1u * 4u * sizes.B + i0 * 4u + (i1 * 4u + 3u)] = u3_now_4; }
}
