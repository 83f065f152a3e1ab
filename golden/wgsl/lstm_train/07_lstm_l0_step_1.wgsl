// lstm_l0_step_1: one time step of lstm_l0: gates (lstm.cell:17)
// one thread per four elements along the last axis of [B, 80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  let hoisted8 = work_buf[640u + 16u * sizes.B * sizes.T + 45u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1];
  let matmul8 = work_buf[640u + 41u * sizes.B * sizes.T + 50u * sizes.B + i0 * 20u + i1];
  let add9 = (hoisted8 + matmul8);
  let bias_hh = params_buf[620u + i1];
  let gates = (add9 + bias_hh);
  work_buf[640u + 16u * sizes.B * sizes.T + 45u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1] = gates;
}
