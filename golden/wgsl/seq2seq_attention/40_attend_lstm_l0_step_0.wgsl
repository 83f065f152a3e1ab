// attend_lstm_l0_step_0: one time step of attend_lstm_l0: h', c' (seq2seq_attention.cell:49-50)
// one thread per four elements along the last axis of [B, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

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
  let matmul31 = work_buf[99u * sizes.B * sizes.S + 98u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 64u + i1 + 48u];
  let bias_ih = params_buf[33412u + i1 + 48u];
  let add32 = (matmul31 + bias_ih);
  let matmul14 = work_buf[97u * sizes.B * sizes.S + 18u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 80u + i1 + 48u + 16u];
  let add34 = (add32 + matmul14);
  let bias_hh = params_buf[33476u + i1 + 48u];
  let gates = (add34 + bias_hh);
  let o = sigmoid4(gates);
  let matmul31_2 = work_buf[99u * sizes.B * sizes.S + 98u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 64u + i1 + 16u];
  let bias_ih_2 = params_buf[33412u + i1 + 16u];
  let add32_2 = (matmul31_2 + bias_ih_2);
  let matmul14_2 = work_buf[97u * sizes.B * sizes.S + 18u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 80u + i1 + 16u + 16u];
  let add34_2 = (add32_2 + matmul14_2);
  let bias_hh_2 = params_buf[33476u + i1 + 16u];
  let gates_2 = (add34_2 + bias_hh_2);
  let f = sigmoid4(gates_2);
  let c = work_buf[99u * sizes.B * sizes.S + 202u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + ((sizes.T - sizes.step) % 2u) * 16u * sizes.B + i0 * 16u + i1];
  let mul44 = (f * c);
  let matmul31_3 = work_buf[99u * sizes.B * sizes.S + 98u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 64u + i1 + 0u];
  let bias_ih_3 = params_buf[33412u + i1 + 0u];
  let add32_3 = (matmul31_3 + bias_ih_3);
  let matmul14_3 = work_buf[97u * sizes.B * sizes.S + 18u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 80u + i1 + 0u + 16u];
  let add34_3 = (add32_3 + matmul14_3);
  let bias_hh_3 = params_buf[33476u + i1 + 0u];
  let gates_3 = (add34_3 + bias_hh_3);
  let i = sigmoid4(gates_3);
  let matmul31_4 = work_buf[99u * sizes.B * sizes.S + 98u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 64u + i1 + 32u];
  let bias_ih_4 = params_buf[33412u + i1 + 32u];
  let add32_4 = (matmul31_4 + bias_ih_4);
  let matmul14_4 = work_buf[97u * sizes.B * sizes.S + 18u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + i0 * 80u + i1 + 32u + 16u];
  let add34_4 = (add32_4 + matmul14_4);
  let bias_hh_4 = params_buf[33476u + i1 + 32u];
  let gates_4 = (add34_4 + bias_hh_4);
  let g = tanh_safe4(gates_4);
  let mul45 = (i * g);
  let c_next = (mul44 + mul45);
  let tanh47 = tanh_safe4(c_next);
  let h_next = (o * tanh47);
  work_buf[65u * sizes.B * sizes.S + 2u * sizes.B + 86u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + write_slot * 16u * sizes.B + i0 * 16u + i1] = h_next;
  work_buf[99u * sizes.B * sizes.S + 202u * sizes.B + 102u * sizes.B * sizes.T + sizes.B * sizes.S * sizes.T + 1u + ((sizes.T - 1u - sizes.step) % 2u) * 16u * sizes.B + i0 * 16u + i1] = c_next;
}
