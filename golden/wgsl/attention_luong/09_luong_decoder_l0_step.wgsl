// luong_decoder_l0_step: one time step of luong_decoder_l0: h', c' (attention_luong.cell:26-27)
// one thread per element of [B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 16u;
  let rest = id / 16u;
  let i0 = rest;
  let hoisted12 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 68u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + tau * 64u * sizes.B + i0 * 64u + i1 + 48u];
  let matmul12 = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 84u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i0 * 64u + i1 + 48u];
  let add13 = (hoisted12 + matmul12);
  let bias_hh = params_buf[1600u + i1 + 48u];
  let gates = (add13 + bias_hh);
  let o = sigmoid(gates);
  let hoisted12_2 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 68u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + tau * 64u * sizes.B + i0 * 64u + i1 + 16u];
  let matmul12_2 = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 84u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i0 * 64u + i1 + 16u];
  let add13_2 = (hoisted12_2 + matmul12_2);
  let bias_hh_2 = params_buf[1600u + i1 + 16u];
  let gates_2 = (add13_2 + bias_hh_2);
  let f = sigmoid(gates_2);
  let c = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((sizes.T - sizes.step) % 2u) * 16u * sizes.B + i0 * 16u + i1];
  let mul23 = (f * c);
  let hoisted12_3 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 68u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + tau * 64u * sizes.B + i0 * 64u + i1 + 0u];
  let matmul12_3 = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 84u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i0 * 64u + i1 + 0u];
  let add13_3 = (hoisted12_3 + matmul12_3);
  let bias_hh_3 = params_buf[1600u + i1 + 0u];
  let gates_3 = (add13_3 + bias_hh_3);
  let i = sigmoid(gates_3);
  let hoisted12_4 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 68u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + tau * 64u * sizes.B + i0 * 64u + i1 + 32u];
  let matmul12_4 = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 84u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i0 * 64u + i1 + 32u];
  let add13_4 = (hoisted12_4 + matmul12_4);
  let bias_hh_4 = params_buf[1600u + i1 + 32u];
  let gates_4 = (add13_4 + bias_hh_4);
  let g = tanh_safe(gates_4);
  let mul24 = (i * g);
  let c_next = (mul23 + mul24);
  let tanh26 = tanh_safe(c_next);
  let h_next = (o * tanh26);
  work_buf[88u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 68u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + write_slot * 16u * sizes.B + i0 * 16u + i1] = h_next;
  work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((sizes.T - 1u - sizes.step) % 2u) * 16u * sizes.B + i0 * 16u + i1] = c_next;
}
