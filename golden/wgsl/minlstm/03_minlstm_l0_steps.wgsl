// minlstm_l0_steps: every time step of minlstm_l0, each thread its own elements (minlstm.cell:20)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 5u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 5u * sizes.B - 1u);
  let i1 = id % 5u;
  let rest = id / 5u;
  let i0 = rest;
  var h_now = work_buf[23u * sizes.B * sizes.T + 15u * sizes.B + 0u * 5u * sizes.B + i0 * 5u + i1];
  let b_f = params_buf[450u + i1];
  let b_i = params_buf[455u + i1];
  let b_h = params_buf[460u + i1];
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted9 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 15u * sizes.B + i0 * 15u + i1 + 0u];
    let add10 = (hoisted9 + b_f);
    let f = sigmoid4(add10);
    let hoisted9_2 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 15u * sizes.B + i0 * 15u + i1 + 5u];
    let add13 = (hoisted9_2 + b_i);
    let i = sigmoid4(add13);
    let add17 = (f + i);
    let div18 = (f / add17);
    let mul19 = (div18 * h_now);
    let div20 = (i / add17);
    let hoisted9_3 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 15u * sizes.B + i0 * 15u + i1 + 10u];
    let candidate = (hoisted9_3 + b_h);
    let mul21 = (div20 * candidate);
    let h_next = (mul19 + mul21);
    if (in_range) { work_buf[23u * sizes.B * sizes.T + 15u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + i1] = h_next; }
    h_now = h_next;
    workgroupBarrier();
  }
}
