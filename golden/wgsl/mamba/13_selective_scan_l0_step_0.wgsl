// selective_scan_l0_step_0: one time step of selective_scan_l0: h' (mamba.cell:41)
// one thread per element of [B, 16, 4]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % 16u;
  let rest_2 = rest / 16u;
  let i0 = rest_2;
  let hoisted11 = work_buf[148u * sizes.B * sizes.T + 48u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
  let delta = (max(hoisted11, 0.0) + log(1.0 + exp(-abs(hoisted11))));
  let A_log = params_buf[672u + i1 * 4u + i2];
  let exp14 = exp(A_log);
  let neg15 = -(exp14);
  let mul16 = (delta * neg15);
  let exp17 = exp(mul16);
  let h = work_buf[180u * sizes.B * sizes.T + 48u * sizes.B + read_slot * 64u * sizes.B + ((i0) * 16u + i1) * 4u + i2];
  let mul18 = (exp17 * h);
  let u = work_buf[120u * sizes.B * sizes.T + 48u * sizes.B + tau * 16u * sizes.B + i0 * 16u + i1];
  let mul19 = (delta * u);
  let p = work_buf[136u * sizes.B * sizes.T + 48u * sizes.B + tau * 10u * sizes.B + i0 * 10u + i2 + 2u];
  let mul22 = (mul19 * p);
  let h_next = (mul18 + mul22);
  work_buf[180u * sizes.B * sizes.T + 48u * sizes.B + write_slot * 64u * sizes.B + ((i0) * 16u + i1) * 4u + i2] = h_next;
}
