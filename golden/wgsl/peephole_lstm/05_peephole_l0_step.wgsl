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
  let hoisted19 = work_buf[10u * sizes.B * sizes.T + tau * 80u * sizes.B + i0 * 80u + i1 + 60u];
  let matmul22 = work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + i0 * 80u + i1 + 60u];
  let add46 = (hoisted19 + matmul22);
  let p_o = params_buf[2440u + i1];
  let hoisted19_2 = work_buf[10u * sizes.B * sizes.T + tau * 80u * sizes.B + i0 * 80u + i1 + 20u];
  let matmul22_2 = work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + i0 * 80u + i1 + 20u];
  let add31 = (hoisted19_2 + matmul22_2);
  let p_f = params_buf[2420u + i1];
  let c = work_buf[110u * sizes.B * sizes.T + 20u * sizes.B + read_slot * 20u * sizes.B + i0 * 20u + i1];
  let mul32 = (p_f * c);
  let add33 = (add31 + mul32);
  let b_f = params_buf[2480u + i1];
  let add34 = (add33 + b_f);
  let f = sigmoid(add34);
  let mul36 = (f * c);
  let hoisted19_3 = work_buf[10u * sizes.B * sizes.T + tau * 80u * sizes.B + i0 * 80u + i1 + 0u];
  let matmul22_3 = work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + i0 * 80u + i1 + 0u];
  let add24 = (hoisted19_3 + matmul22_3);
  let p_i = params_buf[2400u + i1];
  let mul25 = (p_i * c);
  let add26 = (add24 + mul25);
  let b_i = params_buf[2460u + i1];
  let add27 = (add26 + b_i);
  let i = sigmoid(add27);
  let hoisted19_4 = work_buf[10u * sizes.B * sizes.T + tau * 80u * sizes.B + i0 * 80u + i1 + 40u];
  let matmul22_4 = work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + i0 * 80u + i1 + 40u];
  let add39 = (hoisted19_4 + matmul22_4);
  let b_c = params_buf[2500u + i1];
  let add40 = (add39 + b_c);
  let tanh41 = tanh_safe(add40);
  let mul42 = (i * tanh41);
  let c_next = (mul36 + mul42);
  let mul47 = (p_o * c_next);
  let add48 = (add46 + mul47);
  let b_o = params_buf[2520u + i1];
  let add49 = (add48 + b_o);
  let o = sigmoid(add49);
  let tanh51 = tanh_safe(c_next);
  let h_next = (o * tanh51);
  work_buf[90u * sizes.B * sizes.T + write_slot * 20u * sizes.B + i0 * 20u + i1] = h_next;
  work_buf[110u * sizes.B * sizes.T + 20u * sizes.B + write_slot * 20u * sizes.B + i0 * 20u + i1] = c_next;
}
