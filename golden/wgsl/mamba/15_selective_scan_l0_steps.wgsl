// selective_scan_l0_steps: every time step of selective_scan_l0, each thread its own elements (mamba.cell:41)
// one thread per element of [B, 16, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let in_range = gid.x + gid.y * groups.x * 64u < 64u * sizes.B;
  let id = min(gid.x + gid.y * groups.x * 64u, 64u * sizes.B - 1u);
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % 16u;
  let rest_2 = rest / 16u;
  let i0 = rest_2;
  var h_now = work_buf[16u * sizes.B * sizes.T + 64u * sizes.B + 0u * 64u * sizes.B + ((i0) * 16u + i1) * 4u + i2];
  let A_log = params_buf[672u + i1 * 4u + i2];
  let exp13 = exp(A_log);
  let neg14 = -(exp13);
  for (var time_step = 0u; time_step < sizes.T; time_step++) {
    let tau = time_step; // time index
    let read_slot = tau;
    let write_slot = tau + 1u;
    let hoisted11 = work_buf[96u * sizes.B * sizes.T + 128u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
    let delta = (max(hoisted11, 0.0) + log(1.0 + exp(-abs(hoisted11))));
    let mul15 = (delta * neg14);
    let exp16 = exp(mul15);
    let mul17 = (exp16 * h_now);
    let u = work_buf[80u * sizes.B * sizes.T + 128u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
    let mul18 = (delta * u);
    let p = work_buf[128u * sizes.B * sizes.T + 128u * sizes.B + tau * 10u * sizes.B + i0 * 10u + i2 + 2u];
    let mul21 = (mul18 * p);
    let h_next = (mul17 + mul21);
    if (in_range) { work_buf[16u * sizes.B * sizes.T + 64u * sizes.B + write_slot * 64u * sizes.B + ((i0) * 16u + i1) * 4u + i2] = h_next; }
    h_now = h_next;
    workgroupBarrier();
  }
}
