// luong_decoder_l0_step: one time step of luong_decoder_l0: h', c' (attention_luong.cell:26-27)
// one thread per four elements along the last axis of [B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 4u;
  let rest = id / 4u;
  let i0 = rest;
  let hoisted12 = work_buf[6u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 17u * sizes.B + sizes.B * sizes.S * sizes.T + tau * 16u * sizes.B + i0 * 16u + i1 + 12u];
  let matmul12 = work_buf[26u * sizes.B * sizes.T + 10u * sizes.B * sizes.S + 21u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + i0 * 16u + i1 + 12u];
  let add13 = (hoisted12 + matmul12);
  let bias_hh = params_buf[400u + i1 + 12u];
  let gates = (add13 + bias_hh);
  let o = sigmoid4(gates);
  let hoisted12_2 = work_buf[6u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 17u * sizes.B + sizes.B * sizes.S * sizes.T + tau * 16u * sizes.B + i0 * 16u + i1 + 4u];
  let matmul12_2 = work_buf[26u * sizes.B * sizes.T + 10u * sizes.B * sizes.S + 21u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + i0 * 16u + i1 + 4u];
  let add13_2 = (hoisted12_2 + matmul12_2);
  let bias_hh_2 = params_buf[400u + i1 + 4u];
  let gates_2 = (add13_2 + bias_hh_2);
  let f = sigmoid4(gates_2);
  let c = work_buf[26u * sizes.B * sizes.T + 10u * sizes.B * sizes.S + 37u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + ((sizes.T - sizes.step) % 2u) * 4u * sizes.B + i0 * 4u + i1];
  let mul23 = (f * c);
  let hoisted12_3 = work_buf[6u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 17u * sizes.B + sizes.B * sizes.S * sizes.T + tau * 16u * sizes.B + i0 * 16u + i1 + 0u];
  let matmul12_3 = work_buf[26u * sizes.B * sizes.T + 10u * sizes.B * sizes.S + 21u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + i0 * 16u + i1 + 0u];
  let add13_3 = (hoisted12_3 + matmul12_3);
  let bias_hh_3 = params_buf[400u + i1 + 0u];
  let gates_3 = (add13_3 + bias_hh_3);
  let i = sigmoid4(gates_3);
  let hoisted12_4 = work_buf[6u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 17u * sizes.B + sizes.B * sizes.S * sizes.T + tau * 16u * sizes.B + i0 * 16u + i1 + 8u];
  let matmul12_4 = work_buf[26u * sizes.B * sizes.T + 10u * sizes.B * sizes.S + 21u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + i0 * 16u + i1 + 8u];
  let add13_4 = (hoisted12_4 + matmul12_4);
  let bias_hh_4 = params_buf[400u + i1 + 8u];
  let gates_4 = (add13_4 + bias_hh_4);
  let g = tanh_safe4(gates_4);
  let mul24 = (i * g);
  let c_next = (mul23 + mul24);
  let tanh26 = tanh_safe4(c_next);
  let h_next = (o * tanh26);
  work_buf[22u * sizes.B * sizes.T + 4u * sizes.B * sizes.S + 17u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + write_slot * 4u * sizes.B + i0 * 4u + i1] = h_next;
  work_buf[26u * sizes.B * sizes.T + 10u * sizes.B * sizes.S + 37u * sizes.B + 2u * sizes.B * sizes.S * sizes.T + ((sizes.T - 1u - sizes.step) % 2u) * 4u * sizes.B + i0 * 4u + i1] = c_next;
}
