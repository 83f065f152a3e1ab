// attend_l0_head0_step_v12: one time step of attend_l0_head0: %12 (multihead_attention.cell:13)
// one thread per element of [B, T]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.T) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % sizes.T;
  let rest = id / sizes.T;
  let i0 = rest;
  var sum7 = 0.0;
  for (var k = 0u; k < 4u; k++) {
    let k_2 = work_buf[61u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + ((i0) * sizes.T + i1) * 4u + k];
    let q = work_buf[57u * sizes.B * sizes.T + sizes.B + tau * 4u * sizes.B + i0 * 4u + k];
    let mul6 = (k_2 * q);
    sum7 += mul6;
  }
  let sqrt9 = sqrt(4.0);
  let scores = (sum7 / sqrt9);
  let keep = work_buf[56u * sizes.B * sizes.T + sizes.B + i0 * sizes.T + i1];
  let causal = work_buf[61u * sizes.B * sizes.T + sizes.B + tau * sizes.T + i1];
  let mul11 = (keep * causal);
  let masked12 = select(-1.0000000150474662e+30, scores, mul11 > 0.5);
  work_buf[73u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + i0 * sizes.T + i1] = masked12;
}
