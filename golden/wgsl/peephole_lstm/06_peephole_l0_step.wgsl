// peephole_l0_step: one time step of peephole_l0: h', c' (peephole_lstm.cell:29-31)
// one thread per element of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

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
  let hoisted19 = work_buf[32u * sizes.B * sizes.T + 60u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 60u];
  let matmul21 = work_buf[112u * sizes.B * sizes.T + 60u * sizes.B + i0 * 80u + i1 + 60u];
  let add45 = (hoisted19 + matmul21);
  let p_o = params_buf[2440u + i1];
  let hoisted19_2 = work_buf[32u * sizes.B * sizes.T + 60u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 20u];
  let matmul21_2 = work_buf[112u * sizes.B * sizes.T + 60u * sizes.B + i0 * 80u + i1 + 20u];
  let add30 = (hoisted19_2 + matmul21_2);
  let p_f = params_buf[2420u + i1];
  let c = work_buf[112u * sizes.B * sizes.T + 140u * sizes.B + ((sizes.T - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1];
  let mul31 = (p_f * c);
  let add32 = (add30 + mul31);
  let b_f = params_buf[2480u + i1];
  let add33 = (add32 + b_f);
  let f = sigmoid(add33);
  let mul35 = (f * c);
  let hoisted19_3 = work_buf[32u * sizes.B * sizes.T + 60u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 0u];
  let matmul21_3 = work_buf[112u * sizes.B * sizes.T + 60u * sizes.B + i0 * 80u + i1 + 0u];
  let add23 = (hoisted19_3 + matmul21_3);
  let p_i = params_buf[2400u + i1];
  let mul24 = (p_i * c);
  let add25 = (add23 + mul24);
  let b_i = params_buf[2460u + i1];
  let add26 = (add25 + b_i);
  let i = sigmoid(add26);
  let hoisted19_4 = work_buf[32u * sizes.B * sizes.T + 60u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 40u];
  let matmul21_4 = work_buf[112u * sizes.B * sizes.T + 60u * sizes.B + i0 * 80u + i1 + 40u];
  let add38 = (hoisted19_4 + matmul21_4);
  let b_c = params_buf[2500u + i1];
  let add39 = (add38 + b_c);
  let tanh40 = tanh_safe(add39);
  let mul41 = (i * tanh40);
  let c_next = (mul35 + mul41);
  let mul46 = (p_o * c_next);
  let add47 = (add45 + mul46);
  let b_o = params_buf[2520u + i1];
  let add48 = (add47 + b_o);
  let o = sigmoid(add48);
  let tanh50 = tanh_safe(c_next);
  let h_next = (o * tanh50);
  work_buf[12u * sizes.B * sizes.T + write_slot * 20u * sizes.B + i0 * 20u + i1] = h_next;
  work_buf[112u * sizes.B * sizes.T + 140u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1] = c_next;
}
