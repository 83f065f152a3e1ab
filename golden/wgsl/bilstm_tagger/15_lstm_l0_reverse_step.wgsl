// lstm_l0_reverse_step: one time step of lstm_l0_reverse: %30, %33, %34 (bilstm_tagger.cell:26)
// one thread per element of [B, 48]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 48u * sizes.B) { return; }
  let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards
  let read_slot = tau + 1u;
  let write_slot = tau;
  let i1 = id % 48u;
  let rest = id / 48u;
  let i0 = rest;
  let valid = work_buf[300u * sizes.B * sizes.T + 4u * sizes.B + 4u + tau * sizes.B + i0];
  let hoisted9 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + tau * 192u * sizes.B + i0 * 192u + i1 + 144u];
  let matmul9 = work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + i0 * 192u + i1 + 144u];
  let add10 = (hoisted9 + matmul9);
  let bias_hh = params_buf[25604u + i1 + 144u];
  let gates = (add10 + bias_hh);
  let o = sigmoid(gates);
  let hoisted9_2 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + tau * 192u * sizes.B + i0 * 192u + i1 + 48u];
  let matmul9_2 = work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + i0 * 192u + i1 + 48u];
  let add10_2 = (hoisted9_2 + matmul9_2);
  let bias_hh_2 = params_buf[25604u + i1 + 48u];
  let gates_2 = (add10_2 + bias_hh_2);
  let f = sigmoid(gates_2);
  let c = work_buf[304u * sizes.B * sizes.T + 292u * sizes.B + 4u + ((sizes.T - sizes.step) % 2u) * 48u * sizes.B + i0 * 48u + i1];
  let mul20 = (f * c);
  let hoisted9_3 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + tau * 192u * sizes.B + i0 * 192u + i1 + 0u];
  let matmul9_3 = work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + i0 * 192u + i1 + 0u];
  let add10_3 = (hoisted9_3 + matmul9_3);
  let bias_hh_3 = params_buf[25604u + i1 + 0u];
  let gates_3 = (add10_3 + bias_hh_3);
  let i = sigmoid(gates_3);
  let hoisted9_4 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + tau * 192u * sizes.B + i0 * 192u + i1 + 96u];
  let matmul9_4 = work_buf[304u * sizes.B * sizes.T + 4u * sizes.B + 4u + i0 * 192u + i1 + 96u];
  let add10_4 = (hoisted9_4 + matmul9_4);
  let bias_hh_4 = params_buf[25604u + i1 + 96u];
  let gates_4 = (add10_4 + bias_hh_4);
  let g = tanh_safe(gates_4);
  let mul21 = (i * g);
  let c_next = (mul20 + mul21);
  let tanh23 = tanh_safe(c_next);
  let h_next = (o * tanh23);
  let mul27 = (valid * h_next);
  let sub28 = (1.0 - valid);
  let h = work_buf[304u * sizes.B * sizes.T + 196u * sizes.B + 4u + ((sizes.T - sizes.step) % 2u) * 48u * sizes.B + i0 * 48u + i1];
  let mul29 = (sub28 * h);
  let add30 = (mul27 + mul29);
  let mul31 = (valid * c_next);
  let mul32 = (sub28 * c);
  let add33 = (mul31 + mul32);
  let mul34 = (valid * add30);
  work_buf[304u * sizes.B * sizes.T + 196u * sizes.B + 4u + ((sizes.T - 1u - sizes.step) % 2u) * 48u * sizes.B + i0 * 48u + i1] = add30;
  work_buf[304u * sizes.B * sizes.T + 292u * sizes.B + 4u + ((sizes.T - 1u - sizes.step) % 2u) * 48u * sizes.B + i0 * 48u + i1] = add33;
  work_buf[252u * sizes.B * sizes.T + 4u * sizes.B + 4u + tau * 48u * sizes.B + i0 * 48u + i1] = mul34;
}
