// lstm_l0_backward_step_v47: one time step of lstm_l0_backward: %47, by parts; %34 (lstm.cell:18-22)
// one thread per four elements along the last axis of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 5u * sizes.B) { return; }
  let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards
  let read_slot = tau + 1u;
  let write_slot = tau;
  let i1 = id % 5u;
  let rest = id / 5u;
  let i0 = rest;
  let d_c = work_buf[13440u + 41u * sizes.B * sizes.T + 95u * sizes.B + ((sizes.T - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1];
  let d_h = work_buf[13440u + 41u * sizes.B * sizes.T + 85u * sizes.B + ((sizes.T - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1];
  let d_h_next = work_buf[640u + 8u * sizes.B * sizes.T + 45u * sizes.B + tau * 5u * sizes.B + i0 * 5u + i1];
  let add23 = (d_h + d_h_next);
  let gates_saved = work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 15u];
  let o = sigmoid4(gates_saved);
  let mul25 = (add23 * o);
  let gates_saved_2 = work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 5u];
  let f = sigmoid4(gates_saved_2);
  let c = work_buf[640u + 36u * sizes.B * sizes.T + 65u * sizes.B + tau * 5u * sizes.B + i0 * 5u + i1];
  let mul19 = (f * c);
  let gates_saved_3 = work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 0u];
  let i = sigmoid4(gates_saved_3);
  let gates_saved_4 = work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 10u];
  let g = tanh_safe4(gates_saved_4);
  let mul20 = (i * g);
  let c_next = (mul19 + mul20);
  let tanh22 = tanh_safe4(c_next);
  let mul27 = (tanh22 * tanh22);
  let sub28 = (vec4f(1.0) - mul27);
  let mul29 = (mul25 * sub28);
  let add30 = (d_c + mul29);
  let mul31 = (add30 * g);
  let sub44 = (vec4f(1.0) - i);
  let mul45 = (i * sub44);
  let mul46 = (mul31 * mul45);
  let mul33 = (add30 * c);
  let sub41 = (vec4f(1.0) - f);
  let mul42 = (f * sub41);
  let mul43 = (mul33 * mul42);
  let mul32 = (add30 * i);
  let mul38 = (g * g);
  let sub39 = (vec4f(1.0) - mul38);
  let mul40 = (mul32 * sub39);
  let mul24 = (add23 * tanh22);
  let sub35 = (vec4f(1.0) - o);
  let mul36 = (o * sub35);
  let mul37 = (mul24 * mul36);
  let mul34 = (add30 * f);
  work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 0u] = mul46;
  work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 5u] = mul43;
  work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 10u] = mul40;
  work_buf[640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B + i0 * 20u + i1 + 15u] = mul37;
  work_buf[13440u + 41u * sizes.B * sizes.T + 95u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1] = mul34;
}
