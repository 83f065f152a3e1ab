// lstm_l0_step_0: one time step of lstm_l0: h', c' (lstm.cell:22-23)
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
  let hoisted8 = work_buf[640u + 16u * sizes.B * sizes.T + 45u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 15u];
  let matmul8 = work_buf[640u + 41u * sizes.B * sizes.T + 50u * sizes.B + i0 * 20u + i1 + 15u];
  let add9 = (hoisted8 + matmul8);
  let bias_hh = params_buf[620u + i1 + 15u];
  let gates = (add9 + bias_hh);
  let o = sigmoid4(gates);
  let hoisted8_2 = work_buf[640u + 16u * sizes.B * sizes.T + 45u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 5u];
  let matmul8_2 = work_buf[640u + 41u * sizes.B * sizes.T + 50u * sizes.B + i0 * 20u + i1 + 5u];
  let add9_2 = (hoisted8_2 + matmul8_2);
  let bias_hh_2 = params_buf[620u + i1 + 5u];
  let gates_2 = (add9_2 + bias_hh_2);
  let f = sigmoid4(gates_2);
  let c = work_buf[640u + 36u * sizes.B * sizes.T + 45u * sizes.B + read_slot * 5u * sizes.B + i0 * 5u + i1];
  let mul19 = (f * c);
  let hoisted8_3 = work_buf[640u + 16u * sizes.B * sizes.T + 45u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 0u];
  let matmul8_3 = work_buf[640u + 41u * sizes.B * sizes.T + 50u * sizes.B + i0 * 20u + i1 + 0u];
  let add9_3 = (hoisted8_3 + matmul8_3);
  let bias_hh_3 = params_buf[620u + i1 + 0u];
  let gates_3 = (add9_3 + bias_hh_3);
  let i = sigmoid4(gates_3);
  let hoisted8_4 = work_buf[640u + 16u * sizes.B * sizes.T + 45u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 10u];
  let matmul8_4 = work_buf[640u + 41u * sizes.B * sizes.T + 50u * sizes.B + i0 * 20u + i1 + 10u];
  let add9_4 = (hoisted8_4 + matmul8_4);
  let bias_hh_4 = params_buf[620u + i1 + 10u];
  let gates_4 = (add9_4 + bias_hh_4);
  let g = tanh_safe4(gates_4);
  let mul20 = (i * g);
  let c_next = (mul19 + mul20);
  let tanh22 = tanh_safe4(c_next);
  let h_next = (o * tanh22);
  work_buf[640u + 3u * sizes.B * sizes.T + 10u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + i1] = h_next;
  work_buf[640u + 36u * sizes.B * sizes.T + 45u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + i1] = c_next;
}
