// lstm_l0_backward_step_v52: one time step of lstm_l0_backward: %52, by parts (lstm.cell:18-21)
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
  let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards
  let read_slot = tau + 1u;
  let write_slot = tau;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  let d_c = work_buf[2560u + 284u * sizes.B * sizes.T + 220u * sizes.B + read_slot * 20u * sizes.B + i0 * 20u + i1];
  let d_c_next = work_buf[2560u + 244u * sizes.B * sizes.T + 200u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1];
  let add34 = (d_c + d_c_next);
  let d_h = work_buf[2560u + 264u * sizes.B * sizes.T + 200u * sizes.B + read_slot * 20u * sizes.B + i0 * 20u + i1];
  let d_h_next = work_buf[2560u + 32u * sizes.B * sizes.T + 60u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1];
  let add27 = (d_h + d_h_next);
  let hoisted13 = work_buf[2560u + 64u * sizes.B * sizes.T + 180u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 60u];
  let v9_saved = work_buf[2560u + 164u * sizes.B * sizes.T + 200u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 60u];
  let add13 = (hoisted13 + v9_saved);
  let bias_hh = params_buf[2480u + i1 + 60u];
  let gates = (add13 + bias_hh);
  let o = sigmoid(gates);
  let mul29 = (add27 * o);
  let hoisted13_2 = work_buf[2560u + 64u * sizes.B * sizes.T + 180u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 20u];
  let v9_saved_2 = work_buf[2560u + 164u * sizes.B * sizes.T + 200u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 20u];
  let add13_2 = (hoisted13_2 + v9_saved_2);
  let bias_hh_2 = params_buf[2480u + i1 + 20u];
  let gates_2 = (add13_2 + bias_hh_2);
  let f = sigmoid(gates_2);
  let c = work_buf[2560u + 144u * sizes.B * sizes.T + 180u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1];
  let mul23 = (f * c);
  let hoisted13_3 = work_buf[2560u + 64u * sizes.B * sizes.T + 180u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 0u];
  let v9_saved_3 = work_buf[2560u + 164u * sizes.B * sizes.T + 200u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 0u];
  let add13_3 = (hoisted13_3 + v9_saved_3);
  let bias_hh_3 = params_buf[2480u + i1 + 0u];
  let gates_3 = (add13_3 + bias_hh_3);
  let i = sigmoid(gates_3);
  let hoisted13_4 = work_buf[2560u + 64u * sizes.B * sizes.T + 180u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 40u];
  let v9_saved_4 = work_buf[2560u + 164u * sizes.B * sizes.T + 200u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 40u];
  let add13_4 = (hoisted13_4 + v9_saved_4);
  let bias_hh_4 = params_buf[2480u + i1 + 40u];
  let gates_4 = (add13_4 + bias_hh_4);
  let g = tanh_safe(gates_4);
  let mul24 = (i * g);
  let c_next = (mul23 + mul24);
  let tanh26 = tanh_safe(c_next);
  let mul31 = (tanh26 * tanh26);
  let sub32 = (1.0 - mul31);
  let mul33 = (mul29 * sub32);
  let add35 = (add34 + mul33);
  let mul36 = (add35 * g);
  let sub49 = (1.0 - i);
  let mul50 = (i * sub49);
  let mul51 = (mul36 * mul50);
  work_buf[2560u + 304u * sizes.B * sizes.T + 240u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 0u] = mul51;
  let mul38 = (add35 * c);
  let sub46 = (1.0 - f);
  let mul47 = (f * sub46);
  let mul48 = (mul38 * mul47);
  work_buf[2560u + 304u * sizes.B * sizes.T + 240u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 20u] = mul48;
  let mul37 = (add35 * i);
  let mul43 = (g * g);
  let sub44 = (1.0 - mul43);
  let mul45 = (mul37 * sub44);
  work_buf[2560u + 304u * sizes.B * sizes.T + 240u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 40u] = mul45;
  let mul28 = (add27 * tanh26);
  let sub40 = (1.0 - o);
  let mul41 = (o * sub40);
  let mul42 = (mul28 * mul41);
  work_buf[2560u + 304u * sizes.B * sizes.T + 240u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 60u] = mul42;
}
