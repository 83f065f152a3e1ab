// mingru_l2_steps: every time step of mingru_l2, each thread its own elements (char_mingru.cell:20-21)
// one thread per four elements along the last axis of [B, 304]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 76u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 76u * sizes.B - 1u);
  let i1 = id % 76u;
  let rest = id / 76u;
  let i0 = rest;
  var h_now = work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 0u * 76u * sizes.B + i0 * 76u + i1];
  let b_z = params_buf[108445u + i1];
  let b_h = params_buf[108521u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted7 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + i1 + 0u];
    let add8 = (hoisted7 + b_z);
    let z = sigmoid4(add8);
    let sub11 = (vec4f(1.0) - z);
    let mul12 = (sub11 * h_now);
    let hoisted7_2 = work_buf[19u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 152u * sizes.B + i0 * 152u + i1 + 76u];
    let add14 = (hoisted7_2 + b_h);
    let mul15 = (z * add14);
    let h_next = (mul12 + mul15);
    let sigmoid17 = sigmoid4(h_next);
    let y = (h_next * sigmoid17);
    if (in_range) { work_buf[171u * sizes.B * sizes.T + 456u * sizes.B + 1u + tau * 76u * sizes.B + i0 * 76u + i1] = y; }
    h_now = h_next;
    workgroupBarrier();
  }
  if (in_range) { work_buf[247u * sizes.B * sizes.T + 760u * sizes.B + 1u + 1u * 76u * sizes.B + i0 * 76u + i1] = h_now; }
}
