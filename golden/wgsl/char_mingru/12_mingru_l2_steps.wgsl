// mingru_l2_steps: every time step of mingru_l2, each thread its own elements (char_mingru.cell:20-21)
// one thread per 16 elements (4 fours) along the last axis of [B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 16u < 19u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 16u, 19u * sizes.B - 1u);
  let i1 = id % 19u;
  let rest = id / 19u;
  let i0 = rest;
  var h_now = work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 0u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 0u)];
  var h_now_2 = work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 0u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 1u)];
  var h_now_3 = work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 0u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 2u)];
  var h_now_4 = work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 0u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 3u)];
  let b_z = params_buf[108445u + (i1 * 4u + 0u)];
  let b_h = params_buf[108521u + (i1 * 4u + 0u)];
  let b_z_2 = params_buf[108445u + (i1 * 4u + 1u)];
  let b_h_2 = params_buf[108521u + (i1 * 4u + 1u)];
  let b_z_3 = params_buf[108445u + (i1 * 4u + 2u)];
  let b_h_3 = params_buf[108521u + (i1 * 4u + 2u)];
  let b_z_4 = params_buf[108445u + (i1 * 4u + 3u)];
  let b_h_4 = params_buf[108521u + (i1 * 4u + 3u)];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted7 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 0u) + 0u];
    let add8 = (hoisted7 + b_z);
    let z = sigmoid4(add8);
    let sub11 = (vec4f(1.0) - z);
    let mul12 = (sub11 * h_now);
    let hoisted7_2 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 0u) + 76u];
    let add14 = (hoisted7_2 + b_h);
    let mul15 = (z * add14);
    let h_next = (mul12 + mul15);
    let sigmoid17 = sigmoid4(h_next);
    let y = (h_next * sigmoid17);
    let hoisted7_3 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 1u) + 0u];
    let add8_2 = (hoisted7_3 + b_z_2);
    let z_2 = sigmoid4(add8_2);
    let sub11_2 = (vec4f(1.0) - z_2);
    let mul12_2 = (sub11_2 * h_now_2);
    let hoisted7_4 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 1u) + 76u];
    let add14_2 = (hoisted7_4 + b_h_2);
    let mul15_2 = (z_2 * add14_2);
    let h_next_2 = (mul12_2 + mul15_2);
    let sigmoid17_2 = sigmoid4(h_next_2);
    let y_2 = (h_next_2 * sigmoid17_2);
    let hoisted7_5 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 2u) + 0u];
    let add8_3 = (hoisted7_5 + b_z_3);
    let z_3 = sigmoid4(add8_3);
    let sub11_3 = (vec4f(1.0) - z_3);
    let mul12_3 = (sub11_3 * h_now_3);
    let hoisted7_6 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 2u) + 76u];
    let add14_3 = (hoisted7_6 + b_h_3);
    let mul15_3 = (z_3 * add14_3);
    let h_next_3 = (mul12_3 + mul15_3);
    let sigmoid17_3 = sigmoid4(h_next_3);
    let y_3 = (h_next_3 * sigmoid17_3);
    let hoisted7_7 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 3u) + 0u];
    let add8_4 = (hoisted7_7 + b_z_4);
    let z_4 = sigmoid4(add8_4);
    let sub11_4 = (vec4f(1.0) - z_4);
    let mul12_4 = (sub11_4 * h_now_4);
    let hoisted7_8 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + (i1 * 4u + 3u) + 76u];
    let add14_4 = (hoisted7_8 + b_h_4);
    let mul15_4 = (z_4 * add14_4);
    let h_next_4 = (mul12_4 + mul15_4);
    let sigmoid17_4 = sigmoid4(h_next_4);
    let y_4 = (h_next_4 * sigmoid17_4);
    if (in_range) { work_buf[171u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 76u * sizes.B + i0 * 76u + (i1 * 4u + 0u)] = y; }
    if (in_range) { work_buf[171u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 76u * sizes.B + i0 * 76u + (i1 * 4u + 1u)] = y_2; }
    if (in_range) { work_buf[171u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 76u * sizes.B + i0 * 76u + (i1 * 4u + 2u)] = y_3; }
    if (in_range) { work_buf[171u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 76u * sizes.B + i0 * 76u + (i1 * 4u + 3u)] = y_4; }
    h_now = h_next;
    h_now_2 = h_next_2;
    h_now_3 = h_next_3;
    h_now_4 = h_next_4;
    workgroupBarrier();
  }
  if (in_range) { work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 1u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 0u)] = h_now; }
  if (in_range) { work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 1u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 1u)] = h_now_2; }
  if (in_range) { work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 1u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 2u)] = h_now_3; }
  if (in_range) { work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 1u * 76u * sizes.B + i0 * 76u + (i1 * 4u + 3u)] = h_now_4; }
}
