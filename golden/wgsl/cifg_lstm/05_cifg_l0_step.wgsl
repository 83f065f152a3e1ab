// cifg_l0_step: one time step of cifg_l0: out, c', out (cifg_lstm.cell:17-18)
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
  let matmul6 = work_buf[32u * sizes.B * sizes.T + 40u * sizes.B + i0 * 60u + i1 + 40u];
  let b = params_buf[1800u + i1 + 40u];
  let gates = (matmul6 + b);
  let o = sigmoid(gates);
  let matmul6_2 = work_buf[32u * sizes.B * sizes.T + 40u * sizes.B + i0 * 60u + i1 + 0u];
  let b_2 = params_buf[1800u + i1 + 0u];
  let gates_2 = (matmul6_2 + b_2);
  let f = sigmoid(gates_2);
  let c = work_buf[32u * sizes.B * sizes.T + 140u * sizes.B + ((sizes.T - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1];
  let mul14 = (f * c);
  let sub16 = (1.0 - f);
  let matmul6_3 = work_buf[32u * sizes.B * sizes.T + 40u * sizes.B + i0 * 60u + i1 + 20u];
  let b_3 = params_buf[1800u + i1 + 20u];
  let gates_3 = (matmul6_3 + b_3);
  let g = tanh_safe(gates_3);
  let mul17 = (sub16 * g);
  let c_next = (mul14 + mul17);
  let tanh19 = tanh_safe(c_next);
  let out_ = (o * tanh19);
  work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1] = out_;
  work_buf[32u * sizes.B * sizes.T + 140u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1] = c_next;
  work_buf[12u * sizes.B * sizes.T + tau * 20u * sizes.B + i0 * 20u + i1] = out_;
}
