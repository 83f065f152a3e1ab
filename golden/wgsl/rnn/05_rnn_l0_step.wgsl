// rnn_l0_step: one time step of rnn_l0: h' (rnn.cell:15)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

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
  let hoisted7 = work_buf[8u * sizes.B * sizes.T + 15u * sizes.B + tau * 5u * sizes.B + i0 * 5u + i1];
  let matmul7 = work_buf[13u * sizes.B * sizes.T + 15u * sizes.B + i0 * 5u + i1];
  let add8 = (hoisted7 + matmul7);
  let bias_hh = params_buf[155u + i1];
  let add9 = (add8 + bias_hh);
  let h_next = tanh_safe4(add9);
  work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + i1] = h_next;
}
