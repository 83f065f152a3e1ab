// cifg_l0_step: one time step of cifg_l0: out, c', out (cifg_lstm.cell:17-18)
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
  let matmul6 = work_buf[8u * sizes.B * sizes.T + 10u * sizes.B + i0 * 15u + i1 + 10u];
  let b = params_buf[450u + i1 + 10u];
  let gates = (matmul6 + b);
  let o = sigmoid4(gates);
  let matmul6_2 = work_buf[8u * sizes.B * sizes.T + 10u * sizes.B + i0 * 15u + i1 + 0u];
  let b_2 = params_buf[450u + i1 + 0u];
  let gates_2 = (matmul6_2 + b_2);
  let f = sigmoid4(gates_2);
  let c = work_buf[8u * sizes.B * sizes.T + 35u * sizes.B + ((sizes.T - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1];
  let mul14 = (f * c);
  let sub16 = (vec4f(1.0) - f);
  let matmul6_3 = work_buf[8u * sizes.B * sizes.T + 10u * sizes.B + i0 * 15u + i1 + 5u];
  let b_3 = params_buf[450u + i1 + 5u];
  let gates_3 = (matmul6_3 + b_3);
  let g = tanh_safe4(gates_3);
  let mul17 = (sub16 * g);
  let c_next = (mul14 + mul17);
  let tanh19 = tanh_safe4(c_next);
  let out_ = (o * tanh19);
  work_buf[8u * sizes.B * sizes.T + 25u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1] = out_;
  work_buf[8u * sizes.B * sizes.T + 35u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B + i0 * 5u + i1] = c_next;
  work_buf[3u * sizes.B * sizes.T + tau * 5u * sizes.B + i0 * 5u + i1] = out_;
}
