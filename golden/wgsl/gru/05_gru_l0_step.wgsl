// gru_l0_step: one time step of gru_l0: h' (gru.cell:21)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 5u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 5u;
  let rest = id / 5u;
  let i0 = rest;
  let gi = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 15u * sizes.B + i0 * 15u + i1 + 5u];
  let matmul7 = work_buf[23u * sizes.B * sizes.T + 15u * sizes.B + i0 * 15u + i1 + 5u];
  let bias_hh = params_buf[465u + i1 + 5u];
  let gh = (matmul7 + bias_hh);
  let add15 = (gi + gh);
  let z = sigmoid4(add15);
  let sub23 = (vec4f(1.0) - z);
  let gi_2 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 15u * sizes.B + i0 * 15u + i1 + 10u];
  let gi_3 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 15u * sizes.B + i0 * 15u + i1 + 0u];
  let matmul7_2 = work_buf[23u * sizes.B * sizes.T + 15u * sizes.B + i0 * 15u + i1 + 0u];
  let bias_hh_2 = params_buf[465u + i1 + 0u];
  let gh_2 = (matmul7_2 + bias_hh_2);
  let add11 = (gi_3 + gh_2);
  let r = sigmoid4(add11);
  let matmul7_3 = work_buf[23u * sizes.B * sizes.T + 15u * sizes.B + i0 * 15u + i1 + 10u];
  let bias_hh_3 = params_buf[465u + i1 + 10u];
  let gh_3 = (matmul7_3 + bias_hh_3);
  let mul19 = (r * gh_3);
  let add20 = (gi_2 + mul19);
  let n = tanh_safe4(add20);
  let mul24 = (sub23 * n);
  let h = work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + i0 * 5u + i1];
  let mul25 = (z * h);
  let h_next = (mul24 + mul25);
  work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + i1] = h_next;
}
